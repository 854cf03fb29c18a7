// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl dev: create, delete and show edgedp datapath devices.
 */

#include <inttypes.h>
#include <limits.h>
#include <net/if.h>
#include <string.h>

#include "dev.h"
#include "devref.h"
#include "edgectl.h"

const char dev_usage[] =
	"Usage: edgectl dev add [ [ name ] NAME ] [ LIMITS ]\n"
	"       edgectl dev set { [ name ] NAME | index IFINDEX } LIMITS\n"
	"       edgectl dev del { [ name ] NAME | index IFINDEX }\n"
	"       edgectl dev show [ [ name ] NAME | index IFINDEX ] [ -s | stats ]\n"
	"       edgectl dev help\n"
	"Where: NAME := interface name, 1-15 bytes, no '/', ':' or blanks; for add,\n"
	"               a %d in it is replaced by a free number (default edgedp%d)\n"
	"       IFINDEX := 1-2147483647\n"
	"       LIMITS := [ max-sessions N ] [ max-rules N ]   N := 1-4294967295\n"
	"                 (defaults 1048576 sessions, 8388608 rules: PDRs, FARs,\n"
	"                 QERs, URRs and SDF filters of all sessions)\n"
	"       -s | stats: also show sessions, rules, limits, packet, byte and drop\n"
	"                   counters\n";

static const struct nl_policy dev_policy[EDGEDP_A_DEV_MAX + 1] = {
	[EDGEDP_A_DEV_IFINDEX]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_DEV_IFNAME]		= { .type = MNL_TYPE_NUL_STRING, .max = IFNAMSIZ },
	[EDGEDP_A_DEV_STATS]		= { .type = MNL_TYPE_NESTED },
	[EDGEDP_A_DEV_MAX_SESSIONS]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_DEV_MAX_RULES]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_DEV_SESSIONS]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_DEV_RULES]		= { .type = MNL_TYPE_U32 },
};

static const struct nl_policy stats_policy[EDGEDP_A_STATS_MAX + 1] = {
	[EDGEDP_A_STATS_RX_PACKETS]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_STATS_RX_BYTES]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_STATS_TX_PACKETS]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_STATS_TX_BYTES]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_STATS_DROPS]		= { .type = MNL_TYPE_NESTED },
};

static const char *const drop_names[] = {
	[EDGEDP_DROP_NO_SESSION]	= "no-session",
	[EDGEDP_DROP_NOT_IP]		= "not-ip",
	[EDGEDP_DROP_MALFORMED]		= "malformed",
	[EDGEDP_DROP_GTPU_HDR]		= "gtpu-hdr",
	[EDGEDP_DROP_GTPU_EXT]		= "gtpu-ext",
	[EDGEDP_DROP_GTPU_TYPE]		= "gtpu-type",
	[EDGEDP_DROP_NO_TEID]		= "no-teid",
	[EDGEDP_DROP_NO_PDR]		= "no-pdr",
	[EDGEDP_DROP_FAR]		= "far",
	[EDGEDP_DROP_NO_ROUTE]		= "no-route",
	[EDGEDP_DROP_LOOP]		= "loop",
	[EDGEDP_DROP_NO_ENDPOINT]	= "no-endpoint",
	[EDGEDP_DROP_NOMEM]		= "nomem",
	[EDGEDP_DROP_PEER]		= "peer",
	[EDGEDP_DROP_QER_GATE]		= "qer-gate",
	[EDGEDP_DROP_QER_MBR]		= "qer-mbr",
	[EDGEDP_DROP_URR_QUOTA]		= "urr-quota",
};

const char *drop_reason_name(unsigned int reason, char *buf, size_t len)
{
	return value_name(drop_names, ARRAY_SIZE(drop_names), reason, "reason", buf, len);
}

int dev_parse(int argc, char **argv, unsigned int allow, struct dev_args *a)
{
	memset(a, 0, sizeof(*a));
	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "help"))
			return SHOW_HELP;
		if (!strcmp(*argv, "-s") || !strcmp(*argv, "stats")) {
			if (!(allow & DEV_ARG_STATS))
				return arg_unexpected(*argv);
			a->stats = true;
		} else if (!strcmp(*argv, "max-sessions") || !strcmp(*argv, "max-rules")) {
			bool sessions = !strcmp(*argv, "max-sessions");
			uint32_t *v = sessions ? &a->max_sessions : &a->max_rules;

			if (!(allow & DEV_ARG_LIMITS))
				return arg_unexpected(*argv);
			if (*v) {
				errorf("duplicate \"%s\"", *argv);
				return EXIT_USAGE;
			}
			NEXT_ARG();
			if (arg_u32("N", *argv, 1, UINT32_MAX, v))
				return EXIT_USAGE;
		} else if (a->name || a->ifindex) {
			return arg_unexpected(*argv);
		} else if (!strcmp(*argv, "index")) {
			if (!(allow & DEV_ARG_INDEX))
				return arg_unexpected(*argv);
			NEXT_ARG();
			if (arg_u32("IFINDEX", *argv, 1, INT_MAX, &a->ifindex))
				return EXIT_USAGE;
		} else {
			if (!strcmp(*argv, "name"))
				NEXT_ARG();
			if (arg_ifname(*argv))
				return EXIT_USAGE;
			a->name = *argv;
		}
	}
	if ((allow & DEV_ARG_NEEDED) && !a->name && !a->ifindex) {
		errorf("missing device: NAME or index IFINDEX");
		return EXIT_USAGE;
	}
	return 0;
}

