// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl: the command line interface of the edgedp datapath.
 *
 *	edgectl [ OPTIONS ] OBJECT { COMMAND | help }
 *	edgectl [ OPTIONS ] -b FILE [ -force ]
 *
 * One file per object, listed in objects[]; adding an object is a new file
 * and a line there. Here: the options, the dispatch of the objects and
 * their commands, and the requests on the family's socket, which a batch
 * (batch.c) keeps for all its lines.
 */

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "devref.h"
#include "edgectl.h"

#ifndef EDGECTL_VERSION
#define EDGECTL_VERSION "unknown"
#endif

/* The unit tests and fuzzers link edgectl whole and call edgectl_main(). */
#ifdef EDGECTL_LIBRARY
#define main edgectl_main
#endif

static int help_main(int argc, char **argv);

static const struct edgectl_cmd objects[] = {
	{ "info", info_main, "module version, features and device count", info_usage },
	{ "dev", dev_main, "create, delete and show datapath devices", dev_usage },
	{ "ep", ep_main, "local GTP-U endpoints of a device", ep_usage },
	{ "session", session_main, "PFCP sessions with their PDRs and FARs", session_usage },
	{ "pdr", pdr_main, "edit one packet detection rule of a session", pdr_usage },
	{ "far", far_main, "edit one forwarding action rule of a session", far_usage },
	{ "qer", qer_main, "edit one QoS enforcement rule of a session", qer_usage },
	{ "urr", urr_main, "edit, show and reset usage reporting rules", urr_usage },
	{ "peer", peer_main, "GTP-U peers supervised with Echo Requests", peer_usage },
	{ "monitor", monitor_main, "print events as they happen", monitor_usage },
	{ "help", help_main, "this help, or an object's: help OBJECT", NULL },
	{ .name = NULL }
};

bool edgectl_offline;
const struct nl_transport *edgectl_transport;
static struct nl_ctx nl;

/* Both lists of objects come from objects[]: a new object is a line there. */
static void usage(FILE *fp)
{
	const struct edgectl_cmd *obj;
	const char *sep = "{ ";

	fputs("Usage: edgectl [ OPTIONS ] OBJECT { COMMAND | help }\n"
	      "       edgectl [ OPTIONS ] -b FILE [ -force ]\n"
	      "       edgectl { -V | help }\n"
	      "Where: OBJECT := ", fp);
	for (obj = objects; obj->name; obj++) {
		if (!obj->usage)	/* "help" is no object */
			continue;
		fprintf(fp, "%s%s", sep, obj->name);
		sep = " | ";
	}
	fputs(" }\n"
	      "       OPTIONS := { -j[son] | -p[retty] }\n"
	      "       FILE := commands, one per line, \"-\" for stdin; -force goes on\n"
	      "               after a failed command\n"
	      "Objects:\n", fp);
	for (obj = objects; obj->name; obj++)
		fprintf(fp, "       %-8s %s\n", obj->name, obj->help);
}

static const struct edgectl_cmd *find(const struct edgectl_cmd *cmds, const char *name)
{
	for (; cmds->name; cmds++)
		if (!strcmp(cmds->name, name))
			return cmds;
	return NULL;
}

static int help_main(int argc, char **argv)
{
	const struct edgectl_cmd *obj;

	if (!argc || !strcmp(argv[0], "help"))
		return SHOW_HELP;
	obj = find(objects, argv[0]);
	if (!obj)
		return arg_unexpected(argv[0]);
	fputs(obj->usage, out_fp);
	return EXIT_OK;
}

int edgectl_dispatch(const char *object, const struct edgectl_cmd *cmds, int argc, char **argv)
{
	const struct edgectl_cmd *cmd = cmds;

	if (argc > 0) {
		if (!strcmp(argv[0], "help"))
			return SHOW_HELP;
		cmd = find(cmds, argv[0]);
		if (!cmd) {
			errorf("unknown command \"%s\"", argv[0]);
			return EXIT_USAGE;
		}
		argc--, argv++;
	}
	set_what(object, cmd->name);
	return cmd->fn(argc, argv);
}

int edgectl_run(int argc, char **argv)
{
	const struct edgectl_cmd *obj = find(objects, argv[0]);
	FILE *fp;
	int ret;

	set_what(NULL, NULL);
	if (!obj) {
		errorf("unknown object \"%s\"", argv[0]);
		usage(err_fp);
		return EXIT_USAGE;
	}
	set_what(obj->name, NULL);
	ret = obj->fn(argc - 1, argv + 1);
	print_finish();
	if (ret != SHOW_HELP && ret != EXIT_USAGE)
		return ret;
	fp = ret == SHOW_HELP ? out_fp : err_fp;
	if (obj->usage)
		fputs(obj->usage, fp);
	else
		usage(fp);
	return ret == SHOW_HELP ? EXIT_OK : ret;
}

