// SPDX-License-Identifier: GPL-2.0
/*
 * PDRs, FARs and QERs: their keywords (shared with "session add" and
 * "session mod"), their nests in session requests and replies, and edgectl
 * pdr, far and qer, which edit one rule of a session with
 * EDGEDP_CMD_SESSION_MOD.
 *
 * Only the syntax is checked here: which combinations make a rule (a TEID
 * needs outer header removal, an access PDR needs a TEID, one of drop, forw
 * and buff, rules that refer to each other exist...) is the kernel's to say,
 * in its extended ack.
 */

#include <inttypes.h>
#include <string.h>

#include "edgectl.h"

const char pdr_usage[] =
	"Usage: edgectl pdr { add | change | replace } dev DEV seid SEID id ID PDR\n"
	"       edgectl pdr del dev DEV seid SEID id ID\n"
	"       edgectl pdr help\n"
	"Where: PDR := precedence PRECEDENCE src-iface IFACE far FARID [ teid TEID ]\n"
	"              [ local ADDR ] [ ue ADDR[/PLEN] ] [ qfi QFI ] [ ohr OHR ]\n"
	"              [ qer QERID ]\n"
	"       add: the PDR must be new; change: it must exist; replace: either\n"
	"       DEV := { [ name ] NAME | index IFINDEX }, an edgedp device\n"
	"       SEID := 0-0xffffffffffffffff     ID := 0-65535\n"
	"       PRECEDENCE := 0-4294967295, lower matches first\n"
	"       IFACE := { access | core | dn | cp }\n"
	"       FARID := 0-4294967295, the FAR of matching packets\n"
	"       QERID := 0-4294967295, a QER enforced on matching packets\n"
	"       TEID := 1-0xffffffff, the local F-TEID (needs OHR, default gtpu-udp-ip)\n"
	"       ADDR := IPv4 or IPv6 address; a UE IPv6 prefix is /64 unless given\n"
	"       QFI := 0-63\n"
	"       OHR := { gtpu-udp-ipv4 | gtpu-udp-ipv6 | gtpu-udp-ip }\n"
	"       Numbers are decimal or 0x hexadecimal.\n";

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

const char qer_usage[] =
	"Usage: edgectl qer { add | change | replace } dev DEV seid SEID id ID QER\n"
	"       edgectl qer del dev DEV seid SEID id ID\n"
	"       edgectl qer help\n"
	"Where: QER := [ gate-ul GATE ] [ gate-dl GATE ] [ mbr-ul KBPS ] [ mbr-dl KBPS ]\n"
	"              [ qfi QFI ]\n"
	"       add: the QER must be new; change: it must exist; replace: either\n"
	"       DEV := { [ name ] NAME | index IFINDEX }, an edgedp device\n"
	"       SEID := 0-0xffffffffffffffff     ID := 0-4294967295\n"
	"       GATE := { open | closed } (default open)\n"
	"       KBPS := maximum bit rate in kbit/s, 0 (the default) for none\n"
	"       QFI := 0-63, sent in a PDU Session Container if the FAR sends none\n"
	"       A PDR applies a QER with \"qer QERID\". Numbers are decimal or 0x\n"
	"       hexadecimal.\n";

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
};

static const struct nl_policy qer_policy[EDGEDP_A_QER_MAX + 1] = {
	[EDGEDP_A_QER_ID]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_QER_GATE_UL]		= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_QER_GATE_DL]		= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_QER_MBR_UL]		= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_QER_MBR_DL]		= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_QER_QFI]		= { .type = MNL_TYPE_U8 },
};

static const struct nl_policy rstats_policy[EDGEDP_A_RSTATS_MAX + 1] = {
	[EDGEDP_A_RSTATS_PACKETS]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_RSTATS_BYTES]		= { .type = MNL_TYPE_U64 },
};

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

struct keyword {
	const char *name;
	unsigned int bit;
};

static unsigned int keyword_bit(const struct keyword *kws, const char *s)
{
	for (; kws->name; kws++)
		if (streq(kws->name, s))
			return kws->bit;
	return 0;
}

