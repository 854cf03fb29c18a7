/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgectl session: a session's arguments, as its own commands and the rule
 * objects (rule.c, urr.c) parse them, its requests, and its printers.
 */

#ifndef EDGECTL_SESSION_H
#define EDGECTL_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devref.h"
#include "nl.h"

struct rule;	/* rule.h */

struct session_args {
	struct dev_ref dev;
	uint64_t seid;
	bool has_seid;
	bool stats;		/* show -s */
	int peer_check;		/* 0 off, 1 on, -1 not given */
	uint32_t mod_flags;	/* enum edgedp_mod_flags, sent if not 0 */
	struct rule *rules;	/* in the order given */
	unsigned int n_rules, max_rules;
};

enum {
	SESSION_ARG_SEID = 1 << 0,	/* "seid SEID" allowed */
	SESSION_ARG_NEED_SEID = 1 << 1,	/* ... and required */
	SESSION_ARG_RULES = 1 << 2,	/* pdr, far, qer and urr rules, peer-check */
	SESSION_ARG_REMOVE = 1 << 3,	/* remove-pdr/far/qer/urr, reset-urr */
	SESSION_ARG_STATS = 1 << 4,	/* -s, stats */
};

/* dev, seid, -s at *argv (as allowed): 0, EXIT_USAGE, SHOW_HELP or RULE_NOT_MINE. */
int session_keyword(int *argc, char ***argv, unsigned int allow, struct session_args *a);
/* Parse into a (a->rules allocated, free with session_args_free()). */
int session_parse(int argc, char **argv, unsigned int allow, struct session_args *a);
void session_args_free(struct session_args *a);
void session_put(struct nlmsghdr *nlh, const void *arg);
int session_print(const struct nlmsghdr *nlh, void *data);	/* data: session_args */

/*
 * The kernel splits a session too big for one dump message across several
 * in a row, continuations carrying IFINDEX, SEID and the rules left. Fed the
 * messages in order, session_merge() prints each session once, whole:
 * session_merge_end() prints the last one. data: struct session_merger.
 */
/* What session_print() prints of a session but its rules, from a parse. */
struct session_head {
	uint64_t seid;
	uint32_t ifindex;
	uint32_t present;	/* 1 << type of each attribute type there */
	bool peer_check;
};

struct session_merger {
	const struct session_args *args;
	char *buf;		/* the pending session's merged message */
	size_t len, size;
	uint32_t ifindex;
	uint64_t seid;
	struct session_head head;	/* of its parts' parse: what is printed of it but rules */
};
int session_merge(const struct nlmsghdr *nlh, void *data);
int session_merge_end(void *data);

/*
 * monitor: the session an event is about, "dev NAME seid 0xSEID" or members
 * ifindex and seid, from its attributes IFINDEX and SEID (validated, there).
 */
void session_event_print(const struct nlattr *const *tb);

#endif /* EDGECTL_SESSION_H */
