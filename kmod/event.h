/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Events: the multicast messages of the family's "events" group, one
 * builder per event. The core's are in event.c, each capability's in its
 * own event.c. Tables and the datapath call those builders and never
 * include netlink.h.
 *
 * A builder starts with edgedp_event_new(), which says no at once when
 * nobody listens in the namespace (or the family is going away at module
 * exit), puts its attributes, then edgedp_event_send(), or
 * edgedp_event_cancel() when a put failed. Any context: @gfp says which.
 */
#ifndef _EDGEDP_EVENT_H
#define _EDGEDP_EVENT_H

#include <linux/gfp.h>
#include <linux/types.h>

struct edgedp_dev;
struct net;
struct sk_buff;

struct edgedp_event {
	struct sk_buff *skb;
	void *hdr;
	struct net *net;
	gfp_t gfp;
};

bool edgedp_event_new(struct edgedp_event *ev, struct edgedp_dev *edp, u8 cmd,
		      size_t size, gfp_t gfp);
void edgedp_event_send(struct edgedp_event *ev);
void edgedp_event_cancel(struct edgedp_event *ev);

/* EDGEDP_CMD_DEV_ADD_NTF or EDGEDP_CMD_DEV_DEL_NTF (process context). */
void edgedp_event_dev(struct edgedp_dev *edp, u8 cmd);

/* The family's life (netlink.c): events go out only while it is registered. */
void edgedp_events_start(void);
void edgedp_events_stop(void);

#endif /* _EDGEDP_EVENT_H */
