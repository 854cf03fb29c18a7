/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * PFCP-style sessions: a SEID owning an immutable rule set (PDRs, FARs)
 * that writers replace as a whole, and the per-device lookup table that maps
 * TEIDs and UE addresses to sessions.
 *
 * Locking: every writer holds edgedp_dev->update_lock. Readers (the fast
 * path, dumps) hold rcu_read_lock() and see either the old or the new rule
 * set of a session, never a mix.
 */
#ifndef _EDGEDP_GTPU_SESSION_H
#define _EDGEDP_GTPU_SESSION_H

#include <linux/in6.h>
#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/u64_stats_sync.h>
#include <linux/edgedp.h>

#include "classifier.h"

struct edgedp_dev;
struct netlink_ext_ack;

#define EDGEDP_MAX_PDR 256
#define EDGEDP_MAX_FAR 256
#define EDGEDP_MAX_QER 64
#define EDGEDP_MAX_SDF 32	/* SDF filters per PDR */
/* Inner bytes made linear for SDF matching: IPv6, extension headers, L4. */
#define EDGEDP_SDF_PULL 128
#define EDGEDP_MAX_URR 64
#define EDGEDP_PDR_MAX_URR 4	/* URRs a PDR may name */
#define EDGEDP_PDR_MAX_QER 4	/* QERs a PDR may name (e.g. flow MBR + session AMBR) */

union edgedp_addr {
	__be32 v4;
	struct in6_addr v6;
};

struct edgedp_rstats {
	u64_stats_t packets;
	u64_stats_t bytes;
	struct u64_stats_sync syncp;
};

/* FAR flags */
#define EDGEDP_FARF_OHC		BIT(0)	/* outer header creation */
#define EDGEDP_FARF_OHC6	BIT(1)	/* ... toward an IPv6 peer */
#define EDGEDP_FARF_PSC		BIT(2)	/* send a PDU Session Container */
#define EDGEDP_FARF_DSCP	BIT(3)	/* set the outer DSCP */

struct edgedp_far {
	u32 id;
	u8 action;		/* enum edgedp_far_action */
	u8 dst_iface;		/* enum edgedp_iface */
	u8 flags;		/* EDGEDP_FARF_* */
	u8 qfi;
	u8 dscp;
	__be16 port;
	u32 teid;
	union edgedp_addr peer;
};

/* A token bucket: bytes of credit, refilled at the QER's rate. */
struct edgedp_bucket {
	u64 tokens;
	u64 last_ns;
};

/* The mutable part of a QER, kept across rule set changes. */
struct edgedp_qer_state {
	spinlock_t lock;		/* protects both buckets */
	struct edgedp_bucket bucket[2];	/* [0] downlink, [1] uplink */
};

struct edgedp_qer {
	u32 id;
	u8 gate[2];		/* enum edgedp_gate: [0] downlink, [1] uplink */
	u8 qfi;
	bool has_qfi;
	bool owns_state;	/* writer only */
	u64 mbr[2];		/* bytes per second, 0 = no limit */
	struct edgedp_qer_state *state;
};

/*
 * A PDR's SDF filters (downlink form, as configured) with a hit counter per
 * filter. Shared by successive rule sets while the PDR's filters are
 * unchanged, so the counters survive unrelated changes; owned by one of them.
 */
struct edgedp_sdf_set {
	unsigned int n;
	u32 has_id;				/* BIT(i): filter i has an SDF Filter ID */
	u32 id[EDGEDP_MAX_SDF];
	struct edgedp_rstats __percpu *stats;	/* n counters */
	struct edgedp_sdf sdf[];
};

/*
 * The mutable part of a URR (TS 29.244 7.5.2.4), kept across rule set
 * changes like a QER's buckets. [0] is downlink, [1] uplink.
 *
 * Counting: a URR without a volume threshold counts on per-CPU counters
 * (pcpu), nothing shared between CPUs. With a threshold, crossing it must
 * be seen at the packet that crosses it, so the URR counts on atomic64
 * sums instead (one shared cache line per URR, only for URRs that ask for
 * reports). The counters are always pcpu + atomic: a URR whose threshold
 * comes or goes keeps what it counted. A report fires when the bytes since
 * the previous report (atomic sums minus base, total or per direction)
 * reach a threshold; the writer of the report rechecks under @lock, so
 * each crossing gives exactly one report however many CPUs see it.
 * A reset moves the zero point (@zero) instead of touching other CPUs'
 * counters, and re-arms (@base).
 *
 * Quota: a URR with a volume quota counts on the atomic sums too. The
 * quota a rule set's URR carries is a grant with its own number (@qgen of
 * struct edgedp_urr); the writer applies it after publishing the set:
 * @qbase, the atomic bytes at that moment, and @qgen, under @lock. Until
 * then the datapath ignores the quota (numbers differ), so a new grant is
 * never judged against the old one's volume. The packet with which the
 * volume since @qbase reaches the quota sets @exhausted (rechecked under
 * @lock: one report); the PDRs naming the URR then drop their packets.
 */
