// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Sessions, their rule sets and the lookup tables of a device.
 *
 * A modification never edits a published rule set: the writer builds a new
 * one from the old set and the request, validates it completely (ids unique,
 * every PDR's FAR present, keys free), then publishes it with one pointer
 * store. Keys (TEIDs, UE addresses) that the new set needs are inserted
 * before it is published and keys it no longer needs are removed after, so
 * a packet always meets a consistent rule set: at worst a key that points to
 * a session whose current rules do not match it, and the packet is dropped
 * as no-PDR, never misrouted. Per-PDR counters move from the old set to the
 * new one when the PDR id survives.
 */

#include <linux/jhash.h>
#include <linux/math64.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "device.h"
#include "session.h"

/*
 * The key is four 32-bit words (kind and padding, TEID or IPv4, IPv6 /64):
 * one jhash_3words() and two 64-bit compares, where the generic jhash2()
 * loop and memcmp() cost ~100 instructions per G-PDU (profiled).
 */
static_assert(sizeof(struct edgedp_key_id) == 16);

/* The last cls_gen given to a compiled classifier (edgedp_pdr_match_cls()). */
static atomic64_t edgedp_cls_gen = ATOMIC64_INIT(0);

static u32 edgedp_key_hash(const void *data, u32 len, u32 seed)
{
	const struct edgedp_key_id *id = data;
	u32 v6[2];

	memcpy(v6, id->v6, sizeof(v6));
	return jhash_3words((__force u32)id->v4 ^ id->kind, v6[0], v6[1], seed);
}

/* 0 when equal; the padding is always zero. */
static int edgedp_key_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct edgedp_key *k = obj;
	u64 a[2], b[2];

	memcpy(a, arg->key, sizeof(a));
	memcpy(b, &k->id, sizeof(b));
	return ((a[0] ^ b[0]) | (a[1] ^ b[1])) != 0;
}

static const struct rhashtable_params edgedp_key_params = {
	.key_len = sizeof(struct edgedp_key_id),
	.key_offset = offsetof(struct edgedp_key, id),
	.head_offset = offsetof(struct edgedp_key, node),
	.hashfn = edgedp_key_hash,
	.obj_cmpfn = edgedp_key_cmp,
	.automatic_shrinking = true,
};

static const struct rhashtable_params edgedp_session_params = {
	.key_len = sizeof(u64),
	.key_offset = offsetof(struct edgedp_session, seid),
	.head_offset = offsetof(struct edgedp_session, node),
	.automatic_shrinking = true,
};

#define edgedp_assert_writer(edp) lockdep_assert_held(&(edp)->update_lock)

static void edgedp_urr_reset(struct edgedp_urr_state *st);
static void edgedp_urr_grant(const struct edgedp_rules *r);
static void edgedp_session_free_rcu(struct rcu_head *head);

int edgedp_sessions_init(struct edgedp_dev *edp)
{
	int ret;

	INIT_LIST_HEAD(&edp->gtpu.session_list);
	ret = rhashtable_init(&edp->gtpu.keys, &edgedp_key_params);
	if (ret)
		return ret;
	ret = rhashtable_init(&edp->gtpu.sessions, &edgedp_session_params);
	if (ret)
		rhashtable_destroy(&edp->gtpu.keys);
	return ret;
}

/* After edgedp_sessions_flush() and an RCU grace period. */
void edgedp_sessions_destroy(struct edgedp_dev *edp)
{
	rhashtable_destroy(&edp->gtpu.sessions);
	rhashtable_destroy(&edp->gtpu.keys);
}

static void edgedp_urr_state_free(struct edgedp_urr_state *st)
{
	if (!st)
		return;
	free_percpu(st->pcpu);
	kfree(st);
}

static struct edgedp_urr_state *edgedp_urr_state_new(struct edgedp_dev *edp, u64 seid)
{
	struct edgedp_urr_state *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return NULL;
	st->pcpu = alloc_percpu(struct edgedp_urr_pcpu);
	if (!st->pcpu) {
		kfree(st);
		return NULL;
	}
	spin_lock_init(&st->lock);
	st->edp = edp;
	st->seid = seid;
	return st;
}

/*
 * A rule set and its FAR, QER and URR arrays in one allocation: with
 * init_on_alloc (Debian's default) every allocation is cleared whole, and a
 * session install made five of them for this alone.
 */
static struct edgedp_rules *edgedp_rules_alloc(unsigned int n_pdr, unsigned int n_far,
					       unsigned int n_qer, unsigned int n_urr)
{
	size_t far = ALIGN(sizeof(struct edgedp_rules) +
			   array_size(n_pdr, sizeof(struct edgedp_pdr)),
			   __alignof__(struct edgedp_far));
	size_t qer = ALIGN(far + array_size(n_far, sizeof(struct edgedp_far)),
			   __alignof__(struct edgedp_qer));
	size_t urr = ALIGN(qer + array_size(n_qer, sizeof(struct edgedp_qer)),
			   __alignof__(struct edgedp_urr));
	struct edgedp_rules *r;

	/* The counts are bounded by EDGEDP_MAX_*: no overflow. */
	r = kzalloc(urr + array_size(n_urr, sizeof(struct edgedp_urr)), GFP_KERNEL);
	if (!r)
		return NULL;
	r->far = (void *)r + far;
	r->qer = (void *)r + qer;
	r->urr = (void *)r + urr;
	return r;
}

static void edgedp_stats_block_put(struct edgedp_stats_block *b)
{
	if (!refcount_dec_and_test(&b->refs))
		return;
	free_percpu(b->pcpu);
	kfree(b);
}

/* Counters for the PDRs of @r that have none yet, one block for them all. */
static int edgedp_rules_new_stats(struct edgedp_rules *r)
{
	struct edgedp_stats_block *b;
	unsigned int i, n = 0;

	for (i = 0; i < r->n_pdr; i++)
		n += !r->pdr[i].stats;
	if (!n)
		return 0;
	b = kmalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->pcpu = __alloc_percpu(n * sizeof(struct edgedp_rstats),
				 __alignof__(struct edgedp_rstats));
	if (!b->pcpu) {
		kfree(b);
		return -ENOMEM;
	}
	refcount_set(&b->refs, n);
	for (i = 0, n = 0; i < r->n_pdr; i++) {
		struct edgedp_pdr *p = &r->pdr[i];

		if (p->stats)
			continue;
		p->stats = b->pcpu + n++;
		p->stats_block = b;
		p->owns_stats = true;
	}
	return 0;
}

static void edgedp_rules_free(struct edgedp_rules *r)
{
	unsigned int i;

	if (!r)
		return;
	for (i = 0; i < r->n_pdr; i++) {
		if (r->pdr[i].owns_stats)
			edgedp_stats_block_put(r->pdr[i].stats_block);
		if (r->pdr[i].owns_sdfs)
			edgedp_sdf_set_free(r->pdr[i].sdfs);
	}
	edgedp_cls_free(r->cls);
	kfree(r->class);
	for (i = 0; i < r->n_qer; i++)
		if (r->qer[i].owns_state)
			kfree(r->qer[i].state);
	for (i = 0; i < r->n_urr; i++)
		if (r->urr[i].owns_state)
			edgedp_urr_state_free(r->urr[i].state);
	kfree(r);	/* and its FAR, QER and URR arrays */
}

static void edgedp_rules_free_rcu(struct rcu_head *head)
{
	edgedp_rules_free(container_of(head, struct edgedp_rules, rcu));
}

void edgedp_sdf_set_free(struct edgedp_sdf_set *set)
{
	if (!set)
		return;
	free_percpu(set->stats);
	kfree(set);
}

static bool edgedp_sdf_set_equal(const struct edgedp_sdf_set *a,
				 const struct edgedp_sdf_set *b)
{
	if (!a || !b)
		return a == b;
	return a->n == b->n && a->has_id == b->has_id &&
	       !memcmp(a->id, b->id, sizeof(a->id)) &&
	       !memcmp(a->sdf, b->sdf, a->n * sizeof(a->sdf[0]));
}

