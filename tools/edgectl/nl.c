// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink on libmnl: family resolution, request/ack, dumps,
 * notifications, attribute policies and extended acks.
 */

#include <errno.h>
#include <stdlib.h>
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

/*
 * Whether attr (whole inside its buffer) is what pol wants: the common types
 * are checked as mnl_attr_validate() checks them (an integer's payload is
 * exactly its size, a nest is empty or holds at least a header, a binary is
 * anything, up to pol's limits), the strings by mnl_attr_validate() itself.
 * What attr_valid() does not accept at once.
 */
static __attribute__((noinline)) bool attr_valid_slow(const struct nlattr *attr,
						      const struct nl_policy *pol)
{
	uint16_t len = attr->nla_len - NLA_HDRLEN;

	switch (pol->type) {
	case MNL_TYPE_UNSPEC:
		return true;
	case MNL_TYPE_U8:
		return len == sizeof(uint8_t);
	case MNL_TYPE_U16:
		return len == sizeof(uint16_t);
	case MNL_TYPE_U32:
		return len == sizeof(uint32_t);
	case MNL_TYPE_U64:
		return len == sizeof(uint64_t);
	case MNL_TYPE_NESTED:
		return len == 0 || len >= NLA_HDRLEN;
	case MNL_TYPE_BINARY:
		break;
	default:
		if (mnl_attr_validate(attr, pol->type) < 0)
			return false;
		break;
	}
	return (!pol->max || len <= pol->max) && len >= pol->min;
}

/*
 * The payload lengths that make an attribute of a type valid at once, as
 * attr_valid_slow() would find: n lengths from min. An integer's size, any
 * length for a pad (MNL_TYPE_UNSPEC), a nest holding at least a header, no
 * payload for a flag (as mnl_attr_validate() wants). None (n = 0) for the
 * types not here: their attributes are checked in full. By any uint8_t, so
 * that no type is out of bounds.
 */
static const struct {
	uint16_t min;
	uint32_t n;
} fast_lens[UINT8_MAX + 1] = {
	[MNL_TYPE_UNSPEC]	= { 0, UINT16_MAX + 1 },
	[MNL_TYPE_U8]		= { sizeof(uint8_t), 1 },
	[MNL_TYPE_U16]		= { sizeof(uint16_t), 1 },
	[MNL_TYPE_U32]		= { sizeof(uint32_t), 1 },
	[MNL_TYPE_U64]		= { sizeof(uint64_t), 1 },
	[MNL_TYPE_NESTED]	= { NLA_HDRLEN, UINT16_MAX + 1 - NLA_HDRLEN },
	[MNL_TYPE_FLAG]		= { 0, 1 },
};

/*
 * Dumps check every attribute of every session: one subtraction and one
 * compare accept those of the types above; the rest are checked in full.
 */
static inline bool attr_valid(const struct nlattr *attr, const struct nl_policy *pol)
{
	uint32_t len = attr->nla_len - NLA_HDRLEN;

	if (len - fast_lens[pol->type].min < fast_lens[pol->type].n)
		return true;
	return attr_valid_slow(attr, pol);
}

static int parse_attrs_end(const void *start, int len, const struct nl_policy *pol,
			   unsigned int max, const struct nlattr **tb, const char **end)
{
	const struct nlattr *attr;
	const char *p = start;

	while ((attr = nl_attr_next(&p, &len))) {
		uint16_t type = attr->nla_type & NLA_TYPE_MASK;

		if (type > max)
			continue;
		if (!attr_valid(attr, &pol[type]))
			return -1;
		tb[type] = attr;
	}
	*end = p;
	return 0;
}