struct edgedp_urr_pcpu {
	u64_stats_t packets[2];
	u64_stats_t bytes[2];
	struct u64_stats_sync syncp;
};

struct edgedp_urr_counts {
	u64 packets[2];
	u64 bytes[2];
};

struct edgedp_urr_state {
	struct edgedp_urr_pcpu __percpu *pcpu;
	atomic64_t packets[2];		/* with a threshold */
	atomic64_t bytes[2];
	spinlock_t lock;		/* base, zero, reports; _bh in process context */
	u64 base[2];			/* atomic bytes at the last report or reset */
	struct edgedp_urr_counts zero;	/* counters at the last reset */
	u32 reports;
	u64 qbase[2];			/* atomic bytes when the quota was granted */
	u64 qgen;			/* the grant applied (struct edgedp_urr) */
	bool exhausted;			/* the grant @qgen is used up */
	/* For the report event: set at creation, the session's. */
	struct edgedp_dev *edp;
	u64 seid;
};

/* URR thresholds, in bytes, 0 = none */
#define EDGEDP_URR_TOTAL	0
#define EDGEDP_URR_UL		1
#define EDGEDP_URR_DL		2

struct edgedp_urr {
	u32 id;
	bool owns_state;	/* writer only */
	bool atomic;		/* a threshold or a quota: count on the atomic sums */
	u64 thresh[3];		/* EDGEDP_URR_TOTAL, _UL, _DL */
	u64 quota[3];		/* the same, 0 = none */
	u64 qgen;		/* with a quota: its grant's number, never 0 */
	struct edgedp_urr_state *state;
};

/* PDR match bits */
#define EDGEDP_PDRM_TEID	BIT(0)
#define EDGEDP_PDRM_LOCAL4	BIT(1)
#define EDGEDP_PDRM_LOCAL6	BIT(2)
#define EDGEDP_PDRM_UE4		BIT(3)
#define EDGEDP_PDRM_UE6		BIT(4)
#define EDGEDP_PDRM_QFI		BIT(5)
#define EDGEDP_PDRM_OHR		BIT(6)
#define EDGEDP_PDRM_SDF		BIT(7)	/* sdfs: the inner packet must match one */

/*
 * The per-CPU counters of the PDRs a rule set added, in one allocation (the
 * per-CPU allocator's search costs more than the rest of a session install's
 * allocations together). Each PDR owning a slot holds a reference; ownership
 * moves with the PDR across rule sets. Writer only.
 */
struct edgedp_stats_block {
	refcount_t refs;
	struct edgedp_rstats __percpu *pcpu;
};

struct edgedp_pdr {
	u16 id;
	u8 src_iface;
	u8 match;		/* EDGEDP_PDRM_* */
	u8 qfi;
	u8 ohr;
	u8 ue6_plen;
	bool owns_stats;	/* writer only: free stats with this rule set */
	bool owns_sdfs;		/* writer only: free sdfs with this rule set */
	u32 precedence;
	u32 teid;
	u32 far_id;
	union edgedp_addr local;
	union edgedp_addr ue;
	const struct edgedp_far *far;
	u8 n_qer;		/* enforced in the order given */
	u32 qer_id[EDGEDP_PDR_MAX_QER];
	const struct edgedp_qer *qer[EDGEDP_PDR_MAX_QER];
	u8 n_urr;
	bool quota;		/* a URR of it has a volume quota */
	u32 urr_id[EDGEDP_PDR_MAX_URR];
	const struct edgedp_urr *urr[EDGEDP_PDR_MAX_URR];
	struct edgedp_rstats __percpu *stats;	/* a slot of stats_block */
	struct edgedp_stats_block *stats_block;	/* writer only */
	struct edgedp_sdf_set *sdfs;	/* with EDGEDP_PDRM_SDF */
};

