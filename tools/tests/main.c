// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl host unit tests: TAP 13 on stdout, exit 1 if any check failed.
 */

#include <stdarg.h>
#include <stdlib.h>

#include "gtpu.h"
#include "tap.h"

static unsigned int passed, failed;

static void tap_line(bool pass, const char *directive, const char *fmt, va_list ap)
{
	printf("%s %u - ", pass ? "ok" : "not ok", passed + failed + 1);
	vprintf(fmt, ap);
	printf("%s\n", directive);
	if (pass)
		passed++;
	else
		failed++;
}

void tap_check(bool pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_line(pass, "", fmt, ap);
	va_end(ap);
}

void tap_skip(const char *why, const char *fmt, ...)
{
	char directive[256];
	va_list ap;

	snprintf(directive, sizeof(directive), " # SKIP %s", why);
	va_start(ap, fmt);
	tap_line(true, directive, fmt, ap);
	va_end(ap);
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

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n");
	test_args();
	test_print();
	test_nl();
	test_cli();
	test_gtpu();
	test_batch();
	test_filter();
	test_peer();
	test_bigreply();
	printf("1..%u\n", passed + failed);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