/* A copy of @set that the rule set being built owns, with fresh counters. */
static struct edgedp_sdf_set *edgedp_sdf_set_dup(const struct edgedp_sdf_set *set)
{
	struct edgedp_sdf_set *c;

	c = kmemdup(set, struct_size(set, sdf, set->n), GFP_KERNEL);
	if (!c)
		return NULL;
	c->stats = __alloc_percpu(set->n * sizeof(struct edgedp_rstats),
				  __alignof__(struct edgedp_rstats));
	if (!c->stats) {
		kfree(c);
		return NULL;
	}
	return c;
}

/* Do @a and @b have the same conditions, SDF filters aside? */
static bool edgedp_pdr_cond_equal(const struct edgedp_pdr *a,
				  const struct edgedp_pdr *b)
{
	u8 m = a->match & ~EDGEDP_PDRM_SDF;

	if (a->src_iface != b->src_iface || m != (b->match & ~EDGEDP_PDRM_SDF))
		return false;
	if ((m & EDGEDP_PDRM_TEID) && a->teid != b->teid)
		return false;
	if ((m & EDGEDP_PDRM_LOCAL4) && a->local.v4 != b->local.v4)
		return false;
	if ((m & EDGEDP_PDRM_LOCAL6) && !ipv6_addr_equal(&a->local.v6, &b->local.v6))
		return false;
	if ((m & EDGEDP_PDRM_UE4) && a->ue.v4 != b->ue.v4)
		return false;
	if ((m & EDGEDP_PDRM_UE6) && (a->ue6_plen != b->ue6_plen ||
				      !ipv6_addr_equal(&a->ue.v6, &b->ue.v6)))
		return false;
	if ((m & EDGEDP_PDRM_QFI) && a->qfi != b->qfi)
		return false;
	return true;
}

/* Group @r's (sorted) PDRs into classes of equal non-SDF conditions. */
static int edgedp_rules_classes(struct edgedp_rules *r)
{
	unsigned int i, j;

	r->class = kcalloc(r->n_pdr, sizeof(*r->class), GFP_KERNEL);
	if (!r->class)
		return -ENOMEM;
	for (i = 0; i < r->n_pdr; i++) {
		for (j = 0; j < r->n_class; j++)
			if (edgedp_pdr_cond_equal(r->class[j].rep, &r->pdr[i]))
				break;
		if (j == r->n_class)
			r->class[r->n_class++].rep = &r->pdr[i];
		edgedp_cls_bitmap_set(r->class[j].members, i);
	}
	return 0;
}

/* The classifier over the SDF filters of @r's (sorted) PDRs, if any has one. */
static int edgedp_rules_compile(struct edgedp_rules *r,
				struct netlink_ext_ack *extack)
{
	struct edgedp_cls_pdr *in;
	struct edgedp_cls_err err = { .msg = NULL };
	unsigned int i;
	int ret;

	for (i = 0; i < r->n_pdr; i++)
		if (r->pdr[i].sdfs)
			break;
	if (i == r->n_pdr)
		return 0;
	in = kcalloc(r->n_pdr, sizeof(*in), GFP_KERNEL);
	if (!in)
		return -ENOMEM;
	for (i = 0; i < r->n_pdr; i++) {
		const struct edgedp_pdr *p = &r->pdr[i];

		in[i].precedence = p->precedence;
		in[i].id = p->id;
		in[i].index = i;
		/* Uplink PDRs match the downlink-form filters swapped. */
		in[i].swap = p->src_iface == EDGEDP_IFACE_ACCESS;
		in[i].n_sdf = p->sdfs ? p->sdfs->n : 0;
		in[i].sdf = p->sdfs ? p->sdfs->sdf : NULL;
	}
	ret = edgedp_cls_compile(in, r->n_pdr, &edgedp_cls_default_alloc,
				 &r->cls, &err);
	if (!ret) {
		r->cls_gen = atomic64_inc_return(&edgedp_cls_gen);
		ret = edgedp_rules_classes(r);
	}
	if (ret == -EINVAL && err.pdr >= 0)
		edgedp_err_fmt(extack, "invalid SDF filter",
			       "PDR %u, SDF filter %d: %s", r->pdr[err.pdr].id,
			       err.filter + 1, err.msg ?: "invalid");
	else if (ret == -E2BIG)
		NL_SET_ERR_MSG_MOD(extack, "too many SDF filters in the session");
	else if (ret)
		NL_SET_ERR_MSG_MOD(extack, "out of memory");
	kfree(in);
	return ret;
}

void edgedp_rstats_add(struct edgedp_rstats __percpu *st, unsigned int len)
{
	struct edgedp_rstats *s = this_cpu_ptr(st);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->packets);
	u64_stats_add(&s->bytes, len);
	u64_stats_update_end(&s->syncp);
}

void edgedp_rstats_read(struct edgedp_rstats __percpu *st, u64 *packets,
			u64 *bytes)
{
	int cpu;

	*packets = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		const struct edgedp_rstats *s = per_cpu_ptr(st, cpu);
		unsigned int start;
		u64 p, b;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			p = u64_stats_read(&s->packets);
			b = u64_stats_read(&s->bytes);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		*packets += p;
		*bytes += b;
	}
}

static int edgedp_pdr_cmp(const void *a, const void *b)
{
	const struct edgedp_pdr *x = a, *y = b;

	if (x->precedence != y->precedence)
		return x->precedence < y->precedence ? -1 : 1;
	return (int)x->id - (int)y->id;
}

static struct edgedp_far *edgedp_far_find(struct edgedp_far *far,
					  unsigned int n, u32 id)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (far[i].id == id)
			return &far[i];
	return NULL;
}

static struct edgedp_qer *edgedp_qer_find(struct edgedp_qer *qer,
					  unsigned int n, u32 id)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (qer[i].id == id)
			return &qer[i];
	return NULL;
}

static struct edgedp_urr *edgedp_urr_find(struct edgedp_urr *urr,
					  unsigned int n, u32 id)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (urr[i].id == id)
			return &urr[i];
	return NULL;
}

static bool edgedp_u32_in(const u32 *ids, unsigned int n, u32 id)
{
	while (n--)
		if (ids[n] == id)
			return true;
	return false;
}

static struct edgedp_pdr *edgedp_pdr_find(struct edgedp_pdr *pdr,
					  unsigned int n, u16 id)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (pdr[i].id == id)
			return &pdr[i];
	return NULL;
}

/*
 * Build the rule set that results from applying @e to @old (NULL for a new
 * session). On success the new set owns fresh counters for new PDRs and
 * shares the counters of surviving ones (ownership moves at publication).
 */
static struct edgedp_rules *edgedp_rules_build(struct edgedp_dev *edp, u64 seid,
					       const struct edgedp_rules *old,
					       const struct edgedp_rules_edit *e,
					       struct netlink_ext_ack *extack)
{
	unsigned int max_pdr = (old ? old->n_pdr : 0) + e->n_pdr;
	unsigned int max_far = (old ? old->n_far : 0) + e->n_far;
	unsigned int max_qer = (old ? old->n_qer : 0) + e->n_qer;
	unsigned int max_urr = (old ? old->n_urr : 0) + e->n_urr;
	struct edgedp_rules *r;
	unsigned int i;
	int ret = -EINVAL;

