// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * The "edgedp" generic netlink family: the only control interface.
 *
 * Every operation has its own strict policy (attribute sets are per object,
 * see uapi/linux/edgedp.h and uapi/edgedp.yaml); every operation that
 * changes or returns datapath state is GENL_ADMIN_PERM (CAP_NET_ADMIN in the
 * initial user namespace, as gtp.ko's), and so is listening to the events
 * group (docs/security.md); only get-info, which says nothing of a
 * datapath, is open. Every rejection carries an extack message. Operations run
 * in parallel (parallel_ops): device operations take RTNL, table operations
 * will take the device's update_lock, dumps walk RCU lists and flag
 * inconsistency through the namespace's generation counter.
 */

#include <net/genetlink.h>
#include <net/rtnetlink.h>
#include <net/sock.h>

#include "device.h"
#include "main.h"
#include "event.h"
#include "netlink.h"
#include "gtpu/gtpu.h"

/*
 * Events carry datapath state (sessions, TEIDs, peers, usage reports): a
 * listener needs CAP_NET_ADMIN over the namespace's user namespace (the
 * kernel offers no stricter check for a group; devices themselves exist
 * only where an initial-namespace admin made them, docs/security.md).
 */
static const struct genl_multicast_group edgedp_mcgrps[] = {
	[EDGEDP_MCGRP_EVENTS_ID] = { .name = EDGEDP_MCGRP_EVENTS,
				     .flags = GENL_MCAST_CAP_NET_ADMIN },
};

/* get-info takes no attributes: all-unspec entries are rejected strictly. */
static const struct nla_policy edgedp_info_policy[EDGEDP_A_INFO_MAX + 1] = {};

static const struct nla_policy edgedp_dev_policy[EDGEDP_A_DEV_MAX + 1] = {
	[EDGEDP_A_DEV_IFINDEX]	= NLA_POLICY_MIN(NLA_U32, 1),
	[EDGEDP_A_DEV_IFNAME]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[EDGEDP_A_DEV_STATS]	= { .type = NLA_REJECT,
				    .reject_message = "statistics are read-only" },
	[EDGEDP_A_DEV_MAX_SESSIONS] = NLA_POLICY_MIN(NLA_U32, 1),
	[EDGEDP_A_DEV_MAX_RULES] = NLA_POLICY_MIN(NLA_U32, 1),
	[EDGEDP_A_DEV_SESSIONS]	= { .type = NLA_REJECT,
				    .reject_message = "the session count is read-only" },
	[EDGEDP_A_DEV_RULES]	= { .type = NLA_REJECT,
				    .reject_message = "the rule count is read-only" },
};

static int edgedp_fill_stats(struct sk_buff *skb, struct edgedp_dev *edp)
{
	struct nlattr *nest, *drops;
	struct edgedp_stats st;
	int i;

	edgedp_dev_read_stats(edp, &st);
	nest = nla_nest_start(skb, EDGEDP_A_DEV_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, EDGEDP_A_STATS_RX_PACKETS, st.rx_packets,
			      EDGEDP_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_STATS_RX_BYTES, st.rx_bytes,
			      EDGEDP_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_STATS_TX_PACKETS, st.tx_packets,
			      EDGEDP_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_STATS_TX_BYTES, st.tx_bytes,
			      EDGEDP_A_STATS_PAD))
		goto cancel;
	drops = nla_nest_start(skb, EDGEDP_A_STATS_DROPS);
	if (!drops)
		goto cancel;
	/* Attribute 0 is the pad type of the drops nest. */
	for (i = 1; i < __EDGEDP_DROP_MAX; i++)
		if (nla_put_u64_64bit(skb, i, st.drops[i], EDGEDP_DROP_UNSPEC))
			goto cancel;
	nla_nest_end(skb, drops);
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* The size of a device's message, summed from its attributes. */
size_t edgedp_nl_dev_size(bool stats)
{
	size_t size = nla_total_size(sizeof(u32)) +	/* IFINDEX */
		      nla_total_size(IFNAMSIZ) +	/* IFNAME */
		      4 * nla_total_size(sizeof(u32));	/* limits and counts */

	if (stats)
		size += nla_total_size(0) +		/* STATS */
			4 * nla_total_size_64bit(sizeof(u64)) +
			nla_total_size(0) +		/* DROPS */
			(__EDGEDP_DROP_MAX - 1) * nla_total_size_64bit(sizeof(u64));
	return size;
}

int edgedp_nl_fill_dev(struct sk_buff *skb, struct edgedp_dev *edp, bool stats)
{
	if (nla_put_u32(skb, EDGEDP_A_DEV_IFINDEX, edp->dev->ifindex) ||
	    nla_put_string(skb, EDGEDP_A_DEV_IFNAME, edp->dev->name) ||
	    nla_put_u32(skb, EDGEDP_A_DEV_MAX_SESSIONS, READ_ONCE(edp->max_sessions)) ||
	    nla_put_u32(skb, EDGEDP_A_DEV_MAX_RULES, READ_ONCE(edp->max_rules)) ||
	    nla_put_u32(skb, EDGEDP_A_DEV_SESSIONS, READ_ONCE(edp->session_count)) ||
	    nla_put_u32(skb, EDGEDP_A_DEV_RULES, READ_ONCE(edp->rule_count)))
		return -EMSGSIZE;
	return stats ? edgedp_fill_stats(skb, edp) : 0;
}

/* Build one message about a device; NULL on allocation failure. */
static struct sk_buff *edgedp_dev_msg(struct edgedp_dev *edp, u32 portid,
				      u32 seq, u8 cmd, bool stats, gfp_t gfp)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(edgedp_nl_dev_size(stats), gfp);
	if (!skb)
		return NULL;
	hdr = genlmsg_put(skb, portid, seq, &edgedp_genl_family, 0, cmd);
	if (!hdr || edgedp_nl_fill_dev(skb, edp, stats)) {
		nlmsg_free(skb);
		return NULL;
	}
	genlmsg_end(skb, hdr);
	return skb;
}

