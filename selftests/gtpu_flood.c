// SPDX-License-Identifier: GPL-2.0
/*
 * gtpu_flood: UDP and GTP-U traffic for edgedp_stress.sh, as fast as
 * sendmmsg(2) goes, bounded in time and in count.
 *
 *   gtpu_flood [-t SECS] [-n COUNT] [-B BATCH] [-i USEC] STREAM...
 *
 *   STREAM := g,DST,TEID,INNER_SRC,INNER_DST,N     G-PDUs to DST:2152
 *           | u,DST,N                               plain UDP to DST:9
 *
 * A "g" stream sends pre-built G-PDUs (TS 29.281, no extension header) to
 * DST port 2152, in N flows taken in turn: flow i has TEID TEID+i and an
 * inner UDP packet INNER_SRC+i:9000 -> INNER_DST:9 of 32 bytes of payload,
 * with valid checksums. A "u" stream sends 32-byte UDP datagrams from port
 * 9000 to DST+i:9, i = 0..N-1 in turn. Addresses are IPv4 or IPv6, the
 * outer family that of DST, the inner that of INNER_SRC (both the same in
 * a stream). "+i" adds i to the last octets of an IPv4 address, and to the
 * fourth 16-bit group of an IPv6 one (the /64 prefix: flow i's UE prefix).
 *
 * The streams take turns, a batch of BATCH (default 32) datagrams each,
 * until SECS (default 10) have passed or each stream has sent COUNT
 * (default unlimited). -i USEC sleeps between turns. Errors (a route that
 * went away with a namespace, a full queue) are not fatal: the batch is not
 * counted past the last datagram sent, and the sender pauses a millisecond.
 * SIGTERM and SIGINT stop it like the clock does.
 *
 * Prints one line per stream, "stream I sent=N errors=E", and "total
 * sent=N". Exit status 0, or 2 on bad usage or setup.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_STREAMS	16
#define MAX_FLOWS	256
#define MAX_BATCH	256
#define PAYLOAD		32
#define GTPU_PORT	2152
#define INNER_SPORT	9000
#define INNER_DPORT	9	/* discard */
#define BUF_LEN		(8 + 40 + 8 + PAYLOAD)

struct stream {
	int fd;
	int n_flows;
	struct sockaddr_storage dst[MAX_FLOWS];
	socklen_t dlen;
	uint8_t buf[MAX_FLOWS][BUF_LEN];
	size_t len[MAX_FLOWS];
	unsigned long sent, errors;
	int next;
};

static struct stream streams[MAX_STREAMS];
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: gtpu_flood [-t SECS] [-n COUNT] [-B BATCH] [-i USEC] STREAM...\n"
		"  STREAM := g,DST,TEID,INNER_SRC,INNER_DST,N | u,DST,N\n");
	exit(2);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* An address of either family; returns AF_INET or AF_INET6. */
static int parse_addr(const char *s, uint8_t a[16])
{
	if (inet_pton(AF_INET, s, a) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, s, a) == 1)
		return AF_INET6;
	fprintf(stderr, "gtpu_flood: bad address \"%s\"\n", s);
	exit(2);
}

/* Flow i's address: +i on an IPv4 address, on an IPv6 address's 4th group. */
static void addr_add(int family, uint8_t a[16], unsigned int i)
{
	unsigned int off = family == AF_INET ? 2 : 6;
	unsigned int v = (a[off] << 8 | a[off + 1]) + i;

	a[off] = v >> 8;
	a[off + 1] = v;
}

static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	while (len > 1) {
		sum += (uint32_t)p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v); }

/* Inner IP + UDP + payload at @p; returns its length. */
static size_t build_inner(uint8_t *p, int family, const uint8_t *src,
			  const uint8_t *dst)
{
	size_t alen = family == AF_INET ? 4 : 16, ihl = family == AF_INET ? 20 : 40;
	uint8_t *udp = p + ihl;
	uint16_t ulen = 8 + PAYLOAD, c;
	uint32_t sum;

	memset(p, 0, ihl + ulen);
	if (family == AF_INET) {
		p[0] = 0x45;
		put16(p + 2, (uint16_t)(ihl + ulen));
		p[6] = 0x40;			/* DF */
		p[8] = 64;
		p[9] = IPPROTO_UDP;
		memcpy(p + 12, src, 4);
		memcpy(p + 16, dst, 4);
		put16(p + 10, csum_fold(csum_add(0, p, 20)));
	} else {
		p[0] = 0x60;
		put16(p + 4, ulen);
		p[6] = IPPROTO_UDP;
		p[7] = 64;
		memcpy(p + 8, src, 16);
		memcpy(p + 24, dst, 16);
	}
	put16(udp, INNER_SPORT);
	put16(udp + 2, INNER_DPORT);
	put16(udp + 4, ulen);
	memset(udp + 8, 0xa5, PAYLOAD);
	/* The pseudo header, then UDP. */
	sum = csum_add(0, src, alen);
	sum = csum_add(sum, dst, alen);
	sum += IPPROTO_UDP + ulen;
	sum = csum_add(sum, udp, ulen);
	c = csum_fold(sum);
	put16(udp + 6, c ? c : 0xffff);
	return ihl + ulen;
}

