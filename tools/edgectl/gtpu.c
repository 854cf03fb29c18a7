// SPDX-License-Identifier: GPL-2.0
/*
 * The PFCP names the GTP-U objects (ep, pdr, far, qer) share: interfaces,
 * endpoint roles, outer header removal, apply-action bits and gates.
 */

#include <string.h>

#include "edgectl.h"

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
