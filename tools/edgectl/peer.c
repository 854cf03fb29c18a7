// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl peer: GTP-U peers supervised with Echo Requests (path management,
 * TS 29.281 7.2), and their PEER_NTF events for monitor.
 */

#include <inttypes.h>
#include <string.h>

#include "devref.h"
#include "edgectl.h"
#include "ep.h"
#include "peer.h"

const char peer_usage[] =
	"Usage: edgectl peer add dev DEV ADDR [ port PORT ] [ interval MS ] [ retries N ]\n"
	"       edgectl peer del dev DEV ADDR [ port PORT ]\n"
	"       edgectl peer show dev DEV [ ADDR [ port PORT ] ]\n"
	"       edgectl peer help\n"
	"Where: DEV := { [ name ] NAME | index IFINDEX }, an edgedp device\n"
	"       ADDR := the peer's IPv4 or IPv6 address\n"
	"       PORT := 1-65535 (default 2152)\n"
	"       MS := 100-3600000, milliseconds between Echo Requests (default 60000)\n"
	"       N := 1-16, unanswered requests in a row that make the peer down (default 3)\n"
	"add on an existing peer changes only the interval and retries given.\n";

struct peer_args {
	struct gtpu_ep ep;
	uint32_t interval;	/* ms */
	uint8_t retries;
	bool has_interval, has_retries;
};

enum {
	PEER_ARG_ADDR = GTPU_EP_ADDR,		/* ADDR [ port PORT ] allowed */
	PEER_ARG_NEED_ADDR = GTPU_EP_NEED_ADDR,	/* ... and ADDR required */
	PEER_ARG_TIMERS = 1 << 2,		/* interval, retries */
};

static const struct nl_policy peer_policy[EDGEDP_A_PEER_MAX + 1] = {
	[EDGEDP_A_PEER_IFINDEX]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_PEER_ADDR4]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_PEER_ADDR6]		= { .type = MNL_TYPE_BINARY, .min = 16, .max = 16 },
	[EDGEDP_A_PEER_PORT]		= { .type = MNL_TYPE_U16 },
	[EDGEDP_A_PEER_INTERVAL]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_PEER_RETRIES]		= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_PEER_STATE]		= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_PEER_RECOVERY]	= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_PEER_ECHO_TX]		= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_PEER_ECHO_RX]		= { .type = MNL_TYPE_U64 },
};

static const char *const state_names[] = {
	[EDGEDP_PEER_UNKNOWN]	= "unknown",
	[EDGEDP_PEER_UP]	= "up",
	[EDGEDP_PEER_DOWN]	= "down",
};

static const char *peer_state_name(unsigned int v, char *buf, size_t len)
{
	return value_name(state_names, ARRAY_SIZE(state_names), v, "state", buf, len);
}

static const struct gtpu_ep_attrs peer_attrs = {
	.ifindex = EDGEDP_A_PEER_IFINDEX, .addr4 = EDGEDP_A_PEER_ADDR4,
	.addr6 = EDGEDP_A_PEER_ADDR6, .port = EDGEDP_A_PEER_PORT,
};

/* "interval MS", "retries N" */
static int peer_keyword(int *argcp, char ***argvp, unsigned int allow, void *arg)
{
	struct peer_args *a = arg;
	int argc = *argcp;
	char **argv = *argvp;

	if (streq(*argv, "interval")) {
		if (!(allow & PEER_ARG_TIMERS))
			return arg_unexpected(*argv);
		if (a->has_interval)
			return arg_duplicate(*argv);
		NEXT_ARG();
		if (arg_u32("MS", *argv, 100, 3600000, &a->interval))
			return EXIT_USAGE;
		a->has_interval = true;
	} else if (streq(*argv, "retries")) {
		if (!(allow & PEER_ARG_TIMERS))
			return arg_unexpected(*argv);
		if (a->has_retries)
			return arg_duplicate(*argv);
		NEXT_ARG();
		if (arg_u8("N", *argv, 1, 16, &a->retries))
			return EXIT_USAGE;
		a->has_retries = true;
	} else {
		return RULE_NOT_MINE;
	}
	*argcp = argc;
	*argvp = argv;
	return 0;
}

static int peer_parse(int argc, char **argv, unsigned int allow, struct peer_args *a)
{
	memset(a, 0, sizeof(*a));
	return gtpu_ep_parse(argc, argv, allow, &a->ep, peer_keyword, a);
}

static void peer_put(struct nlmsghdr *nlh, const void *arg)
{
	const struct peer_args *a = arg;

	gtpu_ep_put(nlh, &peer_attrs, &a->ep);
	if (a->has_interval)
		mnl_attr_put_u32(nlh, EDGEDP_A_PEER_INTERVAL, a->interval);
	if (a->has_retries)
		mnl_attr_put_u8(nlh, EDGEDP_A_PEER_RETRIES, a->retries);
}

