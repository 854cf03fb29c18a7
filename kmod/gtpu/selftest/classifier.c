// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Self test of the UL CL classifier, #included at the end of classifier.c
 * when built with DEBUG and run at module init (a small randomized run). The
 * host test (selftests/host/test_classifier) builds this same file and runs
 * it, then edgedp_cls_selftest_random() on larger sets.
 *
 *  1. Known cases: the direction rule (TS 29.244 5.2.1A.2A, free5gc #599),
 *     port 0 and 65535, /0 /32 /128 prefixes, TOS masks, SPI, flow label,
 *     equal precedences, PDRs without filters, the eligible-PDR bitmap,
 *     compile errors.
 *  2. Randomized rule sets against a naive reference that walks every PDR
 *     and filter as written (downlink form, swapping per packet) and compares
 *     bit by bit (the WireGuard allowedips self-test pattern): the classifier
 *     must give the same PDR and filter for every packet, and so must the
 *     exact-match cache, which all sets share (a small one: slots are
 *     evicted, and entries of the sets before must never answer).
 */

#ifdef __KERNEL__
#include <linux/random.h>

#define edgedp_cls_st_log(fmt, ...) pr_err("classifier self-test: " fmt "\n", ##__VA_ARGS__)
#define edgedp_cls_st_info(fmt, ...) pr_info("classifier self-test: " fmt "\n", ##__VA_ARGS__)
#else
#include <stdio.h>

#define edgedp_cls_st_log(fmt, ...) printf("# classifier self-test: " fmt "\n", ##__VA_ARGS__)
#define edgedp_cls_st_info(fmt, ...) printf("# classifier self-test: " fmt "\n", ##__VA_ARGS__)
#endif

#define EDGEDP_CLS_ST_MAX_LOG 20

static unsigned int edgedp_cls_st_failures;
static u32 edgedp_cls_st_state;
/*
 * The caches the random sets share, and the generation of the current set:
 * one of a few slots, and one of a single slot, which holds the last packet
 * of the last set when a set starts (a collision every time).
 */
static struct edgedp_cls_cache *edgedp_cls_st_cache, *edgedp_cls_st_cache1;
static u64 edgedp_cls_st_gen;

#define EDGEDP_CLS_ST_CACHE_SLOTS	64
#define EDGEDP_CLS_ST_RECENT		8	/* packets sent again: cache hits */
/*
 * Recent packets and their eligible bitmap (0: NULL, else elig[sel - 1]).
 * A set starts with the last set's: in the cache still, under its generation.
 */
static struct edgedp_cls_pkt edgedp_cls_st_recent[EDGEDP_CLS_ST_RECENT];
static u8 edgedp_cls_st_recent_sel[EDGEDP_CLS_ST_RECENT];
/* The last set's, newest first. */
static struct edgedp_cls_pkt edgedp_cls_st_old[EDGEDP_CLS_ST_RECENT];
static u8 edgedp_cls_st_old_sel[EDGEDP_CLS_ST_RECENT];
static unsigned int edgedp_cls_st_n_recent, edgedp_cls_st_last;

#define EDGEDP_CLS_ST_CHECK(cond, fmt, ...) do {				\
	if (!(cond)) {								\
		if (edgedp_cls_st_failures++ < EDGEDP_CLS_ST_MAX_LOG)		\
			edgedp_cls_st_log("%s:%d: %s: " fmt, __func__, __LINE__,\
					  #cond, ##__VA_ARGS__);		\
	}									\
} while (0)

/* xorshift32: reproducible from the seed printed. */
static u32 edgedp_cls_st_rand(void)
{
	edgedp_cls_st_state ^= edgedp_cls_st_state << 13;
	edgedp_cls_st_state ^= edgedp_cls_st_state >> 17;
	edgedp_cls_st_state ^= edgedp_cls_st_state << 5;
	return edgedp_cls_st_state;
}

static u32 edgedp_cls_st_below(u32 n)
{
	return n ? edgedp_cls_st_rand() % n : 0;
}

/* ---- the reference ---- */

static bool edgedp_cls_ref_prefix(const u8 *pfx, unsigned int plen, const u32 *addr)
{
	unsigned int bit;

	for (bit = 0; bit < plen; bit++) {
		unsigned int pb = pfx[bit / 8] >> (7 - bit % 8) & 1;
		unsigned int ab = addr[bit / 32] >> (31 - bit % 32) & 1;

		if (pb != ab)
			return false;
	}
	return true;
}

static bool edgedp_cls_ref_sdf(const struct edgedp_sdf *s, bool swap,
			       const struct edgedp_cls_pkt *p)
{
	/* Downlink form: SRC faces the data network. */
	const u32 *dn_addr = swap ? p->dst : p->src;
	const u32 *ue_addr = swap ? p->src : p->dst;
	u16 dn_port = swap ? p->dport : p->sport;
	u16 ue_port = swap ? p->sport : p->dport;
	bool ports = p->flags & EDGEDP_CLS_PKT_PORTS;

	if (s->family && s->family != p->family)
		return false;
	if ((s->flags & EDGEDP_SDF_F_SRC) && !edgedp_cls_ref_prefix(s->src, s->src_plen, dn_addr))
		return false;
	if ((s->flags & EDGEDP_SDF_F_DST) && !edgedp_cls_ref_prefix(s->dst, s->dst_plen, ue_addr))
		return false;
	if ((s->flags & EDGEDP_SDF_F_PROTO) && s->proto != p->proto)
		return false;
	if ((s->flags & EDGEDP_SDF_F_SPORT) &&
	    (!ports || dn_port < s->sport_min || dn_port > s->sport_max))
		return false;
	if ((s->flags & EDGEDP_SDF_F_DPORT) &&
	    (!ports || ue_port < s->dport_min || ue_port > s->dport_max))
		return false;
	if ((s->flags & EDGEDP_SDF_F_TOS) && (p->tos & s->tos_mask) != (s->tos & s->tos_mask))
		return false;
	if ((s->flags & EDGEDP_SDF_F_SPI) &&
	    (!(p->flags & EDGEDP_CLS_PKT_SPI) || p->spi != s->spi))
		return false;
	if ((s->flags & EDGEDP_SDF_F_FLOW_LABEL) &&
	    (p->family != 6 || p->flow_label != s->flow_label))
		return false;
	return true;
}

/* True when PDR a comes before PDR b in PFCP match order. */
static bool edgedp_cls_ref_before(const struct edgedp_cls_pdr *a, const struct edgedp_cls_pdr *b)
{
	if (a->precedence != b->precedence)
		return a->precedence < b->precedence;
	if (a->id != b->id)
		return a->id < b->id;
	return a->index < b->index;
}

static bool edgedp_cls_ref_lookup(const struct edgedp_cls_pdr *pdrs, unsigned int n,
				  const struct edgedp_cls_pkt *p, const u64 *eligible,
				  struct edgedp_cls_res *res)
{
	const struct edgedp_cls_pdr *best = NULL;
	u16 best_filter = 0;
	unsigned int i, j;

	for (i = 0; i < n; i++) {
		const struct edgedp_cls_pdr *pdr = &pdrs[i];
		int hit = -1;

		if (eligible && !(eligible[pdr->index / 64] >> (pdr->index % 64) & 1))
			continue;
		if (best && !edgedp_cls_ref_before(pdr, best))
			continue;
		if (!pdr->n_sdf)
			hit = EDGEDP_CLS_NO_FILTER;
		for (j = 0; j < pdr->n_sdf && hit < 0; j++)
			if (edgedp_cls_ref_sdf(&pdr->sdf[j], pdr->swap, p))
				hit = j;
		if (hit >= 0) {
			best = pdr;
			best_filter = hit;
		}
	}
	if (!best)
		return false;
	res->pdr = best->index;
	res->filter = best_filter;
	return true;
}

/* ---- known cases ---- */

static void edgedp_cls_st_v4(u8 *a, u32 v)
{
	edgedp_put_be32(a, v);
}

static void edgedp_cls_st_pkt4(struct edgedp_cls_pkt *p, u32 src, u32 dst, u8 proto,
			       u16 sport, u16 dport)
{
	memset(p, 0, sizeof(*p));
	p->family = 4;
	p->proto = proto;
	p->src[0] = src;
	p->dst[0] = dst;
	p->sport = sport;
	p->dport = dport;
	if (edgedp_cls_has_ports(proto))
		p->flags |= EDGEDP_CLS_PKT_PORTS;
}

/* Compiles, looks p up, and compares with the reference and with the expected PDR and filter. */
static void edgedp_cls_st_expect(const struct edgedp_cls_pdr *pdrs, unsigned int n,
				 const struct edgedp_cls_pkt *p, const u64 *eligible,
				 int want_pdr, int want_filter, const char *what)
{
	struct edgedp_cls_res res = { 0 }, ref = { 0 };
	struct edgedp_cls_err err;
	struct edgedp_cls *cls;
	bool hit, ref_hit;
	int ret;

	ret = edgedp_cls_compile(pdrs, n, &edgedp_cls_default_alloc, &cls, &err);
	EDGEDP_CLS_ST_CHECK(!ret, "%s: compile %d %s", what, ret, err.msg ? err.msg : "");
	if (ret)
		return;
	hit = edgedp_cls_lookup(cls, p, eligible, &res);
	ref_hit = edgedp_cls_ref_lookup(pdrs, n, p, eligible, &ref);
	if (want_pdr < 0) {
		EDGEDP_CLS_ST_CHECK(!hit, "%s: matched PDR %u filter %u", what, res.pdr,
				    res.filter);
		EDGEDP_CLS_ST_CHECK(!ref_hit, "%s: reference matched", what);
	} else {
		EDGEDP_CLS_ST_CHECK(hit && res.pdr == want_pdr && res.filter == want_filter,
				    "%s: got %d PDR %u filter %u", what, hit, res.pdr, res.filter);
		EDGEDP_CLS_ST_CHECK(ref_hit && ref.pdr == want_pdr && ref.filter == want_filter,
				    "%s: reference got %d PDR %u filter %u", what, ref_hit,
				    ref.pdr, ref.filter);
	}
	edgedp_cls_free(cls);
}

static void edgedp_cls_st_known(void)
{
	/* permit out udp from 192.0.2.0/24 5000-5100 to 10.60.0.0/16 */
	struct edgedp_sdf mec = {
		.flags = EDGEDP_SDF_F_SRC | EDGEDP_SDF_F_DST | EDGEDP_SDF_F_PROTO |
			 EDGEDP_SDF_F_SPORT,
		.family = 4, .proto = 17, .src_plen = 24, .dst_plen = 16,
		.sport_min = 5000, .sport_max = 5100,
	};
	struct edgedp_sdf edge[4] = { 0 };
	struct edgedp_cls_pdr pdrs[3] = {
		{ .precedence = 10, .id = 1, .index = 0, .swap = true, .n_sdf = 1, .sdf = &mec },
		{ .precedence = 10, .id = 2, .index = 1, .swap = false, .n_sdf = 1, .sdf = &mec },
		{ .precedence = 255, .id = 3, .index = 2, .swap = true },
	};
	struct edgedp_cls_err err;
	struct edgedp_cls_pkt p;
	struct edgedp_cls *cls;
	u64 elig[EDGEDP_CLS_BITMAP_WORDS] = { 0 };
	int ret;

	edgedp_cls_st_v4(mec.src, 0xc0000200);
	edgedp_cls_st_v4(mec.dst, 0x0a3c0000);

	/* Uplink: UE 10.60.1.2:40000 -> edge server 192.0.2.7:5050. */
	edgedp_cls_st_pkt4(&p, 0x0a3c0102, 0xc0000207, 17, 40000, 5050);
	edgedp_cls_st_expect(pdrs, 3, &p, NULL, 0, 0, "uplink swaps");
	edgedp_cls_bitmap_set(elig, 2);
	edgedp_cls_st_expect(pdrs, 3, &p, elig, 2, EDGEDP_CLS_NO_FILTER, "bitmap: catch-all");
	edgedp_cls_bitmap_set(elig, 1);
	edgedp_cls_st_expect(pdrs, 3, &p, elig, 2, EDGEDP_CLS_NO_FILTER,
			     "uplink packet, downlink PDR: no swap, no match");
	/* Downlink: 192.0.2.7:5050 -> UE 10.60.1.2:40000. */
	edgedp_cls_st_pkt4(&p, 0xc0000207, 0x0a3c0102, 17, 5050, 40000);
	edgedp_cls_st_expect(pdrs, 3, &p, NULL, 1, 0, "downlink as written");
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, -1, 0, "downlink packet, uplink PDR");
	edgedp_cls_st_pkt4(&p, 0xc0000207, 0x0a3c0102, 17, 5101, 40000);
	edgedp_cls_st_expect(pdrs + 1, 1, &p, NULL, -1, 0, "port past the range");
	edgedp_cls_st_pkt4(&p, 0xc0000207, 0x0a3c0102, 6, 5050, 40000);
	edgedp_cls_st_expect(pdrs + 1, 1, &p, NULL, -1, 0, "tcp is not udp");
	edgedp_cls_st_pkt4(&p, 0xc0000307, 0x0a3c0102, 17, 5050, 40000);
	edgedp_cls_st_expect(pdrs + 1, 1, &p, NULL, -1, 0, "outside /24");

	/* Equal precedence: the lower PDR id wins, whatever the order given. */
	pdrs[0].swap = false;
	pdrs[0].id = 7;
	edgedp_cls_st_pkt4(&p, 0xc0000207, 0x0a3c0102, 17, 5050, 40000);
	edgedp_cls_st_expect(pdrs, 3, &p, NULL, 1, 0, "equal precedence: lower id");
	pdrs[0].precedence = 9;
	edgedp_cls_st_expect(pdrs, 3, &p, NULL, 0, 0, "lower precedence value first");

	/* Ports 0 and 65535, exact and ranges, TOS under a mask, /0 and /32. */
	edge[0].flags = EDGEDP_SDF_F_PROTO | EDGEDP_SDF_F_SPORT | EDGEDP_SDF_F_DPORT;
	edge[0].proto = 6;
	edge[0].sport_max = 0;
	edge[0].dport_min = 65535;
	edge[0].dport_max = 65535;
	edge[1].flags = EDGEDP_SDF_F_SRC | EDGEDP_SDF_F_DST | EDGEDP_SDF_F_TOS;
	edge[1].family = 4;
	edge[1].src_plen = 0;
	edge[1].dst_plen = 32;
	edgedp_cls_st_v4(edge[1].src, 0xffffffff);	/* ignored past /0 */
	edgedp_cls_st_v4(edge[1].dst, 0x0a000001);
	edge[1].tos = 0xb8;
	edge[1].tos_mask = 0xfc;
	edge[2].flags = EDGEDP_SDF_F_PROTO | EDGEDP_SDF_F_DPORT;
	edge[2].proto = 17;
	edge[2].dport_min = 0;
	edge[2].dport_max = 65535;
	pdrs[0] = (struct edgedp_cls_pdr){ .precedence = 1, .index = 5, .n_sdf = 3, .sdf = edge };
	edgedp_cls_st_pkt4(&p, 1, 2, 6, 0, 65535);
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, 5, 0, "ports 0 and 65535");
	edgedp_cls_st_pkt4(&p, 1, 2, 6, 1, 65535);
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, -1, 0, "port 1 is not 0");
	edgedp_cls_st_pkt4(&p, 0x01020304, 0x0a000001, 1, 0, 0);
	p.tos = 0xbb;
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, 5, 1, "TOS 0xbb under 0xfc, /0, /32");
	p.tos = 0xb4;
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, -1, 0, "TOS 0xb4 under 0xfc");
	p.tos = 0xb8;
	p.dst[0] = 0x0a000002;
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, -1, 0, "/32 other address");
	edgedp_cls_st_pkt4(&p, 1, 2, 17, 9, 0);
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, 5, 2, "udp 0-65535");
	p.flags = 0;
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, -1, 0, "udp fragment: no ports");

	/* IPv6: /128, /0, flow label, SPI; an IPv4 packet never matches them. */
	memset(edge, 0, sizeof(edge));
	edge[0].flags = EDGEDP_SDF_F_DST | EDGEDP_SDF_F_FLOW_LABEL;
	edge[0].family = 6;
	edge[0].dst_plen = 128;
	edge[0].dst[0] = 0x20;
	edge[0].dst[1] = 0x01;
	edge[0].dst[15] = 1;
	edge[0].flow_label = 0xfffff;
	edge[1].flags = EDGEDP_SDF_F_SRC | EDGEDP_SDF_F_PROTO | EDGEDP_SDF_F_SPI;
	edge[1].family = 6;
	edge[1].proto = 50;
	edge[1].spi = 0xdeadbeef;
	pdrs[0].n_sdf = 2;
	memset(&p, 0, sizeof(p));
	p.family = 6;
	p.dst[0] = 0x20010000;
	p.dst[3] = 1;
	p.flow_label = 0xfffff;
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, 5, 0, "IPv6 /128 and flow label");
	p.dst[3] = 3;
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, -1, 0, "IPv6 /128 other address");
	p.proto = 50;
	p.spi = 0xdeadbeef;
	p.flags = EDGEDP_CLS_PKT_SPI;
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, 5, 1, "ESP SPI, IPv6 ::/0");
	p.family = 4;
	memset(p.dst, 0, sizeof(p.dst));
	edgedp_cls_st_expect(pdrs, 1, &p, NULL, -1, 0, "IPv4 packet, IPv6 filters");

	/* Compile errors name the field, the PDR and the filter. */
	edge[1].flags |= EDGEDP_SDF_F_DPORT;
	ret = edgedp_cls_compile(pdrs, 1, &edgedp_cls_default_alloc, &cls, &err);
	EDGEDP_CLS_ST_CHECK(ret == -EINVAL && err.pdr == 0 && err.filter == 1 &&
			    !strcmp(err.msg, "SDF filter: port ranges need PROTO tcp, udp or sctp"),
			    "ret %d", ret);
	edge[1].flags &= ~EDGEDP_SDF_F_DPORT;
	edge[0].dst_plen = 129;
	ret = edgedp_cls_compile(pdrs, 1, &edgedp_cls_default_alloc, &cls, &err);
	EDGEDP_CLS_ST_CHECK(ret == -EINVAL && err.filter == 0 &&
			    !strcmp(err.msg, "SDF filter: DST_PLEN longer than the address"),
			    "ret %d", ret);
	edge[0].dst_plen = 128;
	pdrs[1] = pdrs[0];
	ret = edgedp_cls_compile(pdrs, 2, &edgedp_cls_default_alloc, &cls, &err);
	EDGEDP_CLS_ST_CHECK(ret == -EINVAL && err.pdr == 1 &&
			    !strcmp(err.msg, "classifier: PDR index used twice"), "ret %d", ret);
	ret = edgedp_cls_compile(pdrs, 0, &edgedp_cls_default_alloc, &cls, &err);
	EDGEDP_CLS_ST_CHECK(!ret, "empty set: %d", ret);
	if (!ret) {
		EDGEDP_CLS_ST_CHECK(!edgedp_cls_lookup(cls, &p, NULL, NULL), "empty set matched");
		edgedp_cls_free(cls);
	}
}

