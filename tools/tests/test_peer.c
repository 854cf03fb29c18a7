// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl peer: the grammar (each invalid form exits 1 naming the bad word),
 * the requests (attribute types and sizes as the kernel's policy wants them,
 * do versus dump), the printers of PEER_GET replies and of PEER_NTF events
 * in monitor, text and JSON.
 */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <json.h>

#include "gtpu.h"
#include "monitor.h"
#include "peer.h"
#include "replies.h"
#include "req.h"
#include "tap.h"

#define D "dev index 5 "

static const struct {
	const char *line;
	int rc;
	const char *err;	/* in stderr; for rc 1 it names the bad word */
} arg_cases[] = {
	{ "peer add " D "10.0.5.2", 0, NULL },
	{ "peer add " D "2001:db8::2 port 2153 interval 100 retries 16", 0, NULL },
	{ "peer add interval 3600000 retries 1 10.0.5.2 " D, 0, NULL },
	{ "peer del " D "10.0.5.2 port 2152", 0, NULL },
	{ "peer show " D, 0, NULL },
	{ "peer show " D "10.0.5.2", 0, NULL },
	{ "peer show " D "10.0.5.2 port 2153", 0, NULL },
	{ "peer show dev lo", 0, NULL },
	{ "peer add " D, 1, "missing ADDR" },
	{ "peer add 10.0.5.2", 1, "missing device" },
	{ "peer add " D "10.0.5.2 10.0.5.3", 1, "unexpected argument \"10.0.5.3\"" },
	{ "peer add " D "10.0.5.300", 1, "invalid ADDR \"10.0.5.300\"" },
	{ "peer add " D "10.0.5.0/24", 1, "invalid ADDR \"10.0.5.0/24\"" },
	{ "peer add " D "10.0.5.2 interval 99", 1, "invalid MS \"99\"" },
	{ "peer add " D "10.0.5.2 interval 3600001", 1, "invalid MS \"3600001\"" },
	{ "peer add " D "10.0.5.2 interval 1s", 1, "invalid MS \"1s\"" },
	{ "peer add " D "10.0.5.2 interval", 1, "missing argument after \"interval\"" },
	{ "peer add " D "10.0.5.2 interval 100 interval 200", 1, "duplicate \"interval\"" },
	{ "peer add " D "10.0.5.2 retries 0", 1, "invalid N \"0\"" },
	{ "peer add " D "10.0.5.2 retries 17", 1, "invalid N \"17\"" },
	{ "peer add " D "10.0.5.2 retries 1 retries 2", 1, "duplicate \"retries\"" },
	{ "peer add " D "10.0.5.2 port 0", 1, "invalid PORT \"0\"" },
	{ "peer add " D "10.0.5.2 port 1 port 2", 1, "duplicate \"port\"" },
	{ "peer add " D "port 2152", 1, "missing ADDR" },
	{ "peer del " D "10.0.5.2 interval 100", 1, "unexpected argument \"interval\"" },
	{ "peer del " D "10.0.5.2 retries 1", 1, "unexpected argument \"retries\"" },
	{ "peer del " D, 1, "missing ADDR" },
	{ "peer show " D "interval 100", 1, "unexpected argument \"interval\"" },
	{ "peer show " D "port 2152", 1, "missing ADDR before \"port\"" },
	{ "peer show", 1, "missing device" },
	{ "peer frob", 1, "unknown command \"frob\"" },
	{ "peer add dev nosuch0 10.0.5.2", 2, "peer add: cannot find device \"nosuch0\"" },
};

static void test_peer_args(void)
{
	unsigned int i;
	struct run r;

	fake_start(NULL);
	for (i = 0; i < ARRAY_SIZE(arg_cases); i++) {
		bool pass;

		run_line(&r, arg_cases[i].line);
		pass = r.rc == arg_cases[i].rc &&
		       (!arg_cases[i].err || strstr(r.err, arg_cases[i].err));
		if (r.rc == 0)
			pass = pass && !r.err[0] && fk.bad == 0;
		if (arg_cases[i].rc == 1)
			pass = pass && strstr(r.err, "Usage: edgectl peer");
		check(pass, "peer args: %s -> %d", arg_cases[i].line, arg_cases[i].rc);
		if (!pass)
			printf("# rc %d\n# stderr: %s\n", r.rc, r.err);
		run_done(&r);
	}
	fake_stop();
}

static bool dump(const struct msg *m)
{
	return (m->flags & NLM_F_DUMP) == NLM_F_DUMP;
}

