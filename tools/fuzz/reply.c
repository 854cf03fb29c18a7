// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: what the kernel (or anything posing as it) sends back.
 * The first byte picks the parser and the output mode; the rest is a buffer
 * of netlink messages processed as a reply stream by nl_process().
 *
 *	bits 0-1: 0 dev, 1 info, 2 monitor event, 3 family (CTRL) reply
 *	bit 2: JSON, bit 3: pretty, bit 4: dev -s, bit 5: expect seq 42
 */

#include <stdlib.h>
#include <string.h>

#include "edgectl.h"
#include "replies.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct nl_family fam = { .mcgrp = EDGEDP_MCGRP_EVENTS };
	struct dev_args dev = { 0 };
	struct nl_result res = { 0 };
	uint16_t family = TEST_FAMILY;
	mnl_cb_t cb[] = { dev_print, info_print, monitor_print, nl_family_cb };
	void *arg[] = { &dev, NULL, &family, &fam };
	uint8_t sel;
	void *buf;

	if (!size)
		return 0;
	if (!null)
		null = fopen("/dev/null", "w");
	sel = data[0];
	buf = malloc(size - 1 ? size - 1 : 1);
	memcpy(buf, data + 1, size - 1);
	print_init(null, sel & 4, sel & 8);
	dev.stats = sel & 16;
	nl_process(buf, size - 1, sel & 32 ? TEST_SEQ : 0, cb[sel & 3], arg[sel & 3], &res);
	print_finish();
	free(buf);
	return 0;
}
