// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Micro-benchmark of edgedp_cls_lookup() on the host, -O2 like the kernel,
 * linked from a separate object. A session of uplink PDRs (up to 256) holds
 * N filters in a few realistic shapes (MEC breakout: server /32 + UDP port,
 * a /24 with a TCP port range, a bare /32, IPv6 /64 + UDP port, a protocol
 * alone); the one filter the packet matches is last by precedence, so the
 * lookup cannot stop early. "random shapes" gives every filter random prefix
 * lengths: the worst case of tuple-space search (one tuple per shape).
 *
 *   bench_classifier                      ns/lookup for 10, 1k, 10k filters
 *   bench_classifier --count N FILTERS    exactly N lookups, for callgrind
 *   bench_classifier --count N rFILTERS   the same with random shapes
 *   bench_classifier --count N cFILTERS   through the exact-match cache
 *                                         (edgedp_cls_lookup_cached(), 1,024
 *                                         slots as in the kernel), one flow:
 *                                         every lookup after the first hits
 *   bench_classifier --count N mFILTERS   the same, a new source port per
 *                                         lookup (65,536 flows): every lookup misses
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gtpu/classifier.h"

static u32 rnd_state = 0x12345678;

static u32 rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

struct set {
	struct edgedp_cls *cls;
	struct edgedp_cls_pkt pkt;
	struct edgedp_cls_res want;
	struct edgedp_cls_pdr *pdrs;
	struct edgedp_sdf *sdf;
};

/* Filter i: in one of five shapes, never matching the benchmark packet. */
static void shape(struct edgedp_sdf *s, unsigned int i, bool random_shapes)
{
	memset(s, 0, sizeof(*s));
	/* 198.18.0.0/15 (RFC 2544) servers, UE pool 10.60.0.0/16 */
	s->family = 4;
	edgedp_put_be32(s->src, 0xc6120000 | (i & 0x1ffff));
	edgedp_put_be32(s->dst, 0x0a3c0000 | (rnd() & 0xffff));
	switch (random_shapes ? 5 : i % 5) {
	case 0:
		s->flags = EDGEDP_SDF_F_SRC | EDGEDP_SDF_F_PROTO | EDGEDP_SDF_F_SPORT;
		s->src_plen = 32;
		s->proto = 17;
		s->sport_min = s->sport_max = 5000 + i % 1000;
		break;
	case 1:
		s->flags = EDGEDP_SDF_F_SRC | EDGEDP_SDF_F_PROTO | EDGEDP_SDF_F_SPORT;
		edgedp_put_be32(s->src, 0xc6120000 | (i & 0x1ff) << 8);
		s->src_plen = 24;
		s->proto = 6;
		s->sport_min = 8000;
		s->sport_max = 8100;
		break;
	case 2:
		s->flags = EDGEDP_SDF_F_SRC | EDGEDP_SDF_F_DST;
		s->src_plen = 32;
		s->dst_plen = 16;
		break;
	case 3:
		s->flags = EDGEDP_SDF_F_SRC | EDGEDP_SDF_F_PROTO | EDGEDP_SDF_F_SPORT;
		s->family = 6;
		memset(s->src, 0, 16);
		edgedp_put_be32(s->src, 0x20010db8);
		edgedp_put_be32(s->src + 4, i);
		s->src_plen = 64;
		s->proto = 17;
		s->sport_min = s->sport_max = 443;
		break;
	case 4:
		s->flags = EDGEDP_SDF_F_PROTO | EDGEDP_SDF_F_TOS;
		s->proto = 47;	/* GRE with a DSCP: the packet is neither */
		s->tos = i & 0xfc;
		s->tos_mask = 0xfc;
		break;
	default:
		s->flags = EDGEDP_SDF_F_SRC | EDGEDP_SDF_F_DST | EDGEDP_SDF_F_PROTO;
		s->src_plen = 8 + rnd() % 25;
		s->dst_plen = 8 + rnd() % 9;
		s->proto = 17;
		break;
	}
}