static const struct keyword pdr_keywords[] = {
	{ "id", PDR_ID }, { "precedence", PDR_PRECEDENCE }, { "src-iface", PDR_SRC_IFACE },
	{ "far", PDR_FAR }, { "teid", PDR_TEID }, { "local", PDR_LOCAL }, { "ue", PDR_UE },
	{ "qfi", PDR_QFI }, { "ohr", PDR_OHR }, { "qer", PDR_QER }, { NULL, 0 }
};

int pdr_keyword(int *argcp, char ***argvp, struct pdr_args *p)
{
	int argc = *argcp, ret = 0, v;
	char **argv = *argvp;
	unsigned int bit = keyword_bit(pdr_keywords, *argv);

	if (!bit)
		return RULE_NOT_MINE;
	if (p->has & bit)
		return arg_duplicate(*argv);
	NEXT_ARG();
	switch (bit) {
	case PDR_ID:
		ret = arg_u16("PDR ID", *argv, 0, UINT16_MAX, &p->id);
		break;
	case PDR_PRECEDENCE:
		ret = arg_u32("PRECEDENCE", *argv, 0, UINT32_MAX, &p->precedence);
		break;
	case PDR_SRC_IFACE:
		ret = arg_iface(*argv, &p->src_iface);
		break;
	case PDR_FAR:
		if (parse_u32(*argv, 0, UINT32_MAX, &p->far)) {
			errorf("invalid FARID \"%s\": expected an integer in 0-4294967295 (a FAR rule starts with \"far id ID\")", *argv);
			ret = EXIT_USAGE;
		}
		break;
	case PDR_TEID:
		ret = arg_u32("TEID", *argv, 1, UINT32_MAX, &p->teid);
		break;
	case PDR_LOCAL:
		ret = arg_inaddr("local ADDR", *argv, false, &p->local);
		break;
	case PDR_UE:
		ret = arg_inaddr("UE ADDR", *argv, true, &p->ue);
		break;
	case PDR_QFI:
		ret = arg_u8("QFI", *argv, 0, 63, &p->qfi);
		break;
	case PDR_OHR:
		v = ohr_value(*argv);
		if (v < 0) {
			errorf("invalid OHR \"%s\": expected gtpu-udp-ipv4, gtpu-udp-ipv6 or gtpu-udp-ip", *argv);
			ret = EXIT_USAGE;
		}
		p->ohr = v;
		break;
	case PDR_QER:
		if (parse_u32(*argv, 0, UINT32_MAX, &p->qer)) {
			errorf("invalid QERID \"%s\": expected an integer in 0-4294967295 (a QER rule starts with \"qer id ID\")", *argv);
			ret = EXIT_USAGE;
		}
		break;
	}
	if (ret)
		return ret;
	p->has |= bit;
	*argcp = argc;
	*argvp = argv;
	return 0;
}

static const struct keyword far_keywords[] = {
	{ "id", FAR_ID }, { "action", FAR_ACTION }, { "dst-iface", FAR_DST_IFACE },
	{ "teid", FAR_TEID }, { "peer", FAR_PEER }, { "port", FAR_PORT }, { "qfi", FAR_QFI },
	{ "dscp", FAR_DSCP }, { NULL, 0 }
};