	r = edgedp_rules_alloc(max_pdr, max_far, max_qer, max_urr);
	if (!r)
		goto nomem;
	if (old) {
		memcpy(r->far, old->far, old->n_far * sizeof(*r->far));
		r->n_far = old->n_far;
		memcpy(r->pdr, old->pdr, old->n_pdr * sizeof(*r->pdr));
		r->n_pdr = old->n_pdr;
		for (i = 0; i < r->n_pdr; i++) {
			r->pdr[i].owns_stats = false;
			r->pdr[i].owns_sdfs = false;
		}
		memcpy(r->qer, old->qer, old->n_qer * sizeof(*r->qer));
		r->n_qer = old->n_qer;
		for (i = 0; i < r->n_qer; i++)
			r->qer[i].owns_state = false;
		memcpy(r->urr, old->urr, old->n_urr * sizeof(*r->urr));
		r->n_urr = old->n_urr;
		for (i = 0; i < r->n_urr; i++)
			r->urr[i].owns_state = false;
	}
	r->peer_check = e->peer_check < 0 ? (old ? old->peer_check : true) :
					    e->peer_check;

	for (i = 0; i < e->n_rm_pdr; i++) {
		struct edgedp_pdr *p = edgedp_pdr_find(r->pdr, r->n_pdr, e->rm_pdr[i]);

		if (!p) {
			edgedp_err_fmt(extack, "no such PDR to remove",
				       "no PDR %u to remove", e->rm_pdr[i]);
			ret = -ENOENT;
			goto err;
		}
		*p = r->pdr[--r->n_pdr];
	}
	for (i = 0; i < e->n_rm_far; i++) {
		struct edgedp_far *f = edgedp_far_find(r->far, r->n_far, e->rm_far[i]);

		if (!f) {
			edgedp_err_fmt(extack, "no such FAR to remove",
				       "no FAR %u to remove", e->rm_far[i]);
			ret = -ENOENT;
			goto err;
		}
		*f = r->far[--r->n_far];
	}

	for (i = 0; i < e->n_rm_qer; i++) {
		struct edgedp_qer *q = edgedp_qer_find(r->qer, r->n_qer, e->rm_qer[i]);

		if (!q) {
			edgedp_err_fmt(extack, "no such QER to remove", "no QER %u to remove",
				       e->rm_qer[i]);
			ret = -ENOENT;
			goto err;
		}
		*q = r->qer[--r->n_qer];
	}

	for (i = 0; i < e->n_rm_urr; i++) {
		struct edgedp_urr *u = edgedp_urr_find(r->urr, r->n_urr, e->rm_urr[i]);

		if (!u) {
			edgedp_err_fmt(extack, "no such URR to remove", "no URR %u to remove",
				       e->rm_urr[i]);
			ret = -ENOENT;
			goto err;
		}
		*u = r->urr[--r->n_urr];
	}

	for (i = 0; i < e->n_urr; i++) {
		struct edgedp_urr *u = edgedp_urr_find(r->urr, r->n_urr, e->urr[i].id);
		struct edgedp_urr_state *state = NULL;

		if (u && (e->create_only ||
			  edgedp_urr_find((struct edgedp_urr *)e->urr, i, e->urr[i].id))) {
			edgedp_err_fmt(extack, "URR id already exists", "URR %u already exists",
				       e->urr[i].id);
			ret = -EEXIST;
			goto err;
		}
		if (!u && e->replace_only) {
			edgedp_err_fmt(extack, "no such URR to change", "no URR %u to change",
				       e->urr[i].id);
			ret = -ENOENT;
			goto err;
		}
		if (u)
			state = u->state;	/* the counters survive a change */
		else
			u = &r->urr[r->n_urr++];
		*u = e->urr[i];
		u->state = state;
		u->owns_state = false;
	}

	for (i = 0; i < e->n_qer; i++) {
		struct edgedp_qer *q = edgedp_qer_find(r->qer, r->n_qer, e->qer[i].id);
		struct edgedp_qer_state *state = NULL;

		if (q && (e->create_only ||
			  edgedp_qer_find((struct edgedp_qer *)e->qer, i, e->qer[i].id))) {
			edgedp_err_fmt(extack, "QER id already exists", "QER %u already exists",
				       e->qer[i].id);
			ret = -EEXIST;
			goto err;
		}
		if (!q && e->replace_only) {
			edgedp_err_fmt(extack, "no such QER to change", "no QER %u to change",
				       e->qer[i].id);
			ret = -ENOENT;
			goto err;
		}
		if (q)
			state = q->state;	/* the buckets survive a change */
		else
			q = &r->qer[r->n_qer++];
		*q = e->qer[i];
		q->state = state;
		q->owns_state = false;
	}

	for (i = 0; i < e->n_far; i++) {
		struct edgedp_far *f = edgedp_far_find(r->far, r->n_far, e->far[i].id);

		if (f && (e->create_only ||
			  edgedp_far_find((struct edgedp_far *)e->far, i, e->far[i].id))) {
			edgedp_err_fmt(extack, "FAR id already exists",
				       "FAR %u already exists", e->far[i].id);
			ret = -EEXIST;
			goto err;
		}
		if (!f && e->replace_only) {
			edgedp_err_fmt(extack, "no such FAR to change",
				       "no FAR %u to change", e->far[i].id);
			ret = -ENOENT;
			goto err;
		}
		if (!f)
			f = &r->far[r->n_far++];
		*f = e->far[i];
	}

	for (i = 0; i < e->n_pdr; i++) {
		struct edgedp_pdr *p = edgedp_pdr_find(r->pdr, r->n_pdr, e->pdr[i].id);
		struct edgedp_rstats __percpu *stats = NULL;
		struct edgedp_stats_block *stats_block = NULL;
		struct edgedp_sdf_set *sdfs = NULL;

		if (p && (e->create_only ||
			  edgedp_pdr_find((struct edgedp_pdr *)e->pdr, i, e->pdr[i].id))) {
			edgedp_err_fmt(extack, "PDR id already exists",
				       "PDR %u already exists", e->pdr[i].id);
			ret = -EEXIST;
			goto err;
		}
		if (!p && e->replace_only) {
			edgedp_err_fmt(extack, "no such PDR to change",
				       "no PDR %u to change", e->pdr[i].id);
			ret = -ENOENT;
			goto err;
		}
		if (p) {
			stats = p->stats;	/* counters survive a change */
			stats_block = p->stats_block;
			/* ... and so do the filters' while they are the same. */
			if (edgedp_sdf_set_equal(p->sdfs, e->pdr[i].sdfs))
				sdfs = p->sdfs;
		} else {
			p = &r->pdr[r->n_pdr++];
		}
		/* A PDR replaced twice in this set may own a copy already. */
		if (p->owns_sdfs && p->sdfs != sdfs)
			edgedp_sdf_set_free(p->sdfs);
		*p = e->pdr[i];
		p->stats = stats;
		p->stats_block = stats_block;
		p->owns_stats = false;
		p->sdfs = sdfs;
		p->owns_sdfs = false;
		if (e->pdr[i].sdfs && !sdfs) {
			p->sdfs = edgedp_sdf_set_dup(e->pdr[i].sdfs);
			if (!p->sdfs)
				goto nomem;
			p->owns_sdfs = true;
		}
	}

	if (r->n_pdr > EDGEDP_MAX_PDR || r->n_far > EDGEDP_MAX_FAR ||
	    r->n_qer > EDGEDP_MAX_QER || r->n_urr > EDGEDP_MAX_URR) {
		NL_SET_ERR_MSG_MOD(extack,
				   "too many rules: at most 256 PDRs, 256 FARs, 64 QERs and 64 URRs");
		ret = -E2BIG;
		goto err;
	}

