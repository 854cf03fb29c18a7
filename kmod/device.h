/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * The edgedp net device: one per datapath instance, living in one network
 * namespace. See docs/architecture.md for the locking rules.
 */
#ifndef _EDGEDP_DEVICE_H
#define _EDGEDP_DEVICE_H

#include <linux/hashtable.h>
#include <linux/netdevice.h>
#include <linux/ratelimit.h>
#include <linux/rhashtable-types.h>
#include <linux/u64_stats_sync.h>
#include <net/gro_cells.h>
#include <net/netns/generic.h>
#include <linux/edgedp.h>

#include "gtpu/gtpu.h"

struct netlink_ext_ack;

/* Per-CPU counters of one device, summed when read. */
struct edgedp_pcpu_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t drops[__EDGEDP_DROP_MAX];
	struct u64_stats_sync syncp;
};

struct edgedp_stats {
	u64 rx_packets, rx_bytes, tx_packets, tx_bytes;
	u64 drops[__EDGEDP_DROP_MAX];
};

struct edgedp_dev {
	struct net_device *dev;
	/* Entry in edgedp_net->devices: RTNL for writers, RCU for readers. */
	struct list_head list;
	struct edgedp_pcpu_stats __percpu *stats;
	/*
	 * Serialises every change to this device's datapath tables (sessions,
	 * rules, filters, backends). Taken after RTNL when both are needed;
	 * fast-path readers never take it, they use RCU.
	 */
	struct mutex update_lock;
	bool dead;		/* update_lock: unregistering, tables flushed */

	/*
	 * What every capability's objects count against (docs/security.md):
	 * update_lock writers, READ_ONCE readers.
	 */
	unsigned int session_count;
	/* PDRs, FARs, QERs, URRs and SDF filters of all sessions. */
	unsigned int rule_count;
	/* Limits (EDGEDP_A_DEV_MAX_*). */
	unsigned int max_sessions;
	unsigned int max_rules;
	struct gro_cells gro_cells;

	/* The capabilities: each a member, each its own folder of kmod/. */
	struct edgedp_gtpu gtpu;
};

/* Per network namespace state. */
struct edgedp_net {
	struct list_head devices;	/* RTNL for writers, RCU for readers */
	unsigned int dev_count;		/* RTNL */
	/* Bumped under RTNL whenever the device list changes; dumps check it. */
	unsigned int dev_generation;
	/* Fast-path endpoints of every device (fastpath.c): fp lock, RCU. */
	struct list_head fp_eps;
	unsigned int fp_count;
};

extern unsigned int edgedp_net_id;
extern struct rtnl_link_ops edgedp_link_ops;

static inline struct edgedp_net *edgedp_pernet(const struct net *net)
{
	return net_generic(net, edgedp_net_id);
}

int edgedp_device_init(void);
void edgedp_device_uninit(void);

struct edgedp_dev *edgedp_dev_create(struct net *net, const char *name,
				     struct netlink_ext_ack *extack);
struct edgedp_dev *edgedp_dev_find(struct net *net, int ifindex,
				   const char *name);
void edgedp_dev_read_stats(struct edgedp_dev *edp, struct edgedp_stats *st);

static inline void edgedp_dev_count(struct edgedp_dev *edp, bool rx,
				    unsigned int len)
{
	struct edgedp_pcpu_stats *s = this_cpu_ptr(edp->stats);

	u64_stats_update_begin(&s->syncp);
	if (rx) {
		u64_stats_inc(&s->rx_packets);
		u64_stats_add(&s->rx_bytes, len);
	} else {
		u64_stats_inc(&s->tx_packets);
		u64_stats_add(&s->tx_bytes, len);
	}
	u64_stats_update_end(&s->syncp);
}

static inline void edgedp_dev_drop(struct edgedp_dev *edp, struct sk_buff *skb,
				   enum edgedp_drop_reason reason)
{
	struct edgedp_pcpu_stats *s = this_cpu_ptr(edp->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->drops[reason]);
	u64_stats_update_end(&s->syncp);
	kfree_skb(skb);
}

#endif /* _EDGEDP_DEVICE_H */