int far_keyword(int *argcp, char ***argvp, struct far_args *f)
{
	int argc = *argcp, ret = 0, v;
	char **argv = *argvp;
	unsigned int bit = keyword_bit(far_keywords, *argv);

	if (!bit)
		return RULE_NOT_MINE;
	if (f->has & bit)
		return arg_duplicate(*argv);
	NEXT_ARG();
	switch (bit) {
	case FAR_ID:
		ret = arg_u32("FAR ID", *argv, 0, UINT32_MAX, &f->id);
		break;
	case FAR_ACTION:
		v = action_value(*argv);
		if (v < 0) {
			errorf("invalid ACTION \"%s\": expected forw, drop or buff, optionally ,nocp", *argv);
			ret = EXIT_USAGE;
		}
		f->action = v;
		break;
	case FAR_DST_IFACE:
		ret = arg_iface(*argv, &f->dst_iface);
		break;
	case FAR_TEID:
		ret = arg_u32("TEID", *argv, 1, UINT32_MAX, &f->teid);
		break;
	case FAR_PEER:
		ret = arg_inaddr("peer ADDR", *argv, false, &f->peer);
		break;
	case FAR_PORT:
		ret = arg_u16("PORT", *argv, 1, UINT16_MAX, &f->port);
		break;
	case FAR_QFI:
		ret = arg_u8("QFI", *argv, 0, 63, &f->qfi);
		break;
	case FAR_DSCP:
		ret = arg_u8("DSCP", *argv, 0, 63, &f->dscp);
		break;
	}
	if (ret)
		return ret;
	f->has |= bit;
	*argcp = argc;
	*argvp = argv;
	return 0;
}

static const struct keyword qer_keywords[] = {
	{ "id", QER_ID }, { "gate-ul", QER_GATE_UL }, { "gate-dl", QER_GATE_DL },
	{ "mbr-ul", QER_MBR_UL }, { "mbr-dl", QER_MBR_DL }, { "qfi", QER_QFI }, { NULL, 0 }
};

static int arg_gate(const char *s, uint8_t *out)
{
	int v = gate_value(s);

	if (v >= 0) {
		*out = v;
		return 0;
	}
	errorf("invalid GATE \"%s\": expected open or closed", s);
	return EXIT_USAGE;
}

int qer_keyword(int *argcp, char ***argvp, struct qer_args *q)
{
	int argc = *argcp, ret = 0;
	char **argv = *argvp;
	unsigned int bit = keyword_bit(qer_keywords, *argv);

	if (!bit)
		return RULE_NOT_MINE;
	if (q->has & bit)
		return arg_duplicate(*argv);
	NEXT_ARG();
	switch (bit) {
	case QER_ID:
		ret = arg_u32("QER ID", *argv, 0, UINT32_MAX, &q->id);
		break;
	case QER_GATE_UL:
		ret = arg_gate(*argv, &q->gate_ul);
		break;
	case QER_GATE_DL:
		ret = arg_gate(*argv, &q->gate_dl);
		break;
	case QER_MBR_UL:
		ret = arg_u64("KBPS", *argv, 0, UINT64_MAX, &q->mbr_ul);
		break;
	case QER_MBR_DL:
		ret = arg_u64("KBPS", *argv, 0, UINT64_MAX, &q->mbr_dl);
		break;
	case QER_QFI:
		ret = arg_u8("QFI", *argv, 0, 63, &q->qfi);
		break;
	}
	if (ret)
		return ret;
	q->has |= bit;
	*argcp = argc;
	*argvp = argv;
	return 0;
}

/* Attributes in the order of enum edgedp_pdr_attrs. */
void pdr_put(struct nlmsghdr *nlh, const struct pdr_args *p)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_PDR);

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
	if (p->has & PDR_QER)
		mnl_attr_put_u32(nlh, EDGEDP_A_PDR_QER_ID, p->qer);
	mnl_attr_nest_end(nlh, nest);
}

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

void qer_put(struct nlmsghdr *nlh, const struct qer_args *q)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_QER);

	if (q->has & QER_ID)
		mnl_attr_put_u32(nlh, EDGEDP_A_QER_ID, q->id);
	if (q->has & QER_GATE_UL)
		mnl_attr_put_u8(nlh, EDGEDP_A_QER_GATE_UL, q->gate_ul);
	if (q->has & QER_GATE_DL)
		mnl_attr_put_u8(nlh, EDGEDP_A_QER_GATE_DL, q->gate_dl);
	if (q->has & QER_MBR_UL)
		mnl_attr_put_u64(nlh, EDGEDP_A_QER_MBR_UL, q->mbr_ul);
	if (q->has & QER_MBR_DL)
		mnl_attr_put_u64(nlh, EDGEDP_A_QER_MBR_DL, q->mbr_dl);
	if (q->has & QER_QFI)
		mnl_attr_put_u8(nlh, EDGEDP_A_QER_QFI, q->qfi);
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
			  mnl_attr_get_u64(tb[EDGEDP_A_RSTATS_PACKETS]));
	if (tb[EDGEDP_A_RSTATS_BYTES])
		print_u64(t, "bytes", " bytes %" PRIu64,
			  mnl_attr_get_u64(tb[EDGEDP_A_RSTATS_BYTES]));
	close_json_object();
	return MNL_CB_OK;
}

