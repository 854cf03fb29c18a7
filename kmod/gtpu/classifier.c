// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * The UL CL classifier: tuple-space search with precedence pruning.
 *
 * Compile turns every filter into packet form (swapped for uplink PDRs),
 * gives it a rank (its place in PFCP match order) and sorts it into a tuple:
 * the filter's shape, i.e. its address family, both prefix lengths and
 * whether it names a protocol, an exact source port and an exact destination
 * port. Filters of one tuple with equal masked keys form a group, whose
 * entries are kept in rank order; the groups of all tuples live in one open
 * addressing hash table keyed by (tuple, masked addresses, protocol, exact
 * ports). What a key cannot hold (port ranges, TOS under a mask, SPI, flow
 * label) is checked on the group's entries.
 *
 * Lookup walks the tuples in order of their best rank and stops at the first
 * tuple whose best rank cannot beat the match found so far; in each tuple it
 * masks the packet, hashes it and probes. So its cost follows the number of
 * shapes in the set, not the number of filters. The whole set is one
 * allocation, immutable once built: safe for RCU readers.
 *
 * Pure logic as kmod/pure.h describes; only the default allocator differs
 * between the kernel and userspace.
 */
#include "classifier.h"

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>

static void *edgedp_cls_kzalloc(size_t size, void *ctx)
{
	return kvzalloc(size, GFP_KERNEL);
}

static void edgedp_cls_kfree(void *p, void *ctx)
{
	kvfree(p);
}

const struct edgedp_cls_alloc edgedp_cls_default_alloc = {
	.zalloc = edgedp_cls_kzalloc,
	.free = edgedp_cls_kfree,
};
#else
#include <errno.h>
#include <stdlib.h>

static void *edgedp_cls_uzalloc(size_t size, void *ctx)
{
	(void)ctx;
	return calloc(1, size);
}

static void edgedp_cls_ufree(void *p, void *ctx)
{
	(void)ctx;
	free(p);
}

const struct edgedp_cls_alloc edgedp_cls_default_alloc = {
	.zalloc = edgedp_cls_uzalloc,
	.free = edgedp_cls_ufree,
};
#endif

#define EDGEDP_IPPROTO_TCP	6
#define EDGEDP_IPPROTO_UDP	17
#define EDGEDP_IPPROTO_ESP	50
#define EDGEDP_IPPROTO_AH	51
#define EDGEDP_IPPROTO_SCTP	132

/*
 * A hash key: tuple and protocol, exact ports, then the masked source and
 * destination address words interleaved, so that a tuple of either family
 * hashes and compares only the words it has: 2 with no address, 4 for
 * IPv4, 10 for IPv6.
 */
#define EDGEDP_CLS_K_META	0	/* tuple << 8 | protocol */
#define EDGEDP_CLS_K_PORTS	1	/* source port << 16 | destination port */
#define EDGEDP_CLS_K_SRC	2	/* word w at K_SRC + 2 * w */
#define EDGEDP_CLS_K_DST	3	/* word w at K_DST + 2 * w */
#define EDGEDP_CLS_K_WORDS	10

/* What a tuple puts in its key besides the addresses. */
#define EDGEDP_CLS_T_PROTO	0x1
#define EDGEDP_CLS_T_SPORT	0x2
#define EDGEDP_CLS_T_DPORT	0x4

/* What an entry checks after the key matched (struct edgedp_cls_ent.check). */
#define EDGEDP_CLS_C_SPORT	0x01
#define EDGEDP_CLS_C_DPORT	0x02
#define EDGEDP_CLS_C_TOS	0x04
#define EDGEDP_CLS_C_SPI	0x08
#define EDGEDP_CLS_C_FLOW_LABEL	0x10

struct edgedp_cls_tuple {
	u32 smask[4];
	u32 dmask[4];
	u32 best;		/* lowest rank of its entries */
	u8 family;		/* 0 (any), 4 or 6 */
	u8 use;			/* EDGEDP_CLS_T_* */
	u8 kwords;		/* key words: 2, 4 or 10 */
	u16 index;
};

/* One filter in packet form, with what its key does not hold. */
struct edgedp_cls_ent {
	u32 rank;
	u16 filter;
	u8 pdr;
	u8 check;		/* EDGEDP_CLS_C_* */
	u16 sport_min, sport_max;
	u16 dport_min, dport_max;
	u8 tos, tos_mask;
	u32 spi;
	u32 flow_label;
};