/* ---- randomized ---- */

static const u32 edgedp_cls_st_pool4[] = {
	0x0a3c0000, 0x0a3c0100, 0xc0000200, 0xc0000280, 0xc6336400, 0x08080800, 0, 0xffffff00,
};

static const u8 edgedp_cls_st_plens4[] = { 0, 8, 16, 24, 25, 30, 32, 32 };
static const u8 edgedp_cls_st_plens6[] = { 0, 32, 48, 56, 64, 96, 127, 128 };
static const u8 edgedp_cls_st_protos[] = { 6, 17, 132, 1, 50, 51, 58, 6, 17, 17 };
static const u16 edgedp_cls_st_ports[] = { 0, 1, 53, 80, 443, 5000, 5100, 65534, 65535 };
static const u32 edgedp_cls_st_spis[] = { 0, 1, 0xdeadbeef, 256 };
static const u32 edgedp_cls_st_labels[] = { 0, 1, 0xfffff, 12345 };

/* A random index into array a. */
#define EDGEDP_CLS_ST_IDX(a) edgedp_cls_st_below(ARRAY_SIZE(a))

static u8 edgedp_cls_st_plen(u8 family)
{
	if (family == 4)
		return edgedp_cls_st_plens4[EDGEDP_CLS_ST_IDX(edgedp_cls_st_plens4)];
	return edgedp_cls_st_plens6[EDGEDP_CLS_ST_IDX(edgedp_cls_st_plens6)];
}

