// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl ep: the local GTP-U endpoints of a device (UDP sockets).
 */

#include <string.h>

#include "edgectl.h"
#include "ep.h"

const char ep_usage[] =
	"Usage: edgectl ep add dev DEV ADDR [ port PORT ] [ role ROLE ] [ fastpath ]\n"
	"       edgectl ep del dev DEV ADDR [ port PORT ]\n"
	"       edgectl ep show dev DEV\n"
	"       edgectl ep help\n"
	"Where: DEV := { [ name ] NAME | index IFINDEX }, an edgedp device\n"
	"       ADDR := the local IPv4 or IPv6 address\n"
	"       PORT := 1-65535 (default 2152)\n"
	"       ROLE := { any | n3 | n9 } (default any: both N3 and N9)\n"
	"       fastpath: take G-PDUs at the end of PRE_ROUTING, before routing;\n"
	"                 they skip the UDP layer (the socket path while anything\n"
	"                 is hooked into INPUT)\n";

struct ep_args {
	struct gtpu_ep ep;
	uint8_t role;
	bool has_role, fastpath;
};

enum {
	EP_ARG_ADDR = GTPU_EP_ADDR | GTPU_EP_NEED_ADDR,	/* ADDR, required, [ port PORT ] */
	EP_ARG_ROLE = 1 << 2,
	EP_ARG_FASTPATH = 1 << 3,
};

static const char *const role_names[] = {
	[EDGEDP_EP_ANY]		= "any",
	[EDGEDP_EP_N3]		= "n3",
	[EDGEDP_EP_N9]		= "n9",
};

static const struct nl_policy ep_policy[EDGEDP_A_EP_MAX + 1] = {
	[EDGEDP_A_EP_IFINDEX]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_EP_ADDR4]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_EP_ADDR6]	= { .type = MNL_TYPE_BINARY, .min = 16, .max = 16 },
	[EDGEDP_A_EP_PORT]	= { .type = MNL_TYPE_U16 },
	[EDGEDP_A_EP_ROLE]	= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_EP_FLAGS]	= { .type = MNL_TYPE_U32 },
};

int gtpu_ep_parse(int argc, char **argv, unsigned int allow, struct gtpu_ep *e,
		  int (*keyword)(int *argc, char ***argv, unsigned int allow, void *arg),
		  void *arg)
{
	int ret;

	for (; argc > 0; argc--, argv++) {
		if (streq(*argv, "help"))
			return SHOW_HELP;
		if (streq(*argv, "dev")) {
			ret = dev_ref_parse(&argc, &argv, &e->dev);
			if (ret)
				return ret;
		} else if (streq(*argv, "port")) {
			if (!(allow & GTPU_EP_ADDR))
				return arg_unexpected(*argv);
			if (e->has_port)
				return arg_duplicate(*argv);
			NEXT_ARG();
			if (arg_u16("PORT", *argv, 1, UINT16_MAX, &e->port))
				return EXIT_USAGE;
			e->has_port = true;
		} else {
			ret = keyword(&argc, &argv, allow, arg);
			if (ret != RULE_NOT_MINE) {
				if (ret)
					return ret;
			} else if ((allow & GTPU_EP_ADDR) && !e->addr.family) {
				if (arg_inaddr("ADDR", *argv, false, &e->addr))
					return EXIT_USAGE;
			} else {
				return arg_unexpected(*argv);
			}
		}
	}
	if (!e->dev.name && !e->dev.ifindex)
		return arg_required("device: dev NAME or dev index IFINDEX");
	if ((allow & GTPU_EP_NEED_ADDR) && !e->addr.family)
		return arg_required("ADDR");
	if (e->has_port && !e->addr.family)
		return arg_required("ADDR before \"port\"");
	return dev_ref_resolve(&e->dev);
}

void gtpu_ep_put(struct nlmsghdr *nlh, const struct gtpu_ep_attrs *at, const struct gtpu_ep *e)
{
	mnl_attr_put_u32(nlh, at->ifindex, e->dev.ifindex);
	inaddr_put(nlh, at->addr4, at->addr6, &e->addr);
	if (e->has_port)
		mnl_attr_put_u16(nlh, at->port, e->port);
}

void gtpu_ep_print(const struct nlattr *const *tb, const struct gtpu_ep_attrs *at)
{
	inaddr_print("addr", " %s", tb[at->addr4], tb[at->addr6], -1);
	if (tb[at->port])
		print_uint(PRINT_ANY, "port", " port %u", mnl_attr_get_u16(tb[at->port]));
}

