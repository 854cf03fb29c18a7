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
#include "filter.h"
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

/* gtpu.c: PFCP names, their value or -1. */
int iface_value(const char *name);
int role_value(const char *name);
int ohr_value(const char *name);
int gate_value(const char *name);
/* "forw", "buff,nocp": the bits, or -1. */
int action_value(const char *list);
/* Names of values; unknown ones are KIND-N in buf. */
const char *iface_name(unsigned int v, char *buf, size_t len);
const char *role_name(unsigned int v, char *buf, size_t len);
const char *ohr_name(unsigned int v, char *buf, size_t len);
const char *gate_name(unsigned int v, char *buf, size_t len);
const char *action_bit_name(unsigned int bit, char *buf, size_t len);

int arg_iface(const char *s, uint8_t *out);

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

/* rule.c: PDRs, FARs, QERs and URRs, inside a session or as objects of their own */
extern const char pdr_usage[], far_usage[], qer_usage[], urr_usage[];
int pdr_main(int argc, char **argv);
int far_main(int argc, char **argv);
int qer_main(int argc, char **argv);
int urr_main(int argc, char **argv);

enum {	/* bits of pdr_args.has */
	PDR_ID = 1 << 0, PDR_PRECEDENCE = 1 << 1, PDR_SRC_IFACE = 1 << 2, PDR_FAR = 1 << 3,
	PDR_TEID = 1 << 4, PDR_LOCAL = 1 << 5, PDR_UE = 1 << 6, PDR_QFI = 1 << 7,
	PDR_OHR = 1 << 8, PDR_QER = 1 << 9, PDR_URR = 1 << 10, PDR_SDF = 1 << 11,
};

#define PDR_MAX_URR 4	/* "urr URRID" repeats, up to the kernel's maximum */
#define PDR_MAX_QER 4	/* "qer QERID" repeats, up to the kernel's maximum */
#define PDR_MAX_SDF 32	/* SDF filters of a PDR, the kernel's maximum */

struct pdr_args {
	unsigned int has;
	uint16_t id;
	uint8_t src_iface, qfi, ohr, n_urr, n_qer;
	uint32_t precedence, far, teid;
	uint32_t qer[PDR_MAX_QER];
	uint32_t urr[PDR_MAX_URR];
	struct inaddr local, ue;
	unsigned int n_sdf;
	struct filter_sdf sdf[PDR_MAX_SDF];	/* "sdf FLOWDESC", repeatable */
};

enum {	/* bits of far_args.has */
	FAR_ID = 1 << 0, FAR_ACTION = 1 << 1, FAR_DST_IFACE = 1 << 2, FAR_TEID = 1 << 3,
	FAR_PEER = 1 << 4, FAR_PORT = 1 << 5, FAR_QFI = 1 << 6, FAR_DSCP = 1 << 7,
};

struct far_args {
	unsigned int has;
	uint32_t id, teid;
	uint8_t action, dst_iface, qfi, dscp;
	uint16_t port;
	struct inaddr peer;
};

enum {	/* bits of qer_args.has */
	QER_ID = 1 << 0, QER_GATE_UL = 1 << 1, QER_GATE_DL = 1 << 2, QER_MBR_UL = 1 << 3,
	QER_MBR_DL = 1 << 4, QER_QFI = 1 << 5,
};

struct qer_args {
	unsigned int has;
	uint32_t id;
	uint8_t gate_ul, gate_dl, qfi;
	uint64_t mbr_ul, mbr_dl;
};

enum {	/* bits of urr_args.has */
	URR_ID = 1 << 0, URR_THRESH_TOTAL = 1 << 1, URR_THRESH_UL = 1 << 2,
	URR_THRESH_DL = 1 << 3, URR_QUOTA_TOTAL = 1 << 4, URR_QUOTA_UL = 1 << 5,
	URR_QUOTA_DL = 1 << 6,
};

struct urr_args {
	unsigned int has;
	uint32_t id;
	uint64_t thresh_total, thresh_ul, thresh_dl;
	uint64_t quota_total, quota_ul, quota_dl;
};

/*
 * One keyword of a PDR, FAR or QER with its value, at *argv: 0 (consumed),
 * EXIT_USAGE, or RULE_NOT_MINE if it is no keyword of the rule.
 */
#define RULE_NOT_MINE 2
int pdr_keyword(int *argc, char ***argv, struct pdr_args *p);
int far_keyword(int *argc, char ***argv, struct far_args *f);
int qer_keyword(int *argc, char ***argv, struct qer_args *q);
int urr_keyword(int *argc, char ***argv, struct urr_args *u);
/* EDGEDP_A_SESSION_MOD_FLAGS of pdr/far/qer add, change, replace and del. */
uint32_t rule_edit_flags(const char *cmd);
/* A rule as a nest of a session request (NLA_F_NESTED). */
void pdr_put(struct nlmsghdr *nlh, const struct pdr_args *p);
void far_put(struct nlmsghdr *nlh, const struct far_args *f);
void qer_put(struct nlmsghdr *nlh, const struct qer_args *q);
void urr_put(struct nlmsghdr *nlh, const struct urr_args *u);
/* Upper bounds of their size in a request. */
#define PDR_NEST_MAX	(116 + 8 * PDR_MAX_URR)	/* plus SDF_NEST_MAX per filter */
#define SDF_NEST_MAX	160
#define FAR_NEST_MAX	80
#define QER_NEST_MAX	60
#define URR_NEST_MAX	84	/* id, 3 thresholds, 3 quotas */
/* One rule nest of a reply as a text line or a JSON object. */
int pdr_print(const struct nlattr *nest, bool stats);
int far_print(const struct nlattr *nest);
int qer_print(const struct nlattr *nest);
/* A URR nest (counters always): its line, or its JSON object. */
int urr_print(const struct nlattr *nest);
/* monitor: a URR report event, "dev D seid S" and the URR. */
int urr_report_print(const struct nlmsghdr *nlh, bool stats);

/* session.c */
extern const char session_usage[];
int session_main(int argc, char **argv);

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
