// SPDX-License-Identifier: GPL-2.0
/*
 * PDRs, FARs, QERs and URRs: their keywords (shared with "session add" and
 * "session mod"), their nests in session requests and replies, and edgectl
 * pdr, far, qer and urr, which edit one rule of a session with
 * EDGEDP_CMD_SESSION_MOD (urr also shows and resets URR counters).
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

/*
 * One kind of rule's keywords: their names and bits of its "has", those that
 * may be given more than once, and the parser of one keyword's value, which
 * returns 0 or EXIT_USAGE.
 */
struct rule_syntax {
	const struct keyword *keywords;
	unsigned int repeatable;
	int (*value)(void *rule, unsigned int bit, const char *s);
};

/* What pdr_keyword() and the others do, for a rule whose bits are *has. */
static int rule_keyword_parse(int *argcp, char ***argvp, const struct rule_syntax *syn,
			      unsigned int *has, void *rule)
{
	int argc = *argcp, ret;
	char **argv = *argvp;
	unsigned int bit = keyword_bit(syn->keywords, *argv);

	if (!bit)
		return RULE_NOT_MINE;
	if (*has & bit & ~syn->repeatable)
		return arg_duplicate(*argv);
	NEXT_ARG();
	ret = syn->value(rule, bit, *argv);
	if (ret)
		return ret;
	*has |= bit;
	*argcp = argc;
	*argvp = argv;
	return 0;
}

static const struct keyword pdr_keywords[] = {
	{ "id", PDR_ID }, { "precedence", PDR_PRECEDENCE }, { "src-iface", PDR_SRC_IFACE },
	{ "far", PDR_FAR }, { "teid", PDR_TEID }, { "local", PDR_LOCAL }, { "ue", PDR_UE },
	{ "qfi", PDR_QFI }, { "ohr", PDR_OHR }, { "qer", PDR_QER }, { "sdf", PDR_SDF }, { "urr", PDR_URR },
	{ NULL, 0 }
};

static int pdr_value(void *rule, unsigned int bit, const char *s)
{
	struct pdr_args *p = rule;
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
		} else if (parse_u32(s, 0, UINT32_MAX, &p->urr[p->n_urr])) {
			errorf("invalid URRID \"%s\": expected an integer in 0-4294967295 (a URR rule starts with \"urr id ID\")", s);
			ret = EXIT_USAGE;
		} else {
			p->n_urr++;
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
		if (parse_u32(s, 0, UINT32_MAX, &p->far)) {
			errorf("invalid FARID \"%s\": expected an integer in 0-4294967295 (a FAR rule starts with \"far id ID\")", s);
			ret = EXIT_USAGE;
		}
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
		v = ohr_value(s);
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
		} else if (parse_u32(s, 0, UINT32_MAX, &p->qer[p->n_qer])) {
			errorf("invalid QERID \"%s\": expected an integer in 0-4294967295 (a QER rule starts with \"qer id ID\")", s);
			ret = EXIT_USAGE;
		} else {
			p->n_qer++;
		}
		break;
	}
	return ret;
}

static const struct rule_syntax pdr_syntax = {
	.keywords = pdr_keywords, .repeatable = PDR_QER | PDR_URR | PDR_SDF, .value = pdr_value,
};

int pdr_keyword(int *argcp, char ***argvp, struct pdr_args *p)
{
	return rule_keyword_parse(argcp, argvp, &pdr_syntax, &p->has, p);
}

static const struct keyword far_keywords[] = {
	{ "id", FAR_ID }, { "action", FAR_ACTION }, { "dst-iface", FAR_DST_IFACE },
	{ "teid", FAR_TEID }, { "peer", FAR_PEER }, { "port", FAR_PORT }, { "qfi", FAR_QFI },
	{ "dscp", FAR_DSCP }, { NULL, 0 }
};

