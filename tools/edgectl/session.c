// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl session: PFCP sessions, created with all their rules in one
 * request, edited atomically, deleted and shown.
 *
 * In "session add" and "session mod" a rule starts with "pdr id ID",
 * "far id ID", "qer id ID" or "urr id ID" and runs to the next one. Inside a
 * PDR, "far FARID" is its FAR, "qer QERID" its QER and "urr URRID" one of its
 * URRs: "far", "qer" or "urr" followed by "id" starts a rule instead, which
 * an id (a number) is never confused with.
 */

#include <errno.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "devref.h"
#include "rule.h"
#include "session.h"

const char session_usage[] =
	"Usage: edgectl session add dev DEV seid SEID [ RULE | peer-check CHECK ]...\n"
	"       edgectl session mod dev DEV seid SEID [ RULE | REMOVE | peer-check CHECK ]...\n"
	"       edgectl session del dev DEV seid SEID\n"
	"       edgectl session show dev DEV [ seid SEID ] [ -s | stats ]\n"
	"       edgectl session help\n"
	"Where: DEV := { [ name ] NAME | index IFINDEX }, an edgedp device\n"
	"       SEID := 0-0xffffffffffffffff, decimal or 0x hexadecimal\n"
	"       RULE := { pdr id ID PDR | far id ID FAR | qer id ID QER |\n"
	"                 urr id ID URR }, see edgectl pdr help, far help, qer help\n"
	"               and urr help; a rule runs to the next \"pdr\", \"far id\",\n"
	"               \"qer id\", \"urr id\", \"remove-...\", \"reset-urr\" or\n"
	"               \"peer-check\" (in a PDR, \"far FARID\" is its FAR, \"qer\n"
	"               QERID\" its QER and \"urr URRID\" one of its URRs)\n"
	"       REMOVE := { remove-pdr ID | remove-far ID | remove-qer ID |\n"
	"                   remove-urr ID | reset-urr ID }\n"
	"       CHECK := { on | off }: G-PDUs must come from the peer of one of the\n"
	"                session's FARs (on, the default of a new session)\n"
	"       add: a new session with its rules, all or nothing\n"
	"       mod: create or replace the rules given, remove the ones named,\n"
	"            all or nothing\n"
	"       -s | stats: also show the packets and bytes each PDR matched\n";

static const struct nl_policy session_policy[EDGEDP_A_SESSION_MAX + 1] = {
	[EDGEDP_A_SESSION_IFINDEX]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_SESSION_SEID]		= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_SESSION_PDR]		= { .type = MNL_TYPE_NESTED },
	[EDGEDP_A_SESSION_FAR]		= { .type = MNL_TYPE_NESTED },
	[EDGEDP_A_SESSION_REMOVE_PDR]	= { .type = MNL_TYPE_U16 },
	[EDGEDP_A_SESSION_REMOVE_FAR]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_SESSION_PEER_CHECK]	= { .type = MNL_TYPE_U8 },
	[EDGEDP_A_SESSION_QER]		= { .type = MNL_TYPE_NESTED },
	[EDGEDP_A_SESSION_REMOVE_QER]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_SESSION_MOD_FLAGS]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_SESSION_URR]		= { .type = MNL_TYPE_NESTED },
	[EDGEDP_A_SESSION_REMOVE_URR]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_SESSION_RESET_URR]	= { .type = MNL_TYPE_U32 },
};

int session_keyword(int *argcp, char ***argvp, unsigned int allow, struct session_args *a)
{
	int argc = *argcp;
	char **argv = *argvp;

	if (streq(*argv, "dev"))
		return dev_ref_parse(argcp, argvp, &a->dev);
	if (streq(*argv, "seid") && (allow & SESSION_ARG_SEID)) {
		if (a->has_seid)
			return arg_duplicate(*argv);
		NEXT_ARG();
		if (arg_u64("SEID", *argv, 0, UINT64_MAX, &a->seid))
			return EXIT_USAGE;
		a->has_seid = true;
		*argcp = argc;
		*argvp = argv;
		return 0;
	}
	if ((streq(*argv, "-s") || streq(*argv, "stats")) && (allow & SESSION_ARG_STATS)) {
		a->stats = true;
		return 0;
	}
	return RULE_NOT_MINE;
}

