// SPDX-License-Identifier: GPL-2.0
/*
 * udpblast: send a fixed number of UDP datagrams as fast as sendmmsg(2)
 * allows, for the icount benchmarks (gtpu_bench.sh).
 *
 *   udpblast -d DST -p PORT -n COUNT -s SIZE [-b SRC] [-P SPORT] [-k FLOWS]
 *            [-B BATCH] [-w MS] [-S DIR] [-g TEID -i INNER_SRC -o INNER_DST [-I IPORT]
 *             [-O OPORT] [-q QFI] [-F INNER_FLOWS]]
 *
 * Without -g, each datagram carries SIZE bytes of payload. With -g, each is
 * a pre-built GTP-U G-PDU (TS 29.281) with TEID: the GTP-U header (with a
 * PDU Session Container, UL, carrying QFI when -q is given), then an inner
 * IPv4/UDP packet INNER_SRC:IPORT -> INNER_DST:OPORT with SIZE bytes of
 * payload and valid IPv4 and UDP checksums. The payload never changes.
 * -F INNER_FLOWS builds that many G-PDUs instead, inner source ports
 * IPORT..IPORT+INNER_FLOWS-1, sent in turn (a new inner flow each datagram
 * until they wrap): the sender does no more work per datagram than with one.
 *
 * -k FLOWS spreads the datagrams over FLOWS sockets bound to source ports
 * SPORT..SPORT+FLOWS-1 (one batch per socket in turn); without -P they are
 * ephemeral. Sockets are connected, batches are BATCH (default 64).
 *
 * -S DIR runs in lockstep with "udpsink -S DIR": after each batch, the
 * number of datagrams it carried goes down the FIFO DIR/go and the sender
 * waits for a byte on DIR/ack, which the sink writes once it has read them
 * all. Sender and sink then take turns in a fixed pattern whatever the
 * scheduler (without it, how often the sink is woken and how much it reads
 * per call depend on the scheduler's wakeup preemption: one datagram per
 * call on 6.1's CFS, a varying number on 6.12's EEVDF).
 *
 * -w MS sleeps MS milliseconds after the setup, before the clock starts:
 * under qemu -icount sleep=off an idle guest costs no time, and deferred
 * work queued by the setup (exec, namespace entry) runs there rather than
 * inside the measurement.
 *
 * Prints one line: "udpblast sent=N start_ns=T0 end_ns=T1" with
 * CLOCK_MONOTONIC taken just before the first and after the last sendmmsg.
 * Exit status 1 when not every datagram was sent.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_BATCH 1024
#define MAX_FLOWS 1024

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: udpblast -d DST -p PORT -n COUNT -s SIZE [-b SRC] [-P SPORT] [-k FLOWS]\n"
		"                [-B BATCH] [-w MS] [-S DIR] [-g TEID -i INNER_SRC -o INNER_DST [-I IPORT] [-O OPORT] [-q QFI]\n"
		"                [-F INNER_FLOWS]]\n");
	exit(2);
}

static uint32_t csum_add(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *p = data;

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

static int parse_addr(const char *s, struct in_addr *a)
{
	if (inet_pton(AF_INET, s, a) != 1) {
		fprintf(stderr, "udpblast: bad IPv4 address %s\n", s);
		exit(2);
	}
	return 0;
}

/* GTP-U G-PDU carrying an IPv4/UDP packet; returns its length. */
static size_t build_gpdu(uint8_t *buf, uint32_t teid, int qfi,
			 struct in_addr isrc, struct in_addr idst,
			 uint16_t isport, uint16_t idport, size_t size)
{
	size_t gh = qfi >= 0 ? 16 : 8, ilen = 20 + 8 + size;
	uint8_t *ip = buf + gh, *udp = ip + 20;
	uint32_t sum;

	memset(buf, 0, gh + ilen);
	buf[0] = qfi >= 0 ? 0x34 : 0x30;	/* version 1, PT, [E] */
	buf[1] = 0xff;				/* G-PDU */
	put16(buf + 2, (uint16_t)(gh - 8 + ilen));
	put32(buf + 4, teid);
	if (qfi >= 0) {
		/* seq 0, N-PDU 0, next: PDU Session Container */
		buf[11] = 0x85;
		buf[12] = 1;			/* 4 octets */
		buf[13] = 0x10;			/* PDU type 1: UL PDU SESSION INFORMATION */
		buf[14] = qfi & 0x3f;
		buf[15] = 0;			/* no next extension */
	}
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)ilen);
	ip[6] = 0x40;				/* DF */
	ip[8] = 64;
	ip[9] = IPPROTO_UDP;
	memcpy(ip + 12, &isrc, 4);
	memcpy(ip + 16, &idst, 4);
	put16(ip + 10, csum_fold(csum_add(0, ip, 20)));
	put16(udp, isport);
	put16(udp + 2, idport);
	put16(udp + 4, (uint16_t)(8 + size));
	memset(udp + 8, 0xa5, size);
	/* pseudo header + UDP */
	sum = csum_add(0, ip + 12, 8);
	sum += IPPROTO_UDP + 8 + size;
	sum = csum_add(sum, udp, 8 + size);
	sum = csum_fold(sum);
	put16(udp + 6, sum ? sum : 0xffff);
	return gh + ilen;
}