/* Numbers in JSON, hexadecimal in text. */
static void print_hex(const char *key, const char *fmt, uint32_t v)
{
	print_u64(PRINT_JSON, key, NULL, v);
	print_uint(PRINT_FP, NULL, fmt, v);
}

static void print_u8_attr(const char *key, const char *fmt, const struct nlattr *a)
{
	if (a)
		print_uint(PRINT_ANY, key, fmt, mnl_attr_get_u8(a));
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
		print_uint(PRINT_ANY, "id", " %u", mnl_attr_get_u16(tb[EDGEDP_A_PDR_ID]));
	if (tb[EDGEDP_A_PDR_PRECEDENCE])
		print_uint(PRINT_ANY, "precedence", " precedence %u",
			   mnl_attr_get_u32(tb[EDGEDP_A_PDR_PRECEDENCE]));
	if (tb[EDGEDP_A_PDR_SRC_IFACE])
		print_string(PRINT_ANY, "src-iface", " src-iface %s",
			     iface_name(mnl_attr_get_u8(tb[EDGEDP_A_PDR_SRC_IFACE]),
					buf, sizeof(buf)));
	if (tb[EDGEDP_A_PDR_TEID])
		print_hex("teid", " teid 0x%x", mnl_attr_get_u32(tb[EDGEDP_A_PDR_TEID]));
	if (tb[EDGEDP_A_PDR_OHR])
		print_string(PRINT_ANY, "ohr", " ohr %s",
			     ohr_name(mnl_attr_get_u8(tb[EDGEDP_A_PDR_OHR]), buf, sizeof(buf)));
	inaddr_print("local", " local %s", tb[EDGEDP_A_PDR_LOCAL4], tb[EDGEDP_A_PDR_LOCAL6], -1);
	inaddr_print("ue", " ue %s", tb[EDGEDP_A_PDR_UE4], tb[EDGEDP_A_PDR_UE6],
		     tb[EDGEDP_A_PDR_UE6_PLEN] ? mnl_attr_get_u8(tb[EDGEDP_A_PDR_UE6_PLEN]) : -1);
	print_u8_attr("qfi", " qfi %u", tb[EDGEDP_A_PDR_QFI]);
	if (tb[EDGEDP_A_PDR_FAR_ID])
		print_uint(PRINT_ANY, "far", " far %u", mnl_attr_get_u32(tb[EDGEDP_A_PDR_FAR_ID]));
	if (tb[EDGEDP_A_PDR_QER_ID])
		print_uint(PRINT_ANY, "qer", " qer %u", mnl_attr_get_u32(tb[EDGEDP_A_PDR_QER_ID]));
	if (tb[EDGEDP_A_PDR_STATS])
		ret = rstats_print(tb[EDGEDP_A_PDR_STATS], stats);
	print_nl();
	close_json_object();
	return ret;
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
		print_uint(PRINT_ANY, "id", " %u", mnl_attr_get_u32(tb[EDGEDP_A_FAR_ID]));
	if (tb[EDGEDP_A_FAR_ACTION]) {
		unsigned int bits = mnl_attr_get_u8(tb[EDGEDP_A_FAR_ACTION]), bit;
		const char *sep = " ";

		open_json_array("action");
		print_string(PRINT_FP, NULL, " action%s", bits ? "" : " none");
		for (bit = 0; bit < 8; bit++) {
			if (!(bits & (1u << bit)))
				continue;
			print_string(PRINT_FP, NULL, sep, NULL);
			print_string(PRINT_ANY, NULL, "%s", action_bit_name(bit, buf, sizeof(buf)));
			sep = ",";
		}
		close_json_array();
	}
	if (tb[EDGEDP_A_FAR_DST_IFACE])
		print_string(PRINT_ANY, "dst-iface", " dst-iface %s",
			     iface_name(mnl_attr_get_u8(tb[EDGEDP_A_FAR_DST_IFACE]),
					buf, sizeof(buf)));
	if (tb[EDGEDP_A_FAR_TEID])
		print_hex("teid", " teid 0x%x", mnl_attr_get_u32(tb[EDGEDP_A_FAR_TEID]));
	inaddr_print("peer", " peer %s", tb[EDGEDP_A_FAR_PEER4], tb[EDGEDP_A_FAR_PEER6], -1);
	if (tb[EDGEDP_A_FAR_PORT])
		print_uint(PRINT_ANY, "port", " port %u", mnl_attr_get_u16(tb[EDGEDP_A_FAR_PORT]));
	print_u8_attr("qfi", " qfi %u", tb[EDGEDP_A_FAR_QFI]);
	print_u8_attr("dscp", " dscp %u", tb[EDGEDP_A_FAR_DSCP]);
	print_nl();
	close_json_object();
	return MNL_CB_OK;
}

