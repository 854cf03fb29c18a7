// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Generic netlink handlers of the GTP-U objects: endpoints and sessions
 * with their PDRs and FARs. Each handler finds the device by ifindex, takes
 * its update_lock (never RTNL, so thousands of sessions can be installed
 * without stalling the rest of the stack) and checks that the device is not
 * being torn down.
 */

#include <net/genetlink.h>
#include <net/sock.h>

#include "device.h"
#include "wire.h"
#include "netlink.h"
#include "gtpu.h"
#include "nl.h"
#include "session.h"
#include "endpoint.h"

const struct nla_policy edgedp_ep_policy[EDGEDP_A_EP_MAX + 1] = {
	[EDGEDP_A_EP_IFINDEX]	= NLA_POLICY_MIN(NLA_U32, 1),
	[EDGEDP_A_EP_ADDR4]	= { .type = NLA_BE32 },
	[EDGEDP_A_EP_ADDR6]	= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[EDGEDP_A_EP_PORT]	= NLA_POLICY_MIN(NLA_U16, 1),
	[EDGEDP_A_EP_ROLE]	= NLA_POLICY_MAX(NLA_U8, EDGEDP_EP_MAX),
	[EDGEDP_A_EP_FLAGS]	= NLA_POLICY_MASK(NLA_U32, EDGEDP_EPF_FASTPATH),
};

/* Not const: 6.1's nla_policy points to a mutable range. */
static struct netlink_range_validation edgedp_mbr_range = {
	.min = 0,
	.max = 10000000000ULL,
};

