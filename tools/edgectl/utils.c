// SPDX-License-Identifier: GPL-2.0
/*
 * Argument parsing, batch-line tokenizing and error reporting.
 */

#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "utils.h"

FILE *out_fp, *err_fp;
static char what[64];

/* Appends s to what[] from position at, truncating; the new end. */
static size_t what_append(size_t at, const char *s)
{
	size_t len = strnlen(s, sizeof(what) - 1 - at);

	memcpy(what + at, s, len);
	return at + len;
}

/* Called for every line of a batch: plain copies, not snprintf(). */
void set_what(const char *object, const char *command)
{
	size_t at = what_append(0, object ? object : "");

	if (command) {
		at = what_append(at, " ");
		at = what_append(at, command);
	}
	what[at] = '\0';
}

const char *get_what(void)
{
	return what;
}

void errorf(const char *fmt, ...)
{
	FILE *fp = err_fp ? err_fp : stderr;
	va_list ap;

	fputs("edgectl: ", fp);
	if (what[0])
		fprintf(fp, "%s: ", what);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	fputc('\n', fp);
}

/*
 * The kernel's dev_valid_name() is the judge; this catches the common
 * mistakes early with a clear message.
 */
int check_ifname(const char *name, const char **why)
{
	size_t len = strlen(name);
	const char *p;

	*why = NULL;
	if (!len)
		*why = "empty";
	else if (len >= IFNAMSIZ)
		*why = "longer than 15 bytes";
	else if (!strcmp(name, ".") || !strcmp(name, ".."))
		*why = "\".\" and \"..\" are reserved";
	for (p = name; *p && !*why; p++) {
		if (*p == '/' || *p == ':')
			*why = "contains '/' or ':'";
		else if (isspace((unsigned char)*p))
			*why = "contains whitespace";
	}
	return *why ? -1 : 0;
}

/* Decimal, or hexadecimal with 0x; no sign, no blanks, nothing trailing. */
int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	int base = 10;
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!(base == 16 ? isxdigit((unsigned char)*s) : isdigit((unsigned char)*s)))
		return -1;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	uint64_t v;

	if (parse_u64(s, min, max, &v))
		return -1;
	*out = v;
	return 0;
}

int arg_ifname(const char *name)
{
	const char *why;

	if (!check_ifname(name, &why))
		return 0;
	errorf("invalid interface name \"%s\": %s", name, why);
	return EXIT_USAGE;
}

int arg_u32(const char *what, const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	if (!parse_u32(s, min, max, out))
		return 0;
	errorf("invalid %s \"%s\": expected an integer in %u-%u", what, s, min, max);
	return EXIT_USAGE;
}

int arg_u64(const char *what, const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	if (!parse_u64(s, min, max, out))
		return 0;
	errorf("invalid %s \"%s\": expected an integer in %llu-%llu", what, s,
	       (unsigned long long)min, (unsigned long long)max);
	return EXIT_USAGE;
}

int arg_u16(const char *what, const char *s, uint16_t min, uint16_t max, uint16_t *out)
{
	uint32_t v;
	int ret = arg_u32(what, s, min, max, &v);

	if (!ret)
		*out = v;
	return ret;
}

int arg_u8(const char *what, const char *s, uint8_t min, uint8_t max, uint8_t *out)
{
	uint32_t v;
	int ret = arg_u32(what, s, min, max, &v);

	if (!ret)
		*out = v;
	return ret;
}

int arg_duplicate(const char *keyword)
{
	errorf("duplicate \"%s\"", keyword);
	return EXIT_USAGE;
}

int arg_required(const char *what)
{
	errorf("missing %s", what);
	return EXIT_USAGE;
}

int arg_missing(const char *keyword)
{
	errorf("missing argument after \"%s\"", keyword);
	return EXIT_USAGE;
}

int arg_unexpected(const char *arg)
{
	errorf("unexpected argument \"%s\"", arg);
	return EXIT_USAGE;
}

int arg_none(int argc, char **argv)
{
	if (!argc)
		return 0;
	if (!strcmp(argv[0], "help"))
		return SHOW_HELP;
	return arg_unexpected(argv[0]);
}

int tokenize(char *line, char **argv, int max, const char **err)
{
	char *src = line, *dst;
	int argc = 0;

	for (;;) {
		char quote = 0;
		bool more;

		while (isspace((unsigned char)*src))
			src++;
		if (!*src || *src == '#')
			return argc;
		if (argc == max) {
			*err = "too many arguments";
			return -1;
		}
		argv[argc++] = dst = src;
		/* Most words are plain: skip them whole, nothing to move yet. */
		while ((unsigned char)*src > ' ' && *src != '\'' && *src != '"' && *src != '\\')
			src++;
		dst = src;
		for (; *src; src++) {
			if (quote == '\'') {
				if (*src == '\'')
					quote = 0;
				else
					*dst++ = *src;
			} else if (*src == '\\' && src[1]) {
				*dst++ = *++src;
			} else if (quote) {
				if (*src == '"')
					quote = 0;
				else
					*dst++ = *src;
			} else if (*src == '\'' || *src == '"') {
				quote = *src;
			} else if (isspace((unsigned char)*src)) {
				break;
			} else {
				*dst++ = *src;
			}
		}
		if (quote) {
			*err = "unterminated quote";
			return -1;
		}
		more = *src;	/* dst may point at src: read before writing */
		*dst = '\0';
		if (more)
			src++;
	}
}
