/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What PDRs, FARs, QERs and URRs share: a rule of a session request, the
 * parsing of a rule's keywords from a table of them per kind of rule, and
 * the commands of the objects pdr, far, qer and urr, which edit one rule of
 * a session with EDGEDP_CMD_SESSION_MOD.
 *
 * Only the syntax is checked here: which combinations make a rule (a TEID
 * needs outer header removal, an access PDR needs a TEID, one of drop, forw
 * and buff, rules that refer to each other exist...) is the kernel's to say,
 * in its extended ack.
 */

#ifndef EDGECTL_RULE_H
#define EDGECTL_RULE_H

#include <stddef.h>
#include <stdint.h>

#include "edgectl.h"
#include "far.h"
#include "pdr.h"
#include "qer.h"
#include "session.h"
#include "urr.h"

/* One rule of a session request, or the removal or reset of one by its id. */
struct rule {
	enum { RULE_PDR, RULE_FAR, RULE_RM_PDR, RULE_RM_FAR, RULE_QER, RULE_RM_QER,
	       RULE_URR, RULE_RM_URR, RULE_RESET_URR } kind;
	union {
		struct pdr_args pdr;
		struct far_args far;
		struct qer_args qer;
		struct urr_args urr;
		uint32_t rm_id;		/* u16 for a PDR */
	};
};

/* A keyword of a rule, and its bit in the rule's "has". */
struct keyword {
	const char *name;
	unsigned int bit;
};

/*
 * A kind of rule: its object, its keywords up to { NULL } ("id ID" first, bit
 * 1 << 0 of every kind's "has"), those that may be given more than once,
 * where its "has" is in a struct rule, and the parser of one keyword's value
 * (0 or EXIT_USAGE). One per file: pdr.c, far.c, qer.c, urr.c.
 */
struct rule_kind {
	const char *name;
	unsigned int kind, removal;		/* RULE_PDR, RULE_RM_PDR... */
	const struct keyword *keywords;
	unsigned int repeatable;
	size_t has;				/* offsetof(struct rule, pdr.has)... */
	int (*value)(struct rule *r, unsigned int bit, const char *s);
};

extern const struct rule_kind pdr_kind, far_kind, qer_kind, urr_kind;

/*
 * One keyword of r (as r->kind says) with its value, at *argv: 0 (consumed),
 * EXIT_USAGE, or RULE_NOT_MINE if it is no keyword of the rule.
 */
int rule_keyword(int *argc, char ***argv, struct rule *r);

/* EDGEDP_A_SESSION_MOD_FLAGS of pdr, far, qer and urr add, change, replace and del. */
uint32_t rule_edit_flags(const char *cmd);

enum {
	RULE_ONLY_ID = 1 << 0,	/* of the rule's keywords, only "id ID" */
	RULE_NEED_ID = 1 << 1,	/* ... and it is required */
};

/*
 * What a command of the object of kind k names: the session ("dev DEV seid
 * SEID", both required, the device resolved) and, as flags allow, a rule of
 * that kind in *r. a->rules is left empty. 0, SHOW_HELP, EXIT_USAGE or
 * EXIT_KERNEL.
 */
int rule_target(int argc, char **argv, const struct rule_kind *k, unsigned int flags,
		struct session_args *a, struct rule *r);

/*
 * edgectl pdr, far, qer and urr: cmds[] run for rules of kind k. Those of
 * rule_edit_cmds[], add, change, replace and del (as rule_add()...), edit
 * one rule of kind k.
 */
int rule_main(const struct rule_kind *k, const struct edgectl_cmd *cmds, int argc, char **argv);
extern const struct edgectl_cmd rule_edit_cmds[];
int rule_add(int argc, char **argv);
int rule_change(int argc, char **argv);
int rule_replace(int argc, char **argv);
int rule_del(int argc, char **argv);

/* PFCP interfaces, of PDRs (src-iface) and FARs (dst-iface): 0 or EXIT_USAGE; the name. */
int arg_iface(const char *s, uint8_t *out);
const char *iface_name(unsigned int v, char *buf, size_t len);

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

#endif /* EDGECTL_RULE_H */