static bool is_removal(const char *s)
{
	return streq(s, "remove-pdr") || streq(s, "remove-far") || streq(s, "remove-qer") ||
	       streq(s, "remove-urr") || streq(s, "reset-urr");
}

/* Where a rule of kind first (pdr, far, qer) ends: where the next item starts. */
static bool rule_ends(int argc, char **argv, const char *first)
{
	if (streq(*argv, "pdr") || is_removal(*argv) || streq(*argv, "peer-check"))
		return true;
	if (!streq(*argv, "far") && !streq(*argv, "qer") && !streq(*argv, "urr"))
		return false;
	/* A PDR has "far FARID", "qer QERID" and "urr URRID"; other rules none. */
	return !streq(first, "pdr") || (argc > 1 && streq(argv[1], "id"));
}

static bool is_rule(const char *s)
{
	return streq(s, "pdr") || streq(s, "far") || streq(s, "qer") || streq(s, "urr");
}

/*
 * A rule's SDF filters are most of its size (PDR_MAX_SDF of them) and are
 * written by filter_parse() before n_sdf counts them, so a new rule is zeroed
 * only up to them: a batch of 100k sessions used to spend most of edgectl's
 * time clearing filter arrays it never used.
 */
#define RULE_HEAD_SIZE	offsetof(struct rule, pdr.sdf)
_Static_assert(sizeof(struct far_args) <= offsetof(struct pdr_args, sdf) &&
	       sizeof(struct qer_args) <= offsetof(struct pdr_args, sdf) &&
	       sizeof(struct urr_args) <= offsetof(struct pdr_args, sdf),
	       "the other rules must fit in the zeroed head of a PDR");

static struct rule *rule_new(struct session_args *a)
{
	struct rule *r;

	if (a->n_rules == a->max_rules) {
		unsigned int max = a->max_rules ? 2 * a->max_rules : 4;

		r = realloc(a->rules, max * sizeof(*r));
		if (!r) {
			errorf("%s", strerror(ENOMEM));
			return NULL;
		}
		a->rules = r;
		a->max_rules = max;
	}
	r = &a->rules[a->n_rules++];
	memset(r, 0, RULE_HEAD_SIZE);
	return r;
}

/* At "pdr", "far" or "qer": the rule, up to the word after it. */
static int rule_group(int *argcp, char ***argvp, struct session_args *a)
{
	int argc = *argcp, ret;
	char **argv = *argvp;
	const char *first = *argv;
	struct rule *r = rule_new(a);

	if (!r)
		return EXIT_KERNEL;
	r->kind = streq(first, "pdr") ? RULE_PDR : streq(first, "far") ? RULE_FAR :
		  streq(first, "qer") ? RULE_QER : RULE_URR;
	if (argc < 2)
		return arg_missing(*argv);
	if (!streq(argv[1], "id")) {
		errorf("expected \"id\" after \"%s\", got \"%s\"", *argv, argv[1]);
		return EXIT_USAGE;
	}
	for (argc--, argv++; argc > 0; argc--, argv++) {
		if (streq(*argv, "help"))
			return SHOW_HELP;
		if (rule_ends(argc, argv, first))
			break;
		ret = rule_keyword(&argc, &argv, r);
		if (ret == RULE_NOT_MINE)
			return arg_unexpected(*argv);
		if (ret)
			return ret;
	}
	*argcp = argc;
	*argvp = argv;
	return 0;
}

static int remove_rule(int *argcp, char ***argvp, struct session_args *a)
{
	int argc = *argcp;
	char **argv = *argvp;
	struct rule *r = rule_new(a);
	uint16_t id16;
	int ret;

	if (!r)
		return EXIT_KERNEL;
	r->kind = streq(*argv, "remove-pdr") ? RULE_RM_PDR :
		  streq(*argv, "remove-far") ? RULE_RM_FAR :
		  streq(*argv, "remove-qer") ? RULE_RM_QER :
		  streq(*argv, "remove-urr") ? RULE_RM_URR : RULE_RESET_URR;
	NEXT_ARG();
	if (r->kind == RULE_RM_PDR) {
		ret = arg_u16("PDR ID", *argv, 0, UINT16_MAX, &id16);
		r->rm_id = id16;
	} else {
		ret = arg_u32(r->kind == RULE_RM_FAR ? "FAR ID" :
			      r->kind == RULE_RM_QER ? "QER ID" : "URR ID", *argv, 0, UINT32_MAX,
			      &r->rm_id);
	}
	*argcp = argc;
	*argvp = argv;
	return ret;
}