	/* Every PDR points to a FAR of the set: no dangling references. */
	for (i = 0; i < r->n_pdr; i++) {
		struct edgedp_pdr *p = &r->pdr[i];
		unsigned int j;

		p->quota = false;
		for (j = 0; j < p->n_urr; j++) {
			p->urr[j] = edgedp_urr_find(r->urr, r->n_urr, p->urr_id[j]);
			if (p->urr[j]) {
				p->quota |= !!p->urr[j]->qgen;
				continue;
			}
			if (edgedp_u32_in(e->rm_urr, e->n_rm_urr, p->urr_id[j])) {
				edgedp_err_fmt(extack, "a URR to remove is still used by a PDR",
					       "URR %u is still used by PDR %u: cannot remove it",
					       p->urr_id[j], p->id);
				ret = -EBUSY;
			} else {
				edgedp_err_fmt(extack, "a PDR refers to a URR that does not exist",
					       "PDR %u refers to URR %u, which does not exist",
					       p->id, p->urr_id[j]);
				ret = -ENOENT;
			}
			goto err;
		}
		p->far = edgedp_far_find(r->far, r->n_far, p->far_id);
		if (!p->far) {
			edgedp_err_fmt(extack, "a PDR refers to a FAR that does not exist",
				       "PDR %u refers to FAR %u, which does not exist",
				       p->id, p->far_id);
			ret = -ENOENT;
			goto err;
		}
		for (j = 0; j < p->n_qer; j++) {
			p->qer[j] = edgedp_qer_find(r->qer, r->n_qer, p->qer_id[j]);
			if (!p->qer[j]) {
				edgedp_err_fmt(extack, "a PDR refers to a QER that does not exist",
					       "PDR %u refers to QER %u, which does not exist",
					       p->id, p->qer_id[j]);
				ret = -ENOENT;
				goto err;
			}
		}
	}

	for (i = 0; i < e->n_reset_urr; i++) {
		if (!edgedp_urr_find(r->urr, r->n_urr, e->reset_urr[i])) {
			edgedp_err_fmt(extack, "no such URR to reset", "no URR %u to reset",
				       e->reset_urr[i]);
			ret = -ENOENT;
			goto err;
		}
	}

	for (i = 0; i < r->n_urr; i++) {
		struct edgedp_urr *u = &r->urr[i];

		if (u->state)
			continue;
		u->state = edgedp_urr_state_new(edp, seid);
		if (!u->state)
			goto nomem;
		u->owns_state = true;
	}

	for (i = 0; i < r->n_qer; i++) {
		struct edgedp_qer *q = &r->qer[i];

		if (q->state)
			continue;
		q->state = kzalloc(sizeof(*q->state), GFP_KERNEL);
		if (!q->state)
			goto nomem;
		q->owns_state = true;
		spin_lock_init(&q->state->lock);
	}

	if (edgedp_rules_new_stats(r))
		goto nomem;
	sort(r->pdr, r->n_pdr, sizeof(r->pdr[0]), edgedp_pdr_cmp, NULL);
	/* Sorting moved the PDRs; their FAR, QER and URR pointers are not into r->pdr. */
	ret = edgedp_rules_compile(r, extack);
	if (ret)
		goto err;
	return r;

nomem:
	NL_SET_ERR_MSG_MOD(extack, "out of memory");
	ret = -ENOMEM;
err:
	edgedp_rules_free(r);
	return ERR_PTR(ret);
}

/* The lookup keys a rule set needs, deduplicated, into @ids. */
static unsigned int edgedp_rules_keys(const struct edgedp_rules *r,
				      struct edgedp_key_id *ids)
{
	unsigned int i, j, n = 0;

	for (i = 0; i < r->n_pdr; i++) {
		const struct edgedp_pdr *p = &r->pdr[i];
		struct edgedp_key_id k[2];
		unsigned int nk = 0;

		memset(k, 0, sizeof(k));
		if (p->match & EDGEDP_PDRM_TEID) {
			k[nk].kind = EDGEDP_KEY_TEID;
			k[nk++].v4 = (__force __be32)p->teid;
		}
		if (p->match & EDGEDP_PDRM_UE4) {
			k[nk].kind = EDGEDP_KEY_UE4;
			k[nk++].v4 = p->ue.v4;
		} else if (p->match & EDGEDP_PDRM_UE6) {
			k[nk].kind = EDGEDP_KEY_UE6;
			memcpy(k[nk++].v6, &p->ue.v6, 8);
		}
		while (nk--) {
			for (j = 0; j < n; j++)
				if (!memcmp(&ids[j], &k[nk], sizeof(k[nk])))
					break;
			if (j == n)
				ids[n++] = k[nk];
		}
	}
	return n;
}

static struct edgedp_key *edgedp_sess_key(struct edgedp_session *s,
					  const struct edgedp_key_id *id)
{
	unsigned int i;

	for (i = 0; i < s->n_keys; i++)
		if (!memcmp(&s->keys[i]->id, id, sizeof(*id)))
			return s->keys[i];
	return NULL;
}

static void edgedp_key_describe(const struct edgedp_key_id *id,
				struct netlink_ext_ack *extack)
{
	if (id->kind == EDGEDP_KEY_TEID)
		edgedp_err_fmt(extack, "TEID is used by another session",
			       "TEID 0x%x is used by another session",
			       (__force u32)id->v4);
	else if (id->kind == EDGEDP_KEY_UE4)
		edgedp_err_fmt(extack, "UE address is used by another session",
			       "UE address %pI4 is used by another session",
			       &id->v4);
	else
		NL_SET_ERR_MSG_MOD(extack, "UE IPv6 prefix is used by another session");
}

/* Ownership of counters moves to @r, which is now published. */
static void edgedp_rules_take_stats(struct edgedp_rules *old,
				    struct edgedp_rules *r)
{
	unsigned int i, j;

	if (!old)
		return;
	for (i = 0; i < old->n_urr; i++) {
		if (!old->urr[i].owns_state)
			continue;
		for (j = 0; j < r->n_urr; j++) {
			if (r->urr[j].state == old->urr[i].state) {
				old->urr[i].owns_state = false;
				r->urr[j].owns_state = true;
				break;
			}
		}
	}
	for (i = 0; i < old->n_qer; i++) {
		if (!old->qer[i].owns_state)
			continue;
		for (j = 0; j < r->n_qer; j++) {
			if (r->qer[j].state == old->qer[i].state) {
				old->qer[i].owns_state = false;
				r->qer[j].owns_state = true;
				break;
			}
		}
	}
	for (i = 0; i < old->n_pdr; i++) {
		if (old->pdr[i].owns_stats) {
			for (j = 0; j < r->n_pdr; j++) {
				if (r->pdr[j].stats == old->pdr[i].stats) {
					old->pdr[i].owns_stats = false;
					r->pdr[j].owns_stats = true;
					break;
				}
			}
		}
		if (old->pdr[i].owns_sdfs) {
			for (j = 0; j < r->n_pdr; j++) {
				if (r->pdr[j].sdfs == old->pdr[i].sdfs) {
					old->pdr[i].owns_sdfs = false;
					r->pdr[j].owns_sdfs = true;
					break;
				}
			}
		}
	}
}

/* What a rule set counts against its device's rule limit. */
static unsigned int edgedp_rules_weight(const struct edgedp_rules *r)
{
	unsigned int i, n = r->n_pdr + r->n_far + r->n_qer + r->n_urr;

	for (i = 0; i < r->n_pdr; i++)
		if (r->pdr[i].match & EDGEDP_PDRM_SDF)
			n += r->pdr[i].sdfs->n;
	return n;
}

/*
 * Publish @r as the rule set of @s: insert the keys it needs, swap, remove
 * the keys it no longer needs. A key makes @s reachable from the datapath,
 * so @s must be complete before the first one goes in: a new session's
 * rules are in place already (@r is @s->rules, see edgedp_session_new()).
 * A reader that finds a new key before the swap sees the old rule set,
 * which does not name it: the packet matches no PDR.
 *
 * On failure no key of @s changed. @r is freed, unless it is already @s's
 * (a new session): keys inserted and removed here were visible to readers,
 * so the caller frees @s and @r only after a grace period.
 */
static int edgedp_session_publish(struct edgedp_dev *edp,
				  struct edgedp_session *s,
				  struct edgedp_rules *r,
				  struct netlink_ext_ack *extack)
{
	struct edgedp_key_id *ids = NULL;
	struct edgedp_key **keys = NULL, **added = NULL;
	unsigned int n, i, n_added = 0, weight, old_weight;
	struct edgedp_rules *old;
	int ret = -ENOMEM;