static int edgedp_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct edgedp_net *pn = edgedp_pernet(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &edgedp_genl_family, 0,
				EDGEDP_CMD_GET_INFO);
	if (!hdr)
		goto nospace;
	if (nla_put_string(msg, EDGEDP_A_INFO_VERSION, EDGEDP_VERSION) ||
	    nla_put_u32(msg, EDGEDP_A_INFO_GENL_VERSION, EDGEDP_GENL_VERSION) ||
	    nla_put_u64_64bit(msg, EDGEDP_A_INFO_FEATURES, EDGEDP_FEATURES,
			      EDGEDP_A_INFO_PAD) ||
	    nla_put_u32(msg, EDGEDP_A_INFO_DEVICES, READ_ONCE(pn->dev_count)))
		goto nospace;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/*
 * The device a request names, by ifindex or ifname; both may be given if
 * they agree. RTNL held. Sets extack and returns an ERR_PTR otherwise.
 */
static struct edgedp_dev *edgedp_nl_dev(struct genl_info *info)
{
	struct nlattr *idx = info->attrs[EDGEDP_A_DEV_IFINDEX];
	struct nlattr *name = info->attrs[EDGEDP_A_DEV_IFNAME];
	struct net *net = genl_info_net(info);
	struct edgedp_dev *edp;

	if (!idx && !name) {
		NL_SET_ERR_MSG(info->extack,
			       "device required: give ifindex or ifname");
		return ERR_PTR(-EINVAL);
	}
	edp = edgedp_dev_find(net, idx ? nla_get_u32(idx) : 0,
			      name ? nla_data(name) : NULL);
	if (!edp) {
		NL_SET_ERR_MSG_ATTR(info->extack, idx ?: name,
				    "no such edgedp device in this namespace");
		return ERR_PTR(-ENODEV);
	}
	if (idx && name && strcmp(edp->dev->name, nla_data(name))) {
		NL_SET_ERR_MSG_ATTR(info->extack, name,
				    "ifindex and ifname name different devices");
		return ERR_PTR(-EINVAL);
	}
	return edp;
}