static u16 edgedp_cls_st_port(void)
{
	return edgedp_cls_st_ports[EDGEDP_CLS_ST_IDX(edgedp_cls_st_ports)];
}

static u32 edgedp_cls_st_label(void)
{
	return edgedp_cls_st_labels[EDGEDP_CLS_ST_IDX(edgedp_cls_st_labels)];
}

/* An address from the pools: prefixes overlap, host bits vary. */
static void edgedp_cls_st_addr(u8 *a, u8 family)
{
	u32 v = edgedp_cls_st_pool4[EDGEDP_CLS_ST_IDX(edgedp_cls_st_pool4)];
	int i;

	if (edgedp_cls_st_below(2))
		v |= edgedp_cls_st_below(256);
	if (family == 4) {
		edgedp_put_be32(a, v);
		return;
	}
	/* 2001:db8:X::/48 from the same pool, then mostly small host parts. */
	edgedp_put_be32(a, 0x20010db8);
	edgedp_put_be32(a + 4, v);
	for (i = 8; i < 16; i++)
		a[i] = edgedp_cls_st_below(4) ? 0 : edgedp_cls_st_rand();
}

static void edgedp_cls_st_port_range(u16 *lo, u16 *hi)
{
	u32 a = edgedp_cls_st_ports[EDGEDP_CLS_ST_IDX(edgedp_cls_st_ports)], b;

	switch (edgedp_cls_st_below(4)) {
	case 0:	/* exact */
		*lo = a;
		*hi = a;
		return;
	case 1:
		b = a + edgedp_cls_st_below(200);
		break;
	case 2:
		b = edgedp_cls_st_ports[EDGEDP_CLS_ST_IDX(edgedp_cls_st_ports)];
		break;
	default:
		a = edgedp_cls_st_rand() & 0xffff;
		b = edgedp_cls_st_rand() & 0xffff;
	}
	if (b > 65535)
		b = 65535;
	*lo = a < b ? a : b;
	*hi = a < b ? b : a;
}

