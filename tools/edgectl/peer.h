/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgectl peer: GTP-U peers supervised with Echo Requests, and their events.
 */

#ifndef EDGECTL_PEER_H
#define EDGECTL_PEER_H

#include <stdbool.h>

#include "nl.h"

/* A peer of a PEER_GET reply, a line or a JSON object. */
int peer_print(const struct nlmsghdr *nlh, void *data);
/* monitor: a PEER_NTF event, after its name. */
int peer_print_event(const struct nlmsghdr *nlh, bool stats);

#endif /* EDGECTL_PEER_H */