	edgedp_assert_writer(edp);
	old = rcu_dereference_protected(s->rules, lockdep_is_held(&edp->update_lock));
	if (WARN_ON_ONCE(!old)) {	/* never reachable without rules */
		edgedp_rules_free(r);
		NL_SET_ERR_MSG_MOD(extack, "session without rules");
		return -EINVAL;
	}
	if (old == r)
		old = NULL;		/* a new session */
	weight = edgedp_rules_weight(r);
	old_weight = old ? edgedp_rules_weight(old) : 0;
	if (weight > old_weight &&
	    edp->rule_count - old_weight + weight > edp->max_rules) {
		edgedp_err_fmt(extack, "the device's rule limit is reached",
			       "the device's rule limit (%u) is reached: %u rules, %u more asked",
			       edp->max_rules, edp->rule_count, weight - old_weight);
		ret = -ENOSPC;
		goto unwind;
	}
	/* A PDR yields at most two keys; @keys stays, as the session's. */
	keys = kcalloc(2 * r->n_pdr + 1, sizeof(*keys), GFP_KERNEL);
	if (keys)
		ids = kcalloc(2 * r->n_pdr + 1, sizeof(*ids) + sizeof(*added), GFP_KERNEL);
	if (!ids) {
		NL_SET_ERR_MSG_MOD(extack, "out of memory");
		goto unwind;
	}
	/* Temporaries in one allocation: ids, then the keys inserted here. */
	added = (void *)(ids + 2 * r->n_pdr + 1);
	n = edgedp_rules_keys(r, ids);

	for (i = 0; i < n; i++) {
		struct edgedp_key *k = edgedp_sess_key(s, &ids[i]);

		if (!k) {
			k = kzalloc(sizeof(*k), GFP_KERNEL);
			if (!k) {
				NL_SET_ERR_MSG_MOD(extack, "out of memory");
				ret = -ENOMEM;
				goto unwind;
			}
			k->id = ids[i];
			k->sess = s;
			ret = rhashtable_lookup_insert_fast(&edp->gtpu.keys, &k->node,
							    edgedp_key_params);
			if (ret) {
				kfree(k);
				if (ret == -EEXIST)
					edgedp_key_describe(&ids[i], extack);
				else
					NL_SET_ERR_MSG_MOD(extack, "cannot insert the key");
				goto unwind;
			}
			added[n_added++] = k;
		}
		keys[i] = k;
	}

	if (old) {
		rcu_assign_pointer(s->rules, r);
		/* Survivors' counters were owned by @old; @r owns them from now on. */
		edgedp_rules_take_stats(old, r);
	}

	/* Keys the new set does not use go, after readers are done with them. */
	for (i = 0; i < s->n_keys; i++) {
		struct edgedp_key *k = s->keys[i];
		unsigned int j;

		for (j = 0; j < n; j++)
			if (keys[j] == k)
				break;
		if (j == n) {
			rhashtable_remove_fast(&edp->gtpu.keys, &k->node, edgedp_key_params);
			kfree_rcu(k, rcu);
		}
	}
	kfree(s->keys);
	s->keys = keys;
	s->n_keys = n;
	keys = NULL;
	WRITE_ONCE(edp->rule_count, edp->rule_count - old_weight + weight);
	if (old)
		call_rcu(&old->rcu, edgedp_rules_free_rcu);
	ret = 0;
	goto out;

unwind:
	while (n_added--) {
		rhashtable_remove_fast(&edp->gtpu.keys, &added[n_added]->node,
				       edgedp_key_params);
		kfree_rcu(added[n_added], rcu);
	}
	if (old)
		edgedp_rules_free(r);	/* never published */
out:
	kfree(keys);
	kfree(ids);	/* and added */
	return ret;
}

struct edgedp_session *edgedp_session_find(struct edgedp_dev *edp, u64 seid)
{
	return rhashtable_lookup_fast(&edp->gtpu.sessions, &seid, edgedp_session_params);
}

int edgedp_session_new(struct edgedp_dev *edp, u64 seid,
		       const struct edgedp_rules_edit *edit,
		       struct netlink_ext_ack *extack)
{
	struct edgedp_session *s;
	struct edgedp_rules *r;
	int ret;

	edgedp_assert_writer(edp);
	if (edp->session_count >= edp->max_sessions) {
		edgedp_err_fmt(extack, "the device's session limit is reached",
			       "the device's session limit (%u) is reached", edp->max_sessions);
		return -ENOSPC;
	}
	r = edgedp_rules_build(edp, seid, NULL, edit, extack);
	if (IS_ERR(r))
		return PTR_ERR(r);
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s) {
		edgedp_rules_free(r);
		NL_SET_ERR_MSG_MOD(extack, "out of memory");
		return -ENOMEM;
	}
	s->seid = seid;
	refcount_set(&s->refs, 1);
	/* Complete before any key can lead a reader to it. */
	RCU_INIT_POINTER(s->rules, r);
	/* The SEID table is read by writers only: no grace period needed. */
	ret = rhashtable_lookup_insert_fast(&edp->gtpu.sessions, &s->node,
					    edgedp_session_params);
	if (ret) {
		if (ret == -EEXIST)
			edgedp_err_fmt(extack, "session already exists",
				       "session 0x%llx already exists", seid);
		else
			NL_SET_ERR_MSG_MOD(extack, "cannot insert the session");
		edgedp_rules_free(r);
		kfree(s);	/* never reachable */
		return ret;
	}
	ret = edgedp_session_publish(edp, s, r, extack);
	if (ret) {
		rhashtable_remove_fast(&edp->gtpu.sessions, &s->node, edgedp_session_params);
		/* Keys that led to @s were visible: free after the readers. */
		call_rcu(&s->rcu, edgedp_session_free_rcu);
		return ret;
	}
	list_add_tail_rcu(&s->list, &edp->gtpu.session_list);
	edgedp_urr_grant(r);
	WRITE_ONCE(edp->session_count, edp->session_count + 1);
	edp->gtpu.session_generation++;
	return 0;
}

int edgedp_session_mod(struct edgedp_dev *edp, struct edgedp_session *s,
		       const struct edgedp_rules_edit *edit,
		       struct netlink_ext_ack *extack)
{
	struct edgedp_rules *old, *r;
	unsigned int i;
	int ret;

	edgedp_assert_writer(edp);
	old = rcu_dereference_protected(s->rules, lockdep_is_held(&edp->update_lock));
	r = edgedp_rules_build(edp, s->seid, old, edit, extack);
	if (IS_ERR(r))
		return PTR_ERR(r);
	ret = edgedp_session_publish(edp, s, r, extack);
	if (ret)
		return ret;
	/* A buffering FAR may have changed: the CP hears of the next packet. */
	clear_bit(EDGEDP_SESSF_DL_DATA, &s->flags);
	/* Resets and grants take effect with the request, and only if it succeeded. */
	for (i = 0; i < edit->n_reset_urr; i++)
		edgedp_urr_reset(edgedp_urr_find(r->urr, r->n_urr, edit->reset_urr[i])->state);
	edgedp_urr_grant(r);
	edp->gtpu.session_generation++;
	return 0;
}

static void edgedp_session_free_rcu(struct rcu_head *head)
{
	struct edgedp_session *s = container_of(head, struct edgedp_session, rcu);

	edgedp_rules_free(rcu_dereference_protected(s->rules, true));
	kfree(s);
}

bool edgedp_session_get(struct edgedp_session *s)
{
	return refcount_inc_not_zero(&s->refs);
}

/* The last reference frees @s after the readers that may still see it. */
void edgedp_session_put(struct edgedp_session *s)
{
	if (s && refcount_dec_and_test(&s->refs))
		call_rcu(&s->rcu, edgedp_session_free_rcu);
}

