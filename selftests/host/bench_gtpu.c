// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Micro-benchmark of edgedp_gtpu_parse() on the host, built -O2 like the
 * kernel and linked from a separate object, so each packet pays a real call
 * as it does in the datapath.
 *
 *   bench_gtpu                 ns/packet for each kind of packet
 *   bench_gtpu --count N KIND  exactly N parses of KIND, for callgrind
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gtpu/wire.h"

struct kind {
	const char *name;
	struct edgedp_gtpu_build_opts o;
};

static const struct kind kinds[] = {
	{ "plain", { 0 } },
	{ "psc-ul", { .has_psc = true, .pdu_type = EDGEDP_GTPU_PSC_UL, .qfi = 9 } },
	{ "psc-dl-seq", { .has_psc = true, .qfi = 5, .rqi = true, .has_seq = true } },
};

static u8 pkt[1500];

static size_t make(const struct kind *k)
{
	size_t hl;

	memset(pkt, 0x45, sizeof(pkt));
	hl = edgedp_gtpu_build(pkt, sizeof(pkt), EDGEDP_GTPU_GPDU, 0x1234, 1400, &k->o);
	if (!hl)
		abort();
	return hl + 1400;
}

static unsigned long run(size_t len, unsigned long n)
{
	struct edgedp_gtpu_hdr h;
	unsigned long acc = 0, i;

	for (i = 0; i < n; i++) {
		if (edgedp_gtpu_parse(pkt, len, &h))
			abort();
		acc += h.payload_len + h.qfi;
		/* Keep input and result opaque: no iteration is folded away. */
		__asm__ volatile("" : "+r"(acc) : "r"(pkt) : "memory");
	}
	return acc;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	const unsigned long n = 50000000;
	size_t i, len;

	if (argc == 4 && !strcmp(argv[1], "--count")) {
		for (i = 0; i < ARRAY_SIZE(kinds); i++) {
			if (!strcmp(kinds[i].name, argv[3])) {
				run(make(&kinds[i]), strtoul(argv[2], NULL, 0));
				return 0;
			}
		}
		fprintf(stderr, "unknown kind %s\n", argv[3]);
		return 2;
	}
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		double best = 0, t;
		int round;

		len = make(&kinds[i]);
		run(len, n / 10);	/* warm up */
		for (round = 0; round < 3; round++) {
			t = now();
			run(len, n);
			t = (now() - t) / n;
			if (!round || t < best)
				best = t;
		}
		printf("bench: parse %-10s %6.2f ns/packet (%.0f Mpps, best of 3 x %lu)\n",
		       kinds[i].name, best, 1e3 / best, n);
	}
	return 0;
}
