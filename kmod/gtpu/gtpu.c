// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * GTP-U in a device's life: the three calls of the core (gtpu.h).
 */

#include "device.h"
#include "endpoint.h"
#include "gtpu.h"
#include "peer.h"
#include "session.h"

int edgedp_gtpu_init(struct edgedp_dev *edp)
{
	struct edgedp_gtpu *g = &edp->gtpu;

	INIT_LIST_HEAD(&g->endpoints);
	edgedp_peers_init(edp);
	/* At most 100 Error Indications a second per device. */
	ratelimit_state_init(&g->ei_ratelimit, HZ, 100);
	ratelimit_set_flags(&g->ei_ratelimit, RATELIMIT_MSG_ON_RELEASE);
	return edgedp_sessions_init(edp);
}

void edgedp_gtpu_flush(struct edgedp_dev *edp)
{
	lockdep_assert_held(&edp->update_lock);
	edgedp_peers_flush(edp);	/* cancels their timers, synchronously */
	edgedp_ep_flush(edp);
	edgedp_sessions_flush(edp);
}

void edgedp_gtpu_destroy(struct edgedp_dev *edp)
{
	edgedp_sessions_destroy(edp);
}