/* Removes @s and all its rules (freed once a paused dump lets go of it). */
void edgedp_session_del(struct edgedp_dev *edp, struct edgedp_session *s)
{
	const struct edgedp_rules *r;
	unsigned int i;

	edgedp_assert_writer(edp);
	WRITE_ONCE(s->dead, true);
	for (i = 0; i < s->n_keys; i++) {
		rhashtable_remove_fast(&edp->gtpu.keys, &s->keys[i]->node, edgedp_key_params);
		kfree_rcu(s->keys[i], rcu);
	}
	kfree(s->keys);
	s->keys = NULL;
	s->n_keys = 0;
	rhashtable_remove_fast(&edp->gtpu.sessions, &s->node, edgedp_session_params);
	list_del_rcu(&s->list);
	r = rcu_dereference_protected(s->rules, lockdep_is_held(&edp->update_lock));
	WRITE_ONCE(edp->session_count, edp->session_count - 1);
	WRITE_ONCE(edp->rule_count, edp->rule_count - edgedp_rules_weight(r));
	edp->gtpu.session_generation++;
	edgedp_session_put(s);
}

void edgedp_sessions_flush(struct edgedp_dev *edp)
{
	struct edgedp_session *s, *tmp;

	edgedp_assert_writer(edp);
	list_for_each_entry_safe(s, tmp, &edp->gtpu.session_list, list)
		edgedp_session_del(edp, s);
}

static struct edgedp_session *edgedp_lookup(struct edgedp_dev *edp,
					    const struct edgedp_key_id *id)
{
	struct edgedp_key *k;

	k = rhashtable_lookup(&edp->gtpu.keys, id, edgedp_key_params);
	return k ? k->sess : NULL;
}

struct edgedp_session *edgedp_lookup_teid(struct edgedp_dev *edp, u32 teid)
{
	struct edgedp_key_id id = { .kind = EDGEDP_KEY_TEID,
				    .v4 = (__force __be32)teid };

	return edgedp_lookup(edp, &id);
}

struct edgedp_session *edgedp_lookup_ue4(struct edgedp_dev *edp, __be32 addr)
{
	struct edgedp_key_id id = { .kind = EDGEDP_KEY_UE4, .v4 = addr };

	return edgedp_lookup(edp, &id);
}

struct edgedp_session *edgedp_lookup_ue6(struct edgedp_dev *edp,
					 const struct in6_addr *addr)
{
	struct edgedp_key_id id = { .kind = EDGEDP_KEY_UE6 };

	memcpy(id.v6, addr, 8);
	return edgedp_lookup(edp, &id);
}

/* A QER bucket's depth: 10 ms at @rate bytes/s, at least 3000 bytes. */
static u64 edgedp_qer_burst(u64 rate)
{
	return max_t(u64, rate / 100, 3000);
}

/*
 * Take @len bytes from a QER's maximum bit rate: a token bucket holding
 * edgedp_qer_burst() that starts full. False when
 * the bucket has too few tokens; true (and nothing taken) without an MBR.
 */
static bool edgedp_qer_take(const struct edgedp_qer *q, bool uplink, unsigned int len)
{
	u64 rate = q->mbr[uplink], burst, now, delta;
	struct edgedp_bucket *b;
	bool ok;

	if (!rate)
		return true;
	burst = edgedp_qer_burst(rate);
	b = &q->state->bucket[uplink];
	now = ktime_get_ns();
	spin_lock(&q->state->lock);
	/* The first packet finds last_ns == 0: a full second refills. */
	delta = min_t(u64, now - b->last_ns, NSEC_PER_SEC);
	b->tokens = min_t(u64, burst,
			  b->tokens + mul_u64_u64_div_u64(delta, rate, NSEC_PER_SEC));
	b->last_ns = now;
	ok = b->tokens >= len;
	if (ok)
		b->tokens -= len;
	spin_unlock(&q->state->lock);
	return ok;
}

/* Give back what edgedp_qer_take() took for a packet a later QER dropped. */
static void edgedp_qer_refund(const struct edgedp_qer *q, bool uplink, unsigned int len)
{
	u64 rate = q->mbr[uplink];
	struct edgedp_bucket *b;

	if (!rate)
		return;
	b = &q->state->bucket[uplink];
	spin_lock(&q->state->lock);
	b->tokens = min_t(u64, edgedp_qer_burst(rate), b->tokens + len);
	spin_unlock(&q->state->lock);
}

/*
 * Police one packet of @len bytes with the QERs of @p (TS 29.244 5.2.1:
 * every QER of the PDR applies, e.g. a flow's MBR and the session's AMBR):
 * any closed gate drops it, then it must fit every MBR bucket; a packet one
 * bucket drops is charged to none. Returns 0 or the drop reason.
 */
int edgedp_pdr_police(const struct edgedp_pdr *p, bool uplink, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < p->n_qer; i++)
		if (p->qer[i]->gate[uplink] == EDGEDP_GATE_CLOSED)
			return EDGEDP_DROP_QER_GATE;
	for (i = 0; i < p->n_qer; i++) {
		if (edgedp_qer_take(p->qer[i], uplink, len))
			continue;
		while (i--)
			edgedp_qer_refund(p->qer[i], uplink, len);
		return EDGEDP_DROP_QER_MBR;
	}
	return 0;
}

/* Is @src the peer of one of the rule set's FARs? RCU or writer. */
bool edgedp_rules_from_peer(const struct edgedp_rules *r, u8 family,
			    const union edgedp_addr *src)
{
	unsigned int i;

	for (i = 0; i < r->n_far; i++) {
		const struct edgedp_far *f = &r->far[i];

		if (!(f->flags & EDGEDP_FARF_OHC))
			continue;
		if (f->flags & EDGEDP_FARF_OHC6) {
			if (family == AF_INET6 && ipv6_addr_equal(&f->peer.v6, &src->v6))
				return true;
		} else if (family == AF_INET && f->peer.v4 == src->v4) {
			return true;
		}
	}
	return false;
}

/* @p's conditions on the outer header and QFI; inline: once per packet and class. */
static __always_inline bool edgedp_pdr_cond_outer(const struct edgedp_pdr *p,
						  const struct edgedp_pkt *pkt)
{
	if (!(pkt->iface_mask & BIT(p->src_iface)))
		return false;
	if (!!(p->match & EDGEDP_PDRM_TEID) != pkt->gtpu)
		return false;
	if (pkt->gtpu && p->teid != pkt->teid)
		return false;
	if ((p->match & EDGEDP_PDRM_LOCAL4) &&
	    (pkt->local_family != AF_INET || p->local.v4 != pkt->local.v4))
		return false;
	if ((p->match & EDGEDP_PDRM_LOCAL6) &&
	    (pkt->local_family != AF_INET6 ||
	     !ipv6_addr_equal(&p->local.v6, &pkt->local.v6)))
		return false;
	if ((p->match & EDGEDP_PDRM_QFI) && (!pkt->has_qfi || p->qfi != pkt->qfi))
		return false;
	return true;
}

/* @p's condition on the UE address. */
static __always_inline bool edgedp_pdr_cond_ue(const struct edgedp_pdr *p,
					       const struct edgedp_pkt *pkt)
{
	if ((p->match & EDGEDP_PDRM_UE4) &&
	    (pkt->ue_family != AF_INET || p->ue.v4 != pkt->ue.v4))
		return false;
	if ((p->match & EDGEDP_PDRM_UE6) &&
	    (pkt->ue_family != AF_INET6 ||
	     !ipv6_prefix_equal(&pkt->ue.v6, &p->ue.v6, p->ue6_plen)))
		return false;
	return true;
}

/*
 * The match cache: per CPU, an exact-match cache in front of the classifier
 * (classifier.h), shared by every rule set of every device, keyed by the
 * rule set's cls_gen (a number no other compiled set ever gets) and by the
 * classes the packet's outer conditions met. A CPU uses its own only with
 * bottom halves disabled and outside hard interrupts, as every receive and
 * transmit path runs: single writer, no lock.
 */
