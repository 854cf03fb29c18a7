// SPDX-License-Identifier: GPL-2.0
/*
 * The command line as a whole: dispatch, help, usage errors, exit codes and
 * batches, through edgectl_main() with its output captured. Commands that
 * need the kernel run offline (edgectl_offline), except one live check of
 * the "module not loaded" message.
 */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edgectl.h"
#include "tap.h"

struct run {
	int rc;
	char *out, *err;
};

static void run_argv(struct run *r, int argc, char **argv)
{
	struct capture out, err;

	capture_start(&out);
	capture_start(&err);
	out_fp = out.fp;
	err_fp = err.fp;
	r->rc = edgectl_main(argc, argv);
	out_fp = stdout;
	err_fp = stderr;
	r->out = capture_end(&out);
	r->err = capture_end(&err);
}

/* edgectl with the arguments up to NULL. */
static struct run *run(struct run *r, ...)
{
	char *argv[16] = { "edgectl" };
	int argc = 1;
	va_list ap;

	va_start(ap, r);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	run_argv(r, argc, argv);
	return r;
}

static void done(struct run *r)
{
	free(r->out);
	free(r->err);
}

static unsigned int count(const char *hay, const char *needle)
{
	unsigned int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay++;
	}
	return n;
}

/* Check exit code, and that stdout/stderr contain the given text (or anything if NULL). */
static void expect(struct run *r, int rc, const char *out, const char *err, const char *label)
{
	bool pass = r->rc == rc && (!out || strstr(r->out, out)) && (!err || strstr(r->err, err));

	check(pass, "cli: %s", label);
	if (!pass)
		printf("# rc %d\n# stdout: %s\n# stderr: %s\n", r->rc, r->out, r->err);
	done(r);
}

static char *batch_file(const char *text)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/edgectl-test-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
	return path;
}

static void test_dispatch(void)
{
	struct run r;

	expect(run(&r, "help", NULL), 0, "Usage: edgectl [ OPTIONS ] OBJECT", NULL, "help");
	expect(run(&r, "-h", NULL), 0, "Where: OBJECT := { info | dev | ep | session | pdr | far | qer | urr | peer | monitor }", NULL, "-h");
	expect(run(&r, "-V", NULL), 0, "edgectl ", NULL, "-V");
	expect(run(&r, NULL), 1, NULL, "Usage: edgectl", "no arguments: usage, exit 1");
	expect(run(&r, "bogus", NULL), 1, NULL, "edgectl: unknown object \"bogus\"",
	       "unknown object");
	expect(run(&r, "-x", "info", NULL), 1, NULL, "edgectl: unknown option \"-x\"",
	       "unknown option");
	expect(run(&r, "dev", "help", NULL), 0, "Usage: edgectl dev add", NULL, "dev help");
	expect(run(&r, "dev", "show", "help", NULL), 0, "IFINDEX := 1-2147483647", NULL,
	       "dev show help");
	expect(run(&r, "help", "dev", NULL), 0, "edgectl dev del", NULL, "help dev");
	expect(run(&r, "info", "help", NULL), 0, "Usage: edgectl info", NULL, "info help");
	expect(run(&r, "monitor", "help", NULL), 0, "Usage: edgectl monitor", NULL,
	       "monitor help");
	expect(run(&r, "dev", "frob", NULL), 1, NULL, "edgectl: dev: unknown command \"frob\"",
	       "unknown dev command");
	run(&r, "dev", "frob", NULL);
	check(strstr(r.err, "Usage: edgectl dev") && !r.out[0],
	      "cli: usage errors show the object's usage on stderr only");
	done(&r);
	expect(run(&r, "dev", "add", "a/b", NULL), 1, NULL,
	       "edgectl: dev add: invalid interface name \"a/b\"", "dev add bad name");
	expect(run(&r, "dev", "del", NULL), 1, NULL, "edgectl: dev del: missing device",
	       "dev del without a device");
	expect(run(&r, "dev", "set", "e0", NULL), 1, NULL,
	       "edgectl: dev set: nothing to set: give max-sessions N or max-rules N",
	       "dev set without a limit");
	expect(run(&r, "dev", "set", "e0", "max-sessions", "0", NULL), 1, NULL,
	       "invalid N \"0\"", "dev set max-sessions 0");
	expect(run(&r, "dev", "set", "e0", "max-rules", "4294967296", NULL), 1, NULL,
	       "invalid N \"4294967296\"", "dev set max-rules over u32");
	expect(run(&r, "dev", "set", "max-rules", "5", NULL), 1, NULL,
	       "edgectl: dev set: missing device", "dev set without a device");
	expect(run(&r, "dev", "add", "e0", "max-sessions", "5", "max-sessions", "6", NULL), 1,
	       NULL, "duplicate \"max-sessions\"", "dev add duplicate max-sessions");
	expect(run(&r, "dev", "show", "e0", "max-rules", "5", NULL), 1, NULL,
	       "unexpected argument \"max-rules\"", "dev show takes no limit");
	expect(run(&r, "dev", "del", "index", "x", NULL), 1, NULL, "invalid IFINDEX \"x\"",
	       "dev del bad index");
	expect(run(&r, "info", "extra", NULL), 1, NULL, "unexpected argument \"extra\"",
	       "info takes no argument");
	expect(run(&r, "-force", "info", NULL), 1, NULL, "-force needs -b FILE", "-force alone");
	expect(run(&r, "-b", NULL), 1, NULL, "missing argument after \"-b\"", "-b without file");
	expect(run(&r, "-b", "/nonexistent/x", NULL), 1, NULL, "cannot open /nonexistent/x",
	       "-b missing file");
	expect(run(&r, "-b", "x", "dev", NULL), 1, NULL, "-b FILE takes no command",
	       "-b with a command");

	edgectl_offline = true;
	expect(run(&r, "dev", "add", "foo", NULL), 2, NULL, "netlink is disabled",
	       "a kernel failure exits 2");
	expect(run(&r, "-j", "dev", "show", NULL), 2, NULL, NULL, "dev show failure exits 2");
	run(&r, "-j", "dev", "show", NULL);
	check(!r.out[0], "cli: a failed show prints no JSON");
	done(&r);
	edgectl_offline = false;
}