void dev_attrs_put(struct nlmsghdr *nlh, const void *arg)
{
	const struct dev_args *a = arg;

	if (a->ifindex)
		mnl_attr_put_u32(nlh, EDGEDP_A_DEV_IFINDEX, a->ifindex);
	if (a->name)
		mnl_attr_put_strz(nlh, EDGEDP_A_DEV_IFNAME, a->name);
	if (a->max_sessions)
		mnl_attr_put_u32(nlh, EDGEDP_A_DEV_MAX_SESSIONS, a->max_sessions);
	if (a->max_rules)
		mnl_attr_put_u32(nlh, EDGEDP_A_DEV_MAX_RULES, a->max_rules);
}

/* "    sessions 3 max 1048576 rules 12 max 8388608", when the kernel sent them. */
static void limits_print(const struct nlattr *const *tb)
{
	static const struct {
		const char *what, *max_key;
		uint16_t count, max;
	} lim[] = {
		{ "sessions", "max_sessions", EDGEDP_A_DEV_SESSIONS, EDGEDP_A_DEV_MAX_SESSIONS },
		{ "rules", "max_rules", EDGEDP_A_DEV_RULES, EDGEDP_A_DEV_MAX_RULES },
	};
	unsigned int i;
	bool any = false;

	for (i = 0; i < ARRAY_SIZE(lim); i++) {
		char fmt[32];

		if (!tb[lim[i].count] || !tb[lim[i].max])
			continue;
		snprintf(fmt, sizeof(fmt), "%s%s %%u", any ? " " : "    ", lim[i].what);
		print_uint(PRINT_ANY, lim[i].what, fmt, mnl_attr_get_u32(tb[lim[i].count]));
		print_uint(PRINT_ANY, lim[i].max_key, " max %u", mnl_attr_get_u32(tb[lim[i].max]));
		any = true;
	}
	if (any)
		print_nl();
}

/*
 * Attribute types are enum edgedp_drop_reason values, u64 payloads; type 0
 * (EDGEDP_DROP_UNSPEC) is the pad. Only non-zero counts are shown: an
 * absent key means 0.
 */
static int drops_print(const struct nlattr *nest)
{
	const struct nlattr *attr;
	bool any = false;

	mnl_attr_for_each_nested(attr, nest) {
		if (mnl_attr_get_type(attr) == EDGEDP_DROP_UNSPEC)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_U64) < 0)
			return MNL_CB_ERROR;
		any |= mnl_attr_get_u64(attr) != 0;
	}
	open_json_object("drops");
	if (any)
		print_string(PRINT_FP, NULL, "    drops", NULL);
	mnl_attr_for_each_nested(attr, nest) {
		char buf[32], fmt[48];
		const char *name;
		uint64_t count;

		if (mnl_attr_get_type(attr) == EDGEDP_DROP_UNSPEC)
			continue;
		count = mnl_attr_get_u64(attr);
		if (!count)
			continue;
		name = drop_reason_name(mnl_attr_get_type(attr), buf, sizeof(buf));
		snprintf(fmt, sizeof(fmt), " %s %%" PRIu64, name);
		print_u64(PRINT_ANY, name, fmt, count);
	}
	if (any)
		print_nl();
	close_json_object();
	return MNL_CB_OK;
}