#define EDGEDP_MATCH_CACHE_SLOTS	1024

static struct edgedp_cls_cache * __percpu *edgedp_match_cache;

int edgedp_match_cache_init(void)
{
	size_t size = edgedp_cls_cache_size(EDGEDP_MATCH_CACHE_SLOTS);
	int cpu;

	edgedp_match_cache = alloc_percpu(struct edgedp_cls_cache *);
	if (!edgedp_match_cache)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct edgedp_cls_cache *c = kvzalloc_node(size, GFP_KERNEL, cpu_to_node(cpu));

		if (!c) {
			edgedp_match_cache_uninit();
			return -ENOMEM;
		}
		edgedp_cls_cache_init(c, EDGEDP_MATCH_CACHE_SLOTS);
		*per_cpu_ptr(edgedp_match_cache, cpu) = c;
	}
	return 0;
}

void edgedp_match_cache_uninit(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		kvfree(*per_cpu_ptr(edgedp_match_cache, cpu));
	free_percpu(edgedp_match_cache);
}

/* Does @pkt meet the conditions of class @c? */
static __always_inline bool edgedp_pdr_class_met(const struct edgedp_pdr_class *c,
						 const struct edgedp_pkt *pkt)
{
	return edgedp_pdr_cond_outer(c->rep, pkt) && edgedp_pdr_cond_ue(c->rep, pkt);
}

/* ORs into @elig the members of the classes set in @sig. */
static void edgedp_pdr_class_elig(const struct edgedp_rules *r, u64 sig, u64 *elig)
{
	while (sig) {
		const struct edgedp_pdr_class *c = &r->class[__ffs64(sig)];
		unsigned int w;

		for (w = 0; w < EDGEDP_CLS_BITMAP_WORDS; w++)
			elig[w] |= c->members[w];
		sig &= sig - 1;
	}
}

/* The first PDR in @elig without filters, or NULL. */
static const struct edgedp_pdr *edgedp_pdr_first_unfiltered(const struct edgedp_rules *r,
							    const u64 *elig)
{
	unsigned int w;

	for (w = 0; w < EDGEDP_CLS_BITMAP_WORDS; w++) {
		u64 bits = elig[w];

		while (bits) {
			const struct edgedp_pdr *p = &r->pdr[w * 64 + __ffs64(bits)];

			if (!(p->match & EDGEDP_PDRM_SDF))
				return p;
			bits &= bits - 1;
		}
	}
	return NULL;
}

/*
 * The classifier's answer among the PDRs in @elig (NULL: none), also put
 * into @cache's slot when given; or, if the inner packet was not parsed
 * (@cp NULL), the first of them without filters.
 */
static const struct edgedp_pdr *edgedp_pdr_classify(const struct edgedp_rules *r,
						    const struct edgedp_cls_pkt *cp,
						    const u64 *elig, struct edgedp_cls_cache *cache,
						    u64 sig, struct edgedp_cls_res *res)
{
	bool hit;

	if (!cp)
		return edgedp_pdr_first_unfiltered(r, elig);
	hit = edgedp_cls_lookup(r->cls, cp, elig, res);
	if (cache)
		edgedp_cls_cache_put(cache, r->cls_gen, sig, cp, hit, res);
	/* No match: no eligible PDR, catch-alls included. */
	return hit ? &r->pdr[res->pdr] : NULL;
}

/*
 * With SDF filters: the classifier picks the PFCP winner among the eligible
 * PDRs (those without filters are catch-all entries there). @sig is the set
 * of classes met (a rule set of up to 64 classes), which keys this CPU's
 * match cache; the eligible bitmap is built from it only when the cache
 * misses. Otherwise @sig is 0 and @elig the bitmap. If the inner packet
 * cannot be classified, the first eligible PDR without filters.
 */
static __always_inline const struct edgedp_pdr *
edgedp_pdr_match_cls(const struct edgedp_rules *r, const struct edgedp_pkt *pkt, u64 sig,
		     const u64 *elig)
{
	struct edgedp_cls_cache *cache = NULL;
	struct edgedp_cls_pkt cp, *cpp = NULL;
	struct edgedp_cls_res res;
	const struct edgedp_pdr *p;
	int got = -1;

	if (pkt->inner && !edgedp_cls_pkt_parse(pkt->inner, pkt->inner_len, &cp))
		cpp = &cp;
	if (cpp && sig && in_softirq() && !in_hardirq() && !in_nmi()) {
		cache = *this_cpu_ptr(edgedp_match_cache);
		got = edgedp_cls_cache_get(cache, r->cls_gen, sig, cpp, &res);
		if (!got)
			return NULL;	/* as edgedp_pdr_classify() */
	}
	if (got > 0) {
		p = &r->pdr[res.pdr];
	} else if (elig) {
		p = edgedp_pdr_classify(r, cpp, elig, cache, sig, &res);
	} else {
		u64 buf[EDGEDP_CLS_BITMAP_WORDS] = {};

		edgedp_pdr_class_elig(r, sig, buf);
		p = edgedp_pdr_classify(r, cpp, buf, cache, sig, &res);
	}
	/* The filter matched counts the packet (none when not classified). */
	if (p && cpp && p->sdfs && res.filter < p->sdfs->n)
		edgedp_rstats_add(p->sdfs->stats + res.filter, pkt->len);
	return p;
}

/* The first PDR by precedence that @pkt matches, or NULL. RCU or writer. */
const struct edgedp_pdr *edgedp_pdr_match(const struct edgedp_rules *r,
					  const struct edgedp_pkt *pkt)
{
	unsigned int i;

	/* Filters: one check per class of conditions, one classifier lookup. */
	if (r->n_class && !pkt->ignore_ue) {
		u64 elig[EDGEDP_CLS_BITMAP_WORDS] = {};
		bool any = false;

		/* Up to 64 classes: the set met keys the match cache. */
		if (r->n_class <= 64) {
			u64 sig = 0;

			for (i = 0; i < r->n_class; i++)
				if (edgedp_pdr_class_met(&r->class[i], pkt))
					sig |= 1ULL << i;
			return sig ? edgedp_pdr_match_cls(r, pkt, sig, NULL) : NULL;
		}
		for (i = 0; i < r->n_class; i++) {
			const struct edgedp_pdr_class *c = &r->class[i];
			unsigned int w;

			if (!edgedp_pdr_class_met(c, pkt))
				continue;
			for (w = 0; w < EDGEDP_CLS_BITMAP_WORDS; w++)
				elig[w] |= c->members[w];
			any = true;
		}
		return any ? edgedp_pdr_match_cls(r, pkt, 0, elig) : NULL;
	}
	for (i = 0; i < r->n_pdr; i++) {
		const struct edgedp_pdr *p = &r->pdr[i];

		if (!edgedp_pdr_cond_outer(p, pkt))
			continue;
		/* An End Marker has no inner packet: the first PDR of its TEID. */
		if (pkt->ignore_ue)
			return p;
		if (edgedp_pdr_cond_ue(p, pkt))
			return p;
	}
	return NULL;
}

/* Raw counters of @st: per-CPU and atomic parts. */
static void edgedp_urr_totals(struct edgedp_urr_state *st, struct edgedp_urr_counts *c)
{
	int cpu, d;

	for (d = 0; d < 2; d++) {
		c->packets[d] = atomic64_read(&st->packets[d]);
		c->bytes[d] = atomic64_read(&st->bytes[d]);
	}
	for_each_possible_cpu(cpu) {
		const struct edgedp_urr_pcpu *p = per_cpu_ptr(st->pcpu, cpu);
		u64 pk[2], by[2];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			for (d = 0; d < 2; d++) {
				pk[d] = u64_stats_read(&p->packets[d]);
				by[d] = u64_stats_read(&p->bytes[d]);
			}
		} while (u64_stats_fetch_retry(&p->syncp, start));
		for (d = 0; d < 2; d++) {
			c->packets[d] += pk[d];
			c->bytes[d] += by[d];
		}
	}
}

