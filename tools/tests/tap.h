/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny TAP 13 harness: one "ok N - name" line per check, then the plan
 * and a "N passed, N failed" summary.
 */

#ifndef EDGECTL_TESTS_TAP_H
#define EDGECTL_TESTS_TAP_H

#include <stdbool.h>
#include <stdio.h>

void tap_check(bool pass, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_skip(const char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define check(cond, ...) tap_check(!!(cond), __VA_ARGS__)

/* Output captured into memory: start, run, then end returns the text (free it). */
struct capture {
	FILE *fp;
	char *buf;
	size_t len;
};
void capture_start(struct capture *c);
char *capture_end(struct capture *c);

void test_args(void);
void test_print(void);
void test_nl(void);
void test_cli(void);
void test_filter(void);

#endif /* EDGECTL_TESTS_TAP_H */
