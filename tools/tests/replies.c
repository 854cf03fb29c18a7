// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel-like replies for the tests and the fuzz seeds (see replies.h).
 */

#include <arpa/inet.h>
#include <string.h>
#include <linux/edgedp.h>
#include <linux/genetlink.h>

#include "nl.h"
#include "replies.h"

struct nlmsghdr *reply_start(void *buf, uint16_t type, uint8_t cmd, uint32_t seq,
			     uint16_t flags)
{
	struct nlmsghdr *nlh = nl_msg_start(buf, type, cmd, EDGEDP_GENL_VERSION, 0);

	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	return nlh;
}

struct nlmsghdr *reply_dev(void *buf, uint8_t cmd, uint32_t ifindex, const char *name,
			   bool stats)
{
	struct nlmsghdr *nlh = reply_start(buf, TEST_FAMILY, cmd, TEST_SEQ, NLM_F_MULTI);
	struct nlattr *nest, *drops;

	mnl_attr_put_u32(nlh, EDGEDP_A_DEV_IFINDEX, ifindex);
	mnl_attr_put_strz(nlh, EDGEDP_A_DEV_IFNAME, name);
	if (!stats)
		return nlh;
	nest = mnl_attr_nest_start(nlh, EDGEDP_A_DEV_STATS);
	mnl_attr_put_u64(nlh, EDGEDP_A_STATS_RX_PACKETS, 10);
	mnl_attr_put_u64(nlh, EDGEDP_A_STATS_RX_BYTES, 840);
	mnl_attr_put_u64(nlh, EDGEDP_A_STATS_TX_PACKETS, 3);
	mnl_attr_put_u64(nlh, EDGEDP_A_STATS_TX_BYTES, 252);
	drops = mnl_attr_nest_start(nlh, EDGEDP_A_STATS_DROPS);
	mnl_attr_put(nlh, EDGEDP_DROP_UNSPEC, 0, NULL);	/* a pad, as on 32-bit */
	mnl_attr_put_u64(nlh, EDGEDP_DROP_NO_SESSION, 2);
	mnl_attr_put_u64(nlh, EDGEDP_DROP_NOT_IP, 0);
	mnl_attr_put_u64(nlh, EDGEDP_DROP_MALFORMED, 1);
	mnl_attr_put_u64(nlh, 99, 5);
	mnl_attr_nest_end(nlh, drops);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

struct nlmsghdr *reply_info(void *buf)
{
	struct nlmsghdr *nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_GET_INFO, TEST_SEQ, 0);

	mnl_attr_put_strz(nlh, EDGEDP_A_INFO_VERSION, "0.1.0");
	mnl_attr_put_u32(nlh, EDGEDP_A_INFO_GENL_VERSION, EDGEDP_GENL_VERSION);
	mnl_attr_put_u64(nlh, EDGEDP_A_INFO_FEATURES, EDGEDP_FEATURE_DEV | 1ULL << 40);
	mnl_attr_put_u32(nlh, EDGEDP_A_INFO_DEVICES, 2);
	return nlh;
}

struct nlmsghdr *reply_ctrl(void *buf, uint16_t id)
{
	struct nlmsghdr *nlh = reply_start(buf, GENL_ID_CTRL, CTRL_CMD_NEWFAMILY, TEST_SEQ, 0);
	static const struct {
		const char *name;
		uint32_t id;
	} groups[] = { { "other", 7 }, { "events", 9 } };
	struct nlattr *list, *grp;
	unsigned int i;

	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, EDGEDP_GENL_NAME);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, id);
	mnl_attr_put_u32(nlh, CTRL_ATTR_VERSION, EDGEDP_GENL_VERSION);
	list = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	for (i = 0; i < 2; i++) {
		grp = mnl_attr_nest_start(nlh, i + 1);
		mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, groups[i].name);
		mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, groups[i].id);
		mnl_attr_nest_end(nlh, grp);
	}
	mnl_attr_nest_end(nlh, list);
	return nlh;
}

struct nlmsghdr *reply_err(void *buf, const struct nlmsghdr *req, int error,
			   const char *msg, int offs, bool capped)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	size_t len = capped ? sizeof(*req) : req->nlmsg_len;
	struct nlmsgerr *e;

	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_seq = req->nlmsg_seq;
	nlh->nlmsg_flags = capped ? NLM_F_CAPPED : 0;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(e->error) + len);
	e->error = error;
	memcpy(&e->msg, req, len);
	if (!msg && offs < 0)
		return nlh;
	nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	if (msg)
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	if (offs >= 0)
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, offs);
	return nlh;
}

