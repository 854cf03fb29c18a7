// SPDX-License-Identifier: GPL-2.0
/*
 * A fake kernel for the tests and fuzzers (see fake.h).
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/edgedp.h>

#include "fake.h"
#include "replies.h"

static char tmp[NL_TX_SIZE] __attribute__((aligned(4)));

/* Queue one datagram of len bytes. */
static void push_bytes(struct fake *f, const void *buf, size_t len)
{
	if (f->qlen + sizeof(len) + len > f->qcap) {
		f->qcap = (f->qlen + sizeof(len) + len) * 2;
		f->q = realloc(f->q, f->qcap);
		if (!f->q)
			abort();
	}
	memcpy(f->q + f->qlen, &len, sizeof(len));
	memcpy(f->q + f->qlen + sizeof(len), buf, len);
	f->qlen += sizeof(len) + len;
}

static void push(struct fake *f, const struct nlmsghdr *nlh)
{
	push_bytes(f, nlh, nlh->nlmsg_len);
}

void fake_reply_datagram(struct fake *f, const struct nlmsghdr *req, void *buf, size_t len)
{
	struct nlmsghdr *nlh;
	int left = len;

	for (nlh = buf; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left))
		nlh->nlmsg_seq = req->nlmsg_seq;
	push_bytes(f, buf, len);
}

void fake_reply(struct fake *f, const struct nlmsghdr *req, struct nlmsghdr *nlh)
{
	nlh->nlmsg_seq = req->nlmsg_seq;
	if ((req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP)
		nlh->nlmsg_flags |= NLM_F_MULTI;
	push(f, nlh);
}

/*
 * Attributes from start, len bytes: all well-formed, nothing left over, and
 * NLA_F_NESTED exactly on the nests: rules in a session request (level 1),
 * SDF filters in a PDR (level 2).
 */
static bool attrs_ok(const void *start, int len, int level, uint16_t parent)
{
	const struct nlattr *attr;

	for (attr = start; mnl_attr_ok(attr, len);
	     len -= MNL_ALIGN(attr->nla_len), attr = mnl_attr_next(attr)) {
		uint16_t type = mnl_attr_get_type(attr);
		bool nested = attr->nla_type & NLA_F_NESTED;
		bool nest = (level == 1 && (type == EDGEDP_A_SESSION_PDR ||
					    type == EDGEDP_A_SESSION_FAR ||
					    type == EDGEDP_A_SESSION_QER ||
					    type == EDGEDP_A_SESSION_URR)) ||
			    (level == 2 && parent == EDGEDP_A_SESSION_PDR &&
			     type == EDGEDP_A_PDR_SDF);

		if (nested != nest)
			return false;
		if (nest && !attrs_ok(mnl_attr_get_payload(attr),
				      mnl_attr_get_payload_len(attr), level + 1, type))
			return false;
	}
	return len == 0;
}

bool fake_request_ok(const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *genl = nl_genlhdr(nlh);
	bool session;

	if (!genl || genl->version != EDGEDP_GENL_VERSION || !(nlh->nlmsg_flags & NLM_F_REQUEST) ||
	    !(nlh->nlmsg_flags & (NLM_F_ACK | NLM_F_DUMP)))
		return false;
	session = genl->cmd >= EDGEDP_CMD_SESSION_NEW && genl->cmd <= EDGEDP_CMD_SESSION_GET;
	return attrs_ok((const char *)nlh + NLMSG_HDRLEN + GENL_HDRLEN,
			nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, session ? 1 : 0, 0);
}

static void handle(struct fake *f, const struct nlmsghdr *req)
{
	bool dump = (req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	struct nlmsghdr *nlh;
	int err = 0;

	if (req->nlmsg_type == GENL_ID_CTRL) {
		fake_reply(f, req, reply_ctrl(tmp, TEST_FAMILY));
		push(f, reply_err(tmp, req, 0, NULL, -1, true));
		return;
	}
	f->requests++;
	if (!fake_request_ok(req))
		f->bad++;
	memcpy(f->last, req, req->nlmsg_len < sizeof(f->last) ? req->nlmsg_len : sizeof(f->last));
	f->msg = NULL;
	f->offs = -1;
	if (f->handler)
		err = f->handler(f, req);
	if (f->drop_seq && req->nlmsg_seq == f->drop_seq) {
		f->recv_err = ENOBUFS;
		return;
	}
	if (dump)
		nlh = reply_done(tmp, req->nlmsg_seq, err, f->msg);
	else
		nlh = reply_err(tmp, req, err, f->msg, f->offs, true);
	push(f, nlh);
}

static ssize_t fake_send(void *priv, const void *buf, size_t len)
{
	struct fake *f = priv;
	const char *p = buf;
	size_t left = len;

	if (f->max_send && len > f->max_send) {
		errno = EMSGSIZE;
		return -1;
	}
	f->sends++;
	while (left >= sizeof(struct nlmsghdr)) {
		const struct nlmsghdr *req = (const void *)p;
		size_t step = NLMSG_ALIGN(req->nlmsg_len);

		if (req->nlmsg_len < sizeof(*req) || req->nlmsg_len > left)
			break;	/* the kernel too stops at a bad length */
		handle(f, req);
		p += step < left ? step : left;
		left -= step < left ? step : left;
	}
	return len;
}

static ssize_t fake_recv(void *priv, void *buf, size_t len, int flags)
{
	struct fake *f = priv;
	size_t size;

	if (f->recv_err) {
		errno = f->recv_err;
		f->recv_err = 0;
		return -1;
	}
	if (f->qhead == f->qlen) {
		errno = EAGAIN;	/* a real socket would block forever */
		return -1;
	}
	if (f->requests && (flags & MSG_PEEK))
		f->peeks++;
	else if (f->requests)
		f->recvs++;
	memcpy(&size, f->q + f->qhead, sizeof(size));
	if (len)
		memcpy(buf, f->q + f->qhead + sizeof(size), size < len ? size : len);
	if (!(flags & MSG_PEEK)) {
		f->qhead += sizeof(size) + size;
		if (f->qhead == f->qlen)
			f->qhead = f->qlen = 0;
	}
	return flags & MSG_TRUNC || size < len ? size : len;
}

void fake_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	f->t.send = fake_send;
	f->t.recv = fake_recv;
	f->t.priv = f;
	f->offs = -1;
}

void fake_free(struct fake *f)
{
	free(f->q);
	f->q = NULL;
}
