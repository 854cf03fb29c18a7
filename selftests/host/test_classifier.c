// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Host unit tests of kmod/gtpu/classifier.c, built with ASan and UBSan: the
 * in-kernel self test (kmod/gtpu/selftest/classifier.c) run as is, then the large
 * randomized run against the naive reference (rule sets of 0 to 10k filters,
 * CLS_PKTS packets each), compile failing cleanly at every allocation, and
 * edgedp_cls_pkt_parse() on built packets. Prints TAP 13.
 *
 *   test_classifier                 run the tests
 *   EDGEDP_SEED=N test_classifier   reproduce a randomized run
 *   CLS_PKTS=N test_classifier      packets per rule set (100000)
 *   test_classifier --corpus DIR    write fuzz_classifier seed inputs to DIR
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gtpu/classifier.h"
#include "tap.h"

/* An allocator that fails its nth call. */
struct failing {
	unsigned int calls, fail_at, live;
};

static void *failing_zalloc(size_t size, void *ctx)
{
	struct failing *f = ctx;

	if (++f->calls == f->fail_at)
		return NULL;
	f->live++;
	return calloc(1, size);
}

static void failing_free(void *p, void *ctx)
{
	struct failing *f = ctx;

	if (p)
		f->live--;
	free(p);
}

static void test_alloc_failures(void)
{
	struct edgedp_sdf sdf[2] = {
		{ .flags = EDGEDP_SDF_F_PROTO, .proto = 6 },
		{ .flags = EDGEDP_SDF_F_SRC, .family = 4, .src_plen = 8, .src = { 10 } },
	};
	struct edgedp_cls_pdr pdr = { .precedence = 1, .n_sdf = 2, .sdf = sdf };
	struct edgedp_cls *cls;
	unsigned int at;
	bool ok = true;

	for (at = 1; at <= 6; at++) {
		struct failing f = { .fail_at = at };
		struct edgedp_cls_alloc a = { failing_zalloc, failing_free, &f };
		int ret = edgedp_cls_compile(&pdr, 1, &a, &cls, NULL);

		if (at <= 5 && (ret != -ENOMEM || cls || f.live))
			ok = false;
		if (at == 6) {
			ok &= !ret && f.live == 1;
			edgedp_cls_free(cls);
			ok &= !f.live;
		}
	}
	tap_ok(ok, "compile: -ENOMEM at each of its 5 allocations, nothing leaked");
}

static void test_limits(void)
{
	struct edgedp_sdf *sdf = calloc(65535, sizeof(*sdf));
	struct edgedp_cls_pdr pdrs[2] = {
		{ .index = 0, .n_sdf = 65535, .sdf = sdf },
		{ .index = 1, .n_sdf = 32768, .sdf = sdf },
	};
	struct edgedp_cls_err err;
	struct edgedp_cls *cls;
	int ret;

	if (!sdf)
		abort();
	ret = edgedp_cls_compile(pdrs, 1, &edgedp_cls_default_alloc, &cls, &err);
	tap_ok(ret == -E2BIG && err.pdr == 0 && !strcmp(err.msg, "classifier: too many filters in a PDR"),
	       "compile: 65535 filters in one PDR: -E2BIG");
	pdrs[0].n_sdf = 32768;
	ret = edgedp_cls_compile(pdrs, 2, &edgedp_cls_default_alloc, &cls, &err);
	tap_ok(ret == -E2BIG && err.pdr == 1 &&
	       !strcmp(err.msg, "classifier: more than 65535 filters in a session"),
	       "compile: 65536 filters in a session: -E2BIG");
	pdrs[0].n_sdf = 32767;
	ret = edgedp_cls_compile(pdrs, 2, &edgedp_cls_default_alloc, &cls, &err);
	tap_ok(!ret && edgedp_cls_tuples(cls) == 1,
	       "compile: 65535 wildcard filters in a session: one tuple");
	edgedp_cls_free(cls);
	free(sdf);
}