static void edgedp_cls_st_sdf(struct edgedp_sdf *s, u8 set_family)
{
	u8 family = set_family ? set_family : 4 + 2 * edgedp_cls_st_below(2);

	memset(s, 0, sizeof(*s));
	if (edgedp_cls_st_below(8)) {
		s->family = family;
		if (edgedp_cls_st_below(4)) {
			s->flags |= EDGEDP_SDF_F_SRC;
			edgedp_cls_st_addr(s->src, family);
			s->src_plen = edgedp_cls_st_plen(family);
		}
		if (edgedp_cls_st_below(4)) {
			s->flags |= EDGEDP_SDF_F_DST;
			edgedp_cls_st_addr(s->dst, family);
			s->dst_plen = edgedp_cls_st_plen(family);
		}
		if (!(s->flags & (EDGEDP_SDF_F_SRC | EDGEDP_SDF_F_DST)) && edgedp_cls_st_below(2))
			s->family = 0;
	}
	if (edgedp_cls_st_below(3)) {
		s->flags |= EDGEDP_SDF_F_PROTO;
		s->proto = edgedp_cls_st_protos[EDGEDP_CLS_ST_IDX(edgedp_cls_st_protos)];
		if (edgedp_cls_has_ports(s->proto)) {
			if (edgedp_cls_st_below(2)) {
				s->flags |= EDGEDP_SDF_F_SPORT;
				edgedp_cls_st_port_range(&s->sport_min, &s->sport_max);
			}
			if (edgedp_cls_st_below(2)) {
				s->flags |= EDGEDP_SDF_F_DPORT;
				edgedp_cls_st_port_range(&s->dport_min, &s->dport_max);
			}
		}
	}
	if (!edgedp_cls_st_below(8)) {
		static const u8 masks[] = { 0xff, 0xfc, 0xe0, 0x00, 0x0f, 0x01 };

		s->flags |= EDGEDP_SDF_F_TOS;
		s->tos = edgedp_cls_st_rand();
		s->tos_mask = edgedp_cls_st_below(4) ? masks[EDGEDP_CLS_ST_IDX(masks)] :
			      edgedp_cls_st_rand();
	}
	if (!edgedp_cls_st_below(12)) {
		s->flags |= EDGEDP_SDF_F_SPI;
		s->spi = edgedp_cls_st_spis[EDGEDP_CLS_ST_IDX(edgedp_cls_st_spis)];
	}
	if (s->family != 4 && !edgedp_cls_st_below(12)) {
		s->flags |= EDGEDP_SDF_F_FLOW_LABEL;
		s->flow_label = edgedp_cls_st_labels[EDGEDP_CLS_ST_IDX(edgedp_cls_st_labels)];
	}
}