struct edgedp_cls_group {
	u32 key[EDGEDP_CLS_K_WORDS];
	u32 first;		/* its entries: ents[first .. first + count) by rank */
	u32 count;
};

struct edgedp_cls_slot {
	u32 hash;
	u32 group;		/* index + 1; 0: empty */
};

struct edgedp_cls {
	struct edgedp_cls_alloc alloc;
	size_t size;
	u32 n_tuples, n_groups, n_ents;
	u32 slot_mask;
	struct edgedp_cls_tuple *tuples;	/* by best rank */
	struct edgedp_cls_group *groups;
	struct edgedp_cls_ent *ents;
	struct edgedp_cls_slot *slots;
};

static inline u32 edgedp_cls_hash(const u32 *k, unsigned int n)
{
	u32 h = 0x2c9277b5;
	unsigned int i;

	for (i = 0; i < n; i++) {
		h = (h ^ k[i]) * 0x85ebca6b;
		h ^= h >> 15;
	}
	h *= 0xc2b2ae35;
	return h ^ (h >> 16);
}

static inline bool edgedp_cls_key_eq(const u32 *a, const u32 *b, unsigned int n)
{
	u32 d = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		d |= a[i] ^ b[i];
	return !d;
}

static inline bool edgedp_cls_ent_ok(const struct edgedp_cls_ent *e,
				     const struct edgedp_cls_pkt *pkt, const u64 *eligible)
{
	if (eligible && !(eligible[e->pdr / 64] >> (e->pdr % 64) & 1))
		return false;
	if (likely(!e->check))
		return true;
	if ((e->check & (EDGEDP_CLS_C_SPORT | EDGEDP_CLS_C_DPORT)) &&
	    !(pkt->flags & EDGEDP_CLS_PKT_PORTS))
		return false;
	if ((e->check & EDGEDP_CLS_C_SPORT) &&
	    (pkt->sport < e->sport_min || pkt->sport > e->sport_max))
		return false;
	if ((e->check & EDGEDP_CLS_C_DPORT) &&
	    (pkt->dport < e->dport_min || pkt->dport > e->dport_max))
		return false;
	if ((e->check & EDGEDP_CLS_C_TOS) && ((pkt->tos ^ e->tos) & e->tos_mask))
		return false;
	if ((e->check & EDGEDP_CLS_C_SPI) &&
	    (!(pkt->flags & EDGEDP_CLS_PKT_SPI) || pkt->spi != e->spi))
		return false;
	if ((e->check & EDGEDP_CLS_C_FLOW_LABEL) &&
	    (pkt->family != 6 || pkt->flow_label != e->flow_label))
		return false;
	return true;
}

bool edgedp_cls_lookup(const struct edgedp_cls *cls, const struct edgedp_cls_pkt *pkt,
		       const u64 *eligible, struct edgedp_cls_res *res)
{
	const struct edgedp_cls_ent *found = NULL;
	u32 best = ~0U;
	u32 t;

	for (t = 0; t < cls->n_tuples; t++) {
		const struct edgedp_cls_tuple *tu = &cls->tuples[t];
		u32 key[EDGEDP_CLS_K_WORDS];
		u32 h, i;
		int w;

		if (tu->best >= best)
			break;	/* tuples are in best-rank order: none can win */
		if (tu->family && tu->family != pkt->family)
			continue;
		if ((tu->use & (EDGEDP_CLS_T_SPORT | EDGEDP_CLS_T_DPORT)) &&
		    !(pkt->flags & EDGEDP_CLS_PKT_PORTS))
			continue;
		for (w = 0; 2 * w + 2 < tu->kwords; w++) {
			key[EDGEDP_CLS_K_SRC + 2 * w] = pkt->src[w] & tu->smask[w];
			key[EDGEDP_CLS_K_DST + 2 * w] = pkt->dst[w] & tu->dmask[w];
		}
		key[EDGEDP_CLS_K_META] = (u32)tu->index << 8 |
			(tu->use & EDGEDP_CLS_T_PROTO ? pkt->proto : 0);
		key[EDGEDP_CLS_K_PORTS] =
			(tu->use & EDGEDP_CLS_T_SPORT ? (u32)pkt->sport << 16 : 0) |
			(tu->use & EDGEDP_CLS_T_DPORT ? pkt->dport : 0);
		h = edgedp_cls_hash(key, tu->kwords);
		for (i = h & cls->slot_mask; cls->slots[i].group; i = (i + 1) & cls->slot_mask) {
			const struct edgedp_cls_group *g;
			const struct edgedp_cls_ent *e, *end;

			if (cls->slots[i].hash != h)
				continue;
			g = &cls->groups[cls->slots[i].group - 1];
			if (!edgedp_cls_key_eq(g->key, key, tu->kwords))
				continue;
			end = &cls->ents[g->first + g->count];
			for (e = &cls->ents[g->first]; e < end && e->rank < best; e++) {
				if (edgedp_cls_ent_ok(e, pkt, eligible)) {
					best = e->rank;
					found = e;
					break;
				}
			}
			break;
		}
	}
	if (!found)
		return false;
	res->pdr = found->pdr;
	res->filter = found->filter;
	res->rank = found->rank;
	return true;
}

