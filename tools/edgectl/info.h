/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgectl info: what the loaded module is and can do.
 */

#ifndef EDGECTL_INFO_H
#define EDGECTL_INFO_H

#include "nl.h"

/* The GET_INFO reply: version, features, device count. */
int info_print(const struct nlmsghdr *nlh, void *data);

#endif /* EDGECTL_INFO_H */
