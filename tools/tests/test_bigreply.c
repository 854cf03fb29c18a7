// SPDX-License-Identifier: GPL-2.0
/*
 * Replies larger than the 32 KiB that a dump's datagram can be. The kernel
 * answers a SESSION_GET "do" with one message holding the whole session:
 * at its limits (256 PDRs, 256 FARs, 64 QERs, 64 URRs) about 88 KB, and
 * with 32 SDF filters in every PDR about 1.4 MB, as edgedp_fill_session()
 * builds it. Every command that reads a session must take it whole, while
 * the datagrams of a dump and the acks are received without peeking first.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <json.h>

#include "gtpu.h"
#include "replies.h"
#include "tap.h"

/* What a session holds, each rule with every attribute the kernel may put. */
struct shape {
	unsigned int pdrs, fars, qers, urrs;
	unsigned int sdfs;	/* per PDR */
};

static void put_in6(struct nlmsghdr *nlh, uint16_t type, const char *addr, unsigned int i)
{
	struct in6_addr a;

	inet_pton(AF_INET6, addr, &a);
	a.s6_addr[14] = i >> 8;
	a.s6_addr[15] = i;
	mnl_attr_put(nlh, type, sizeof(a), &a);
}

/* A u64 after a pad, as nla_put_u64_64bit() puts it where alignment matters. */
static void put_u64(struct nlmsghdr *nlh, uint16_t pad, uint16_t type, uint64_t v)
{
	mnl_attr_put(nlh, pad, 0, NULL);
	mnl_attr_put_u64(nlh, type, v);
}

static void put_rstats(struct nlmsghdr *nlh, uint16_t type, uint64_t packets)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	put_u64(nlh, EDGEDP_A_RSTATS_PAD, EDGEDP_A_RSTATS_PACKETS, packets);
	put_u64(nlh, EDGEDP_A_RSTATS_PAD, EDGEDP_A_RSTATS_BYTES, packets * 100);
	mnl_attr_nest_end(nlh, nest);
}

/* The largest SDF filter edgedp_fill_sdf() puts (ports exclude an SPI). */
static void put_sdf(struct nlmsghdr *nlh, unsigned int i)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_PDR_SDF);

	mnl_attr_put_u32(nlh, EDGEDP_A_SDF_ID, i + 1);
	put_in6(nlh, EDGEDP_A_SDF_SRC6, "2001:db8:ffff:ffff:ffff:ffff:ffff:0", i);
	mnl_attr_put_u8(nlh, EDGEDP_A_SDF_SRC_PLEN, 128);
	put_in6(nlh, EDGEDP_A_SDF_DST6, "2001:db8:eeee:eeee:eeee:eeee:eeee:0", i);
	mnl_attr_put_u8(nlh, EDGEDP_A_SDF_DST_PLEN, 127);
	mnl_attr_put_u8(nlh, EDGEDP_A_SDF_PROTO, 6);
	mnl_attr_put_u16(nlh, EDGEDP_A_SDF_SRC_PORT_MIN, 10000);
	mnl_attr_put_u16(nlh, EDGEDP_A_SDF_SRC_PORT_MAX, 60000);
	mnl_attr_put_u16(nlh, EDGEDP_A_SDF_DST_PORT_MIN, 20000);
	mnl_attr_put_u16(nlh, EDGEDP_A_SDF_DST_PORT_MAX, 65000);
	mnl_attr_put_u8(nlh, EDGEDP_A_SDF_TOS, 0xb8);
	mnl_attr_put_u8(nlh, EDGEDP_A_SDF_TOS_MASK, 0xfc);
	mnl_attr_put_u32(nlh, EDGEDP_A_SDF_FLOW_LABEL, 0xabcde);
	put_rstats(nlh, EDGEDP_A_SDF_STATS, i);
	mnl_attr_nest_end(nlh, nest);
}