/* The limits a DEV_NEW or DEV_SET request gives, if any. RTNL held. */
static void edgedp_nl_dev_limits(struct edgedp_dev *edp, struct genl_info *info)
{
	struct nlattr *ms = info->attrs[EDGEDP_A_DEV_MAX_SESSIONS];
	struct nlattr *mr = info->attrs[EDGEDP_A_DEV_MAX_RULES];

	mutex_lock(&edp->update_lock);
	if (ms)
		WRITE_ONCE(edp->max_sessions, nla_get_u32(ms));
	if (mr)
		WRITE_ONCE(edp->max_rules, nla_get_u32(mr));
	mutex_unlock(&edp->update_lock);
}

static int edgedp_nl_dev_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *name = info->attrs[EDGEDP_A_DEV_IFNAME];
	struct edgedp_dev *edp;
	struct sk_buff *msg;
	int ret;

	if (info->attrs[EDGEDP_A_DEV_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[EDGEDP_A_DEV_IFINDEX],
				    "the kernel chooses the ifindex of a new device");
		return -EINVAL;
	}
	if (name && !dev_valid_name(nla_data(name))) {
		NL_SET_ERR_MSG_ATTR(info->extack, name, "invalid device name");
		return -EINVAL;
	}

	rtnl_lock();
	edp = edgedp_dev_create(genl_info_net(info),
				name ? nla_data(name) : NULL, info->extack);
	if (IS_ERR(edp)) {
		ret = PTR_ERR(edp);
		goto out;
	}
	edgedp_nl_dev_limits(edp, info);
	msg = edgedp_dev_msg(edp, info->snd_portid, info->snd_seq,
			     EDGEDP_CMD_DEV_NEW, false, GFP_KERNEL);
	ret = msg ? genlmsg_reply(msg, info) : -ENOMEM;
out:
	rtnl_unlock();
	return ret;
}

static int edgedp_nl_dev_del(struct sk_buff *skb, struct genl_info *info)
{
	struct edgedp_dev *edp;
	int ret = 0;

	rtnl_lock();
	edp = edgedp_nl_dev(info);
	if (IS_ERR(edp))
		ret = PTR_ERR(edp);
	else
		unregister_netdevice(edp->dev);
	rtnl_unlock();
	return ret;
}

static int edgedp_nl_dev_set(struct sk_buff *skb, struct genl_info *info)
{
	struct edgedp_dev *edp;
	struct sk_buff *msg;
	int ret;

	if (!info->attrs[EDGEDP_A_DEV_MAX_SESSIONS] && !info->attrs[EDGEDP_A_DEV_MAX_RULES]) {
		NL_SET_ERR_MSG(info->extack, "nothing to set: give max-sessions or max-rules");
		return -EINVAL;
	}
	rtnl_lock();
	edp = edgedp_nl_dev(info);
	if (IS_ERR(edp)) {
		ret = PTR_ERR(edp);
		goto out;
	}
	edgedp_nl_dev_limits(edp, info);
	msg = edgedp_dev_msg(edp, info->snd_portid, info->snd_seq,
			     EDGEDP_CMD_DEV_SET, false, GFP_KERNEL);
	ret = msg ? genlmsg_reply(msg, info) : -ENOMEM;
out:
	rtnl_unlock();
	return ret;
}

static int edgedp_nl_dev_get(struct sk_buff *skb, struct genl_info *info)
{
	struct edgedp_dev *edp;
	struct sk_buff *msg;
	int ret;

	rtnl_lock();
	edp = edgedp_nl_dev(info);
	if (IS_ERR(edp)) {
		ret = PTR_ERR(edp);
		goto out;
	}
	msg = edgedp_dev_msg(edp, info->snd_portid, info->snd_seq,
			     EDGEDP_CMD_DEV_GET, true, GFP_KERNEL);
	ret = msg ? genlmsg_reply(msg, info) : -ENOMEM;
out:
	rtnl_unlock();
	return ret;
}