/* ---- the exact-match cache (its lookup is inline in classifier.h) ---- */

size_t edgedp_cls_cache_size(unsigned int slots)
{
	return sizeof(struct edgedp_cls_cache) + sizeof(struct edgedp_cls_cache_ent) * slots;
}

void edgedp_cls_cache_init(struct edgedp_cls_cache *c, unsigned int slots)
{
	c->mask = slots - 1;
}

void edgedp_cls_cache_put(struct edgedp_cls_cache *c, u64 gen, u64 sig,
			  const struct edgedp_cls_pkt *pkt, bool hit,
			  const struct edgedp_cls_res *res)
{
	struct edgedp_cls_cache_ent *e = edgedp_cls_cache_slot(c, gen, sig, pkt);

	e->pkt = *pkt;
	e->gen = gen;
	e->sig = sig;
	e->hit = hit;
	if (hit) {
		e->pdr = res->pdr;
		e->filter = res->filter;
		e->rank = res->rank;
	}
}

bool edgedp_cls_lookup_cached(struct edgedp_cls_cache *c, u64 gen, u64 sig,
			      const struct edgedp_cls *cls, const struct edgedp_cls_pkt *pkt,
			      const u64 *eligible, struct edgedp_cls_res *res)
{
	int got = edgedp_cls_cache_get(c, gen, sig, pkt, res);
	bool hit;

	if (got >= 0)
		return got;
	hit = edgedp_cls_lookup(cls, pkt, eligible, res);
	edgedp_cls_cache_put(c, gen, sig, pkt, hit, res);
	return hit;
}

/* ---- compile ---- */

/* A filter on its way in. */
struct edgedp_cls_bent {
	struct edgedp_cls_ent e;
	u32 key[EDGEDP_CLS_K_WORDS];	/* K_META without the tuple yet */
	u32 sig;			/* the tuple's shape, see edgedp_cls_sig() */
	u32 precedence;
	u16 pdr_id;
	u32 tuple;			/* index into the build's tuple list */
};

struct edgedp_cls_btuple {
	u32 sig;
	u32 best;
	u32 final;			/* its index in the compiled set */
};

static u32 edgedp_cls_sig(u8 family, u8 splen, u8 dplen, u8 use)
{
	u32 f = family == 4 ? 1 : family == 6 ? 2 : 0;

	return f << 24 | (u32)use << 16 | (u32)splen << 8 | dplen;
}

static void edgedp_cls_mask(u32 *mask, unsigned int plen)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (plen >= 32U * (i + 1))
			mask[i] = ~0U;
		else if (plen <= 32U * i)
			mask[i] = 0;
		else
			mask[i] = ~0U << (32 - (plen - 32 * i));
	}
}

static void edgedp_cls_addr(u32 *out, const u8 *addr, u8 family, u8 plen)
{
	u32 mask[4];
	int i;

	edgedp_cls_mask(mask, plen);
	for (i = 0; i < 4; i++)
		out[2 * i] = (family == 6 || i == 0 ? edgedp_get_be32(addr + 4 * i) : 0) & mask[i];
}