/* PDR id (1-based), IPv6, 4 QERs, the SDF filters, 4 URRs, stats: edgedp_fill_pdr(). */
static void put_pdr(struct nlmsghdr *nlh, unsigned int id, const struct shape *s)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_PDR);
	unsigned int i;

	mnl_attr_put_u16(nlh, EDGEDP_A_PDR_ID, id);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_PRECEDENCE, 1000 + id);
	mnl_attr_put_u8(nlh, EDGEDP_A_PDR_SRC_IFACE, EDGEDP_IFACE_ACCESS);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_FAR_ID, id);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_TEID, 0x10000000 + id);
	mnl_attr_put_u8(nlh, EDGEDP_A_PDR_OHR, EDGEDP_OHR_GTPU_UDP_IPV6);
	put_in6(nlh, EDGEDP_A_PDR_LOCAL6, "2001:db8:aaaa:aaaa:aaaa:aaaa:aaaa:0", id);
	put_in6(nlh, EDGEDP_A_PDR_UE6, "2001:db8:bbbb:bbbb:bbbb:bbbb:bbbb:0", id);
	mnl_attr_put_u8(nlh, EDGEDP_A_PDR_UE6_PLEN, 128);
	mnl_attr_put_u8(nlh, EDGEDP_A_PDR_QFI, 63);
	for (i = 0; s->qers && i < 4; i++)
		mnl_attr_put_u32(nlh, EDGEDP_A_PDR_QER_ID, (id + i) % s->qers + 1);
	for (i = 0; i < s->sdfs; i++)
		put_sdf(nlh, i);
	for (i = 0; s->urrs && i < 4; i++)
		mnl_attr_put_u32(nlh, EDGEDP_A_PDR_URR_ID, (id + i) % s->urrs + 1);
	put_rstats(nlh, EDGEDP_A_PDR_STATS, id);
	mnl_attr_nest_end(nlh, nest);
}

static void put_far(struct nlmsghdr *nlh, unsigned int id)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_FAR);

	mnl_attr_put_u32(nlh, EDGEDP_A_FAR_ID, id);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_ACTION, EDGEDP_FAR_FORW);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_DST_IFACE, EDGEDP_IFACE_ACCESS);
	mnl_attr_put_u32(nlh, EDGEDP_A_FAR_TEID, 0x20000000 + id);
	put_in6(nlh, EDGEDP_A_FAR_PEER6, "2001:db8:cccc:cccc:cccc:cccc:cccc:0", id);
	mnl_attr_put_u16(nlh, EDGEDP_A_FAR_PORT, 2152);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_QFI, 9);
	mnl_attr_put_u8(nlh, EDGEDP_A_FAR_DSCP, 46);
	mnl_attr_nest_end(nlh, nest);
}

static void put_qer(struct nlmsghdr *nlh, unsigned int id)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_QER);

	mnl_attr_put_u32(nlh, EDGEDP_A_QER_ID, id);
	mnl_attr_put_u8(nlh, EDGEDP_A_QER_GATE_UL, EDGEDP_GATE_OPEN);
	mnl_attr_put_u8(nlh, EDGEDP_A_QER_GATE_DL, EDGEDP_GATE_OPEN);
	put_u64(nlh, EDGEDP_A_QER_PAD, EDGEDP_A_QER_MBR_UL, 1000000 + id);
	put_u64(nlh, EDGEDP_A_QER_PAD, EDGEDP_A_QER_MBR_DL, 2000000 + id);
	mnl_attr_put_u8(nlh, EDGEDP_A_QER_QFI, 9);
	mnl_attr_nest_end(nlh, nest);
}

/* Every attribute edgedp_fill_urr_counts() may put, thresholds and quotas too. */
static void put_urr(struct nlmsghdr *nlh, unsigned int id)
{
	static const uint16_t u64s[] = {
		EDGEDP_A_URR_VOL_THRESH_TOTAL, EDGEDP_A_URR_VOL_THRESH_UL,
		EDGEDP_A_URR_VOL_THRESH_DL, EDGEDP_A_URR_UL_PACKETS, EDGEDP_A_URR_UL_BYTES,
		EDGEDP_A_URR_DL_PACKETS, EDGEDP_A_URR_DL_BYTES,
	}, quotas[] = {
		EDGEDP_A_URR_VOL_QUOTA_TOTAL, EDGEDP_A_URR_VOL_QUOTA_UL,
		EDGEDP_A_URR_VOL_QUOTA_DL,
	};
	struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_URR);
	unsigned int i;

	mnl_attr_put_u32(nlh, EDGEDP_A_URR_ID, id);
	for (i = 0; i < ARRAY_SIZE(u64s); i++)
		put_u64(nlh, EDGEDP_A_URR_PAD, u64s[i], 1000 * id + i);
	mnl_attr_put_u32(nlh, EDGEDP_A_URR_REPORTS, id);
	for (i = 0; i < ARRAY_SIZE(quotas); i++)
		put_u64(nlh, EDGEDP_A_URR_PAD, quotas[i], 5000000 + i);
	mnl_attr_put(nlh, EDGEDP_A_URR_QUOTA_EXHAUSTED, 0, NULL);
	mnl_attr_nest_end(nlh, nest);
}