int main(int argc, char **argv)
{
	const char *dst = NULL, *src = NULL, *isrc_s = NULL, *idst_s = NULL;
	unsigned long count = 0, size = 0, teid = 0;
	int port = 0, sport = 0, flows = 1, batch = 64, qfi = -1, gtpu = 0;
	int iport = 9000, oport = 9000, wait_ms = 0, go = -1, ack = -1, c, i, fds[MAX_FLOWS];
	int inner_flows = 1;
	const char *sync_dir = NULL;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct in_addr isrc = {0}, idst = {0};
	struct mmsghdr *msgs;
	struct iovec *iov;
	uint64_t t0, t1;
	unsigned long sent = 0, b = 0, off = 0;
	uint8_t *buf;
	size_t len = 0, stride;

	while ((c = getopt(argc, argv, "d:p:n:s:b:P:k:B:w:S:g:i:o:I:O:q:F:h")) != -1) {
		switch (c) {
		case 'd': dst = optarg; break;
		case 'p': port = atoi(optarg); break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 's': size = strtoul(optarg, NULL, 0); break;
		case 'b': src = optarg; break;
		case 'P': sport = atoi(optarg); break;
		case 'k': flows = atoi(optarg); break;
		case 'B': batch = atoi(optarg); break;
		case 'w': wait_ms = atoi(optarg); break;
		case 'S': sync_dir = optarg; break;
		case 'g': gtpu = 1; teid = strtoul(optarg, NULL, 0); break;
		case 'i': isrc_s = optarg; break;
		case 'o': idst_s = optarg; break;
		case 'I': iport = atoi(optarg); break;
		case 'O': oport = atoi(optarg); break;
		case 'q': qfi = atoi(optarg); break;
		case 'F': inner_flows = atoi(optarg); break;
		default: usage();
		}
	}
	if (!dst || port <= 0 || port > 65535 || !count || size > 65000 ||
	    flows < 1 || flows > MAX_FLOWS || batch < 1 || batch > MAX_BATCH ||
	    (gtpu && (!isrc_s || !idst_s)) || (!gtpu && qfi >= 0) || qfi > 63 ||
	    inner_flows < 1 || inner_flows > 65536 || (inner_flows > 1 && !gtpu))
		usage();

	stride = size + 64;
	buf = malloc(stride * inner_flows);
	/* A batch may start at any of the inner flows: msgs[i] sends flow i % inner_flows. */
	msgs = calloc(inner_flows + batch, sizeof(*msgs));
	iov = calloc(inner_flows, sizeof(*iov));
	if (!buf || !msgs || !iov)
		return 1;
	if (gtpu) {
		parse_addr(isrc_s, &isrc);
		parse_addr(idst_s, &idst);
		for (i = 0; i < inner_flows; i++)
			len = build_gpdu(buf + i * stride, (uint32_t)teid, qfi, isrc, idst,
					 (uint16_t)(iport + i), (uint16_t)oport, size);
	} else {
		memset(buf, 0xa5, size);
		len = size;
	}
	for (i = 0; i < inner_flows; i++) {
		iov[i].iov_base = buf + i * stride;
		iov[i].iov_len = len;
	}

	for (i = 0; i < flows; i++) {
		struct sockaddr_in la = { .sin_family = AF_INET };
		int sndbuf = 4 << 20;

		fds[i] = socket(AF_INET, SOCK_DGRAM, 0);
		if (fds[i] < 0) {
			perror("udpblast: socket");
			return 1;
		}
		setsockopt(fds[i], SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof(sndbuf));
		if (src || sport) {
			if (src)
				parse_addr(src, &la.sin_addr);
			la.sin_port = htons(sport ? sport + i : 0);
			if (bind(fds[i], (struct sockaddr *)&la, sizeof(la))) {
				perror("udpblast: bind");
				return 1;
			}
		}
		parse_addr(dst, &sa.sin_addr);
		sa.sin_port = htons(port);
		if (connect(fds[i], (struct sockaddr *)&sa, sizeof(sa))) {
			perror("udpblast: connect");
			return 1;
		}
	}

	for (i = 0; i < inner_flows + batch; i++) {
		msgs[i].msg_hdr.msg_iov = &iov[i % inner_flows];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}

	if (sync_dir) {
		char path[4096];

		/* The sink opens go first, then ack: the same order here. */
		snprintf(path, sizeof(path), "%s/go", sync_dir);
		go = open(path, O_WRONLY);
		snprintf(path, sizeof(path), "%s/ack", sync_dir);
		ack = go < 0 ? -1 : open(path, O_RDONLY);
		if (go < 0 || ack < 0) {
			perror("udpblast: lockstep FIFOs");
			return 1;
		}
	}
	if (wait_ms > 0) {
		struct timespec ts = { wait_ms / 1000, (wait_ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
	t0 = now_ns();
	while (sent < count) {
		unsigned int n = count - sent < (unsigned long)batch ?
				 count - sent : (unsigned int)batch;
		int r = sendmmsg(fds[b++ % flows], msgs + off, n, 0);

		if (r < 0) {
			/* ICMP errors on a connected socket, a full queue: retry */
			if (errno == ECONNREFUSED || errno == ENOBUFS ||
			    errno == EAGAIN || errno == EINTR)
				continue;
			perror("udpblast: sendmmsg");
			break;
		}
		sent += r;
		if (inner_flows > 1)
			off = (off + r) % inner_flows;
		if (sync_dir) {
			uint32_t m = (uint32_t)r;
			char byte;

			if (write(go, &m, sizeof(m)) != sizeof(m) ||
			    read(ack, &byte, 1) != 1) {
				fprintf(stderr, "udpblast: the sink went away\n");
				break;
			}
		}
	}
	t1 = now_ns();
	printf("udpblast sent=%lu start_ns=%llu end_ns=%llu\n", sent,
	       (unsigned long long)t0, (unsigned long long)t1);
	return sent == count ? 0 : 1;
}
