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

/* Bytes from start to the end of the message nlh (aligned). */
size_t reply_len(const void *start, const struct nlmsghdr *nlh);

#endif /* EDGECTL_TESTS_REPLIES_H */