struct nlmsghdr *reply_done(void *buf, uint32_t seq, int error, const char *msg)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	int *err;

	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_flags = NLM_F_MULTI;
	err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));
	*err = error;
	if (msg) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	}
	return nlh;
}

/* IPv4 as be32 at a4, or IPv6 as 16 bytes at a6. */
static void put_addr(struct nlmsghdr *nlh, uint16_t a4, uint16_t a6, const char *addr)
{
	unsigned char bin[16];

	if (inet_pton(AF_INET, addr, bin) == 1)
		mnl_attr_put(nlh, a4, 4, bin);
	else if (inet_pton(AF_INET6, addr, bin) == 1)
		mnl_attr_put(nlh, a6, 16, bin);
}

struct nlmsghdr *reply_ep(void *buf, uint32_t ifindex, const char *addr, uint16_t port,
			  uint8_t role)
{
	struct nlmsghdr *nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_EP_GET, TEST_SEQ,
					   NLM_F_MULTI);

	mnl_attr_put_u32(nlh, EDGEDP_A_EP_IFINDEX, ifindex);
	put_addr(nlh, EDGEDP_A_EP_ADDR4, EDGEDP_A_EP_ADDR6, addr);
	mnl_attr_put_u16(nlh, EDGEDP_A_EP_PORT, port);
	mnl_attr_put_u8(nlh, EDGEDP_A_EP_ROLE, role);
	return nlh;
}

static void put_rstats(struct nlmsghdr *nlh, uint64_t packets, uint64_t bytes)
{
	struct nlattr *st = mnl_attr_nest_start(nlh, EDGEDP_A_PDR_STATS);

	mnl_attr_put(nlh, EDGEDP_A_RSTATS_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, EDGEDP_A_RSTATS_PACKETS, packets);
	mnl_attr_put(nlh, EDGEDP_A_RSTATS_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, EDGEDP_A_RSTATS_BYTES, bytes);
	mnl_attr_nest_end(nlh, st);
}

static struct nlmsghdr *session_start(void *buf, uint32_t ifindex, uint64_t seid,
				      uint8_t peer_check)
{
	struct nlmsghdr *nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ,
					   NLM_F_MULTI);

	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, ifindex);
	mnl_attr_put(nlh, EDGEDP_A_SESSION_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, seid);
	mnl_attr_put_u8(nlh, EDGEDP_A_SESSION_PEER_CHECK, peer_check);
	return nlh;
}

struct nlmsghdr *reply_session(void *buf, uint32_t ifindex, uint64_t seid)
{
	struct nlmsghdr *nlh = session_start(buf, ifindex, seid, 1);
	struct nlattr *nest;

	/* Attributes in the order edgedp_fill_pdr() puts them. */
	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_PDR);
	mnl_attr_put_u16(nlh, EDGEDP_A_PDR_ID, 1);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_PRECEDENCE, 10);
	mnl_attr_put_u8(nlh, EDGEDP_A_PDR_SRC_IFACE, EDGEDP_IFACE_ACCESS);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_FAR_ID, 1);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_TEID, 100);
	mnl_attr_put_u8(nlh, EDGEDP_A_PDR_OHR, EDGEDP_OHR_GTPU_UDP_IP);
	put_addr(nlh, EDGEDP_A_PDR_UE4, EDGEDP_A_PDR_UE6, "10.60.0.1");
	put_rstats(nlh, 5, 420);
	mnl_attr_nest_end(nlh, nest);

	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_PDR);
	mnl_attr_put_u16(nlh, EDGEDP_A_PDR_ID, 2);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_PRECEDENCE, 10);
	mnl_attr_put_u8(nlh, EDGEDP_A_PDR_SRC_IFACE, EDGEDP_IFACE_CORE);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_FAR_ID, 2);
	put_addr(nlh, EDGEDP_A_PDR_UE4, EDGEDP_A_PDR_UE6, "10.60.0.1");
	put_rstats(nlh, 3, 252);
	mnl_attr_nest_end(nlh, nest);

	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_FAR);
	mnl_attr_put_u32(nlh, EDGEDP_A_FAR_ID, 1);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_ACTION, EDGEDP_FAR_FORW);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_DST_IFACE, EDGEDP_IFACE_CORE);
	mnl_attr_nest_end(nlh, nest);

	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_FAR);
	mnl_attr_put_u32(nlh, EDGEDP_A_FAR_ID, 2);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_ACTION, EDGEDP_FAR_FORW);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_DST_IFACE, EDGEDP_IFACE_ACCESS);
	mnl_attr_put_u32(nlh, EDGEDP_A_FAR_TEID, 200);
	put_addr(nlh, EDGEDP_A_FAR_PEER4, EDGEDP_A_FAR_PEER6, "10.0.0.1");
	mnl_attr_put_u16(nlh, EDGEDP_A_FAR_PORT, 2152);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_QFI, 9);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