/* Packet address words from a filter's prefix, random past its length. */
static void edgedp_cls_st_from_prefix(u32 *out, const u8 *pfx, unsigned int plen, u8 family)
{
	u32 mask[4];
	int i;

	edgedp_cls_mask(mask, plen);
	for (i = 0; i < 4; i++) {
		u32 r = edgedp_cls_st_below(2) ? edgedp_cls_st_rand() : edgedp_cls_st_below(4);

		out[i] = (edgedp_get_be32(pfx + 4 * i) & mask[i]) | (r & ~mask[i]);
	}
	if (family == 4)
		memset(out + 1, 0, 3 * sizeof(*out));
}

static u16 edgedp_cls_st_port_in(u16 lo, u16 hi)
{
	switch (edgedp_cls_st_below(4)) {
	case 0:
		return lo;
	case 1:
		return hi;
	default:
		return lo + edgedp_cls_st_below((u32)hi - lo + 1);
	}
}

static void edgedp_cls_st_random_pkt(struct edgedp_cls_pkt *p, u8 family)
{
	u8 a[16];

	memset(p, 0, sizeof(*p));
	p->family = family ? family : 4 + 2 * edgedp_cls_st_below(2);
	edgedp_cls_st_addr(a, p->family);
	edgedp_cls_st_from_prefix(p->src, a, p->family == 4 ? 32 : 128, p->family);
	edgedp_cls_st_addr(a, p->family);
	edgedp_cls_st_from_prefix(p->dst, a, p->family == 4 ? 32 : 128, p->family);
	p->proto = edgedp_cls_st_protos[EDGEDP_CLS_ST_IDX(edgedp_cls_st_protos)];
	p->tos = edgedp_cls_st_rand();
	if (p->family == 6)
		p->flow_label = edgedp_cls_st_below(2) ? edgedp_cls_st_label() :
				edgedp_cls_st_rand() & 0xfffff;
	if (edgedp_cls_has_ports(p->proto) && edgedp_cls_st_below(16)) {
		p->flags |= EDGEDP_CLS_PKT_PORTS;
		p->sport = edgedp_cls_st_below(2) ? edgedp_cls_st_port() : edgedp_cls_st_rand();
		p->dport = edgedp_cls_st_below(2) ? edgedp_cls_st_port() : edgedp_cls_st_rand();
	}
	if ((p->proto == 50 || p->proto == 51) && edgedp_cls_st_below(16)) {
		p->flags |= EDGEDP_CLS_PKT_SPI;
		p->spi = edgedp_cls_st_spis[EDGEDP_CLS_ST_IDX(edgedp_cls_st_spis)];
	}
}

