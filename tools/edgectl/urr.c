// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl urr, and the URRs of sessions: the keywords of a URR (shared with
 * "session add" and "session mod"), its nest in session requests, its line
 * or JSON object with its counters in session show and urr show, urr reset,
 * and the report events that monitor prints.
 */

#include <inttypes.h>
#include <stddef.h>

#include "rule.h"

const char urr_usage[] =
	"Usage: edgectl urr { add | change | replace } dev DEV seid SEID id ID URR\n"
	"       edgectl urr del dev DEV seid SEID id ID\n"
	"       edgectl urr show dev DEV seid SEID [ id ID ]\n"
	"       edgectl urr reset dev DEV seid SEID id ID\n"
	"       edgectl urr help\n"
	"Where: URR := [ thresh-total BYTES ] [ thresh-ul BYTES ] [ thresh-dl BYTES ]\n"
	"              [ quota-total BYTES ] [ quota-ul BYTES ] [ quota-dl BYTES ]\n"
	"       add: the URR must be new; change: it must exist; replace: either\n"
	"       DEV := { [ name ] NAME | index IFINDEX }, an edgedp device\n"
	"       SEID := 0-0xffffffffffffffff     ID := 0-4294967295\n"
	"       BYTES := inner bytes (total, uplink, downlink), 0 (the default) for\n"
	"                none. thresh-*: each time the volume since the previous\n"
	"                report reaches it, a report event (edgectl monitor).\n"
	"                quota-*: the packet that makes the volume since the grant\n"
	"                reach it is the last forwarded; a report with\n"
	"                quota-exhausted goes out and the PDRs' later packets are\n"
	"                dropped (urr-quota) until the URR is sent again with a\n"
	"                quota (a new grant) or reset\n"
	"       show: the URRs' packet and byte counters per direction and the\n"
	"             reports sent; reset: zero them, re-arm the thresholds and\n"
	"             lift an exhausted quota\n"
	"       A PDR is counted by a URR with \"urr URRID\". Numbers are decimal\n"
	"       or 0x hexadecimal.\n";

static const struct nl_policy urr_policy[EDGEDP_A_URR_MAX + 1] = {
	[EDGEDP_A_URR_ID]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_URR_VOL_THRESH_TOTAL]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_URR_VOL_THRESH_UL]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_URR_VOL_THRESH_DL]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_URR_UL_PACKETS]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_URR_UL_BYTES]		= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_URR_DL_PACKETS]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_URR_DL_BYTES]		= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_URR_REPORTS]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_URR_VOL_QUOTA_TOTAL]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_URR_VOL_QUOTA_UL]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_URR_VOL_QUOTA_DL]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_URR_QUOTA_EXHAUSTED]	= { .type = MNL_TYPE_FLAG },
};

static const struct keyword urr_keywords[] = {
	{ "id", URR_ID }, { "thresh-total", URR_THRESH_TOTAL }, { "thresh-ul", URR_THRESH_UL },
	{ "thresh-dl", URR_THRESH_DL }, { "quota-total", URR_QUOTA_TOTAL },
	{ "quota-ul", URR_QUOTA_UL }, { "quota-dl", URR_QUOTA_DL }, { NULL, 0 }
};

static int urr_value(struct rule *r, unsigned int bit, const char *s)
{
	struct urr_args *u = &r->urr;
	int ret = 0;

	switch (bit) {
	case URR_ID:
		ret = arg_u32("URR ID", s, 0, UINT32_MAX, &u->id);
		break;
	case URR_THRESH_TOTAL:
		ret = arg_u64("BYTES", s, 0, UINT64_MAX, &u->thresh_total);
		break;
	case URR_THRESH_UL:
		ret = arg_u64("BYTES", s, 0, UINT64_MAX, &u->thresh_ul);
		break;
	case URR_THRESH_DL:
		ret = arg_u64("BYTES", s, 0, UINT64_MAX, &u->thresh_dl);
		break;
	case URR_QUOTA_TOTAL:
		ret = arg_u64("BYTES", s, 0, UINT64_MAX, &u->quota_total);
		break;
	case URR_QUOTA_UL:
		ret = arg_u64("BYTES", s, 0, UINT64_MAX, &u->quota_ul);
		break;
	case URR_QUOTA_DL:
		ret = arg_u64("BYTES", s, 0, UINT64_MAX, &u->quota_dl);
		break;
	}
	return ret;
}

const struct rule_kind urr_kind = {
	.name = "urr", .kind = RULE_URR, .removal = RULE_RM_URR,
	.keywords = urr_keywords, .value = urr_value, .has = offsetof(struct rule, urr.has),
};

