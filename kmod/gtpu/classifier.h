/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * The UL CL classifier: which PDR of a session an inner packet matches by its
 * SDF filters (TS 29.244 5.2.1A, 8.2.5), as pure logic (kmod/pure.h) built
 * into edgedp.ko and into the host tests, fuzzer and benchmark
 * (selftests/host/). docs/ulcl.md explains the design.
 *
 * Use:
 *  1. The writer (under edp->update_lock) fills one struct edgedp_cls_pdr per
 *     PDR of the session, pointing at its struct edgedp_sdf filters as
 *     written in PFCP's downlink form, and calls edgedp_cls_compile(). The
 *     result is immutable; publish it with the session's rule set.
 *  2. Readers (RCU, softirq) fill a struct edgedp_cls_pkt from the inner
 *     packet (edgedp_cls_pkt_parse() does it from the IP header on) and call
 *     edgedp_cls_lookup() with the bitmap of the PDRs whose other conditions
 *     (interface, TEID, QFI, UE address) the packet meets. It allocates
 *     nothing, takes no lock and writes only *res.
 *  3. The compiled set is freed with edgedp_cls_free() after a grace period.
 *
 * Matching: a packet matches a PDR when it matches any one of its filters, or
 * always when the PDR has no filter. Among the eligible PDRs that match, the
 * one with the lowest precedence value wins; equal precedences are broken by
 * the lower PDR id, and within a PDR the filter listed first is reported.
 * Filters are written with SRC on the data-network side and DST on the UE
 * side; a PDR compiled with swap (source interface ACCESS: uplink) matches
 * SRC and its ports against the packet's destination and DST against its
 * source (TS 29.244 5.2.1A.2A).
 */
#ifndef _EDGEDP_GTPU_CLASSIFIER_H
#define _EDGEDP_GTPU_CLASSIFIER_H

#include "pure.h"

#define EDGEDP_CLS_MAX_PDRS	256	/* PDR indexes 0..255: the bitmap */
#define EDGEDP_CLS_MAX_FILTERS	65535	/* per compiled set, PDRs without filters count one */
#define EDGEDP_CLS_NO_FILTER	0xffff	/* res->filter of a PDR that has none */

/* The words of an eligible-PDR bitmap. */
#define EDGEDP_CLS_BITMAP_WORDS	(EDGEDP_CLS_MAX_PDRS / 64)

static inline void edgedp_cls_bitmap_set(u64 *map, unsigned int pdr_index)
{
	map[pdr_index / 64] |= 1ULL << (pdr_index % 64);
}

/* struct edgedp_sdf.flags: which fields are set; an unset one matches anything. */
enum {
	EDGEDP_SDF_F_SRC = 1 << 0,	/* src/src_plen */
	EDGEDP_SDF_F_DST = 1 << 1,	/* dst/dst_plen */
	EDGEDP_SDF_F_PROTO = 1 << 2,
	EDGEDP_SDF_F_SPORT = 1 << 3,	/* sport_min..sport_max */
	EDGEDP_SDF_F_DPORT = 1 << 4,	/* dport_min..dport_max */
	EDGEDP_SDF_F_TOS = 1 << 5,	/* (tos & tos_mask) == (value & tos_mask) */
	EDGEDP_SDF_F_SPI = 1 << 6,
	EDGEDP_SDF_F_FLOW_LABEL = 1 << 7,
};

/*
 * One SDF filter as the EDGEDP_A_SDF_* attributes give it: downlink form.
 * family is 4 or 6 when an address is set (both addresses share it), 0 when
 * neither is (the filter matches both families). Addresses are in network
 * byte order; bits past the prefix length are ignored.
 */
struct edgedp_sdf {
	u16 flags;		/* EDGEDP_SDF_F_* */
	u8 family;		/* 0, 4 or 6 */
	u8 proto;
	u8 src[16];
	u8 dst[16];
	u8 src_plen;
	u8 dst_plen;
	u8 tos;
	u8 tos_mask;
	u16 sport_min, sport_max;
	u16 dport_min, dport_max;
	u32 spi;
	u32 flow_label;		/* 20 bits */
};

/* One PDR: the compile step's input. */
struct edgedp_cls_pdr {
	u32 precedence;		/* lower matches first */
	u16 id;			/* PDR ID: breaks precedence ties, lower first */
	u8 index;		/* the caller's index: bitmap bit and res->pdr */
	bool swap;		/* uplink (source interface ACCESS): swap SRC/DST */
	u32 n_sdf;		/* 0: the PDR matches every packet */
	const struct edgedp_sdf *sdf;
};

