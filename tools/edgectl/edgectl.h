/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgectl internals shared by the objects. Each object is one file with a
 * usage string, an entry point listed in edgectl.c's objects[] and, when it
 * has commands, its own edgectl_cmd table dispatched by edgectl_dispatch().
 */

#ifndef EDGECTL_H
#define EDGECTL_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/edgedp.h>

#include "addr.h"
#include "devref.h"
#include "nl.h"
#include "print.h"
#include "utils.h"

struct edgectl_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);	/* 0, EXIT_*, or SHOW_HELP */
	const char *help;			/* one line */
	const char *usage;			/* objects: the grammar, with "Where:" */
};

/* Run cmds[] by argv[0] (no argument: the first entry); "help" shows the usage. */
int edgectl_dispatch(const char *object, const struct edgectl_cmd *cmds, int argc, char **argv);

/* The edgedp family, opened on first use and kept for a whole batch. */
struct nl_ctx *edgectl_nl(void);
extern bool edgectl_offline;		/* tests: never touch netlink */
extern const struct nl_transport *edgectl_transport;	/* tests, fuzzing: a fake kernel */

/*
 * Send one edgedp command: put() adds the attributes from arg, cb() handles
 * each reply message. Kernel errors are reported here. 0 or EXIT_KERNEL.
 */
typedef void (*nl_put_t)(struct nlmsghdr *nlh, const void *arg);
int edgectl_request(uint8_t cmd, uint16_t flags, nl_put_t put, const void *arg,
		    mnl_cb_t cb, void *data);

/*
 * The same for a show command: a do (one object) or, with dump, a dump of all,
 * printed as one JSON array (or nothing if the request fails before a reply).
 */
int edgectl_show(uint8_t cmd, bool dump, nl_put_t put, const void *arg,
		 mnl_cb_t cb, void *data);
/* The same, with end(data) called after the last reply, when there was one. */
int edgectl_show_end(uint8_t cmd, bool dump, nl_put_t put, const void *arg,
		     mnl_cb_t cb, int (*end)(void *data), void *data);

/* Report a request's kernel error or warning and its extended ack on err_fp. */
void edgectl_report(const struct nl_result *res);

/* One command, OBJECT COMMAND ARGS...: its exit code, its usage shown on a usage error. */
int edgectl_run(int argc, char **argv);
int edgectl_main(int argc, char **argv);	/* main() in the test and fuzz builds */

/* info.c */
extern const char info_usage[];
int info_main(int argc, char **argv);
int info_print(const struct nlmsghdr *nlh, void *data);

/* dev.c */
extern const char dev_usage[];
int dev_main(int argc, char **argv);

struct dev_args {
	const char *name;
	uint32_t ifindex;
	bool stats;
	uint32_t max_sessions;		/* 0: not given */
	uint32_t max_rules;		/* 0: not given */
};

enum {
	DEV_ARG_INDEX = 1 << 0,		/* "index IFINDEX" allowed */
	DEV_ARG_STATS = 1 << 1,		/* "-s" or "stats" allowed */
	DEV_ARG_NEEDED = 1 << 2,	/* a device must be named */
	DEV_ARG_LIMITS = 1 << 3,	/* "max-sessions N", "max-rules N" allowed */
};

int dev_parse(int argc, char **argv, unsigned int allow, struct dev_args *a);
void dev_attrs_put(struct nlmsghdr *nlh, const void *arg);
int dev_print_attrs(const struct nlmsghdr *nlh, bool stats);
int dev_print(const struct nlmsghdr *nlh, void *data);	/* data: struct dev_args */
const char *drop_reason_name(unsigned int reason, char *buf, size_t len);

/* monitor.c */
extern const char monitor_usage[];
int monitor_main(int argc, char **argv);
int monitor_print(const struct nlmsghdr *nlh, void *data);	/* data: family id or NULL */