static void set_dst(struct stream *s, int i, int family, const uint8_t *a,
		    uint16_t port)
{
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&s->dst[i];

		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		memcpy(&sin->sin_addr, a, 4);
		s->dlen = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&s->dst[i];

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		memcpy(&sin6->sin6_addr, a, 16);
		s->dlen = sizeof(*sin6);
	}
}

static void parse_stream(struct stream *s, char *spec)
{
	char *f[7], *save = NULL, *tok;
	int n = 0, family, ifamily, i;
	uint8_t dst[16], isrc[16], idst[16], a[16];
	uint32_t teid;

	for (tok = strtok_r(spec, ",", &save); tok && n < 7;
	     tok = strtok_r(NULL, ",", &save))
		f[n++] = tok;
	if (n == 6 && !strcmp(f[0], "g")) {
		family = parse_addr(f[1], dst);
		teid = strtoul(f[2], NULL, 0);
		ifamily = parse_addr(f[3], isrc);
		if (parse_addr(f[4], idst) != ifamily)
			usage();
		s->n_flows = atoi(f[5]);
		if (s->n_flows < 1 || s->n_flows > MAX_FLOWS || !teid)
			usage();
		for (i = 0; i < s->n_flows; i++) {
			uint8_t *b = s->buf[i];

			memcpy(a, isrc, 16);
			addr_add(ifamily, a, i);
			b[0] = 0x30;		/* version 1, PT */
			b[1] = 0xff;		/* G-PDU */
			put32(b + 4, teid + i);
			s->len[i] = 8 + build_inner(b + 8, ifamily, a, idst);
			put16(b + 2, (uint16_t)(s->len[i] - 8));
			set_dst(s, i, family, dst, GTPU_PORT);
		}
	} else if (n == 3 && !strcmp(f[0], "u")) {
		family = parse_addr(f[1], dst);
		s->n_flows = atoi(f[2]);
		if (s->n_flows < 1 || s->n_flows > MAX_FLOWS)
			usage();
		for (i = 0; i < s->n_flows; i++) {
			memcpy(a, dst, 16);
			addr_add(family, a, i);
			memset(s->buf[i], 0xa5, PAYLOAD);
			s->len[i] = PAYLOAD;
			set_dst(s, i, family, a, INNER_DPORT);
		}
	} else {
		usage();
	}
	s->fd = socket(family, SOCK_DGRAM, 0);
	if (s->fd < 0) {
		perror("gtpu_flood: socket");
		exit(2);
	}
}

int main(int argc, char **argv)
{
	static struct mmsghdr msgs[MAX_BATCH];
	static struct iovec iov[MAX_BATCH];
	unsigned long count = 0, total = 0;
	int batch = 32, n_streams = 0, usec = 0, c, i;
	double secs = 10, end;

	while ((c = getopt(argc, argv, "t:n:B:i:h")) != -1) {
		switch (c) {
		case 't': secs = atof(optarg); break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 'B': batch = atoi(optarg); break;
		case 'i': usec = atoi(optarg); break;
		default: usage();
		}
	}
	if (optind == argc || argc - optind > MAX_STREAMS || batch < 1 ||
	    batch > MAX_BATCH || secs <= 0 || usec < 0)
		usage();
	for (; optind < argc; optind++)
		parse_stream(&streams[n_streams++], argv[optind]);

	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	end = now() + secs;
	while (!stop && now() < end) {
		int busy = 0;

		for (i = 0; i < n_streams && !stop; i++) {
			struct stream *s = &streams[i];
			unsigned int n = batch, k;
			int r;

			if (count && s->sent >= count)
				continue;
			busy = 1;
			if (count && count - s->sent < n)
				n = count - s->sent;
			for (k = 0; k < n; k++) {
				int f = (s->next + k) % s->n_flows;

				iov[k].iov_base = s->buf[f];
				iov[k].iov_len = s->len[f];
				memset(&msgs[k], 0, sizeof(msgs[k]));
				msgs[k].msg_hdr.msg_name = &s->dst[f];
				msgs[k].msg_hdr.msg_namelen = s->dlen;
				msgs[k].msg_hdr.msg_iov = &iov[k];
				msgs[k].msg_hdr.msg_iovlen = 1;
			}
			r = sendmmsg(s->fd, msgs, n, 0);
			if (r > 0) {
				s->sent += r;
				s->next = (s->next + r) % s->n_flows;
			}
			if (r < (int)n) {
				/* The datagram after the last one sent failed. */
				s->errors++;
				usleep(1000);
			}
		}
		if (!busy)
			break;
		if (usec)
			usleep(usec);
	}
	for (i = 0; i < n_streams; i++) {
		printf("stream %d sent=%lu errors=%lu\n", i, streams[i].sent,
		       streams[i].errors);
		total += streams[i].sent;
	}
	printf("total sent=%lu\n", total);
	return 0;
}