/* The SESSION_GET reply of session seid on ifindex 5, in one message. */
static struct nlmsghdr *big_session(void *buf, uint64_t seid, const struct shape *s)
{
	struct nlmsghdr *nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ, 0);
	unsigned int i;

	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 5);
	put_u64(nlh, EDGEDP_A_SESSION_PAD, EDGEDP_A_SESSION_SEID, seid);
	mnl_attr_put_u8(nlh, EDGEDP_A_SESSION_PEER_CHECK, 1);
	for (i = 1; i <= s->pdrs; i++)
		put_pdr(nlh, i, s);
	for (i = 1; i <= s->fars; i++)
		put_far(nlh, i);
	for (i = 1; i <= s->qers; i++)
		put_qer(nlh, i);
	for (i = 1; i <= s->urrs; i++)
		put_urr(nlh, i);
	return nlh;
}

#define BIG_SIZE	(2 << 20)

static struct {
	const struct shape *shape;
	char *buf;
	size_t len;		/* of the last reply */
} big;

/* SESSION_GET do: the session of big.shape, one datagram; a dump: nothing. */
static int big_kernel(struct fake *f, const struct nlmsghdr *req)
{
	struct nlmsghdr *nlh;

	if (nl_genlhdr(req)->cmd != EDGEDP_CMD_SESSION_GET ||
	    (req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP)
		return 0;
	nlh = big_session(big.buf, 1, big.shape);
	big.len = nlh->nlmsg_len;
	if (big.len > BIG_SIZE)
		abort();
	fake_reply(f, req, nlh);
	return 0;
}

static unsigned int count(const char *hay, const char *needle)
{
	unsigned int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay++;
	}
	return n;
}

/* Member key of obj, if it is an array (json-c asserts on other types). */
static json_object *json_array(json_object *obj, const char *key)
{
	json_object *v;

	if (!json_object_is_type(obj, json_type_object) ||
	    !json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_array))
		return NULL;
	return v;
}

static size_t json_len(json_object *obj, const char *key)
{
	json_object *v = json_array(obj, key);

	return v ? json_object_array_length(v) : 0;
}

/* session show, text and JSON, and urr show of a session of shape s. */
static void show_big(const char *what, const struct shape *s, size_t min_len)
{
	json_object *obj, *sess, *pdrs, *last;
	char want[64];
	struct run r;
	size_t sdfs = 0;
	unsigned int i;

	big.shape = s;
	fake_start(big_kernel);
	run_line(&r, "session show dev index 5 seid 1 -s");
	snprintf(want, sizeof(want), "\n    pdr %u precedence %u ", s->pdrs, 1000 + s->pdrs);
	check(big.len > min_len && r.rc == 0 && !r.err[0] &&
	      count(r.out, "\n    pdr ") == s->pdrs && count(r.out, "\n    far ") == s->fars &&
	      count(r.out, "\n    qer ") == s->qers && count(r.out, "\n    urr ") == s->urrs &&
	      count(r.out, "\n      sdf id ") == s->pdrs * s->sdfs && strstr(r.out, want),
	      "big reply: session show seid of %s, a %zu-byte reply in one datagram: "
	      "every rule printed", what, big.len);
	if (r.rc || r.err[0])
		printf("# rc %d: %s", r.rc, r.err);
	check(fk.peeks == 2 && fk.recvs == 2,
	      "big reply: its size peeked at, then received once (%u peeks, %u receives)",
	      fk.peeks, fk.recvs);
	run_done(&r);

	run_line(&r, "-j session show dev index 5 seid 1");
	obj = json_tokener_parse(r.out);
	sess = json_object_is_type(obj, json_type_array) && json_object_array_length(obj) == 1 ?
	       json_object_array_get_idx(obj, 0) : NULL;
	pdrs = json_array(sess, "pdrs");
	for (i = 0; pdrs && i < json_object_array_length(pdrs); i++)
		sdfs += json_len(json_object_array_get_idx(pdrs, i), "sdf");
	last = pdrs ? json_object_array_get_idx(pdrs, s->pdrs - 1) : NULL;
	check(r.rc == 0 && sess && json_len(sess, "pdrs") == s->pdrs &&
	      json_len(sess, "fars") == s->fars && json_len(sess, "qers") == s->qers &&
	      json_len(sess, "urrs") == s->urrs && sdfs == s->pdrs * s->sdfs &&
	      json_object_get_int(json_object_object_get(last, "id")) == (int)s->pdrs,
	      "big reply: -j session show seid of %s: every rule in the JSON", what);
	json_object_put(obj);
	run_done(&r);

	run_line(&r, "urr show dev index 5 seid 1");
	snprintf(want, sizeof(want), "urr %u ", s->urrs);
	check(r.rc == 0 && !r.err[0] && count(r.out, "\n") == s->urrs &&
	      (!s->urrs || strstr(r.out, want)),
	      "big reply: urr show of %s: its %u URRs", what, s->urrs);
	run_done(&r);
	fake_stop();
}

