/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One print path for text and JSON, after iproute2's json_print.h:
 *
 *	print_uint(PRINT_ANY, "ifindex", "%u: ", ifindex);
 *
 * prints "5: " as text, or "ifindex":5 as a member of the open JSON object.
 * Containers are only opened in JSON mode; text layout is up to the format
 * strings and print_nl(). Each top-level JSON value ends with a newline, so
 * batch runs and monitor print one JSON document per line (unless pretty).
 *
 * Keys are edgectl's own names ("ifindex", "peer-check", "rx_packets"):
 * written as they are, without JSON escaping. Values are escaped, but for
 * those known to need none: print_name() and print_plain().
 */

#ifndef EDGECTL_PRINT_H
#define EDGECTL_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum output_type {
	PRINT_FP = 1,	/* text only */
	PRINT_JSON = 2,	/* JSON only */
	PRINT_ANY = 3,
};

void print_init(FILE *fp, bool json, bool pretty);
bool is_json(void);
void print_finish(void);	/* close whatever a failed command left open */

/*
 * The functions below take a key and its length: the inline wrappers that
 * callers use give it where it is known at compile time (a literal key), or
 * else PRINT_KEY_LEN, for JSON output to measure (text has no keys).
 */
#define PRINT_KEY_LEN ((size_t)-1)
#define PRINT_KEY_MAX 64	/* longer keys take the slow path */
#define PRINT_OUT_SIZE 65536
#define PRINT_MAX_DEPTH 16

static inline size_t print_key_len(const char *key)
{
	if (!key)
		return 0;
	return __builtin_constant_p(__builtin_strlen(key)) ? __builtin_strlen(key) : PRINT_KEY_LEN;
}

/*
 * The writer's state, in the open for the inline fast path below: a member
 * of a compact JSON object or array with a literal key is written where it
 * is printed, its key copied in a few stores of a constant size, with no
 * call but for its value. print.c owns the rest (see there).
 */
struct print_state {
	bool fast;		/* compact JSON inside a container: the inline path */
	bool in_obj;		/* the innermost container is an object: values have keys */
	bool comma;		/* something precedes in it: the next value needs ',' */
	bool json, pretty, tty;
	int depth;
	size_t len;
	FILE *fp;
	char kind[PRINT_MAX_DEPTH + 1];	/* '{' or '[' per open container */
	char out[PRINT_OUT_SIZE];	/* not yet handed to fp */
};

extern struct print_state print_state;

void print_out_flush(void);
char *print_dec(char *p, uint64_t v);	/* digits at p (20 bytes of room), returns their end */
void print_json_str(const char *s);	/* a quoted, escaped JSON string */
void print_json_plain(const char *s, size_t len);	/* quoted, s needing no escape */

/* Room for n more bytes (n <= PRINT_OUT_SIZE): where they go; len is the caller's to advance. */
static inline char *print_room(size_t n)
{
	if (print_state.len + n > PRINT_OUT_SIZE)
		print_out_flush();
	return print_state.out + print_state.len;
}

/* ',' if needed and "key": (in an object) at p, with room for n + 4 bytes; the end. */
static inline char *print_json_key(char *p, const char *key, size_t n)
{
	*p = ',';
	p += print_state.comma;
	print_state.comma = true;
	if (print_state.in_obj) {
		*p++ = '"';
		if (n)
			__builtin_memcpy(p, key, n);
		p += n;
		*p++ = '"';
		*p++ = ':';
	}
	return p;
}

/* Whether a value of type t with a key of length n takes the inline path. */
static inline bool print_inline(enum output_type t, size_t n)
{
	return print_state.fast && (t & PRINT_JSON) && n <= PRINT_KEY_MAX;
}

void open_json_object_n(const char *key, size_t key_len);
void open_json_array_n(const char *key, size_t key_len);
void print_close_slow(void);

void print_string_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		    const char *value);
void print_uint_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		  unsigned int value);
void print_u64_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		 uint64_t value);
void print_bool_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		  bool value);

/* An object or array opened in a compact one: inline, as its members are. */
static inline void print_open(const char *key, size_t n, char kind)
{
	char *p = print_json_key(print_room(n + 5), key, n);

	*p++ = kind;
	print_state.len = p - print_state.out;
	if (print_state.depth < PRINT_MAX_DEPTH) {
		print_state.kind[++print_state.depth] = kind;
		print_state.comma = false;
		print_state.in_obj = kind == '{';
	}
}

static inline void open_json_object(const char *key)
{
	size_t n = print_key_len(key);

	if (print_inline(PRINT_JSON, n))
		print_open(key, n, '{');
	else if (print_state.json)	/* text has no containers */
		open_json_object_n(key, n);
}