/*
 * PDRs whose conditions other than SDF filters (interface, TEID, local
 * address, UE address, QFI) are equal form a class; a packet is checked once
 * per class, not once per PDR, to find the PDRs eligible for the classifier.
 */
struct edgedp_pdr_class {
	const struct edgedp_pdr *rep;		/* a member: the conditions */
	u64 members[EDGEDP_CLS_BITMAP_WORDS];	/* indexes into rules->pdr */
};

/* Immutable once published; replaced as a whole. */
struct edgedp_rules {
	struct rcu_head rcu;
	bool peer_check;	/* G-PDUs must come from a FAR's peer */
	unsigned int n_pdr;
	unsigned int n_far;
	unsigned int n_qer;
	unsigned int n_urr;
	struct edgedp_far *far;
	struct edgedp_qer *qer;
	struct edgedp_cls *cls;		/* the PDRs' SDF filters, when any has one */
	u64 cls_gen;			/* with cls: its key in the match cache */
	unsigned int n_class;		/* with cls */
	struct edgedp_pdr_class *class;
	struct edgedp_urr *urr;
	struct edgedp_pdr pdr[];	/* sorted by precedence, then id */
};

/* What a packet offers to PDR matching. */
struct edgedp_pkt {
	u8 iface_mask;		/* BIT(enum edgedp_iface) it may have come from */
	bool gtpu;		/* arrived in a G-PDU */
	bool has_qfi;
	bool ignore_ue;		/* End Marker: no inner packet */
	u8 qfi;
	u32 teid;
	u8 local_family;	/* AF_INET/AF_INET6: outer destination */
	u8 ue_family;		/* inner source (uplink) or destination */
	union edgedp_addr local;
	union edgedp_addr ue;
	const u8 *inner;	/* the inner IP header, for SDF filters ... */
	unsigned int inner_len;	/* ... and how many bytes of it are linear */
	unsigned int len;	/* the inner packet's length */
};

struct edgedp_key_id {
	u8 kind;		/* EDGEDP_KEY_* */
	u8 pad[3];
	__be32 v4;		/* TEID (host order) or UE IPv4 */
	u8 v6[8];		/* UE IPv6 /64 */
};

#define EDGEDP_KEY_TEID	1
#define EDGEDP_KEY_UE4	2
#define EDGEDP_KEY_UE6	3

struct edgedp_key {
	struct rhash_head node;
	struct edgedp_key_id id;
	struct edgedp_session *sess;
	struct rcu_head rcu;
};

/* struct edgedp_session.flags */
#define EDGEDP_SESSF_DL_DATA	0	/* DL_DATA_NTF sent since the last change */

struct edgedp_session {
	struct rhash_head node;		/* edp->gtpu.sessions, by seid */
	struct list_head list;		/* edp->gtpu.session_list, RCU */
	u64 seid;
	struct edgedp_rules __rcu *rules;
	struct edgedp_key **keys;	/* update_lock */
	unsigned int n_keys;		/* update_lock */
	/* EDGEDP_SESSF_*: set by the datapath, cleared by writers. */
	unsigned long flags;
	/*
	 * The device's table holds one reference, a paused dump another (its
	 * cursor). dead: removed from the device (set under update_lock).
	 */
	refcount_t refs;
	bool dead;
	struct rcu_head rcu;
};

/* Requested changes to a session's rules (one netlink request). */
struct edgedp_rules_edit {
	const struct edgedp_pdr *pdr;
	unsigned int n_pdr;
	const struct edgedp_far *far;
	unsigned int n_far;
	const u16 *rm_pdr;
	unsigned int n_rm_pdr;
	const u32 *rm_far;
	unsigned int n_rm_far;
	const struct edgedp_qer *qer;
	unsigned int n_qer;
	const u32 *rm_qer;
	unsigned int n_rm_qer;
	const struct edgedp_urr *urr;
	unsigned int n_urr;
	const u32 *rm_urr;
	unsigned int n_rm_urr;
	const u32 *reset_urr;
	unsigned int n_reset_urr;
	int peer_check;		/* 0 or 1; -1 keeps the current setting */
	bool create_only;	/* EDGEDP_MOD_CREATE: ids must be new */
	bool replace_only;	/* EDGEDP_MOD_REPLACE: ids must exist */
};

int edgedp_sessions_init(struct edgedp_dev *edp);
void edgedp_sessions_flush(struct edgedp_dev *edp);
void edgedp_sessions_destroy(struct edgedp_dev *edp);