/* Counters since the last reset; st->lock held. */
static void edgedp_urr_since_reset(struct edgedp_urr_state *st, struct edgedp_urr_counts *c)
{
	int d;

	edgedp_urr_totals(st, c);
	for (d = 0; d < 2; d++) {
		c->packets[d] -= st->zero.packets[d];
		c->bytes[d] -= st->zero.bytes[d];
	}
}

void edgedp_urr_read(const struct edgedp_urr *u, struct edgedp_urr_counts *c,
		     u32 *reports)
{
	struct edgedp_urr_state *st = u->state;

	spin_lock_bh(&st->lock);
	edgedp_urr_since_reset(st, c);
	*reports = st->reports;
	spin_unlock_bh(&st->lock);
}

/* The quota's volume counts from now, not used up; st->lock held. */
static void edgedp_urr_rearm_quota(struct edgedp_urr_state *st)
{
	WRITE_ONCE(st->qbase[0], atomic64_read(&st->bytes[0]));
	WRITE_ONCE(st->qbase[1], atomic64_read(&st->bytes[1]));
	WRITE_ONCE(st->exhausted, false);
}

/* Zero the counters and re-arm the thresholds and the quota. Writer. */
static void edgedp_urr_reset(struct edgedp_urr_state *st)
{
	spin_lock_bh(&st->lock);
	edgedp_urr_totals(st, &st->zero);
	WRITE_ONCE(st->base[0], atomic64_read(&st->bytes[0]));
	WRITE_ONCE(st->base[1], atomic64_read(&st->bytes[1]));
	edgedp_urr_rearm_quota(st);
	st->reports = 0;
	spin_unlock_bh(&st->lock);
}

static atomic64_t edgedp_urr_grants = ATOMIC64_INIT(0);

u64 edgedp_urr_grant_number(void)
{
	return atomic64_inc_return(&edgedp_urr_grants);
}

/*
 * Apply the quota grants of a published rule set that its URRs' states have
 * not seen yet: new URRs, and URRs the request sent again with a quota.
 * Writer.
 */
static void edgedp_urr_grant(const struct edgedp_rules *r)
{
	unsigned int i;

	for (i = 0; i < r->n_urr; i++) {
		const struct edgedp_urr *u = &r->urr[i];
		struct edgedp_urr_state *st = u->state;

		if (!u->qgen || READ_ONCE(st->qgen) == u->qgen)
			continue;
		spin_lock_bh(&st->lock);
		edgedp_urr_rearm_quota(st);
		smp_wmb();	/* the base before the number: edgedp_urr_granted() */
		WRITE_ONCE(st->qgen, u->qgen);
		spin_unlock_bh(&st->lock);
	}
}

/* Has the volume since the grant reached a quota of @u? */
static bool edgedp_urr_quota_reached(const struct edgedp_urr *u, struct edgedp_urr_state *st)
{
	u64 dl = atomic64_read(&st->bytes[0]) - READ_ONCE(st->qbase[0]);
	u64 ul = atomic64_read(&st->bytes[1]) - READ_ONCE(st->qbase[1]);

	return (u->quota[EDGEDP_URR_TOTAL] && dl + ul >= u->quota[EDGEDP_URR_TOTAL]) ||
	       (u->quota[EDGEDP_URR_UL] && ul >= u->quota[EDGEDP_URR_UL]) ||
	       (u->quota[EDGEDP_URR_DL] && dl >= u->quota[EDGEDP_URR_DL]);
}

/*
 * @u carries a quota its state has taken (edgedp_urr_grant()): the reads
 * after this one see that grant's base and flag, or later values.
 */
static bool edgedp_urr_granted(const struct edgedp_urr *u, const struct edgedp_urr_state *st)
{
	if (!u->qgen || READ_ONCE(st->qgen) != u->qgen)
		return false;
	smp_rmb();	/* pairs with edgedp_urr_grant() */
	return true;
}

/* The quota @u carries was applied, and is used up. RCU. */
bool edgedp_urr_exhausted(const struct edgedp_urr *u)
{
	return edgedp_urr_granted(u, u->state) && READ_ONCE(u->state->exhausted);
}

/*
 * The quota was (probably) reached: confirm under the lock, so that one CPU
 * marks the URR exhausted and reports it, with the counters of that moment.
 */
static void edgedp_urr_quota_report(const struct edgedp_urr *u, struct edgedp_urr_state *st)
{
	struct edgedp_urr_counts c;
	u32 reports;

	spin_lock_bh(&st->lock);
	if (st->exhausted || st->qgen != u->qgen || !edgedp_urr_quota_reached(u, st)) {
		spin_unlock_bh(&st->lock);
		return;
	}
	WRITE_ONCE(st->exhausted, true);
	reports = ++st->reports;
	edgedp_urr_since_reset(st, &c);
	spin_unlock_bh(&st->lock);
	edgedp_event_urr_report(st->edp, st->seid, u, &c, reports);
}

/* Has the volume since the last report reached a threshold of @u? */
static bool edgedp_urr_crossed(const struct edgedp_urr *u, struct edgedp_urr_state *st)
{
	u64 dl = atomic64_read(&st->bytes[0]) - READ_ONCE(st->base[0]);
	u64 ul = atomic64_read(&st->bytes[1]) - READ_ONCE(st->base[1]);

	/* A base moved on since the read looks like a huge delta: the caller rechecks. */
	return (u->thresh[EDGEDP_URR_TOTAL] && dl + ul >= u->thresh[EDGEDP_URR_TOTAL]) ||
	       (u->thresh[EDGEDP_URR_UL] && ul >= u->thresh[EDGEDP_URR_UL]) ||
	       (u->thresh[EDGEDP_URR_DL] && dl >= u->thresh[EDGEDP_URR_DL]);
}

/*
 * A threshold was (probably) reached: confirm under the lock, so that
 * exactly one of the CPUs that saw the crossing reports it, re-arm, and
 * multicast the report with the counters of that moment. Softirq or xmit.
 */
static void edgedp_urr_report(const struct edgedp_urr *u, struct edgedp_urr_state *st)
{
	struct edgedp_urr_counts c;
	u32 reports;

	spin_lock_bh(&st->lock);
	if (!edgedp_urr_crossed(u, st)) {
		spin_unlock_bh(&st->lock);
		return;
	}
	WRITE_ONCE(st->base[0], atomic64_read(&st->bytes[0]));
	WRITE_ONCE(st->base[1], atomic64_read(&st->bytes[1]));
	reports = ++st->reports;
	edgedp_urr_since_reset(st, &c);
	spin_unlock_bh(&st->lock);
	edgedp_event_urr_report(st->edp, st->seid, u, &c, reports);
}

/* Count one packet on a URR. Softirq or xmit, RCU. */
void edgedp_urr_account(const struct edgedp_urr *u, unsigned int len, bool uplink)
{
	struct edgedp_urr_state *st = u->state;
	struct edgedp_urr_pcpu *p;

	if (!u->atomic) {
		p = this_cpu_ptr(st->pcpu);
		u64_stats_update_begin(&p->syncp);
		u64_stats_inc(&p->packets[uplink]);
		u64_stats_add(&p->bytes[uplink], len);
		u64_stats_update_end(&p->syncp);
		return;
	}
	atomic64_inc(&st->packets[uplink]);
	atomic64_add(len, &st->bytes[uplink]);
	if (edgedp_urr_crossed(u, st))
		edgedp_urr_report(u, st);
	if (edgedp_urr_granted(u, st) && !READ_ONCE(st->exhausted) &&
	    edgedp_urr_quota_reached(u, st))
		edgedp_urr_quota_report(u, st);
}
