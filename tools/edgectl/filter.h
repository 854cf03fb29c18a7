/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SDF filters as operators write them: PFCP Flow Descriptions (TS 29.244
 * 8.2.5), i.e. IPFilterRule (RFC 6733 4.3.1) as TS 29.212 5.4.2 restricts it,
 * plus three edgedp options for the other SDF filter fields:
 *
 *   permit out PROTO from SRC [PORTS] to DST [PORTS] [tos V[/MASK]] [spi N]
 *              [flowlabel N]
 *
 *   PROTO  ip (any), a number 0-255, or tcp udp sctp icmp icmpv6 esp ah gre
 *   SRC    any | ADDR[/PLEN]                IPv4 or IPv6; the data-network side
 *   DST    any | assigned | ADDR[/PLEN]     the UE side ("assigned": the UE's
 *                                           own address, which the PDR already
 *                                           matches: a wildcard here)
 *   PORTS  P | P1-P2, or a comma-separated list of them (tcp, udp, sctp only)
 *
 * The filter is written in downlink form whatever the PDR's direction: "from"
 * is the data-network side, "to" the UE side. The kernel swaps SRC and DST
 * (and their ports) when it matches an uplink PDR (source interface access),
 * as TS 29.244 5.2.1A.2A requires; edgectl never swaps. So breaking out UE
 * uplink to an edge server 192.0.2.0/24 on UDP 5000-5100 is
 *
 *   permit out udp from 192.0.2.0/24 5000-5100 to 10.60.0.0/16
 *
 * A kernel filter holds one port range per side, so a port list becomes one
 * filter per (source range, destination range) pair; a PDR matches when any
 * of its filters does, so the meaning is kept. Lists are accepted rather than
 * rejected because PFCP SMFs send them.
 *
 * Use (the pdr command will take it as `edgectl pdr add ... sdf '<flow
 * description>'`, repeatable, each filter_parse() result appended as
 * EDGEDP_A_PDR_SDF nests with filter_put()):
 *
 *   struct filter_sdf f[FILTER_MAX];
 *   char err[FILTER_ERR_LEN];
 *   int n = filter_parse(text, f, FILTER_MAX, err, sizeof(err));
 *   if (n < 0) -> print err, which names the offending token or field
 *   for (i = 0; i < n; i++) filter_put(nlh, EDGEDP_A_PDR_SDF, &f[i]);
 *
 * filter_format() prints one filter back in the same grammar; parsing its
 * output gives the same filter (only "assigned" comes back as "any", and
 * numbers in canonical form).
 */
#ifndef EDGECTL_FILTER_H
#define EDGECTL_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nlmsghdr;
struct nlattr;

#define FILTER_MAX	64	/* filters one flow description may expand to */
#define FILTER_ERR_LEN	160

/* struct filter_sdf.flags: the attributes present; an absent one is a wildcard. */
enum {
	FILTER_F_SRC = 1 << 0,
	FILTER_F_DST = 1 << 1,
	FILTER_F_PROTO = 1 << 2,
	FILTER_F_SPORT = 1 << 3,
	FILTER_F_DPORT = 1 << 4,
	FILTER_F_TOS = 1 << 5,
	FILTER_F_SPI = 1 << 6,
	FILTER_F_FLOW_LABEL = 1 << 7,
};

/* One filter: the EDGEDP_A_SDF_* attributes, downlink form. */
struct filter_sdf {
	uint16_t flags;
	uint8_t family;		/* 4 or 6 with an address, else 0 */
	uint8_t proto;
	uint8_t src[16], dst[16];	/* network order; IPv4 in the first 4 */
	uint8_t src_plen, dst_plen;
	uint16_t sport_min, sport_max;
	uint16_t dport_min, dport_max;
	uint8_t tos, tos_mask;
	uint32_t spi;
	uint32_t flow_label;
};

/* Parses text into at most max filters: their number, or -1 with err set. */
int filter_parse(const char *text, struct filter_sdf *out, unsigned int max,
		 char *err, size_t errlen);

/* Prints f in the flow description grammar; snprintf's return value. */
int filter_format(const struct filter_sdf *f, char *buf, size_t len);

bool filter_equal(const struct filter_sdf *a, const struct filter_sdf *b);

/* Appends f as a nest of type (EDGEDP_A_PDR_SDF) of EDGEDP_A_SDF_* attributes. */
void filter_put(struct nlmsghdr *nlh, uint16_t type, const struct filter_sdf *f);

/* Reads such a nest back (for show); -1 with err set if it is malformed. */
int filter_from_attr(const struct nlattr *nest, struct filter_sdf *f, char *err, size_t errlen);

#endif /* EDGECTL_FILTER_H */