struct edgedp_session *edgedp_session_find(struct edgedp_dev *edp, u64 seid);
int edgedp_session_new(struct edgedp_dev *edp, u64 seid,
		       const struct edgedp_rules_edit *edit,
		       struct netlink_ext_ack *extack);
int edgedp_session_mod(struct edgedp_dev *edp, struct edgedp_session *sess,
		       const struct edgedp_rules_edit *edit,
		       struct netlink_ext_ack *extack);
void edgedp_session_del(struct edgedp_dev *edp, struct edgedp_session *sess);
/* A reference for a dump's cursor: false if @sess is going away. RCU. */
bool edgedp_session_get(struct edgedp_session *sess);
void edgedp_session_put(struct edgedp_session *sess);

struct edgedp_session *edgedp_lookup_teid(struct edgedp_dev *edp, u32 teid);
struct edgedp_session *edgedp_lookup_ue4(struct edgedp_dev *edp, __be32 addr);
struct edgedp_session *edgedp_lookup_ue6(struct edgedp_dev *edp,
					 const struct in6_addr *addr);
int edgedp_match_cache_init(void);
void edgedp_match_cache_uninit(void);
const struct edgedp_pdr *edgedp_pdr_match(const struct edgedp_rules *r,
					  const struct edgedp_pkt *pkt);
bool edgedp_rules_from_peer(const struct edgedp_rules *r, u8 family,
			    const union edgedp_addr *src);
int edgedp_pdr_police(const struct edgedp_pdr *p, bool uplink, unsigned int len);

/* The QFI the PDR's QERs give a packet: the first QER that has one, else -1. */
static inline int edgedp_pdr_qer_qfi(const struct edgedp_pdr *p)
{
	unsigned int i;

	for (i = 0; i < p->n_qer; i++)
		if (p->qer[i]->has_qfi)
			return p->qer[i]->qfi;
	return -1;
}

void edgedp_rstats_add(struct edgedp_rstats __percpu *st, unsigned int len);
void edgedp_sdf_set_free(struct edgedp_sdf_set *set);
void edgedp_rstats_read(struct edgedp_rstats __percpu *st, u64 *packets,
			u64 *bytes);
void edgedp_urr_account(const struct edgedp_urr *u, unsigned int len, bool uplink);
bool edgedp_urr_exhausted(const struct edgedp_urr *u);
/* A new number for a URR's quota grant (netlink parsing). */
u64 edgedp_urr_grant_number(void);
/* Counters since the last reset, and reports sent. RCU or writer. */
void edgedp_urr_read(const struct edgedp_urr *u, struct edgedp_urr_counts *c,
		     u32 *reports);

/*
 * Count a packet of @len inner bytes that matched @pdr: its counters and
 * those of its URRs. The one accounting call of the datapath (softirq or
 * xmit, RCU).
 */
static inline void edgedp_pdr_account(const struct edgedp_pdr *pdr,
				      unsigned int len, bool uplink)
{
	unsigned int i;

	edgedp_rstats_add(pdr->stats, len);
	for (i = 0; i < pdr->n_urr; i++)
		edgedp_urr_account(pdr->urr[i], len, uplink);
}

/*
 * Whether a URR of @pdr has used up its volume quota: its packets are then
 * dropped (EDGEDP_DROP_URR_QUOTA), before policing and counting.
 */
static inline bool edgedp_pdr_quota_out(const struct edgedp_pdr *pdr)
{
	unsigned int i;

	if (likely(!pdr->quota))
		return false;
	for (i = 0; i < pdr->n_urr; i++)
		if (edgedp_urr_exhausted(pdr->urr[i]))
			return true;
	return false;
}

/*
 * A packet of @sess matched @pdr, whose FAR buffers or notifies the CP: the
 * packet is dropped by the caller (buffering is not offered) and the CP hears
 * of it once, with EDGEDP_CMD_DL_DATA_NTF, until the session next changes.
 */
void edgedp_far_notify(struct edgedp_dev *edp, struct edgedp_session *sess,
		       const struct edgedp_pdr *pdr);
/* event.c: EDGEDP_CMD_URR_REPORT_NTF, a URR reached a threshold or its quota. */
void edgedp_event_urr_report(struct edgedp_dev *edp, u64 seid, const struct edgedp_urr *u,
			     const struct edgedp_urr_counts *c, u32 reports);

#endif /* _EDGEDP_GTPU_SESSION_H */