static int stats_print(const struct nlattr *nest)
{
	static const struct {
		const char *dir;
		uint16_t packets, bytes;
	} dirs[] = {
		{ "rx", EDGEDP_A_STATS_RX_PACKETS, EDGEDP_A_STATS_RX_BYTES },
		{ "tx", EDGEDP_A_STATS_TX_PACKETS, EDGEDP_A_STATS_TX_BYTES },
	};
	const struct nlattr *tb[EDGEDP_A_STATS_MAX + 1];
	unsigned int i;
	int ret = MNL_CB_OK;

	if (nl_parse_nested(nest, stats_policy, EDGEDP_A_STATS_MAX, tb))
		return MNL_CB_ERROR;
	open_json_object("stats");
	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		char key[16];

		print_string(PRINT_FP, NULL, "    %s", dirs[i].dir);
		if (tb[dirs[i].packets]) {
			snprintf(key, sizeof(key), "%s_packets", dirs[i].dir);
			print_u64(PRINT_ANY, key, " packets %" PRIu64,
				  mnl_attr_get_u64(tb[dirs[i].packets]));
		}
		if (tb[dirs[i].bytes]) {
			snprintf(key, sizeof(key), "%s_bytes", dirs[i].dir);
			print_u64(PRINT_ANY, key, " bytes %" PRIu64,
				  mnl_attr_get_u64(tb[dirs[i].bytes]));
		}
		print_nl();
	}
	if (tb[EDGEDP_A_STATS_DROPS])
		ret = drops_print(tb[EDGEDP_A_STATS_DROPS]);
	close_json_object();
	return ret;
}

/* The members of one device: "5: edgedp0" or "ifindex":5,"ifname":"edgedp0". */
int dev_print_attrs(const struct nlmsghdr *nlh, bool stats)
{
	const struct nlattr *tb[EDGEDP_A_DEV_MAX + 1];

	if (nl_parse(nlh, dev_policy, EDGEDP_A_DEV_MAX, tb))
		return MNL_CB_ERROR;
	if (tb[EDGEDP_A_DEV_IFINDEX])
		print_uint(PRINT_ANY, "ifindex", "%u: ", mnl_attr_get_u32(tb[EDGEDP_A_DEV_IFINDEX]));
	if (tb[EDGEDP_A_DEV_IFNAME])
		print_string(PRINT_ANY, "ifname", "%s", mnl_attr_get_str(tb[EDGEDP_A_DEV_IFNAME]));
	print_nl();
	if (!stats)
		return MNL_CB_OK;
	limits_print(tb);
	if (tb[EDGEDP_A_DEV_STATS])
		return stats_print(tb[EDGEDP_A_DEV_STATS]);
	return MNL_CB_OK;
}

int dev_print(const struct nlmsghdr *nlh, void *data)
{
	const struct dev_args *a = data;
	int ret;

	open_json_object(NULL);
	ret = dev_print_attrs(nlh, a && a->stats);
	close_json_object();
	return ret;
}

static int dev_add(int argc, char **argv)
{
	struct dev_args a;
	int ret = dev_parse(argc, argv, DEV_ARG_LIMITS, &a);

	dev_ref_forget();
	return ret ? ret : edgectl_request(EDGEDP_CMD_DEV_NEW, 0, dev_attrs_put, &a, dev_print, &a);
}

static int dev_set(int argc, char **argv)
{
	struct dev_args a;
	int ret = dev_parse(argc, argv, DEV_ARG_INDEX | DEV_ARG_NEEDED | DEV_ARG_LIMITS, &a);

	if (!ret && !a.max_sessions && !a.max_rules) {
		errorf("nothing to set: give max-sessions N or max-rules N");
		ret = EXIT_USAGE;
	}
	if (ret)
		return ret;
	/* The reply is the device with its limits, as "dev show -s" prints them. */
	a.stats = true;
	return edgectl_request(EDGEDP_CMD_DEV_SET, 0, dev_attrs_put, &a, dev_print, &a);
}

static int dev_del(int argc, char **argv)
{
	struct dev_args a;
	int ret = dev_parse(argc, argv, DEV_ARG_INDEX | DEV_ARG_NEEDED, &a);

	dev_ref_forget();
	return ret ? ret : edgectl_request(EDGEDP_CMD_DEV_DEL, 0, dev_attrs_put, &a, NULL, NULL);
}

static int dev_show(int argc, char **argv)
{
	struct dev_args a;
	int ret = dev_parse(argc, argv, DEV_ARG_INDEX | DEV_ARG_STATS, &a);

	return ret ? ret : edgectl_show(EDGEDP_CMD_DEV_GET, !a.name && !a.ifindex,
					dev_attrs_put, &a, dev_print, &a);
}

static const struct edgectl_cmd dev_cmds[] = {
	{ "show", dev_show, "show one device or all", NULL },
	{ "add", dev_add, "create a device", NULL },
	{ "set", dev_set, "change a device's limits", NULL },
	{ "del", dev_del, "delete a device", NULL },
	{ .name = NULL }
};

int dev_main(int argc, char **argv)
{
	return edgectl_dispatch("dev", dev_cmds, argc, argv);
}
