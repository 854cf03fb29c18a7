/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Batch mode, edgectl -b FILE [ -force ]: each line a command, run with
 * edgectl_run(); a failed one reported as "Command failed FILE:LINE". With
 * -force the batch goes on after a failure and pipelines: a request that
 * only wants an ack is queued and sent with up to NL_PIPELINE_MAX others in
 * one sendmsg(); its failure is reported later with its FILE:LINE.
 */

#ifndef EDGECTL_BATCH_H
#define EDGECTL_BATCH_H

#include <stdbool.h>
#include <stdio.h>

#include "nl.h"

/* The lines of fp, named name in errors: 0 or the worst exit code of a line. */
int edgectl_batch(FILE *fp, const char *name, bool force);
/* The same for the file name, "-" for stdin. */
int edgectl_batch_file(const char *name, bool force);

/* In a -force batch, queue nlh in the pipeline: true; else false (send it now). */
bool edgectl_queue(struct nl_ctx *ctx, struct nlmsghdr *nlh);
/* Send what is queued and report its failures. */
void edgectl_flush(void);

#endif /* EDGECTL_BATCH_H */
