// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel-like replies for the tests and the fuzz seeds (see replies.h).
 */

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

size_t reply_len(const void *start, const struct nlmsghdr *nlh)
{
	return (const char *)nlh - (const char *)start + NLMSG_ALIGN(nlh->nlmsg_len);
}