/* struct edgedp_cls_pkt.flags */
enum {
	EDGEDP_CLS_PKT_PORTS = 1 << 0,	/* sport/dport are valid */
	EDGEDP_CLS_PKT_SPI = 1 << 1,	/* spi is valid (ESP or AH) */
};

/*
 * What the classifier looks at in a packet. Addresses are host-order 32-bit
 * words, most significant first; an IPv4 address is src[0] with src[1..3]
 * zero. flow_label is read only for family 6.
 */
struct edgedp_cls_pkt {
	u8 family;		/* 4 or 6 */
	u8 proto;		/* IPv4 protocol, IPv6 upper-layer next header */
	u8 tos;			/* IPv4 TOS, IPv6 traffic class */
	u8 flags;		/* EDGEDP_CLS_PKT_* */
	u16 sport, dport;
	u32 spi;
	u32 flow_label;
	u32 src[4];
	u32 dst[4];
};

/* A match: the PDR's index and the filter's position in its sdf[] array. */
struct edgedp_cls_res {
	u8 pdr;
	u16 filter;		/* EDGEDP_CLS_NO_FILTER when the PDR has none */
	u32 rank;		/* position in match order over the whole set */
};

/* How compile allocates; free must accept what zalloc returned. */
struct edgedp_cls_alloc {
	void *(*zalloc)(size_t size, void *ctx);
	void (*free)(void *p, void *ctx);
	void *ctx;
};

/* kvzalloc/kvfree (GFP_KERNEL) in the kernel, calloc/free in userspace. */
extern const struct edgedp_cls_alloc edgedp_cls_default_alloc;

/* Where compile found a problem: the message names the field. */
struct edgedp_cls_err {
	const char *msg;
	int pdr;		/* position in the pdrs[] array, or -1 */
	int filter;		/* position in that PDR's sdf[], or -1 */
};

struct edgedp_cls;

/*
 * Compiles n PDRs into *out. Returns 0, -EINVAL for a bad filter or PDR or
 * -E2BIG past EDGEDP_CLS_MAX_FILTERS (both with *err filled; err may be
 * NULL), or -ENOMEM. May sleep (its allocator may).
 */
int edgedp_cls_compile(const struct edgedp_cls_pdr *pdrs, unsigned int n,
		       const struct edgedp_cls_alloc *alloc,
		       struct edgedp_cls **out, struct edgedp_cls_err *err);
void edgedp_cls_free(struct edgedp_cls *cls);

/*
 * The best matching filter among the PDRs set in eligible (NULL: all), or
 * false when none matches. Cost: one hash probe per distinct filter shape
 * (tuple), stopping at the first tuple that cannot beat the match found.
 */
bool edgedp_cls_lookup(const struct edgedp_cls *cls, const struct edgedp_cls_pkt *pkt,
		       const u64 *eligible, struct edgedp_cls_res *res);

/*
 * An exact-match cache in front of edgedp_cls_lookup(), as OVS keeps one in
 * front of its tuple space search: the results for the fields of recent
 * packets, one entry per slot (a new packet evicts whatever shares its slot).
 * An entry is keyed by every field of struct edgedp_cls_pkt, the compiled
 * set's generation (the caller's number for it, unique for the life of the
 * cache and never 0) and the caller's eligibility signature (a value that
 * determines the eligible bitmap for that set; 0 for NULL). So a set that is
 * replaced never answers again: its generation is gone. Single writer: in
 * the kernel one cache per CPU, used with bottom halves disabled.
 */
struct edgedp_cls_cache_ent {
	struct edgedp_cls_pkt pkt;
	u64 gen;		/* 0: empty */
	u64 sig;
	u32 rank;
	u16 filter;
	u8 pdr;
	u8 hit;			/* the lookup matched */
};

struct edgedp_cls_cache {
	u32 mask;		/* slots - 1 */
	u32 hits, misses;	/* wrap; for tests and benchmarks */
	struct edgedp_cls_cache_ent ent[];
};

/* The bytes a cache of @slots (a power of two) needs; zero them, then init. */
size_t edgedp_cls_cache_size(unsigned int slots);
void edgedp_cls_cache_init(struct edgedp_cls_cache *c, unsigned int slots);

/*
 * The cache's answer for @pkt: 1 (a match, in *res), 0 (no match) or -1 (not
 * cached). After a -1, the caller looks the packet up and puts the answer.
 */