static const struct nla_policy edgedp_pdr_policy[EDGEDP_A_PDR_MAX + 1] = {
	[EDGEDP_A_PDR_ID]		= { .type = NLA_U16 },
	[EDGEDP_A_PDR_PRECEDENCE]	= { .type = NLA_U32 },
	[EDGEDP_A_PDR_SRC_IFACE]	= NLA_POLICY_MAX(NLA_U8, EDGEDP_IFACE_MAX),
	[EDGEDP_A_PDR_TEID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[EDGEDP_A_PDR_LOCAL4]		= { .type = NLA_BE32 },
	[EDGEDP_A_PDR_LOCAL6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[EDGEDP_A_PDR_UE4]		= { .type = NLA_BE32 },
	[EDGEDP_A_PDR_UE6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[EDGEDP_A_PDR_UE6_PLEN]		= NLA_POLICY_RANGE(NLA_U8, 64, 128),
	[EDGEDP_A_PDR_QFI]		= NLA_POLICY_MAX(NLA_U8, 63),
	[EDGEDP_A_PDR_OHR]		= NLA_POLICY_MAX(NLA_U8, EDGEDP_OHR_GTPU_UDP_IP),
	[EDGEDP_A_PDR_FAR_ID]		= { .type = NLA_U32 },
	[EDGEDP_A_PDR_STATS]		= { .type = NLA_REJECT,
					    .reject_message = "statistics are read-only" },
	[EDGEDP_A_PDR_QER_ID]		= { .type = NLA_U32 },
	[EDGEDP_A_PDR_SDF]		= NLA_POLICY_NESTED(edgedp_sdf_policy),
	[EDGEDP_A_PDR_URR_ID]		= { .type = NLA_U32 },
};

static const struct nla_policy edgedp_urr_policy[EDGEDP_A_URR_MAX + 1] = {
	[EDGEDP_A_URR_ID]		= { .type = NLA_U32 },
	[EDGEDP_A_URR_VOL_THRESH_TOTAL]	= { .type = NLA_U64 },
	[EDGEDP_A_URR_VOL_THRESH_UL]	= { .type = NLA_U64 },
	[EDGEDP_A_URR_VOL_THRESH_DL]	= { .type = NLA_U64 },
	[EDGEDP_A_URR_UL_PACKETS]	= { .type = NLA_REJECT,
					    .reject_message = "URR counters are read-only" },
	[EDGEDP_A_URR_UL_BYTES]		= { .type = NLA_REJECT,
					    .reject_message = "URR counters are read-only" },
	[EDGEDP_A_URR_DL_PACKETS]	= { .type = NLA_REJECT,
					    .reject_message = "URR counters are read-only" },
	[EDGEDP_A_URR_DL_BYTES]		= { .type = NLA_REJECT,
					    .reject_message = "URR counters are read-only" },
	[EDGEDP_A_URR_REPORTS]		= { .type = NLA_REJECT,
					    .reject_message = "URR counters are read-only" },
	[EDGEDP_A_URR_VOL_QUOTA_TOTAL]	= { .type = NLA_U64 },
	[EDGEDP_A_URR_VOL_QUOTA_UL]	= { .type = NLA_U64 },
	[EDGEDP_A_URR_VOL_QUOTA_DL]	= { .type = NLA_U64 },
	[EDGEDP_A_URR_QUOTA_EXHAUSTED]	= { .type = NLA_REJECT,
					    .reject_message = "quota-exhausted is read-only" },
};

static const struct nla_policy edgedp_qer_policy[EDGEDP_A_QER_MAX + 1] = {
	[EDGEDP_A_QER_ID]		= { .type = NLA_U32 },
	[EDGEDP_A_QER_GATE_UL]		= NLA_POLICY_MAX(NLA_U8, EDGEDP_GATE_CLOSED),
	[EDGEDP_A_QER_GATE_DL]		= NLA_POLICY_MAX(NLA_U8, EDGEDP_GATE_CLOSED),
	/* kbit/s; 10^10 kbit/s = 10 Tbit/s keeps bytes/s far from overflow. */
	[EDGEDP_A_QER_MBR_UL]		= NLA_POLICY_FULL_RANGE(NLA_U64, &edgedp_mbr_range),
	[EDGEDP_A_QER_MBR_DL]		= NLA_POLICY_FULL_RANGE(NLA_U64, &edgedp_mbr_range),
	[EDGEDP_A_QER_QFI]		= NLA_POLICY_MAX(NLA_U8, 63),
};

static const struct nla_policy edgedp_far_policy[EDGEDP_A_FAR_MAX + 1] = {
	[EDGEDP_A_FAR_ID]		= { .type = NLA_U32 },
	[EDGEDP_A_FAR_ACTION]		= NLA_POLICY_MASK(NLA_U8, EDGEDP_FAR_DROP |
							  EDGEDP_FAR_FORW |
							  EDGEDP_FAR_BUFF |
							  EDGEDP_FAR_NOCP),
	[EDGEDP_A_FAR_DST_IFACE]	= NLA_POLICY_MAX(NLA_U8, EDGEDP_IFACE_MAX),
	[EDGEDP_A_FAR_TEID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[EDGEDP_A_FAR_PEER4]		= { .type = NLA_BE32 },
	[EDGEDP_A_FAR_PEER6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[EDGEDP_A_FAR_PORT]		= NLA_POLICY_MIN(NLA_U16, 1),
	[EDGEDP_A_FAR_QFI]		= NLA_POLICY_MAX(NLA_U8, 63),
	[EDGEDP_A_FAR_DSCP]		= NLA_POLICY_MAX(NLA_U8, 63),
};

const struct nla_policy edgedp_session_policy[EDGEDP_A_SESSION_MAX + 1] = {
	[EDGEDP_A_SESSION_IFINDEX]	= NLA_POLICY_MIN(NLA_U32, 1),
	[EDGEDP_A_SESSION_SEID]		= { .type = NLA_U64 },
	[EDGEDP_A_SESSION_PDR]		= NLA_POLICY_NESTED(edgedp_pdr_policy),
	[EDGEDP_A_SESSION_FAR]		= NLA_POLICY_NESTED(edgedp_far_policy),
	[EDGEDP_A_SESSION_REMOVE_PDR]	= { .type = NLA_U16 },
	[EDGEDP_A_SESSION_REMOVE_FAR]	= { .type = NLA_U32 },
	[EDGEDP_A_SESSION_PEER_CHECK]	= NLA_POLICY_MAX(NLA_U8, 1),
	[EDGEDP_A_SESSION_QER]		= NLA_POLICY_NESTED(edgedp_qer_policy),
	[EDGEDP_A_SESSION_REMOVE_QER]	= { .type = NLA_U32 },
	[EDGEDP_A_SESSION_MOD_FLAGS]	= NLA_POLICY_MASK(NLA_U32, EDGEDP_MOD_CREATE |
							  EDGEDP_MOD_REPLACE),
	[EDGEDP_A_SESSION_URR]		= NLA_POLICY_NESTED(edgedp_urr_policy),
	[EDGEDP_A_SESSION_REMOVE_URR]	= { .type = NLA_U32 },
	[EDGEDP_A_SESSION_RESET_URR]	= { .type = NLA_U32 },
};

static u8 edgedp_nla_u8(const struct nlattr *a, u8 def)
{
	return a ? nla_get_u8(a) : def;
}

/*
 * The device named by @attr (an ifindex) with its update_lock held, or an
 * ERR_PTR with extack set. Release with edgedp_nl_put().
 */
struct edgedp_dev *edgedp_nl_get(struct genl_info *info, int attr)
{
	struct nlattr *idx = info->attrs[attr];
	struct net_device *dev;
	struct edgedp_dev *edp;

	if (!idx) {
		NL_SET_ERR_MSG(info->extack, "ifindex of the edgedp device required");
		return ERR_PTR(-EINVAL);
	}
	dev = dev_get_by_index(genl_info_net(info), nla_get_u32(idx));
	if (!dev || dev->rtnl_link_ops != &edgedp_link_ops) {
		dev_put(dev);
		NL_SET_ERR_MSG_ATTR(info->extack, idx,
				    "no such edgedp device in this namespace");
		return ERR_PTR(-ENODEV);
	}
	edp = netdev_priv(dev);
	mutex_lock(&edp->update_lock);
	if (edp->dead) {
		mutex_unlock(&edp->update_lock);
		dev_put(dev);
		NL_SET_ERR_MSG_ATTR(info->extack, idx, "the device is being deleted");
		return ERR_PTR(-ENODEV);
	}
	return edp;
}

void edgedp_nl_put(struct edgedp_dev *edp)
{
	mutex_unlock(&edp->update_lock);
	dev_put(edp->dev);
}

/* An address given as a be32 (@a4) or 16 bytes (@a6), exactly one. */
static int edgedp_nl_addr(struct nlattr *a4, struct nlattr *a6,
			  union edgedp_addr *addr, u8 *family)
{
	if (!!a4 == !!a6)
		return -EINVAL;
	memset(addr, 0, sizeof(*addr));
	if (a4) {
		addr->v4 = nla_get_be32(a4);
		*family = AF_INET;
	} else {
		nla_memcpy(&addr->v6, a6, sizeof(addr->v6));
		*family = AF_INET6;
	}
	return 0;
}

/*
 * An endpoint is a unicast address a peer can send to: not the unspecified
 * address (the socket would take every address's G-PDUs), not loopback
 * (no peer reaches it), not multicast or broadcast (GTP-U paths are
 * unicast, TS 29.281 4.3). -EINVAL with extack on @attr when it is not.
 */
static int edgedp_ep_addr_check(u8 family, const union edgedp_addr *a,
				const struct nlattr *attr, struct netlink_ext_ack *extack)
{
	if (family == AF_INET) {
		if (!(a->v4 & htonl(0xff000000)))	/* 0.0.0.0/8: "this network" */
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "endpoint address must not be in 0.0.0.0/8");
		else if (ipv4_is_loopback(a->v4))
			NL_SET_ERR_MSG_ATTR(extack, attr, "endpoint address must not be loopback");
		else if (ipv4_is_multicast(a->v4) || ipv4_is_lbcast(a->v4))
			NL_SET_ERR_MSG_ATTR(extack, attr, "endpoint address must be unicast");
		else
			return 0;
		return -EINVAL;
	}
	if (ipv6_addr_any(&a->v6))
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "endpoint address must not be the unspecified address");
	else if (ipv6_addr_loopback(&a->v6))
		NL_SET_ERR_MSG_ATTR(extack, attr, "endpoint address must not be loopback");
	else if (ipv6_addr_is_multicast(&a->v6))
		NL_SET_ERR_MSG_ATTR(extack, attr, "endpoint address must be unicast");
	else if (ipv6_addr_v4mapped(&a->v6))
		NL_SET_ERR_MSG_ATTR(extack, attr, "give an IPv4 endpoint as addr4, not v4-mapped");
	else
		return 0;
	return -EINVAL;
}

/* EP_NEW and EP_DEL name an endpoint the same way: address and port. */
static int edgedp_nl_ep_change(struct genl_info *info, bool add)
{
	struct nlattr **tb = info->attrs;
	struct edgedp_dev *edp;
	union edgedp_addr addr;
	__be16 port;
	u8 family;
	int ret;

	if (edgedp_nl_addr(tb[EDGEDP_A_EP_ADDR4], tb[EDGEDP_A_EP_ADDR6], &addr, &family)) {
		NL_SET_ERR_MSG(info->extack, "give exactly one of addr4 and addr6");
		return -EINVAL;
	}
	port = htons(tb[EDGEDP_A_EP_PORT] ? nla_get_u16(tb[EDGEDP_A_EP_PORT]) :
					    EDGEDP_GTPU_PORT);
	if (add) {
		ret = edgedp_ep_addr_check(family, &addr, tb[EDGEDP_A_EP_ADDR4] ?:
					   tb[EDGEDP_A_EP_ADDR6], info->extack);
		if (ret)
			return ret;
	}
	if (!add && tb[EDGEDP_A_EP_FLAGS]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[EDGEDP_A_EP_FLAGS],
				    "flags are given when the endpoint is added");
		return -EINVAL;
	}
	edp = edgedp_nl_get(info, EDGEDP_A_EP_IFINDEX);
	if (IS_ERR(edp))
		return PTR_ERR(edp);
	if (add)
		ret = edgedp_ep_add(edp, family, &addr, port,
				    edgedp_nla_u8(tb[EDGEDP_A_EP_ROLE], EDGEDP_EP_ANY),
				    tb[EDGEDP_A_EP_FLAGS] ?
				    nla_get_u32(tb[EDGEDP_A_EP_FLAGS]) : 0,
				    info->extack);
	else
		ret = edgedp_ep_del(edp, family, &addr, port, info->extack);
	edgedp_nl_put(edp);
	return ret;
}

int edgedp_nl_ep_new(struct sk_buff *skb, struct genl_info *info)
{
	return edgedp_nl_ep_change(info, true);
}

int edgedp_nl_ep_del(struct sk_buff *skb, struct genl_info *info)
{
	return edgedp_nl_ep_change(info, false);
}

static int edgedp_put_addr(struct sk_buff *skb, int a4, int a6, u8 family,
			   const union edgedp_addr *a)
{
	return family == AF_INET ? nla_put_be32(skb, a4, a->v4) :
				   nla_put_in6_addr(skb, a6, &a->v6);
}

/* The device a dump names, under RCU; NULL with cb->extack set otherwise. */
static struct edgedp_dev *edgedp_nl_dump_dev(struct sk_buff *skb,
					     struct netlink_callback *cb, int attr)
{
	struct nlattr *idx = edgedp_dump_attrs(cb)[attr];
	struct net_device *dev;

	if (!idx) {
		NL_SET_ERR_MSG(cb->extack, "ifindex of the edgedp device required");
		return NULL;
	}
	dev = dev_get_by_index_rcu(sock_net(skb->sk), nla_get_u32(idx));
	if (!dev || dev->rtnl_link_ops != &edgedp_link_ops) {
		NL_SET_ERR_MSG_ATTR(cb->extack, idx, "no such edgedp device in this namespace");
		return NULL;
	}
	return netdev_priv(dev);
}

int edgedp_nl_ep_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct edgedp_dev *edp;
	struct edgedp_ep *ep;
	long idx = 0;
	int ret = 0;
	void *hdr;

	rcu_read_lock();
	edp = edgedp_nl_dump_dev(skb, cb, EDGEDP_A_EP_IFINDEX);
	if (!edp) {
		ret = -ENODEV;
		goto out;
	}
	cb->seq = READ_ONCE(edp->gtpu.ep_generation);
	list_for_each_entry_rcu(ep, &edp->gtpu.endpoints, list) {
		if (idx++ < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &edgedp_genl_family, NLM_F_MULTI, EDGEDP_CMD_EP_GET);
		if (!hdr) {
			idx--;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_u32(skb, EDGEDP_A_EP_IFINDEX, edp->dev->ifindex) ||
		    edgedp_put_addr(skb, EDGEDP_A_EP_ADDR4, EDGEDP_A_EP_ADDR6,
				    ep->family, &ep->addr) ||
		    nla_put_u16(skb, EDGEDP_A_EP_PORT, ntohs(ep->port)) ||
		    nla_put_u8(skb, EDGEDP_A_EP_ROLE, ep->role) ||
		    nla_put_u32(skb, EDGEDP_A_EP_FLAGS, ep->flags)) {
			genlmsg_cancel(skb, hdr);
			idx--;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = idx;
	ret = skb->len;
out:
	rcu_read_unlock();
	return ret;
}

/* One "QER_ID" of a PDR: at most EDGEDP_PDR_MAX_QER, each once. */
static int edgedp_nl_pdr_qer(const struct nlattr *a, struct edgedp_pdr *p,
			     struct netlink_ext_ack *extack)
{
	u32 id = nla_get_u32(a);
	unsigned int i;

	if (p->n_qer == EDGEDP_PDR_MAX_QER) {
		NL_SET_ERR_MSG_ATTR(extack, a, "a PDR names at most 4 QERs");
		return -EINVAL;
	}
	for (i = 0; i < p->n_qer; i++) {
		if (p->qer_id[i] == id) {
			NL_SET_ERR_MSG_ATTR(extack, a, "the PDR names this QER twice");
			return -EINVAL;
		}
	}
	p->qer_id[p->n_qer++] = id;
	return 0;
}

/* One "URR_ID" of a PDR: at most EDGEDP_PDR_MAX_URR, each once. */
static int edgedp_nl_pdr_urr(const struct nlattr *a, struct edgedp_pdr *p,
			     struct netlink_ext_ack *extack)
{
	u32 id = nla_get_u32(a);
	unsigned int i;

	if (p->n_urr == EDGEDP_PDR_MAX_URR) {
		NL_SET_ERR_MSG_ATTR(extack, a, "a PDR names at most 4 URRs");
		return -EINVAL;
	}
	for (i = 0; i < p->n_urr; i++) {
		if (p->urr_id[i] == id) {
			NL_SET_ERR_MSG_ATTR(extack, a, "the PDR names this URR twice");
			return -EINVAL;
		}
	}
	p->urr_id[p->n_urr++] = id;
	return 0;
}

static int edgedp_nl_parse_pdr(struct nlattr *nest, struct edgedp_pdr *p,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[EDGEDP_A_PDR_MAX + 1], *a;
	int ret, rem;
	u8 family;

	ret = nla_parse_nested(tb, EDGEDP_A_PDR_MAX, nest, edgedp_pdr_policy, extack);
	if (ret)
		return ret;
	if (!tb[EDGEDP_A_PDR_ID] || !tb[EDGEDP_A_PDR_PRECEDENCE] ||
	    !tb[EDGEDP_A_PDR_SRC_IFACE] || !tb[EDGEDP_A_PDR_FAR_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a PDR needs id, precedence, src-iface and far-id");
		return -EINVAL;
	}
	memset(p, 0, sizeof(*p));
	p->id = nla_get_u16(tb[EDGEDP_A_PDR_ID]);
	p->precedence = nla_get_u32(tb[EDGEDP_A_PDR_PRECEDENCE]);
	p->src_iface = nla_get_u8(tb[EDGEDP_A_PDR_SRC_IFACE]);
	p->far_id = nla_get_u32(tb[EDGEDP_A_PDR_FAR_ID]);

	if (tb[EDGEDP_A_PDR_TEID]) {
		p->match |= EDGEDP_PDRM_TEID;
		p->teid = nla_get_u32(tb[EDGEDP_A_PDR_TEID]);
		if (!tb[EDGEDP_A_PDR_OHR]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[EDGEDP_A_PDR_TEID],
					    "a PDR with a local F-TEID needs outer-header-removal");
			return -EINVAL;
		}
		p->ohr = nla_get_u8(tb[EDGEDP_A_PDR_OHR]);
		if (p->ohr != EDGEDP_OHR_GTPU_UDP_IPV4 &&
		    p->ohr != EDGEDP_OHR_GTPU_UDP_IPV6 &&
		    p->ohr != EDGEDP_OHR_GTPU_UDP_IP) {
			NL_SET_ERR_MSG_ATTR(extack, tb[EDGEDP_A_PDR_OHR],
					    "only GTP-U outer header removal is supported");
			return -EOPNOTSUPP;
		}
		p->match |= EDGEDP_PDRM_OHR;
	} else if (tb[EDGEDP_A_PDR_OHR] || tb[EDGEDP_A_PDR_LOCAL4] ||
		   tb[EDGEDP_A_PDR_LOCAL6] || tb[EDGEDP_A_PDR_QFI]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "local address, QFI and outer-header-removal need a TEID");
		return -EINVAL;
	} else if (p->src_iface == EDGEDP_IFACE_ACCESS) {
		NL_SET_ERR_MSG_ATTR(extack, tb[EDGEDP_A_PDR_SRC_IFACE],
				    "a PDR on the access side needs a local F-TEID");
		return -EINVAL;
	}
	if (tb[EDGEDP_A_PDR_LOCAL4] || tb[EDGEDP_A_PDR_LOCAL6]) {
		if (edgedp_nl_addr(tb[EDGEDP_A_PDR_LOCAL4], tb[EDGEDP_A_PDR_LOCAL6],
				   &p->local, &family)) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "give one of local4 and local6");
			return -EINVAL;
		}
		p->match |= family == AF_INET ? EDGEDP_PDRM_LOCAL4 : EDGEDP_PDRM_LOCAL6;
	}
	if (tb[EDGEDP_A_PDR_UE4] || tb[EDGEDP_A_PDR_UE6]) {
		if (edgedp_nl_addr(tb[EDGEDP_A_PDR_UE4], tb[EDGEDP_A_PDR_UE6],
				   &p->ue, &family)) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "give one of ue4 and ue6");
			return -EINVAL;
		}
		p->match |= family == AF_INET ? EDGEDP_PDRM_UE4 : EDGEDP_PDRM_UE6;
		p->ue6_plen = edgedp_nla_u8(tb[EDGEDP_A_PDR_UE6_PLEN], 64);
	} else if (!(p->match & EDGEDP_PDRM_TEID)) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "a PDR needs a TEID or a UE address");
		return -EINVAL;
	}
	if (tb[EDGEDP_A_PDR_QFI]) {
		p->match |= EDGEDP_PDRM_QFI;
		p->qfi = nla_get_u8(tb[EDGEDP_A_PDR_QFI]);
	}
	/* QER_ID and URR_ID repeat: nla_parse_nested() kept only the last one. */
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) == EDGEDP_A_PDR_QER_ID)
			ret = edgedp_nl_pdr_qer(a, p, extack);
		else if (nla_type(a) == EDGEDP_A_PDR_URR_ID)
			ret = edgedp_nl_pdr_urr(a, p, extack);
		else
			continue;
		if (ret)
			return ret;
	}
	ret = edgedp_nl_parse_sdfs(nest, &p->sdfs, extack);
	if (p->sdfs)
		p->match |= EDGEDP_PDRM_SDF;
	return ret;
}