struct nlmsghdr *reply_session6(void *buf, uint32_t ifindex, uint64_t seid)
{
	struct nlmsghdr *nlh = session_start(buf, ifindex, seid, 0);
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_PDR);
	mnl_attr_put_u16(nlh, EDGEDP_A_PDR_ID, 7);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_PRECEDENCE, 1);
	mnl_attr_put_u8(nlh, EDGEDP_A_PDR_SRC_IFACE, EDGEDP_IFACE_ACCESS);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_FAR_ID, 3);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_TEID, 0xabcdef);
	mnl_attr_put_u8(nlh, EDGEDP_A_PDR_OHR, EDGEDP_OHR_GTPU_UDP_IPV6);
	put_addr(nlh, EDGEDP_A_PDR_LOCAL4, EDGEDP_A_PDR_LOCAL6, "2001:db8::2");
	put_addr(nlh, EDGEDP_A_PDR_UE4, EDGEDP_A_PDR_UE6, "2001:db8:60::");
	mnl_attr_put_u8(nlh, EDGEDP_A_PDR_UE6_PLEN, 48);
	mnl_attr_put_u8(nlh, EDGEDP_A_PDR_QFI, 5);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_QER_ID, 1);
	put_rstats(nlh, 0, 0);
	mnl_attr_nest_end(nlh, nest);

	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_FAR);
	mnl_attr_put_u32(nlh, EDGEDP_A_FAR_ID, 3);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_ACTION, EDGEDP_FAR_BUFF | EDGEDP_FAR_NOCP);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_DST_IFACE, EDGEDP_IFACE_CP);
	mnl_attr_nest_end(nlh, nest);

	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_FAR);
	mnl_attr_put_u32(nlh, EDGEDP_A_FAR_ID, 4);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_ACTION, EDGEDP_FAR_FORW | 1 << 4);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_DST_IFACE, 9);
	mnl_attr_put_u32(nlh, EDGEDP_A_FAR_TEID, 1);
	put_addr(nlh, EDGEDP_A_FAR_PEER4, EDGEDP_A_FAR_PEER6, "2001:db8::1");
	mnl_attr_put_u16(nlh, EDGEDP_A_FAR_PORT, 2153);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_DSCP, 46);
	mnl_attr_nest_end(nlh, nest);

	/* As edgedp_fill_qer() puts them. */
	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_QER);
	mnl_attr_put_u32(nlh, EDGEDP_A_QER_ID, 1);
	mnl_attr_put_u8(nlh, EDGEDP_A_QER_GATE_UL, EDGEDP_GATE_CLOSED);
	mnl_attr_put_u8(nlh, EDGEDP_A_QER_GATE_DL, EDGEDP_GATE_OPEN);
	mnl_attr_put(nlh, EDGEDP_A_QER_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, EDGEDP_A_QER_MBR_UL, 1000);
	mnl_attr_put(nlh, EDGEDP_A_QER_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, EDGEDP_A_QER_MBR_DL, 0);
	mnl_attr_put_u8(nlh, EDGEDP_A_QER_QFI, 7);
	mnl_attr_nest_end(nlh, nest);

	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_QER);
	mnl_attr_put_u32(nlh, EDGEDP_A_QER_ID, 2);
	mnl_attr_put_u8(nlh, EDGEDP_A_QER_GATE_UL, 5);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

size_t reply_len(const void *start, const struct nlmsghdr *nlh)
{
	return (const char *)nlh - (const char *)start + NLMSG_ALIGN(nlh->nlmsg_len);
}