static int parse_attrs(const void *start, int len, const struct nl_policy *pol,
		       unsigned int max, const struct nlattr **tb)
{
	const char *end;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	return parse_attrs_end(start, len, pol, max, tb, &end);
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

int nl_parse_walk(const struct nlmsghdr *nlh, const struct nl_policy *pol, unsigned int max,
		  const struct nlattr **tb, size_t *walked)
{
	const char *end;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (!nl_genlhdr(nlh))
		return -1;
	if (parse_attrs_end((const char *)nlh + NLMSG_HDRLEN + GENL_HDRLEN,
			    nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, pol, max, tb, &end))
		return -1;
	*walked = end - (const char *)nlh;
	return 0;
}

int nl_parse_nested_zeroed(const struct nlattr *nest, const struct nl_policy *pol,
			   unsigned int max, const struct nlattr **tb)
{
	const char *end;

	return parse_attrs_end(nl_attr_data(nest), nest->nla_len - NLA_HDRLEN, pol, max, tb, &end);
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

static ssize_t nl_send(struct nl_ctx *ctx, const void *buf, size_t len)
{
	if (ctx->fake)
		return ctx->fake->send(ctx->fake->priv, buf, len);
	return mnl_socket_sendto(ctx->sock, buf, len);
}

/*
 * One datagram into ctx->rx, like mnl_socket_recvfrom() with flags: a
 * datagram that is not the kernel's (another process may unicast to our
 * port) is ESRCH, one larger than ctx->rx ENOSPC (and lost).
 */
static ssize_t nl_recv_raw(struct nl_ctx *ctx, int flags)
{
	struct sockaddr_nl addr;
	struct iovec iov = { .iov_base = ctx->rx, .iov_len = ctx->rx_size };
	struct msghdr msg = {
		.msg_name = &addr, .msg_namelen = sizeof(addr), .msg_iov = &iov, .msg_iovlen = 1,
	};
	ssize_t n;

	if (ctx->fake) {
		n = ctx->fake->recv(ctx->fake->priv, ctx->rx, ctx->rx_size, flags | MSG_TRUNC);
		if (n > (ssize_t)ctx->rx_size) {
			errno = ENOSPC;
			return -1;
		}
		return n;
	}
	n = recvmsg(mnl_socket_get_fd(ctx->sock), &msg, flags);
	if (n < 0)
		return n;
	if (msg.msg_flags & MSG_TRUNC) {
		errno = ENOSPC;
		return -1;
	}
	if (msg.msg_namelen != sizeof(addr) || addr.nl_pid != 0) {
		errno = ESRCH;
		return -1;
	}
	return n;
}

/* ctx->rx of at least size bytes (what it holds is not kept); -1 if out of memory. */
static int nl_rx_reserve(struct nl_ctx *ctx, size_t size)
{
	char *rx;

	if (size <= ctx->rx_size)
		return 0;
	size = (size + 4095) & ~(size_t)4095;
	rx = malloc(size);
	if (!rx)
		return -1;
	if (ctx->rx != ctx->rx_base)
		free(ctx->rx);
	ctx->rx = rx;
	ctx->rx_size = size;
	return 0;
}

/*
 * nl_recv_raw() of a datagram of any size: its length is peeked at first
 * (netlink_recvmsg() returns the whole length with MSG_TRUNC, nothing
 * copied into an empty buffer, the datagram left queued) and ctx->rx grown
 * to it. A second syscall: for the replies of a "do" only.
 */
static ssize_t nl_recv_fit(struct nl_ctx *ctx, int flags)
{
	ssize_t n;

	flags |= MSG_PEEK | MSG_TRUNC;
	if (ctx->fake)
		n = ctx->fake->recv(ctx->fake->priv, ctx->rx, 0, flags);
	else
		n = recv(mnl_socket_get_fd(ctx->sock), NULL, 0, flags);
	flags &= ~(MSG_PEEK | MSG_TRUNC);
	if (n < 0)
		return n;
	if (nl_rx_reserve(ctx, n)) {
		nl_recv_raw(ctx, flags | MSG_DONTWAIT);	/* drop it */
		errno = ENOMEM;
		return -1;
	}
	return nl_recv_raw(ctx, flags);
}

void nl_prepare(struct nl_ctx *ctx, struct nlmsghdr *nlh)
{
	nlh->nlmsg_flags |= NLM_F_REQUEST;
	if ((nlh->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP)
		nlh->nlmsg_flags |= NLM_F_ACK;	/* dumps end with NLMSG_DONE */
	nlh->nlmsg_seq = ++ctx->seq;
}

int nl_request(struct nl_ctx *ctx, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	bool fit;

	memset(&ctx->res, 0, sizeof(ctx->res));
	nl_prepare(ctx, nlh);
	/* A do's reply is one message as large as its object; a dump's come in skbs. */
	fit = cb && (nlh->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP;
	if (nl_send(ctx, nlh, nlh->nlmsg_len) < 0)
		return ctx->res.err = -errno;
	for (;;) {
		ssize_t n = fit ? nl_recv_fit(ctx, 0) : nl_recv_raw(ctx, 0);

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

int nl_process_acks(const void *buf, size_t len, uint32_t first_seq, unsigned int n,
		    struct nl_result *res, bool *acked)
{
	const struct nlmsghdr *nlh;
	const char *p = buf;
	int found = 0;

	while ((nlh = next_msg(&p, &len))) {
		uint32_t i = nlh->nlmsg_seq - first_seq;	/* wraps like the seqs */

		if (i >= n || acked[i] ||
		    (nlh->nlmsg_type != NLMSG_ERROR && nlh->nlmsg_type != NLMSG_DONE))
			continue;	/* stale, a duplicate, or data */
		memset(&res[i], 0, sizeof(res[i]));
		res[i].err = nl_parse_status(nlh, &res[i].ext);
		res[i].malformed = res[i].err == -EBADMSG;
		acked[i] = true;
		found++;
	}
	return len ? -EBADMSG : found;
}

/*
 * Send the n requests in buf, all at once or, if the socket refuses a message
 * that big, one by one. Returns how many were sent; *err is why not all.
 */
static unsigned int pipeline_send(struct nl_ctx *ctx, const char *buf, size_t len,
				  unsigned int n, int *err)
{
	const struct nlmsghdr *nlh;
	unsigned int sent;

	*err = 0;
	if (nl_send(ctx, buf, len) >= 0)
		return n;
	if (errno != EMSGSIZE && errno != ENOBUFS) {
		*err = -errno;
		return 0;
	}
	for (sent = 0; sent < n && len >= sizeof(*nlh); sent++) {
		size_t step;

		nlh = (const void *)buf;
		if (nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > len) {
			*err = -EINVAL;
			break;
		}
		if (nl_send(ctx, nlh, nlh->nlmsg_len) < 0) {
			*err = -errno;
			break;
		}
		step = NLMSG_ALIGN(nlh->nlmsg_len);
		buf += step < len ? step : len;
		len -= step < len ? step : len;
	}
	return sent;
}

/*
 * The kernel handles each request inside sendmsg(), so once the send
 * returned every ack is queued on the socket, unless the receive buffer
 * overflowed (ENOBUFS): then read what is left without waiting, and the
 * requests still without an ack lost theirs.
 */
unsigned int nl_pipeline(struct nl_ctx *ctx, const void *buf, size_t len, uint32_t first_seq,
			 unsigned int n, struct nl_result *res)
{
	bool acked[NL_PIPELINE_MAX] = { false }, lost = false;
	unsigned int i, done = 0, failed = 0, sent;
	int err, rx_err = 0;

	if (n > NL_PIPELINE_MAX)
		n = NL_PIPELINE_MAX;
	memset(res, 0, n * sizeof(*res));
	sent = pipeline_send(ctx, buf, len, n, &err);
	while (done < sent) {
		ssize_t got = nl_recv_raw(ctx, lost ? MSG_DONTWAIT : 0);
		int found;

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == ENOBUFS) {
			lost = true;
			continue;
		}
		if (got < 0) {
			/* Drained after an overflow: the acks still missing were lost. */
			rx_err = lost && errno == EAGAIN ? -ENOBUFS : -errno;
			break;
		}
		found = nl_process_acks(ctx->rx, got, first_seq, sent, res, acked);
		if (found > 0)
			done += found;
	}
	for (i = 0; i < n; i++) {
		if (!acked[i])
			res[i].err = i < sent ? rx_err : err;
		if (!res[i].err && !acked[i])
			res[i].err = -EIO;	/* cannot happen: no ack, no error */
		failed += res[i].err != 0;
	}
	return failed;
}

/*
 * Best effort: a receive buffer of at least size (doubled by the kernel, as
 * SO_RCVBUF's value always is), never a smaller one than the socket has.
 * SO_RCVBUFFORCE needs CAP_NET_ADMIN; SO_RCVBUF stops at net.core.rmem_max.
 */
static void nl_set_rcvbuf(struct nl_ctx *ctx, int size)
{
	int fd = mnl_socket_get_fd(ctx->sock), cur;
	socklen_t len = sizeof(cur);

	if (!getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &cur, &len) && cur >= 2 * size)
		return;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
}

int nl_subscribe(struct nl_ctx *ctx, uint32_t group)
{
	if (ctx->fake)
		return 0;
	if (mnl_socket_setsockopt(ctx->sock, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)) < 0)
		return -errno;
	/* Room for bursts of events before ENOBUFS. */
	nl_set_rcvbuf(ctx, 1 << 20);
	return 0;
}

int nl_recv(struct nl_ctx *ctx, mnl_cb_t cb, void *data)
{
	ssize_t n = nl_recv_raw(ctx, 0);

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

	ctx->seq = time(NULL);
	if (!ctx->rx) {
		ctx->rx = ctx->rx_base;
		ctx->rx_size = sizeof(ctx->rx_base);
	}
	if (!ctx->fake) {
		ctx->sock = mnl_socket_open(NETLINK_GENERIC);
		if (!ctx->sock)
			return -errno;
		/* Best effort: kernels without them still work, with terser errors. */
		mnl_socket_setsockopt(ctx->sock, NETLINK_EXT_ACK, &one, sizeof(one));
		mnl_socket_setsockopt(ctx->sock, NETLINK_CAP_ACK, &one, sizeof(one));
		nl_set_rcvbuf(ctx, NL_RCVBUF);
		if (mnl_socket_bind(ctx->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
			err = -errno;
			goto err_close;
		}
		ctx->portid = mnl_socket_get_portid(ctx->sock);
	}

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
	nl_close(ctx);
	return err;
}

void nl_close(struct nl_ctx *ctx)
{
	if (ctx->sock)
		mnl_socket_close(ctx->sock);
	ctx->sock = NULL;
	ctx->fake = NULL;
	if (ctx->rx != ctx->rx_base)
		free(ctx->rx);
	ctx->rx = ctx->rx_base;
	ctx->rx_size = sizeof(ctx->rx_base);
}

bool nl_is_open(const struct nl_ctx *ctx)
{
	return ctx->sock || ctx->fake;
}
