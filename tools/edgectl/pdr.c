// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl pdr, and the PDRs of sessions: the keywords of a PDR (shared with
 * "session add" and "session mod"), its nest in session requests, and its
 * line or JSON object in session show with its SDF filters and counters.
 */

#include <inttypes.h>
#include <stddef.h>

#include "rule.h"

const char pdr_usage[] =
	"Usage: edgectl pdr { add | change | replace } dev DEV seid SEID id ID PDR\n"
	"       edgectl pdr del dev DEV seid SEID id ID\n"
	"       edgectl pdr help\n"
	"Where: PDR := precedence PRECEDENCE src-iface IFACE far FARID [ teid TEID ]\n"
	"              [ local ADDR ] [ ue ADDR[/PLEN] ] [ qfi QFI ] [ ohr OHR ]\n"
	"              [ qer QERID ]... [ urr URRID ]... [ sdf FLOWDESC ]...\n"
	"       add: the PDR must be new; change: it must exist; replace: either\n"
	"       DEV := { [ name ] NAME | index IFINDEX }, an edgedp device\n"
	"       SEID := 0-0xffffffffffffffff     ID := 0-65535\n"
	"       PRECEDENCE := 0-4294967295, lower matches first\n"
	"       IFACE := { access | core | dn | cp }\n"
	"       FARID := 0-4294967295, the FAR of matching packets\n"
	"       QERID := 0-4294967295, a QER enforced on matching packets (at most 4,\n"
	"                all enforced: e.g. a flow's MBR and the session's AMBR)\n"
	"       URRID := 0-4294967295, a URR counting matching packets (at most 4)\n"
	"       TEID := 1-0xffffffff, the local F-TEID (needs OHR, default gtpu-udp-ip)\n"
	"       ADDR := IPv4 or IPv6 address; a UE IPv6 prefix is /64 unless given\n"
	"       QFI := 0-63\n"
	"       OHR := { gtpu-udp-ipv4 | gtpu-udp-ipv6 | gtpu-udp-ip }\n"
	"       FLOWDESC := one argument, a PFCP flow description (SDF filter):\n"
	"               'permit out PROTO from SRC [PORTS] to DST [PORTS]\n"
	"                [ tos V[/MASK] ] [ spi N ] [ flowlabel N ]'\n"
	"               PROTO := { ip | tcp | udp | sctp | icmp | icmpv6 | esp | ah | gre | 0-255 }\n"
	"               SRC := { any | ADDR[/PLEN] }, the data-network side\n"
	"               DST := { any | assigned | ADDR[/PLEN] }, the UE side\n"
	"               PORTS := P | P1-P2, or a comma-separated list of them\n"
	"               Written in downlink form for every PDR: for an uplink PDR\n"
	"               (src-iface access) the datapath swaps source and destination\n"
	"               (TS 29.244 5.2.1A.2A). A PDR with filters matches a packet\n"
	"               when one of them does; at most 32 filters per PDR.\n"
	"       Numbers are decimal or 0x hexadecimal.\n";

static const char *const ohr_names[] = {
	[EDGEDP_OHR_GTPU_UDP_IPV4]	= "gtpu-udp-ipv4",
	[EDGEDP_OHR_GTPU_UDP_IPV6]	= "gtpu-udp-ipv6",
	[EDGEDP_OHR_GTPU_UDP_IP]	= "gtpu-udp-ip",
};

static const struct nl_policy pdr_policy[EDGEDP_A_PDR_MAX + 1] = {
	[EDGEDP_A_PDR_ID]		= { .type = MNL_TYPE_U16 },
	[EDGEDP_A_PDR_PRECEDENCE]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_PDR_SRC_IFACE]	= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_PDR_TEID]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_PDR_LOCAL4]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_PDR_LOCAL6]		= { .type = MNL_TYPE_BINARY, .min = 16, .max = 16 },
	[EDGEDP_A_PDR_UE4]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_PDR_UE6]		= { .type = MNL_TYPE_BINARY, .min = 16, .max = 16 },
	[EDGEDP_A_PDR_UE6_PLEN]		= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_PDR_QFI]		= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_PDR_OHR]		= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_PDR_FAR_ID]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_PDR_STATS]		= { .type = MNL_TYPE_NESTED },
	[EDGEDP_A_PDR_QER_ID]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_PDR_URR_ID]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_PDR_SDF]		= { .type = MNL_TYPE_NESTED },
};

static const struct nl_policy sdf_policy[EDGEDP_A_SDF_MAX + 1] = {
	[EDGEDP_A_SDF_ID]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_SDF_STATS]		= { .type = MNL_TYPE_NESTED },
};

