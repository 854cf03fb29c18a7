// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink on libmnl: family resolution, request/ack, dumps,
 * notifications, attribute policies and extended acks.
 */

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "nl.h"

struct nlmsghdr *nl_msg_start(void *buf, uint16_t family, uint8_t cmd,
			      uint8_t version, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

static int parse_attrs(const void *start, int len, const struct nl_policy *pol,
		       unsigned int max, const struct nlattr **tb)
{
	const struct nlattr *attr;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	for (attr = start; mnl_attr_ok(attr, len);
	     len -= MNL_ALIGN(attr->nla_len), attr = mnl_attr_next(attr)) {
		uint16_t type = mnl_attr_get_type(attr);

		if (type > max)
			continue;
		if (pol[type].type != MNL_TYPE_UNSPEC &&
		    (mnl_attr_validate(attr, pol[type].type) < 0 ||
		     (pol[type].max && mnl_attr_get_payload_len(attr) > pol[type].max)))
			return -1;
		tb[type] = attr;
	}
	return 0;
}

const struct genlmsghdr *nl_genlhdr(const struct nlmsghdr *nlh)
{
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return NULL;
	return mnl_nlmsg_get_payload(nlh);
}

int nl_parse(const struct nlmsghdr *nlh, const struct nl_policy *pol, unsigned int max,
	     const struct nlattr **tb)
{
	if (!nl_genlhdr(nlh)) {
		memset(tb, 0, (max + 1) * sizeof(*tb));
		return -1;
	}
	return parse_attrs((const char *)nlh + NLMSG_HDRLEN + GENL_HDRLEN,
			   nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, pol, max, tb);
}

int nl_parse_nested(const struct nlattr *nest, const struct nl_policy *pol,
		    unsigned int max, const struct nlattr **tb)
{
	return parse_attrs(mnl_attr_get_payload(nest), mnl_attr_get_payload_len(nest),
			   pol, max, tb);
}

static const struct nl_policy extack_policy[NLMSGERR_ATTR_MAX + 1] = {
	[NLMSGERR_ATTR_MSG]		= { .type = MNL_TYPE_NUL_STRING },
	[NLMSGERR_ATTR_OFFS]		= { .type = MNL_TYPE_U32 },
	[NLMSGERR_ATTR_MISS_TYPE]	= { .type = MNL_TYPE_U32 },
};

/*
 * NLMSG_ERROR carries the error, the request's header (and, unless
 * NLM_F_CAPPED, its payload), then with NLM_F_ACK_TLVS the extack
 * attributes. NLMSG_DONE carries the dump's error, then the attributes.
 */
int nl_parse_status(const struct nlmsghdr *nlh, struct nl_extack *ext)
{
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const char *payload = mnl_nlmsg_get_payload(nlh);
	size_t plen = nlh->nlmsg_len - NLMSG_HDRLEN, off;
	int err = 0;

	memset(ext, 0, sizeof(*ext));
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = (const void *)payload;

		if (plen < sizeof(*e))
			return -EBADMSG;
		err = e->error;
		off = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) && e->msg.nlmsg_len > NLMSG_HDRLEN)
			off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	} else {
		if (plen < sizeof(err))
			return 0;
		memcpy(&err, payload, sizeof(err));
		off = sizeof(err);
	}
	if (err > 0 || err < -4095)
		return -EBADMSG;
	off = MNL_ALIGN(off);
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off >= plen ||
	    parse_attrs(payload + off, plen - off, extack_policy, NLMSGERR_ATTR_MAX, tb))
		return err;
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(ext->msg, sizeof(ext->msg), "%s", mnl_attr_get_str(tb[NLMSGERR_ATTR_MSG]));
	if (tb[NLMSGERR_ATTR_OFFS]) {
		ext->offs = mnl_attr_get_u32(tb[NLMSGERR_ATTR_OFFS]);
		ext->has_offs = true;
	}
	if (tb[NLMSGERR_ATTR_MISS_TYPE]) {
		ext->miss_type = mnl_attr_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
		ext->has_miss_type = true;
	}
	return err;
}

/*
 * The message at *p, advancing past it; NULL if none is left or it is
 * truncated. Unlike mnl_nlmsg_ok(), safe for any nlmsg_len.
 */
static const struct nlmsghdr *next_msg(const char **p, size_t *left)
{
	const struct nlmsghdr *nlh = (const void *)*p;
	size_t step;

	if (*left < sizeof(*nlh) || nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > *left)
		return NULL;
	step = NLMSG_ALIGN(nlh->nlmsg_len);
	if (step > *left)
		step = *left;	/* the last message may lack its padding */
	*p += step;
	*left -= step;
	return nlh;
}

int nl_process(const void *buf, size_t len, uint32_t seq, mnl_cb_t cb, void *data,
	       struct nl_result *res)
{
	const struct nlmsghdr *nlh;
	const char *p = buf;

	while ((nlh = next_msg(&p, &len))) {
		if (seq && nlh->nlmsg_seq != seq)
			continue;	/* stale: from an earlier, failed request */
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			res->intr = true;
		if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
			struct nl_extack ext;
			int err = nl_parse_status(nlh, &ext);

			if (!res->err) {
				res->err = err;
				res->ext = ext;
			}
			return 0;
		}
		if (nlh->nlmsg_type < NLMSG_MIN_TYPE || res->err || !cb)
			continue;
		if (cb(nlh, data) == MNL_CB_ERROR) {
			res->err = -EBADMSG;	/* keep reading up to the ack */
			res->malformed = true;
		}
	}
	if (len) {	/* a truncated message */
		if (!res->err) {
			res->err = -EBADMSG;
			res->malformed = true;
		}
		return 0;
	}
	return 1;
}

