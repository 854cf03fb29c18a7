// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Generic netlink handlers of supervised GTP-U peers: PEER_NEW (create, or
 * change interval and retries), PEER_DEL, PEER_GET (do and dump) and the
 * PEER_NTF event. As for the other GTP-U objects, a handler finds the device
 * by ifindex and works under its update_lock, never RTNL.
 */

#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include "device.h"
#include "wire.h"
#include "netlink.h"
#include "gtpu.h"
#include "nl.h"
#include "peer.h"

/* Not const: 6.1's nla_policy points to a mutable range. */
static struct netlink_range_validation edgedp_peer_interval_range = {
	.min = EDGEDP_PEER_INTERVAL_MIN,
	.max = EDGEDP_PEER_INTERVAL_MAX,
};

const struct nla_policy edgedp_peer_policy[EDGEDP_A_PEER_MAX + 1] = {
	[EDGEDP_A_PEER_IFINDEX]		= NLA_POLICY_MIN(NLA_U32, 1),
	[EDGEDP_A_PEER_ADDR4]		= { .type = NLA_BE32 },
	[EDGEDP_A_PEER_ADDR6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[EDGEDP_A_PEER_PORT]		= NLA_POLICY_MIN(NLA_U16, 1),
	[EDGEDP_A_PEER_INTERVAL]	= NLA_POLICY_FULL_RANGE(NLA_U32,
								&edgedp_peer_interval_range),
	[EDGEDP_A_PEER_RETRIES]		= NLA_POLICY_RANGE(NLA_U8,
							   EDGEDP_PEER_RETRIES_MIN,
							   EDGEDP_PEER_RETRIES_MAX),
	[EDGEDP_A_PEER_STATE]		= { .type = NLA_REJECT,
					    .reject_message = "the state is read-only" },
	[EDGEDP_A_PEER_RECOVERY]	= { .type = NLA_REJECT,
					    .reject_message = "the restart counter is read-only" },
	[EDGEDP_A_PEER_ECHO_TX]		= { .type = NLA_REJECT,
					    .reject_message = "counters are read-only" },
	[EDGEDP_A_PEER_ECHO_RX]		= { .type = NLA_REJECT,
					    .reject_message = "counters are read-only" },
};

/* Address (exactly one of ADDR4 and ADDR6, unicast) and port of a request. */
static int edgedp_peer_nl_key(struct genl_info *info, u8 *family,
			      union edgedp_addr *addr, __be16 *port)
{
	struct nlattr *a4 = info->attrs[EDGEDP_A_PEER_ADDR4];
	struct nlattr *a6 = info->attrs[EDGEDP_A_PEER_ADDR6];
	struct nlattr *p = info->attrs[EDGEDP_A_PEER_PORT];

	if (!a4 && !a6) {
		NL_SET_ERR_MSG(info->extack, "peer address required: addr4 or addr6");
		return -EINVAL;
	}
	if (a4 && a6) {
		NL_SET_ERR_MSG_ATTR(info->extack, a6,
				    "give one peer address: addr4 or addr6, not both");
		return -EINVAL;
	}
	memset(addr, 0, sizeof(*addr));
	if (a4) {
		*family = AF_INET;
		addr->v4 = nla_get_be32(a4);
		if (ipv4_is_zeronet(addr->v4) || ipv4_is_multicast(addr->v4) ||
		    ipv4_is_lbcast(addr->v4)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a4,
					    "the peer address must be unicast");
			return -EINVAL;
		}
	} else {
		*family = AF_INET6;
		nla_memcpy(&addr->v6, a6, sizeof(addr->v6));
		if (ipv6_addr_any(&addr->v6) || ipv6_addr_is_multicast(&addr->v6)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a6,
					    "the peer address must be unicast");
			return -EINVAL;
		}
	}
	*port = htons(p ? nla_get_u16(p) : EDGEDP_GTPU_PORT);
	return 0;
}

/* PEER_DEL and PEER_GET name a peer; timers belong to PEER_NEW only. */
static int edgedp_peer_nl_no_timers(struct genl_info *info)
{
	struct nlattr *a = info->attrs[EDGEDP_A_PEER_INTERVAL] ?:
			   info->attrs[EDGEDP_A_PEER_RETRIES];

	if (a) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "interval and retries are set with peer-new");
		return -EINVAL;
	}
	return 0;
}

int edgedp_nl_peer_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *interval = info->attrs[EDGEDP_A_PEER_INTERVAL];
	struct nlattr *retries = info->attrs[EDGEDP_A_PEER_RETRIES];
	struct edgedp_dev *edp;
	union edgedp_addr addr;
	__be16 port;
	u8 family;
	int ret;

	ret = edgedp_peer_nl_key(info, &family, &addr, &port);
	if (ret)
		return ret;
	edp = edgedp_nl_get(info, EDGEDP_A_PEER_IFINDEX);
	if (IS_ERR(edp))
		return PTR_ERR(edp);
	ret = edgedp_peer_set(edp, family, &addr, port,
			      interval ? nla_get_u32(interval) : 0,
			      retries ? nla_get_u8(retries) : 0,
			      interval, retries, info->extack);
	edgedp_nl_put(edp);
	return ret;
}

