/* SPDX-License-Identifier: GPL-2.0 */
/*
 * FARs (forwarding action rules): one as "session add", "session mod" and
 * "far" parse it, its nest in session requests and replies.
 */

#ifndef EDGECTL_FAR_H
#define EDGECTL_FAR_H

#include <stdint.h>

#include "addr.h"
#include "nl.h"

enum {	/* bits of far_args.has */
	FAR_ID = 1 << 0, FAR_ACTION = 1 << 1, FAR_DST_IFACE = 1 << 2, FAR_TEID = 1 << 3,
	FAR_PEER = 1 << 4, FAR_PORT = 1 << 5, FAR_QFI = 1 << 6, FAR_DSCP = 1 << 7,
};

struct far_args {
	unsigned int has;
	uint32_t id, teid;
	uint8_t action, dst_iface, qfi, dscp;
	uint16_t port;
	struct inaddr peer;
};

/* As a nest of a session request (NLA_F_NESTED), at most this size. */
#define FAR_NEST_MAX	80
void far_put(struct nlmsghdr *nlh, const struct far_args *f);
/* A FAR nest of a reply as a text line or a JSON object. */
int far_print(const struct nlattr *nest);

#endif /* EDGECTL_FAR_H */
