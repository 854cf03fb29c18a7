// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Events: the new/send pair every builder uses, and the core's builders.
 */

#include <net/genetlink.h>

#include "device.h"
#include "event.h"
#include "netlink.h"

static bool edgedp_events_on __read_mostly;

void edgedp_events_start(void)
{
	WRITE_ONCE(edgedp_events_on, true);
}

/*
 * Devices go after the family at module exit, and their teardown raises
 * events: none may be sent with the family's stale id and group offset.
 * Event builders run as RCU readers (softirq, or under a spinlock), or
 * under RTNL after this.
 */
void edgedp_events_stop(void)
{
	WRITE_ONCE(edgedp_events_on, false);
	synchronize_rcu();
}

bool edgedp_event_new(struct edgedp_event *ev, struct edgedp_dev *edp, u8 cmd,
		      size_t size, gfp_t gfp)
{
	struct net *net = dev_net(edp->dev);

	if (!READ_ONCE(edgedp_events_on) ||
	    !genl_has_listeners(&edgedp_genl_family, net, EDGEDP_MCGRP_EVENTS_ID))
		return false;
	ev->skb = genlmsg_new(size, gfp);
	if (!ev->skb)
		return false;
	ev->hdr = genlmsg_put(ev->skb, 0, 0, &edgedp_genl_family, 0, cmd);
	if (!ev->hdr) {
		nlmsg_free(ev->skb);
		return false;
	}
	ev->net = net;
	ev->gfp = gfp;
	return true;
}

void edgedp_event_send(struct edgedp_event *ev)
{
	genlmsg_end(ev->skb, ev->hdr);
	genlmsg_multicast_netns(&edgedp_genl_family, ev->net, ev->skb, 0,
				EDGEDP_MCGRP_EVENTS_ID, ev->gfp);
}

void edgedp_event_cancel(struct edgedp_event *ev)
{
	nlmsg_free(ev->skb);
}

void edgedp_event_dev(struct edgedp_dev *edp, u8 cmd)
{
	struct edgedp_event ev;

	if (!edgedp_event_new(&ev, edp, cmd, edgedp_nl_dev_size(false), GFP_KERNEL))
		return;
	if (edgedp_nl_fill_dev(ev.skb, edp, false))
		edgedp_event_cancel(&ev);
	else
		edgedp_event_send(&ev);
}