/* A packet made to match s on p's side (swap: uplink), then maybe one field changed. */
static void edgedp_cls_st_match_pkt(struct edgedp_cls_pkt *p, const struct edgedp_sdf *s,
				    bool swap, u8 family)
{
	u32 *dn_addr, *ue_addr;
	u16 lo, hi, *dn_port, *ue_port;
	unsigned int w;

	/* A flow label matches IPv6 packets only, whatever the set's family. */
	if (s->family)
		family = s->family;
	else if (s->flags & EDGEDP_SDF_F_FLOW_LABEL)
		family = 6;
	edgedp_cls_st_random_pkt(p, family);
	dn_addr = swap ? p->dst : p->src;
	ue_addr = swap ? p->src : p->dst;
	dn_port = swap ? &p->dport : &p->sport;
	ue_port = swap ? &p->sport : &p->dport;
	if (s->flags & EDGEDP_SDF_F_SRC)
		edgedp_cls_st_from_prefix(dn_addr, s->src, s->src_plen, p->family);
	if (s->flags & EDGEDP_SDF_F_DST)
		edgedp_cls_st_from_prefix(ue_addr, s->dst, s->dst_plen, p->family);
	if (s->flags & EDGEDP_SDF_F_PROTO)
		p->proto = s->proto;
	if (edgedp_cls_has_ports(p->proto)) {
		p->flags |= EDGEDP_CLS_PKT_PORTS;
		lo = s->flags & EDGEDP_SDF_F_SPORT ? s->sport_min : 0;
		hi = s->flags & EDGEDP_SDF_F_SPORT ? s->sport_max : 65535;
		*dn_port = edgedp_cls_st_port_in(lo, hi);
		lo = s->flags & EDGEDP_SDF_F_DPORT ? s->dport_min : 0;
		hi = s->flags & EDGEDP_SDF_F_DPORT ? s->dport_max : 65535;
		*ue_port = edgedp_cls_st_port_in(lo, hi);
	}
	if (s->flags & EDGEDP_SDF_F_TOS)
		p->tos = (s->tos & s->tos_mask) | (edgedp_cls_st_rand() & ~s->tos_mask);
	if (s->flags & EDGEDP_SDF_F_SPI) {
		p->flags |= EDGEDP_CLS_PKT_SPI;
		p->spi = s->spi;
	}
	if ((s->flags & EDGEDP_SDF_F_FLOW_LABEL) && p->family == 6)
		p->flow_label = s->flow_label;

	w = p->family == 4 ? 0 : edgedp_cls_st_below(4);
	switch (edgedp_cls_st_below(16)) {
	case 0:
		p->tos ^= 1 << edgedp_cls_st_below(8);
		break;
	case 1:
		dn_addr[w] ^= 1U << edgedp_cls_st_below(32);
		break;
	case 2:
		ue_addr[w] ^= 1U << edgedp_cls_st_below(32);
		break;
	case 3:
		*dn_port += 1;
		break;
	case 4:
		*ue_port -= 1;
		break;
	case 5:
		p->flags = 0;
		break;
	case 6:
		p->proto ^= 1;
		break;
	}
}

/* A packet for a random set: one that matches a filter, or a random one. */
static void edgedp_cls_st_pick_pkt(struct edgedp_cls_pkt *p, const struct edgedp_cls_pdr *pdrs,
				   unsigned int n_pdrs, unsigned int n_filters, u8 set_family)
{
	const struct edgedp_cls_pdr *pdr;

	if (edgedp_cls_st_below(10) < 7 && n_filters) {
		do
			pdr = &pdrs[edgedp_cls_st_below(n_pdrs)];
		while (!pdr->n_sdf);
		edgedp_cls_st_match_pkt(p, &pdr->sdf[edgedp_cls_st_below(pdr->n_sdf)],
					pdr->swap, set_family);
	} else {
		edgedp_cls_st_random_pkt(p, set_family);
	}
}

/* Flips one bit of a field the cache compares: ports, SPI, flow label, addresses. */
static void edgedp_cls_st_flip(struct edgedp_cls_pkt *p)
{
	u32 bit = 1U << edgedp_cls_st_below(32);
	unsigned int w = edgedp_cls_st_below(p->family == 6 ? 4 : 2);

	switch (edgedp_cls_st_below(4)) {
	case 0:
		p->sport ^= bit;
		p->dport ^= bit >> 16;
		break;
	case 1:
		p->spi ^= bit;
		if (p->family == 6)
			p->flow_label ^= bit & 0xfffff;
		break;
	case 2:
		p->src[w] ^= bit;
		break;
	default:
		p->dst[w] ^= bit;
		break;
	}
}

