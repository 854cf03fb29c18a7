// SPDX-License-Identifier: GPL-2.0
/*
 * Write seed corpora for the fuzzers into DIR/tokenize, DIR/reply and
 * DIR/filter: batch lines, kernel-like replies built by tests/replies.c, and
 * flow descriptions.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/edgedp.h>

#include "nl.h"
#include "replies.h"

static char buf[8192] __attribute__((aligned(4)));

static int put(const char *dir, const char *sub, const char *name, uint8_t sel,
	       const void *data, size_t len)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	if (mkdir(path, 0755) && errno != EEXIST)
		return -1;
	snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
	fp = fopen(path, "w");
	if (!fp)
		return -1;
	if (sel != 0xff)
		fputc(sel, fp);
	fwrite(data, 1, len, fp);
	return fclose(fp);
}

static int reply(const char *dir, const char *name, uint8_t sel, const struct nlmsghdr *last)
{
	return put(dir, "reply", name, sel, buf, reply_len(buf, last));
}

int main(int argc, char **argv)
{
	static const char *const lines[] = {
		"dev add edgedp0\n",
		"# comment\n\ndev show -s\ndev del index 3\n",
		"dev add \"a b\" 'c d' e\\ f\n",
		"-j info\nmonitor help\nhelp dev\n",
		"dev show name edgedp0 stats # trailing\n",
		"\x01ep add dev index 5 10.0.0.2 port 2152 role n3\nep del dev lo 2001:db8::2\n"
		"ep show dev index 5\n",
		"session add dev index 5 seid 1 pdr id 1 precedence 10 src-iface access teid 100 "
		"ue 10.60.0.1 far 1 pdr id 2 precedence 10 src-iface core ue 10.60.0.1 far 2 "
		"far id 1 action forw dst-iface core far id 2 action forw dst-iface access "
		"teid 200 peer 10.0.0.1 qfi 9\n",
		"\x03session mod dev index 5 seid 0x7 pdr id 3 far 4 qer 1 remove-far 2 "
		"remove-pdr 1 far id 4 action buff,nocp qer id 1 gate-ul closed mbr-dl 1000 "
		"peer-check off remove-qer 9\nsession show dev index 5 seid 7 -s\n"
		"session del dev index 5 seid 7\n",
		"\x01pdr add dev index 5 seid 1 id 7 precedence 1 src-iface access far 3 "
		"teid 0xabcdef local 2001:db8::2 ue 2001:db8:60::/48 qfi 5 ohr gtpu-udp-ipv6\n"
		"pdr change dev index 5 seid 1 id 7 ue 10.0.0.1/32\npdr del dev index 5 seid 1 id 7\n"
		"far replace dev index 5 seid 1 id 4 action forw dst-iface cp teid 1 "
		"peer 2001:db8::1 port 2153 qfi 63 dscp 46\nqer add dev index 5 seid 1 id 1 "
		"gate-dl open mbr-ul 5 qfi 1\nqer del dev index 5 seid 1 id 1\n",
	};
	static const char *const filters[] = {
		"permit out udp from 192.0.2.0/24 5000-5100 to 10.60.0.0/16",
		"permit out 6 from 2001:db8::1 80,443 to 2001:db8:60::/48 1-2,65535 "
		"tos 0xb8/0xfc flowlabel 0x12345 spi 7",
		"permit out ip from any to assigned",
		"deny in icmp from !10.0.0.1 80 to any frag",
	};
	struct nlmsghdr *req, *nlh;
	const char *dir;
	unsigned int i;
	int err = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 1;
	}
	dir = argv[1];
	if (mkdir(dir, 0755) && errno != EEXIST)
		return 1;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		char name[16];

		snprintf(name, sizeof(name), "line%u", i);
		err |= put(dir, "tokenize", name, 0xff, lines[i], strlen(lines[i]));
	}
	for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		char name[16];

		snprintf(name, sizeof(name), "filter%u", i);
		err |= put(dir, "filter", name, 0xff, filters[i], strlen(filters[i]));
	}

	nlh = reply_dev(buf, EDGEDP_CMD_DEV_GET, 5, "edgedp0", true);
	nlh = reply_dev(buf + reply_len(buf, nlh), EDGEDP_CMD_DEV_GET, 6, "edgedp1", true);
	nlh = reply_done(buf + reply_len(buf, nlh), TEST_SEQ, 0, NULL);
	err |= reply(dir, "dev-dump", 0x10 | 0x20, nlh);
	err |= reply(dir, "dev-dump-json", 0x10 | 0x04, nlh);

	req = reply_dev(buf + 4096, EDGEDP_CMD_DEV_NEW, 0, "edgedp0", false);
	nlh = reply_err(buf, req, -EEXIST, "name in use", NLMSG_HDRLEN + GENL_HDRLEN, false);
	err |= reply(dir, "err-uncapped", 0, nlh);
	nlh = reply_err(buf, req, -EPERM, "admin only", -1, true);
	err |= reply(dir, "err-capped", 0, nlh);
	nlh = reply_done(buf, TEST_SEQ, -EINVAL, "bad dump");
	err |= reply(dir, "done-err", 0, nlh);

	nlh = reply_info(buf);
	err |= reply(dir, "info", 1, nlh);
	nlh = reply_dev(buf, EDGEDP_CMD_DEV_ADD_NTF, 5, "edgedp0", false);
	err |= reply(dir, "event", 2 | 4, nlh);
	nlh = reply_ctrl(buf, 0x1d);
	err |= reply(dir, "ctrl", 3, nlh);

	nlh = reply_ep(buf, 5, "10.0.0.2", 2152, EDGEDP_EP_N3);
	nlh = reply_ep(buf + reply_len(buf, nlh), 5, "2001:db8::2", 2153, 9);
	nlh = reply_done(buf + reply_len(buf, nlh), TEST_SEQ, 0, NULL);
	err |= reply(dir, "ep-dump", 4 | 8, nlh);
	nlh = reply_session(buf, 5, 1);
	nlh = reply_session6(buf + reply_len(buf, nlh), 5, 2);
	nlh = reply_done(buf + reply_len(buf, nlh), TEST_SEQ, 0, NULL);
	err |= reply(dir, "session-dump", 5, nlh);
	err |= reply(dir, "session-dump-stats-json", 6 | 8 | 64, nlh);

	req = reply_dev(buf + 4096, EDGEDP_CMD_SESSION_NEW, 0, "x", false);
	for (i = 0, nlh = NULL; i < 8; i++) {
		req->nlmsg_seq = TEST_SEQ + 7 - i;	/* out of order */
		nlh = reply_err(nlh ? buf + reply_len(buf, nlh) : buf, req, i % 3 ? 0 : -17,
				i % 3 ? NULL : "exists", i % 2 ? 24 : -1, true);
	}
	err |= reply(dir, "acks", 7, nlh);
	return err ? 1 : 0;
}