static int far_value(void *rule, unsigned int bit, const char *s)
{
	struct far_args *f = rule;
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

static const struct rule_syntax far_syntax = {
	.keywords = far_keywords, .repeatable = 0, .value = far_value,
};

int far_keyword(int *argcp, char ***argvp, struct far_args *f)
{
	return rule_keyword_parse(argcp, argvp, &far_syntax, &f->has, f);
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

static int qer_value(void *rule, unsigned int bit, const char *s)
{
	struct qer_args *q = rule;
	int ret = 0;

	switch (bit) {
	case QER_ID:
		ret = arg_u32("QER ID", s, 0, UINT32_MAX, &q->id);
		break;
	case QER_GATE_UL:
		ret = arg_gate(s, &q->gate_ul);
		break;
	case QER_GATE_DL:
		ret = arg_gate(s, &q->gate_dl);
		break;
	case QER_MBR_UL:
		ret = arg_u64("KBPS", s, 0, UINT64_MAX, &q->mbr_ul);
		break;
	case QER_MBR_DL:
		ret = arg_u64("KBPS", s, 0, UINT64_MAX, &q->mbr_dl);
		break;
	case QER_QFI:
		ret = arg_u8("QFI", s, 0, 63, &q->qfi);
		break;
	}
	return ret;
}

static const struct rule_syntax qer_syntax = {
	.keywords = qer_keywords, .repeatable = 0, .value = qer_value,
};

int qer_keyword(int *argcp, char ***argvp, struct qer_args *q)
{
	return rule_keyword_parse(argcp, argvp, &qer_syntax, &q->has, q);
}

static const struct keyword urr_keywords[] = {
	{ "id", URR_ID }, { "thresh-total", URR_THRESH_TOTAL }, { "thresh-ul", URR_THRESH_UL },
	{ "thresh-dl", URR_THRESH_DL }, { "quota-total", URR_QUOTA_TOTAL },
	{ "quota-ul", URR_QUOTA_UL }, { "quota-dl", URR_QUOTA_DL }, { NULL, 0 }
};

static int urr_value(void *rule, unsigned int bit, const char *s)
{
	struct urr_args *u = rule;
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

static const struct rule_syntax urr_syntax = {
	.keywords = urr_keywords, .repeatable = 0, .value = urr_value,
};

int urr_keyword(int *argcp, char ***argvp, struct urr_args *u)
{
	return rule_keyword_parse(argcp, argvp, &urr_syntax, &u->has, u);
}

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
			  nl_attr_u64(tb[EDGEDP_A_RSTATS_PACKETS]));
	if (tb[EDGEDP_A_RSTATS_BYTES])
		print_u64(t, "bytes", " bytes %" PRIu64,
			  nl_attr_u64(tb[EDGEDP_A_RSTATS_BYTES]));
	close_json_object();
	return MNL_CB_OK;
}

/* Numbers in JSON, hexadecimal in text. Inline: a literal key stays one (print.h). */
static inline __attribute__((always_inline))
void print_hex(const char *key, const char *fmt, uint32_t v)
{
	print_u64(PRINT_JSON, key, NULL, v);
	print_uint(PRINT_FP, NULL, fmt, v);
}

/* Inline: a literal key stays one (print.h). */
static inline __attribute__((always_inline))
void print_u8_attr(const char *key, const char *fmt, const struct nlattr *a)
{
	if (a)
		print_uint(PRINT_ANY, key, fmt, nl_attr_u8(a));
}

/*
 * "    pdr 1 precedence 10 src-iface access teid 0x64 ohr gtpu-udp-ip ue
 * 10.60.0.1 far 1" (and " packets N bytes N" with stats), or its JSON
 * object, whose "stats" are always there.
 */
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
			   ohr_name(nl_attr_u8(tb[EDGEDP_A_PDR_OHR]), buf, sizeof(buf)));
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
			print_name(PRINT_ANY, NULL, "%s", action_bit_name(bit, buf, sizeof(buf)));
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
		print_uint(PRINT_ANY, "id", " %u", nl_attr_u32(tb[EDGEDP_A_QER_ID]));
	if (tb[EDGEDP_A_QER_GATE_UL])
		print_name(PRINT_ANY, "gate-ul", " gate-ul %s",
			   gate_name(nl_attr_u8(tb[EDGEDP_A_QER_GATE_UL]), buf, sizeof(buf)));
	if (tb[EDGEDP_A_QER_GATE_DL])
		print_name(PRINT_ANY, "gate-dl", " gate-dl %s",
			   gate_name(nl_attr_u8(tb[EDGEDP_A_QER_GATE_DL]), buf, sizeof(buf)));
	if (tb[EDGEDP_A_QER_MBR_UL])
		print_u64(PRINT_ANY, "mbr-ul", " mbr-ul %" PRIu64,
			  nl_attr_u64(tb[EDGEDP_A_QER_MBR_UL]));
	if (tb[EDGEDP_A_QER_MBR_DL])
		print_u64(PRINT_ANY, "mbr-dl", " mbr-dl %" PRIu64,
			  nl_attr_u64(tb[EDGEDP_A_QER_MBR_DL]));
	print_u8_attr("qfi", " qfi %u", tb[EDGEDP_A_QER_QFI]);
	print_nl();
	close_json_object();
	return MNL_CB_OK;
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

/* pdr, far, qer, urr: the rule kinds these objects edit. */
enum rule_object { OBJ_PDR, OBJ_FAR, OBJ_QER, OBJ_URR };

static int rule_keyword(int *argc, char ***argv, enum rule_object obj, struct rule *r)
{
	switch (obj) {
	case OBJ_PDR: return pdr_keyword(argc, argv, &r->pdr);
	case OBJ_FAR: return far_keyword(argc, argv, &r->far);
	case OBJ_QER: return qer_keyword(argc, argv, &r->qer);
	default: return urr_keyword(argc, argv, &r->urr);
	}
}