static int edgedp_nl_parse_urr(struct nlattr *nest, struct edgedp_urr *u,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[EDGEDP_A_URR_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, EDGEDP_A_URR_MAX, nest, edgedp_urr_policy, extack);
	if (ret)
		return ret;
	if (!tb[EDGEDP_A_URR_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "a URR needs an id");
		return -EINVAL;
	}
	memset(u, 0, sizeof(*u));
	u->id = nla_get_u32(tb[EDGEDP_A_URR_ID]);
	if (tb[EDGEDP_A_URR_VOL_THRESH_TOTAL])
		u->thresh[EDGEDP_URR_TOTAL] = nla_get_u64(tb[EDGEDP_A_URR_VOL_THRESH_TOTAL]);
	if (tb[EDGEDP_A_URR_VOL_THRESH_UL])
		u->thresh[EDGEDP_URR_UL] = nla_get_u64(tb[EDGEDP_A_URR_VOL_THRESH_UL]);
	if (tb[EDGEDP_A_URR_VOL_THRESH_DL])
		u->thresh[EDGEDP_URR_DL] = nla_get_u64(tb[EDGEDP_A_URR_VOL_THRESH_DL]);
	if (tb[EDGEDP_A_URR_VOL_QUOTA_TOTAL])
		u->quota[EDGEDP_URR_TOTAL] = nla_get_u64(tb[EDGEDP_A_URR_VOL_QUOTA_TOTAL]);
	if (tb[EDGEDP_A_URR_VOL_QUOTA_UL])
		u->quota[EDGEDP_URR_UL] = nla_get_u64(tb[EDGEDP_A_URR_VOL_QUOTA_UL]);
	if (tb[EDGEDP_A_URR_VOL_QUOTA_DL])
		u->quota[EDGEDP_URR_DL] = nla_get_u64(tb[EDGEDP_A_URR_VOL_QUOTA_DL]);
	/* A quota sent is a new grant: its volume counts from the request. */
	if (u->quota[EDGEDP_URR_TOTAL] | u->quota[EDGEDP_URR_UL] | u->quota[EDGEDP_URR_DL])
		u->qgen = edgedp_urr_grant_number();
	u->atomic = u->qgen || (u->thresh[EDGEDP_URR_TOTAL] | u->thresh[EDGEDP_URR_UL] |
				u->thresh[EDGEDP_URR_DL]);
	return 0;
}

