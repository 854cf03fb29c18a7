// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * libFuzzer target over kmod/gtpu/classifier.c: the input describes a few PDRs
 * with filters (valid or not) and then packets. Compile must either succeed
 * or fail with -EINVAL and an error naming the PDR and filter; on success
 * every packet is looked up (with and without an eligible-PDR bitmap) and
 * must give what the naive reference of kmod/gtpu/selftest/classifier.c gives.
 * Or, per a flag byte, the remaining bytes are one IP packet, parsed and
 * looked up.
 * classifier.c is built into this file with DEBUG for the reference.
 */
#include <stdint.h>
#include <stdlib.h>

#define DEBUG
#include "gtpu/classifier.c"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

struct reader {
	const u8 *p;
	size_t left;
};

static u8 rd8(struct reader *r)
{
	if (!r->left)
		return 0;
	r->left--;
	return *r->p++;
}

static u16 rd16(struct reader *r)
{
	return (u16)(rd8(r) << 8 | rd8(r));
}

static void rd_addr(struct reader *r, u8 *a)
{
	a[0] = rd8(r);
	a[1] = rd8(r);
	a[2] = rd8(r);
	a[3] = rd8(r);
	a[12] = a[0] ^ a[3];
	a[15] = a[1];
}

static void rd_sdf(struct reader *r, struct edgedp_sdf *s)
{
	static const u8 protos[] = { 6, 17, 132, 1, 50, 51, 58, 0 };
	u8 f = rd8(r);

	memset(s, 0, sizeof(*s));
	s->flags = rd16(r);
	s->family = f & 3 ? (f & 1 ? 4 : 6) : 0;
	if (f & 0x80)
		s->family = f;	/* invalid families too */
	s->proto = f & 4 ? rd8(r) : protos[(f >> 3) & 7];
	s->src_plen = rd8(r);
	s->dst_plen = rd8(r);
	rd_addr(r, s->src);
	rd_addr(r, s->dst);
	s->sport_min = rd16(r);
	s->sport_max = f & 0x40 ? s->sport_min : rd16(r);
	s->dport_min = rd16(r);
	s->dport_max = rd16(r);
	s->tos = rd8(r);
	s->tos_mask = rd8(r);
	s->spi = rd8(r);
	s->flow_label = rd8(r) * 0x1111;
}

static void rd_pkt(struct reader *r, struct edgedp_cls_pkt *p)
{
	u8 f = rd8(r);
	u8 a[16] = { 0 };
	int i;

	memset(p, 0, sizeof(*p));
	p->family = f & 1 ? 6 : 4;
	p->proto = rd8(r);
	p->tos = rd8(r);
	p->flags = (f >> 1) & 3;
	p->sport = rd16(r);
	p->dport = rd16(r);
	p->spi = rd8(r);
	p->flow_label = rd8(r) * 0x1111;
	rd_addr(r, a);
	for (i = 0; i < (p->family == 6 ? 4 : 1); i++)
		p->src[i] = edgedp_get_be32(a + 4 * i);
	memset(a, 0, sizeof(a));
	rd_addr(r, a);
	for (i = 0; i < (p->family == 6 ? 4 : 1); i++)
		p->dst[i] = edgedp_get_be32(a + 4 * i);
}

static void check_one(const struct edgedp_cls *cls, const struct edgedp_cls_pdr *pdrs,
		      unsigned int n, const struct edgedp_cls_pkt *p, const u64 *elig)
{
	struct edgedp_cls_res res = { 0 }, ref = { 0 };
	bool hit = edgedp_cls_lookup(cls, p, elig, &res);
	bool ref_hit = edgedp_cls_ref_lookup(pdrs, n, p, elig, &ref);

	CHECK(hit == ref_hit);
	if (hit)
		CHECK(res.pdr == ref.pdr && res.filter == ref.filter);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader r = { data, size };
	struct edgedp_cls_pdr pdrs[8];
	struct edgedp_sdf sdf[8][4];
	struct edgedp_cls_err err;
	struct edgedp_cls_pkt p;
	struct edgedp_cls *cls;
	u64 elig[EDGEDP_CLS_BITMAP_WORDS] = { 0 };
	unsigned int n, i, j;
	int ret;

	n = rd8(&r) % 8 + 1;
	for (i = 0; i < n; i++) {
		u8 f = rd8(&r);

		pdrs[i] = (struct edgedp_cls_pdr){
			.precedence = rd8(&r), .id = f >> 4, .index = rd8(&r),
			.swap = f & 1, .n_sdf = (f >> 1) % 5, .sdf = sdf[i],
		};
		for (j = 0; j < pdrs[i].n_sdf; j++)
			rd_sdf(&r, &sdf[i][j]);
		if (f & 8)
			edgedp_cls_bitmap_set(elig, pdrs[i].index);
	}
	ret = edgedp_cls_compile(pdrs, n, &edgedp_cls_default_alloc, &cls, &err);
	if (ret) {
		CHECK(ret == -EINVAL && err.msg && err.pdr >= 0 && (unsigned int)err.pdr < n);
		CHECK(!cls);
		return 0;
	}
	if (rd8(&r) & 1) {
		/* the rest is one IP packet */
		if (!edgedp_cls_pkt_parse(r.p, r.left, &p)) {
			CHECK(p.family == 4 || p.family == 6);
			check_one(cls, pdrs, n, &p, NULL);
		}
	} else {
		while (r.left >= 20) {
			rd_pkt(&r, &p);
			check_one(cls, pdrs, n, &p, NULL);
			check_one(cls, pdrs, n, &p, elig);
		}
	}
	edgedp_cls_free(cls);
	return 0;
}
