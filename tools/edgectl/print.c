// SPDX-License-Identifier: GPL-2.0
/*
 * Text and JSON output through one set of calls (see print.h): a small
 * streaming JSON writer, so dumps and monitor never build a tree.
 */

#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "print.h"

#define MAX_DEPTH PRINT_MAX_DEPTH
#define OUT_SIZE PRINT_OUT_SIZE
#define KEY_MAX PRINT_KEY_MAX

_Static_assert(sizeof(((struct print_state *)0)->kind) == MAX_DEPTH + 1, "a kind per depth");

/*
 * A dump prints ~50 bytes at a time per attribute of 100k sessions (~50 MB),
 * so output goes to a buffer of our own, handed to stdio whole: when full (in
 * large writes that stdio passes straight to the file), at the end of each
 * top-level JSON value, on print_flush() and print_finish(), and on a
 * terminal at each line of text, so that what a reader sees, and when, is
 * what line-buffered stdio shows. Nothing else writes to fp in between.
 *
 * Whether a container is still empty is pr.comma alone: it is cleared when
 * one opens, set by any value in it, and set again when one closes (it was
 * a value of its parent).
 */
struct print_state print_state;
#define pr print_state

/* fast, in_obj: from json, pretty, depth and kind, after each change of them. */
static inline void state_update(void)
{
	pr.fast = pr.json && !pr.pretty && pr.depth;
	pr.in_obj = pr.kind[pr.depth] == '{';
}

void print_init(FILE *fp, bool json, bool pretty)
{
	int fd = fileno(fp);

	pr.fp = fp;
	pr.json = json;
	pr.pretty = pretty;
	pr.tty = fd >= 0 && isatty(fd);
	pr.depth = 0;
	pr.len = 0;
	pr.comma = false;
	state_update();
}

bool is_json(void)
{
	return pr.json;
}

/* Hand what is buffered to stdio (edgectl has one thread: unlocked). */
void print_out_flush(void)
{
	if (pr.len)
		fwrite_unlocked(pr.out, 1, pr.len, pr.fp);
	pr.len = 0;
}

/*
 * memcpy() of the few bytes of a key, number or word of text, without a call:
 * two copies of a constant size that overlap in the middle, each inside s.
 */
#define out_flush print_out_flush