static int edgedp_nl_parse_qer(struct nlattr *nest, struct edgedp_qer *q,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[EDGEDP_A_QER_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, EDGEDP_A_QER_MAX, nest, edgedp_qer_policy, extack);
	if (ret)
		return ret;
	if (!tb[EDGEDP_A_QER_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "a QER needs an id");
		return -EINVAL;
	}
	memset(q, 0, sizeof(*q));
	q->id = nla_get_u32(tb[EDGEDP_A_QER_ID]);
	q->gate[1] = edgedp_nla_u8(tb[EDGEDP_A_QER_GATE_UL], EDGEDP_GATE_OPEN);
	q->gate[0] = edgedp_nla_u8(tb[EDGEDP_A_QER_GATE_DL], EDGEDP_GATE_OPEN);
	/* kbit/s to bytes/s */
	if (tb[EDGEDP_A_QER_MBR_UL])
		q->mbr[1] = nla_get_u64(tb[EDGEDP_A_QER_MBR_UL]) * 1000 / 8;
	if (tb[EDGEDP_A_QER_MBR_DL])
		q->mbr[0] = nla_get_u64(tb[EDGEDP_A_QER_MBR_DL]) * 1000 / 8;
	if (tb[EDGEDP_A_QER_QFI]) {
		q->has_qfi = true;
		q->qfi = nla_get_u8(tb[EDGEDP_A_QER_QFI]);
	}
	return 0;
}

static int edgedp_nl_parse_far(struct nlattr *nest, struct edgedp_far *f,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[EDGEDP_A_FAR_MAX + 1];
	u8 family;
	int ret;

	ret = nla_parse_nested(tb, EDGEDP_A_FAR_MAX, nest, edgedp_far_policy, extack);
	if (ret)
		return ret;
	if (!tb[EDGEDP_A_FAR_ID] || !tb[EDGEDP_A_FAR_ACTION]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "a FAR needs id and action");
		return -EINVAL;
	}
	memset(f, 0, sizeof(*f));
	f->id = nla_get_u32(tb[EDGEDP_A_FAR_ID]);
	f->action = nla_get_u8(tb[EDGEDP_A_FAR_ACTION]);
	f->dst_iface = edgedp_nla_u8(tb[EDGEDP_A_FAR_DST_IFACE], EDGEDP_IFACE_CORE);
	if (!!(f->action & EDGEDP_FAR_DROP) + !!(f->action & EDGEDP_FAR_FORW) +
	    !!(f->action & EDGEDP_FAR_BUFF) != 1) {
		NL_SET_ERR_MSG_ATTR(extack, tb[EDGEDP_A_FAR_ACTION],
				    "exactly one of drop, forward and buffer");
		return -EINVAL;
	}
	if (tb[EDGEDP_A_FAR_TEID] || tb[EDGEDP_A_FAR_PEER4] || tb[EDGEDP_A_FAR_PEER6]) {
		if (!tb[EDGEDP_A_FAR_TEID] ||
		    edgedp_nl_addr(tb[EDGEDP_A_FAR_PEER4], tb[EDGEDP_A_FAR_PEER6],
				   &f->peer, &family)) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "outer header creation needs teid and one of peer4 and peer6");
			return -EINVAL;
		}
		f->teid = nla_get_u32(tb[EDGEDP_A_FAR_TEID]);
		f->flags |= EDGEDP_FARF_OHC;
		if (family == AF_INET6)
			f->flags |= EDGEDP_FARF_OHC6;
	} else if (tb[EDGEDP_A_FAR_QFI] || tb[EDGEDP_A_FAR_PORT] || tb[EDGEDP_A_FAR_DSCP]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "port, QFI and DSCP need outer header creation (teid, peer)");
		return -EINVAL;
	}
	f->port = htons(tb[EDGEDP_A_FAR_PORT] ? nla_get_u16(tb[EDGEDP_A_FAR_PORT]) :
						EDGEDP_GTPU_PORT);
	if (tb[EDGEDP_A_FAR_QFI]) {
		f->flags |= EDGEDP_FARF_PSC;
		f->qfi = nla_get_u8(tb[EDGEDP_A_FAR_QFI]);
	}
	if (tb[EDGEDP_A_FAR_DSCP]) {
		f->flags |= EDGEDP_FARF_DSCP;
		f->dscp = nla_get_u8(tb[EDGEDP_A_FAR_DSCP]);
	}
	return 0;
}

