// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: batch input. Each input is tokenized as one line (the
 * tokens must stay inside the line), then run whole as a batch file through
 * every object's argument parser and request builder, against the fake
 * kernel of tests/fake.c: with -force (pipelined) when the first byte is
 * odd, else stopping at the first failure. The fake kernel refuses every
 * third request and answers session and endpoint dumps; a request that is
 * not well-formed (attributes to the last byte, NLA_F_NESTED on rule nests
 * only) is a crash.
 */

#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "edgectl.h"
#include "fake.h"
#include "replies.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int kernel(struct fake *f, const struct nlmsghdr *req)
{
	static char buf[8192] __attribute__((aligned(4)));
	const struct genlmsghdr *genl = nl_genlhdr(req);

	switch (genl->cmd) {
	case EDGEDP_CMD_SESSION_GET:
		fake_reply(f, req, reply_session(buf, 1, 1));
		fake_reply(f, req, reply_session6(buf, 5, 2));
		return 0;
	case EDGEDP_CMD_EP_GET:
		fake_reply(f, req, reply_ep(buf, 1, "2001:db8::1", 2152, EDGEDP_EP_N9));
		return 0;
	}
	if (req->nlmsg_seq % 3)
		return 0;
	f->msg = "refused";
	f->offs = req->nlmsg_seq % 64;
	return -22;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	static struct fake fk;
	char *line, *argv[TOKENIZE_MAX_ARGS];
	const char *why;
	int argc, i;
	FILE *fp;

	if (!null) {
		null = fopen("/dev/null", "w");
		out_fp = err_fp = null;
	}
	line = malloc(size + 1);
	memcpy(line, data, size);
	line[size] = '\0';
	argc = tokenize(line, argv, ARRAY_SIZE(argv), &why);
	for (i = 0; i < argc; i++)
		if (argv[i] < line || argv[i] + strlen(argv[i]) > line + size)
			__builtin_trap();
	free(line);

	if (!size)
		return 0;
	fp = fmemopen((void *)data, size, "r");
	if (!fp)
		return 0;
	fake_free(&fk);
	fake_init(&fk);
	fk.handler = kernel;
	edgectl_transport = &fk.t;
	print_init(null, data[0] & 2, data[0] & 4);
	edgectl_batch(fp, "fuzz", data[0] & 1);
	print_finish();
	edgectl_flush();
	fclose(fp);
	edgectl_main(2, (char *[]){ "edgectl", "help", NULL });	/* closes the socket */
	if (fk.bad)
		__builtin_trap();
	return 0;
}
