// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl: the command line interface of the edgedp datapath.
 *
 *	edgectl [ OPTIONS ] OBJECT { COMMAND | help }
 *	edgectl [ OPTIONS ] -b FILE [ -force ]
 *
 * One file per object, listed in objects[]; adding an object is a new file
 * and a line there. Batches keep one netlink socket for all their lines and
 * with -force pipeline their requests.
 */

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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

/*
 * The pipeline of a batch run with -force: requests that only want an ack,
 * laid one after another in buf, sent together by edgectl_flush(). Each
 * remembers its line and command, to report its failure as if it had been
 * run on its own. While a line runs, its diagnostics are held (in the
 * batch's memstream) so that they come after those of earlier lines.
 */
static struct {
	bool on;
	FILE *err;			/* the real err_fp */
	const char *file;
	unsigned int line;		/* being run */
	unsigned int n;
	size_t len;
	uint32_t first_seq;
	int worst;			/* exit code of the failures reported */
	struct {
		size_t off;
		unsigned int line;
		char what[64];
	} q[NL_PIPELINE_MAX];
	struct nl_result res[NL_PIPELINE_MAX];
	char buf[NL_TX_SIZE] __attribute__((aligned(4)));
} pipeline;

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

static int run_cmd(int argc, char **argv)
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

static void report(const struct nl_result *res)
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
		report(res.err == nl.res.err ? &nl.res : &res);
	return NULL;
}

void edgectl_flush(void)
{
	FILE *held = err_fp;
	char what[64];
	unsigned int i;

	if (!pipeline.n)
		return;
	snprintf(what, sizeof(what), "%s", get_what());
	nl_pipeline(&nl, pipeline.buf, pipeline.len, pipeline.first_seq, pipeline.n,
		    pipeline.res);
	err_fp = pipeline.err;
	for (i = 0; i < pipeline.n; i++) {
		struct nl_result *res = &pipeline.res[i];

		nl_locate_attr((const void *)(pipeline.buf + pipeline.q[i].off), &res->ext);
		set_what(pipeline.q[i].what, NULL);
		report(res);
		if (!res->err)
			continue;
		fprintf(err_fp, "Command failed %s:%u\n", pipeline.file, pipeline.q[i].line);
		pipeline.worst = EXIT_KERNEL;
	}
	pipeline.n = 0;
	pipeline.len = 0;
	err_fp = held;
	set_what(what, NULL);
}

static void pipeline_queue(struct nl_ctx *ctx, struct nlmsghdr *nlh)
{
	size_t len = NLMSG_ALIGN(nlh->nlmsg_len);

	if (pipeline.n == NL_PIPELINE_MAX || pipeline.len + len > sizeof(pipeline.buf))
		edgectl_flush();
	nl_prepare(ctx, nlh);
	if (!pipeline.n)
		pipeline.first_seq = nlh->nlmsg_seq;
	memcpy(pipeline.buf + pipeline.len, nlh, nlh->nlmsg_len);
	memset(pipeline.buf + pipeline.len + nlh->nlmsg_len, 0, len - nlh->nlmsg_len);
	pipeline.q[pipeline.n].off = pipeline.len;
	pipeline.q[pipeline.n].line = pipeline.line;
	strncpy(pipeline.q[pipeline.n].what, get_what(), sizeof(pipeline.q[0].what) - 1);
	pipeline.q[pipeline.n].what[sizeof(pipeline.q[0].what) - 1] = '\0';
	pipeline.n++;
	pipeline.len += len;
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
	if (pipeline.on && !cb && (flags & NLM_F_DUMP) != NLM_F_DUMP) {
		pipeline_queue(ctx, nlh);
		return EXIT_OK;	/* a failure is reported by edgectl_flush() */
	}
	edgectl_flush();	/* the replies of this one come in order */
	err = nl_request(ctx, nlh, cb, data);
	report(&ctx->res);
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

/* Pipelining: what a line printed on err_fp, after what the lines before it did. */
static void release_held(FILE *hold, char *const *held, int rc)
{
	long len;

	fflush(hold);	/* updates *held */
	len = ftell(hold);
	if (len <= 0 && !rc)
		return;
	edgectl_flush();
	if (len > 0)
		fwrite(*held, 1, len, err_fp);
	fseek(hold, 0, SEEK_SET);
}

/* Past the rest of a line getline() failed to return; false if the stream failed. */
static bool skip_line(FILE *fp)
{
	int c;

	while ((c = getc(fp)) != EOF && c != '\n')
		;
	return !ferror(fp);
}

/*
 * A line that cannot be run as read is an error of that line, as a bad
 * quote is: getline() failing on it (out of memory, or a read error of the
 * stream, which also ends a -force batch) and a NUL byte in it.
 */
int edgectl_batch(FILE *fp, const char *name, bool force)
{
	char *line = NULL, *argv[TOKENIZE_MAX_ARGS], *held = NULL;
	unsigned int lineno = 0;
	FILE *err = err_fp, *hold = NULL;
	int ret = EXIT_OK;
	size_t size = 0, held_size;
	ssize_t len;

	if (force)
		hold = open_memstream(&held, &held_size);
	memset(&pipeline, 0, offsetof(typeof(pipeline), q));
	pipeline.on = hold != NULL;
	pipeline.err = err;
	pipeline.file = name;

	for (;;) {
		const char *why = NULL;
		int argc, rc, read_err = 0;
		bool stop = false;
		char nul[40];

		errno = 0;
		len = getline(&line, &size, fp);
		if (len < 0 && feof(fp) && !ferror(fp))
			break;
		lineno++;
		if (len < 0) {
			read_err = errno ? errno : EIO;
			stop = ferror(fp) || (force && !skip_line(fp));
			argc = -1;
		} else {
			if (len && line[len - 1] == '\n')
				line[--len] = '\0';
			if (strlen(line) != (size_t)len) {
				snprintf(nul, sizeof(nul), "NUL byte at column %zu",
					 strlen(line) + 1);
				why = nul;
				argc = -1;
			} else {
				argc = tokenize(line, argv, ARRAY_SIZE(argv), &why);
			}
			if (!argc)
				continue;
		}
		pipeline.line = lineno;
		if (hold)
			err_fp = hold;
		if (argc < 0) {
			set_what(NULL, NULL);
			if (read_err)
				errorf("reading %s: %s", name, strerror(read_err));
			else
				errorf("%s", why);
			rc = EXIT_USAGE;
		} else {
			rc = run_cmd(argc, argv);
		}
		if (hold) {
			err_fp = err;
			release_held(hold, &held, rc);
		}
		if (!rc)
			continue;
		fprintf(err_fp, "Command failed %s:%u\n", name, lineno);
		if (rc > ret)
			ret = rc;
		if (!force || stop)
			break;
	}
	edgectl_flush();
	if (pipeline.worst > ret)
		ret = pipeline.worst;
	pipeline.on = false;
	if (hold)
		fclose(hold);
	free(held);
	free(line);
	return ret;
}

static int run_batch(const char *name, bool force)
{
	FILE *fp = strcmp(name, "-") ? fopen(name, "r") : stdin;
	int ret;

	if (!fp) {
		errorf("cannot open %s: %s", name, strerror(errno));
		return EXIT_USAGE;
	}
	ret = edgectl_batch(fp, name, force);
	if (fp != stdin)
		fclose(fp);
	return ret;
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
	ret = batch ? run_batch(batch, force) : run_cmd(argc, argv);
	nl_close(&nl);
	return ret;

bad_usage:
	arg_missing(argv[0]);
usage:
	usage(err_fp);
	return EXIT_USAGE;
}