static void *edgedp_nl_array(unsigned int n, size_t size, bool *nomem)
{
	void *p;

	if (!n)
		return NULL;
	p = kcalloc(n, size, GFP_KERNEL);
	if (!p)
		*nomem = true;
	return p;
}

/* Parse every rule of a request into @e (arrays freed by the caller). */
static int edgedp_nl_parse_edit(struct genl_info *info, struct edgedp_rules_edit *e)
{
	unsigned int n[EDGEDP_A_SESSION_MAX + 1] = {};
	struct edgedp_pdr *pdr;
	struct edgedp_far *far;
	struct edgedp_qer *qer;
	struct edgedp_urr *urr;
	u32 *rf, *rq, *ru, *zu;
	struct nlattr *a;
	bool nomem = false;
	u16 *rp;
	int rem, ret;

	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem)
		if (nla_type(a) <= EDGEDP_A_SESSION_MAX)
			n[nla_type(a)]++;
	if (n[EDGEDP_A_SESSION_PDR] > EDGEDP_MAX_PDR ||
	    n[EDGEDP_A_SESSION_REMOVE_PDR] > EDGEDP_MAX_PDR ||
	    n[EDGEDP_A_SESSION_FAR] > EDGEDP_MAX_FAR ||
	    n[EDGEDP_A_SESSION_REMOVE_FAR] > EDGEDP_MAX_FAR ||
	    n[EDGEDP_A_SESSION_QER] > EDGEDP_MAX_QER ||
	    n[EDGEDP_A_SESSION_REMOVE_QER] > EDGEDP_MAX_QER ||
	    n[EDGEDP_A_SESSION_URR] > EDGEDP_MAX_URR ||
	    n[EDGEDP_A_SESSION_REMOVE_URR] > EDGEDP_MAX_URR ||
	    n[EDGEDP_A_SESSION_RESET_URR] > EDGEDP_MAX_URR) {
		NL_SET_ERR_MSG(info->extack, "too many rules in one request");
		return -E2BIG;
	}
	/* Only what the request has: NULL for a kind it does not carry. */
	pdr = edgedp_nl_array(n[EDGEDP_A_SESSION_PDR], sizeof(*pdr), &nomem);
	e->pdr = pdr;
	far = edgedp_nl_array(n[EDGEDP_A_SESSION_FAR], sizeof(*far), &nomem);
	e->far = far;
	qer = edgedp_nl_array(n[EDGEDP_A_SESSION_QER], sizeof(*qer), &nomem);
	e->qer = qer;
	rp = edgedp_nl_array(n[EDGEDP_A_SESSION_REMOVE_PDR], sizeof(*rp), &nomem);
	e->rm_pdr = rp;
	rf = edgedp_nl_array(n[EDGEDP_A_SESSION_REMOVE_FAR], sizeof(*rf), &nomem);
	e->rm_far = rf;
	rq = edgedp_nl_array(n[EDGEDP_A_SESSION_REMOVE_QER], sizeof(*rq), &nomem);
	e->rm_qer = rq;
	urr = edgedp_nl_array(n[EDGEDP_A_SESSION_URR], sizeof(*urr), &nomem);
	e->urr = urr;
	ru = edgedp_nl_array(n[EDGEDP_A_SESSION_REMOVE_URR], sizeof(*ru), &nomem);
	e->rm_urr = ru;
	zu = edgedp_nl_array(n[EDGEDP_A_SESSION_RESET_URR], sizeof(*zu), &nomem);
	e->reset_urr = zu;
	if (nomem)
		return -ENOMEM;

	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		ret = 0;
		switch (nla_type(a)) {
		case EDGEDP_A_SESSION_PDR:
			ret = edgedp_nl_parse_pdr(a, &pdr[e->n_pdr++], info->extack);
			break;
		case EDGEDP_A_SESSION_FAR:
			ret = edgedp_nl_parse_far(a, &far[e->n_far++], info->extack);
			break;
		case EDGEDP_A_SESSION_QER:
			ret = edgedp_nl_parse_qer(a, &qer[e->n_qer++], info->extack);
			break;
		case EDGEDP_A_SESSION_REMOVE_PDR:
			rp[e->n_rm_pdr++] = nla_get_u16(a);
			break;
		case EDGEDP_A_SESSION_REMOVE_FAR:
			rf[e->n_rm_far++] = nla_get_u32(a);
			break;
		case EDGEDP_A_SESSION_REMOVE_QER:
			rq[e->n_rm_qer++] = nla_get_u32(a);
			break;
		case EDGEDP_A_SESSION_URR:
			ret = edgedp_nl_parse_urr(a, &urr[e->n_urr++], info->extack);
			break;
		case EDGEDP_A_SESSION_REMOVE_URR:
			ru[e->n_rm_urr++] = nla_get_u32(a);
			break;
		case EDGEDP_A_SESSION_RESET_URR:
			zu[e->n_reset_urr++] = nla_get_u32(a);
			break;
		}
		if (ret)
			return ret;
	}
	return 0;
}

static void edgedp_nl_free_edit(struct edgedp_rules_edit *e)
{
	unsigned int i;

	for (i = 0; e->pdr && i < e->n_pdr; i++)
		edgedp_sdf_set_free(e->pdr[i].sdfs);
	kfree(e->pdr);
	kfree(e->far);
	kfree(e->rm_pdr);
	kfree(e->rm_far);
	kfree(e->qer);
	kfree(e->rm_qer);
	kfree(e->urr);
	kfree(e->rm_urr);
	kfree(e->reset_urr);
}

/*
 * SESSION_MOD_FLAGS: what every rule written must be (new, existing or
 * either). The genl core rejects NLM_F_EXCL and NLM_F_REPLACE on our ops
 * (resv_start_op), so this attribute is the only way to say it.
 */
static int edgedp_nl_mod_flags(struct genl_info *info, bool create,
			       struct edgedp_rules_edit *e)
{
	struct nlattr *a = info->attrs[EDGEDP_A_SESSION_MOD_FLAGS];
	u32 flags = a ? nla_get_u32(a) : 0;

