// SPDX-License-Identifier: GPL-2.0
/*
 * Pure argument logic: interface names, integers, the batch tokenizer and
 * the dev argument grammar.
 */

#include <stdlib.h>
#include <string.h>

#include "dev.h"
#include "edgectl.h"
#include "tap.h"

static void test_ifname(void)
{
	static const struct {
		const char *name, *label;
		bool valid;
	} cases[] = {
		{ "edgedp0", "edgedp0", true },
		{ "a", "one byte", true },
		{ "abcdefghijklmno", "15 bytes", true },
		{ "abcdefghijklmnop", "16 bytes", false },
		{ "", "empty", false },
		{ ".", "dot", false },
		{ "..", "dot-dot", false },
		{ "...", "three dots", true },
		{ "a/b", "slash", false },
		{ "a:b", "colon", false },
		{ "a b", "space", false },
		{ "a\tb", "tab", false },
		{ "ab\n", "newline", false },
		{ "edgedp%d", "%d template", true },
		{ "-s", "leading dash", true },
	};
	const char *why;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		bool valid = !check_ifname(cases[i].name, &why);

		check(valid == cases[i].valid && (valid || why),
		      "ifname: %s is %s", cases[i].label, cases[i].valid ? "valid" : "rejected");
	}
}

static void test_integers(void)
{
	static const struct {
		const char *s;
		uint64_t min, max;
		bool valid;
		uint64_t value;
	} cases[] = {
		{ "0", 0, 10, true, 0 },
		{ "10", 0, 10, true, 10 },
		{ "11", 0, 10, false, 0 },
		{ "0", 1, 10, false, 0 },
		{ "007", 0, 10, true, 7 },
		{ "08", 0, 10, true, 8 },
		{ "0x10", 0, 100, true, 16 },
		{ "0X1f", 0, 100, true, 31 },
		{ "0x", 0, 100, false, 0 },
		{ "4294967295", 0, UINT32_MAX, true, UINT32_MAX },
		{ "4294967296", 0, UINT32_MAX, false, 0 },
		{ "18446744073709551615", 0, UINT64_MAX, true, UINT64_MAX },
		{ "18446744073709551616", 0, UINT64_MAX, false, 0 },
		{ "-1", 0, UINT64_MAX, false, 0 },
		{ "+1", 0, UINT64_MAX, false, 0 },
		{ " 1", 0, UINT64_MAX, false, 0 },
		{ "1 ", 0, UINT64_MAX, false, 0 },
		{ "1x", 0, UINT64_MAX, false, 0 },
		{ "", 0, UINT64_MAX, false, 0 },
		{ "x1", 0, UINT64_MAX, false, 0 },
	};
	unsigned int i;
	uint32_t v32;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		uint64_t v = 12345;
		int ret = parse_u64(cases[i].s, cases[i].min, cases[i].max, &v);

		check(cases[i].valid ? !ret && v == cases[i].value : ret && v == 12345,
		      "integer: \"%s\" in %llu-%llu %s", cases[i].s,
		      (unsigned long long)cases[i].min, (unsigned long long)cases[i].max,
		      cases[i].valid ? "parses" : "is rejected");
	}
	check(!parse_u32("4294967295", 0, UINT32_MAX, &v32) && v32 == UINT32_MAX,
	      "integer: u32 maximum");
}

/* Expected tokens joined by '|', or NULL for an error. */
static void tokenize_case(const char *line, const char *label, const char *expect)
{
	char *buf = strdup(line), *argv[TOKENIZE_MAX_ARGS], joined[512] = "";
	const char *why = NULL;
	int argc = tokenize(buf, argv, ARRAY_SIZE(argv), &why), i;

	for (i = 0; i < argc; i++) {
		if (i)
			strcat(joined, "|");
		strncat(joined, argv[i], sizeof(joined) - strlen(joined) - 2);
	}
	if (expect)
		check(argc >= 0 && !strcmp(joined, expect), "tokenize: %s", label);
	else
		check(argc < 0 && why, "tokenize: %s is an error (%s)", label, why ? why : "?");
	free(buf);
}

static void test_tokenize(void)
{
	tokenize_case("dev add foo", "words", "dev|add|foo");
	tokenize_case("  dev\t add   foo  \r", "blanks and CR", "dev|add|foo");
	tokenize_case("", "empty line", "");
	tokenize_case("   \t ", "blank line", "");
	tokenize_case("# comment", "comment line", "");
	tokenize_case("   # indented comment", "indented comment", "");
	tokenize_case("dev show # trailing comment", "trailing comment", "dev|show");
	tokenize_case("dev add a#b", "# inside a word", "dev|add|a#b");
	tokenize_case("dev add \"a b\"", "double quotes", "dev|add|a b");
	tokenize_case("x 'a \"b\" c'", "single quotes keep double", "x|a \"b\" c");
	tokenize_case("a\\ b", "escaped blank", "a b");
	tokenize_case("\"a\\\"b\"", "escaped quote in quotes", "a\"b");
	tokenize_case("'a\\b'", "backslash literal in single quotes", "a\\b");
	tokenize_case("x \"\" y", "empty argument", "x||y");
	tokenize_case("ab\"cd ef\"gh", "quotes inside a word", "abcd efgh");
	tokenize_case("\"# not a comment\"", "quoted #", "# not a comment");
	tokenize_case("trailing\\", "trailing backslash", "trailing\\");
	tokenize_case("dev \"unterminated", "unterminated double quote", NULL);
	tokenize_case("'open", "unterminated single quote", NULL);
}

