// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: what the kernel (or anything posing as it) sends back.
 * The first byte picks the parser and the output mode; the rest is a buffer
 * of netlink messages processed as a reply stream by nl_process(), or for
 * the pipeline as the acks of 8 requests by nl_process_acks().
 *
 *	bits 0-2: 0 dev, 1 info, 2 monitor event, 3 family (CTRL) reply,
 *	          4 ep, 5 session, 6 session -s merged as session show merges
 *	          a dump's parts (session_merge()), 7 pipeline acks
 *	bit 3: JSON, bit 4: pretty, bit 5: dev -s, bit 6: expect seq 42
 */

#include <stdlib.h>
#include <string.h>

#include "dev.h"
#include "edgectl.h"
#include "ep.h"
#include "info.h"
#include "monitor.h"
#include "replies.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct nl_family fam = { .mcgrp = EDGEDP_MCGRP_EVENTS };
	struct session_args sess = { .dev = { "upf0", 5 } }, sess_s = sess;
	struct session_merger merger = { .args = &sess_s };
	struct dev_args dev = { 0 };
	struct nl_result res = { 0 }, acks[8];
	uint16_t family = TEST_FAMILY;
	mnl_cb_t cb[] = { dev_print, info_print, monitor_print, nl_family_cb, ep_print,
			  session_print, session_merge };
	void *arg[] = { &dev, NULL, &family, &fam, NULL, &sess, &merger };
	bool acked[8] = { false };
	uint8_t sel;
	void *buf;

	if (!size)
		return 0;
	if (!null)
		null = fopen("/dev/null", "w");
	sel = data[0];
	buf = malloc(size - 1 ? size - 1 : 1);
	memcpy(buf, data + 1, size - 1);
	print_init(null, sel & 8, sel & 16);
	dev.stats = sel & 32;
	sess_s.stats = true;
	if ((sel & 7) == 7)
		nl_process_acks(buf, size - 1, TEST_SEQ, 8, acks, acked);
	else
		nl_process(buf, size - 1, sel & 64 ? TEST_SEQ : 0, cb[sel & 7], arg[sel & 7], &res);
	if ((sel & 7) == 6)
		session_merge_end(&merger);
	print_finish();
	free(merger.buf);
	free(buf);
	return 0;
}