/*
 * The members of a peer, shared by show and monitor:
 *   peer 10.0.3.1 port 2152 state up recovery 2 interval 1000 retries 3 echo-tx 9 echo-rx 8
 * JSON keys addr, port, state, recovery, interval, retries, echo-tx, echo-rx
 * (and ifindex, which text shows as "dev NAME" in events only).
 */
static int peer_print_members(const struct nlmsghdr *nlh, bool event)
{
	const struct nlattr *tb[EDGEDP_A_PEER_MAX + 1];
	char buf[32];

	if (nl_parse(nlh, peer_policy, EDGEDP_A_PEER_MAX, tb))
		return MNL_CB_ERROR;
	/* monitor has printed the event's name, "peer ", already. */
	if (!event)
		print_string(PRINT_FP, NULL, "peer", NULL);
	if (tb[EDGEDP_A_PEER_IFINDEX]) {
		uint32_t ifindex = mnl_attr_get_u32(tb[EDGEDP_A_PEER_IFINDEX]);

		print_uint(PRINT_JSON, "ifindex", NULL, ifindex);
		if (event)
			print_string(PRINT_FP, NULL, "dev %s",
				     dev_ref_name(ifindex, NULL, buf, sizeof(buf)));
	}
	gtpu_ep_print(tb, &peer_attrs);
	if (tb[EDGEDP_A_PEER_STATE])
		print_string(PRINT_ANY, "state", " state %s",
			     peer_state_name(mnl_attr_get_u8(tb[EDGEDP_A_PEER_STATE]),
					     buf, sizeof(buf)));
	if (tb[EDGEDP_A_PEER_RECOVERY])
		print_uint(PRINT_ANY, "recovery", " recovery %u",
			   mnl_attr_get_u8(tb[EDGEDP_A_PEER_RECOVERY]));
	if (tb[EDGEDP_A_PEER_INTERVAL])
		print_uint(PRINT_ANY, "interval", " interval %u",
			   mnl_attr_get_u32(tb[EDGEDP_A_PEER_INTERVAL]));
	if (tb[EDGEDP_A_PEER_RETRIES])
		print_uint(PRINT_ANY, "retries", " retries %u",
			   mnl_attr_get_u8(tb[EDGEDP_A_PEER_RETRIES]));
	if (tb[EDGEDP_A_PEER_ECHO_TX])
		print_u64(PRINT_ANY, "echo-tx", " echo-tx %" PRIu64,
			  mnl_attr_get_u64(tb[EDGEDP_A_PEER_ECHO_TX]));
	if (tb[EDGEDP_A_PEER_ECHO_RX])
		print_u64(PRINT_ANY, "echo-rx", " echo-rx %" PRIu64,
			  mnl_attr_get_u64(tb[EDGEDP_A_PEER_ECHO_RX]));
	print_nl();
	return MNL_CB_OK;
}

int peer_print(const struct nlmsghdr *nlh, void *data)
{
	int ret;

	(void)data;
	open_json_object(NULL);
	ret = peer_print_members(nlh, false);
	close_json_object();
	return ret;
}

/* monitor: "peer dev upf0 10.0.3.1 port 2152 state up recovery 2". */
int peer_print_event(const struct nlmsghdr *nlh, bool stats)
{
	(void)stats;
	return peer_print_members(nlh, true);
}

static int peer_add(int argc, char **argv)
{
	struct peer_args a;
	int ret = peer_parse(argc, argv, PEER_ARG_ADDR | PEER_ARG_NEED_ADDR | PEER_ARG_TIMERS, &a);

	return ret ? ret : edgectl_request(EDGEDP_CMD_PEER_NEW, 0, peer_put, &a, NULL, NULL);
}

static int peer_del(int argc, char **argv)
{
	struct peer_args a;
	int ret = peer_parse(argc, argv, PEER_ARG_ADDR | PEER_ARG_NEED_ADDR, &a);

	return ret ? ret : edgectl_request(EDGEDP_CMD_PEER_DEL, 0, peer_put, &a, NULL, NULL);
}

static int peer_show(int argc, char **argv)
{
	struct peer_args a;
	int ret = peer_parse(argc, argv, PEER_ARG_ADDR, &a);

	return ret ? ret : edgectl_show(EDGEDP_CMD_PEER_GET, !a.ep.addr.family, peer_put, &a,
					peer_print, &a);
}

static const struct edgectl_cmd peer_cmds[] = {
	{ "show", peer_show, "show the supervised peers of a device, or one", NULL },
	{ "add", peer_add, "supervise a peer, or change its interval and retries", NULL },
	{ "del", peer_del, "stop supervising a peer", NULL },
	{ .name = NULL }
};

int peer_main(int argc, char **argv)
{
	return edgectl_dispatch("peer", peer_cmds, argc, argv);
}