int edgedp_nl_peer_del(struct sk_buff *skb, struct genl_info *info)
{
	struct edgedp_dev *edp;
	union edgedp_addr addr;
	__be16 port;
	u8 family;
	int ret;

	ret = edgedp_peer_nl_no_timers(info) ?:
	      edgedp_peer_nl_key(info, &family, &addr, &port);
	if (ret)
		return ret;
	edp = edgedp_nl_get(info, EDGEDP_A_PEER_IFINDEX);
	if (IS_ERR(edp))
		return PTR_ERR(edp);
	ret = edgedp_peer_del(edp, family, &addr, port, info->extack);
	edgedp_nl_put(edp);
	return ret;
}

/* The attributes of a peer: replies carry all, events what may change. */
int edgedp_nl_fill_peer(struct sk_buff *skb, struct edgedp_dev *edp,
			const struct edgedp_peer_info *pi, bool event)
{
	if (nla_put_u32(skb, EDGEDP_A_PEER_IFINDEX, edp->dev->ifindex) ||
	    (pi->family == AF_INET ?
	     nla_put_in_addr(skb, EDGEDP_A_PEER_ADDR4, pi->addr.v4) :
	     nla_put_in6_addr(skb, EDGEDP_A_PEER_ADDR6, &pi->addr.v6)) ||
	    nla_put_u16(skb, EDGEDP_A_PEER_PORT, ntohs(pi->port)) ||
	    nla_put_u8(skb, EDGEDP_A_PEER_STATE, pi->state) ||
	    (pi->has_recovery &&
	     nla_put_u8(skb, EDGEDP_A_PEER_RECOVERY, pi->recovery)))
		return -EMSGSIZE;
	if (event)
		return 0;
	if (nla_put_u32(skb, EDGEDP_A_PEER_INTERVAL, pi->interval_ms) ||
	    nla_put_u8(skb, EDGEDP_A_PEER_RETRIES, pi->retries) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_PEER_ECHO_TX, pi->echo_tx,
			      EDGEDP_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_PEER_ECHO_RX, pi->echo_rx,
			      EDGEDP_A_PEER_PAD))
		return -EMSGSIZE;
	return 0;
}

int edgedp_nl_peer_get(struct sk_buff *skb, struct genl_info *info)
{
	struct edgedp_peer_info pi;
	struct edgedp_peer *peer;
	struct edgedp_dev *edp;
	union edgedp_addr addr;
	struct sk_buff *msg;
	__be16 port;
	u8 family;
	void *hdr;
	int ret;

	ret = edgedp_peer_nl_no_timers(info) ?:
	      edgedp_peer_nl_key(info, &family, &addr, &port);
	if (ret)
		return ret;
	edp = edgedp_nl_get(info, EDGEDP_A_PEER_IFINDEX);
	if (IS_ERR(edp))
		return PTR_ERR(edp);
	peer = edgedp_peer_find(edp, family, &addr, port);
	if (!peer) {
		NL_SET_ERR_MSG(info->extack, "no such peer");
		ret = -ENOENT;
		goto out;
	}
	edgedp_peer_read(peer, &pi);
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	hdr = genlmsg_put_reply(msg, info, &edgedp_genl_family, 0,
				EDGEDP_CMD_PEER_GET);
	if (!hdr || edgedp_nl_fill_peer(msg, edp, &pi, false)) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto out;
	}
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
out:
	edgedp_nl_put(edp);
	return ret;
}

/* cb->args[0]: peers already dumped. */
int edgedp_nl_peer_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *idx = edgedp_dump_attrs(cb)[EDGEDP_A_PEER_IFINDEX];
	struct edgedp_peer_info pi;
	struct edgedp_peer *peer;
	struct net_device *dev;
	struct edgedp_dev *edp;
	long n = 0;
	int ret;
	void *hdr;

	if (!idx) {
		NL_SET_ERR_MSG(cb->extack, "ifindex of the edgedp device required");
		return -EINVAL;
	}
	rcu_read_lock();
	dev = dev_get_by_index_rcu(sock_net(skb->sk), nla_get_u32(idx));
	if (!dev || dev->rtnl_link_ops != &edgedp_link_ops) {
		NL_SET_ERR_MSG_ATTR(cb->extack, idx,
				    "no such edgedp device in this namespace");
		ret = -ENODEV;
		goto out;
	}
	edp = netdev_priv(dev);
	cb->seq = READ_ONCE(edp->gtpu.peer_generation);
	list_for_each_entry_rcu(peer, &edp->gtpu.peers, list) {
		if (n < cb->args[0]) {
			n++;
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &edgedp_genl_family,
				  NLM_F_MULTI, EDGEDP_CMD_PEER_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		edgedp_peer_read(peer, &pi);
		if (edgedp_nl_fill_peer(skb, edp, &pi, false)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		n++;
	}
	cb->args[0] = n;
	ret = skb->len;
out:
	rcu_read_unlock();
	return ret;
}
