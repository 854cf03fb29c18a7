/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv4 and IPv6 addresses: parsed from arguments, put into requests and
 * printed from replies, for every object that names one.
 */

#ifndef EDGECTL_ADDR_H
#define EDGECTL_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nl.h"
#include "print.h"

/* An IPv4 or IPv6 address, with a prefix length where allowed. */
struct inaddr {
	uint8_t family;		/* AF_INET or AF_INET6, 0: none */
	uint8_t plen;		/* if has_plen */
	bool has_plen;
	union {
		uint32_t v4;	/* network order */
		uint8_t v6[16];
	};
};

/* Pure: "A.B.C.D" or IPv6, with prefix "/PLEN" (IPv4: only /32). 0 or -1. */
int parse_inaddr(const char *s, bool prefix, struct inaddr *a);
/* The same, reporting through errorf(): 0 or EXIT_USAGE. */
int arg_inaddr(const char *what, const char *s, bool prefix, struct inaddr *a);
/* Put a as attribute a4 (be32) or a6 (16 bytes). */
void inaddr_put(struct nlmsghdr *nlh, uint16_t a4, uint16_t a6, const struct inaddr *a);
/*
 * The address in attribute a4 or a6 (validated by the policy), "/plen" if
 * >= 0, as text in buf (INADDR_STRLEN bytes): its length, 0 if neither is
 * there.
 */
#define INADDR_STRLEN 54	/* INET6_ADDRSTRLEN (46) and "/128" */
size_t inaddr_format(char *buf, const struct nlattr *a4, const struct nlattr *a6, int plen);

/*
 * Print it: inline, so that a literal key's length is known (print.h). Digits,
 * '.', ':' and '/': nothing to escape in JSON.
 */
static inline void inaddr_print(const char *key, const char *fmt, const struct nlattr *a4,
				const struct nlattr *a6, int plen)
{
	char buf[INADDR_STRLEN];
	size_t len = inaddr_format(buf, a4, a6, plen);

	if (len)
		print_plain(PRINT_ANY, key, fmt, buf, len);
}

#endif /* EDGECTL_ADDR_H */
