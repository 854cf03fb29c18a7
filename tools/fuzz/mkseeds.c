// SPDX-License-Identifier: GPL-2.0
/*
 * Write seed corpora for the fuzzers into DIR/tokenize and DIR/reply:
 * batch lines, and kernel-like replies built by tests/replies.c.
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
	return err ? 1 : 0;
}
