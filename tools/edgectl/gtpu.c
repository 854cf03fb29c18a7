// SPDX-License-Identifier: GPL-2.0
/*
 * What the GTP-U objects (ep, session, pdr, far, qer) share: the device
 * they name, addresses, and the PFCP names of interfaces, endpoint roles,
 * outer header removal, apply-action bits and gates.
 */

#include <arpa/inet.h>
#include <limits.h>
#include <net/if.h>
#include <string.h>

#include "batch.h"
#include "edgectl.h"

int dev_ref_parse(int *argcp, char ***argvp, struct dev_ref *d)
{
	int argc = *argcp;
	char **argv = *argvp;

	if (d->name || d->ifindex)
		return arg_duplicate(*argv);
	NEXT_ARG();
	if (streq(*argv, "help"))
		return SHOW_HELP;
	if (streq(*argv, "index")) {
		NEXT_ARG();
		if (arg_u32("IFINDEX", *argv, 1, INT_MAX, &d->ifindex))
			return EXIT_USAGE;
	} else {
		if (streq(*argv, "name"))
			NEXT_ARG();
		if (arg_ifname(*argv))
			return EXIT_USAGE;
		d->name = *argv;
	}
	*argcp = argc;
	*argvp = argv;
	return 0;
}

/* One name, as batches name one device thousands of times. */
static struct {
	char name[IFNAMSIZ];
	uint32_t ifindex;
} ifcache;

void dev_ref_forget(void)
{
	ifcache.ifindex = 0;
}

int dev_ref_resolve(struct dev_ref *d)
{
	unsigned int idx;

	if (d->ifindex || !d->name)
		return 0;
	if (ifcache.ifindex && streq(ifcache.name, d->name)) {
		d->ifindex = ifcache.ifindex;
		return 0;
	}
	edgectl_flush();	/* see what the lines before this one did */
	idx = if_nametoindex(d->name);
	if (!idx) {
		errorf("cannot find device \"%s\"", d->name);
		return EXIT_KERNEL;
	}
	snprintf(ifcache.name, sizeof(ifcache.name), "%s", d->name);
	ifcache.ifindex = idx;
	d->ifindex = idx;
	return 0;
}

const char *dev_ref_name(uint32_t ifindex, const struct dev_ref *d, char *buf, size_t len)
{
	char name[IF_NAMESIZE];

	if (d && d->name && d->ifindex == ifindex)
		return d->name;
	if (ifindex && if_indextoname(ifindex, name))
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "if%u", ifindex);
	return buf;
}

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

static const char *const iface_names[] = {
	[EDGEDP_IFACE_ACCESS]	= "access",
	[EDGEDP_IFACE_CORE]	= "core",
	[EDGEDP_IFACE_DN]	= "dn",
	[EDGEDP_IFACE_CP]	= "cp",
};

static const char *const role_names[] = {
	[EDGEDP_EP_ANY]		= "any",
	[EDGEDP_EP_N3]		= "n3",
	[EDGEDP_EP_N9]		= "n9",
};

static const char *const ohr_names[] = {
	[EDGEDP_OHR_GTPU_UDP_IPV4]	= "gtpu-udp-ipv4",
	[EDGEDP_OHR_GTPU_UDP_IPV6]	= "gtpu-udp-ipv6",
	[EDGEDP_OHR_GTPU_UDP_IP]	= "gtpu-udp-ip",
};

static const char *const gate_names[] = {
	[EDGEDP_GATE_OPEN]	= "open",
	[EDGEDP_GATE_CLOSED]	= "closed",
};

/* By bit number: EDGEDP_FAR_DROP is bit 0. */
static const char *const action_names[] = { "drop", "forw", "buff", "nocp" };

static int lookup(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] && streq(names[i], s))
			return i;
	return -1;
}

static const char *name_of(const char *const *names, size_t n, unsigned int v,
			   const char *kind, char *buf, size_t len)
{
	if (v < n && names[v])
		return names[v];
	snprintf(buf, len, "%s-%u", kind, v);
	return buf;
}

int iface_value(const char *name)
{
	return lookup(iface_names, ARRAY_SIZE(iface_names), name);
}

int role_value(const char *name)
{
	return lookup(role_names, ARRAY_SIZE(role_names), name);
}

int ohr_value(const char *name)
{
	return lookup(ohr_names, ARRAY_SIZE(ohr_names), name);
}

int gate_value(const char *name)
{
	return lookup(gate_names, ARRAY_SIZE(gate_names), name);
}

int action_value(const char *list)
{
	int bits = 0, bit;

	for (;;) {
		const char *comma = strchr(list, ',');
		size_t len = comma ? (size_t)(comma - list) : strlen(list);
		char word[8];

		if (!len || len >= sizeof(word))
			return -1;
		memcpy(word, list, len);
		word[len] = '\0';
		bit = lookup(action_names, ARRAY_SIZE(action_names), word);
		if (bit < 0)
			return -1;
		bits |= 1 << bit;
		if (!comma)
			return bits;
		list = comma + 1;
	}
}

const char *iface_name(unsigned int v, char *buf, size_t len)
{
	return name_of(iface_names, ARRAY_SIZE(iface_names), v, "iface", buf, len);
}

const char *role_name(unsigned int v, char *buf, size_t len)
{
	return name_of(role_names, ARRAY_SIZE(role_names), v, "role", buf, len);
}

const char *ohr_name(unsigned int v, char *buf, size_t len)
{
	return name_of(ohr_names, ARRAY_SIZE(ohr_names), v, "ohr", buf, len);
}

const char *gate_name(unsigned int v, char *buf, size_t len)
{
	return name_of(gate_names, ARRAY_SIZE(gate_names), v, "gate", buf, len);
}

const char *action_bit_name(unsigned int bit, char *buf, size_t len)
{
	return name_of(action_names, ARRAY_SIZE(action_names), bit, "action", buf, len);
}

int arg_iface(const char *s, uint8_t *out)
{
	int v = iface_value(s);

	if (v >= 0) {
		*out = v;
		return 0;
	}
	errorf("invalid IFACE \"%s\": expected access, core, dn or cp", s);
	return EXIT_USAGE;
}