void nl_locate_attr(const struct nlmsghdr *req, struct nl_extack *ext)
{
	struct nlattr attr;

	if (!ext->has_offs || ext->offs < NLMSG_HDRLEN + GENL_HDRLEN ||
	    ext->offs > req->nlmsg_len - NLA_HDRLEN)
		return;
	memcpy(&attr, (const char *)req + ext->offs, sizeof(attr));
	ext->attr = attr.nla_type & NLA_TYPE_MASK;
	ext->has_attr = true;
}

int nl_request(struct nl_ctx *ctx, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	memset(&ctx->res, 0, sizeof(ctx->res));
	nlh->nlmsg_flags |= NLM_F_REQUEST;
	if ((nlh->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP)
		nlh->nlmsg_flags |= NLM_F_ACK;	/* dumps end with NLMSG_DONE */
	nlh->nlmsg_seq = ++ctx->seq;
	if (mnl_socket_sendto(ctx->sock, nlh, nlh->nlmsg_len) < 0)
		return ctx->res.err = -errno;
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(ctx->sock, ctx->rx, sizeof(ctx->rx));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return ctx->res.err = -errno;
		if (!nl_process(ctx->rx, n, nlh->nlmsg_seq, cb, data, &ctx->res))
			break;
	}
	nl_locate_attr(nlh, &ctx->res.ext);
	return ctx->res.err;
}

int nl_subscribe(struct nl_ctx *ctx, uint32_t group)
{
	int rcvbuf = 1 << 20;

	if (mnl_socket_setsockopt(ctx->sock, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)) < 0)
		return -errno;
	/* Best effort: room for bursts of events before ENOBUFS. */
	setsockopt(mnl_socket_get_fd(ctx->sock), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	return 0;
}

int nl_recv(struct nl_ctx *ctx, mnl_cb_t cb, void *data)
{
	ssize_t n = mnl_socket_recvfrom(ctx->sock, ctx->rx, sizeof(ctx->rx));

	if (n < 0)
		return -errno;
	memset(&ctx->res, 0, sizeof(ctx->res));
	nl_process(ctx->rx, n, 0, cb, data, &ctx->res);
	return ctx->res.err;
}

static const struct nl_policy ctrl_policy[CTRL_ATTR_MCAST_GROUPS + 1] = {
	[CTRL_ATTR_FAMILY_ID]		= { .type = MNL_TYPE_U16 },
	[CTRL_ATTR_VERSION]		= { .type = MNL_TYPE_U32 },
	[CTRL_ATTR_MCAST_GROUPS]	= { .type = MNL_TYPE_NESTED },
};

static const struct nl_policy mcgrp_policy[CTRL_ATTR_MCAST_GRP_MAX + 1] = {
	[CTRL_ATTR_MCAST_GRP_NAME]	= { .type = MNL_TYPE_NUL_STRING, .max = GENL_NAMSIZ },
	[CTRL_ATTR_MCAST_GRP_ID]	= { .type = MNL_TYPE_U32 },
};

int nl_family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GROUPS + 1];
	const struct nlattr *grp[CTRL_ATTR_MCAST_GRP_MAX + 1];
	struct nl_family *fam = data;
	const struct nlattr *attr;

	if (nl_parse(nlh, ctrl_policy, CTRL_ATTR_MCAST_GROUPS, tb) || !tb[CTRL_ATTR_FAMILY_ID])
		return MNL_CB_ERROR;
	fam->id = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_VERSION])
		fam->version = mnl_attr_get_u32(tb[CTRL_ATTR_VERSION]);
	if (!tb[CTRL_ATTR_MCAST_GROUPS] || !fam->mcgrp)
		return MNL_CB_OK;
	mnl_attr_for_each_nested(attr, tb[CTRL_ATTR_MCAST_GROUPS]) {
		if (nl_parse_nested(attr, mcgrp_policy, CTRL_ATTR_MCAST_GRP_MAX, grp))
			return MNL_CB_ERROR;
		if (grp[CTRL_ATTR_MCAST_GRP_NAME] && grp[CTRL_ATTR_MCAST_GRP_ID] &&
		    !strcmp(mnl_attr_get_str(grp[CTRL_ATTR_MCAST_GRP_NAME]), fam->mcgrp))
			fam->mcgrp_id = mnl_attr_get_u32(grp[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return MNL_CB_OK;
}

int nl_open(struct nl_ctx *ctx, const char *family, const char *mcgrp)
{
	struct nl_family fam = { .mcgrp = mcgrp };
	struct nlmsghdr *nlh;
	int one = 1, err;

	ctx->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!ctx->sock)
		return -errno;
	/* Best effort: kernels without them still work, with terser errors. */
	mnl_socket_setsockopt(ctx->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(ctx->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(ctx->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		goto err_close;
	}
	ctx->portid = mnl_socket_get_portid(ctx->sock);
	ctx->seq = time(NULL);

	nlh = nl_msg_start(ctx->tx, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, family);
	err = nl_request(ctx, nlh, nl_family_cb, &fam);
	if (err)
		goto err_close;
	ctx->family = fam.id;
	ctx->version = fam.version;
	ctx->mcgrp = fam.mcgrp_id;
	return 0;

err_close:
	mnl_socket_close(ctx->sock);
	ctx->sock = NULL;
	return err;
}

void nl_close(struct nl_ctx *ctx)
{
	if (ctx->sock)
		mnl_socket_close(ctx->sock);
	ctx->sock = NULL;
}
