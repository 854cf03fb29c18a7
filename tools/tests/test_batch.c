// SPDX-License-Identifier: GPL-2.0
/*
 * Batches of GTP-U commands against the fake kernel: pipelining with -force
 * (up to NL_PIPELINE_MAX requests per sendmsg, acks matched by sequence
 * number, failures reported with FILE:LINE in line order), the sequential
 * mode without -force, lost acks and refused large sends; nl_process_acks()
 * on crafted buffers; and the client-side cost of building requests.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gtpu.h"
#include "replies.h"
#include "session.h"
#include "tap.h"

static char buf[8192] __attribute__((aligned(4)));

static char *batch_file_len(const char *text, size_t len)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/edgectl-test-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len)
		abort();
	close(fd);
	return path;
}

static char *batch_file(const char *text)
{
	return batch_file_len(text, strlen(text));
}

/* n lines "session add ... seid I ..." for I = 1..n. */
static char *session_lines(unsigned int n)
{
	size_t size = (size_t)n * 200 + 1;
	char *text = malloc(size), *p = text;
	unsigned int i;

	*p = '\0';
	for (i = 1; i <= n; i++)
		p += sprintf(p, "session add dev index 5 seid %u pdr id 1 precedence 10 "
			     "src-iface access teid %u far 1 far id 1 action forw dst-iface core\n",
			     i, i);
	return text;
}

static uint64_t seid_of(const struct nlmsghdr *req)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, req, GENL_HDRLEN)
		if (mnl_attr_get_type(attr) == EDGEDP_A_SESSION_SEID)
			return mnl_attr_get_u64(attr);
	return 0;
}

/* Sessions 7 and 150 exist already; 100 is refused with no message. */
static int exists(struct fake *f, const struct nlmsghdr *req)
{
	uint64_t seid = seid_of(req);

	if (nl_genlhdr(req)->cmd == EDGEDP_CMD_SESSION_GET) {
		fake_reply(f, req, reply_session(buf, 5, 1));
		return 0;
	}
	if (seid == 7 || seid == 150) {
		f->msg = "session exists";
		f->offs = NLMSG_HDRLEN + GENL_HDRLEN + 8;
		return -EEXIST;
	}
	return seid == 100 ? -ENOSPC : 0;
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

static void test_pipeline(void)
{
	char *text = session_lines(200), *path, line7[64], line150[64];
	const char *e7, *e100, *e150;
	struct run r;

	path = batch_file(text);
	snprintf(line7, sizeof(line7), "Command failed %s:7\n", path);
	snprintf(line150, sizeof(line150), "Command failed %s:150\n", path);

	fake_start(exists);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "-force -b %s", path);
		run_line(&r, cmd);
	}
	e7 = strstr(r.err, "Error: session exists (attribute 3)\nedgectl: session add: File exists\n");
	e100 = strstr(r.err, "edgectl: session add: No space left on device\n");
	e150 = strstr(r.err, line150);
	check(r.rc == 2 && fk.requests == 200 && fk.bad == 0,
	      "pipeline: -force runs all 200 lines, exit 2");
	check(fk.sends == 1 + (200 + NL_PIPELINE_MAX - 1) / NL_PIPELINE_MAX,
	      "pipeline: %u requests per sendmsg: %u sends for 200 lines and the family lookup",
	      NL_PIPELINE_MAX, fk.sends);
	check(e7 && strstr(e7, line7) == e7 + strlen("Error: session exists (attribute 3)\n"
						     "edgectl: session add: File exists\n") &&
	      e100 && e150 && e7 < e100 && e100 < e150 && count(r.err, "Command failed") == 3,
	      "pipeline: each failure with its extack, errno and FILE:LINE, in line order");
	run_done(&r);
	fake_stop();

	fake_start(exists);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "-b %s", path);
		run_line(&r, cmd);
	}
	check(r.rc == 2 && fk.requests == 7 && fk.sends == 1 + 7 && strstr(r.err, line7) &&
	      count(r.err, "Command failed") == 1,
	      "sequential: without -force one request per send, nothing after line 7 runs");
	run_done(&r);
	fake_stop();

	fake_start(exists);
	fk.max_send = 1024;
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "-force -b %s", path);
		run_line(&r, cmd);
	}
	check(r.rc == 2 && fk.requests == 200 && count(r.err, "Command failed") == 3 &&
	      strstr(r.err, line150),
	      "pipeline: a socket refusing big sends gets them one by one, same results");
	run_done(&r);
	fake_stop();
	unlink(path);
	free(text);
}