static inline void copy_short(char *d, const char *s, size_t n)
{
	if (n >= 8 && n <= 16) {
		memcpy(d, s, 8);
		memcpy(d + n - 8, s + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(d, s, 4);
		memcpy(d + n - 4, s + n - 4, 4);
	} else if (n < 4) {
		while (n--)
			*d++ = *s++;
	} else {
		memcpy(d, s, n);
	}
}

static inline void out_put(const char *s, size_t n)
{
	if (pr.len + n > sizeof(pr.out)) {
		out_flush();
		if (n > sizeof(pr.out)) {
			fwrite_unlocked(s, 1, n, pr.fp);
			return;
		}
	}
	copy_short(pr.out + pr.len, s, n);
	pr.len += n;
}

static void out_char(char c)
{
	if (pr.len == sizeof(pr.out))
		out_flush();
	pr.out[pr.len++] = c;
}

static void out_str(const char *s)
{
	out_put(s, strlen(s));
}

#define out_room print_room

/*
 * A number in decimal at p, without printf: its digits end at buf + 20, and
 * the 20 bytes from its first go to p as one copy of a constant size (no
 * call). Returns the end of the digits.
 */
char *print_dec(char *p, uint64_t v)
{
	static const char pairs[200] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	char buf[40], *d = buf + 20;

	/* Two digits a division, from a table. */
	while (v >= 100) {
		d -= 2;
		memcpy(d, pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		d -= 2;
		memcpy(d, pairs + 2 * v, 2);
	} else {
		*--d = '0' + v;
	}
	memcpy(p, d, 20);
	return p + (buf + 20 - d);
}

static void out_dec(uint64_t v)
{
	char *p = out_room(20);

	pr.len = print_dec(p, v) - pr.out;
}

/* In hexadecimal (text only: TEIDs). */
static void out_hex(uint64_t v)
{
	char buf[16], *p = buf + sizeof(buf);

	do {
		*--p = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	out_put(p, buf + sizeof(buf) - p);
}

/* The bytes a JSON string holds as they are: not '"', '\\', controls, DEL or NUL. */
static const bool json_plain[256] = {
	[0x20 ... 0x21] = true, [0x23 ... 0x5b] = true, [0x5d ... 0x7e] = true,
	[0x80 ... 0xff] = true,
};

void print_json_str(const char *s)
{
	const char *end = s;

	/* Most strings need no escape: quoted in one copy. */
	while (json_plain[(unsigned char)*end])
		end++;
	if (!*end && end - s <= KEY_MAX) {
		size_t n = end - s;
		char *p = out_room(KEY_MAX + 2);

		*p = '"';
		copy_short(p + 1, s, n);
		p[n + 1] = '"';
		pr.len += n + 2;
		return;
	}
	out_char('"');
	for (;;) {
		const char *run = s;
		unsigned char c;

		while (json_plain[(unsigned char)*s])
			s++;
		out_put(run, s - run);
		c = *s++;
		if (!c)
			break;
		out_char('\\');
		if (c == '"' || c == '\\') {
			out_char(c);
		} else if (c == '\n') {
			out_char('n');
		} else if (c == '\t') {
			out_char('t');
		} else {
			out_put("u00", 3);
			out_char("0123456789abcdef"[c >> 4]);
			out_char("0123456789abcdef"[c & 15]);
		}
	}
	out_char('"');
}

void print_json_plain(const char *s, size_t len)
{
	char *p;

	if (len > KEY_MAX) {
		out_char('"');
		out_put(s, len);
		out_char('"');
		return;
	}
	p = out_room(KEY_MAX + 2);
	*p = '"';
	copy_short(p + 1, s, len);
	p[len + 1] = '"';
	pr.len += len + 2;
}

static void json_indent(int depth)
{
	if (!pr.pretty)
		return;
	out_char('\n');
	while (depth-- > 0)
		out_put("    ", 4);
}

/* json_begin() pretty, or with a long key: n is its length. Not inlined there. */
static __attribute__((noinline)) void json_begin_slow(const char *key, size_t n)
{
	if (pr.comma)
		out_char(',');
	pr.comma = true;
	json_indent(pr.depth);
	if (pr.in_obj) {
		out_char('"');
		out_put(key ? key : "", n);
		out_put(pr.pretty ? "\": " : "\":", pr.pretty ? 3 : 2);
	}
}

/*
 * Separator, indentation and "key": before a value at the current depth.
 * Keys are the callers' constants (print.h), written as they are.
 */
static void json_begin(const char *key, size_t n)
{
	char *p;

	if (!pr.depth)
		return;
	if (n == PRINT_KEY_LEN)
		n = strlen(key);
	if (pr.pretty || n > KEY_MAX) {
		json_begin_slow(key, n);
		return;
	}
	p = out_room(KEY_MAX + 4);
	if (pr.comma)
		*p++ = ',';
	pr.comma = true;
	if (pr.in_obj) {
		*p++ = '"';
		copy_short(p, key, n);
		p += n;
		*p++ = '"';
		*p++ = ':';
	}
	pr.len = p - pr.out;
}

/* A complete top-level value is one line of output. */
static void json_end(void)
{
	if (pr.depth)
		return;
	out_char('\n');
	print_flush();
}

static void json_open(const char *key, size_t key_len, char kind)
{
	if (!pr.json)
		return;
	json_begin(key, key_len);
	out_char(kind);
	if (pr.depth < MAX_DEPTH) {
		pr.depth++;
		pr.kind[pr.depth] = kind;
		pr.comma = false;
		state_update();
	}
}

static void json_close(void)
{
	if (!pr.json || !pr.depth)
		return;
	if (pr.comma)
		json_indent(pr.depth - 1);
	out_char(pr.kind[pr.depth] == '{' ? '}' : ']');
	pr.depth--;
	pr.comma = true;
	state_update();
	json_end();
}

void open_json_object_n(const char *key, size_t key_len)
{
	json_open(key, key_len, '{');
}

void open_json_array_n(const char *key, size_t key_len)
{
	json_open(key, key_len, '[');
}

/* Any container's end: close_json_object() and close_json_array() when not inline. */
void print_close_slow(void)
{
	json_close();
}

void print_finish(void)
{
	while (pr.json && pr.depth)
		json_close();
	print_flush();
}

/* The value of a text format's conversion. */
struct text_arg {
	const char *s;		/* %s */
	uint64_t v;		/* %u, %x: an unsigned int, or with l/ll a uint64_t */
	bool is_str, is_u64;
};

/* What the fast path of text_print() cannot write: through printf. */
static void text_printf(const char *fmt, const struct text_arg *a)
{
	out_flush();
	if (a->is_str)
		fprintf(pr.fp, fmt, a->s);
	else if (a->is_u64)
		fprintf(pr.fp, fmt, a->v);
	else
		fprintf(pr.fp, fmt, (unsigned int)a->v);
}

/*
 * The text formats are the callers' constants: literal text with at most one
 * %s, %u or %x conversion (%" PRIu64 " and %" PRIx64 " too), without flags or
 * a width. Those are written here without printf, whose format parsing was
 * most of the cost of a dump; any other format is printf's.
 */
static void text_print(const char *fmt, const struct text_arg *a)
{
	const char *pct = strchr(fmt, '%'), *conv;

	if (!pct) {
		out_str(fmt);
		return;
	}
	for (conv = pct + 1; *conv == 'l'; conv++)
		;
	if ((conv[1] && strchr(conv + 1, '%')) ||
	    (*conv == 's' ? !a->is_str || conv > pct + 1 :
	     (*conv != 'u' && *conv != 'x') || a->is_str)) {
		text_printf(fmt, a);
		return;
	}
	out_put(fmt, pct - fmt);
	if (*conv == 's')
		out_str(a->s ? a->s : "(null)");
	else if (*conv == 'x')
		out_hex(a->v);
	else
		out_dec(a->v);
	if (conv[1])
		out_str(conv + 1);
}

/* A number as a JSON value. */
static inline void json_u64(const char *key, size_t key_len, uint64_t value)
{
	json_begin(key, key_len);
	out_dec(value);
	json_end();
}

void print_string_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		    const char *value)
{
	if (pr.json && (t & PRINT_JSON)) {
		json_begin(key, key_len);
		print_json_str(value ? value : "");
		json_end();
	} else if (!pr.json && (t & PRINT_FP) && fmt) {
		text_print(fmt, &(struct text_arg){ .s = value, .is_str = true });
	}
}

void print_uint_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		  unsigned int value)
{
	if (pr.json && (t & PRINT_JSON))
		json_u64(key, key_len, value);
	else if (!pr.json && (t & PRINT_FP) && fmt)
		text_print(fmt, &(struct text_arg){ .v = value });
}

void print_u64_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		 uint64_t value)
{
	if (pr.json && (t & PRINT_JSON))
		json_u64(key, key_len, value);
	else if (!pr.json && (t & PRINT_FP) && fmt)
		text_print(fmt, &(struct text_arg){ .v = value, .is_u64 = true });
}

void print_bool_n(enum output_type t, const char *key, size_t key_len, const char *fmt,
		  bool value)
{
	if (pr.json && (t & PRINT_JSON)) {
		json_begin(key, key_len);
		if (value)
			out_put("true", 4);
		else
			out_put("false", 5);
		json_end();
	} else if (!pr.json && (t & PRINT_FP) && fmt) {
		text_print(fmt, &(struct text_arg){ .s = value ? "on" : "off", .is_str = true });
	}
}

void print_nl(void)
{
	if (pr.json)
		return;
	out_char('\n');
	if (pr.tty)
		out_flush();
}

void print_flush(void)
{
	out_flush();
	fflush(pr.fp);
}