static void test_show_big(void)
{
	/* More than a dump's 32 KiB: what the review found failing. */
	static const struct shape ipv6 = { .pdrs = 200, .fars = 200 };
	/* The kernel's limits without SDF filters: more than 64 KiB. */
	static const struct shape max = { .pdrs = 256, .fars = 256, .qers = 64, .urrs = 64 };
	/* And with 32 SDF filters in each PDR: what edgedp_fill_session() can build. */
	static const struct shape sdf = {
		.pdrs = 256, .fars = 256, .qers = 64, .urrs = 64, .sdfs = 32,
	};

	big.buf = aligned_alloc(4, BIG_SIZE);
	if (!big.buf)
		abort();
	show_big("200 IPv6 PDRs and FARs", &ipv6, 32768);
	show_big("256 PDRs, 256 FARs, 64 QERs and 64 URRs", &max, 65536);
	show_big("the same with 32 SDF filters a PDR", &sdf, 1 << 20);
	free(big.buf);
}

/* A dump of *f->priv sessions in datagrams of up to 32 KiB, as the kernel fills them. */
static unsigned int dump_datagrams;

static int dump_kernel(struct fake *f, const struct nlmsghdr *req)
{
	static char b[32768] __attribute__((aligned(4)));
	unsigned int i, n = *(unsigned int *)f->priv;
	size_t len = 0;

	if (nl_genlhdr(req)->cmd != EDGEDP_CMD_SESSION_GET)
		return 0;
	for (i = 1; i <= n; i++) {
		struct nlmsghdr *nlh = reply_session(b + len, 5, i);

		len += NLMSG_ALIGN(nlh->nlmsg_len);
		if (len + 512 > sizeof(b) || i == n) {
			fake_reply_datagram(f, req, b, len);
			dump_datagrams++;
			len = 0;
		}
	}
	return 0;
}

static void test_no_peek(void)
{
	unsigned int sessions = 1000;
	struct run r;

	fake_start(dump_kernel);
	fk.priv = &sessions;
	dump_datagrams = 0;
	run_line(&r, "-j session show dev index 5");
	check(r.rc == 0 && count(r.out, "\"seid\":") == sessions && dump_datagrams > 1 &&
	      fk.peeks == 0 && fk.recvs == dump_datagrams + 1,
	      "dump: no peek, one receive per datagram (%u datagrams and NLMSG_DONE: "
	      "%u receives, %u peeks)", dump_datagrams, fk.recvs, fk.peeks);
	run_done(&r);
	fake_stop();

	fake_start(NULL);
	run_line(&r, "session add dev index 5 seid 1");
	check(r.rc == 0 && fk.peeks == 0 && fk.recvs == 1, "ack: received without a peek");
	run_done(&r);
	fake_stop();
}

static int total_cb(const struct nlmsghdr *nlh, void *data)
{
	*(size_t *)data += nlh->nlmsg_len;
	return MNL_CB_OK;
}

/* A dump's datagram larger than the kernel makes them. */
static int oversize_dump(struct fake *f, const struct nlmsghdr *req)
{
	static const struct shape s = { .pdrs = 200, .fars = 200 };

	fake_reply(f, req, big_session(big.buf, 1, &s));
	return 0;
}