/* "    qer 1 gate-ul open gate-dl open mbr-ul 1000 mbr-dl 0 qfi 5" */
int qer_print(const struct nlattr *nest)
{
	const struct nlattr *tb[EDGEDP_A_QER_MAX + 1];
	char buf[16];

	if (nl_parse_nested(nest, qer_policy, EDGEDP_A_QER_MAX, tb))
		return MNL_CB_ERROR;
	open_json_object(NULL);
	print_string(PRINT_FP, NULL, "    qer", NULL);
	if (tb[EDGEDP_A_QER_ID])
		print_uint(PRINT_ANY, "id", " %u", mnl_attr_get_u32(tb[EDGEDP_A_QER_ID]));
	if (tb[EDGEDP_A_QER_GATE_UL])
		print_string(PRINT_ANY, "gate-ul", " gate-ul %s",
			     gate_name(mnl_attr_get_u8(tb[EDGEDP_A_QER_GATE_UL]),
				       buf, sizeof(buf)));
	if (tb[EDGEDP_A_QER_GATE_DL])
		print_string(PRINT_ANY, "gate-dl", " gate-dl %s",
			     gate_name(mnl_attr_get_u8(tb[EDGEDP_A_QER_GATE_DL]),
				       buf, sizeof(buf)));
	if (tb[EDGEDP_A_QER_MBR_UL])
		print_u64(PRINT_ANY, "mbr-ul", " mbr-ul %" PRIu64,
			  mnl_attr_get_u64(tb[EDGEDP_A_QER_MBR_UL]));
	if (tb[EDGEDP_A_QER_MBR_DL])
		print_u64(PRINT_ANY, "mbr-dl", " mbr-dl %" PRIu64,
			  mnl_attr_get_u64(tb[EDGEDP_A_QER_MBR_DL]));
	print_u8_attr("qfi", " qfi %u", tb[EDGEDP_A_QER_QFI]);
	print_nl();
	close_json_object();
	return MNL_CB_OK;
}

/* pdr, far, qer: the rule kinds these objects edit. */
enum rule_object { OBJ_PDR, OBJ_FAR, OBJ_QER };

static int rule_keyword(int *argc, char ***argv, enum rule_object obj, struct rule *r)
{
	switch (obj) {
	case OBJ_PDR: return pdr_keyword(argc, argv, &r->pdr);
	case OBJ_FAR: return far_keyword(argc, argv, &r->far);
	default: return qer_keyword(argc, argv, &r->qer);
	}
}

/*
 * OBJECT add|change|replace|del: the session's dev and seid, and one rule,
 * or for del only its id.
 */