/*
 * ep.c: the local GTP-U endpoints of a device. The device, address and port
 * of an endpoint (struct gtpu_ep) are parsed, put into requests and printed
 * here for peer.c too, whose peers are remote endpoints.
 */
extern const char ep_usage[];
int ep_main(int argc, char **argv);

struct gtpu_ep {
	struct dev_ref dev;
	struct inaddr addr;
	uint16_t port;
	bool has_port;
};

/* The attribute types of a gtpu_ep in the messages of a command family. */
struct gtpu_ep_attrs {
	uint16_t ifindex, addr4, addr6, port;
};

enum {
	GTPU_EP_ADDR = 1 << 0,		/* ADDR [ port PORT ] allowed */
	GTPU_EP_NEED_ADDR = 1 << 1,	/* ... and ADDR required */
};

/*
 * "dev DEV" and, as allow says, ADDR and "port PORT"; any other keyword is
 * keyword()'s (0, EXIT_USAGE, or RULE_NOT_MINE if it is none of its own), to
 * which allow and arg are passed. The device is resolved at the end. 0,
 * SHOW_HELP ("help"), EXIT_USAGE or EXIT_KERNEL.
 */
int gtpu_ep_parse(int argc, char **argv, unsigned int allow, struct gtpu_ep *e,
		  int (*keyword)(int *argc, char ***argv, unsigned int allow, void *arg),
		  void *arg);
void gtpu_ep_put(struct nlmsghdr *nlh, const struct gtpu_ep_attrs *at, const struct gtpu_ep *e);
/* " 10.0.0.2 port 2152", or "addr" and "port" members. */
void gtpu_ep_print(const struct nlattr *const *tb, const struct gtpu_ep_attrs *at);

struct ep_args {
	struct gtpu_ep ep;
	uint8_t role;
	bool has_role, fastpath;
};

enum {
	EP_ARG_ADDR = GTPU_EP_ADDR | GTPU_EP_NEED_ADDR,	/* ADDR, required, [ port PORT ] */
	EP_ARG_ROLE = 1 << 2,
	EP_ARG_FASTPATH = 1 << 3,
};

int ep_parse(int argc, char **argv, unsigned int allow, struct ep_args *a);
void ep_put(struct nlmsghdr *nlh, const void *arg);
int ep_print(const struct nlmsghdr *nlh, void *data);

/* peer.c: supervised GTP-U peers */
extern const char peer_usage[];
int peer_main(int argc, char **argv);

struct peer_args {
	struct gtpu_ep ep;
	uint32_t interval;	/* ms */
	uint8_t retries;
	bool has_interval, has_retries;
};

enum {
	PEER_ARG_ADDR = GTPU_EP_ADDR,		/* ADDR [ port PORT ] allowed */
	PEER_ARG_NEED_ADDR = GTPU_EP_NEED_ADDR,	/* ... and ADDR required */
	PEER_ARG_TIMERS = 1 << 2,		/* interval, retries */
};

int peer_parse(int argc, char **argv, unsigned int allow, struct peer_args *a);
void peer_put(struct nlmsghdr *nlh, const void *arg);
int peer_print(const struct nlmsghdr *nlh, void *data);
int peer_print_event(const struct nlmsghdr *nlh, bool stats);	/* monitor */
const char *peer_state_name(unsigned int v, char *buf, size_t len);

/* pdr.c, far.c, qer.c, urr.c: the rules of sessions, objects of their own (rule.h) */
extern const char pdr_usage[], far_usage[], qer_usage[], urr_usage[];
int pdr_main(int argc, char **argv);
int far_main(int argc, char **argv);
int qer_main(int argc, char **argv);
int urr_main(int argc, char **argv);

/* session.c */
extern const char session_usage[];
int session_main(int argc, char **argv);

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
/* An upper bound of the request's size. */
size_t session_msg_max(const struct session_args *a);
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

#endif /* EDGECTL_H */
