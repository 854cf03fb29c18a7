/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-like replies crafted with libmnl, for the unit tests and as seeds
 * for the reply fuzzer. Each function builds one message at buf and returns
 * it; messages can be laid one after another (NLMSG_ALIGN'ed lengths).
 */

#ifndef EDGECTL_TESTS_REPLIES_H
#define EDGECTL_TESTS_REPLIES_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

#define TEST_FAMILY	0x1234
#define TEST_SEQ	42

/* A genl message of the family (or another type) with seq and flags. */
struct nlmsghdr *reply_start(void *buf, uint16_t type, uint8_t cmd, uint32_t seq,
			     uint16_t flags);
/* A device: ifindex, name, and with stats fixed counters and drops (after
 * a pad) no-session 2, not-ip 0, malformed 1 and an unknown reason 99: 5. */
struct nlmsghdr *reply_dev(void *buf, uint8_t cmd, uint32_t ifindex, const char *name,
			   bool stats);
/* GET_INFO: version 0.1.0, genl 1, features dev and bit 40, 2 devices. */
struct nlmsghdr *reply_info(void *buf);
/* CTRL_CMD_NEWFAMILY: id, version, groups "other" (7) and "events" (9). */
struct nlmsghdr *reply_ctrl(void *buf, uint16_t id);
/*
 * NLMSG_ERROR for req: error, and if msg or offs >= 0 the extack TLVs;
 * capped leaves out the request's payload (NETLINK_CAP_ACK).
 */
struct nlmsghdr *reply_err(void *buf, const struct nlmsghdr *req, int error,
			   const char *msg, int offs, bool capped);
struct nlmsghdr *reply_done(void *buf, uint32_t seq, int error, const char *msg);

/* EP_GET dump part: ifindex, an IPv4 or IPv6 address, port and role. */
struct nlmsghdr *reply_ep(void *buf, uint32_t ifindex, const char *addr, uint16_t port,
			  uint8_t role);
/*
 * SESSION_GET, as in docs/edgectl.md: seid, peer-check 1, then (u64s after
 * pads, as on 32-bit kernels)
 *   PDR 1 precedence 10 access teid 100 ohr gtpu-udp-ip ue 10.60.0.1 far 1,
 *         stats 5 packets 420 bytes
 *   PDR 2 precedence 10 core ue 10.60.0.1 far 2, stats 3/252
 *   FAR 1 forw dst core
 *   FAR 2 forw dst access teid 200 peer 10.0.0.1 port 2152 qfi 9
 */
struct nlmsghdr *reply_session(void *buf, uint32_t ifindex, uint64_t seid);
/*
 * The IPv6 variant, peer-check 0: PDR 7 precedence 1 access teid 0xabcdef ohr
 * gtpu-udp-ipv6 local 2001:db8::2 ue 2001:db8:60::/48 qfi 5 far 3 qer 1,
 * stats 0/0; FAR 3 buff,nocp dst cp; FAR 4 action 0x12 (forw, unknown bit
 * 4) dst 9 (unknown) teid 1 peer 2001:db8::1 port 2153 dscp 46; QER 1 gate-ul
 * closed gate-dl open mbr-ul 1000 mbr-dl 0 qfi 7; QER 2 gate 5 (unknown).
 */
struct nlmsghdr *reply_session6(void *buf, uint32_t ifindex, uint64_t seid);

/* Bytes from start to the end of the message nlh (aligned). */
size_t reply_len(const void *start, const struct nlmsghdr *nlh);

#endif /* EDGECTL_TESTS_REPLIES_H */
