// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl far, and the FARs of sessions: the keywords of a FAR (shared with
 * "session add" and "session mod"), its nest in session requests, and its
 * line or JSON object in session show.
 */

#include <stddef.h>
#include <string.h>

#include "rule.h"

const char far_usage[] =
	"Usage: edgectl far { add | change | replace } dev DEV seid SEID id ID FAR\n"
	"       edgectl far del dev DEV seid SEID id ID\n"
	"       edgectl far help\n"
	"Where: FAR := action ACTION [ dst-iface IFACE ]\n"
	"              [ teid TEID peer ADDR [ port PORT ] [ qfi QFI ] [ dscp DSCP ] ]\n"
	"       add: the FAR must be new; change: it must exist; replace: either\n"
	"       DEV := { [ name ] NAME | index IFINDEX }, an edgedp device\n"
	"       SEID := 0-0xffffffffffffffff     ID := 0-4294967295\n"
	"       ACTION := { forw | drop | buff }[,nocp]\n"
	"       IFACE := { access | core | dn | cp } (default core)\n"
	"       TEID := 1-0xffffffff, the peer's TEID; with ADDR, the peer's address,\n"
	"               outer header creation (GTP-U/UDP/IP)\n"
	"       PORT := 1-65535 (default 2152)\n"
	"       QFI := 0-63, sent in a PDU Session Container\n"
	"       DSCP := 0-63, of the outer header\n"
	"       Numbers are decimal or 0x hexadecimal.\n";

/* By bit number: EDGEDP_FAR_DROP is bit 0. */
static const char *const action_names[] = { "drop", "forw", "buff", "nocp" };

static const struct nl_policy far_policy[EDGEDP_A_FAR_MAX + 1] = {
	[EDGEDP_A_FAR_ID]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_FAR_ACTION]		= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_FAR_DST_IFACE]	= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_FAR_TEID]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_FAR_PEER4]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_FAR_PEER6]		= { .type = MNL_TYPE_BINARY, .min = 16, .max = 16 },
	[EDGEDP_A_FAR_PORT]		= { .type = MNL_TYPE_U16 },
	[EDGEDP_A_FAR_QFI]		= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_FAR_DSCP]		= { .type = MNL_TYPE_U8 },
};

/* "forw", "buff,nocp": the bits, or -1. */
static int action_value(const char *list)
{
	int bits = 0, bit;

	for (;;) {
		const char *comma = strchr(list, ',');
		size_t len = comma ? (size_t)(comma - list) : strlen(list);
		char word[8];

		if (!len || len >= sizeof(word))
			return -1;
		memcpy(word, list, len);
		word[len] = '\0';
		bit = name_value(action_names, ARRAY_SIZE(action_names), word);
		if (bit < 0)
			return -1;
		bits |= 1 << bit;
		if (!comma)
			return bits;
		list = comma + 1;
	}
}

static const struct keyword far_keywords[] = {
	{ "id", FAR_ID }, { "action", FAR_ACTION }, { "dst-iface", FAR_DST_IFACE },
	{ "teid", FAR_TEID }, { "peer", FAR_PEER }, { "port", FAR_PORT }, { "qfi", FAR_QFI },
	{ "dscp", FAR_DSCP }, { NULL, 0 }
};

static int far_value(struct rule *r, unsigned int bit, const char *s)
{
	struct far_args *f = &r->far;
	int ret = 0, v;

	switch (bit) {
	case FAR_ID:
		ret = arg_u32("FAR ID", s, 0, UINT32_MAX, &f->id);
		break;
	case FAR_ACTION:
		v = action_value(s);
		if (v < 0) {
			errorf("invalid ACTION \"%s\": expected forw, drop or buff, optionally ,nocp", s);
			ret = EXIT_USAGE;
		}
		f->action = v;
		break;
	case FAR_DST_IFACE:
		ret = arg_iface(s, &f->dst_iface);
		break;
	case FAR_TEID:
		ret = arg_u32("TEID", s, 1, UINT32_MAX, &f->teid);
		break;
	case FAR_PEER:
		ret = arg_inaddr("peer ADDR", s, false, &f->peer);
		break;
	case FAR_PORT:
		ret = arg_u16("PORT", s, 1, UINT16_MAX, &f->port);
		break;
	case FAR_QFI:
		ret = arg_u8("QFI", s, 0, 63, &f->qfi);
		break;
	case FAR_DSCP:
		ret = arg_u8("DSCP", s, 0, 63, &f->dscp);
		break;
	}
	return ret;
}