/* Heap sort of an index array: no allocation, O(n log n), not stable. */
typedef int (*edgedp_cls_cmp_t)(const void *ctx, u32 a, u32 b);

static void edgedp_cls_sift(u32 *idx, u32 root, u32 n, edgedp_cls_cmp_t cmp, const void *ctx)
{
	for (;;) {
		u32 child = 2 * root + 1, tmp;

		if (child >= n)
			return;
		if (child + 1 < n && cmp(ctx, idx[child], idx[child + 1]) < 0)
			child++;
		if (cmp(ctx, idx[root], idx[child]) >= 0)
			return;
		tmp = idx[root];
		idx[root] = idx[child];
		idx[child] = tmp;
		root = child;
	}
}

static void edgedp_cls_sort(u32 *idx, u32 n, edgedp_cls_cmp_t cmp, const void *ctx)
{
	u32 i, tmp;

	for (i = n / 2; i-- > 0;)
		edgedp_cls_sift(idx, i, n, cmp, ctx);
	for (i = n; i-- > 1;) {
		tmp = idx[0];
		idx[0] = idx[i];
		idx[i] = tmp;
		edgedp_cls_sift(idx, 0, i, cmp, ctx);
	}
}

static int edgedp_cls_cmp32(u32 x, u32 y)
{
	return x < y ? -1 : x > y;
}

/* PFCP match order: precedence, then PDR id (then index), then filter order. */
static int edgedp_cls_cmp_rank(const void *ctx, u32 a, u32 b)
{
	const struct edgedp_cls_bent *x = (const struct edgedp_cls_bent *)ctx + a;
	const struct edgedp_cls_bent *y = (const struct edgedp_cls_bent *)ctx + b;

	return edgedp_cls_cmp32(x->precedence, y->precedence) ?:
	       edgedp_cls_cmp32(x->pdr_id, y->pdr_id) ?:
	       edgedp_cls_cmp32(x->e.pdr, y->e.pdr) ?:
	       edgedp_cls_cmp32(x->e.filter, y->e.filter);
}

/* Tuple, then key, then rank: groups become runs of entries in rank order. */
static int edgedp_cls_cmp_group(const void *ctx, u32 a, u32 b)
{
	const struct edgedp_cls_bent *x = (const struct edgedp_cls_bent *)ctx + a;
	const struct edgedp_cls_bent *y = (const struct edgedp_cls_bent *)ctx + b;
	int i, c = edgedp_cls_cmp32(x->sig, y->sig);

	for (i = 0; !c && i < EDGEDP_CLS_K_WORDS; i++)
		c = edgedp_cls_cmp32(x->key[i], y->key[i]);
	return c ?: edgedp_cls_cmp32(x->e.rank, y->e.rank);
}

static int edgedp_cls_cmp_tuple(const void *ctx, u32 a, u32 b)
{
	const struct edgedp_cls_btuple *x = (const struct edgedp_cls_btuple *)ctx + a;
	const struct edgedp_cls_btuple *y = (const struct edgedp_cls_btuple *)ctx + b;

	return edgedp_cls_cmp32(x->best, y->best);
}

static int edgedp_cls_fail_code(struct edgedp_cls_err *err, int code, const char *msg,
				int pdr, int filter)
{
	if (err) {
		err->msg = msg;
		err->pdr = pdr;
		err->filter = filter;
	}
	return code;
}

static int edgedp_cls_fail(struct edgedp_cls_err *err, const char *msg, int pdr, int filter)
{
	return edgedp_cls_fail_code(err, -EINVAL, msg, pdr, filter);
}

static bool edgedp_cls_has_ports(u8 proto)
{
	return proto == EDGEDP_IPPROTO_TCP || proto == EDGEDP_IPPROTO_UDP ||
	       proto == EDGEDP_IPPROTO_SCTP;
}

