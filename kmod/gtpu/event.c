// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * GTP-U's events, one builder each (the new/send pair is the core's,
 * kmod/event.h). Each is called from the datapath or a table (softirq,
 * ndo_start_xmit or under a spinlock, RCU held): GFP_ATOMIC. Sizes are
 * summed from the attributes each carries.
 */

#include <net/genetlink.h>

#include "device.h"
#include "event.h"
#include "nl.h"
#include "peer.h"
#include "session.h"

/*
 * Downlink Data Report (TS 29.244 7.5.8.2): a packet that meets a FAR with
 * buff or nocp tells the "events" group once per session, until a
 * SESSION_MOD re-arms it, so a flood toward an idle UE is one message.
 */
void edgedp_far_notify(struct edgedp_dev *edp, struct edgedp_session *sess,
		       const struct edgedp_pdr *pdr)
{
	struct edgedp_event ev;
	struct nlattr *nest;

	if (!(pdr->far->action & (EDGEDP_FAR_BUFF | EDGEDP_FAR_NOCP)) ||
	    test_bit(EDGEDP_SESSF_DL_DATA, &sess->flags) ||
	    test_and_set_bit(EDGEDP_SESSF_DL_DATA, &sess->flags))
		return;
	if (!edgedp_event_new(&ev, edp, EDGEDP_CMD_DL_DATA_NTF,
			      nla_total_size(sizeof(u32)) +		/* IFINDEX */
			      nla_total_size_64bit(sizeof(u64)) +	/* SEID */
			      nla_total_size(0) +			/* PDR */
			      nla_total_size(sizeof(u16)) +		/* PDR_ID */
			      nla_total_size(sizeof(u32)),		/* PDR_FAR_ID */
			      GFP_ATOMIC))
		return;
	if (nla_put_u32(ev.skb, EDGEDP_A_SESSION_IFINDEX, edp->dev->ifindex) ||
	    nla_put_u64_64bit(ev.skb, EDGEDP_A_SESSION_SEID, sess->seid, EDGEDP_A_SESSION_PAD))
		goto cancel;
	nest = nla_nest_start(ev.skb, EDGEDP_A_SESSION_PDR);
	if (!nest ||
	    nla_put_u16(ev.skb, EDGEDP_A_PDR_ID, pdr->id) ||
	    nla_put_u32(ev.skb, EDGEDP_A_PDR_FAR_ID, pdr->far_id))
		goto cancel;
	nla_nest_end(ev.skb, nest);
	edgedp_event_send(&ev);
	return;
cancel:
	edgedp_event_cancel(&ev);
}

/* A URR reached a volume threshold or its quota: its counts since the reset. */
void edgedp_event_urr_report(struct edgedp_dev *edp, u64 seid, const struct edgedp_urr *u,
			     const struct edgedp_urr_counts *c, u32 reports)
{
	struct edgedp_event ev;

	if (!edgedp_event_new(&ev, edp, EDGEDP_CMD_URR_REPORT_NTF,
			      nla_total_size(sizeof(u32)) +		/* IFINDEX */
			      nla_total_size_64bit(sizeof(u64)) +	/* SEID */
			      nla_total_size(0) +			/* URR */
			      2 * nla_total_size(sizeof(u32)) +	/* ID, REPORTS */
			      /* 3 thresholds, 4 counters, 3 quotas */
			      10 * nla_total_size_64bit(sizeof(u64)) +
			      nla_total_size(0),			/* QUOTA_EXHAUSTED */
			      GFP_ATOMIC))
		return;
	if (nla_put_u32(ev.skb, EDGEDP_A_SESSION_IFINDEX, edp->dev->ifindex) ||
	    nla_put_u64_64bit(ev.skb, EDGEDP_A_SESSION_SEID, seid, EDGEDP_A_SESSION_PAD) ||
	    edgedp_nl_fill_urr_counts(ev.skb, u, c, reports))
		edgedp_event_cancel(&ev);
	else
		edgedp_event_send(&ev);
}

/* A supervised peer went up or down, or restarted. */
void edgedp_event_peer(struct edgedp_dev *edp, const struct edgedp_peer_info *pi)
{
	struct edgedp_event ev;

	if (!edgedp_event_new(&ev, edp, EDGEDP_CMD_PEER_NTF,
			      nla_total_size(sizeof(u32)) +		/* IFINDEX */
			      nla_total_size(sizeof(struct in6_addr)) + /* ADDR4 or ADDR6 */
			      nla_total_size(sizeof(u16)) +		/* PORT */
			      2 * nla_total_size(sizeof(u8)),		/* STATE, RECOVERY */
			      GFP_ATOMIC))
		return;
	if (edgedp_nl_fill_peer(ev.skb, edp, pi, true))
		edgedp_event_cancel(&ev);
	else
		edgedp_event_send(&ev);
}
