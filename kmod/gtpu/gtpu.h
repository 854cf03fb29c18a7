/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * GTP-U (N3/N9 UPF and UL CL) as the core sees it: its state in a device,
 * the three calls the core makes into it over a device's life, and the
 * genl handlers of its block of the family's ops table (kmod/netlink.c).
 * Everything else of GTP-U is private to kmod/gtpu/ (docs/architecture.md).
 */
#ifndef _EDGEDP_GTPU_GTPU_H
#define _EDGEDP_GTPU_GTPU_H

#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/ratelimit_types.h>
#include <linux/rhashtable-types.h>
#include <net/genetlink.h>
#include <linux/edgedp.h>

struct edgedp_dev;

/*
 * Writers hold the device's update_lock; readers (the datapath, dumps) use
 * RCU unless a field says otherwise.
 */
struct edgedp_gtpu {
	/* TEID and UE address -> session (struct edgedp_key, session.c). */
	struct rhashtable keys;
	/* SEID -> session: update_lock only. */
	struct rhashtable sessions;
	/* Every session, for dumps. */
	struct list_head session_list;
	unsigned int session_generation;	/* update_lock; dumps check it */
	/* Local GTP-U endpoints (struct edgedp_ep, endpoint.c). */
	struct list_head endpoints;
	unsigned int ep_generation;		/* update_lock */
	/* Supervised GTP-U peers (struct edgedp_peer, peer.c). */
	struct list_head peers;
	DECLARE_HASHTABLE(peer_hash, 6);
	unsigned int peer_count;		/* update_lock */
	unsigned int peer_generation;		/* update_lock; dumps check it */
	/* Error Indications sent for unknown TEIDs. */
	struct ratelimit_state ei_ratelimit;
};

/*
 * gtpu.c, called by device.c only: init in ndo_init (nothing reachable
 * yet), flush in ndo_uninit under update_lock (every object unpublished,
 * work cancelled), destroy from priv_destructor after a grace period.
 */
int edgedp_gtpu_init(struct edgedp_dev *edp);
void edgedp_gtpu_flush(struct edgedp_dev *edp);
void edgedp_gtpu_destroy(struct edgedp_dev *edp);
/* tx.c: the device's ndo_start_xmit, downlink toward UEs. */
netdev_tx_t edgedp_xmit(struct sk_buff *skb, struct net_device *dev);

/* nl_session.c: endpoints and sessions */
extern const struct nla_policy edgedp_ep_policy[EDGEDP_A_EP_MAX + 1];
extern const struct nla_policy edgedp_session_policy[EDGEDP_A_SESSION_MAX + 1];
int edgedp_nl_ep_new(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_ep_del(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_ep_dump(struct sk_buff *skb, struct netlink_callback *cb);
int edgedp_nl_session_new(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_session_mod(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_session_del(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_session_get(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_session_dump(struct sk_buff *skb, struct netlink_callback *cb);
int edgedp_nl_session_dump_done(struct netlink_callback *cb);

struct edgedp_rstats;
int edgedp_nl_put_rstats(struct sk_buff *skb, int type,
			 struct edgedp_rstats __percpu *st);

struct edgedp_sdf_set;
extern const struct nla_policy edgedp_sdf_policy[EDGEDP_A_SDF_MAX + 1];
int edgedp_nl_parse_sdfs(struct nlattr *pdr, struct edgedp_sdf_set **out,
			 struct netlink_ext_ack *extack);
int edgedp_nl_fill_sdfs(struct sk_buff *skb, const struct edgedp_sdf_set *set);
/* nl_peer.c: supervised GTP-U peers */
extern const struct nla_policy edgedp_peer_policy[EDGEDP_A_PEER_MAX + 1];
int edgedp_nl_peer_new(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_peer_del(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_peer_get(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_peer_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _EDGEDP_GTPU_GTPU_H */