/* The filter's problem, or NULL. */
static const char *edgedp_cls_check_sdf(const struct edgedp_sdf *s)
{
	u8 max = s->family == 6 ? 128 : 32;

	if (s->family != 0 && s->family != 4 && s->family != 6)
		return "SDF filter: address family must be 4 or 6";
	if ((s->flags & (EDGEDP_SDF_F_SRC | EDGEDP_SDF_F_DST)) && !s->family)
		return "SDF filter: an address needs a family";
	if ((s->flags & EDGEDP_SDF_F_SRC) && s->src_plen > max)
		return "SDF filter: SRC_PLEN longer than the address";
	if ((s->flags & EDGEDP_SDF_F_DST) && s->dst_plen > max)
		return "SDF filter: DST_PLEN longer than the address";
	if ((s->flags & (EDGEDP_SDF_F_SPORT | EDGEDP_SDF_F_DPORT)) &&
	    (!(s->flags & EDGEDP_SDF_F_PROTO) || !edgedp_cls_has_ports(s->proto)))
		return "SDF filter: port ranges need PROTO tcp, udp or sctp";
	if ((s->flags & EDGEDP_SDF_F_SPORT) && s->sport_min > s->sport_max)
		return "SDF filter: SRC_PORT_MIN above SRC_PORT_MAX";
	if ((s->flags & EDGEDP_SDF_F_DPORT) && s->dport_min > s->dport_max)
		return "SDF filter: DST_PORT_MIN above DST_PORT_MAX";
	if ((s->flags & EDGEDP_SDF_F_FLOW_LABEL) && s->flow_label > 0xfffff)
		return "SDF filter: FLOW_LABEL is 20 bits";
	if ((s->flags & EDGEDP_SDF_F_FLOW_LABEL) && s->family == 4)
		return "SDF filter: FLOW_LABEL with IPv4 addresses";
	return NULL;
}

/* Fills b from one filter (NULL: a PDR without filters), in packet form. */
static void edgedp_cls_fill(struct edgedp_cls_bent *b, const struct edgedp_cls_pdr *p,
			    const struct edgedp_sdf *s, u16 filter)
{
	bool swap = p->swap;
	u16 sflag = swap ? EDGEDP_SDF_F_DST : EDGEDP_SDF_F_SRC;
	u16 dflag = swap ? EDGEDP_SDF_F_SRC : EDGEDP_SDF_F_DST;
	u16 spflag = swap ? EDGEDP_SDF_F_DPORT : EDGEDP_SDF_F_SPORT;
	u16 dpflag = swap ? EDGEDP_SDF_F_SPORT : EDGEDP_SDF_F_DPORT;
	u8 splen = 0, dplen = 0, use = 0;

	b->precedence = p->precedence;
	b->pdr_id = p->id;
	b->e.pdr = p->index;
	b->e.filter = filter;
	if (!s) {
		b->sig = edgedp_cls_sig(0, 0, 0, 0);
		return;
	}
	/* The packet's source meets SRC downlink, DST uplink. */
	if (s->flags & sflag) {
		splen = swap ? s->dst_plen : s->src_plen;
		edgedp_cls_addr(&b->key[EDGEDP_CLS_K_SRC], swap ? s->dst : s->src, s->family,
				splen);
	}
	if (s->flags & dflag) {
		dplen = swap ? s->src_plen : s->dst_plen;
		edgedp_cls_addr(&b->key[EDGEDP_CLS_K_DST], swap ? s->src : s->dst, s->family,
				dplen);
	}
	if (s->flags & EDGEDP_SDF_F_PROTO) {
		use |= EDGEDP_CLS_T_PROTO;
		b->key[EDGEDP_CLS_K_META] = s->proto;
	}
	if (s->flags & spflag) {
		b->e.sport_min = swap ? s->dport_min : s->sport_min;
		b->e.sport_max = swap ? s->dport_max : s->sport_max;
		if (b->e.sport_min == b->e.sport_max) {
			use |= EDGEDP_CLS_T_SPORT;
			b->key[EDGEDP_CLS_K_PORTS] |= (u32)b->e.sport_min << 16;
		} else {
			b->e.check |= EDGEDP_CLS_C_SPORT;
		}
	}
	if (s->flags & dpflag) {
		b->e.dport_min = swap ? s->sport_min : s->dport_min;
		b->e.dport_max = swap ? s->sport_max : s->dport_max;
		if (b->e.dport_min == b->e.dport_max) {
			use |= EDGEDP_CLS_T_DPORT;
			b->key[EDGEDP_CLS_K_PORTS] |= b->e.dport_min;
		} else {
			b->e.check |= EDGEDP_CLS_C_DPORT;
		}
	}
	if ((s->flags & EDGEDP_SDF_F_TOS) && s->tos_mask) {
		b->e.check |= EDGEDP_CLS_C_TOS;
		b->e.tos_mask = s->tos_mask;
		b->e.tos = s->tos & s->tos_mask;
	}
	if (s->flags & EDGEDP_SDF_F_SPI) {
		b->e.check |= EDGEDP_CLS_C_SPI;
		b->e.spi = s->spi;
	}
	if (s->flags & EDGEDP_SDF_F_FLOW_LABEL) {
		b->e.check |= EDGEDP_CLS_C_FLOW_LABEL;
		b->e.flow_label = s->flow_label;
	}
	b->sig = edgedp_cls_sig(s->family, splen, dplen, use);
}