void urr_put(struct nlmsghdr *nlh, const struct urr_args *u)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_URR);

	if (u->has & URR_ID)
		mnl_attr_put_u32(nlh, EDGEDP_A_URR_ID, u->id);
	if (u->has & URR_THRESH_TOTAL)
		mnl_attr_put_u64(nlh, EDGEDP_A_URR_VOL_THRESH_TOTAL, u->thresh_total);
	if (u->has & URR_THRESH_UL)
		mnl_attr_put_u64(nlh, EDGEDP_A_URR_VOL_THRESH_UL, u->thresh_ul);
	if (u->has & URR_THRESH_DL)
		mnl_attr_put_u64(nlh, EDGEDP_A_URR_VOL_THRESH_DL, u->thresh_dl);
	if (u->has & URR_QUOTA_TOTAL)
		mnl_attr_put_u64(nlh, EDGEDP_A_URR_VOL_QUOTA_TOTAL, u->quota_total);
	if (u->has & URR_QUOTA_UL)
		mnl_attr_put_u64(nlh, EDGEDP_A_URR_VOL_QUOTA_UL, u->quota_ul);
	if (u->has & URR_QUOTA_DL)
		mnl_attr_put_u64(nlh, EDGEDP_A_URR_VOL_QUOTA_DL, u->quota_dl);
	mnl_attr_nest_end(nlh, nest);
}

/* Inline: a literal key stays one (print.h). */
static inline __attribute__((always_inline))
void print_u64_attr(const char *key, const char *fmt, const struct nlattr *a)
{
	if (a)
		print_u64(PRINT_ANY, key, fmt, nl_attr_u64(a));
}

/*
 * "    urr 1 thresh-total 1000 quota-total 5000 quota-exhausted ul-packets 5
 * ul-bytes 500 dl-packets 3 dl-bytes 300 reports 0": thresholds and quotas
 * when set, quota-exhausted when flagged, counters always. In JSON,
 * "quota-exhausted" is a boolean wherever a quota is set or the flag is
 * there, and left out otherwise (no quota: nothing to be exhausted).
 */
static void urr_members(const struct nlattr **tb)
{
	bool exhausted = tb[EDGEDP_A_URR_QUOTA_EXHAUSTED];

	if (tb[EDGEDP_A_URR_ID])
		print_uint(PRINT_ANY, "id", " %u", nl_attr_u32(tb[EDGEDP_A_URR_ID]));
	print_u64_attr("thresh-total", " thresh-total %" PRIu64, tb[EDGEDP_A_URR_VOL_THRESH_TOTAL]);
	print_u64_attr("thresh-ul", " thresh-ul %" PRIu64, tb[EDGEDP_A_URR_VOL_THRESH_UL]);
	print_u64_attr("thresh-dl", " thresh-dl %" PRIu64, tb[EDGEDP_A_URR_VOL_THRESH_DL]);
	print_u64_attr("quota-total", " quota-total %" PRIu64, tb[EDGEDP_A_URR_VOL_QUOTA_TOTAL]);
	print_u64_attr("quota-ul", " quota-ul %" PRIu64, tb[EDGEDP_A_URR_VOL_QUOTA_UL]);
	print_u64_attr("quota-dl", " quota-dl %" PRIu64, tb[EDGEDP_A_URR_VOL_QUOTA_DL]);
	if (exhausted)
		print_string(PRINT_FP, NULL, " quota-exhausted", NULL);
	if (exhausted || tb[EDGEDP_A_URR_VOL_QUOTA_TOTAL] || tb[EDGEDP_A_URR_VOL_QUOTA_UL] ||
	    tb[EDGEDP_A_URR_VOL_QUOTA_DL])
		print_bool(PRINT_JSON, "quota-exhausted", NULL, exhausted);
	print_u64_attr("ul-packets", " ul-packets %" PRIu64, tb[EDGEDP_A_URR_UL_PACKETS]);
	print_u64_attr("ul-bytes", " ul-bytes %" PRIu64, tb[EDGEDP_A_URR_UL_BYTES]);
	print_u64_attr("dl-packets", " dl-packets %" PRIu64, tb[EDGEDP_A_URR_DL_PACKETS]);
	print_u64_attr("dl-bytes", " dl-bytes %" PRIu64, tb[EDGEDP_A_URR_DL_BYTES]);
	if (tb[EDGEDP_A_URR_REPORTS])
		print_uint(PRINT_ANY, "reports", " reports %u",
			   nl_attr_u32(tb[EDGEDP_A_URR_REPORTS]));
}

