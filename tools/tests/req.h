/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by test_gtpu.c and test_peer.c: the request edgectl sent to the
 * fake kernel, parsed back attribute by attribute, and edgectl's printers
 * fed one kernel-like reply.
 */

#ifndef EDGECTL_TESTS_REQ_H
#define EDGECTL_TESTS_REQ_H

#include <stdbool.h>
#include <stdint.h>

#include "edgectl.h"

struct msg {
	const struct genlmsghdr *genl;
	uint16_t flags;
	const struct nlattr *tb[16];
	unsigned int count;
	const struct nlattr *seq[32];	/* every attribute, in order */
};

/* The last request the fake kernel got, with its attributes. */
bool last(uint8_t cmd, struct msg *m);

/* An attribute of exactly that size and value (an address: 4 or 16 bytes). */
bool u8_is(const struct nlattr *a, uint8_t v);
bool u16_is(const struct nlattr *a, uint16_t v);
bool u32_is(const struct nlattr *a, uint32_t v);
bool u64_is(const struct nlattr *a, uint64_t v);
bool addr_is(const struct nlattr *a, const char *addr);

/* edgectl ran line with exit 0 and nothing on stderr (else a TAP comment). */
bool run_ok(const char *line);

/* What cb printed for nlh (free it); its return in *ret. */
char *print_msg(mnl_cb_t cb, void *data, const struct nlmsghdr *nlh, bool json, int *ret);
/*
 * check(), named "PREFIX: LABEL", that cb prints nlh as want; a mismatch is
 * shown in TAP comments. The output if it matched (free it), else NULL.
 */
char *print_check(const char *prefix, mnl_cb_t cb, void *data, const struct nlmsghdr *nlh,
		  bool json, const char *want, const char *label);

#endif /* EDGECTL_TESTS_REQ_H */