static void edgedp_cls_tuple_init(struct edgedp_cls_tuple *t, u32 sig, u32 best, u16 index)
{
	u8 f = sig >> 24;

	t->family = f == 1 ? 4 : f == 2 ? 6 : 0;
	t->use = sig >> 16;
	t->kwords = t->family == 6 ? 10 : t->family == 4 ? 4 : 2;
	edgedp_cls_mask(t->smask, (sig >> 8) & 0xff);
	edgedp_cls_mask(t->dmask, sig & 0xff);
	t->best = best;
	t->index = index;
}

static size_t edgedp_cls_align(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

int edgedp_cls_compile(const struct edgedp_cls_pdr *pdrs, unsigned int n,
		       const struct edgedp_cls_alloc *alloc,
		       struct edgedp_cls **out, struct edgedp_cls_err *err)
{
	struct edgedp_cls_btuple *bt = NULL;
	struct edgedp_cls_bent *b = NULL;
	u32 *order = NULL, *tord = NULL;
	u64 seen[EDGEDP_CLS_BITMAP_WORDS] = { 0 };
	u32 n_ents = 0, n_tuples = 0, n_groups = 0, n_slots;
	struct edgedp_cls *cls;
	size_t size, o_tu, o_gr, o_en, o_sl;
	unsigned int i, j, k;
	int ret = -ENOMEM;

	if (err) {
		err->msg = NULL;
		err->pdr = -1;
		err->filter = -1;
	}
	*out = NULL;
	if (n > EDGEDP_CLS_MAX_PDRS)
		return edgedp_cls_fail(err, "classifier: more than 256 PDRs", -1, -1);
	for (i = 0; i < n; i++) {
		const struct edgedp_cls_pdr *p = &pdrs[i];

		if (seen[p->index / 64] >> (p->index % 64) & 1)
			return edgedp_cls_fail(err, "classifier: PDR index used twice", i, -1);
		edgedp_cls_bitmap_set(seen, p->index);
		if (p->n_sdf && !p->sdf)
			return edgedp_cls_fail(err, "classifier: filters missing", i, -1);
		if (p->n_sdf >= EDGEDP_CLS_NO_FILTER)
			return edgedp_cls_fail_code(err, -E2BIG,
						    "classifier: too many filters in a PDR", i, -1);
		for (j = 0; j < p->n_sdf; j++) {
			const char *msg = edgedp_cls_check_sdf(&p->sdf[j]);

			if (msg)
				return edgedp_cls_fail(err, msg, i, j);
		}
		n_ents += p->n_sdf ? p->n_sdf : 1;
		if (n_ents > EDGEDP_CLS_MAX_FILTERS)
			return edgedp_cls_fail_code(err, -E2BIG,
						    "classifier: more than 65535 filters in a session",
						    i, -1);
	}

	b = alloc->zalloc(sizeof(*b) * (n_ents + 1), alloc->ctx);
	order = alloc->zalloc(sizeof(*order) * (n_ents + 1), alloc->ctx);
	bt = alloc->zalloc(sizeof(*bt) * (n_ents + 1), alloc->ctx);
	tord = alloc->zalloc(sizeof(*tord) * (n_ents + 1), alloc->ctx);
	if (!b || !order || !bt || !tord)
		goto out;

	/* 1. Every filter in packet form, ranked in PFCP match order. */
	for (i = 0, k = 0; i < n; i++) {
		if (!pdrs[i].n_sdf)
			edgedp_cls_fill(&b[k++], &pdrs[i], NULL, EDGEDP_CLS_NO_FILTER);
		for (j = 0; j < pdrs[i].n_sdf; j++)
			edgedp_cls_fill(&b[k++], &pdrs[i], &pdrs[i].sdf[j], j);
	}
	for (k = 0; k < n_ents; k++)
		order[k] = k;
	edgedp_cls_sort(order, n_ents, edgedp_cls_cmp_rank, b);
	for (k = 0; k < n_ents; k++)
		b[order[k]].e.rank = k;

	/* 2. Tuples and groups are runs in (shape, key, rank) order. */
	edgedp_cls_sort(order, n_ents, edgedp_cls_cmp_group, b);
	for (k = 0; k < n_ents; k++) {
		struct edgedp_cls_bent *x = &b[order[k]];
		struct edgedp_cls_bent *prev = k ? &b[order[k - 1]] : NULL;

		if (!prev || prev->sig != x->sig) {
			bt[n_tuples].sig = x->sig;
			bt[n_tuples].best = x->e.rank;
			n_tuples++;
		} else if (x->e.rank < bt[n_tuples - 1].best) {
			bt[n_tuples - 1].best = x->e.rank;
		}
		x->tuple = n_tuples - 1;
		if (!prev || prev->sig != x->sig ||
		    !edgedp_cls_key_eq(prev->key, x->key, EDGEDP_CLS_K_WORDS))
			n_groups++;
	}
	/* 3. Tuples in order of their best rank: the lookup's pruning order. */
	for (k = 0; k < n_tuples; k++)
		tord[k] = k;
	edgedp_cls_sort(tord, n_tuples, edgedp_cls_cmp_tuple, bt);
	for (k = 0; k < n_tuples; k++)
		bt[tord[k]].final = k;

	/* 4. One allocation: header, tuples, groups, entries, hash slots. */
	for (n_slots = 4; n_slots < 2 * n_groups; n_slots *= 2)
		;
	o_tu = edgedp_cls_align(sizeof(*cls));
	o_gr = o_tu + edgedp_cls_align(sizeof(struct edgedp_cls_tuple) * n_tuples);
	o_en = o_gr + edgedp_cls_align(sizeof(struct edgedp_cls_group) * n_groups);
	o_sl = o_en + edgedp_cls_align(sizeof(struct edgedp_cls_ent) * n_ents);
	size = o_sl + sizeof(struct edgedp_cls_slot) * n_slots;
	cls = alloc->zalloc(size, alloc->ctx);
	if (!cls)
		goto out;
	cls->alloc = *alloc;
	cls->size = size;
	cls->tuples = (struct edgedp_cls_tuple *)((u8 *)cls + o_tu);
	cls->groups = (struct edgedp_cls_group *)((u8 *)cls + o_gr);
	cls->ents = (struct edgedp_cls_ent *)((u8 *)cls + o_en);
	cls->slots = (struct edgedp_cls_slot *)((u8 *)cls + o_sl);
	cls->n_tuples = n_tuples;
	cls->n_ents = n_ents;
	cls->slot_mask = n_slots - 1;
	for (k = 0; k < n_tuples; k++)
		edgedp_cls_tuple_init(&cls->tuples[bt[k].final], bt[k].sig, bt[k].best,
				      bt[k].final);

	for (k = 0; k < n_ents; k++) {
		struct edgedp_cls_bent *x = &b[order[k]];
		struct edgedp_cls_bent *prev = k ? &b[order[k - 1]] : NULL;
		struct edgedp_cls_group *g;
		u32 h, s;

		cls->ents[k] = x->e;
		if (prev && prev->sig == x->sig &&
		    edgedp_cls_key_eq(prev->key, x->key, EDGEDP_CLS_K_WORDS)) {
			cls->groups[cls->n_groups - 1].count++;
			continue;
		}
		g = &cls->groups[cls->n_groups++];
		memcpy(g->key, x->key, sizeof(g->key));
		g->key[EDGEDP_CLS_K_META] |= bt[x->tuple].final << 8;
		g->first = k;
		g->count = 1;
		h = edgedp_cls_hash(g->key, cls->tuples[bt[x->tuple].final].kwords);
		for (s = h & cls->slot_mask; cls->slots[s].group; s = (s + 1) & cls->slot_mask)
			;
		cls->slots[s].hash = h;
		cls->slots[s].group = cls->n_groups;
	}
	*out = cls;
	ret = 0;
out:
	alloc->free(tord, alloc->ctx);
	alloc->free(bt, alloc->ctx);
	alloc->free(order, alloc->ctx);
	alloc->free(b, alloc->ctx);
	return ret;
}

void edgedp_cls_free(struct edgedp_cls *cls)
{
	if (cls)
		cls->alloc.free(cls, cls->alloc.ctx);
}

size_t edgedp_cls_size(const struct edgedp_cls *cls)
{
	return cls->size;
}

unsigned int edgedp_cls_tuples(const struct edgedp_cls *cls)
{
	return cls->n_tuples;
}

/* ---- packets ---- */

static void edgedp_cls_l4(const u8 *p, size_t len, struct edgedp_cls_pkt *pkt)
{
	if (edgedp_cls_has_ports(pkt->proto) && len >= 4) {
		pkt->sport = edgedp_get_be16(p);
		pkt->dport = edgedp_get_be16(p + 2);
		pkt->flags |= EDGEDP_CLS_PKT_PORTS;
	} else if (pkt->proto == EDGEDP_IPPROTO_ESP && len >= 4) {
		pkt->spi = edgedp_get_be32(p);
		pkt->flags |= EDGEDP_CLS_PKT_SPI;
	} else if (pkt->proto == EDGEDP_IPPROTO_AH && len >= 8) {
		pkt->spi = edgedp_get_be32(p + 4);
		pkt->flags |= EDGEDP_CLS_PKT_SPI;
	}
}

/*
 * Fields of the IP header, and of the upper-layer header when it is there
 * (first or only fragment, not truncated): otherwise no ports nor SPI, so
 * filters that ask for them do not match. IPv6 extension headers (hop-by-hop,
 * routing, fragment, destination options) are skipped, at most 8.
 */
int edgedp_cls_pkt_parse(const u8 *buf, size_t len, struct edgedp_cls_pkt *pkt)
{
	size_t off;
	int i;

	if (len >= 1 && buf[0] >> 4 == 4) {
		size_t ihl = (size_t)(buf[0] & 0xf) * 4, tot;

		if (ihl < 20 || len < ihl)
			return -EINVAL;
		tot = edgedp_get_be16(buf + 2);
		if (tot < ihl)
			return -EINVAL;
		if (tot < len)
			len = tot;
		/* Every field, zero where IPv4 has none: the match cache compares them all. */
		*pkt = (struct edgedp_cls_pkt){
			.family = 4,
			.tos = buf[1],
			.proto = buf[9],
			.src[0] = edgedp_get_be32(buf + 12),
			.dst[0] = edgedp_get_be32(buf + 16),
		};
		if (!(edgedp_get_be16(buf + 6) & 0x1fff))
			edgedp_cls_l4(buf + ihl, len - ihl, pkt);
		return 0;
	}
	if (len < 40 || buf[0] >> 4 != 6)
		return -EINVAL;
	memset(pkt, 0, sizeof(*pkt));
	pkt->family = 6;
	pkt->tos = edgedp_get_be16(buf) >> 4;
	pkt->flow_label = edgedp_get_be32(buf) & 0xfffff;
	pkt->proto = buf[6];
	for (i = 0; i < 4; i++) {
		pkt->src[i] = edgedp_get_be32(buf + 8 + 4 * i);
		pkt->dst[i] = edgedp_get_be32(buf + 24 + 4 * i);
	}
	if (len - 40 > edgedp_get_be16(buf + 4))
		len = 40 + edgedp_get_be16(buf + 4);
	off = 40;
	for (i = 0;; i++) {
		u8 nh = pkt->proto;

		if (nh != 0 && nh != 43 && nh != 44 && nh != 60)
			break;
		if (i == 8 || len - off < 8)
			return 0;	/* truncated: no upper layer */
		pkt->proto = buf[off];
		if (nh == 44) {
			if (edgedp_get_be16(buf + off + 2) & 0xfff8)
				return 0;	/* not the first fragment */
			off += 8;
		} else {
			off += ((size_t)buf[off + 1] + 1) * 8;
		}
		if (off > len)
			return 0;
	}
	edgedp_cls_l4(buf + off, len - off, pkt);
	return 0;
}

#ifdef DEBUG
#include "selftest/classifier.c"
#endif
