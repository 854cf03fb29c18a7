// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl qer, and the QERs of sessions: the keywords of a QER (shared with
 * "session add" and "session mod"), its nest in session requests, and its
 * line or JSON object in session show.
 */

#include <inttypes.h>
#include <stddef.h>

#include "rule.h"

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

static const char *const gate_names[] = {
	[EDGEDP_GATE_OPEN]	= "open",
	[EDGEDP_GATE_CLOSED]	= "closed",
};

static const struct nl_policy qer_policy[EDGEDP_A_QER_MAX + 1] = {
	[EDGEDP_A_QER_ID]		= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_QER_GATE_UL]		= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_QER_GATE_DL]		= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_QER_MBR_UL]		= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_QER_MBR_DL]		= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_QER_QFI]		= { .type = MNL_TYPE_U8 },
};

static const struct keyword qer_keywords[] = {
	{ "id", QER_ID }, { "gate-ul", QER_GATE_UL }, { "gate-dl", QER_GATE_DL },
	{ "mbr-ul", QER_MBR_UL }, { "mbr-dl", QER_MBR_DL }, { "qfi", QER_QFI }, { NULL, 0 }
};

static const char *gate_name(unsigned int v, char *buf, size_t len)
{
	return value_name(gate_names, ARRAY_SIZE(gate_names), v, "gate", buf, len);
}

static int arg_gate(const char *s, uint8_t *out)
{
	int v = name_value(gate_names, ARRAY_SIZE(gate_names), s);

	if (v >= 0) {
		*out = v;
		return 0;
	}
	errorf("invalid GATE \"%s\": expected open or closed", s);
	return EXIT_USAGE;
}

static int qer_value(struct rule *r, unsigned int bit, const char *s)
{
	struct qer_args *q = &r->qer;
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

const struct rule_kind qer_kind = {
	.name = "qer", .kind = RULE_QER, .removal = RULE_RM_QER,
	.keywords = qer_keywords, .value = qer_value, .has = offsetof(struct rule, qer.has),
};

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

int qer_main(int argc, char **argv)
{
	return rule_main(&qer_kind, rule_edit_cmds, argc, argv);
}