static void build(struct set *st, unsigned int n, bool random_shapes)
{
	unsigned int n_pdrs = n < 100 ? n : n / 40 < 256 ? n / 40 : 256;
	struct edgedp_cls_err err;
	struct edgedp_sdf *last;
	unsigned int i, k;

	if (n_pdrs < 1)
		n_pdrs = 1;
	st->pdrs = calloc(n_pdrs, sizeof(*st->pdrs));
	st->sdf = calloc(n, sizeof(*st->sdf));
	if (!st->pdrs || !st->sdf)
		abort();
	for (i = 0; i < n; i++)
		shape(&st->sdf[i], i, random_shapes);
	for (i = 0, k = 0; i < n_pdrs; i++) {
		unsigned int take = (n - k) / (n_pdrs - i);

		st->pdrs[i] = (struct edgedp_cls_pdr){
			.precedence = 100 + i, .id = i + 1, .index = i, .swap = true,
			.n_sdf = take, .sdf = &st->sdf[k],
		};
		k += take;
	}
	/* The last filter of the last PDR: UDP from 203.0.113.9 port 7000. */
	last = &st->sdf[n - 1];
	memset(last, 0, sizeof(*last));
	last->flags = EDGEDP_SDF_F_SRC | EDGEDP_SDF_F_PROTO | EDGEDP_SDF_F_SPORT;
	last->family = 4;
	edgedp_put_be32(last->src, 0xcb007109);
	last->src_plen = 32;
	last->proto = 17;
	last->sport_min = last->sport_max = 7000;
	if (edgedp_cls_compile(st->pdrs, n_pdrs, &edgedp_cls_default_alloc, &st->cls, &err)) {
		fprintf(stderr, "compile: %s\n", err.msg);
		exit(1);
	}
	/* Uplink: UE 10.60.1.2:40000 -> 203.0.113.9:7000. */
	st->pkt = (struct edgedp_cls_pkt){
		.family = 4, .proto = 17, .flags = EDGEDP_CLS_PKT_PORTS,
		.sport = 40000, .dport = 7000, .src = { 0x0a3c0102 }, .dst = { 0xcb007109 },
	};
	st->want.pdr = n_pdrs - 1;
	st->want.filter = st->pdrs[n_pdrs - 1].n_sdf - 1;
}

static unsigned long run(const struct set *st, unsigned long n)
{
	struct edgedp_cls_res res;
	unsigned long acc = 0, i;

	for (i = 0; i < n; i++) {
		if (!edgedp_cls_lookup(st->cls, &st->pkt, NULL, &res) ||
		    res.pdr != st->want.pdr || res.filter != st->want.filter)
			abort();
		acc += res.rank;
		__asm__ volatile("" : "+r"(acc) : "r"(st) : "memory");
	}
	return acc;
}

/* Through a cache as the kernel's: one flow, or a new flow each time. */
static unsigned long run_cached(const struct set *st, unsigned long n, bool new_flows)
{
	const unsigned int slots = 1024;
	struct edgedp_cls_cache *c = calloc(1, edgedp_cls_cache_size(slots));
	struct edgedp_cls_pkt pkt = st->pkt;
	struct edgedp_cls_res res;
	unsigned long acc = 0, i;

	if (!c)
		abort();
	edgedp_cls_cache_init(c, slots);
	for (i = 0; i < n; i++) {
		if (new_flows)
			pkt.sport = (u16)i;	/* the UE's port: no filter looks at it */
		if (!edgedp_cls_lookup_cached(c, 1, 1, st->cls, &pkt, NULL, &res) ||
		    res.pdr != st->want.pdr || res.filter != st->want.filter)
			abort();
		acc += res.rank;
		__asm__ volatile("" : "+r"(acc) : "r"(st) : "memory");
	}
	printf("# cache: %u hits, %u misses\n", c->hits, c->misses);
	free(c);
	return acc;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double bench(unsigned int n, bool random_shapes)
{
	const unsigned long count = random_shapes ? 20000 : 5000000;
	double best = 0, t;
	struct set st;
	int round;

	build(&st, n, random_shapes);
	run(&st, count / 10);
	for (round = 0; round < 3; round++) {
		t = now();
		run(&st, count);
		t = (now() - t) / count;
		if (!round || t < best)
			best = t;
	}
	printf("bench: classify %5u filters%s %7.2f ns/lookup (%u tuples, %zu bytes)\n",
	       n, random_shapes ? " random shapes" : "              ", best,
	       edgedp_cls_tuples(st.cls), edgedp_cls_size(st.cls));
	edgedp_cls_free(st.cls);
	free(st.sdf);
	free(st.pdrs);
	return best;
}

int main(int argc, char **argv)
{
	static const unsigned int sizes[] = { 10, 1000, 10000 };
	double t10 = 0, t;
	unsigned int i;

	if (argc == 4 && !strcmp(argv[1], "--count")) {
		char mode = argv[3][0];
		bool letter = mode == 'r' || mode == 'c' || mode == 'm';
		unsigned long count = strtoul(argv[2], NULL, 0);
		struct set st;

		build(&st, strtoul(argv[3] + letter, NULL, 0), mode == 'r');
		if (mode == 'c' || mode == 'm')
			run_cached(&st, count, mode == 'm');
		else
			run(&st, count);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		t = bench(sizes[i], false);
		if (!i)
			t10 = t;
		else
			printf("bench: classify %5u filters: %.2fx of 10\n", sizes[i], t / t10);
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		bench(sizes[i], true);
	return 0;
}
