/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small generic netlink layer on libmnl: resolve a family, send a request
 * and collect its replies and ack, parse attributes against a policy, and
 * decode extended acks. It prints nothing: callers decide how to report.
 *
 * Replies are processed by nl_process(), a pure function over a buffer, so
 * the unit tests and the fuzzer drive exactly the code that parses what the
 * kernel sends.
 */

#ifndef EDGECTL_NL_H
#define EDGECTL_NL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#define NL_TX_SIZE	65536	/* the largest session request fits (256 PDRs, 256 FARs) */
/*
 * What a receive takes at first: a dump's datagrams are at most 32 KiB (the
 * kernel sizes a dump's skbs by the reader's buffer, capped at
 * SKB_WITH_OVERHEAD(32768)), acks are small (NETLINK_CAP_ACK). The reply to
 * a "do" is one message as large as its object: SESSION_GET of a session at
 * the kernel's limits is about 88 KiB, 1.4 MiB with 32 SDF filters in each
 * PDR. nl_request() peeks at its size and grows ctx->rx to hold it.
 */
#define NL_RX_SIZE	32768
/*
 * SO_RCVBUF asked for (the kernel doubles it): the socket must queue the
 * largest reply, whose skb may be 2 MiB, and the ack after it. With
 * CAP_NET_ADMIN, else up to net.core.rmem_max.
 */
#define NL_RCVBUF	(2 << 20)
#define NL_PIPELINE_MAX	64	/* requests in flight, see nl_pipeline() */

struct nl_extack {
	char msg[256];		/* NLMSGERR_ATTR_MSG, "" if none */
	uint32_t offs;		/* NLMSGERR_ATTR_OFFS: in the request */
	uint32_t attr;		/* type of the attribute at offs, if found */
	uint32_t miss_type;	/* NLMSGERR_ATTR_MISS_TYPE */
	bool has_offs, has_attr, has_miss_type;
};

struct nl_result {
	int err;		/* 0 or a negative errno */
	bool intr;		/* NLM_F_DUMP_INTR: the dump may be inconsistent */
	bool malformed;		/* err is ours: a reply failed to parse */
	struct nl_extack ext;
};

/*
 * Where requests go and replies come from: the netlink socket, or in the
 * tests and fuzzers a fake kernel. Both return like sendto()/recvfrom():
 * a length, or -1 with errno set. recv() takes MSG_DONTWAIT, MSG_PEEK and
 * MSG_TRUNC as a netlink socket does: with MSG_TRUNC the datagram's whole
 * length, even if larger than len.
 */
struct nl_transport {
	ssize_t (*send)(void *priv, const void *buf, size_t len);
	ssize_t (*recv)(void *priv, void *buf, size_t len, int flags);
	void *priv;
};

struct nl_ctx {
	struct mnl_socket *sock;
	const struct nl_transport *fake;	/* instead of sock, if set before nl_open() */
	uint32_t portid, seq;
	uint16_t family;	/* resolved id of the family */
	uint32_t version;	/* the kernel's family version */
	uint32_t mcgrp;		/* id of the group named in nl_open(), 0 if absent */
	struct nl_result res;	/* of the last request */
	char tx[NL_TX_SIZE] __attribute__((aligned(4)));
	char *rx;		/* rx_base, or a larger buffer until nl_close() */
	size_t rx_size;
	char rx_base[NL_RX_SIZE] __attribute__((aligned(4)));
};

/*
 * Attribute policy, indexed by type: an enum mnl_attr_data_type (MNL_TYPE_UNSPEC
 * accepts anything, e.g. pad) and for strings and binaries a minimum and a
 * maximum payload length (0: none; min = max: exact, e.g. 16 for an IPv6
 * address; other types have theirs). Types above the policy's max are
 * skipped, so a newer kernel may add attributes.
 */
struct nl_policy {
	uint8_t type;
	uint16_t max;
	uint16_t min;
};

/*
 * Open a socket with extended acks (or use ctx->fake) and resolve family (and
 * mcgrp, may be NULL). nl_close() also forgets ctx->fake.
 */
int nl_open(struct nl_ctx *ctx, const char *family, const char *mcgrp);
void nl_close(struct nl_ctx *ctx);
bool nl_is_open(const struct nl_ctx *ctx);

/* Start a generic netlink message in buf: nlmsghdr and genlmsghdr. */
struct nlmsghdr *nl_msg_start(void *buf, uint16_t family, uint8_t cmd,
			      uint8_t version, uint16_t flags);

/*
 * Send nlh (built in ctx->tx) and run cb on each data message of the reply
 * until the ack, or NLMSG_DONE for a dump. Returns 0 or a negative errno;
 * ctx->res holds the extended ack (also a warning on success). The reply of
 * a "do" with a cb may be of any size: the size of each of its datagrams is
 * peeked at first. A dump's datagrams and acks are received at once.
 */
int nl_request(struct nl_ctx *ctx, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);

/* Give a request its flags (NLM_F_REQUEST, NLM_F_ACK unless a dump) and seq. */
void nl_prepare(struct nl_ctx *ctx, struct nlmsghdr *nlh);

