/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgectl dev: edgedp datapath devices, their arguments, requests and
 * printers, which monitor's device events share.
 */

#ifndef EDGECTL_DEV_H
#define EDGECTL_DEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nl.h"

struct dev_args {
	const char *name;
	uint32_t ifindex;
	bool stats;
	uint32_t max_sessions;		/* 0: not given */
	uint32_t max_rules;		/* 0: not given */
};

enum {
	DEV_ARG_INDEX = 1 << 0,		/* "index IFINDEX" allowed */
	DEV_ARG_STATS = 1 << 1,		/* "-s" or "stats" allowed */
	DEV_ARG_NEEDED = 1 << 2,	/* a device must be named */
	DEV_ARG_LIMITS = 1 << 3,	/* "max-sessions N", "max-rules N" allowed */
};

int dev_parse(int argc, char **argv, unsigned int allow, struct dev_args *a);
void dev_attrs_put(struct nlmsghdr *nlh, const void *arg);	/* arg: struct dev_args */
/* A device's members, its counters with stats (monitor: its events). */
int dev_print_attrs(const struct nlmsghdr *nlh, bool stats);
int dev_print(const struct nlmsghdr *nlh, void *data);	/* data: struct dev_args */
const char *drop_reason_name(unsigned int reason, char *buf, size_t len);

#endif /* EDGECTL_DEV_H */
