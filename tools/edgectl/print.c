// SPDX-License-Identifier: GPL-2.0
/*
 * Text and JSON output through one set of calls (see print.h): a small
 * streaming JSON writer, so dumps and monitor never build a tree.
 */

#include <inttypes.h>

#include "print.h"

#define MAX_DEPTH 16

static struct {
	FILE *fp;
	bool json, pretty;
	int depth;
	char kind[MAX_DEPTH + 1];	/* '{' or '[' per open container */
	bool empty[MAX_DEPTH + 1];	/* nothing printed in it yet */
} pr;

void print_init(FILE *fp, bool json, bool pretty)
{
	pr.fp = fp;
	pr.json = json;
	pr.pretty = pretty;
	pr.depth = 0;
}

bool is_json(void)
{
	return pr.json;
}

/*
 * The JSON writer runs per attribute of every session of a dump (100k
 * sessions: ~50 MB), so it writes plain runs whole and uses the unlocked
 * stdio calls (edgectl has one thread).
 */
static void json_str(const char *s)
{
	putc_unlocked('"', pr.fp);
	while (*s) {
		const char *run = s;
		unsigned char c;

		while ((c = *s) >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			s++;
		if (s > run)
			fwrite_unlocked(run, 1, s - run, pr.fp);
		if (!c)
			break;
		if (c == '"' || c == '\\')
			fprintf(pr.fp, "\\%c", c);
		else if (c == '\n')
			fputs_unlocked("\\n", pr.fp);
		else if (c == '\t')
			fputs_unlocked("\\t", pr.fp);
		else
			fprintf(pr.fp, "\\u%04x", c);
		s++;
	}
	putc_unlocked('"', pr.fp);
}

/* A decimal number without printf's format parsing. */
static void json_u64(uint64_t v)
{
	char buf[20], *p = buf + sizeof(buf);

	do {
		*--p = '0' + v % 10;
		v /= 10;
	} while (v);
	fwrite_unlocked(p, 1, buf + sizeof(buf) - p, pr.fp);
}

static void json_indent(int depth)
{
	if (!pr.pretty)
		return;
	putc_unlocked('\n', pr.fp);
	while (depth-- > 0)
		fputs_unlocked("    ", pr.fp);
}

/* Separator, indentation and "key": before a value at the current depth. */
static void json_begin(const char *key)
{
	if (!pr.depth)
		return;
	if (!pr.empty[pr.depth])
		putc_unlocked(',', pr.fp);
	pr.empty[pr.depth] = false;
	json_indent(pr.depth);
	if (pr.kind[pr.depth] == '{') {
		json_str(key ? key : "");
		fputs_unlocked(pr.pretty ? ": " : ":", pr.fp);
	}
}

/* A complete top-level value is one line of output. */
static void json_end(void)
{
	if (pr.depth)
		return;
	putc_unlocked('\n', pr.fp);
	fflush(pr.fp);
}

static void json_open(const char *key, char kind)
{
	if (!pr.json)
		return;
	json_begin(key);
	putc_unlocked(kind, pr.fp);
	if (pr.depth < MAX_DEPTH) {
		pr.depth++;
		pr.kind[pr.depth] = kind;
		pr.empty[pr.depth] = true;
	}
}

static void json_close(void)
{
	if (!pr.json || !pr.depth)
		return;
	if (!pr.empty[pr.depth])
		json_indent(pr.depth - 1);
	putc_unlocked(pr.kind[pr.depth] == '{' ? '}' : ']', pr.fp);
	pr.depth--;
	json_end();
}

void open_json_object(const char *key)
{
	json_open(key, '{');
}

void close_json_object(void)
{
	json_close();
}

void open_json_array(const char *key)
{
	json_open(key, '[');
}

void close_json_array(void)
{
	json_close();
}

void print_finish(void)
{
	while (pr.json && pr.depth)
		json_close();
	fflush(pr.fp);
}

void print_string(enum output_type t, const char *key, const char *fmt, const char *value)
{
	if (pr.json && (t & PRINT_JSON)) {
		json_begin(key);
		json_str(value ? value : "");
		json_end();
	} else if (!pr.json && (t & PRINT_FP) && fmt) {
		fprintf(pr.fp, fmt, value);
	}
}

void print_uint(enum output_type t, const char *key, const char *fmt, unsigned int value)
{
	print_u64(t, key, NULL, value);
	if (!pr.json && (t & PRINT_FP) && fmt)
		fprintf(pr.fp, fmt, value);
}

void print_u64(enum output_type t, const char *key, const char *fmt, uint64_t value)
{
	if (pr.json && (t & PRINT_JSON)) {
		json_begin(key);
		json_u64(value);
		json_end();
	} else if (!pr.json && (t & PRINT_FP) && fmt) {
		fprintf(pr.fp, fmt, value);
	}
}

void print_bool(enum output_type t, const char *key, const char *fmt, bool value)
{
	if (pr.json && (t & PRINT_JSON)) {
		json_begin(key);
		fputs_unlocked(value ? "true" : "false", pr.fp);
		json_end();
	} else if (!pr.json && (t & PRINT_FP) && fmt) {
		fprintf(pr.fp, fmt, value ? "on" : "off");
	}
}

void print_nl(void)
{
	if (!pr.json)
		fputc('\n', pr.fp);
}

void print_flush(void)
{
	fflush(pr.fp);
}