static int peer_check(int *argcp, char ***argvp, struct session_args *a)
{
	int argc = *argcp;
	char **argv = *argvp;

	if (a->peer_check >= 0)
		return arg_duplicate(*argv);
	NEXT_ARG();
	if (!streq(*argv, "on") && !streq(*argv, "off")) {
		errorf("invalid CHECK \"%s\": expected on or off", *argv);
		return EXIT_USAGE;
	}
	a->peer_check = streq(*argv, "on");
	*argcp = argc;
	*argvp = argv;
	return 0;
}

/* An upper bound of the request's size. */
static size_t session_msg_max(const struct session_args *a)
{
	size_t len = NLMSG_HDRLEN + GENL_HDRLEN + 8 + 12 + 8 + 8;	/* ifindex, seid, peer-check, flags */
	unsigned int i;

	for (i = 0; i < a->n_rules; i++) {
		switch (a->rules[i].kind) {
		case RULE_PDR:
			len += PDR_NEST_MAX + a->rules[i].pdr.n_sdf * SDF_NEST_MAX;
			break;
		case RULE_FAR:
			len += FAR_NEST_MAX;
			break;
		case RULE_QER:
			len += QER_NEST_MAX;
			break;
		case RULE_URR:
			len += URR_NEST_MAX;
			break;
		default:	/* a removal: a u16 or u32 */
			len += 8;
			break;
		}
	}
	return len;
}

int session_parse(int argc, char **argv, unsigned int allow, struct session_args *a)
{
	int ret;

	memset(a, 0, sizeof(*a));
	a->peer_check = -1;
	while (argc > 0) {
		if (streq(*argv, "help"))
			return SHOW_HELP;
		if ((allow & SESSION_ARG_RULES) && is_rule(*argv)) {
			ret = rule_group(&argc, &argv, a);
			if (ret)
				return ret;
			continue;
		}
		if ((allow & SESSION_ARG_REMOVE) && is_removal(*argv))
			ret = remove_rule(&argc, &argv, a);
		else if ((allow & SESSION_ARG_RULES) && streq(*argv, "peer-check"))
			ret = peer_check(&argc, &argv, a);
		else if (a->n_rules)	/* dev and seid come first */
			ret = arg_unexpected(*argv);
		else
			ret = session_keyword(&argc, &argv, allow, a);
		if (ret == RULE_NOT_MINE)
			return arg_unexpected(*argv);
		if (ret)
			return ret;
		argc--, argv++;
	}
	if (!a->dev.name && !a->dev.ifindex)
		return arg_required("device: dev NAME or dev index IFINDEX");
	if ((allow & SESSION_ARG_NEED_SEID) && !a->has_seid)
		return arg_required("\"seid SEID\"");
	if (session_msg_max(a) > NL_TX_SIZE) {
		errorf("too many rules for one request (at most %u bytes): use several",
		       NL_TX_SIZE);
		return EXIT_USAGE;
	}
	return 0;
}

void session_args_free(struct session_args *a)
{
	free(a->rules);
	a->rules = NULL;
	a->n_rules = 0;
	a->max_rules = 0;
}

void session_put(struct nlmsghdr *nlh, const void *arg)
{
	const struct session_args *a = arg;
	unsigned int i;

	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, a->dev.ifindex);
	if (a->has_seid)
		mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, a->seid);
	if (a->peer_check >= 0)
		mnl_attr_put_u8(nlh, EDGEDP_A_SESSION_PEER_CHECK, a->peer_check);
	if (a->mod_flags)
		mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_MOD_FLAGS, a->mod_flags);
	for (i = 0; i < a->n_rules; i++) {
		const struct rule *r = &a->rules[i];

		switch (r->kind) {
		case RULE_PDR:
			pdr_put(nlh, &r->pdr);
			break;
		case RULE_FAR:
			far_put(nlh, &r->far);
			break;
		case RULE_RM_PDR:
			mnl_attr_put_u16(nlh, EDGEDP_A_SESSION_REMOVE_PDR, r->rm_id);
			break;
		case RULE_RM_FAR:
			mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_REMOVE_FAR, r->rm_id);
			break;
		case RULE_QER:
			qer_put(nlh, &r->qer);
			break;
		case RULE_RM_QER:
			mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_REMOVE_QER, r->rm_id);
			break;
		case RULE_URR:
			urr_put(nlh, &r->urr);
			break;
		case RULE_RM_URR:
			mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_REMOVE_URR, r->rm_id);
			break;
		case RULE_RESET_URR:
			mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_RESET_URR, r->rm_id);
			break;
		}
	}
}