/* The shared cache's answer must be the classifier's. */
static void edgedp_cls_st_cached(const struct edgedp_cls *cls, const struct edgedp_cls_pkt *p,
				 u64 sig, const u64 *e, bool hit,
				 const struct edgedp_cls_res *res, unsigned int k)
{
	struct edgedp_cls_cache *caches[] = { edgedp_cls_st_cache, edgedp_cls_st_cache1 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(caches) && caches[i]; i++) {
		struct edgedp_cls_res c = { 0 };
		bool c_hit;

		c_hit = edgedp_cls_lookup_cached(caches[i], edgedp_cls_st_gen, sig, cls, p, e, &c);
		EDGEDP_CLS_ST_CHECK(c_hit == hit && (!hit || (c.pdr == res->pdr &&
							      c.filter == res->filter &&
							      c.rank == res->rank)),
				    "packet %u, cache %u: cached %d/%u/%u, classifier %d/%u/%u", k,
				    i, c_hit, c.pdr, c.filter, hit, res->pdr, res->filter);
	}
}

/* One random rule set of about n_filters filters, checked with n_pkts packets. */
static bool edgedp_cls_st_one(unsigned int n_filters, unsigned int n_pkts)
{
	const struct edgedp_cls_alloc *al = &edgedp_cls_default_alloc;
	unsigned int n_pdrs, i, k, mismatches = 0, hits = 0;
	u8 set_family = edgedp_cls_st_below(3) ? 0 : 4 + 2 * edgedp_cls_st_below(2);
	struct edgedp_cls_pkt *recent = edgedp_cls_st_recent;
	u8 *recent_sel = edgedp_cls_st_recent_sel;
	unsigned int n_old = edgedp_cls_st_n_recent;
	struct edgedp_cls_pdr *pdrs;
	struct edgedp_sdf *sdf;
	struct edgedp_cls *cls = NULL;
	struct edgedp_cls_err err;
	/* Eligible bitmaps; the cache's signature is the index + 1, 0 for NULL. */
	u64 elig[3][EDGEDP_CLS_BITMAP_WORDS];
	int ret;

	n_pdrs = 1 + edgedp_cls_st_below(n_filters < 256 ? n_filters : 256);
	pdrs = al->zalloc(sizeof(*pdrs) * n_pdrs, al->ctx);
	sdf = al->zalloc(sizeof(*sdf) * (n_filters + 1), al->ctx);
	if (!pdrs || !sdf) {
		EDGEDP_CLS_ST_CHECK(false, "out of memory");
		goto out;
	}
	for (i = 0; i < n_filters; i++)
		edgedp_cls_st_sdf(&sdf[i], set_family);
	/* Split the filters among the PDRs; a few PDRs get none (catch-all). */
	for (i = 0, k = 0; i < n_pdrs; i++) {
		struct edgedp_cls_pdr *p = &pdrs[i];
		unsigned int left = n_filters - k, take;

		take = i == n_pdrs - 1 ? left : edgedp_cls_st_below(2 * left / (n_pdrs - i) + 1);
		if (take > left)
			take = left;
		if (!take && !(edgedp_cls_st_below(4) == 0) && left)
			take = 1;
		p->index = (i * 37 + 11) % 256;	/* distinct, not in order */
		p->id = edgedp_cls_st_below(4) ? edgedp_cls_st_rand() : edgedp_cls_st_below(4);
		p->precedence = edgedp_cls_st_below(2) ? edgedp_cls_st_below(8) :
				edgedp_cls_st_rand();
		if (!take)
			p->precedence |= 0x10000;	/* catch-alls mostly last */
		p->swap = edgedp_cls_st_below(2);
		p->n_sdf = take;
		p->sdf = take ? &sdf[k] : NULL;
		k += take;
	}
	ret = edgedp_cls_compile(pdrs, n_pdrs, al, &cls, &err);
	EDGEDP_CLS_ST_CHECK(!ret, "compile: %d %s pdr %d filter %d", ret,
			    err.msg ? err.msg : "", err.pdr, err.filter);
	if (ret)
		goto out;
	edgedp_cls_st_gen++;
	for (k = 0; k < n_old; k++) {
		i = (edgedp_cls_st_last + EDGEDP_CLS_ST_RECENT - k) % EDGEDP_CLS_ST_RECENT;
		edgedp_cls_st_old[k] = recent[i];
		edgedp_cls_st_old_sel[k] = recent_sel[i];
	}
	for (k = 0; k < 3; k++)
		for (i = 0; i < EDGEDP_CLS_BITMAP_WORDS; i++)
			elig[k][i] = (u64)edgedp_cls_st_rand() << 32 | edgedp_cls_st_rand();

	for (k = 0; k < n_pkts; k++) {
		struct edgedp_cls_res res = { 0 }, ref = { 0 };
		struct edgedp_cls_pkt p;
		const u64 *e;
		bool hit, ref_hit;
		u8 sel;

		if (k < n_old) {
			/*
			 * The last set's packets, its very last first: its
			 * cache entries must not answer.
			 */
			p = edgedp_cls_st_old[k];
			sel = edgedp_cls_st_old_sel[k];
		} else if (k >= EDGEDP_CLS_ST_RECENT && edgedp_cls_st_below(2)) {
			/* Half the packets again: cache hits, or another bitmap. */
			i = edgedp_cls_st_below(EDGEDP_CLS_ST_RECENT);
			p = recent[i];
			sel = recent_sel[i];
			if (!edgedp_cls_st_below(4))
				sel = (sel + 1 + edgedp_cls_st_below(3)) % 4;
		} else if (k && !edgedp_cls_st_below(4)) {
			/* The last packet but for one bit: the one-slot cache holds it. */
			p = recent[edgedp_cls_st_last];
			sel = recent_sel[edgedp_cls_st_last];
			edgedp_cls_st_flip(&p);
		} else {
			edgedp_cls_st_pick_pkt(&p, pdrs, n_pdrs, n_filters, set_family);
			sel = edgedp_cls_st_below(4) ? 0 : 1 + edgedp_cls_st_below(3);
		}
		/* Packets k - RECENT + 1 .. k, the last at index edgedp_cls_st_last. */
		edgedp_cls_st_last = k % EDGEDP_CLS_ST_RECENT;
		recent[edgedp_cls_st_last] = p;
		recent_sel[edgedp_cls_st_last] = sel;
		e = sel ? elig[sel - 1] : NULL;
		hit = edgedp_cls_lookup(cls, &p, e, &res);
		ref_hit = edgedp_cls_ref_lookup(pdrs, n_pdrs, &p, e, &ref);
		hits += ref_hit;
		if (hit != ref_hit || (hit && (res.pdr != ref.pdr || res.filter != ref.filter))) {
			mismatches++;
			EDGEDP_CLS_ST_CHECK(false, "packet %u: got %d/%u/%u, reference %d/%u/%u", k,
					    hit, res.pdr, res.filter, ref_hit, ref.pdr, ref.filter);
		}
		edgedp_cls_st_cached(cls, &p, sel, e, hit, &res, k);
	}
	edgedp_cls_st_n_recent = n_pkts < EDGEDP_CLS_ST_RECENT ? n_pkts : EDGEDP_CLS_ST_RECENT;
	if (mismatches)
		edgedp_cls_st_log("%u filters, %u PDRs: %u mismatches in %u packets",
				  n_filters, n_pdrs, mismatches, n_pkts);
	/* The packets must exercise matching, not only misses. */
	EDGEDP_CLS_ST_CHECK(!n_filters || hits * 4 >= n_pkts, "only %u of %u packets matched",
			    hits, n_pkts);
out:
	edgedp_cls_free(cls);
	al->free(sdf, al->ctx);
	al->free(pdrs, al->ctx);
	return !mismatches;
}

