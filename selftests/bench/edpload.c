// SPDX-License-Identifier: GPL-2.0
/*
 * edpload: configures edgedp for the benchmarks over raw generic netlink,
 * and installs/dumps sessions in bulk, pipelined (no text parsing, no ack
 * per request): the fastest a PFCP agent could drive the family.
 *
 *   edpload dev NAME                          EDGEDP_CMD_DEV_NEW, prints the ifindex
 *   edpload ep IFNAME ADDR4 [ROLE]            endpoint on ADDR4:2152, ROLE 0 any, 1 n3, 2 n9
 *   edpload session IFNAME SEID UL_TEID UE4 DL_TEID PEER4 [QFI]
 *       one session with two PDRs and two FARs: uplink PDR 1 (access,
 *       TEID UL_TEID, OHR GTP-U/UDP/IPv4, UE4 [, QFI]) -> FAR 1 forward to
 *       core (decapsulate); downlink PDR 2 (core, UE4) -> FAR 2 forward to
 *       access with TEID DL_TEID to PEER4 [with a PDU Session Container, QFI]
 *   edpload bulk IFNAME COUNT FIRST PEER4     COUNT sessions of the same shape,
 *       index i = FIRST..FIRST+COUNT-1: SEID 0x10000000+i, UL TEID 0x1000000+i,
 *       UE 10.128.0.0+i, DL TEID 0x2000000+i; requests packed ~128 KB per
 *       sendmsg, without NLM_F_ACK (errors still come back and are counted)
 *   edpload del IFNAME SEID                   deletes a session
 *   edpload dump IFNAME                       dumps every session, counts them
 *
 * bulk and dump print "edpload OP count=N errors=E elapsed_ns=T" (CLOCK_MONOTONIC
 * around the netlink work) and exit 1 on any error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/edgedp.h>

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

#define SEND_CHUNK (128 * 1024)
#define RECV_BUF (256 * 1024)

static int nl_fd;
static uint16_t family_id;
static uint32_t seq = 1;
static unsigned long n_errors;
static int first_err;
static char first_ext[256];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void die(const char *msg)
{
	perror(msg);
	exit(1);
}

/* A message being built in a caller's buffer. */
struct msg {
	uint8_t *buf;
	size_t len;
};

static struct nlattr *put_attr(struct msg *m, uint16_t type, const void *data,
			       size_t len)
{
	struct nlattr *a = (struct nlattr *)(m->buf + m->len);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((uint8_t *)a + NLA_HDRLEN, data, len);
	memset((uint8_t *)a + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	m->len += NLA_HDRLEN + NLA_ALIGN(len);
	return a;
}

static void put_u8(struct msg *m, uint16_t t, uint8_t v) { put_attr(m, t, &v, 1); }
static void put_u16(struct msg *m, uint16_t t, uint16_t v) { put_attr(m, t, &v, 2); }
static void put_u32(struct msg *m, uint16_t t, uint32_t v) { put_attr(m, t, &v, 4); }
static void put_u64(struct msg *m, uint16_t t, uint64_t v) { put_attr(m, t, &v, 8); }

static struct nlattr *nest_start(struct msg *m, uint16_t t)
{
	return put_attr(m, t | NLA_F_NESTED, NULL, 0);
}

static void nest_end(struct msg *m, struct nlattr *a)
{
	a->nla_len = (uint8_t *)(m->buf + m->len) - (uint8_t *)a;
}

static void msg_start(struct msg *m, uint16_t type, uint16_t flags, uint8_t cmd)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(m->buf + m->len);
	struct genlmsghdr *g = (struct genlmsghdr *)(nlh + 1);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = seq++;
	nlh->nlmsg_pid = 0;
	g->cmd = cmd;
	g->version = type == GENL_ID_CTRL ? 1 : EDGEDP_GENL_VERSION;
	g->reserved = 0;
	m->len += NLMSG_HDRLEN + GENL_HDRLEN;
}

static void msg_end(struct msg *m, size_t start)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(m->buf + start);

	nlh->nlmsg_len = m->len - start;
}

static void nl_send(const void *buf, size_t len)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (sendto(nl_fd, buf, len, 0, (struct sockaddr *)&sa, sizeof(sa)) != (ssize_t)len)
		die("edpload: sendto");
}

