/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Argument parsing, names of values, batch-line tokenizing and error
 * reporting shared by every edgectl object. Nothing here talks to the kernel.
 */

#ifndef EDGECTL_UTILS_H
#define EDGECTL_UTILS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* strcmp() == 0, the first byte compared inline: keyword scans are hot in batches. */
static inline bool streq(const char *a, const char *b)
{
	return a[0] == b[0] && !strcmp(a, b);
}

/* Exit codes; SHOW_HELP is internal: print the object's usage, exit 0. */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,		/* bad arguments: the usage is shown */
	EXIT_KERNEL = 2,	/* netlink or kernel error */
	SHOW_HELP = -1,
};

/* Where normal output and diagnostics go; main() points them at stdout/stderr. */
extern FILE *out_fp, *err_fp;

/* "edgectl: OBJECT COMMAND: " prefix of errorf(), set by the dispatchers. */
void set_what(const char *object, const char *command);
const char *get_what(void);	/* "OBJECT COMMAND", to restore it with set_what(w, NULL) */
void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Tables of names by value, names[v] (NULL: no name): the value of name s,
 * or -1; the name of v, or for a value without one "KIND-V" in buf. Inline:
 * the tables are small and their size known, a batch looks names up on
 * every line.
 */
static inline int name_value(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] && streq(names[i], s))
			return i;
	return -1;
}

static inline const char *value_name(const char *const *names, size_t n, unsigned int v,
				     const char *kind, char *buf, size_t len)
{
	if (v < n && names[v])
		return names[v];
	snprintf(buf, len, "%s-%u", kind, v);
	return buf;
}

/* Pure checks: 0 if valid, else -1 and *why says what is wrong. */
int check_ifname(const char *name, const char **why);
int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);
int parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);

/* The same, reporting through errorf(); they return 0 or EXIT_USAGE. */
int arg_ifname(const char *name);
int arg_u32(const char *what, const char *s, uint32_t min, uint32_t max, uint32_t *out);
int arg_u64(const char *what, const char *s, uint64_t min, uint64_t max, uint64_t *out);
int arg_u16(const char *what, const char *s, uint16_t min, uint16_t max, uint16_t *out);
int arg_u8(const char *what, const char *s, uint8_t min, uint8_t max, uint8_t *out);
int arg_duplicate(const char *keyword);
int arg_required(const char *what);	/* "missing WHAT" */
int arg_missing(const char *keyword);
int arg_unexpected(const char *arg);
int arg_none(int argc, char **argv);	/* a command that takes no argument but help */

/*
 * What a parser of some keywords returns for one that is none of its own,
 * besides 0 (consumed), EXIT_USAGE and SHOW_HELP.
 */
#define RULE_NOT_MINE 2

/* Step to a keyword's value, failing when there is none (iproute2 style). */
#define NEXT_ARG()						\
	do {							\
		argv++;						\
		if (--argc <= 0)				\
			return arg_missing(argv[-1]);		\
	} while (0)

/*
 * Split one batch line in place into at most max arguments: blanks separate,
 * '#' at the start of a word begins a comment, '...' is literal, "..." and
 * bare words honour backslash escapes. Returns argc, or -1 with *err set.
 */
#define TOKENIZE_MAX_ARGS 1024
int tokenize(char *line, char **argv, int max, const char **err);

#endif /* EDGECTL_UTILS_H */
