// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: the client-side cost of "session add" lines, built without
 * sanitizers. The kernel is faked, so this is edgectl's own share: tokenize,
 * parse, build, queue, match the acks. The kernel's share and the syscalls
 * are measured end to end in the VM.
 */

#include <stdlib.h>
#include <string.h>

#include "gtpu.h"
#include "tap.h"

/* bench_build() and the fake come with the test files; their checks are unused. */
void tap_check(bool pass, const char *fmt, ...)
{
	(void)pass;
	(void)fmt;
}

void tap_skip(const char *why, const char *fmt, ...)
{
	(void)why;
	(void)fmt;
}

void capture_start(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->buf, &c->len);
	if (!c->fp)
		abort();
}

char *capture_end(struct capture *c)
{
	fclose(c->fp);
	return c->buf;
}

/*
 * bench.bin [N [show | show-text | show-json]]: N sessions; with a second
 * word only session show, plain and -j or one of them (for callgrind).
 */
int main(int argc, char **argv)
{
	unsigned int n = argc > 1 ? strtoul(argv[1], NULL, 0) : 100000;
	const char *only = argc > 2 ? argv[2] : NULL;
	double build, batch;
	int i;

	if (!n)
		n = 1;
	if (only)
		goto show;
	bench_build(n, &build, &batch);
	if (build < 0 || batch < 0) {
		fprintf(stderr, "bench: a request failed\n");
		return 1;
	}
	printf("session add (2 PDRs, 2 FARs), %u lines:\n"
	       "  tokenize + parse + build into a buffer: %.3f us a request\n"
	       "  whole -force batch (read, tokenize, parse, build, pipeline, match acks;\n"
	       "  fake kernel, no syscalls): %.3f us a line\n", n, build, batch);
show:
	for (i = 0; i < 2; i++) {
		size_t bytes;
		double us;

		if (only && strcmp(only, "show") && strcmp(only, i ? "show-json" : "show-text"))
			continue;
		us = bench_show(n, i, &bytes);

		if (us < 0) {
			fprintf(stderr, "bench: session show failed\n");
			return 1;
		}
		printf("%ssession show of %u sessions (2 PDRs, 2 FARs; fake kernel): "
		       "%.3f us a session, %zu bytes a session\n", i ? "-j " : "", n, us, bytes / n);
	}
	return 0;
}