static void test_pipeline_order(void)
{
	const char *text =
		"session add dev index 5 seid 7\n"		/* 1: kernel error, queued */
		"session add dev index 5 seid bad\n"		/* 2: usage error */
		"session add dev index 5 seid 8\n"		/* 3: queued */
		"session show dev index 5 seid 1\n"		/* 4: flushes, prints */
		"session add dev index 5 seid 150\n"		/* 5: kernel error */
		"help session\n"				/* 6 */
		"pdr del dev index 5 seid 100 id 1\n";		/* 7: kernel error */
	char *path = batch_file(text), cmd[128], want[64];
	const char *l1, *l2, *l5, *l7;
	struct run r;

	fake_start(exists);
	snprintf(cmd, sizeof(cmd), "-force -b %s", path);
	run_line(&r, cmd);
	snprintf(want, sizeof(want), "%s:1\n", path);
	l1 = strstr(r.err, want);
	snprintf(want, sizeof(want), "%s:2\n", path);
	l2 = strstr(r.err, want);
	snprintf(want, sizeof(want), "%s:5\n", path);
	l5 = strstr(r.err, want);
	snprintf(want, sizeof(want), "%s:7\n", path);
	l7 = strstr(r.err, want);
	check(r.rc == 2 && l1 && l2 && l5 && l7 && l1 < l2 && l2 < l5 && l5 < l7 &&
	      strstr(r.err, "edgectl: session add: invalid SEID \"bad\"") < l2 &&
	      strstr(r.err, "edgectl: pdr del: No space left on device\n") &&
	      count(r.err, "Command failed") == 4,
	      "pipeline: a usage error comes after the kernel errors of the lines before it");
	check(!strncmp(r.out, "session 0x1 dev if5", 19) && strstr(r.out, "Usage: edgectl session"),
	      "pipeline: a show in the batch prints, after what was queued was sent");
	run_done(&r);
	fake_stop();
	unlink(path);
}

/* A line with a NUL byte among pipelined ones: reported in line order, not run. */
static void test_pipeline_nul(void)
{
	static const char text[] =
		"session add dev index 5 seid 7\n"		/* 1: kernel error, queued */
		"session add dev index 5 seid 8\0 seid 9\n"	/* 2: NUL byte */
		"session add dev index 5 seid 150\n";		/* 3: kernel error */
	char *path = batch_file_len(text, sizeof(text) - 1), cmd[128], want[64];
	const char *l1, *l2, *l3, *nul;
	struct run r;

	fake_start(exists);
	snprintf(cmd, sizeof(cmd), "-force -b %s", path);
	run_line(&r, cmd);
	snprintf(want, sizeof(want), "%s:1\n", path);
	l1 = strstr(r.err, want);
	snprintf(want, sizeof(want), "%s:2\n", path);
	l2 = strstr(r.err, want);
	snprintf(want, sizeof(want), "%s:3\n", path);
	l3 = strstr(r.err, want);
	nul = strstr(r.err, "edgectl: NUL byte at column 31\n");
	check(r.rc == 2 && fk.requests == 2 && l1 && nul && l2 && l3 && l1 < nul && nul < l2 &&
	      l2 < l3 && count(r.err, "Command failed") == 3,
	      "pipeline: a line with a NUL byte is not run, its error after the kernel's of "
	      "the lines before it");
	run_done(&r);
	fake_stop();
	unlink(path);
}

