/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgectl monitor: the family's notifications as they come.
 */

#ifndef EDGECTL_MONITOR_H
#define EDGECTL_MONITOR_H

#include "nl.h"

/* One event, a line or a JSON object; data: the family id (others are skipped) or NULL. */
int monitor_print(const struct nlmsghdr *nlh, void *data);

#endif /* EDGECTL_MONITOR_H */
