// SPDX-License-Identifier: GPL-2.0
/*
 * udpsink: receive a fixed number of UDP datagrams with recvmmsg(2), for the
 * icount benchmarks (gtpu_bench.sh).
 *
 *   udpsink -l ADDR -p PORT -n COUNT [-t IDLE_MS] [-r READY_FILE] [-S DIR]
 *
 * Binds ADDR:PORT (receive buffer forced to 64 MB so a burst is never
 * dropped here), creates READY_FILE once it is bound, then counts datagrams
 * until COUNT have arrived or, once the first one has arrived, none came for
 * IDLE_MS (default 2000). The idle timeout is armed only after the first
 * datagram: under qemu -icount sleep=off the guest clock jumps ahead while
 * the guest waits on I/O, so a timeout armed before the traffic starts can
 * expire at once.
 *
 * -S DIR: lockstep with "udpblast -S DIR" (see there): wait on the FIFO
 * DIR/go for the size of each batch, read that many datagrams without
 * being woken by them (waiting on the socket only if some are still
 * missing), then write a byte to DIR/ack.
 *
 * Prints one line: "udpsink received=N bytes=B last_len=L calls=C
 * first_ns=T0 last_ns=T1": C recvmmsg calls that returned, CLOCK_MONOTONIC
 * when the first and the last datagram were read. Exit status 1 when fewer than COUNT arrived.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 256
#define BUFSZ 2048

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void usage(void)
{
	fprintf(stderr, "usage: udpsink -l ADDR -p PORT -n COUNT [-t IDLE_MS] [-r READY_FILE] [-S DIR]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static char bufs[BATCH][BUFSZ];
	static struct mmsghdr msgs[BATCH];
	static struct iovec iovs[BATCH];
	struct sockaddr_in sa = { .sin_family = AF_INET };
	const char *addr = NULL, *ready = NULL, *sync_dir = NULL;
	unsigned long want = 0;
	int go = -1, ack = -1;
	unsigned long count = 0, got = 0, bytes = 0, last_len = 0, calls = 0;
	int port = 0, idle_ms = 2000, fd, c, i, rcvbuf = 64 << 20;
	uint64_t first = 0, last = 0;

	while ((c = getopt(argc, argv, "l:p:n:t:r:S:h")) != -1) {
		switch (c) {
		case 'l': addr = optarg; break;
		case 'p': port = atoi(optarg); break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 't': idle_ms = atoi(optarg); break;
		case 'r': ready = optarg; break;
		case 'S': sync_dir = optarg; break;
		default: usage();
		}
	}
	if (!addr || port <= 0 || port > 65535 || !count || idle_ms <= 0)
		usage();
	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1)
		usage();
	sa.sin_port = htons(port);

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("udpsink: socket");
		return 1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("udpsink: bind");
		return 1;
	}
	for (i = 0; i < BATCH; i++) {
		iovs[i].iov_base = bufs[i];
		iovs[i].iov_len = BUFSZ;
		msgs[i].msg_hdr.msg_iov = &iovs[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	if (ready) {
		int rfd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (rfd < 0) {
			perror("udpsink: ready file");
			return 1;
		}
		close(rfd);
	}
	if (sync_dir) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/go", sync_dir);
		go = open(path, O_RDONLY);
		snprintf(path, sizeof(path), "%s/ack", sync_dir);
		ack = go < 0 ? -1 : open(path, O_WRONLY);
		if (go < 0 || ack < 0) {
			perror("udpsink: lockstep FIFOs");
			return 1;
		}
	}

	while (got < count) {
		int n;

		if (sync_dir && got == want) {
			uint32_t m;
			char byte = 1;

			/* the previous batch is complete: ack it, wait for the next */
			if (want && write(ack, &byte, 1) != 1)
				break;
			if (read(go, &m, sizeof(m)) != sizeof(m))
				break;		/* the sender is gone */
			want += m;
			/* queued already: read without waiting on the socket */
			n = recvmmsg(fd, msgs, want - got < BATCH ? want - got : BATCH,
				     MSG_DONTWAIT, NULL);
			if (n < 0 && errno != EAGAIN && errno != EINTR) {
				perror("udpsink: recvmmsg");
				break;
			}
			if (n > 0)
				goto count;
		}
		/* The traffic has started once a batch was announced. */
		if (got || want) {
			struct pollfd p = { .fd = fd, .events = POLLIN };

			n = poll(&p, 1, idle_ms);
			if (n == 0)
				break;		/* idle: the rest was lost */
			if (n < 0) {
				if (errno == EINTR)
					continue;
				perror("udpsink: poll");
				break;
			}
		}
		/* Blocking until the first datagram, then only what is queued. */
		n = recvmmsg(fd, msgs, sync_dir && want - got < BATCH ? want - got : BATCH,
			     got || want ? MSG_DONTWAIT : MSG_WAITFORONE, NULL);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			perror("udpsink: recvmmsg");
			break;
		}
count:
		calls++;
		if (!got && n > 0)
			first = now_ns();
		for (i = 0; i < n; i++) {
			bytes += msgs[i].msg_len;
			last_len = msgs[i].msg_len;
		}
		got += n;
		if (n > 0)
			last = now_ns();
	}
	if (sync_dir && got == want && want) {
		char byte = 1;

		if (write(ack, &byte, 1) != 1)
			perror("udpsink: ack");
	}
	printf("udpsink received=%lu bytes=%lu last_len=%lu calls=%lu first_ns=%llu last_ns=%llu\n",
	       got, bytes, last_len, calls, (unsigned long long)first, (unsigned long long)last);
	return got >= count ? 0 : 1;
}
