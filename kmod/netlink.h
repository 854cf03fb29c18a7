/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 */
#ifndef _EDGEDP_NETLINK_H
#define _EDGEDP_NETLINK_H

#include <net/genetlink.h>
#include <linux/edgedp.h>

struct edgedp_dev;

extern struct genl_family edgedp_genl_family;

enum edgedp_mcgrp_ids {
	EDGEDP_MCGRP_EVENTS_ID,
};

/* netlink_session.c: endpoints and sessions */
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

/*
 * The edgedp device named by the ifindex attribute @attr of a request, with
 * its update_lock held, or an ERR_PTR with extack set; edgedp_nl_put()
 * releases it.
 */
struct edgedp_dev *edgedp_nl_get(struct genl_info *info, int attr);
void edgedp_nl_put(struct edgedp_dev *edp);
struct edgedp_rstats;
int edgedp_nl_put_rstats(struct sk_buff *skb, int type,
			 struct edgedp_rstats __percpu *st);

struct edgedp_sdf_set;
extern const struct nla_policy edgedp_sdf_policy[EDGEDP_A_SDF_MAX + 1];
int edgedp_nl_parse_sdfs(struct nlattr *pdr, struct edgedp_sdf_set **out,
			 struct netlink_ext_ack *extack);
int edgedp_nl_fill_sdfs(struct sk_buff *skb, const struct edgedp_sdf_set *set);
struct edgedp_urr;
struct edgedp_urr_counts;
/* Multicast EDGEDP_CMD_URR_REPORT_NTF (softirq: GFP_ATOMIC). */
void edgedp_nl_urr_report(struct edgedp_dev *edp, u64 seid, const struct edgedp_urr *u,
			  const struct edgedp_urr_counts *c, u32 reports);
/* netlink_peer.c: supervised GTP-U peers */
extern const struct nla_policy edgedp_peer_policy[EDGEDP_A_PEER_MAX + 1];
int edgedp_nl_peer_new(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_peer_del(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_peer_get(struct sk_buff *skb, struct genl_info *info);
int edgedp_nl_peer_dump(struct sk_buff *skb, struct netlink_callback *cb);

int edgedp_genl_init(void);
void edgedp_genl_uninit(void);

/* Multicast a device event (EDGEDP_CMD_DEV_ADD_NTF or _DEL_NTF). */
void edgedp_genl_notify_dev(struct edgedp_dev *edp, u8 cmd);

#endif /* _EDGEDP_NETLINK_H */
