/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PDRs (packet detection rules): one as "session add", "session mod" and
 * "pdr" parse it, its nest in session requests and replies.
 */

#ifndef EDGECTL_PDR_H
#define EDGECTL_PDR_H

#include <stdbool.h>
#include <stdint.h>

#include "addr.h"
#include "filter.h"
#include "nl.h"

enum {	/* bits of pdr_args.has */
	PDR_ID = 1 << 0, PDR_PRECEDENCE = 1 << 1, PDR_SRC_IFACE = 1 << 2, PDR_FAR = 1 << 3,
	PDR_TEID = 1 << 4, PDR_LOCAL = 1 << 5, PDR_UE = 1 << 6, PDR_QFI = 1 << 7,
	PDR_OHR = 1 << 8, PDR_QER = 1 << 9, PDR_URR = 1 << 10, PDR_SDF = 1 << 11,
};

#define PDR_MAX_URR 4	/* "urr URRID" repeats, up to the kernel's maximum */
#define PDR_MAX_QER 4	/* "qer QERID" repeats, up to the kernel's maximum */
#define PDR_MAX_SDF 32	/* SDF filters of a PDR, the kernel's maximum */

struct pdr_args {
	unsigned int has;
	uint16_t id;
	uint8_t src_iface, qfi, ohr, n_urr, n_qer;
	uint32_t precedence, far, teid;
	uint32_t qer[PDR_MAX_QER];
	uint32_t urr[PDR_MAX_URR];
	struct inaddr local, ue;
	unsigned int n_sdf;
	struct filter_sdf sdf[PDR_MAX_SDF];	/* "sdf FLOWDESC", repeatable */
};

/* As a nest of a session request (NLA_F_NESTED), at most this size. */
#define PDR_NEST_MAX	(116 + 8 * PDR_MAX_URR)	/* plus SDF_NEST_MAX per filter */
#define SDF_NEST_MAX	160
void pdr_put(struct nlmsghdr *nlh, const struct pdr_args *p);
/* A PDR nest of a reply as a text line or a JSON object, with stats as text if stats. */
int pdr_print(const struct nlattr *nest, bool stats);

#endif /* EDGECTL_PDR_H */