/* cb->args[0]: devices already dumped. */
static int edgedp_nl_dev_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct edgedp_net *pn = edgedp_pernet(sock_net(skb->sk));
	struct edgedp_dev *edp;
	long idx = 0;
	void *hdr;

	rcu_read_lock();
	cb->seq = READ_ONCE(pn->dev_generation);
	list_for_each_entry_rcu(edp, &pn->devices, list) {
		/* Listed from ndo_init on: skip one whose registration may still fail. */
		if (READ_ONCE(edp->dev->reg_state) != NETREG_REGISTERED)
			continue;
		if (idx < cb->args[0]) {
			idx++;
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &edgedp_genl_family,
				  NLM_F_MULTI, EDGEDP_CMD_DEV_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (edgedp_nl_fill_dev(skb, edp, true)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		idx++;
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	return skb->len;
}

static const struct genl_ops edgedp_genl_ops[] = {
	{
		.cmd = EDGEDP_CMD_GET_INFO,
		.doit = edgedp_nl_get_info,
		.policy = edgedp_info_policy,
		.maxattr = EDGEDP_A_INFO_MAX,
	},
	{
		.cmd = EDGEDP_CMD_DEV_NEW,
		.doit = edgedp_nl_dev_new,
		.policy = edgedp_dev_policy,
		.maxattr = EDGEDP_A_DEV_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_DEV_DEL,
		.doit = edgedp_nl_dev_del,
		.policy = edgedp_dev_policy,
		.maxattr = EDGEDP_A_DEV_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_DEV_GET,
		.doit = edgedp_nl_dev_get,
		.dumpit = edgedp_nl_dev_dump,
		.policy = edgedp_dev_policy,
		.maxattr = EDGEDP_A_DEV_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_DEV_SET,
		.doit = edgedp_nl_dev_set,
		.policy = edgedp_dev_policy,
		.maxattr = EDGEDP_A_DEV_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_EP_NEW,
		.doit = edgedp_nl_ep_new,
		.policy = edgedp_ep_policy,
		.maxattr = EDGEDP_A_EP_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_EP_DEL,
		.doit = edgedp_nl_ep_del,
		.policy = edgedp_ep_policy,
		.maxattr = EDGEDP_A_EP_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_EP_GET,
		.dumpit = edgedp_nl_ep_dump,
		.policy = edgedp_ep_policy,
		.maxattr = EDGEDP_A_EP_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_SESSION_NEW,
		.doit = edgedp_nl_session_new,
		.policy = edgedp_session_policy,
		.maxattr = EDGEDP_A_SESSION_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_SESSION_MOD,
		.doit = edgedp_nl_session_mod,
		.policy = edgedp_session_policy,
		.maxattr = EDGEDP_A_SESSION_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_SESSION_DEL,
		.doit = edgedp_nl_session_del,
		.policy = edgedp_session_policy,
		.maxattr = EDGEDP_A_SESSION_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_SESSION_GET,
		.doit = edgedp_nl_session_get,
		.dumpit = edgedp_nl_session_dump,
		.done = edgedp_nl_session_dump_done,
		.policy = edgedp_session_policy,
		.maxattr = EDGEDP_A_SESSION_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_PEER_NEW,
		.doit = edgedp_nl_peer_new,
		.policy = edgedp_peer_policy,
		.maxattr = EDGEDP_A_PEER_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_PEER_DEL,
		.doit = edgedp_nl_peer_del,
		.policy = edgedp_peer_policy,
		.maxattr = EDGEDP_A_PEER_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = EDGEDP_CMD_PEER_GET,
		.doit = edgedp_nl_peer_get,
		.dumpit = edgedp_nl_peer_dump,
		.policy = edgedp_peer_policy,
		.maxattr = EDGEDP_A_PEER_MAX,
		.flags = GENL_ADMIN_PERM,
	},
};

struct genl_family edgedp_genl_family __ro_after_init = {
	.name		= EDGEDP_GENL_NAME,
	.version	= EDGEDP_GENL_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= edgedp_genl_ops,
	.n_ops		= ARRAY_SIZE(edgedp_genl_ops),
	.mcgrps		= edgedp_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(edgedp_mcgrps),
	.resv_start_op	= EDGEDP_CMD_GET_INFO,
};

int __init edgedp_genl_init(void)
{
	int ret = genl_register_family(&edgedp_genl_family);

	if (!ret)
		edgedp_events_start();
	return ret;
}

void edgedp_genl_uninit(void)
{
	edgedp_events_stop();
	genl_unregister_family(&edgedp_genl_family);
}