static const struct gtpu_ep_attrs ep_attrs = {
	.ifindex = EDGEDP_A_EP_IFINDEX, .addr4 = EDGEDP_A_EP_ADDR4,
	.addr6 = EDGEDP_A_EP_ADDR6, .port = EDGEDP_A_EP_PORT,
};

/* "role ROLE", "fastpath" */
static int ep_keyword(int *argcp, char ***argvp, unsigned int allow, void *arg)
{
	struct ep_args *a = arg;
	int argc = *argcp, role;
	char **argv = *argvp;

	if (streq(*argv, "fastpath")) {
		if (!(allow & EP_ARG_FASTPATH))
			return arg_unexpected(*argv);
		if (a->fastpath)
			return arg_duplicate(*argv);
		a->fastpath = true;
		return 0;
	}
	if (!streq(*argv, "role"))
		return RULE_NOT_MINE;
	if (!(allow & EP_ARG_ROLE))
		return arg_unexpected(*argv);
	if (a->has_role)
		return arg_duplicate(*argv);
	NEXT_ARG();
	role = name_value(role_names, ARRAY_SIZE(role_names), *argv);
	if (role < 0) {
		errorf("invalid ROLE \"%s\": expected any, n3 or n9", *argv);
		return EXIT_USAGE;
	}
	a->role = role;
	a->has_role = true;
	*argcp = argc;
	*argvp = argv;
	return 0;
}

static int ep_parse(int argc, char **argv, unsigned int allow, struct ep_args *a)
{
	memset(a, 0, sizeof(*a));
	return gtpu_ep_parse(argc, argv, allow, &a->ep, ep_keyword, a);
}

static void ep_put(struct nlmsghdr *nlh, const void *arg)
{
	const struct ep_args *a = arg;

	gtpu_ep_put(nlh, &ep_attrs, &a->ep);
	if (a->has_role)
		mnl_attr_put_u8(nlh, EDGEDP_A_EP_ROLE, a->role);
	if (a->fastpath)
		mnl_attr_put_u32(nlh, EDGEDP_A_EP_FLAGS, EDGEDP_EPF_FASTPATH);
}

/*
 * "ep 10.0.0.2 port 2152 role n3 [fastpath]", or
 * {"addr":"10.0.0.2","port":2152,"role":"n3","fastpath":false}.
 */
int ep_print(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[EDGEDP_A_EP_MAX + 1];
	char buf[16];

	(void)data;
	if (nl_parse(nlh, ep_policy, EDGEDP_A_EP_MAX, tb))
		return MNL_CB_ERROR;
	open_json_object(NULL);
	print_string(PRINT_FP, NULL, "ep", NULL);
	gtpu_ep_print(tb, &ep_attrs);
	if (tb[EDGEDP_A_EP_ROLE])
		print_string(PRINT_ANY, "role", " role %s",
			     value_name(role_names, ARRAY_SIZE(role_names),
					mnl_attr_get_u8(tb[EDGEDP_A_EP_ROLE]), "role", buf, sizeof(buf)));
	if (tb[EDGEDP_A_EP_FLAGS]) {
		bool fast = mnl_attr_get_u32(tb[EDGEDP_A_EP_FLAGS]) & EDGEDP_EPF_FASTPATH;

		print_bool(PRINT_JSON, "fastpath", NULL, fast);
		if (fast)
			print_string(PRINT_FP, NULL, " fastpath", NULL);
	}
	print_nl();
	close_json_object();
	return MNL_CB_OK;
}

static int ep_add(int argc, char **argv)
{
	struct ep_args a;
	int ret = ep_parse(argc, argv, EP_ARG_ADDR | EP_ARG_ROLE | EP_ARG_FASTPATH, &a);

	return ret ? ret : edgectl_request(EDGEDP_CMD_EP_NEW, 0, ep_put, &a, NULL, NULL);
}

static int ep_del(int argc, char **argv)
{
	struct ep_args a;
	int ret = ep_parse(argc, argv, EP_ARG_ADDR, &a);

	return ret ? ret : edgectl_request(EDGEDP_CMD_EP_DEL, 0, ep_put, &a, NULL, NULL);
}

static int ep_show(int argc, char **argv)
{
	struct ep_args a;
	int ret = ep_parse(argc, argv, 0, &a);

	return ret ? ret : edgectl_show(EDGEDP_CMD_EP_GET, true, ep_put, &a, ep_print, &a);
}

static const struct edgectl_cmd ep_cmds[] = {
	{ "show", ep_show, "show the endpoints of a device", NULL },
	{ "add", ep_add, "open an endpoint", NULL },
	{ "del", ep_del, "close an endpoint", NULL },
	{ .name = NULL }
};

int ep_main(int argc, char **argv)
{
	return edgectl_dispatch("ep", ep_cmds, argc, argv);
}