static void test_batch(void)
{
	const char *ok_batch = "# comment\n\n   \nhelp\n  dev help  # trailing\n\"dev\" 'help'\n";
	const char *bad_batch = "help\n\ndev bogus\nhelp\n";
	char *path;
	struct run r;

	path = batch_file(ok_batch);
	run(&r, "-b", path, NULL);
	check(r.rc == 0 && count(r.out, "Usage: edgectl dev add") == 2 && !r.err[0],
	      "batch: comments, blank lines and quotes");
	done(&r);
	unlink(path);

	path = batch_file(bad_batch);
	run(&r, "-b", path, NULL);
	check(r.rc == 1 && count(r.out, "Usage: edgectl [") == 1 &&
	      strstr(r.err, "unknown command \"bogus\"") && count(r.err, "Command failed ") == 1,
	      "batch: stops at the first failure");
	check(strstr(r.err, "Command failed ") && strstr(strstr(r.err, "Command failed "), ":3\n"),
	      "batch: reports Command failed FILE:LINE");
	done(&r);
	run(&r, "-force", "-b", path, NULL);
	check(r.rc == 1 && count(r.out, "Usage: edgectl [") == 2,
	      "batch: -force goes on after a failure");
	done(&r);
	unlink(path);

	path = batch_file("help\ndev add \"unterminated\n");
	expect(run(&r, "-b", path, NULL), 1, NULL, "unterminated quote", "batch: tokenizer error");
	run(&r, "-b", path, NULL);
	check(strstr(r.err, ":2\n") != NULL, "batch: tokenizer error names its line");
	done(&r);
	unlink(path);

	edgectl_offline = true;
	path = batch_file("dev add foo\ndev bogus\n");
	run(&r, "-force", "-b", path, NULL);
	check(r.rc == 2 && count(r.err, "Command failed") == 2,
	      "batch: -force exits with the worst code");
	done(&r);
	unlink(path);
	edgectl_offline = false;
}

/* Against the real kernel: the family is missing on a host without edgedp. */
static void test_live(void)
{
	struct run r;

	run(&r, "info", NULL);
	if (r.rc == 0)
		tap_skip("edgedp is loaded here", "cli: module not loaded message");
	else if (!strcmp(r.err, "edgedp: generic netlink family not found: is edgedp.ko loaded?\n"))
		check(r.rc == 2, "cli: module not loaded: message and exit 2");
	else if (r.rc == 2 && strstr(r.err, "edgectl: info:"))
		tap_skip("no generic netlink here", "cli: module not loaded message");
	else
		check(false, "cli: module not loaded: unexpected rc %d: %s", r.rc, r.err);
	done(&r);
}

void test_cli(void)
{
	test_dispatch();
	test_batch();
	test_live();
}