static const unsigned int edgedp_cls_st_sizes[] = {
	0, 1, 2, 3, 5, 8, 13, 30, 100, 300, 1000, 3000, 10000,
};

/* Sets of every size up to max_filters, each checked with n_pkts packets. */
bool edgedp_cls_selftest_random(unsigned int max_filters, unsigned int n_pkts, u32 seed)
{
	unsigned int before = edgedp_cls_st_failures, i;

	const struct edgedp_cls_alloc *al = &edgedp_cls_default_alloc;
	struct edgedp_cls_cache *c, *c1;
	u32 hits;

	edgedp_cls_st_state = seed ? seed : 1;
	edgedp_cls_st_info("seed %u", edgedp_cls_st_state);
	c = al->zalloc(edgedp_cls_cache_size(EDGEDP_CLS_ST_CACHE_SLOTS), al->ctx);
	EDGEDP_CLS_ST_CHECK(c, "out of memory");
	if (c)
		edgedp_cls_cache_init(c, EDGEDP_CLS_ST_CACHE_SLOTS);
	c1 = al->zalloc(edgedp_cls_cache_size(1), al->ctx);
	EDGEDP_CLS_ST_CHECK(c1, "out of memory");
	if (c1)
		edgedp_cls_cache_init(c1, 1);
	edgedp_cls_st_cache = c;
	edgedp_cls_st_cache1 = c1;
	edgedp_cls_st_n_recent = 0;
	for (i = 0; i < ARRAY_SIZE(edgedp_cls_st_sizes); i++) {
		unsigned int n = edgedp_cls_st_sizes[i];

		if (n > max_filters)
			break;
		edgedp_cls_st_one(n, n_pkts);
		/* and one of a random size around it */
		edgedp_cls_st_one(n + edgedp_cls_st_below(n + 1), n_pkts / 4);
	}
	edgedp_cls_st_cache = NULL;
	edgedp_cls_st_cache1 = NULL;
	al->free(c1, al->ctx);
	if (c) {
		/* About half the packets are sent again: most of those must hit. */
		hits = c->hits;
		EDGEDP_CLS_ST_CHECK(hits * 5 >= c->misses, "cache: %u hits, %u misses", hits,
				    c->misses);
		edgedp_cls_st_info("cache: %u hits, %u misses", hits, c->misses);
		al->free(c, al->ctx);
	}
	return edgedp_cls_st_failures == before;
}

bool edgedp_cls_selftest(void)
{
	u32 seed;

#ifdef __KERNEL__
	seed = get_random_u32();
#else
	seed = 0x5eed1234;
#endif
	edgedp_cls_st_failures = 0;
	edgedp_cls_st_known();
	edgedp_cls_selftest_random(1000, 2000, seed);
	if (edgedp_cls_st_failures) {
		edgedp_cls_st_log("%u failures (seed %u)", edgedp_cls_st_failures, seed);
		return false;
	}
	edgedp_cls_st_info("pass");
	return true;
}