/*
 * The rules of one kind in order, a JSON array ("pdrs": [...]), once more
 * for each kind: a session has few, and a kind it has none of is no loop.
 * Once *ret is an error, nothing more is printed but the empty arrays. The
 * walk ends at nlmsg_len exactly, as nl_parse() does (mnl_attr_for_each()
 * rounds it up: a last attribute could pass whose end is not in the buffer).
 * Inline in each of its four calls, so that their literal keys stay ones.
 */
static inline __attribute__((always_inline)) void
rules_print(const struct nlmsghdr *nlh, const struct session_head *h, uint16_t type,
	    const char *key, bool stats, int *ret)
{
	const char *p = (const char *)nlh + NLMSG_HDRLEN + GENL_HDRLEN;
	int left = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	const struct nlattr *attr;

	open_json_array(key);
	if (h->present & (1u << type)) {
		while ((attr = nl_attr_next(&p, &left))) {
			if (*ret != MNL_CB_OK)
				break;
			if (nl_attr_type(attr) != type)
				continue;
			if (type == EDGEDP_A_SESSION_PDR)
				*ret = pdr_print(attr, stats);
			else if (type == EDGEDP_A_SESSION_FAR)
				*ret = far_print(attr);
			else if (type == EDGEDP_A_SESSION_QER)
				*ret = qer_print(attr);
			else
				*ret = urr_print(attr);
		}
	}
	close_json_array();
}

#define HAS(h, type) ((h)->present & (1u << EDGEDP_A_SESSION_ ## type))
_Static_assert(EDGEDP_A_SESSION_MAX < 32, "a bit per attribute type in present");

/*
 * session 0x1 dev upf0 [peer-check off]
 *     pdr 1 precedence 10 ...
 *     far 1 action forw ...
 *     qer 1 gate-ul open ...
 *     urr 1 thresh-total 1000 ul-packets 5 ...
 * or {"ifindex":5,"seid":1,"peer-check":true,"pdrs":[...],"fars":[...],"qers":[...],
 * "urrs":[...]}.
 */
static int session_print_head(const struct nlmsghdr *nlh, const struct session_head *h,
			      const struct session_args *a)
{
	char name[32];
	int ret = MNL_CB_OK;

	open_json_object(NULL);
	if (HAS(h, IFINDEX))
		print_uint(PRINT_JSON, "ifindex", NULL, h->ifindex);
	print_string(PRINT_FP, NULL, "session", NULL);
	if (HAS(h, SEID)) {
		print_u64(PRINT_JSON, "seid", NULL, h->seid);
		print_u64(PRINT_FP, NULL, " 0x%" PRIx64, h->seid);
	}
	if (HAS(h, IFINDEX) && !is_json())
		print_string(PRINT_FP, NULL, " dev %s",
			     dev_ref_name(h->ifindex, a ? &a->dev : NULL, name, sizeof(name)));
	/* As text only when off: on is what a session normally is. */
	if (HAS(h, PEER_CHECK))
		print_bool(h->peer_check ? PRINT_JSON : PRINT_ANY, "peer-check", " peer-check %s",
			   h->peer_check);
	print_nl();

	rules_print(nlh, h, EDGEDP_A_SESSION_PDR, "pdrs", a && a->stats, &ret);
	rules_print(nlh, h, EDGEDP_A_SESSION_FAR, "fars", false, &ret);
	rules_print(nlh, h, EDGEDP_A_SESSION_QER, "qers", false, &ret);
	rules_print(nlh, h, EDGEDP_A_SESSION_URR, "urrs", false, &ret);
	close_json_object();
	return ret;
}

