// SPDX-License-Identifier: GPL-2.0
/*
 * The command line as a whole: dispatch, help, usage errors, exit codes and
 * batches, through edgectl_main() with its output captured. Commands that
 * need the kernel run offline (edgectl_offline), except one live check of
 * the "module not loaded" message.
 */

#include <errno.h>
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

/* A batch file of len bytes of text, NUL bytes included. */
static char *batch_file_len(const char *text, size_t len)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/edgectl-test-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len)
		abort();
	close(fd);
	return path;
}

static char *batch_file(const char *text)
{
	return batch_file_len(text, strlen(text));
}

/*
 * Batches are read with getline(), wrapped in the tests (-Wl,--wrap): with
 * getline_fail.call set, that call from now fails as glibc's getline() does
 * when it runs out of memory in a line: -1 and ENOMEM, the stream's error
 * flag clear, the line read up to getline_fail.keep bytes. glibc's
 * <stdio.h> makes getline() an inline call of __getdelim() when optimizing:
 * both are wrapped.
 */
ssize_t __real___getdelim(char **line, size_t *size, int delim, FILE *fp);
ssize_t __wrap___getdelim(char **line, size_t *size, int delim, FILE *fp);
ssize_t __wrap_getline(char **line, size_t *size, FILE *fp);

static struct {
	unsigned int call;	/* 1: the next one; 0: none */
	long keep;
} getline_fail;

ssize_t __wrap___getdelim(char **line, size_t *size, int delim, FILE *fp)
{
	long start;
	ssize_t len;

	if (!getline_fail.call || --getline_fail.call)
		return __real___getdelim(line, size, delim, fp);
	start = ftell(fp);
	len = __real___getdelim(line, size, delim, fp);
	if (len > getline_fail.keep && start >= 0)
		fseek(fp, start + getline_fail.keep, SEEK_SET);
	errno = ENOMEM;
	return -1;
}

ssize_t __wrap_getline(char **line, size_t *size, FILE *fp)
{
	return __wrap___getdelim(line, size, '\n', fp);
}

/* The top-level usage, byte for byte: its two lists of objects come from objects[]. */
static const char usage_text[] =
	"Usage: edgectl [ OPTIONS ] OBJECT { COMMAND | help }\n"
	"       edgectl [ OPTIONS ] -b FILE [ -force ]\n"
	"       edgectl { -V | help }\n"
	"Where: OBJECT := { info | dev | ep | session | pdr | far | qer | urr | peer | monitor }\n"
	"       OPTIONS := { -j[son] | -p[retty] }\n"
	"       FILE := commands, one per line, \"-\" for stdin; -force goes on\n"
	"               after a failed command\n"
	"Objects:\n"
	"       info     module version, features and device count\n"
	"       dev      create, delete and show datapath devices\n"
	"       ep       local GTP-U endpoints of a device\n"
	"       session  PFCP sessions with their PDRs and FARs\n"
	"       pdr      edit one packet detection rule of a session\n"
	"       far      edit one forwarding action rule of a session\n"
	"       qer      edit one QoS enforcement rule of a session\n"
	"       urr      edit, show and reset usage reporting rules\n"
	"       peer     GTP-U peers supervised with Echo Requests\n"
	"       monitor  print events as they happen\n"
	"       help     this help, or an object's: help OBJECT\n";