static const struct nl_policy rstats_policy[EDGEDP_A_RSTATS_MAX + 1] = {
	[EDGEDP_A_RSTATS_PACKETS]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_RSTATS_BYTES]		= { .type = MNL_TYPE_U64 },
};

static const struct keyword pdr_keywords[] = {
	{ "id", PDR_ID }, { "precedence", PDR_PRECEDENCE }, { "src-iface", PDR_SRC_IFACE },
	{ "far", PDR_FAR }, { "teid", PDR_TEID }, { "local", PDR_LOCAL }, { "ue", PDR_UE },
	{ "qfi", PDR_QFI }, { "ohr", PDR_OHR }, { "qer", PDR_QER }, { "sdf", PDR_SDF }, { "urr", PDR_URR },
	{ NULL, 0 }
};

/*
 * "far FARID", "qer QERID", "urr URRID": the id of the rule of kind what
 * ("FAR") the PDR names with keyword kw ("far"). 0 or EXIT_USAGE.
 */
static int arg_rule_ref(const char *kw, const char *what, const char *s, uint32_t *id)
{
	if (!parse_u32(s, 0, UINT32_MAX, id))
		return 0;
	errorf("invalid %sID \"%s\": expected an integer in 0-4294967295 (a %s rule starts with \"%s id ID\")",
	       what, s, what, kw);
	return EXIT_USAGE;
}

static int pdr_value(struct rule *r, unsigned int bit, const char *s)
{
	struct pdr_args *p = &r->pdr;
	int ret = 0, v;

	switch (bit) {
	case PDR_SDF: {
		char err[FILTER_ERR_LEN];
		int n = filter_parse(s, p->sdf + p->n_sdf, PDR_MAX_SDF - p->n_sdf,
				     err, sizeof(err));

		if (n < 0) {
			errorf("invalid sdf \"%s\": %s", s, err);
			ret = EXIT_USAGE;
		} else {
			p->n_sdf += n;
		}
		break;
	}
	case PDR_URR:
		if (p->n_urr == PDR_MAX_URR) {
			errorf("too many \"urr\": a PDR is counted by at most %u URRs", PDR_MAX_URR);
			ret = EXIT_USAGE;
		} else {
			ret = arg_rule_ref("urr", "URR", s, &p->urr[p->n_urr]);
			p->n_urr += !ret;
		}
		break;
	case PDR_ID:
		ret = arg_u16("PDR ID", s, 0, UINT16_MAX, &p->id);
		break;
	case PDR_PRECEDENCE:
		ret = arg_u32("PRECEDENCE", s, 0, UINT32_MAX, &p->precedence);
		break;
	case PDR_SRC_IFACE:
		ret = arg_iface(s, &p->src_iface);
		break;
	case PDR_FAR:
		ret = arg_rule_ref("far", "FAR", s, &p->far);
		break;
	case PDR_TEID:
		ret = arg_u32("TEID", s, 1, UINT32_MAX, &p->teid);
		break;
	case PDR_LOCAL:
		ret = arg_inaddr("local ADDR", s, false, &p->local);
		break;
	case PDR_UE:
		ret = arg_inaddr("UE ADDR", s, true, &p->ue);
		break;
	case PDR_QFI:
		ret = arg_u8("QFI", s, 0, 63, &p->qfi);
		break;
	case PDR_OHR:
		v = name_value(ohr_names, ARRAY_SIZE(ohr_names), s);
		if (v < 0) {
			errorf("invalid OHR \"%s\": expected gtpu-udp-ipv4, gtpu-udp-ipv6 or gtpu-udp-ip", s);
			ret = EXIT_USAGE;
		}
		p->ohr = v;
		break;
	case PDR_QER:
		if (p->n_qer == PDR_MAX_QER) {
			errorf("too many \"qer\": a PDR enforces at most %u QERs", PDR_MAX_QER);
			ret = EXIT_USAGE;
		} else {
			ret = arg_rule_ref("qer", "QER", s, &p->qer[p->n_qer]);
			p->n_qer += !ret;
		}
		break;
	}
	return ret;
}

const struct rule_kind pdr_kind = {
	.name = "pdr", .kind = RULE_PDR, .removal = RULE_RM_PDR,
	.keywords = pdr_keywords, .value = pdr_value, .has = offsetof(struct rule, pdr.has),
	.repeatable = PDR_QER | PDR_URR | PDR_SDF,
};