static inline void open_json_array(const char *key)
{
	size_t n = print_key_len(key);

	if (print_inline(PRINT_JSON, n))
		print_open(key, n, '[');
	else if (print_state.json)	/* text has no containers */
		open_json_array_n(key, n);
}

/*
 * The innermost container's end in compact JSON, inline unless it is a
 * top-level one (whose line then ends). Both close whichever is open.
 */
static inline void print_close(void)
{
	if (print_state.fast && print_state.depth > 1) {
		char *p = print_room(1);

		*p = print_state.kind[print_state.depth] == '{' ? '}' : ']';
		print_state.len++;
		print_state.depth--;
		print_state.comma = true;
		print_state.in_obj = print_state.kind[print_state.depth] == '{';
	} else if (print_state.json) {
		print_close_slow();
	}
}

static inline void close_json_object(void)
{
	print_close();
}

static inline void close_json_array(void)
{
	print_close();
}

/* A text-only value in compact JSON: nothing, without a call. */
static inline bool print_skip(enum output_type t)
{
	return print_state.fast && !(t & PRINT_JSON);
}

static inline void print_string(enum output_type t, const char *key, const char *fmt,
				const char *value)
{
	size_t n = print_key_len(key);

	if (print_skip(t))
		return;
	if (print_inline(t, n)) {
		print_state.len = print_json_key(print_room(n + 4), key, n) - print_state.out;
		print_json_str(value ? value : "");
		return;
	}
	print_string_n(t, key, n, fmt, value);
}

/* A compact JSON member "key":"value" of a value that needs no escape. */
static inline void print_json_plain_member(const char *key, size_t n, const char *value,
					   size_t len)
{
	print_state.len = print_json_key(print_room(n + 4), key, n) - print_state.out;
	print_json_plain(value, len);
}

/*
 * print_string() of a value known to need no JSON escape, len bytes long:
 * the addresses edgectl formats. JSON skips print_json_str()'s escape scan.
 */
static inline void print_plain(enum output_type t, const char *key, const char *fmt,
			       const char *value, size_t len)
{
	size_t n = print_key_len(key);

	if (print_skip(t))
		return;
	if (print_inline(t, n))
		print_json_plain_member(key, n, value, len);
	else
		print_string_n(t, key, n, fmt, value);
}

/*
 * print_plain() of a name from edgectl's tables, or the KIND-N it makes of
 * an unknown value (value_name()): letters, digits and '-'.
 */
static inline void print_name(enum output_type t, const char *key, const char *fmt,
			      const char *name)
{
	size_t n = print_key_len(key);

	if (print_skip(t))
		return;
	if (print_inline(t, n))
		print_json_plain_member(key, n, name, strlen(name));
	else
		print_string_n(t, key, n, fmt, name);
}

/* A compact JSON member "key": number written inline; false when it cannot be. */
static inline bool print_json_dec_member(enum output_type t, const char *key, size_t n,
					 uint64_t value)
{
	char *p;

	if (!print_inline(t, n))
		return false;
	p = print_json_key(print_room(n + 4 + 20), key, n);
	print_state.len = print_dec(p, value) - print_state.out;
	return true;
}

static inline void print_u64(enum output_type t, const char *key, const char *fmt,
			     uint64_t value)
{
	size_t n = print_key_len(key);

	if (!print_skip(t) && !print_json_dec_member(t, key, n, value))
		print_u64_n(t, key, n, fmt, value);
}

static inline void print_uint(enum output_type t, const char *key, const char *fmt,
			      unsigned int value)
{
	size_t n = print_key_len(key);

	if (!print_skip(t) && !print_json_dec_member(t, key, n, value))
		print_uint_n(t, key, n, fmt, value);
}

/*
 * JSON true or false; as text, fmt gets the string "on" or "off". A compact
 * JSON member is written inline, its word in one copy of 5 bytes (room is
 * made for them; a byte past "true" is overwritten by what follows).
 */
static inline void print_bool(enum output_type t, const char *key, const char *fmt, bool value)
{
	size_t n = print_key_len(key);
	char *p;

	if (print_skip(t))
		return;
	if (!print_inline(t, n)) {
		print_bool_n(t, key, n, fmt, value);
		return;
	}
	p = print_json_key(print_room(n + 4 + 5), key, n);
	__builtin_memcpy(p, value ? "true" : "false", 5);
	print_state.len = p + (value ? 4 : 5) - print_state.out;
}

void print_nl(void);		/* text newline */
void print_flush(void);

#endif /* EDGECTL_PRINT_H */
