/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the dispatcher (edgectl.c) and every object need. Each object is one
 * file with a usage string, an entry point listed in edgectl.c's objects[]
 * and, when it has commands, its own edgectl_cmd table dispatched by
 * edgectl_dispatch(). What an object shares with others or with the tests
 * (its arguments, nests, printers) is in its own header: dev.h, ep.h...
 */

#ifndef EDGECTL_H
#define EDGECTL_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/edgedp.h>

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

/* The objects, one file each, listed in edgectl.c's objects[]. */
extern const char info_usage[], dev_usage[], ep_usage[], session_usage[], pdr_usage[],
	far_usage[], qer_usage[], urr_usage[], peer_usage[], monitor_usage[];
int info_main(int argc, char **argv);
int dev_main(int argc, char **argv);
int ep_main(int argc, char **argv);
int session_main(int argc, char **argv);
int pdr_main(int argc, char **argv);
int far_main(int argc, char **argv);
int qer_main(int argc, char **argv);
int urr_main(int argc, char **argv);
int peer_main(int argc, char **argv);
int monitor_main(int argc, char **argv);

#endif /* EDGECTL_H */
