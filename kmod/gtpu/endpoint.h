/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Local GTP-U endpoints: one udp_tunnel socket per configured address.
 */
#ifndef _EDGEDP_GTPU_ENDPOINT_H
#define _EDGEDP_GTPU_ENDPOINT_H

#include <linux/types.h>
#include <net/dst_cache.h>
#include "session.h"

struct edgedp_dev;
struct netlink_ext_ack;
struct sk_buff;

#define EDGEDP_RT_HASH_BITS 8
/* Routes cached per endpoint, at most: one per (peer, TOS) seen. */
#define EDGEDP_RT_MAX 4096

/*
 * A cached route from an endpoint to a peer with one TOS; never changes
 * once published (the dst_cache inside is per CPU and validates itself).
 */
struct edgedp_rt {
	struct hlist_node node;		/* ep->rt_hash, RCU */
	union edgedp_addr peer;
	u8 tos;
	struct dst_cache cache;
};

struct edgedp_ep {
	struct list_head list;		/* edp->gtpu.endpoints */
	struct edgedp_dev *edp;
	struct socket *sock;
	union edgedp_addr addr;
	u8 family;			/* AF_INET or AF_INET6 */
	u8 role;			/* enum edgedp_ep_role */
	__be16 port;
	u32 flags;			/* enum edgedp_ep_flags */
	struct list_head fp_list;	/* edgedp_net.fp_eps (fastpath.c) */
	struct rcu_head rcu;
	/* Routes toward FAR peers: rt_lock (BH) for inserts, RCU readers. */
	spinlock_t rt_lock;
	unsigned int rt_count;		/* rt_lock */
	struct hlist_head rt_hash[1 << EDGEDP_RT_HASH_BITS];
};

int edgedp_ep_add(struct edgedp_dev *edp, u8 family,
		  const union edgedp_addr *addr, __be16 port, u8 role, u32 flags,
		  struct netlink_ext_ack *extack);
int edgedp_ep_del(struct edgedp_dev *edp, u8 family,
		  const union edgedp_addr *addr, __be16 port,
		  struct netlink_ext_ack *extack);
void edgedp_ep_flush(struct edgedp_dev *edp);
struct edgedp_ep *edgedp_ep_pick(struct edgedp_dev *edp, u8 family, u8 iface);

/*
 * Route and send a UDP datagram (skb->data at the UDP payload); @cache:
 * through the endpoint's route cache (FAR peers, not arbitrary senders).
 */
int edgedp_udp_xmit(struct edgedp_ep *ep, struct sk_buff *skb, u8 family,
		    const union edgedp_addr *dst, __be16 sport, __be16 dport,
		    u8 tos, bool cache);

/* receive.c: skb->data at the UDP header, of @ep's socket @sk. */
int edgedp_encap_recv(struct sock *sk, struct sk_buff *skb);
void edgedp_rx(struct edgedp_ep *ep, struct sock *sk, struct sk_buff *skb);

/* fastpath.c */
int edgedp_fp_add(struct edgedp_ep *ep);
void edgedp_fp_del(struct edgedp_ep *ep);

/* tx.c (edgedp_xmit: gtpu.h) */
/* Link-layer room made on encapsulation: LL_RESERVED_SPACE of a VLAN. */
#define EDGEDP_LL_ROOM 32
int edgedp_skb_room(struct sk_buff *skb, unsigned int room);
void edgedp_encap_xmit(struct edgedp_dev *edp, struct sk_buff *skb,
		       const struct edgedp_far *far, u8 msg_type, u8 pdu_type,
		       int qfi_in);

#endif /* _EDGEDP_GTPU_ENDPOINT_H */