/* Attributes in the order of enum edgedp_pdr_attrs. */
void pdr_put(struct nlmsghdr *nlh, const struct pdr_args *p)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_PDR);
	unsigned int i;

	if (p->has & PDR_ID)
		mnl_attr_put_u16(nlh, EDGEDP_A_PDR_ID, p->id);
	if (p->has & PDR_PRECEDENCE)
		mnl_attr_put_u32(nlh, EDGEDP_A_PDR_PRECEDENCE, p->precedence);
	if (p->has & PDR_SRC_IFACE)
		mnl_attr_put_u8(nlh, EDGEDP_A_PDR_SRC_IFACE, p->src_iface);
	if (p->has & PDR_TEID)
		mnl_attr_put_u32(nlh, EDGEDP_A_PDR_TEID, p->teid);
	if (p->has & PDR_LOCAL)
		inaddr_put(nlh, EDGEDP_A_PDR_LOCAL4, EDGEDP_A_PDR_LOCAL6, &p->local);
	if (p->has & PDR_UE) {
		inaddr_put(nlh, EDGEDP_A_PDR_UE4, EDGEDP_A_PDR_UE6, &p->ue);
		if (p->ue.family == AF_INET6)
			mnl_attr_put_u8(nlh, EDGEDP_A_PDR_UE6_PLEN,
					p->ue.has_plen ? p->ue.plen : 64);
	}
	if (p->has & PDR_QFI)
		mnl_attr_put_u8(nlh, EDGEDP_A_PDR_QFI, p->qfi);
	if (p->has & PDR_OHR)
		mnl_attr_put_u8(nlh, EDGEDP_A_PDR_OHR, p->ohr);
	else if (p->has & PDR_TEID)
		mnl_attr_put_u8(nlh, EDGEDP_A_PDR_OHR, EDGEDP_OHR_GTPU_UDP_IP);
	if (p->has & PDR_FAR)
		mnl_attr_put_u32(nlh, EDGEDP_A_PDR_FAR_ID, p->far);
	for (i = 0; i < p->n_qer; i++)
		mnl_attr_put_u32(nlh, EDGEDP_A_PDR_QER_ID, p->qer[i]);
	for (i = 0; i < p->n_urr; i++)
		mnl_attr_put_u32(nlh, EDGEDP_A_PDR_URR_ID, p->urr[i]);
	for (i = 0; i < p->n_sdf; i++)
		filter_put(nlh, EDGEDP_A_PDR_SDF, &p->sdf[i]);
	mnl_attr_nest_end(nlh, nest);
}

static int rstats_print(const struct nlattr *nest, bool stats)
{
	const struct nlattr *tb[EDGEDP_A_RSTATS_MAX + 1];
	enum output_type t = stats ? PRINT_ANY : PRINT_JSON;

	if (nl_parse_nested(nest, rstats_policy, EDGEDP_A_RSTATS_MAX, tb))
		return MNL_CB_ERROR;
	open_json_object("stats");
	if (tb[EDGEDP_A_RSTATS_PACKETS])
		print_u64(t, "packets", " packets %" PRIu64,
			  nl_attr_u64(tb[EDGEDP_A_RSTATS_PACKETS]));
	if (tb[EDGEDP_A_RSTATS_BYTES])
		print_u64(t, "bytes", " bytes %" PRIu64,
			  nl_attr_u64(tb[EDGEDP_A_RSTATS_BYTES]));
	close_json_object();
	return MNL_CB_OK;
}

/*
 * The SDF filters of a PDR nest, one per line in text:
 *   "      sdf 'permit out udp from 192.0.2.0/24 5000-5100 to any' packets 3 bytes 252"
 * and "sdf": [{"id": 7, "rule": "...", "stats": {...}}] in JSON.
 */
static int sdfs_print(const struct nlattr *pdr, bool stats)
{
	const struct nlattr *a;
	int ret = MNL_CB_OK;

	open_json_array("sdf");
	mnl_attr_for_each_nested(a, pdr) {
		const struct nlattr *tb[EDGEDP_A_SDF_MAX + 1];
		char text[256], err[FILTER_ERR_LEN];
		struct filter_sdf f;

		if (nl_attr_type(a) != EDGEDP_A_PDR_SDF)
			continue;
		if (filter_from_attr(a, &f, err, sizeof(err)) ||
		    nl_parse_nested(a, sdf_policy, EDGEDP_A_SDF_MAX, tb)) {
			errorf("malformed SDF filter in the reply: %s", err);
			ret = MNL_CB_ERROR;
			break;
		}
		filter_format(&f, text, sizeof(text));
		open_json_object(NULL);
		print_nl();
		print_string(PRINT_FP, NULL, "      sdf", NULL);
		if (tb[EDGEDP_A_SDF_ID])
			print_uint(PRINT_ANY, "id", " id %u", nl_attr_u32(tb[EDGEDP_A_SDF_ID]));
		print_string(PRINT_ANY, "rule", " '%s'", text);
		if (tb[EDGEDP_A_SDF_STATS])
			ret = rstats_print(tb[EDGEDP_A_SDF_STATS], stats);
		close_json_object();
		if (ret != MNL_CB_OK)
			break;
	}
	close_json_array();
	return ret;
}

