// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl -b FILE [ -force ]: a batch of commands, one per line, run on one
 * netlink socket. A failed line is reported as "Command failed FILE:LINE"
 * after its own errors; without -force the batch stops there. With -force
 * it goes on, and pipelines: the requests that only want an ack are sent
 * together and their failures reported in the order of their lines.
 */

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "edgectl.h"

/*
 * The pipeline of a batch run with -force: requests that only want an ack,
 * laid one after another in buf, sent together by edgectl_flush(). Each
 * remembers its line and command, to report its failure as if it had been
 * run on its own. While a line runs, its diagnostics are held (in the
 * batch's memstream) so that they come after those of earlier lines.
 */
static struct {
	bool on;
	struct nl_ctx *ctx;		/* of the requests queued */
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

void edgectl_flush(void)
{
	FILE *held = err_fp;
	char what[64];
	unsigned int i;

	if (!pipeline.n)
		return;
	snprintf(what, sizeof(what), "%s", get_what());
	nl_pipeline(pipeline.ctx, pipeline.buf, pipeline.len, pipeline.first_seq, pipeline.n,
		    pipeline.res);
	err_fp = pipeline.err;
	for (i = 0; i < pipeline.n; i++) {
		struct nl_result *res = &pipeline.res[i];

		nl_locate_attr((const void *)(pipeline.buf + pipeline.q[i].off), &res->ext);
		set_what(pipeline.q[i].what, NULL);
		edgectl_report(res);
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

bool edgectl_queue(struct nl_ctx *ctx, struct nlmsghdr *nlh)
{
	size_t len = NLMSG_ALIGN(nlh->nlmsg_len);

	if (!pipeline.on)
		return false;
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
	pipeline.ctx = ctx;
	pipeline.n++;
	pipeline.len += len;
	return true;
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
			rc = edgectl_run(argc, argv);
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

int edgectl_batch_file(const char *name, bool force)
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