/*
 * OBJECT add|change|replace|del: the session's dev and seid, and one rule,
 * or for del only its id.
 */
static int rule_parse(int argc, char **argv, enum rule_object obj, bool del,
		      struct session_args *a, struct rule *r)
{
	static const uint8_t kinds[] = { RULE_PDR, RULE_FAR, RULE_QER, RULE_URR };
	static const uint8_t removals[] = { RULE_RM_PDR, RULE_RM_FAR, RULE_RM_QER, RULE_RM_URR };
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
		 obj == OBJ_FAR ? r->far.has & FAR_ID :
		 obj == OBJ_QER ? r->qer.has & QER_ID : r->urr.has & URR_ID;
	if (!has_id)
		return arg_required("\"id ID\"");
	if (del) {
		r->rm_id = obj == OBJ_PDR ? r->pdr.id : obj == OBJ_FAR ? r->far.id :
			   obj == OBJ_QER ? r->qer.id : r->urr.id;
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

static int urr_add(int argc, char **argv) { return rule_edit(argc, argv, OBJ_URR, "add"); }
static int urr_change(int argc, char **argv) { return rule_edit(argc, argv, OBJ_URR, "change"); }
static int urr_replace(int argc, char **argv) { return rule_edit(argc, argv, OBJ_URR, "replace"); }
static int urr_del(int argc, char **argv) { return rule_edit(argc, argv, OBJ_URR, "del"); }

/* urr show and reset name a session and, for reset, one URR id. */
static int urr_target(int argc, char **argv, bool need_id, struct session_args *a,
		      struct rule *r)
{
	int ret;

	memset(a, 0, sizeof(*a));
	memset(r, 0, sizeof(*r));
	a->peer_check = -1;
	for (; argc > 0; argc--, argv++) {
		if (streq(*argv, "help"))
			return SHOW_HELP;
		ret = session_keyword(&argc, &argv, SESSION_ARG_SEID, a);
		if (ret == RULE_NOT_MINE && streq(*argv, "id"))
			ret = urr_keyword(&argc, &argv, &r->urr);
		if (ret == RULE_NOT_MINE)
			return arg_unexpected(*argv);
		if (ret)
			return ret;
	}
	if (!a->dev.name && !a->dev.ifindex)
		return arg_required("device: dev NAME or dev index IFINDEX");
	if (!a->has_seid)
		return arg_required("\"seid SEID\"");
	if (need_id && !(r->urr.has & URR_ID))
		return arg_required("\"id ID\"");
	return dev_ref_resolve(&a->dev);
}

static int urr_reset(int argc, char **argv)
{
	struct session_args a;
	struct rule r;
	int ret = urr_target(argc, argv, true, &a, &r);

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
	int ret = urr_target(argc, argv, false, &a, &r);

	return ret ? ret : edgectl_show(EDGEDP_CMD_SESSION_GET, false, session_put, &a,
					urr_show_cb, &u);
}

static const struct edgectl_cmd urr_cmds[] = {
	{ "show", urr_show, "show the URRs of a session with their counters", NULL },
	{ "add", urr_add, "add a URR to a session", NULL },
	{ "change", urr_change, "change a URR of a session", NULL },
	{ "replace", urr_replace, "add or change a URR", NULL },
	{ "del", urr_del, "remove a URR from a session", NULL },
	{ "reset", urr_reset, "zero a URR's counters, re-arm its thresholds and quota",
	  NULL },
	{ .name = NULL }
};

int urr_main(int argc, char **argv)
{
	return edgectl_dispatch("urr", urr_cmds, argc, argv);
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
	char name[32];
	uint32_t ifindex;

	(void)stats;
	if (nl_parse(nlh, policy, EDGEDP_A_SESSION_MAX, tb) || !tb[EDGEDP_A_SESSION_IFINDEX] ||
	    !tb[EDGEDP_A_SESSION_SEID] || !tb[EDGEDP_A_SESSION_URR] ||
	    nl_parse_nested(tb[EDGEDP_A_SESSION_URR], urr_policy, EDGEDP_A_URR_MAX, u))
		return MNL_CB_ERROR;
	ifindex = nl_attr_u32(tb[EDGEDP_A_SESSION_IFINDEX]);
	print_uint(PRINT_JSON, "ifindex", NULL, ifindex);
	print_string(PRINT_FP, NULL, "dev %s", dev_ref_name(ifindex, NULL, name, sizeof(name)));
	print_u64(PRINT_JSON, "seid", NULL, nl_attr_u64(tb[EDGEDP_A_SESSION_SEID]));
	print_u64(PRINT_FP, NULL, " seid 0x%" PRIx64, nl_attr_u64(tb[EDGEDP_A_SESSION_SEID]));
	print_string(PRINT_FP, NULL, " urr", NULL);
	open_json_object("urr");
	urr_members(u);
	close_json_object();
	print_nl();
	return MNL_CB_OK;
}