static void test_peer_requests(void)
{
	struct msg m;

	fake_start(NULL);
	check(run_ok("peer add dev index 5 10.0.5.2") && last(EDGEDP_CMD_PEER_NEW, &m) &&
	      !dump(&m) && m.count == 2 && u32_is(m.tb[EDGEDP_A_PEER_IFINDEX], 5) &&
	      addr_is(m.tb[EDGEDP_A_PEER_ADDR4], "10.0.5.2"),
	      "peer request: add sends IFINDEX and ADDR4 (be32) only: the kernel's defaults");
	check(run_ok("peer add dev index 5 2001:db8::2 port 2153 interval 3600000 retries 16") &&
	      last(EDGEDP_CMD_PEER_NEW, &m) && !dump(&m) && m.count == 5 &&
	      addr_is(m.tb[EDGEDP_A_PEER_ADDR6], "2001:db8::2") &&
	      u16_is(m.tb[EDGEDP_A_PEER_PORT], 2153) &&
	      u32_is(m.tb[EDGEDP_A_PEER_INTERVAL], 3600000) &&
	      u8_is(m.tb[EDGEDP_A_PEER_RETRIES], 16),
	      "peer request: add IPv6: ADDR6 16 bytes, PORT u16, INTERVAL u32, RETRIES u8");
	check(run_ok("peer del dev index 5 10.0.5.2") && last(EDGEDP_CMD_PEER_DEL, &m) &&
	      !dump(&m) && m.count == 2 && m.tb[EDGEDP_A_PEER_ADDR4],
	      "peer request: del sends IFINDEX and the address");
	check(run_ok("peer show dev index 5") && last(EDGEDP_CMD_PEER_GET, &m) && dump(&m) &&
	      m.count == 1 && m.tb[EDGEDP_A_PEER_IFINDEX],
	      "peer request: show without an address is a dump by IFINDEX");
	check(run_ok("peer show dev index 5 10.0.5.2 port 2153") &&
	      last(EDGEDP_CMD_PEER_GET, &m) && !dump(&m) && m.count == 3 &&
	      mnl_attr_get_u16(m.tb[EDGEDP_A_PEER_PORT]) == 2153,
	      "peer request: show ADDR port PORT is a do");
	fake_stop();
}

/* A peer as the kernel sends it; event: only what PEER_NTF carries. */
static struct nlmsghdr *reply_peer(void *buf, uint8_t cmd, uint32_t ifindex, const char *addr,
				   uint8_t state, int recovery, bool event)
{
	struct nlmsghdr *nlh = reply_start(buf, TEST_FAMILY, cmd, TEST_SEQ, event ? 0 : NLM_F_MULTI);
	unsigned char bin[16];

	mnl_attr_put_u32(nlh, EDGEDP_A_PEER_IFINDEX, ifindex);
	if (strchr(addr, ':')) {
		inet_pton(AF_INET6, addr, bin);
		mnl_attr_put(nlh, EDGEDP_A_PEER_ADDR6, 16, bin);
	} else {
		inet_pton(AF_INET, addr, bin);
		mnl_attr_put(nlh, EDGEDP_A_PEER_ADDR4, 4, bin);
	}
	mnl_attr_put_u16(nlh, EDGEDP_A_PEER_PORT, 2152);
	mnl_attr_put_u8(nlh, EDGEDP_A_PEER_STATE, state);
	if (recovery >= 0)
		mnl_attr_put_u8(nlh, EDGEDP_A_PEER_RECOVERY, recovery);
	if (event)
		return nlh;
	mnl_attr_put_u32(nlh, EDGEDP_A_PEER_INTERVAL, 60000);
	mnl_attr_put_u8(nlh, EDGEDP_A_PEER_RETRIES, 3);
	mnl_attr_put(nlh, EDGEDP_A_PEER_PAD, 0, NULL);	/* as on 32-bit kernels */
	mnl_attr_put_u64(nlh, EDGEDP_A_PEER_ECHO_TX, 5000000000ULL);
	mnl_attr_put_u64(nlh, EDGEDP_A_PEER_ECHO_RX, 4999999999ULL);
	return nlh;
}

static void expect(mnl_cb_t cb, void *data, const struct nlmsghdr *nlh, bool json,
		   const char *want, const char *label)
{
	char *out = print_check("peer print", cb, data, nlh, json, want, label);

	if (json && out) {
		json_object *obj = json_tokener_parse(out);

		check(obj != NULL, "peer print: %s parses as JSON", label);
		json_object_put(obj);
	}
	free(out);
}

