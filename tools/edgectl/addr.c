// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 and IPv6 addresses: parsing, request attributes, text.
 */

#include <arpa/inet.h>
#include <string.h>

#include "addr.h"
#include "utils.h"

int parse_inaddr(const char *s, bool prefix, struct inaddr *a)
{
	char addr[INET6_ADDRSTRLEN + 1];
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	uint32_t plen;

	memset(a, 0, sizeof(*a));
	if (len >= sizeof(addr) || (slash && !prefix))
		return -1;
	memcpy(addr, s, len);
	addr[len] = '\0';
	if (inet_pton(AF_INET, addr, &a->v4) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, addr, a->v6) == 1)
		a->family = AF_INET6;
	else
		return -1;
	if (!slash)
		return 0;
	if (parse_u32(slash + 1, 0, a->family == AF_INET ? 32 : 128, &plen) ||
	    (a->family == AF_INET && plen != 32)) {
		a->family = 0;
		return -1;
	}
	a->plen = plen;
	a->has_plen = true;
	return 0;
}

int arg_inaddr(const char *what, const char *s, bool prefix, struct inaddr *a)
{
	if (!parse_inaddr(s, prefix, a))
		return 0;
	errorf("invalid %s \"%s\": expected an IPv4 or IPv6 address%s", what, s,
	       prefix ? " (IPv6 with an optional /PLEN, 0-128)" : "");
	return EXIT_USAGE;
}

void inaddr_put(struct nlmsghdr *nlh, uint16_t a4, uint16_t a6, const struct inaddr *a)
{
	if (a->family == AF_INET)
		mnl_attr_put(nlh, a4, sizeof(a->v4), &a->v4);
	else if (a->family == AF_INET6)
		mnl_attr_put(nlh, a6, sizeof(a->v6), a->v6);
}

/*
 * "A.B.C.D" into buf (16 bytes), its length: inet_ntop() formats IPv4 with
 * sprintf, which was a fifth of a dump's cost (an address on most PDRs and
 * FARs).
 */
static size_t ipv4_str(const uint8_t *a, char *buf)
{
	/* Each octet's decimal: its length, then its digits (no division). */
	static const char dec[256][4] = {
#define D1(n) { 1, '0' + (n) }
#define D2(n) { 2, '0' + (n) / 10, '0' + (n) % 10 }
#define D3(n) { 3, '0' + (n) / 100, '0' + (n) / 10 % 10, '0' + (n) % 10 }
#define R10(D, n) D(n), D(n + 1), D(n + 2), D(n + 3), D(n + 4), D(n + 5), D(n + 6), \
		  D(n + 7), D(n + 8), D(n + 9)
		R10(D1, 0), R10(D2, 10), R10(D2, 20), R10(D2, 30), R10(D2, 40), R10(D2, 50),
		R10(D2, 60), R10(D2, 70), R10(D2, 80), R10(D2, 90),
#define R100(n) R10(D3, n), R10(D3, n + 10), R10(D3, n + 20), R10(D3, n + 30), \
		R10(D3, n + 40), R10(D3, n + 50), R10(D3, n + 60), R10(D3, n + 70), \
		R10(D3, n + 80), R10(D3, n + 90)
		R100(100),
		R10(D3, 200), R10(D3, 210), R10(D3, 220), R10(D3, 230), R10(D3, 240),
		D3(250), D3(251), D3(252), D3(253), D3(254), D3(255),
#undef R100
#undef R10
#undef D3
#undef D2
#undef D1
	};
	char *p = buf;
	int i;

	for (i = 0; i < 4; i++) {
		const char *d = dec[a[i]];

		memcpy(p, d + 1, 3);
		p += d[0];
		*p++ = i < 3 ? '.' : '\0';
	}
	return p - 1 - buf;
}

_Static_assert(INADDR_STRLEN == INET6_ADDRSTRLEN + 8, "an IPv6 address and a prefix length");

size_t inaddr_format(char *buf, const struct nlattr *a4, const struct nlattr *a6, int plen)
{
	size_t len;

	if (a4)
		return ipv4_str(nl_attr_data(a4), buf);
	if (!a6)
		return 0;
	inet_ntop(AF_INET6, nl_attr_data(a6), buf, INADDR_STRLEN);
	len = strlen(buf);
	if (plen >= 0)
		len += snprintf(buf + len, INADDR_STRLEN - len, "/%d", plen);
	return len;
}