/* The ack of the third request is lost: the socket said ENOBUFS. */
static int lose_third(struct fake *f, const struct nlmsghdr *req)
{
	static uint32_t first;

	if (!first || req->nlmsg_seq < first)
		first = req->nlmsg_seq;
	if (req->nlmsg_seq == first + 2)
		f->drop_seq = req->nlmsg_seq;
	return 0;
}

static void test_lost_acks(void)
{
	char *path = batch_file("session add dev index 5 seid 1\nsession add dev index 5 seid 2\n"
				"session add dev index 5 seid 3\nsession add dev index 5 seid 4\n"),
	     cmd[128], want[64];
	struct run r;

	fake_start(lose_third);
	snprintf(cmd, sizeof(cmd), "-force -b %s", path);
	run_line(&r, cmd);
	snprintf(want, sizeof(want), "%s:3\n", path);
	check(r.rc == 2 && strstr(r.err, "No buffer space available\n") && strstr(r.err, want) &&
	      count(r.err, "Command failed") == 1,
	      "pipeline: a lost ack fails its line only (ENOBUFS), without waiting forever");
	run_done(&r);
	fake_stop();
	unlink(path);
}

static void test_process_acks(void)
{
	struct nl_result res[4];
	struct nlmsghdr *req, *nlh;
	bool acked[4] = { false };
	char reqbuf[64] __attribute__((aligned(4)));
	size_t len;
	int found;

	req = reply_start(reqbuf, TEST_FAMILY, EDGEDP_CMD_SESSION_DEL, 102, NLM_F_REQUEST);
	nlh = reply_err(buf, req, -ENOENT, "no such session", -1, true);
	req->nlmsg_seq = 100;
	nlh = reply_err(buf + reply_len(buf, nlh), req, 0, NULL, -1, true);
	req->nlmsg_seq = 99;	/* stale */
	nlh = reply_err(buf + reply_len(buf, nlh), req, -EPERM, NULL, -1, true);
	req->nlmsg_seq = 102;	/* a duplicate is ignored */
	nlh = reply_err(buf + reply_len(buf, nlh), req, 0, NULL, -1, true);
	nlh = reply_session(buf + reply_len(buf, nlh), 5, 1);	/* data */
	nlh->nlmsg_seq = 101;
	len = reply_len(buf, nlh);
	memset(res, 0xff, sizeof(res));
	found = nl_process_acks(buf, len, 100, 4, res, acked);
	check(found == 2 && acked[0] && !acked[1] && acked[2] && !acked[3] && res[0].err == 0 &&
	      res[2].err == -ENOENT && !strcmp(res[2].ext.msg, "no such session"),
	      "acks: out of order, stale, duplicate and data messages");
	req->nlmsg_seq = 101;
	nlh = reply_done(buf, 101, -EINTR, NULL);
	req->nlmsg_seq = 103;
	nlh = reply_err(buf + reply_len(buf, nlh), req, -EINVAL, "x", -1, false);
	found = nl_process_acks(buf, reply_len(buf, nlh), 100, 4, res, acked);
	check(found == 2 && acked[1] && acked[3] && res[1].err == -EINTR && res[3].err == -EINVAL &&
	      !strcmp(res[3].ext.msg, "x"), "acks: NLMSG_DONE and an uncapped error");
	memset(acked, 0, sizeof(acked));
	req->nlmsg_seq = 0xffffffff;
	nlh = reply_err(buf, req, 0, NULL, -1, true);
	req->nlmsg_seq = 1;
	nlh = reply_err(buf + reply_len(buf, nlh), req, -EBUSY, NULL, -1, true);
	found = nl_process_acks(buf, reply_len(buf, nlh), 0xfffffffe, 4, res, acked);
	check(found == 2 && acked[1] && acked[3] && res[3].err == -EBUSY,
	      "acks: sequence numbers that wrap");
	memset(acked, 0, sizeof(acked));
	found = nl_process_acks(buf, reply_len(buf, nlh) - 2, 0xfffffffe, 4, res, acked);
	check(found == -EBADMSG && acked[1], "acks: a truncated message, the acks before it kept");
	nlh = reply_err(buf, req, 7, NULL, -1, true);
	memset(acked, 0, sizeof(acked));
	found = nl_process_acks(buf, reply_len(buf, nlh), 1, 1, res, acked);
	check(found == 1 && res[0].err == -EBADMSG && res[0].malformed,
	      "acks: a positive error is a malformed ack");
}