/* The head of a session message that nl_parse() gave tb of. */
static void session_head(struct session_head *h, const struct nlattr *const *tb)
{
	h->present = 0;
	h->ifindex = 0;
	h->seid = 0;
	h->peer_check = false;
	if (tb[EDGEDP_A_SESSION_IFINDEX]) {
		h->present |= 1u << EDGEDP_A_SESSION_IFINDEX;
		h->ifindex = nl_attr_u32(tb[EDGEDP_A_SESSION_IFINDEX]);
	}
	if (tb[EDGEDP_A_SESSION_SEID]) {
		h->present |= 1u << EDGEDP_A_SESSION_SEID;
		h->seid = nl_attr_u64(tb[EDGEDP_A_SESSION_SEID]);
	}
	if (tb[EDGEDP_A_SESSION_PEER_CHECK]) {
		h->present |= 1u << EDGEDP_A_SESSION_PEER_CHECK;
		h->peer_check = nl_attr_u8(tb[EDGEDP_A_SESSION_PEER_CHECK]);
	}
	h->present |= !!tb[EDGEDP_A_SESSION_PDR] << EDGEDP_A_SESSION_PDR |
		      !!tb[EDGEDP_A_SESSION_FAR] << EDGEDP_A_SESSION_FAR |
		      !!tb[EDGEDP_A_SESSION_QER] << EDGEDP_A_SESSION_QER |
		      !!tb[EDGEDP_A_SESSION_URR] << EDGEDP_A_SESSION_URR;
}

int session_print(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[EDGEDP_A_SESSION_MAX + 1];

	struct session_head h;

	if (nl_parse(nlh, session_policy, EDGEDP_A_SESSION_MAX, tb))
		return MNL_CB_ERROR;
	session_head(&h, tb);
	return session_print_head(nlh, &h, data);
}

/*
 * A dump's session is printed once whole: a session too large for one
 * message comes in several, the first with all its attributes, the others
 * (continuations) with IFINDEX, SEID and more rules. The merged message holds
 * exactly the attributes that the walk of each part finds (nl_attr_next(),
 * which stops at its nlmsg_len), each padded with zeros to the next one: so
 * the head of the first part's parse, updated with the continuations'
 * attributes, is the head that a parse of the merged message would give, and
 * it is printed without another.
 */
int session_merge_end(void *data)
{
	struct session_merger *m = data;

	if (!m->len)
		return MNL_CB_OK;
	m->len = 0;
	return session_print_head((const struct nlmsghdr *)m->buf, &m->head, m->args);
}

static int merger_reserve(struct session_merger *m, size_t len)
{
	char *buf;

	if (m->len + len <= m->size)
		return 0;
	buf = realloc(m->buf, m->len + len + 65536);
	if (!buf)
		return -1;
	m->buf = buf;
	m->size = m->len + len + 65536;
	return 0;
}

/*
 * The first part of a session: its header and the attributes that its walk
 * found, up to walked bytes; the last one's padding, if past nlmsg_len, zeroed.
 */
static int merge_first(struct session_merger *m, const struct nlmsghdr *nlh,
		       const struct nlattr *const *tb, size_t walked)
{
	size_t len = walked < nlh->nlmsg_len ? walked : nlh->nlmsg_len;

	if (merger_reserve(m, walked))
		return -1;
	memcpy(m->buf, nlh, len);
	memset(m->buf + len, 0, walked - len);
	((struct nlmsghdr *)m->buf)->nlmsg_len = walked;
	m->len = walked;
	session_head(&m->head, tb);
	return 0;
}

/* A continuation: its attributes but IFINDEX and SEID after the ones already there. */
static int merge_more(struct session_merger *m, const struct nlmsghdr *nlh)
{
	const char *p = (const char *)nlh + NLMSG_HDRLEN + GENL_HDRLEN;
	int left = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	const struct nlattr *attr;

	while ((attr = nl_attr_next(&p, &left))) {
		size_t len = NLA_ALIGN(attr->nla_len);
		uint16_t type = nl_attr_type(attr);

		if (type == EDGEDP_A_SESSION_IFINDEX || type == EDGEDP_A_SESSION_SEID)
			continue;
		if (merger_reserve(m, len))
			return -1;
		memcpy(m->buf + m->len, attr, attr->nla_len);
		memset(m->buf + m->len + attr->nla_len, 0, len - attr->nla_len);
		/* Validated by the part's parse: the last of a type wins, as there. */
		if (type == EDGEDP_A_SESSION_PEER_CHECK)
			m->head.peer_check = nl_attr_u8(attr);
		if (type <= EDGEDP_A_SESSION_MAX)
			m->head.present |= 1u << type;
		m->len += len;
	}
	((struct nlmsghdr *)m->buf)->nlmsg_len = m->len;
	return 0;
}

