/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the GTP-U tests: edgectl run on a command line with a fake
 * kernel behind it, output captured.
 */

#ifndef EDGECTL_TESTS_GTPU_H
#define EDGECTL_TESTS_GTPU_H

#include "edgectl.h"
#include "fake.h"

struct run {
	int rc;
	char *out, *err;
};

extern struct fake fk;

/* Install a fresh fake kernel as edgectl's transport (handler may be NULL). */
void fake_start(int (*handler)(struct fake *f, const struct nlmsghdr *req));
void fake_stop(void);

/* edgectl with the words of line (tokenized as a batch line). */
void run_line(struct run *r, const char *line);
void run_done(struct run *r);

/* Microseconds per request: parse and build n session adds; a -force batch of them. */
void bench_build(unsigned int n, double *build_us, double *batch_us);
/* Microseconds per session of "[-j] session show" of n sessions; *bytes printed. */
double bench_show(unsigned int n, bool json, size_t *bytes);

void test_gtpu(void);
void test_batch(void);
void test_peer(void);	/* test_peer.c */
void test_bigreply(void);	/* test_bigreply.c */

#endif /* EDGECTL_TESTS_GTPU_H */