static void test_usage(void)
{
	static const char unknown[] = "edgectl: unknown object \"bogus\"\n";
	struct run r;

	run(&r, "help", NULL);
	check(r.rc == 0 && !strcmp(r.out, usage_text) && !r.err[0],
	      "cli: help prints the usage, byte for byte, on stdout");
	done(&r);
	run(&r, "help", "help", NULL);
	check(r.rc == 0 && !strcmp(r.out, usage_text) && !r.err[0],
	      "cli: help help prints the usage");
	done(&r);
	run(&r, "-h", NULL);
	check(r.rc == 0 && !strcmp(r.out, usage_text) && !r.err[0],
	      "cli: -h prints the usage");
	done(&r);
	run(&r, NULL);
	check(r.rc == 1 && !r.out[0] && !strcmp(r.err, usage_text),
	      "cli: no arguments: the usage on stderr, exit 1");
	done(&r);
	run(&r, "bogus", NULL);
	check(r.rc == 1 && !r.out[0] && !strncmp(r.err, unknown, strlen(unknown)) &&
	      !strcmp(r.err + strlen(unknown), usage_text),
	      "cli: an unknown object: the error, then the usage");
	done(&r);
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

/* stderr is exactly want, PATH in it replaced by path. */
static bool err_is(const struct run *r, const char *want, const char *path)
{
	char buf[512];
	size_t at = 0;

	for (; *want && at < sizeof(buf) - 64; want++) {
		if (!strncmp(want, "PATH", 4)) {
			at += snprintf(buf + at, sizeof(buf) - at, "%s", path);
			want += 3;
		} else {
			buf[at++] = *want;
		}
	}
	buf[at] = '\0';
	if (strcmp(r->err, buf))
		printf("# stderr: %s# want:   %s", r->err, buf);
	return !strcmp(r->err, buf);
}

/* Lines that cannot be run as read: each an error of its line, nothing run for it. */
static void test_batch_bad_lines(void)
{
	/* Offline: a "dev show" that ran would fail with exit 2. */
	static const char nul[] = "help\ndev show\0 upf0\ndev help\n";
	struct run r;
	char *path;

	edgectl_offline = true;
	path = batch_file_len(nul, sizeof(nul) - 1);
	run(&r, "-b", path, NULL);
	check(r.rc == 1 && count(r.out, "Usage: edgectl [") == 1 &&
	      !strstr(r.out, "Usage: edgectl dev") &&
	      err_is(&r, "edgectl: NUL byte at column 9\nCommand failed PATH:2\n", path),
	      "batch: a NUL byte in a line is an error of that line, exit 1, "
	      "nothing after it runs");
	done(&r);
	run(&r, "-force", "-b", path, NULL);
	check(r.rc == 1 && count(r.out, "Usage: edgectl [") == 1 &&
	      count(r.out, "Usage: edgectl dev") == 1 &&
	      err_is(&r, "edgectl: NUL byte at column 9\nCommand failed PATH:2\n", path),
	      "batch: -force: the line with a NUL byte fails, the next one runs");
	done(&r);
	if (!freopen(path, "r", stdin))
		abort();
	run(&r, "-b", "-", NULL);
	check(r.rc == 1 && count(r.out, "Usage: edgectl [") == 1 &&
	      err_is(&r, "edgectl: NUL byte at column 9\nCommand failed -:2\n", path),
	      "batch: -b - (stdin): the same");
	done(&r);
	if (!freopen("/dev/null", "r", stdin))
		abort();
	unlink(path);

	/* getline() fails in line 2 with 10 bytes of it read: " help" must not run. */
	path = batch_file("help\nxxxxxxxxxx help\ndev help\n");
	getline_fail.call = 2;
	getline_fail.keep = 10;
	run(&r, "-b", path, NULL);
	check(r.rc == 1 && count(r.out, "Usage: edgectl [") == 1 &&
	      !strstr(r.out, "Usage: edgectl dev") &&
	      err_is(&r, "edgectl: reading PATH: Cannot allocate memory\n"
		     "Command failed PATH:2\n", path),
	      "batch: a line getline() fails to read (ENOMEM) is an error of that line, exit 1, "
	      "nothing after it runs");
	done(&r);
	getline_fail.call = 2;
	run(&r, "-force", "-b", path, NULL);
	check(r.rc == 1 && count(r.out, "Usage: edgectl [") == 1 &&
	      count(r.out, "Usage: edgectl dev") == 1 &&
	      err_is(&r, "edgectl: reading PATH: Cannot allocate memory\n"
		     "Command failed PATH:2\n", path),
	      "batch: -force: the rest of the line getline() failed is skipped, the next one runs");
	done(&r);
	getline_fail.call = 0;
	unlink(path);

	/* A stream that fails: reading a directory is EISDIR, each time. */
	run(&r, "-b", "/", NULL);
	check(r.rc == 1 && err_is(&r, "edgectl: reading /: Is a directory\n"
				  "Command failed /:1\n", "/"),
	      "batch: a read error names the line it failed, exit 1");
	done(&r);
	run(&r, "-force", "-b", "/", NULL);
	check(r.rc == 1 && count(r.err, "Command failed") == 1,
	      "batch: -force: a read error of the stream ends the batch");
	done(&r);
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
	test_usage();
	test_dispatch();
	test_batch();
	test_batch_bad_lines();
	test_live();
}