static void note_error(struct nlmsghdr *nlh)
{
	struct nlmsgerr *e = NLMSG_DATA(nlh);

	n_errors++;
	if (first_err)
		return;
	first_err = e->error;
	first_ext[0] = 0;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		/* with NETLINK_CAP_ACK the request is not echoed */
		struct nlattr *a = (struct nlattr *)((uint8_t *)e + sizeof(*e));
		int rem = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)sizeof(*e);

		while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
			if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
				snprintf(first_ext, sizeof(first_ext), "%.*s",
					 (int)(a->nla_len - NLA_HDRLEN),
					 (char *)a + NLA_HDRLEN);
			rem -= NLA_ALIGN(a->nla_len);
			a = (struct nlattr *)((uint8_t *)a + NLA_ALIGN(a->nla_len));
		}
	}
}

/*
 * Read replies until the one with sequence @want is acked (or DONE for a
 * dump); @on_msg sees every data message. @want 0: drain without blocking.
 * Returns the error of the @want request (0 or -errno).
 */
static int nl_recv(uint32_t want, void (*on_msg)(struct nlmsghdr *))
{
	static uint8_t buf[RECV_BUF];

	for (;;) {
		ssize_t n = recv(nl_fd, buf, sizeof(buf), want ? 0 : MSG_DONTWAIT);
		struct nlmsghdr *nlh;
		int len;

		if (n < 0) {
			if (!want && (errno == EAGAIN || errno == EWOULDBLOCK))
				return 0;
			if (errno == EINTR)
				continue;
			die("edpload: recv");
		}
		len = (int)n;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);

				if (e->error)
					note_error(nlh);
				if (want && nlh->nlmsg_seq == want)
					return e->error;
				continue;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				if (want && nlh->nlmsg_seq == want)
					return 0;
				continue;
			}
			if (on_msg)
				on_msg(nlh);
		}
	}
}

static uint16_t ctrl_family_id;

static void on_family(struct nlmsghdr *nlh)
{
	struct nlattr *a = (struct nlattr *)((uint8_t *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	int rem = (int)nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN) {
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(&ctrl_family_id, (uint8_t *)a + NLA_HDRLEN, 2);
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((uint8_t *)a + NLA_ALIGN(a->nla_len));
	}
}

static void nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	uint8_t buf[256];
	struct msg m = { .buf = buf };
	int one = 1, sz = 16 << 20;
	uint32_t s;

	nl_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (nl_fd < 0)
		die("edpload: socket");
	setsockopt(nl_fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (setsockopt(nl_fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		setsockopt(nl_fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	if (setsockopt(nl_fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz)))
		setsockopt(nl_fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	if (bind(nl_fd, (struct sockaddr *)&sa, sizeof(sa)))
		die("edpload: bind");

	s = seq;
	msg_start(&m, GENL_ID_CTRL, NLM_F_ACK, CTRL_CMD_GETFAMILY);
	put_attr(&m, CTRL_ATTR_FAMILY_NAME, EDGEDP_GENL_NAME, sizeof(EDGEDP_GENL_NAME));
	msg_end(&m, 0);
	nl_send(buf, m.len);
	if (nl_recv(s, on_family) || !ctrl_family_id) {
		fprintf(stderr, "edpload: genl family %s not found\n", EDGEDP_GENL_NAME);
		exit(1);
	}
	family_id = ctrl_family_id;
	n_errors = 0;
	first_err = 0;
}

static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "edpload: %s: %s%s%s\n", what, strerror(-err),
			first_ext[0] ? ": " : "", first_ext);
		exit(1);
	}
}

static uint32_t ifindex_of(const char *name)
{
	unsigned int i = if_nametoindex(name);

	if (!i) {
		fprintf(stderr, "edpload: no device %s\n", name);
		exit(1);
	}
	return i;
}

static uint32_t addr4(const char *s)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1) {
		fprintf(stderr, "edpload: bad IPv4 address %s\n", s);
		exit(2);
	}
	return a.s_addr;
}

static uint32_t dev_ifindex;