/*
 * Pipelining: buf holds n (at most NL_PIPELINE_MAX) prepared requests with consecutive sequence numbers
 * from first_seq, laid one after another. Send them at once (one message at a
 * time if the socket refuses the whole) and collect the n acks: res[i] is the
 * outcome of request first_seq + i. Replies that are no ack are ignored. If
 * acks are lost (the receive buffer overflowed), the requests without one
 * get -ENOBUFS. Returns the number of failed requests.
 */
unsigned int nl_pipeline(struct nl_ctx *ctx, const void *buf, size_t len, uint32_t first_seq,
			 unsigned int n, struct nl_result *res);
/*
 * The pure part: acks in a buffer of replies for requests first_seq..+n-1,
 * recorded in res[] and acked[] (the first ack of a request wins). Returns how
 * many new acks were found, or -EBADMSG if the buffer ends in a truncated
 * message (the acks before it are kept).
 */
int nl_process_acks(const void *buf, size_t len, uint32_t first_seq, unsigned int n,
		    struct nl_result *res, bool *acked);

int nl_subscribe(struct nl_ctx *ctx, uint32_t group);
/* Receive one datagram of notifications; 0 or a negative errno. */
int nl_recv(struct nl_ctx *ctx, mnl_cb_t cb, void *data);

/*
 * Process a buffer of replies to request seq (0: any). Returns 1 while more
 * are expected, 0 once the ack, error or NLMSG_DONE was seen or a callback
 * failed (res->err = -EBADMSG; later callbacks are skipped).
 */
int nl_process(const void *buf, size_t len, uint32_t seq, mnl_cb_t cb, void *data,
	       struct nl_result *res);
/* Decode an NLMSG_ERROR or NLMSG_DONE message: its error and extended ack. */
int nl_parse_status(const struct nlmsghdr *nlh, struct nl_extack *ext);
/* Find the type of the request's attribute that ext->offs points at. */
void nl_locate_attr(const struct nlmsghdr *req, struct nl_extack *ext);

/* The genl header of a message, or NULL if it is too short. */
const struct genlmsghdr *nl_genlhdr(const struct nlmsghdr *nlh);
/*
 * The attribute at *p, advancing past it; NULL if none of the *left bytes is
 * left or it is truncated. mnl_attr_ok() and mnl_attr_next() inline: this
 * runs for every attribute of a dump.
 */
static inline const struct nlattr *nl_attr_next(const char **p, int *left)
{
	const struct nlattr *attr = (const void *)*p;

	if (*left < (int)sizeof(*attr) || attr->nla_len < sizeof(*attr) ||
	    attr->nla_len > *left)
		return NULL;
	*p += NLA_ALIGN(attr->nla_len);
	*left -= NLA_ALIGN(attr->nla_len);
	return attr;
}

/*
 * An attribute's type, payload and integers, as mnl_attr_get_type(),
 * mnl_attr_get_payload() and mnl_attr_get_u8() to _u64() read them, but
 * inline: printing a dump reads every attribute of every session. The
 * integers' lengths were checked by their policy.
 */
static inline uint16_t nl_attr_type(const struct nlattr *attr)
{
	return attr->nla_type & NLA_TYPE_MASK;
}

static inline const void *nl_attr_data(const struct nlattr *attr)
{
	return (const char *)attr + NLA_HDRLEN;
}

static inline uint8_t nl_attr_u8(const struct nlattr *attr)
{
	return *(const uint8_t *)nl_attr_data(attr);
}

static inline uint16_t nl_attr_u16(const struct nlattr *attr)
{
	uint16_t v;

	memcpy(&v, nl_attr_data(attr), sizeof(v));
	return v;
}

static inline uint32_t nl_attr_u32(const struct nlattr *attr)
{
	uint32_t v;

	memcpy(&v, nl_attr_data(attr), sizeof(v));
	return v;
}

static inline uint64_t nl_attr_u64(const struct nlattr *attr)
{
	uint64_t v;

	memcpy(&v, nl_attr_data(attr), sizeof(v));
	return v;
}

/* Fill tb[0..max] from a genl message or a nest; -1 if an attribute is invalid. */
int nl_parse(const struct nlmsghdr *nlh, const struct nl_policy *pol, unsigned int max,
	     const struct nlattr **tb);
/*
 * nl_parse(), and where its walk ended: *walked bytes from nlh, the last
 * attribute's padding included (which may pass nlmsg_len by up to 3 bytes).
 */
int nl_parse_walk(const struct nlmsghdr *nlh, const struct nl_policy *pol, unsigned int max,
		  const struct nlattr **tb, size_t *walked);
/* nl_parse_nested() with tb already zeroed. */
int nl_parse_nested_zeroed(const struct nlattr *nest, const struct nl_policy *pol,
			   unsigned int max, const struct nlattr **tb);

/* Inline: tb of a constant max (the callers') is zeroed in a few stores, not memset(). */
static inline int nl_parse_nested(const struct nlattr *nest, const struct nl_policy *pol,
				  unsigned int max, const struct nlattr **tb)
{
	memset(tb, 0, (max + 1) * sizeof(*tb));
	return nl_parse_nested_zeroed(nest, pol, max, tb);
}

/* CTRL_CMD_GETFAMILY reply parser, data is a struct nl_family. */
struct nl_family {
	const char *mcgrp;	/* group to look up */
	uint16_t id;
	uint32_t version;
	uint32_t mcgrp_id;
};
int nl_family_cb(const struct nlmsghdr *nlh, void *data);

#endif /* EDGECTL_NL_H */