	if (a && create) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "mod-flags apply to session-mod only: a new session's rules are all new");
		return -EINVAL;
	}
	if ((flags & EDGEDP_MOD_CREATE) && (flags & EDGEDP_MOD_REPLACE)) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "mod-flags: create and replace exclude each other");
		return -EINVAL;
	}
	e->create_only = create || (flags & EDGEDP_MOD_CREATE);
	e->replace_only = flags & EDGEDP_MOD_REPLACE;
	return 0;
}

static int edgedp_nl_session_change(struct genl_info *info, bool create)
{
	struct nlattr *seid = info->attrs[EDGEDP_A_SESSION_SEID];
	struct edgedp_rules_edit e = { .peer_check = -1 };
	struct nlattr *pc = info->attrs[EDGEDP_A_SESSION_PEER_CHECK];
	struct edgedp_session *sess;
	struct edgedp_dev *edp;
	int ret;

	if (!seid) {
		NL_SET_ERR_MSG(info->extack, "seid required");
		return -EINVAL;
	}
	ret = edgedp_nl_mod_flags(info, create, &e);
	if (ret)
		return ret;
	ret = edgedp_nl_parse_edit(info, &e);
	if (ret)
		goto out;
	if (create && (e.n_rm_pdr || e.n_rm_far || e.n_rm_qer || e.n_rm_urr ||
		       e.n_reset_urr)) {
		NL_SET_ERR_MSG(info->extack, "a new session has no rules to remove or reset");
		ret = -EINVAL;
		goto out;
	}
	if (pc)
		e.peer_check = nla_get_u8(pc);

	edp = edgedp_nl_get(info, EDGEDP_A_SESSION_IFINDEX);
	if (IS_ERR(edp)) {
		ret = PTR_ERR(edp);
		goto out;
	}
	if (create) {
		ret = edgedp_session_new(edp, nla_get_u64(seid), &e, info->extack);
	} else {
		sess = edgedp_session_find(edp, nla_get_u64(seid));
		if (sess) {
			ret = edgedp_session_mod(edp, sess, &e, info->extack);
		} else {
			NL_SET_ERR_MSG_ATTR(info->extack, seid, "no such session");
			ret = -ENOENT;
		}
	}
	edgedp_nl_put(edp);
out:
	edgedp_nl_free_edit(&e);
	return ret;
}

int edgedp_nl_session_new(struct sk_buff *skb, struct genl_info *info)
{
	return edgedp_nl_session_change(info, true);
}

int edgedp_nl_session_mod(struct sk_buff *skb, struct genl_info *info)
{
	return edgedp_nl_session_change(info, false);
}

int edgedp_nl_session_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *seid = info->attrs[EDGEDP_A_SESSION_SEID];
	struct edgedp_session *sess;
	struct edgedp_dev *edp;
	int ret = 0;

	if (!seid) {
		NL_SET_ERR_MSG(info->extack, "seid required");
		return -EINVAL;
	}
	edp = edgedp_nl_get(info, EDGEDP_A_SESSION_IFINDEX);
	if (IS_ERR(edp))
		return PTR_ERR(edp);
	sess = edgedp_session_find(edp, nla_get_u64(seid));
	if (sess) {
		edgedp_session_del(edp, sess);
	} else {
		NL_SET_ERR_MSG_ATTR(info->extack, seid, "no such session");
		ret = -ENOENT;
	}
	edgedp_nl_put(edp);
	return ret;
}

/* A rule's counters as a nest of EDGEDP_A_RSTATS_* of type @type. */
#define EDGEDP_RSTATS_SIZE	(EDGEDP_NLW_NEST_SIZE + 2 * EDGEDP_NLW_U64_SIZE)

static void edgedp_nlw_rstats(struct sk_buff *skb, int type,
			      struct edgedp_rstats __percpu *st)
{
	struct nlattr *nest;
	u64 packets, bytes;

	edgedp_rstats_read(st, &packets, &bytes);
	nest = edgedp_nlw_nest(skb, type);
	edgedp_nlw_u64(skb, EDGEDP_A_RSTATS_PACKETS, packets, EDGEDP_A_RSTATS_PAD);
	edgedp_nlw_u64(skb, EDGEDP_A_RSTATS_BYTES, bytes, EDGEDP_A_RSTATS_PAD);
	nla_nest_end(skb, nest);
}

int edgedp_nl_put_rstats(struct sk_buff *skb, int type,
			 struct edgedp_rstats __percpu *st)
{
	if (!edgedp_nlw_room(skb, EDGEDP_RSTATS_SIZE))
		return -EMSGSIZE;
	edgedp_nlw_rstats(skb, type, st);
	return 0;
}

/* The largest fixed part of a PDR nest, before its QER ids. */
#define EDGEDP_PDR_FIXED_SIZE	(EDGEDP_NLW_NEST_SIZE + 9 * EDGEDP_NLW_SIZE(sizeof(u32)) + \
				 2 * EDGEDP_NLW_SIZE(sizeof(struct in6_addr)))

static __always_inline void edgedp_nlw_addr(struct sk_buff *skb, int a4, int a6, u8 family,
					    const union edgedp_addr *a)
{
	if (family == AF_INET)
		edgedp_nlw_u32(skb, a4, (__force u32)a->v4);
	else
		edgedp_nlw_in6(skb, a6, &a->v6);
}

static int edgedp_fill_pdr(struct sk_buff *skb, const struct edgedp_pdr *p)
{
	struct nlattr *nest;
	unsigned int i;

	if (!edgedp_nlw_room(skb, EDGEDP_PDR_FIXED_SIZE +
			     p->n_qer * EDGEDP_NLW_SIZE(sizeof(u32))))
		return -EMSGSIZE;
	nest = edgedp_nlw_nest(skb, EDGEDP_A_SESSION_PDR);
	edgedp_nlw_u16(skb, EDGEDP_A_PDR_ID, p->id);
	edgedp_nlw_u32(skb, EDGEDP_A_PDR_PRECEDENCE, p->precedence);
	edgedp_nlw_u8(skb, EDGEDP_A_PDR_SRC_IFACE, p->src_iface);
	edgedp_nlw_u32(skb, EDGEDP_A_PDR_FAR_ID, p->far_id);
	if (p->match & EDGEDP_PDRM_TEID) {
		edgedp_nlw_u32(skb, EDGEDP_A_PDR_TEID, p->teid);
		edgedp_nlw_u8(skb, EDGEDP_A_PDR_OHR, p->ohr);
	}
	if (p->match & (EDGEDP_PDRM_LOCAL4 | EDGEDP_PDRM_LOCAL6))
		edgedp_nlw_addr(skb, EDGEDP_A_PDR_LOCAL4, EDGEDP_A_PDR_LOCAL6,
				p->match & EDGEDP_PDRM_LOCAL4 ? AF_INET : AF_INET6,
				&p->local);
	if (p->match & EDGEDP_PDRM_UE4)
		edgedp_nlw_u32(skb, EDGEDP_A_PDR_UE4, (__force u32)p->ue.v4);
	if (p->match & EDGEDP_PDRM_UE6) {
		edgedp_nlw_in6(skb, EDGEDP_A_PDR_UE6, &p->ue.v6);
		edgedp_nlw_u8(skb, EDGEDP_A_PDR_UE6_PLEN, p->ue6_plen);
	}
	if (p->match & EDGEDP_PDRM_QFI)
		edgedp_nlw_u8(skb, EDGEDP_A_PDR_QFI, p->qfi);
	for (i = 0; i < p->n_qer; i++)
		edgedp_nlw_u32(skb, EDGEDP_A_PDR_QER_ID, p->qer_id[i]);
	if (edgedp_nl_fill_sdfs(skb, p->sdfs) ||
	    !edgedp_nlw_room(skb, p->n_urr * EDGEDP_NLW_SIZE(sizeof(u32)) + EDGEDP_RSTATS_SIZE))
		goto cancel;
	for (i = 0; i < p->n_urr; i++)
		edgedp_nlw_u32(skb, EDGEDP_A_PDR_URR_ID, p->urr_id[i]);
	edgedp_nlw_rstats(skb, EDGEDP_A_PDR_STATS, p->stats);
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* The largest FAR nest. */
#define EDGEDP_FAR_SIZE		(EDGEDP_NLW_NEST_SIZE + 7 * EDGEDP_NLW_SIZE(sizeof(u32)) + \
				 EDGEDP_NLW_SIZE(sizeof(struct in6_addr)))