static size_t ip4(u8 *b, u8 proto, u16 frag, const u8 *l4, size_t l4len)
{
	memset(b, 0, 20);
	b[0] = 0x45;
	b[1] = 0xb9;
	edgedp_put_be16(b + 2, 20 + l4len);
	edgedp_put_be16(b + 6, frag);
	b[8] = 64;
	b[9] = proto;
	edgedp_put_be32(b + 12, 0x0a3c0102);
	edgedp_put_be32(b + 16, 0xc0000207);
	memcpy(b + 20, l4, l4len);
	return 20 + l4len;
}

static size_t ip6(u8 *b, u8 nh, const u8 *ext, size_t extlen, const u8 *l4, size_t l4len)
{
	memset(b, 0, 40);
	edgedp_put_be32(b, 6u << 28 | 0xa5u << 20 | 0x12345);
	edgedp_put_be16(b + 4, extlen + l4len);
	b[6] = nh;
	b[8] = 0x20;
	b[9] = 0x01;
	b[23] = 1;
	b[24] = 0x20;
	b[25] = 0x01;
	b[39] = 2;
	if (extlen)
		memcpy(b + 40, ext, extlen);
	if (l4len)
		memcpy(b + 40 + extlen, l4, l4len);
	return 40 + extlen + l4len;
}

static void test_pkt_parse(void)
{
	static const u8 udp[8] = { 0x9c, 0x40, 0x13, 0xba, 0, 8, 0, 0 };
	static const u8 esp[8] = { 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 1 };
	static const u8 ah[12] = { 50, 1, 0, 0, 0, 0, 1, 2 };
	/* hop-by-hop (8 bytes) then a first fragment, then udp */
	static const u8 ext[16] = { 44, 0, 1, 4, 0, 0, 0, 0, 17, 0, 0, 1, 0, 0, 0, 7 };
	static const u8 ext_later[16] = { 44, 0, 1, 4, 0, 0, 0, 0, 17, 0, 0, 0x11, 0, 0, 0, 7 };
	struct edgedp_cls_pkt p;
	u8 b[128];
	size_t n;
	int ret;

	n = ip4(b, 17, 0, udp, sizeof(udp));
	ret = edgedp_cls_pkt_parse(b, n, &p);
	tap_ok(!ret && p.family == 4 && p.proto == 17 && p.tos == 0xb9 &&
	       p.src[0] == 0x0a3c0102 && p.dst[0] == 0xc0000207 && !p.src[1] &&
	       p.flags == EDGEDP_CLS_PKT_PORTS && p.sport == 40000 && p.dport == 5050,
	       "parse: IPv4 UDP");
	n = ip4(b, 17, 0x0010, udp, sizeof(udp));
	ret = edgedp_cls_pkt_parse(b, n, &p);
	tap_ok(!ret && p.proto == 17 && !p.flags, "parse: IPv4 later fragment: no ports");
	n = ip4(b, 17, 0x2000, udp, sizeof(udp));
	ret = edgedp_cls_pkt_parse(b, n, &p);
	tap_ok(!ret && p.flags == EDGEDP_CLS_PKT_PORTS, "parse: IPv4 first fragment: ports");
	n = ip4(b, 17, 0, udp, 3);
	ret = edgedp_cls_pkt_parse(b, n, &p);
	tap_ok(!ret && !p.flags, "parse: IPv4 truncated UDP: no ports");
	n = ip4(b, 50, 0, esp, sizeof(esp));
	ret = edgedp_cls_pkt_parse(b, n, &p);
	tap_ok(!ret && p.flags == EDGEDP_CLS_PKT_SPI && p.spi == 0xdeadbeef, "parse: IPv4 ESP SPI");
	n = ip4(b, 51, 0, ah, sizeof(ah));
	ret = edgedp_cls_pkt_parse(b, n, &p);
	tap_ok(!ret && p.flags == EDGEDP_CLS_PKT_SPI && p.spi == 0x0102, "parse: IPv4 AH SPI");
	tap_ok(edgedp_cls_pkt_parse(b, 19, &p) == -EINVAL, "parse: IPv4 short header");
	b[0] = 0x44;
	tap_ok(edgedp_cls_pkt_parse(b, n, &p) == -EINVAL, "parse: IPv4 IHL 4");
	tap_ok(edgedp_cls_pkt_parse(b, 0, &p) == -EINVAL, "parse: empty");

	n = ip6(b, 17, NULL, 0, udp, sizeof(udp));
	ret = edgedp_cls_pkt_parse(b, n, &p);
	tap_ok(!ret && p.family == 6 && p.tos == 0xa5 && p.flow_label == 0x12345 &&
	       p.src[0] == 0x20010000 && p.src[3] == 1 && p.dst[3] == 2 && p.proto == 17 &&
	       p.flags == EDGEDP_CLS_PKT_PORTS && p.sport == 40000 && p.dport == 5050,
	       "parse: IPv6 UDP");
	n = ip6(b, 0, ext, sizeof(ext), udp, sizeof(udp));
	ret = edgedp_cls_pkt_parse(b, n, &p);
	tap_ok(!ret && p.proto == 17 && p.flags == EDGEDP_CLS_PKT_PORTS && p.dport == 5050,
	       "parse: IPv6 hop-by-hop + first fragment + UDP");
	n = ip6(b, 0, ext_later, sizeof(ext_later), udp, sizeof(udp));
	ret = edgedp_cls_pkt_parse(b, n, &p);
	tap_ok(!ret && p.proto == 17 && !p.flags, "parse: IPv6 later fragment: no ports");
	n = ip6(b, 0, ext, 8, NULL, 0);
	ret = edgedp_cls_pkt_parse(b, n, &p);
	tap_ok(!ret && !p.flags, "parse: IPv6 extension chain cut short");
	n = ip6(b, 17, NULL, 0, udp, sizeof(udp));
	tap_ok(edgedp_cls_pkt_parse(b, 39, &p) == -EINVAL, "parse: IPv6 short header");
}

