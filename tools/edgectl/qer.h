/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QERs (QoS enforcement rules): one as "session add", "session mod" and
 * "qer" parse it, its nest in session requests and replies.
 */

#ifndef EDGECTL_QER_H
#define EDGECTL_QER_H

#include <stdint.h>

#include "nl.h"

enum {	/* bits of qer_args.has */
	QER_ID = 1 << 0, QER_GATE_UL = 1 << 1, QER_GATE_DL = 1 << 2, QER_MBR_UL = 1 << 3,
	QER_MBR_DL = 1 << 4, QER_QFI = 1 << 5,
};

struct qer_args {
	unsigned int has;
	uint32_t id;
	uint8_t gate_ul, gate_dl, qfi;
	uint64_t mbr_ul, mbr_dl;
};

/* As a nest of a session request (NLA_F_NESTED), at most this size. */
#define QER_NEST_MAX	60
void qer_put(struct nlmsghdr *nlh, const struct qer_args *q);
/* A QER nest of a reply as a text line or a JSON object. */
int qer_print(const struct nlattr *nest);

#endif /* EDGECTL_QER_H */
