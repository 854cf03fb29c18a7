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
extern bool edgectl_offline;		/* fuzzing: never touch netlink */

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

int edgectl_batch(FILE *fp, const char *name, bool force);
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
};

enum {
	DEV_ARG_INDEX = 1 << 0,		/* "index IFINDEX" allowed */
	DEV_ARG_STATS = 1 << 1,		/* "-s" or "stats" allowed */
	DEV_ARG_NEEDED = 1 << 2,	/* a device must be named */
};

int dev_parse(int argc, char **argv, unsigned int allow, struct dev_args *a);
void dev_put(struct nlmsghdr *nlh, const void *arg);
int dev_print_attrs(const struct nlmsghdr *nlh, bool stats);
int dev_print(const struct nlmsghdr *nlh, void *data);	/* data: struct dev_args */
const char *drop_reason_name(unsigned int reason, char *buf, size_t len);

/* monitor.c */
extern const char monitor_usage[];
int monitor_main(int argc, char **argv);
int monitor_print(const struct nlmsghdr *nlh, void *data);	/* data: family id or NULL */

#endif /* EDGECTL_H */
