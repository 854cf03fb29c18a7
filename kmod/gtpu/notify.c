// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Downlink Data Report (TS 29.244 7.5.8.2) as an event: a packet that meets a
 * FAR with buff or nocp tells the "events" group once per session, until a
 * SESSION_MOD re-arms it, so a flood toward an idle UE is one message.
 * Called from the datapath (softirq or ndo_start_xmit) under RCU.
 */

#include <net/genetlink.h>

#include "device.h"
#include "netlink.h"
#include "gtpu.h"
#include "session.h"

void edgedp_far_notify(struct edgedp_dev *edp, struct edgedp_session *sess,
		       const struct edgedp_pdr *pdr)
{
	struct net *net = dev_net(edp->dev);
	struct nlattr *nest;
	struct sk_buff *skb;
	void *hdr;

	if (!(pdr->far->action & (EDGEDP_FAR_BUFF | EDGEDP_FAR_NOCP)) ||
	    test_bit(EDGEDP_SESSF_DL_DATA, &sess->flags) ||
	    test_and_set_bit(EDGEDP_SESSF_DL_DATA, &sess->flags))
		return;
	if (!edgedp_events_wanted(net))
		return;
	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &edgedp_genl_family, 0, EDGEDP_CMD_DL_DATA_NTF);
	if (!hdr ||
	    nla_put_u32(skb, EDGEDP_A_SESSION_IFINDEX, edp->dev->ifindex) ||
	    nla_put_u64_64bit(skb, EDGEDP_A_SESSION_SEID, sess->seid, EDGEDP_A_SESSION_PAD))
		goto err;
	nest = nla_nest_start(skb, EDGEDP_A_SESSION_PDR);
	if (!nest ||
	    nla_put_u16(skb, EDGEDP_A_PDR_ID, pdr->id) ||
	    nla_put_u32(skb, EDGEDP_A_PDR_FAR_ID, pdr->far_id))
		goto err;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&edgedp_genl_family, net, skb, 0, EDGEDP_MCGRP_EVENTS_ID,
				GFP_ATOMIC);
	return;
err:
	nlmsg_free(skb);
}