static int edgedp_fill_far(struct sk_buff *skb, const struct edgedp_far *f)
{
	struct nlattr *nest;

	if (!edgedp_nlw_room(skb, EDGEDP_FAR_SIZE))
		return -EMSGSIZE;
	nest = edgedp_nlw_nest(skb, EDGEDP_A_SESSION_FAR);
	edgedp_nlw_u32(skb, EDGEDP_A_FAR_ID, f->id);
	edgedp_nlw_u8(skb, EDGEDP_A_FAR_ACTION, f->action);
	edgedp_nlw_u8(skb, EDGEDP_A_FAR_DST_IFACE, f->dst_iface);
	if (f->flags & EDGEDP_FARF_OHC) {
		edgedp_nlw_u32(skb, EDGEDP_A_FAR_TEID, f->teid);
		edgedp_nlw_addr(skb, EDGEDP_A_FAR_PEER4, EDGEDP_A_FAR_PEER6,
				f->flags & EDGEDP_FARF_OHC6 ? AF_INET6 : AF_INET, &f->peer);
		edgedp_nlw_u16(skb, EDGEDP_A_FAR_PORT, ntohs(f->port));
	}
	if (f->flags & EDGEDP_FARF_PSC)
		edgedp_nlw_u8(skb, EDGEDP_A_FAR_QFI, f->qfi);
	if (f->flags & EDGEDP_FARF_DSCP)
		edgedp_nlw_u8(skb, EDGEDP_A_FAR_DSCP, f->dscp);
	nla_nest_end(skb, nest);
	return 0;
}

static int edgedp_fill_qer(struct sk_buff *skb, const struct edgedp_qer *q)
{
	struct nlattr *nest = nla_nest_start(skb, EDGEDP_A_SESSION_QER);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, EDGEDP_A_QER_ID, q->id) ||
	    nla_put_u8(skb, EDGEDP_A_QER_GATE_UL, q->gate[1]) ||
	    nla_put_u8(skb, EDGEDP_A_QER_GATE_DL, q->gate[0]) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_QER_MBR_UL, div_u64(q->mbr[1] * 8, 1000),
			      EDGEDP_A_QER_PAD) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_QER_MBR_DL, div_u64(q->mbr[0] * 8, 1000),
			      EDGEDP_A_QER_PAD) ||
	    (q->has_qfi && nla_put_u8(skb, EDGEDP_A_QER_QFI, q->qfi))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* A URR nest with counters since the last reset and reports sent. */
int edgedp_nl_fill_urr_counts(struct sk_buff *skb, const struct edgedp_urr *u,
			      const struct edgedp_urr_counts *c, u32 reports)
{
	struct nlattr *nest = nla_nest_start(skb, EDGEDP_A_SESSION_URR);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, EDGEDP_A_URR_ID, u->id) ||
	    (u->thresh[EDGEDP_URR_TOTAL] &&
	     nla_put_u64_64bit(skb, EDGEDP_A_URR_VOL_THRESH_TOTAL, u->thresh[EDGEDP_URR_TOTAL],
			       EDGEDP_A_URR_PAD)) ||
	    (u->thresh[EDGEDP_URR_UL] &&
	     nla_put_u64_64bit(skb, EDGEDP_A_URR_VOL_THRESH_UL, u->thresh[EDGEDP_URR_UL],
			       EDGEDP_A_URR_PAD)) ||
	    (u->thresh[EDGEDP_URR_DL] &&
	     nla_put_u64_64bit(skb, EDGEDP_A_URR_VOL_THRESH_DL, u->thresh[EDGEDP_URR_DL],
			       EDGEDP_A_URR_PAD)) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_URR_UL_PACKETS, c->packets[1], EDGEDP_A_URR_PAD) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_URR_UL_BYTES, c->bytes[1], EDGEDP_A_URR_PAD) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_URR_DL_PACKETS, c->packets[0], EDGEDP_A_URR_PAD) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_URR_DL_BYTES, c->bytes[0], EDGEDP_A_URR_PAD) ||
	    nla_put_u32(skb, EDGEDP_A_URR_REPORTS, reports) ||
	    (u->quota[EDGEDP_URR_TOTAL] &&
	     nla_put_u64_64bit(skb, EDGEDP_A_URR_VOL_QUOTA_TOTAL, u->quota[EDGEDP_URR_TOTAL],
			       EDGEDP_A_URR_PAD)) ||
	    (u->quota[EDGEDP_URR_UL] &&
	     nla_put_u64_64bit(skb, EDGEDP_A_URR_VOL_QUOTA_UL, u->quota[EDGEDP_URR_UL],
			       EDGEDP_A_URR_PAD)) ||
	    (u->quota[EDGEDP_URR_DL] &&
	     nla_put_u64_64bit(skb, EDGEDP_A_URR_VOL_QUOTA_DL, u->quota[EDGEDP_URR_DL],
			       EDGEDP_A_URR_PAD)) ||
	    (edgedp_urr_exhausted(u) && nla_put_flag(skb, EDGEDP_A_URR_QUOTA_EXHAUSTED))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int edgedp_fill_urr(struct sk_buff *skb, const struct edgedp_urr *u)
{
	struct edgedp_urr_counts c;
	u32 reports;

	edgedp_urr_read(u, &c, &reports);
	return edgedp_nl_fill_urr_counts(skb, u, &c, reports);
}

static unsigned int edgedp_rules_count(const struct edgedp_rules *r)
{
	return r->n_pdr + r->n_far + r->n_qer + r->n_urr;
}

/* Rule @i of @r in dump order: the PDRs, FARs, QERs, then the URRs. */
static int edgedp_fill_rule(struct sk_buff *skb, const struct edgedp_rules *r,
			    unsigned int i)
{
	if (i < r->n_pdr)
		return edgedp_fill_pdr(skb, &r->pdr[i]);
	i -= r->n_pdr;
	if (i < r->n_far)
		return edgedp_fill_far(skb, &r->far[i]);
	i -= r->n_far;
	if (i < r->n_qer)
		return edgedp_fill_qer(skb, &r->qer[i]);
	i -= r->n_qer;
	return edgedp_fill_urr(skb, &r->urr[i]);
}

/*
 * A session message: ifindex, SEID and the rules from *@pos on. Its first
 * message (*@pos == 0) also has the session's own attributes. RCU or
 * update_lock held.
 *
 * Without @pos (a do) the whole session must fit. With it (a dump) and an
 * skb that holds nothing yet, as many rules as fit go in, the WireGuard way:
 * the message ends and *@pos says where the next one, a continuation
 * carrying ifindex, SEID and the rules left, starts; -EMSGSIZE then, unless
 * every rule went in (0, *@pos = 0). So only a session too big for a whole
 * skb is ever split: in an skb that holds messages already, a session that
 * does not fit is cancelled, *@pos kept, and starts the next skb.
 */
