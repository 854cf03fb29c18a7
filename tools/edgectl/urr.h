/* SPDX-License-Identifier: GPL-2.0 */
/*
 * URRs (usage reporting rules): one as "session add", "session mod" and
 * "urr" parse it, its nest in session requests and replies, and the report
 * events monitor prints.
 */

#ifndef EDGECTL_URR_H
#define EDGECTL_URR_H

#include <stdbool.h>
#include <stdint.h>

#include "nl.h"

enum {	/* bits of urr_args.has */
	URR_ID = 1 << 0, URR_THRESH_TOTAL = 1 << 1, URR_THRESH_UL = 1 << 2,
	URR_THRESH_DL = 1 << 3, URR_QUOTA_TOTAL = 1 << 4, URR_QUOTA_UL = 1 << 5,
	URR_QUOTA_DL = 1 << 6,
};

struct urr_args {
	unsigned int has;
	uint32_t id;
	uint64_t thresh_total, thresh_ul, thresh_dl;
	uint64_t quota_total, quota_ul, quota_dl;
};

/* As a nest of a session request (NLA_F_NESTED), at most this size. */
#define URR_NEST_MAX	84	/* id, 3 thresholds, 3 quotas */
void urr_put(struct nlmsghdr *nlh, const struct urr_args *u);
/* A URR nest of a reply (counters always): its text line, or its JSON object. */
int urr_print(const struct nlattr *nest);
/* monitor: a URR report event, "dev D seid S" and the URR. */
int urr_report_print(const struct nlmsghdr *nlh, bool stats);

#endif /* EDGECTL_URR_H */