int urr_print(const struct nlattr *nest)
{
	const struct nlattr *tb[EDGEDP_A_URR_MAX + 1];

	if (nl_parse_nested(nest, urr_policy, EDGEDP_A_URR_MAX, tb))
		return MNL_CB_ERROR;
	open_json_object(NULL);
	print_string(PRINT_FP, NULL, "    urr", NULL);
	urr_members(tb);
	print_nl();
	close_json_object();
	return MNL_CB_OK;
}

static int urr_reset(int argc, char **argv)
{
	struct session_args a;
	struct rule r;
	int ret = rule_target(argc, argv, &urr_kind, RULE_ONLY_ID | RULE_NEED_ID, &a, &r);

	if (ret)
		return ret;
	r.kind = RULE_RESET_URR;
	r.rm_id = r.urr.id;
	a.rules = &r;
	a.n_rules = 1;
	return edgectl_request(EDGEDP_CMD_SESSION_MOD, 0, session_put, &a, NULL, NULL);
}

struct urr_show {
	struct session_args *a;
	const struct urr_args *only;
};

static int urr_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct urr_show *u = data;
	const struct nlattr *attr, *tb[EDGEDP_A_URR_MAX + 1];
	int ret = MNL_CB_OK;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (nl_attr_type(attr) != EDGEDP_A_SESSION_URR || ret != MNL_CB_OK)
			continue;
		if (nl_parse_nested(attr, urr_policy, EDGEDP_A_URR_MAX, tb))
			return MNL_CB_ERROR;
		if ((u->only->has & URR_ID) && (!tb[EDGEDP_A_URR_ID] ||
						nl_attr_u32(tb[EDGEDP_A_URR_ID]) != u->only->id))
			continue;
		ret = urr_print(attr);
	}
	return ret;
}

/* The URRs of a session (or one), with their counters: a JSON array of them. */
static int urr_show(int argc, char **argv)
{
	struct session_args a;
	struct rule r;
	struct urr_show u = { .a = &a, .only = &r.urr };
	int ret = rule_target(argc, argv, &urr_kind, RULE_ONLY_ID, &a, &r);

	return ret ? ret : edgectl_show(EDGEDP_CMD_SESSION_GET, false, session_put, &a,
					urr_show_cb, &u);
}

static const struct edgectl_cmd urr_cmds[] = {
	{ "show", urr_show, "show the URRs of a session with their counters", NULL },
	{ "add", rule_add, "add a URR to a session", NULL },
	{ "change", rule_change, "change a URR of a session", NULL },
	{ "replace", rule_replace, "add or change a URR", NULL },
	{ "del", rule_del, "remove a URR from a session", NULL },
	{ "reset", urr_reset, "zero a URR's counters, re-arm its thresholds and quota",
	  NULL },
	{ .name = NULL }
};

int urr_main(int argc, char **argv)
{
	return rule_main(&urr_kind, urr_cmds, argc, argv);
}

/*
 * After monitor's "urr-report ": "dev upf0 seid 0x1 urr 1 thresh-total 1000
 * ul-packets 5 ... reports 1", or JSON members ifindex, seid and urr {...}.
 */
int urr_report_print(const struct nlmsghdr *nlh, bool stats)
{
	const struct nlattr *tb[EDGEDP_A_SESSION_MAX + 1], *u[EDGEDP_A_URR_MAX + 1];
	static const struct nl_policy policy[EDGEDP_A_SESSION_MAX + 1] = {
		[EDGEDP_A_SESSION_IFINDEX]	= { .type = MNL_TYPE_U32 },
		[EDGEDP_A_SESSION_SEID]		= { .type = MNL_TYPE_U64 },
		[EDGEDP_A_SESSION_URR]		= { .type = MNL_TYPE_NESTED },
	};

	(void)stats;
	if (nl_parse(nlh, policy, EDGEDP_A_SESSION_MAX, tb) || !tb[EDGEDP_A_SESSION_IFINDEX] ||
	    !tb[EDGEDP_A_SESSION_SEID] || !tb[EDGEDP_A_SESSION_URR] ||
	    nl_parse_nested(tb[EDGEDP_A_SESSION_URR], urr_policy, EDGEDP_A_URR_MAX, u))
		return MNL_CB_ERROR;
	session_event_print(tb);
	print_string(PRINT_FP, NULL, " urr", NULL);
	open_json_object("urr");
	urr_members(u);
	close_json_object();
	print_nl();
	return MNL_CB_OK;
}
