// SPDX-License-Identifier: GPL-2.0
/*
 * The machinery of the four kinds of rule (pdr.c, far.c, qer.c, urr.c):
 * the interfaces PDRs and FARs name, the keywords parsed from each kind's
 * table, and the add, change, replace and del commands, which edit one rule
 * of a session with EDGEDP_CMD_SESSION_MOD.
 */

#include <string.h>

#include "devref.h"
#include "rule.h"

/* By struct rule's kind; a removal has no keywords. */
static const struct rule_kind *const kinds[] = {
	[RULE_PDR] = &pdr_kind,
	[RULE_FAR] = &far_kind,
	[RULE_QER] = &qer_kind,
	[RULE_URR] = &urr_kind,
};

static const char *const iface_names[] = {
	[EDGEDP_IFACE_ACCESS]	= "access",
	[EDGEDP_IFACE_CORE]	= "core",
	[EDGEDP_IFACE_DN]	= "dn",
	[EDGEDP_IFACE_CP]	= "cp",
};

const char *iface_name(unsigned int v, char *buf, size_t len)
{
	return value_name(iface_names, ARRAY_SIZE(iface_names), v, "iface", buf, len);
}

int arg_iface(const char *s, uint8_t *out)
{
	int v = name_value(iface_names, ARRAY_SIZE(iface_names), s);

	if (v >= 0) {
		*out = v;
		return 0;
	}
	errorf("invalid IFACE \"%s\": expected access, core, dn or cp", s);
	return EXIT_USAGE;
}

/* "id ID", the first keyword of every kind. */
#define RULE_ID 1u
_Static_assert(PDR_ID == RULE_ID && FAR_ID == RULE_ID && QER_ID == RULE_ID && URR_ID == RULE_ID,
	       "\"id\" is the same bit of every kind's has");

static unsigned int *rule_has(struct rule *r, const struct rule_kind *k)
{
	return (unsigned int *)((char *)r + k->has);
}

/* The id of r, parsed. */
static uint32_t rule_id(const struct rule *r)
{
	switch (r->kind) {
	case RULE_PDR:
		return r->pdr.id;
	case RULE_FAR:
		return r->far.id;
	case RULE_QER:
		return r->qer.id;
	default:
		return r->urr.id;
	}
}

static unsigned int keyword_bit(const struct keyword *kws, const char *s)
{
	for (; kws->name; kws++)
		if (streq(kws->name, s))
			return kws->bit;
	return 0;
}

int rule_keyword(int *argcp, char ***argvp, struct rule *r)
{
	const struct rule_kind *k = kinds[r->kind];
	unsigned int *has = rule_has(r, k);
	unsigned int bit = keyword_bit(k->keywords, **argvp);
	int argc = *argcp, ret;
	char **argv = *argvp;

	if (!bit)
		return RULE_NOT_MINE;
	if (*has & bit & ~k->repeatable)
		return arg_duplicate(*argv);
	NEXT_ARG();
	ret = k->value(r, bit, *argv);
	if (ret)
		return ret;
	*has |= bit;
	*argcp = argc;
	*argvp = argv;
	return 0;
}

int rule_target(int argc, char **argv, const struct rule_kind *k, unsigned int flags,
		struct session_args *a, struct rule *r)
{
	int ret;

	memset(a, 0, sizeof(*a));
	memset(r, 0, sizeof(*r));
	a->peer_check = -1;
	r->kind = k->kind;
	for (; argc > 0; argc--, argv++) {
		if (streq(*argv, "help"))
			return SHOW_HELP;
		ret = session_keyword(&argc, &argv, SESSION_ARG_SEID, a);
		if (ret == RULE_NOT_MINE && (flags & RULE_ONLY_ID) && !streq(*argv, "id"))
			return arg_unexpected(*argv);
		if (ret == RULE_NOT_MINE)
			ret = rule_keyword(&argc, &argv, r);
		if (ret == RULE_NOT_MINE)
			return arg_unexpected(*argv);
		if (ret)
			return ret;
	}
	if (!a->dev.name && !a->dev.ifindex)
		return arg_required("device: dev NAME or dev index IFINDEX");
	if (!a->has_seid)
		return arg_required("\"seid SEID\"");
	if ((flags & RULE_NEED_ID) && !(*rule_has(r, k) & RULE_ID))
		return arg_required("\"id ID\"");
	return dev_ref_resolve(&a->dev);
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

/* The kind of rule of the object being run: rule_main() sets it. */
static const struct rule_kind *editing;

/* OBJECT add|change|replace|del: the session's dev and seid, and one rule, or for del its id. */
static int rule_edit(int argc, char **argv, const char *cmd)
{
	bool del = streq(cmd, "del");
	struct session_args a;
	struct rule r;
	int ret = rule_target(argc, argv, editing, del ? RULE_ONLY_ID | RULE_NEED_ID :
			      RULE_NEED_ID, &a, &r);

	if (ret)
		return ret;
	if (del) {
		r.rm_id = rule_id(&r);
		r.kind = editing->removal;
	}
	a.rules = &r;
	a.n_rules = 1;
	a.mod_flags = rule_edit_flags(cmd);
	return edgectl_request(EDGEDP_CMD_SESSION_MOD, 0, session_put, &a, NULL, NULL);
}

int rule_add(int argc, char **argv)
{
	return rule_edit(argc, argv, "add");
}

int rule_change(int argc, char **argv)
{
	return rule_edit(argc, argv, "change");
}

int rule_replace(int argc, char **argv)
{
	return rule_edit(argc, argv, "replace");
}

int rule_del(int argc, char **argv)
{
	return rule_edit(argc, argv, "del");
}

const struct edgectl_cmd rule_edit_cmds[] = {
	{ "add", rule_add, "add a rule to a session", NULL },
	{ "change", rule_change, "change a rule of a session", NULL },
	{ "replace", rule_replace, "add or change a rule", NULL },
	{ "del", rule_del, "remove a rule from a session", NULL },
	{ .name = NULL }
};

int rule_main(const struct rule_kind *k, const struct edgectl_cmd *cmds, int argc, char **argv)
{
	editing = k;
	return edgectl_dispatch(k->name, cmds, argc, argv);
}