int session_merge(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[EDGEDP_A_SESSION_MAX + 1];
	struct session_merger *m = data;
	size_t walked;
	uint64_t seid;
	uint32_t ifindex;
	int ret;

	if (nl_parse_walk(nlh, session_policy, EDGEDP_A_SESSION_MAX, tb, &walked) ||
	    !tb[EDGEDP_A_SESSION_IFINDEX] || !tb[EDGEDP_A_SESSION_SEID])
		return MNL_CB_ERROR;
	ifindex = nl_attr_u32(tb[EDGEDP_A_SESSION_IFINDEX]);
	seid = nl_attr_u64(tb[EDGEDP_A_SESSION_SEID]);
	if (m->len && (ifindex != m->ifindex || seid != m->seid)) {
		ret = session_merge_end(m);
		if (ret != MNL_CB_OK)
			return ret;
	}
	if (m->len)
		return merge_more(m, nlh) ? MNL_CB_ERROR : MNL_CB_OK;
	if (merge_first(m, nlh, tb, walked))
		return MNL_CB_ERROR;
	m->ifindex = ifindex;
	m->seid = seid;
	return MNL_CB_OK;
}

void session_event_print(const struct nlattr *const *tb)
{
	uint32_t ifindex = nl_attr_u32(tb[EDGEDP_A_SESSION_IFINDEX]);
	uint64_t seid = nl_attr_u64(tb[EDGEDP_A_SESSION_SEID]);
	char name[32];

	print_uint(PRINT_JSON, "ifindex", NULL, ifindex);
	print_string(PRINT_FP, NULL, "dev %s", dev_ref_name(ifindex, NULL, name, sizeof(name)));
	print_u64(PRINT_JSON, "seid", NULL, seid);
	print_u64(PRINT_FP, NULL, " seid 0x%" PRIx64, seid);
}

static int session_cmd(int argc, char **argv, unsigned int allow, uint8_t cmd)
{
	struct session_args a;
	int ret = session_parse(argc, argv, allow, &a);

	if (!ret)
		ret = dev_ref_resolve(&a.dev);
	if (!ret)
		ret = edgectl_request(cmd, 0, session_put, &a, NULL, NULL);
	session_args_free(&a);
	return ret;
}

static int session_add(int argc, char **argv)
{
	return session_cmd(argc, argv, SESSION_ARG_SEID | SESSION_ARG_NEED_SEID | SESSION_ARG_RULES,
			   EDGEDP_CMD_SESSION_NEW);
}

static int session_mod(int argc, char **argv)
{
	return session_cmd(argc, argv, SESSION_ARG_SEID | SESSION_ARG_NEED_SEID |
			   SESSION_ARG_RULES | SESSION_ARG_REMOVE, EDGEDP_CMD_SESSION_MOD);
}

static int session_del(int argc, char **argv)
{
	return session_cmd(argc, argv, SESSION_ARG_SEID | SESSION_ARG_NEED_SEID,
			   EDGEDP_CMD_SESSION_DEL);
}

static int session_show(int argc, char **argv)
{
	struct session_args a;
	struct session_merger m = { .args = &a };
	int ret = session_parse(argc, argv, SESSION_ARG_SEID | SESSION_ARG_STATS, &a);
	char name[32];

	if (!ret)
		ret = dev_ref_resolve(&a.dev);
	/* Text names the device on every session: look a "dev index" up once. */
	if (!ret && !a.dev.name && !is_json())
		a.dev.name = dev_ref_name(a.dev.ifindex, NULL, name, sizeof(name));
	if (!ret)
		ret = edgectl_show_end(EDGEDP_CMD_SESSION_GET, !a.has_seid, session_put, &a,
				       session_merge, session_merge_end, &m);
	free(m.buf);
	return ret;
}

static const struct edgectl_cmd session_cmds[] = {
	{ "show", session_show, "show the sessions of a device, or one", NULL },
	{ "add", session_add, "create a session with its rules", NULL },
	{ "mod", session_mod, "change the rules of a session atomically", NULL },
	{ "del", session_del, "delete a session", NULL },
	{ .name = NULL }
};

int session_main(int argc, char **argv)
{
	return edgectl_dispatch("session", session_cmds, argc, argv);
}