static void test_tokenize_limit(void)
{
	char many[2 * TOKENIZE_MAX_ARGS + 8] = "", *argv[TOKENIZE_MAX_ARGS + 1];
	const char *why;
	int i;

	for (i = 0; i < TOKENIZE_MAX_ARGS; i++)
		strcat(many, "x ");
	check(tokenize(many, argv, TOKENIZE_MAX_ARGS, &why) == TOKENIZE_MAX_ARGS,
	      "tokenize: exactly the maximum of arguments");
	strcpy(many, "a b c");
	check(tokenize(many, argv, 2, &why) < 0 && !strcmp(why, "too many arguments"),
	      "tokenize: one argument too many");
}

struct dev_case {
	const char *label;
	unsigned int allow;
	const char *args[5];
	int ret;
	const char *name;
	uint32_t ifindex;
	bool stats;
	const char *error;	/* substring of the message */
};

#define ADD	0
#define DEL	(DEV_ARG_INDEX | DEV_ARG_NEEDED)
#define SHOW	(DEV_ARG_INDEX | DEV_ARG_STATS)

static void test_dev_parse(void)
{
	static const struct dev_case cases[] = {
		{ "add: no name", ADD, { NULL }, 0, NULL, 0, false, NULL },
		{ "add: NAME", ADD, { "foo" }, 0, "foo", 0, false, NULL },
		{ "add: name NAME", ADD, { "name", "foo" }, 0, "foo", 0, false, NULL },
		{ "add: a device called help", ADD, { "name", "help" }, 0, "help", 0, false, NULL },
		{ "add: help", ADD, { "help" }, SHOW_HELP, NULL, 0, false, NULL },
		{ "add: no index", ADD, { "index", "3" }, EXIT_USAGE, NULL, 0, false,
		  "unexpected argument \"index\"" },
		{ "add: no stats", ADD, { "-s" }, EXIT_USAGE, NULL, 0, false,
		  "unexpected argument \"-s\"" },
		{ "add: a device called stats", ADD, { "name", "stats" }, 0, "stats", 0, false, NULL },
		{ "add: two names", ADD, { "a", "b" }, EXIT_USAGE, NULL, 0, false,
		  "unexpected argument \"b\"" },
		{ "add: bad name", ADD, { "a/b" }, EXIT_USAGE, NULL, 0, false,
		  "invalid interface name \"a/b\": contains '/' or ':'" },
		{ "add: name without value", ADD, { "name" }, EXIT_USAGE, NULL, 0, false,
		  "missing argument after \"name\"" },
		{ "del: nothing", DEL, { NULL }, EXIT_USAGE, NULL, 0, false, "missing device" },
		{ "del: NAME", DEL, { "edgedp0" }, 0, "edgedp0", 0, false, NULL },
		{ "del: index", DEL, { "index", "7" }, 0, NULL, 7, false, NULL },
		{ "del: index 0", DEL, { "index", "0" }, EXIT_USAGE, NULL, 0, false,
		  "invalid IFINDEX \"0\": expected an integer in 1-2147483647" },
		{ "del: index too big", DEL, { "index", "2147483648" }, EXIT_USAGE, NULL, 0, false,
		  "invalid IFINDEX" },
		{ "del: index without value", DEL, { "index" }, EXIT_USAGE, NULL, 0, false,
		  "missing argument after \"index\"" },
		{ "del: name and index", DEL, { "foo", "index", "3" }, EXIT_USAGE, NULL, 0, false,
		  "unexpected argument \"index\"" },
		{ "show: all", SHOW, { NULL }, 0, NULL, 0, false, NULL },
		{ "show: -s", SHOW, { "-s" }, 0, NULL, 0, true, NULL },
		{ "show: stats NAME", SHOW, { "stats", "edgedp0" }, 0, "edgedp0", 0, true, NULL },
		{ "show: NAME -s", SHOW, { "edgedp0", "-s" }, 0, "edgedp0", 0, true, NULL },
		{ "show: index -s", SHOW, { "index", "3", "-s" }, 0, NULL, 3, true, NULL },
		{ "show: trailing help", SHOW, { "edgedp0", "help" }, SHOW_HELP, NULL, 0, false, NULL },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct dev_case *c = &cases[i];
		char *argv[5] = { NULL }, *err;
		struct capture cap;
		struct dev_args a;
		int argc, ret;
		bool pass;

		for (argc = 0; c->args[argc]; argc++)
			argv[argc] = (char *)c->args[argc];
		capture_start(&cap);
		err_fp = cap.fp;
		ret = dev_parse(argc, argv, c->allow, &a);
		err_fp = stderr;
		err = capture_end(&cap);
		pass = ret == c->ret;
		if (!ret)
			pass = pass && a.ifindex == c->ifindex && a.stats == c->stats &&
			       (c->name ? a.name && !strcmp(a.name, c->name) : !a.name);
		if (c->error)
			pass = pass && strstr(err, c->error);
		check(pass, "dev args: %s", c->label);
		free(err);
	}
}

void test_args(void)
{
	test_ifname();
	test_integers();
	test_tokenize();
	test_tokenize_limit();
	test_dev_parse();
}