static void on_dev(struct nlmsghdr *nlh)
{
	struct nlattr *a = (struct nlattr *)((uint8_t *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	int rem = (int)nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN) {
		if (a->nla_type == EDGEDP_A_DEV_IFINDEX)
			memcpy(&dev_ifindex, (uint8_t *)a + NLA_HDRLEN, 4);
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((uint8_t *)a + NLA_ALIGN(a->nla_len));
	}
}

/* One session request (2 PDRs, 2 FARs) appended to @m. */
static void put_session(struct msg *m, uint16_t flags, uint32_t ifindex,
			uint64_t seid, uint32_t ul_teid, uint32_t ue,
			uint32_t dl_teid, uint32_t peer, int qfi)
{
	size_t start = m->len;
	struct nlattr *n;

	msg_start(m, family_id, flags, EDGEDP_CMD_SESSION_NEW);
	put_u32(m, EDGEDP_A_SESSION_IFINDEX, ifindex);
	put_u64(m, EDGEDP_A_SESSION_SEID, seid);

	n = nest_start(m, EDGEDP_A_SESSION_PDR);
	put_u16(m, EDGEDP_A_PDR_ID, 1);
	put_u32(m, EDGEDP_A_PDR_PRECEDENCE, 100);
	put_u8(m, EDGEDP_A_PDR_SRC_IFACE, EDGEDP_IFACE_ACCESS);
	put_u32(m, EDGEDP_A_PDR_TEID, ul_teid);
	put_u8(m, EDGEDP_A_PDR_OHR, EDGEDP_OHR_GTPU_UDP_IPV4);
	put_u32(m, EDGEDP_A_PDR_UE4, ue);
	if (qfi >= 0)
		put_u8(m, EDGEDP_A_PDR_QFI, (uint8_t)qfi);
	put_u32(m, EDGEDP_A_PDR_FAR_ID, 1);
	nest_end(m, n);

	n = nest_start(m, EDGEDP_A_SESSION_PDR);
	put_u16(m, EDGEDP_A_PDR_ID, 2);
	put_u32(m, EDGEDP_A_PDR_PRECEDENCE, 100);
	put_u8(m, EDGEDP_A_PDR_SRC_IFACE, EDGEDP_IFACE_CORE);
	put_u32(m, EDGEDP_A_PDR_UE4, ue);
	put_u32(m, EDGEDP_A_PDR_FAR_ID, 2);
	nest_end(m, n);

	n = nest_start(m, EDGEDP_A_SESSION_FAR);
	put_u32(m, EDGEDP_A_FAR_ID, 1);
	put_u8(m, EDGEDP_A_FAR_ACTION, EDGEDP_FAR_FORW);
	put_u8(m, EDGEDP_A_FAR_DST_IFACE, EDGEDP_IFACE_CORE);
	nest_end(m, n);

	n = nest_start(m, EDGEDP_A_SESSION_FAR);
	put_u32(m, EDGEDP_A_FAR_ID, 2);
	put_u8(m, EDGEDP_A_FAR_ACTION, EDGEDP_FAR_FORW);
	put_u8(m, EDGEDP_A_FAR_DST_IFACE, EDGEDP_IFACE_ACCESS);
	put_u32(m, EDGEDP_A_FAR_TEID, dl_teid);
	put_u32(m, EDGEDP_A_FAR_PEER4, peer);
	if (qfi >= 0)
		put_u8(m, EDGEDP_A_FAR_QFI, (uint8_t)qfi);
	nest_end(m, n);
	msg_end(m, start);
}

static unsigned long dumped;

static void on_session(struct nlmsghdr *nlh)
{
	if (nlh->nlmsg_type == family_id)
		dumped++;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: edpload dev NAME\n"
		"       edpload ep IFNAME ADDR4 [ROLE]\n"
		"       edpload session IFNAME SEID UL_TEID UE4 DL_TEID PEER4 [QFI]\n"
		"       edpload bulk IFNAME COUNT FIRST PEER4\n"
		"       edpload del IFNAME SEID\n"
		"       edpload dump IFNAME\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static uint8_t buf[SEND_CHUNK + 4096];
	struct msg m = { .buf = buf };
	uint32_t s;

	if (argc < 3)
		usage();
	nl_open();

	if (!strcmp(argv[1], "dev") && argc == 3) {
		s = seq;
		msg_start(&m, family_id, NLM_F_ACK, EDGEDP_CMD_DEV_NEW);
		put_attr(&m, EDGEDP_A_DEV_IFNAME, argv[2], strlen(argv[2]) + 1);
		msg_end(&m, 0);
		nl_send(buf, m.len);
		check(nl_recv(s, on_dev), "dev new");
		printf("%u\n", dev_ifindex);
		return 0;
	}
	if (!strcmp(argv[1], "ep") && (argc == 4 || argc == 5)) {
		s = seq;
		msg_start(&m, family_id, NLM_F_ACK, EDGEDP_CMD_EP_NEW);
		put_u32(&m, EDGEDP_A_EP_IFINDEX, ifindex_of(argv[2]));
		put_u32(&m, EDGEDP_A_EP_ADDR4, addr4(argv[3]));
		put_u8(&m, EDGEDP_A_EP_ROLE, argc == 5 ? (uint8_t)atoi(argv[4]) : EDGEDP_EP_N3);
		msg_end(&m, 0);
		nl_send(buf, m.len);
		check(nl_recv(s, NULL), "endpoint new");
		return 0;
	}
	if (!strcmp(argv[1], "session") && (argc == 8 || argc == 9)) {
		s = seq;
		put_session(&m, NLM_F_ACK, ifindex_of(argv[2]), strtoull(argv[3], NULL, 0),
			    (uint32_t)strtoul(argv[4], NULL, 0), addr4(argv[5]),
			    (uint32_t)strtoul(argv[6], NULL, 0), addr4(argv[7]),
			    argc == 9 ? atoi(argv[8]) : -1);
		nl_send(buf, m.len);
		check(nl_recv(s, NULL), "session new");
		return 0;
	}
	if (!strcmp(argv[1], "del") && argc == 4) {
		s = seq;
		msg_start(&m, family_id, NLM_F_ACK, EDGEDP_CMD_SESSION_DEL);
		put_u32(&m, EDGEDP_A_SESSION_IFINDEX, ifindex_of(argv[2]));
		put_u64(&m, EDGEDP_A_SESSION_SEID, strtoull(argv[3], NULL, 0));
		msg_end(&m, 0);
		nl_send(buf, m.len);
		check(nl_recv(s, NULL), "session del");
		return 0;
	}
	if (!strcmp(argv[1], "bulk") && argc == 6) {
		uint32_t ifindex = ifindex_of(argv[2]), peer = addr4(argv[5]);
		unsigned long count = strtoul(argv[3], NULL, 0);
		unsigned long first = strtoul(argv[4], NULL, 0), i;
		uint32_t ue0 = ntohl(addr4("10.128.0.0"));
		uint64_t t0, t1;
		int err;

		t0 = now_ns();
		for (i = first; i < first + count; i++) {
			put_session(&m, 0, ifindex, 0x10000000ull + i,
				    0x1000000 + (uint32_t)i, htonl(ue0 + (uint32_t)i),
				    0x2000000 + (uint32_t)i, peer, -1);
			if (m.len >= SEND_CHUNK || i + 1 == first + count) {
				/* the kernel handles every request before sendto returns */
				nl_send(buf, m.len);
				m.len = 0;
				nl_recv(0, NULL);
			}
		}
		/* a final acked request: every earlier error is queued before it */
		s = seq;
		msg_start(&m, family_id, NLM_F_ACK, EDGEDP_CMD_GET_INFO);
		msg_end(&m, 0);
		nl_send(buf, m.len);
		err = nl_recv(s, NULL);
		t1 = now_ns();
		printf("edpload bulk count=%lu errors=%lu elapsed_ns=%llu\n", count, n_errors,
		       (unsigned long long)(t1 - t0));
		if (n_errors)
			fprintf(stderr, "edpload: first error: %s%s%s\n", strerror(-first_err),
				first_ext[0] ? ": " : "", first_ext);
		return n_errors || err ? 1 : 0;
	}
	if (!strcmp(argv[1], "dump") && argc == 3) {
		uint64_t t0, t1;
		int err;

		t0 = now_ns();
		s = seq;
		msg_start(&m, family_id, NLM_F_DUMP, EDGEDP_CMD_SESSION_GET);
		put_u32(&m, EDGEDP_A_SESSION_IFINDEX, ifindex_of(argv[2]));
		msg_end(&m, 0);
		nl_send(buf, m.len);
		err = nl_recv(s, on_session);
		t1 = now_ns();
		printf("edpload dump count=%lu errors=%lu elapsed_ns=%llu\n", dumped,
		       n_errors, (unsigned long long)(t1 - t0));
		check(err, "session dump");
		return n_errors ? 1 : 0;
	}
	usage();
	return 2;
}