static int edgedp_fill_session(struct sk_buff *skb, struct edgedp_dev *edp,
			       struct edgedp_session *sess, u32 portid, u32 seq,
			       int flags, struct netlink_callback *cb,
			       unsigned long *pos)
{
	unsigned int i = pos ? *pos : 0, first = i, n;
	bool split = pos && !skb->len;
	const struct edgedp_rules *r;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &edgedp_genl_family, flags,
			  EDGEDP_CMD_SESSION_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	r = rcu_dereference_check(sess->rules, lockdep_is_held(&edp->update_lock));
	n = edgedp_rules_count(r);
	if (!edgedp_nlw_room(skb, 2 * EDGEDP_NLW_SIZE(sizeof(u32)) + EDGEDP_NLW_U64_SIZE))
		goto cancel;
	edgedp_nlw_u32(skb, EDGEDP_A_SESSION_IFINDEX, edp->dev->ifindex);
	edgedp_nlw_u64(skb, EDGEDP_A_SESSION_SEID, sess->seid, EDGEDP_A_SESSION_PAD);
	if (!first)
		edgedp_nlw_u8(skb, EDGEDP_A_SESSION_PEER_CHECK, r->peer_check);
	for (; i < n; i++) {
		if (!edgedp_fill_rule(skb, r, i))
			continue;
		if (!split || i == first)
			goto cancel;
		genlmsg_end(skb, hdr);
		*pos = i;
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	if (pos)
		*pos = 0;
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* The largest QER and URR nests, and an SDF filter's. */
#define EDGEDP_QER_SIZE		(nla_total_size(0) + nla_total_size(sizeof(u32)) + \
				 3 * nla_total_size(sizeof(u8)) + \
				 2 * nla_total_size_64bit(sizeof(u64)))
#define EDGEDP_URR_SIZE		(nla_total_size(0) + 2 * nla_total_size(sizeof(u32)) + \
				 10 * nla_total_size_64bit(sizeof(u64)) + nla_total_size(0))
#define EDGEDP_SDF_SIZE		(nla_total_size(0) + 3 * nla_total_size(sizeof(u32)) + \
				 2 * (nla_total_size(sizeof(struct in6_addr)) + \
				      nla_total_size(sizeof(u8))) + \
				 3 * nla_total_size(sizeof(u8)) + \
				 4 * nla_total_size(sizeof(u16)) + EDGEDP_RSTATS_SIZE)

/* The size of a session in one message (a GET reply), summed per rule. */
static size_t edgedp_session_msg_size(const struct edgedp_rules *r)
{
	size_t size = 2 * nla_total_size(sizeof(u32)) + nla_total_size_64bit(sizeof(u64)) +
		      nla_total_size(sizeof(u8));
	unsigned int i;

	for (i = 0; i < r->n_pdr; i++) {
		const struct edgedp_pdr *p = &r->pdr[i];

		size += EDGEDP_PDR_FIXED_SIZE + EDGEDP_RSTATS_SIZE +
			(p->n_qer + p->n_urr) * nla_total_size(sizeof(u32));
		if (p->sdfs)
			size += p->sdfs->n * EDGEDP_SDF_SIZE;
	}
	return size + r->n_far * EDGEDP_FAR_SIZE + r->n_qer * EDGEDP_QER_SIZE +
	       r->n_urr * EDGEDP_URR_SIZE;
}

int edgedp_nl_session_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *seid = info->attrs[EDGEDP_A_SESSION_SEID];
	const struct edgedp_rules *r;
	struct edgedp_session *sess;
	struct edgedp_dev *edp;
	struct sk_buff *msg;
	int ret;

	if (!seid) {
		NL_SET_ERR_MSG(info->extack, "seid required");
		return -EINVAL;
	}
	edp = edgedp_nl_get(info, EDGEDP_A_SESSION_IFINDEX);
	if (IS_ERR(edp))
		return PTR_ERR(edp);
	sess = edgedp_session_find(edp, nla_get_u64(seid));
	if (!sess) {
		NL_SET_ERR_MSG_ATTR(info->extack, seid, "no such session");
		ret = -ENOENT;
		goto out;
	}
	r = rcu_dereference_protected(sess->rules, lockdep_is_held(&edp->update_lock));
	msg = genlmsg_new(edgedp_session_msg_size(r), GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	ret = edgedp_fill_session(msg, edp, sess, info->snd_portid, info->snd_seq,
				  0, NULL, NULL);
	if (ret) {
		nlmsg_free(msg);
		goto out;
	}
	ret = genlmsg_reply(msg, info);
out:
	edgedp_nl_put(edp);
	return ret;
}

/*
 * The dump's cursor (args[] of the callback), so that resuming costs O(1)
 * whatever the number of sessions: the session to continue with, held by a
 * reference, and the first of its rules not sent yet. A session removed
 * while the dump pauses ends it: the generation moved, so the last message
 * (NLMSG_DONE at the latest) says NLM_F_DUMP_INTR and the reader retries.
 */
struct edgedp_session_cursor {
	struct edgedp_session *sess;	/* NULL: from the start */
	unsigned long rule;
	unsigned long done;
};

static struct edgedp_session_cursor *edgedp_cursor(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct edgedp_session_cursor) > sizeof(cb->args));
	return (struct edgedp_session_cursor *)cb->args;
}

int edgedp_nl_session_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct edgedp_session_cursor *c = edgedp_cursor(cb);
	struct edgedp_session *sess, *held = c->sess;
	struct edgedp_dev *edp;
	int ret;

	if (c->done)
		return 0;
	rcu_read_lock();
	edp = edgedp_nl_dump_dev(skb, cb, EDGEDP_A_SESSION_IFINDEX);
	if (!edp) {
		ret = -ENODEV;
		goto out;
	}
	cb->seq = READ_ONCE(edp->gtpu.session_generation);
	if (!held)
		sess = list_first_or_null_rcu(&edp->gtpu.session_list,
					      struct edgedp_session, list);
	else if (READ_ONCE(held->dead))
		sess = NULL;	/* the generation tells the reader */
	else
		sess = held;
	for (; sess; sess = list_next_or_null_rcu(&edp->gtpu.session_list, &sess->list,
						  struct edgedp_session, list)) {
		if (edgedp_fill_session(skb, edp, sess, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, NLM_F_MULTI, cb, &c->rule))
			break;
	}
	if (sess && !skb->len) {
		ret = -EMSGSIZE;	/* not one rule fits an empty skb */
		goto out;
	}
	/* Hold the session to resume with; a dying one ends the dump. */
	if (sess != held) {
		if (sess && !edgedp_session_get(sess))
			sess = NULL;
		c->sess = sess;
		edgedp_session_put(held);
	}
	c->done = !sess;
	ret = skb->len;
out:
	rcu_read_unlock();
	return ret;
}

int edgedp_nl_session_dump_done(struct netlink_callback *cb)
{
	struct edgedp_session_cursor *c = edgedp_cursor(cb);

	edgedp_session_put(c->sess);
	c->sess = NULL;
	return 0;
}
