/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * GTP-U path management: supervised peers (TS 29.281 7.2.1/7.2.2, restart
 * detection of TS 23.007 20). See docs/gtpu.md, "Path supervision".
 *
 * Locking: the peer list and hash of a device change under
 * edgedp_dev->update_lock; the receive path finds peers under RCU. A peer's
 * run-time state (sequence, counters, state) is under peer->lock, taken by
 * its timer (process context) and by the receive path (softirq). The timer
 * is a delayed work that never takes update_lock or RTNL, so it can be
 * cancelled synchronously under both.
 */
#ifndef _EDGEDP_GTPU_PEER_H
#define _EDGEDP_GTPU_PEER_H

#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/edgedp.h>

#include "session.h"

struct edgedp_dev;
struct edgedp_ep;
struct netlink_ext_ack;
struct sk_buff;

#define EDGEDP_PEER_INTERVAL_MIN	100		/* ms */
#define EDGEDP_PEER_INTERVAL_MAX	3600000		/* ms */
#define EDGEDP_PEER_INTERVAL_DEF	60000		/* ms */
#define EDGEDP_PEER_RETRIES_MIN		1
#define EDGEDP_PEER_RETRIES_MAX		16
#define EDGEDP_PEER_RETRIES_DEF		3
/* Peers per device: bounds the memory a caller can pin and the dump size. */
#define EDGEDP_MAX_PEERS		1024

struct edgedp_peer {
	struct list_head list;		/* edp->gtpu.peers, in creation order */
	struct hlist_node hnode;	/* edp->gtpu.peer_hash */
	struct edgedp_dev *edp;
	union edgedp_addr addr;
	u8 family;			/* AF_INET or AF_INET6 */
	__be16 port;
	/* Written under update_lock, read by the timer. */
	u32 interval_ms;
	u8 retries;

	spinlock_t lock;		/* what follows; _bh */
	bool dead;			/* being deleted: no more events */
	bool outstanding;		/* seq awaits its Echo Response */
	bool has_recovery;
	u8 state;			/* enum edgedp_peer_state */
	u8 recovery;			/* has_recovery: last restart counter */
	u8 unanswered;			/* Echo Requests in a row without answer */
	u16 seq;			/* of the last Echo Request */
	u64 echo_tx;
	u64 echo_rx;

	struct delayed_work work;	/* sends the Echo Requests */
	struct rcu_head rcu;
};

/* A consistent copy of a peer, for replies and events. */
struct edgedp_peer_info {
	union edgedp_addr addr;
	u8 family;
	u8 state;
	u8 recovery;
	u8 retries;
	bool has_recovery;
	__be16 port;
	u32 interval_ms;
	u64 echo_tx;
	u64 echo_rx;
};

void edgedp_peers_init(struct edgedp_dev *edp);
void edgedp_peers_flush(struct edgedp_dev *edp);

/* update_lock held: create, or change interval and retries if it exists. */
int edgedp_peer_set(struct edgedp_dev *edp, u8 family,
		    const union edgedp_addr *addr, __be16 port, u32 interval_ms,
		    u8 retries, bool has_interval, bool has_retries,
		    struct netlink_ext_ack *extack);
/* update_lock held. */
int edgedp_peer_del(struct edgedp_dev *edp, u8 family,
		    const union edgedp_addr *addr, __be16 port,
		    struct netlink_ext_ack *extack);
/* RCU or update_lock held. */
struct edgedp_peer *edgedp_peer_find(struct edgedp_dev *edp, u8 family,
				     const union edgedp_addr *addr,
				     __be16 port);
void edgedp_peer_read(struct edgedp_peer *peer, struct edgedp_peer_info *pi);

/*
 * receive.c: an Echo Response reached endpoint @ep (softirq, RCU held,
 * skb->data at the UDP header). Consumes the skb.
 */
void edgedp_peer_rx_echo_resp(struct edgedp_ep *ep, struct sk_buff *skb);

/* event.c: EDGEDP_CMD_PEER_NTF (any context: softirq under a spinlock). */
void edgedp_event_peer(struct edgedp_dev *edp, const struct edgedp_peer_info *pi);

#endif /* _EDGEDP_GTPU_PEER_H */