static void write_corpus(const char *dir)
{
	/* A few hand-made inputs; the fuzzer's own format (fuzz_classifier.c). */
	static const u8 seeds[][48] = {
		{ 3, 1, 0, 0xff, 4, 17, 0x1f, 24, 16, 192, 0, 2, 0, 10, 60, 0, 0, 0x13, 0x88,
		  0x13, 0xec, 0, 0, 0xff, 0xff },
		{ 1, 2, 1, 0x07, 6, 6, 0x0c, 64, 128, 0x20, 0x01, 0x0d, 0xb8 },
		{ 2, 0, 0, 0, 0, 50, 0x44, 0, 0, 1, 2, 3, 4 },
	};
	char path[4096];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(seeds); i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/unit-%u", dir, i);
		f = fopen(path, "wb");
		if (!f || fwrite(seeds[i], 1, sizeof(seeds[i]), f) != sizeof(seeds[i])) {
			perror(path);
			exit(2);
		}
		fclose(f);
	}
}

int main(int argc, char **argv)
{
	const char *s = getenv("EDGEDP_SEED");
	const char *np = getenv("CLS_PKTS");
	u32 seed = s ? (u32)strtoul(s, NULL, 0) : 0x2545f491;
	unsigned int pkts = np ? (unsigned int)strtoul(np, NULL, 0) : 100000;
	clock_t t0;

	if (argc == 3 && !strcmp(argv[1], "--corpus")) {
		write_corpus(argv[2]);
		return 0;
	}
	tap_start();
	tap_ok(edgedp_cls_selftest(), "in-kernel self test (known cases, 1k filters x 2000)");
	t0 = clock();
	printf("# randomized: seed %u (EDGEDP_SEED=%u reproduces), %u packets per set\n",
	       seed, seed, pkts);
	tap_ok(edgedp_cls_selftest_random(10000, pkts, seed),
	       "randomized: sets of 0..10k filters x %u packets, 0 mismatches with the reference",
	       pkts);
	printf("# randomized run: %.1f s\n", (double)(clock() - t0) / CLOCKS_PER_SEC);
	test_alloc_failures();
	test_limits();
	test_pkt_parse();
	return tap_end();
}
