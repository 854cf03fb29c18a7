/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * GTP-U's attribute fillers that replies (nl_*.c) and events (event.c)
 * share. Private to kmod/gtpu/.
 */
#ifndef _EDGEDP_GTPU_NL_H
#define _EDGEDP_GTPU_NL_H

#include <linux/skbuff.h>

struct edgedp_dev;
struct edgedp_peer_info;
struct edgedp_urr;
struct edgedp_urr_counts;

/* nl_session.c: a URR nest with counters since the last reset and reports sent. */
int edgedp_nl_fill_urr_counts(struct sk_buff *skb, const struct edgedp_urr *u,
			      const struct edgedp_urr_counts *c, u32 reports);
/* nl_peer.c: a peer's attributes; @event: only those an event carries. */
int edgedp_nl_fill_peer(struct sk_buff *skb, struct edgedp_dev *edp,
			const struct edgedp_peer_info *pi, bool event);

#endif /* _EDGEDP_GTPU_NL_H */