/* The IDs a PDR names with a repeated attribute: " qer 1 qer 2", "qers": [1, 2]. */
static void pdr_ids_print(const struct nlattr *nest, const struct nlattr *any,
			  uint16_t type, const char *key, const char *fmt)
{
	const struct nlattr *a;

	if (!any)
		return;
	open_json_array(key);
	mnl_attr_for_each_nested(a, nest)
		if (nl_attr_type(a) == type)
			print_uint(PRINT_ANY, NULL, fmt, nl_attr_u32(a));
	close_json_array();
}

/*
 * "    pdr 1 precedence 10 src-iface access teid 0x64 ohr gtpu-udp-ip ue
 * 10.60.0.1 far 1" (and " packets N bytes N" with stats), or its JSON
 * object, whose "stats" are always there.
 */
int pdr_print(const struct nlattr *nest, bool stats)
{
	const struct nlattr *tb[EDGEDP_A_PDR_MAX + 1];
	int ret = MNL_CB_OK;
	char buf[16];

	if (nl_parse_nested(nest, pdr_policy, EDGEDP_A_PDR_MAX, tb))
		return MNL_CB_ERROR;
	open_json_object(NULL);
	print_string(PRINT_FP, NULL, "    pdr", NULL);
	if (tb[EDGEDP_A_PDR_ID])
		print_uint(PRINT_ANY, "id", " %u", nl_attr_u16(tb[EDGEDP_A_PDR_ID]));
	if (tb[EDGEDP_A_PDR_PRECEDENCE])
		print_uint(PRINT_ANY, "precedence", " precedence %u",
			   nl_attr_u32(tb[EDGEDP_A_PDR_PRECEDENCE]));
	if (tb[EDGEDP_A_PDR_SRC_IFACE])
		print_name(PRINT_ANY, "src-iface", " src-iface %s",
			   iface_name(nl_attr_u8(tb[EDGEDP_A_PDR_SRC_IFACE]), buf, sizeof(buf)));
	if (tb[EDGEDP_A_PDR_TEID])
		print_hex("teid", " teid 0x%x", nl_attr_u32(tb[EDGEDP_A_PDR_TEID]));
	if (tb[EDGEDP_A_PDR_OHR])
		print_name(PRINT_ANY, "ohr", " ohr %s",
			   value_name(ohr_names, ARRAY_SIZE(ohr_names),
				      nl_attr_u8(tb[EDGEDP_A_PDR_OHR]), "ohr", buf, sizeof(buf)));
	inaddr_print("local", " local %s", tb[EDGEDP_A_PDR_LOCAL4], tb[EDGEDP_A_PDR_LOCAL6], -1);
	inaddr_print("ue", " ue %s", tb[EDGEDP_A_PDR_UE4], tb[EDGEDP_A_PDR_UE6],
		     tb[EDGEDP_A_PDR_UE6_PLEN] ? nl_attr_u8(tb[EDGEDP_A_PDR_UE6_PLEN]) : -1);
	print_u8_attr("qfi", " qfi %u", tb[EDGEDP_A_PDR_QFI]);
	if (tb[EDGEDP_A_PDR_FAR_ID])
		print_uint(PRINT_ANY, "far", " far %u", nl_attr_u32(tb[EDGEDP_A_PDR_FAR_ID]));
	/* Repeated: tb has the last. */
	pdr_ids_print(nest, tb[EDGEDP_A_PDR_QER_ID], EDGEDP_A_PDR_QER_ID, "qers", " qer %u");
	pdr_ids_print(nest, tb[EDGEDP_A_PDR_URR_ID], EDGEDP_A_PDR_URR_ID, "urrs", " urr %u");
	if (tb[EDGEDP_A_PDR_STATS])
		ret = rstats_print(tb[EDGEDP_A_PDR_STATS], stats);
	if (ret == MNL_CB_OK && tb[EDGEDP_A_PDR_SDF])
		ret = sdfs_print(nest, stats);
	print_nl();
	close_json_object();
	return ret;
}

int pdr_main(int argc, char **argv)
{
	return rule_main(&pdr_kind, rule_edit_cmds, argc, argv);
}