static void test_peer_print(void)
{
	static char buf[1024] __attribute__((aligned(4)));
	uint16_t family = TEST_FAMILY;
	struct nlmsghdr *nlh;
	char *out;
	int ret;

	nlh = reply_peer(buf, EDGEDP_CMD_PEER_GET, 5, "10.0.5.2", EDGEDP_PEER_UP, 2, false);
	expect(peer_print, NULL, nlh, false,
	       "peer 10.0.5.2 port 2152 state up recovery 2 interval 60000 retries 3 "
	       "echo-tx 5000000000 echo-rx 4999999999\n", "show text, u64 counters");
	expect(peer_print, NULL, nlh, true,
	       "{\"ifindex\":5,\"addr\":\"10.0.5.2\",\"port\":2152,\"state\":\"up\",\"recovery\":2,"
	       "\"interval\":60000,\"retries\":3,\"echo-tx\":5000000000,\"echo-rx\":4999999999}\n",
	       "show JSON");
	nlh = reply_peer(buf, EDGEDP_CMD_PEER_GET, 5, "2001:db8::2", EDGEDP_PEER_UNKNOWN, -1, false);
	expect(peer_print, NULL, nlh, false,
	       "peer 2001:db8::2 port 2152 state unknown interval 60000 retries 3 "
	       "echo-tx 5000000000 echo-rx 4999999999\n", "show IPv6, no recovery yet");
	nlh = reply_peer(buf, EDGEDP_CMD_PEER_GET, 5, "10.0.5.2", 9, 0, false);
	expect(peer_print, NULL, nlh, false,
	       "peer 10.0.5.2 port 2152 state state-9 recovery 0 interval 60000 retries 3 "
	       "echo-tx 5000000000 echo-rx 4999999999\n", "an unknown state is state-N");

	nlh = reply_peer(buf, EDGEDP_CMD_PEER_NTF, 1, "10.0.5.2", EDGEDP_PEER_DOWN, 7, true);
	expect(monitor_print, &family, nlh, false,
	       "peer dev lo 10.0.5.2 port 2152 state down recovery 7\n", "monitor text");
	expect(monitor_print, &family, nlh, true,
	       "{\"event\":\"peer\",\"ifindex\":1,\"addr\":\"10.0.5.2\",\"port\":2152,"
	       "\"state\":\"down\",\"recovery\":7}\n", "monitor JSON line");
	nlh = reply_peer(buf, EDGEDP_CMD_PEER_NTF, 1, "2001:db8::2", EDGEDP_PEER_UP, -1, true);
	expect(monitor_print, &family, nlh, false,
	       "peer dev lo 2001:db8::2 port 2152 state up\n", "monitor text, IPv6, no recovery");

	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_PEER_GET, TEST_SEQ, 0);
	mnl_attr_put_u16(nlh, EDGEDP_A_PEER_INTERVAL, 1);
	out = print_msg(peer_print, NULL, nlh, true, &ret);
	check(ret == MNL_CB_ERROR, "peer print: a u16 INTERVAL is malformed");
	free(out);
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_PEER_GET, TEST_SEQ, 0);
	mnl_attr_put(nlh, EDGEDP_A_PEER_ADDR6, 4, "abcd");
	out = print_msg(peer_print, NULL, nlh, true, &ret);
	check(ret == MNL_CB_ERROR, "peer print: a 4-byte ADDR6 is malformed");
	free(out);
}

static int peers(struct fake *f, const struct nlmsghdr *req)
{
	static char b[1024] __attribute__((aligned(4)));

	if (nl_genlhdr(req)->cmd != EDGEDP_CMD_PEER_GET)
		return 0;
	fake_reply(f, req, reply_peer(b, EDGEDP_CMD_PEER_GET, 5, "10.0.5.2", EDGEDP_PEER_UP, 1,
				      false));
	if ((req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP)
		fake_reply(f, req, reply_peer(b, EDGEDP_CMD_PEER_GET, 5, "10.0.5.3",
					      EDGEDP_PEER_DOWN, -1, false));
	return 0;
}

static void test_peer_cli(void)
{
	json_object *obj;
	struct run r;

	fake_start(peers);
	run_line(&r, "peer show dev index 5");
	check(r.rc == 0 && !strncmp(r.out, "peer 10.0.5.2 port 2152 state up recovery 1 ", 44) &&
	      strstr(r.out, "\npeer 10.0.5.3 port 2152 state down interval "),
	      "peer cli: show, two peers as text");
	run_done(&r);
	run_line(&r, "-j peer show dev index 5 10.0.5.2");
	obj = json_tokener_parse(r.out);
	check(r.rc == 0 && obj && json_object_get_type(obj) == json_type_array &&
	      json_object_array_length(obj) == 1,
	      "peer cli: -j show of one peer is an array of one");
	json_object_put(obj);
	run_done(&r);
	fake_stop();

	edgectl_offline = true;
	run_line(&r, "peer help");
	check(r.rc == 0 && strstr(r.out, "Usage: edgectl peer add dev DEV ADDR [ port PORT ] "
				  "[ interval MS ] [ retries N ]") &&
	      strstr(r.out, "MS := 100-3600000") && strstr(r.out, "N := 1-16"),
	      "peer cli: peer help shows the grammar");
	run_done(&r);
	run_line(&r, "monitor help");
	check(r.rc == 0 && strstr(r.out, "peer dev DEV ADDR port PORT state STATE"),
	      "peer cli: monitor help lists the peer event");
	run_done(&r);
	edgectl_offline = false;
}

void test_peer(void)
{
	test_peer_args();
	test_peer_requests();
	test_peer_print();
	test_peer_cli();
}
