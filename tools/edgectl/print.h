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
 * written as they are, without JSON escaping. Values are escaped.
 */

#ifndef EDGECTL_PRINT_H
#define EDGECTL_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

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

static inline size_t print_key_len(const char *key)
{
	if (!key)
		return 0;
	return __builtin_constant_p(__builtin_strlen(key)) ? __builtin_strlen(key) : PRINT_KEY_LEN;
}

void open_json_object_n(const char *key, size_t key_len);
void close_json_object(void);
void open_json_array_n(const char *key, size_t key_len);
void close_json_array(void);

void print_string_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		    const char *value);
void print_uint_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		  unsigned int value);
void print_u64_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		 uint64_t value);
void print_bool_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		  bool value);

static inline void open_json_object(const char *key)
{
	open_json_object_n(key, print_key_len(key));
}

static inline void open_json_array(const char *key)
{
	open_json_array_n(key, print_key_len(key));
}

static inline void print_string(enum output_type t, const char *key, const char *fmt,
				const char *value)
{
	print_string_n(t, key, print_key_len(key), fmt, value);
}

static inline void print_uint(enum output_type t, const char *key, const char *fmt,
			      unsigned int value)
{
	print_uint_n(t, key, print_key_len(key), fmt, value);
}

static inline void print_u64(enum output_type t, const char *key, const char *fmt,
			     uint64_t value)
{
	print_u64_n(t, key, print_key_len(key), fmt, value);
}

/* JSON true or false; as text, fmt gets the string "on" or "off". */
static inline void print_bool(enum output_type t, const char *key, const char *fmt, bool value)
{
	print_bool_n(t, key, print_key_len(key), fmt, value);
}

void print_nl(void);		/* text newline */
void print_flush(void);

#endif /* EDGECTL_PRINT_H */