void edgectl_report(const struct nl_result *res)
{
	const struct nl_extack *ext = &res->ext;
	int err = res->err;

	if (ext->msg[0] || ext->has_attr || ext->has_miss_type) {
		fprintf(err_fp, "%s:", err ? "Error" : "Warning");
		if (ext->msg[0])
			fprintf(err_fp, " %s", ext->msg);
		if (ext->has_attr)
			fprintf(err_fp, " (attribute %u)", ext->attr);
		if (ext->has_miss_type)
			fprintf(err_fp, " (missing attribute %u)", ext->miss_type);
		fputc('\n', err_fp);
	}
	if (res->intr)
		fputs("Warning: a concurrent change interrupted the dump: it may be inconsistent\n",
		      err_fp);
	if (res->malformed)
		errorf("malformed reply from the kernel");
	else if (err)
		errorf("%s", strerror(-err));
	if (err == -ENODEV)
		dev_ref_forget();	/* a name may now be another device */
}

struct nl_ctx *edgectl_nl(void)
{
	struct nl_result res = { 0 };

	if (nl_is_open(&nl))
		return &nl;
	if (edgectl_offline) {
		errorf("netlink is disabled");
		return NULL;
	}
	nl.fake = edgectl_transport;
	res.err = nl_open(&nl, EDGEDP_GENL_NAME, EDGEDP_MCGRP_EVENTS);
	if (!res.err)
		return &nl;
	if (res.err == -ENOENT)
		fputs("edgedp: generic netlink family not found: is edgedp.ko loaded?\n", err_fp);
	else
		edgectl_report(res.err == nl.res.err ? &nl.res : &res);
	return NULL;
}

int edgectl_request(uint8_t cmd, uint16_t flags, nl_put_t put, const void *arg,
		    mnl_cb_t cb, void *data)
{
	struct nl_ctx *ctx = edgectl_nl();
	struct nlmsghdr *nlh;
	int err;

	if (!ctx)
		return EXIT_KERNEL;
	nlh = nl_msg_start(ctx->tx, ctx->family, cmd, EDGEDP_GENL_VERSION, flags);
	if (put)
		put(nlh, arg);
	if (!cb && (flags & NLM_F_DUMP) != NLM_F_DUMP && edgectl_queue(ctx, nlh))
		return EXIT_OK;	/* a failure is reported by edgectl_flush() */
	edgectl_flush();	/* the replies of this one come in order */
	err = nl_request(ctx, nlh, cb, data);
	edgectl_report(&ctx->res);
	return err ? EXIT_KERNEL : EXIT_OK;
}

struct show {
	mnl_cb_t cb;
	void *data;
	bool open;
};

static int show_cb(const struct nlmsghdr *nlh, void *data)
{
	struct show *show = data;

	if (!show->open)
		open_json_array(NULL);
	show->open = true;
	return show->cb(nlh, show->data);
}

int edgectl_show_end(uint8_t cmd, bool dump, nl_put_t put, const void *arg,
		     mnl_cb_t cb, int (*end)(void *data), void *data)
{
	struct show show = { .cb = cb, .data = data };
	int ret = edgectl_request(cmd, dump ? NLM_F_DUMP : 0, put, arg, show_cb, &show);

	if (!ret && !show.open)
		open_json_array(NULL);
	if (end && show.open && end(data) != MNL_CB_OK && !ret) {
		errorf("a reply failed to parse");
		ret = EXIT_KERNEL;
	}
	if (!ret || show.open)
		close_json_array();
	return ret;
}

int edgectl_show(uint8_t cmd, bool dump, nl_put_t put, const void *arg,
		 mnl_cb_t cb, void *data)
{
	return edgectl_show_end(cmd, dump, put, arg, cb, NULL, data);
}

static bool is_opt(const char *arg, const char *s, const char *l)
{
	return !strcmp(arg, s) || (l && !strcmp(arg, l));
}

int main(int argc, char **argv)
{
	bool json = false, pretty = false, force = false;
	const char *batch = NULL;
	int ret;

	if (!out_fp)
		out_fp = stdout;
	if (!err_fp)
		err_fp = stderr;
	set_what(NULL, NULL);
	for (argc--, argv++; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
		const char *opt = argv[0];

		if (is_opt(opt, "-j", "-json")) {
			json = true;
		} else if (is_opt(opt, "-p", "-pretty")) {
			pretty = true;
		} else if (is_opt(opt, "-force", NULL)) {
			force = true;
		} else if (is_opt(opt, "-b", "-batch")) {
			if (argc < 2)
				goto bad_usage;
			batch = *++argv;
			argc--;
		} else if (is_opt(opt, "-V", "-Version") || is_opt(opt, "--version", NULL)) {
			fprintf(out_fp, "edgectl %s (generic netlink family %s, version %u)\n",
				EDGECTL_VERSION, EDGEDP_GENL_NAME, EDGEDP_GENL_VERSION);
			return EXIT_OK;
		} else if (is_opt(opt, "-h", "-help") || is_opt(opt, "--help", NULL)) {
			usage(out_fp);
			return EXIT_OK;
		} else {
			errorf("unknown option \"%s\"", opt);
			goto usage;
		}
	}
	if (batch && argc) {
		errorf("-b FILE takes no command, got \"%s\"", argv[0]);
		goto usage;
	}
	if (force && !batch) {
		errorf("-force needs -b FILE");
		goto usage;
	}
	if (!argc && !batch)
		goto usage;

	print_init(out_fp, json, pretty);
	ret = batch ? edgectl_batch_file(batch, force) : edgectl_run(argc, argv);
	nl_close(&nl);
	return ret;

bad_usage:
	arg_missing(argv[0]);
usage:
	usage(err_fp);
	return EXIT_USAGE;
}