static int rule_parse(int argc, char **argv, enum rule_object obj, bool del,
		      struct session_args *a, struct rule *r)
{
	static const uint8_t kinds[] = { RULE_PDR, RULE_FAR, RULE_QER };
	static const uint8_t removals[] = { RULE_RM_PDR, RULE_RM_FAR, RULE_RM_QER };
	bool has_id;
	int ret;

	memset(a, 0, sizeof(*a));
	memset(r, 0, sizeof(*r));
	a->peer_check = -1;
	r->kind = kinds[obj];
	a->rules = r;
	a->n_rules = 1;
	for (; argc > 0; argc--, argv++) {
		if (streq(*argv, "help"))
			return SHOW_HELP;
		ret = session_keyword(&argc, &argv, SESSION_ARG_SEID, a);
		if (ret == RULE_NOT_MINE && del && !streq(*argv, "id"))
			return arg_unexpected(*argv);
		if (ret == RULE_NOT_MINE)
			ret = rule_keyword(&argc, &argv, obj, r);
		if (ret == RULE_NOT_MINE)
			return arg_unexpected(*argv);
		if (ret)
			return ret;
	}
	if (!a->dev.name && !a->dev.ifindex)
		return arg_required("device: dev NAME or dev index IFINDEX");
	if (!a->has_seid)
		return arg_required("\"seid SEID\"");
	has_id = obj == OBJ_PDR ? r->pdr.has & PDR_ID :
		 obj == OBJ_FAR ? r->far.has & FAR_ID : r->qer.has & QER_ID;
	if (!has_id)
		return arg_required("\"id ID\"");
	if (del) {
		r->rm_id = obj == OBJ_PDR ? r->pdr.id : obj == OBJ_FAR ? r->far.id : r->qer.id;
		r->kind = removals[obj];
	}
	return 0;
}

/*
 * add: must be new; change: must exist; replace: either. Said with
 * EDGEDP_A_SESSION_MOD_FLAGS: genl refuses NLM_F_EXCL and NLM_F_REPLACE.
 */
static const struct {
	const char *name;
	uint32_t flags;
} edits[] = {
	{ "add", EDGEDP_MOD_CREATE },
	{ "change", EDGEDP_MOD_REPLACE },
	{ "replace", 0 },
	{ "del", 0 },
};

uint32_t rule_edit_flags(const char *cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(edits); i++)
		if (!strcmp(edits[i].name, cmd))
			return edits[i].flags;
	return 0;
}

static int rule_edit(int argc, char **argv, enum rule_object obj, const char *cmd)
{
	struct session_args a;
	struct rule r;
	int ret = rule_parse(argc, argv, obj, streq(cmd, "del"), &a, &r);

	if (!ret)
		ret = dev_ref_resolve(&a.dev);
	a.mod_flags = rule_edit_flags(cmd);
	return ret ? ret : edgectl_request(EDGEDP_CMD_SESSION_MOD, 0, session_put, &a,
					   NULL, NULL);
}

#define RULE_CMDS(obj, OBJ, what)							\
static int obj##_add(int argc, char **argv) { return rule_edit(argc, argv, OBJ, "add"); }	\
static int obj##_change(int argc, char **argv) { return rule_edit(argc, argv, OBJ, "change"); } \
static int obj##_replace(int argc, char **argv) { return rule_edit(argc, argv, OBJ, "replace"); } \
static int obj##_del(int argc, char **argv) { return rule_edit(argc, argv, OBJ, "del"); }	\
static const struct edgectl_cmd obj##_cmds[] = {					\
	{ "add", obj##_add, "add a " what " to a session", NULL },			\
	{ "change", obj##_change, "change a " what " of a session", NULL },		\
	{ "replace", obj##_replace, "add or change a " what, NULL },			\
	{ "del", obj##_del, "remove a " what " from a session", NULL },		\
	{ .name = NULL }								\
};											\
int obj##_main(int argc, char **argv)							\
{											\
	return edgectl_dispatch(#obj, obj##_cmds, argc, argv);				\
}

RULE_CMDS(pdr, OBJ_PDR, "PDR")
RULE_CMDS(far, OBJ_FAR, "FAR")
RULE_CMDS(qer, OBJ_QER, "QER")