/* nl_request() itself, on the fake kernel. */
static void test_nl_grow(void)
{
	static const struct shape s = { .pdrs = 256, .fars = 256, .qers = 64, .urrs = 64,
					.sdfs = 32 };
	static struct nl_ctx ctx;
	struct nlmsghdr *nlh;
	size_t got = 0;
	int err;

	big.buf = aligned_alloc(4, BIG_SIZE);
	if (!big.buf)
		abort();
	big.shape = &s;
	fake_start(big_kernel);
	memset(&ctx, 0, sizeof(ctx));
	ctx.fake = &fk.t;
	err = nl_open(&ctx, EDGEDP_GENL_NAME, NULL);
	nlh = nl_msg_start(ctx.tx, ctx.family, EDGEDP_CMD_SESSION_GET, EDGEDP_GENL_VERSION, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 5);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 1);
	err = err ?: nl_request(&ctx, nlh, total_cb, &got);
	check(!err && got == big.len,
	      "nl: a %zu-byte reply in one datagram, its message whole", big.len);
	nl_close(&ctx);	/* frees the grown buffer, or LeakSanitizer tells */

	fake_start(oversize_dump);
	ctx.fake = &fk.t;
	err = nl_open(&ctx, EDGEDP_GENL_NAME, NULL);
	nlh = nl_msg_start(ctx.tx, ctx.family, EDGEDP_CMD_SESSION_GET, EDGEDP_GENL_VERSION,
			   NLM_F_DUMP);
	got = 0;
	err = err ?: nl_request(&ctx, nlh, total_cb, &got);
	check(err == -ENOSPC && !got && !ctx.res.malformed,
	      "nl: a datagram larger than the buffer that was not peeked at is ENOSPC "
	      "(MSG_TRUNC), not a malformed reply");
	nl_close(&ctx);
	fake_stop();
	free(big.buf);
}

/*
 * Against the real kernel: the socket's receive buffer holds the largest
 * reply (a 1.4 MB session: its skb is 2 MiB) and the ack queued after it.
 * SO_RCVBUFFORCE needs CAP_NET_ADMIN; without it, the default stays.
 */
static void test_live_rcvbuf(void)
{
	static struct nl_ctx ctx;
	int rcvbuf = 0, size = 1 << 20, probe;
	socklen_t len = sizeof(rcvbuf);
	bool force;

	probe = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	force = probe >= 0 && !setsockopt(probe, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	if (probe >= 0)
		close(probe);
	memset(&ctx, 0, sizeof(ctx));
	if (!force || nl_open(&ctx, "nlctrl", NULL)) {
		tap_skip("no generic netlink or no CAP_NET_ADMIN here",
			 "live: the receive buffer holds a 2 MiB reply and its ack");
		return;
	}
	getsockopt(mnl_socket_get_fd(ctx.sock), SOL_SOCKET, SO_RCVBUF, &rcvbuf, &len);
	check(rcvbuf >= (2 << 20) + 65536,
	      "live: the receive buffer holds a 2 MiB reply and its ack (%d bytes)", rcvbuf);
	nl_close(&ctx);
}

/*
 * Against the real kernel, what nl_request() rests on: a datagram of 100 KB
 * has its length peeked at, is received whole, and only then refused as
 * not the kernel's (sent from another socket, which needs CAP_NET_ADMIN).
 */
static void test_live_peek(void)
{
	static struct nl_ctx ctx;
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	struct nl_family fam = { 0 };
	struct nlmsghdr *nlh;
	size_t len = 100000;
	char *buf;
	int fd, err;

	memset(&ctx, 0, sizeof(ctx));
	if (nl_open(&ctx, "nlctrl", NULL)) {
		tap_skip("no generic netlink here", "live: a 100 KB datagram is received whole");
		return;
	}
	buf = calloc(1, len);
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	nlh = (struct nlmsghdr *)buf;
	nlh->nlmsg_len = len;
	nlh->nlmsg_type = NLMSG_NOOP;
	to.nl_pid = ctx.portid;
	if (!buf || fd < 0 || sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0) {
		tap_skip("cannot unicast to a netlink socket here",
			 "live: a 100 KB datagram is received whole");
	} else {
		nlh = nl_msg_start(ctx.tx, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
		mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "nlctrl");
		err = nl_request(&ctx, nlh, nl_family_cb, &fam);
		check(err == -ESRCH,
		      "live: a 100 KB datagram is received whole, then refused as not the "
		      "kernel's (%s)", strerror(-err));
	}
	if (fd >= 0)
		close(fd);
	free(buf);
	nl_close(&ctx);
}

void test_bigreply(void)
{
	test_show_big();
	test_no_peek();
	test_nl_grow();
	test_live_rcvbuf();
	test_live_peek();
}
