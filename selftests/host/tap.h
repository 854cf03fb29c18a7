/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * TAP 13 output for the host test programs: one "ok"/"not ok" line per
 * test point, diagnostics on "#" lines, the plan at the end.
 */
#ifndef _EDGEDP_TAP_H
#define _EDGEDP_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static unsigned int tap_points, tap_failed;

#define TAP_UNUSED __attribute__((unused))

static TAP_UNUSED void tap_start(void)
{
	printf("TAP version 13\n");
	fflush(stdout);
}

static TAP_UNUSED void __attribute__((format(printf, 2, 3)))
tap_ok(bool ok, const char *fmt, ...)
{
	va_list ap;

	tap_points++;
	if (!ok)
		tap_failed++;
	printf("%sok %u - ", ok ? "" : "not ", tap_points);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static TAP_UNUSED void __attribute__((format(printf, 1, 2)))
tap_skip(const char *fmt, ...)
{
	va_list ap;

	tap_points++;
	printf("ok %u - ", tap_points);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* Prints the plan; the exit status of the program. */
static TAP_UNUSED int tap_end(void)
{
	printf("1..%u\n", tap_points);
	return tap_failed ? 1 : 0;
}

/*
 * Inside a test function with a local "bool ok": checks cond, and on failure
 * prints where and clears ok. Evaluates to cond.
 */
#define EXPECT(cond) ({								\
	bool c_ = (cond);							\
	if (!c_) {								\
		printf("#   %s:%d: %s\n", __FILE__, __LINE__, #cond);		\
		ok = false;							\
	}									\
	c_;									\
})

#endif /* _EDGEDP_TAP_H */