const struct rule_kind far_kind = {
	.name = "far", .kind = RULE_FAR, .removal = RULE_RM_FAR,
	.keywords = far_keywords, .value = far_value, .has = offsetof(struct rule, far.has),
};

void far_put(struct nlmsghdr *nlh, const struct far_args *f)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_FAR);

	if (f->has & FAR_ID)
		mnl_attr_put_u32(nlh, EDGEDP_A_FAR_ID, f->id);
	if (f->has & FAR_ACTION)
		mnl_attr_put_u8(nlh, EDGEDP_A_FAR_ACTION, f->action);
	if (f->has & FAR_DST_IFACE)
		mnl_attr_put_u8(nlh, EDGEDP_A_FAR_DST_IFACE, f->dst_iface);
	if (f->has & FAR_TEID)
		mnl_attr_put_u32(nlh, EDGEDP_A_FAR_TEID, f->teid);
	if (f->has & FAR_PEER)
		inaddr_put(nlh, EDGEDP_A_FAR_PEER4, EDGEDP_A_FAR_PEER6, &f->peer);
	if (f->has & FAR_PORT)
		mnl_attr_put_u16(nlh, EDGEDP_A_FAR_PORT, f->port);
	if (f->has & FAR_QFI)
		mnl_attr_put_u8(nlh, EDGEDP_A_FAR_QFI, f->qfi);
	if (f->has & FAR_DSCP)
		mnl_attr_put_u8(nlh, EDGEDP_A_FAR_DSCP, f->dscp);
	mnl_attr_nest_end(nlh, nest);
}

/* "    far 2 action forw dst-iface access teid 0xc8 peer 10.0.0.1 port 2152 qfi 9" */
int far_print(const struct nlattr *nest)
{
	const struct nlattr *tb[EDGEDP_A_FAR_MAX + 1];
	char buf[16];

	if (nl_parse_nested(nest, far_policy, EDGEDP_A_FAR_MAX, tb))
		return MNL_CB_ERROR;
	open_json_object(NULL);
	print_string(PRINT_FP, NULL, "    far", NULL);
	if (tb[EDGEDP_A_FAR_ID])
		print_uint(PRINT_ANY, "id", " %u", nl_attr_u32(tb[EDGEDP_A_FAR_ID]));
	if (tb[EDGEDP_A_FAR_ACTION]) {
		unsigned int bits = nl_attr_u8(tb[EDGEDP_A_FAR_ACTION]), bit;
		const char *sep = " ";

		open_json_array("action");
		print_string(PRINT_FP, NULL, " action%s", bits ? "" : " none");
		for (; bits; bits &= bits - 1) {
			bit = __builtin_ctz(bits);	/* the lowest bit set */
			print_string(PRINT_FP, NULL, sep, NULL);
			print_name(PRINT_ANY, NULL, "%s",
				   value_name(action_names, ARRAY_SIZE(action_names), bit,
					      "action", buf, sizeof(buf)));
			sep = ",";
		}
		close_json_array();
	}
	if (tb[EDGEDP_A_FAR_DST_IFACE])
		print_name(PRINT_ANY, "dst-iface", " dst-iface %s",
			   iface_name(nl_attr_u8(tb[EDGEDP_A_FAR_DST_IFACE]), buf, sizeof(buf)));
	if (tb[EDGEDP_A_FAR_TEID])
		print_hex("teid", " teid 0x%x", nl_attr_u32(tb[EDGEDP_A_FAR_TEID]));
	inaddr_print("peer", " peer %s", tb[EDGEDP_A_FAR_PEER4], tb[EDGEDP_A_FAR_PEER6], -1);
	if (tb[EDGEDP_A_FAR_PORT])
		print_uint(PRINT_ANY, "port", " port %u", nl_attr_u16(tb[EDGEDP_A_FAR_PORT]));
	print_u8_attr("qfi", " qfi %u", tb[EDGEDP_A_FAR_QFI]);
	print_u8_attr("dscp", " dscp %u", tb[EDGEDP_A_FAR_DSCP]);
	print_nl();
	close_json_object();
	return MNL_CB_OK;
}

int far_main(int argc, char **argv)
{
	return rule_main(&far_kind, rule_edit_cmds, argc, argv);
}