#define EDGEDP_CLS_PKT_WORDS	(sizeof(struct edgedp_cls_pkt) / 8)
/* Compared as 64-bit words: the fields fill it, no padding. */
static_assert(sizeof(struct edgedp_cls_pkt) == 48, "struct edgedp_cls_pkt has padding");

/* Inline: the hit is the fast path's whole classifier cost. */
/* Word @i of a packet's fields: one load, whatever the alignment rules. */
static inline u64 edgedp_cls_pkt_word(const struct edgedp_cls_pkt *p, unsigned int i)
{
	u64 w;

	memcpy(&w, (const u8 *)p + 8 * i, sizeof(w));
	return w;
}

/*
 * The words: family, protocol, TOS, flags and ports; SPI and flow label;
 * then two of source and two of destination address (IPv4 fills half of
 * the first of each).
 */
static inline u32 edgedp_cls_cache_hash(const struct edgedp_cls_pkt *p, u64 gen, u64 sig)
{
	u64 a = edgedp_cls_pkt_word(p, 0) ^ gen;
	u64 b = edgedp_cls_pkt_word(p, 2) ^ edgedp_cls_pkt_word(p, 3) ^ sig;
	u64 c = edgedp_cls_pkt_word(p, 4) ^ edgedp_cls_pkt_word(p, 5) ^
		edgedp_cls_pkt_word(p, 1);
	u64 h = a * 0x9e3779b97f4a7c15ULL ^ b * 0xc2b2ae3d27d4eb4fULL ^
		c * 0x165667b19e3779f9ULL;

	return (u32)(h >> 32) ^ (u32)h;
}

static inline bool edgedp_cls_pkt_eq(const struct edgedp_cls_pkt *a,
				     const struct edgedp_cls_pkt *b)
{
	u64 d = 0;
	unsigned int i;

	for (i = 0; i < EDGEDP_CLS_PKT_WORDS; i++)
		d |= edgedp_cls_pkt_word(a, i) ^ edgedp_cls_pkt_word(b, i);
	return !d;
}

static inline struct edgedp_cls_cache_ent *
edgedp_cls_cache_slot(struct edgedp_cls_cache *c, u64 gen, u64 sig,
		      const struct edgedp_cls_pkt *pkt)
{
	return &c->ent[edgedp_cls_cache_hash(pkt, gen, sig) & c->mask];
}

static inline int edgedp_cls_cache_get(struct edgedp_cls_cache *c, u64 gen, u64 sig,
				       const struct edgedp_cls_pkt *pkt,
				       struct edgedp_cls_res *res)
{
	const struct edgedp_cls_cache_ent *e = edgedp_cls_cache_slot(c, gen, sig, pkt);

	if (e->gen != gen || e->sig != sig || !edgedp_cls_pkt_eq(&e->pkt, pkt)) {
		c->misses++;
		return -1;
	}
	c->hits++;
	if (!e->hit)
		return 0;
	res->pdr = e->pdr;
	res->filter = e->filter;
	res->rank = e->rank;
	return 1;
}

void edgedp_cls_cache_put(struct edgedp_cls_cache *c, u64 gen, u64 sig,
			  const struct edgedp_cls_pkt *pkt, bool hit,
			  const struct edgedp_cls_res *res);

/* edgedp_cls_lookup() through cache @c (get, then lookup and put on a miss). */
bool edgedp_cls_lookup_cached(struct edgedp_cls_cache *c, u64 gen, u64 sig,
			      const struct edgedp_cls *cls, const struct edgedp_cls_pkt *pkt,
			      const u64 *eligible, struct edgedp_cls_res *res);

/*
 * Parses an IPv4 or IPv6 packet (buf starts at the IP header) into *pkt: 0, or
 * -EINVAL (and *pkt undefined) when it is not one.
 */
int edgedp_cls_pkt_parse(const u8 *buf, size_t len, struct edgedp_cls_pkt *pkt);

/* The size of the compiled set, and its number of tuples (shapes). */
size_t edgedp_cls_size(const struct edgedp_cls *cls);
unsigned int edgedp_cls_tuples(const struct edgedp_cls *cls);

#ifdef DEBUG
bool edgedp_cls_selftest(void);
/* Random sets of up to max_filters, n_pkts packets each, from seed. */
bool edgedp_cls_selftest_random(unsigned int max_filters, unsigned int n_pkts, u32 seed);
#endif

#endif /* _EDGEDP_GTPU_CLASSIFIER_H */