/*
 * The assumption the pipeline rests on, against the real kernel (no edgedp
 * needed): requests packed in one sendmsg() are each handled, each acked by
 * its sequence number, and a failing one does not stop the next. nlctrl's
 * GETFAMILY fails with ENOENT for a family that does not exist.
 */
static void test_live_pipeline(void)
{
	static struct nl_ctx ctx;
	static char reqs[NL_PIPELINE_MAX * 64] __attribute__((aligned(4)));
	static const char *const names[] = { "nlctrl", "edgedp-nosuch", "nlctrl", "nosuch2" };
	struct nl_result res[NL_PIPELINE_MAX];
	unsigned int i, n = NL_PIPELINE_MAX, failed, right = 0;
	uint32_t first = 0;
	size_t len = 0;

	memset(&ctx, 0, sizeof(ctx));
	if (nl_open(&ctx, "nlctrl", NULL)) {
		tap_skip("no generic netlink here", "live: pipelined requests to nlctrl");
		return;
	}
	for (i = 0; i < n; i++) {
		struct nlmsghdr *nlh = nl_msg_start(reqs + len, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);

		mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, names[i % 4]);
		nl_prepare(&ctx, nlh);
		if (!i)
			first = nlh->nlmsg_seq;
		len += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	failed = nl_pipeline(&ctx, reqs, len, first, n, res);
	for (i = 0; i < n; i++)
		right += res[i].err == (i % 2 ? -ENOENT : 0);
	check(failed == n / 2 && right == n,
	      "live: %u requests in one sendmsg to the kernel, every other one failing: "
	      "each acked in order (%u right)", n, right);
	nl_close(&ctx);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The session of the brief's example, 2 PDRs and 2 FARs, one per UE. */
static char *example_lines(unsigned int n)
{
	char *text = malloc((size_t)n * 400 + 1), *p = text;
	unsigned int i;

	*p = '\0';
	for (i = 0; i < n; i++)
		p += sprintf(p, "session add dev index 5 seid %u pdr id 1 precedence 10 "
			     "src-iface access teid %u ue 10.%u.%u.%u far 1 pdr id 2 precedence 10 "
			     "src-iface core ue 10.%u.%u.%u far 2 far id 1 action forw dst-iface core "
			     "far id 2 action forw dst-iface access teid %u peer 10.0.0.1 qfi 9\n",
			     i + 1, i + 1, 64 + (i >> 16), i >> 8 & 255, i & 255,
			     64 + (i >> 16), i >> 8 & 255, i & 255, i + 1);
	return text;
}

/*
 * The client-side cost of one "session add" line: tokenize, parse and build
 * the request into a buffer; then the whole batch path (getline, tokenize,
 * parse, build, pipeline, match the acks) with a fake kernel acking without
 * syscalls. Under ASan in the unit tests; make bench for -O2.
 */
void bench_build(unsigned int n, double *build_us, double *batch_us)
{
	static char req[NL_TX_SIZE] __attribute__((aligned(4)));
	char *argv[TOKENIZE_MAX_ARGS], *text, *line, *path, cmd[128];
	struct nlmsghdr *nlh = NULL;
	struct session_args a;
	unsigned int i, bad = 0;
	size_t bytes = 0;
	const char *why;
	double t0;
	struct run r;

	text = example_lines(n);
	path = batch_file(text);
	t0 = now();
	for (i = 0, line = text; i < n; i++) {
		char *end = strchr(line, '\n');
		int argc;

		*end = '\0';
		argc = tokenize(line, argv, ARRAY_SIZE(argv), &why);
		if (argc < 2 || session_parse(argc - 2, argv + 2, SESSION_ARG_SEID |
					      SESSION_ARG_NEED_SEID | SESSION_ARG_RULES, &a))
			bad++;
		nlh = nl_msg_start(req, TEST_FAMILY, EDGEDP_CMD_SESSION_NEW, EDGEDP_GENL_VERSION, 0);
		session_put(nlh, &a);
		bytes += nlh->nlmsg_len;
		session_args_free(&a);
		line = end + 1;
	}
	*build_us = (now() - t0) * 1e6 / n;
	if (nlh)
		nlh->nlmsg_flags |= NLM_F_ACK;
	if (bad || !nlh || !fake_request_ok(nlh))
		*build_us = -1;
	free(text);

	fake_start(NULL);
	snprintf(cmd, sizeof(cmd), "-force -b %s", path);
	t0 = now();
	run_line(&r, cmd);
	*batch_us = (now() - t0) * 1e6 / n;
	if (r.rc || fk.requests != n || fk.bad)
		*batch_us = -1;
	printf("# bench: %u session add lines (2 PDRs, 2 FARs), %zu bytes a request, "
	       "%u sendmsg in the batch\n", n, bytes / n, fk.sends);
	run_done(&r);
	fake_stop();
	unlink(path);
}

/*
 * The dump bench_show() gets: built before the command runs, so that what is
 * timed is edgectl's share, in datagrams of at most NL_RX_SIZE bytes as the
 * kernel fills a dump's skbs.
 */
static struct {
	char *buf;
	size_t len;
	size_t *ends;	/* where each datagram ends */
	unsigned int n;
} show_dump;

static void show_dump_build(unsigned int n)
{
	static char b[4096] __attribute__((aligned(4)));
	size_t start = 0, size = 0;
	unsigned int i;

	memset(&show_dump, 0, sizeof(show_dump));
	show_dump.ends = malloc((size_t)n * sizeof(*show_dump.ends));
	if (!show_dump.ends)
		abort();
	for (i = 0; i < n; i++) {
		struct nlmsghdr *nlh = reply_session(b, 1, i + 1);
		size_t len = NLMSG_ALIGN(nlh->nlmsg_len);

		if (show_dump.len + len > size) {
			size = 2 * (show_dump.len + len);
			show_dump.buf = realloc(show_dump.buf, size);
			if (!show_dump.buf)
				abort();
		}
		if (show_dump.len + len - start > NL_RX_SIZE) {
			show_dump.ends[show_dump.n++] = show_dump.len;
			start = show_dump.len;
		}
		memcpy(show_dump.buf + show_dump.len, nlh, len);
		show_dump.len += len;
	}
	show_dump.ends[show_dump.n++] = show_dump.len;
}

static int many_sessions(struct fake *f, const struct nlmsghdr *req)
{
	size_t start = 0;
	unsigned int i;

	if (nl_genlhdr(req)->cmd != EDGEDP_CMD_SESSION_GET)
		return 0;
	for (i = 0; i < show_dump.n; i++) {
		fake_reply_datagram(f, req, show_dump.buf + start, show_dump.ends[i] - start);
		start = show_dump.ends[i];
	}
	return 0;
}

double bench_show(unsigned int n, bool json, size_t *bytes)
{
	struct run r;
	double t0, us;

	show_dump_build(n);
	fake_start(many_sessions);
	t0 = now();
	run_line(&r, json ? "-j session show dev index 1" : "session show dev index 1");
	us = (now() - t0) * 1e6 / n;
	*bytes = r.out ? strlen(r.out) : 0;
	if (r.rc)
		us = -1;
	run_done(&r);
	fake_stop();
	free(show_dump.buf);
	free(show_dump.ends);
	return us;
}

void test_batch(void)
{
	double build, batch;

	test_pipeline();
	test_pipeline_order();
	test_pipeline_nul();
	test_lost_acks();
	test_process_acks();
	test_live_pipeline();
	bench_build(100000, &build, &batch);
	check(build > 0, "bench: 100000 session add lines tokenized, parsed and built: %.2f us each "
	      "(ASan; make bench for -O2)", build);
	check(batch > 0, "bench: a 100000-line -force batch through a fake kernel: %.2f us a line "
	      "(ASan; make bench for -O2)", batch);
}
