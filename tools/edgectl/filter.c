// SPDX-License-Identifier: GPL-2.0
/*
 * SDF filters: the flow description grammar (filter.h) to and from
 * EDGEDP_A_SDF_* attributes.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/edgedp.h>

#include "filter.h"

#define FILTER_TEXT_MAX	1024
#define FILTER_TOKENS	32
#define FILTER_RANGES	16	/* per port list */

struct port_range {
	uint16_t min, max;
};

struct port_list {
	unsigned int n;
	struct port_range r[FILTER_RANGES];
};

static const struct {
	const char *name;
	uint8_t proto;
} protos[] = {
	{ "icmp", 1 }, { "tcp", 6 }, { "udp", 17 }, { "gre", 47 }, { "esp", 50 },
	{ "ah", 51 }, { "icmpv6", 58 }, { "ipv6-icmp", 58 }, { "sctp", 132 },
};

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(err, errlen, "flow description: ");
	if (n < 0 || (size_t)n >= errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static bool has_ports(uint8_t proto)
{
	return proto == 6 || proto == 17 || proto == 132;
}

static const char *proto_name(uint8_t proto)
{
	unsigned int i;

	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (protos[i].proto == proto)
			return protos[i].name;
	return NULL;
}

/* A decimal or 0x number no larger than max (no octal: 010 is an error). */
static int parse_num(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] >= '0' && s[1] <= '9'))
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 0);
	if (errno || *end || *out > max)
		return -1;
	return 0;
}

/* A decimal port: no sign, no base prefix, 0-65535. */
static int parse_port(const char *s, size_t len, uint16_t *out)
{
	unsigned long v = 0;
	size_t i;

	if (!len || len > 5)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v > 65535)
		return -1;
	*out = v;
	return 0;
}

static bool is_ports(const char *tok)
{
	return *tok >= '0' && *tok <= '9' && !strchr(tok, '.') && !strchr(tok, ':');
}

static int parse_ports(const char *tok, const char *side, struct port_list *pl,
		       char *err, size_t errlen)
{
	const char *p = tok;

	pl->n = 0;
	for (;;) {
		const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p);
		const char *dash = memchr(p, '-', end - p);
		struct port_range r;

		if (pl->n == FILTER_RANGES)
			return fail(err, errlen, "'%s': more than %d %s port ranges", tok,
				    FILTER_RANGES, side);
		if (dash) {
			if (parse_port(p, dash - p, &r.min) ||
			    parse_port(dash + 1, end - dash - 1, &r.max))
				return fail(err, errlen, "'%s': bad %s port range (P or P1-P2, 0-65535)",
					    tok, side);
			if (r.min > r.max)
				return fail(err, errlen, "'%s': %s port range reversed (%u > %u)",
					    tok, side, r.min, r.max);
		} else {
			if (parse_port(p, end - p, &r.min))
				return fail(err, errlen, "'%s': bad %s port (0-65535)", tok, side);
			r.max = r.min;
		}
		pl->r[pl->n++] = r;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

/* ADDR[/PLEN] into f's side; sets family or checks it against the other side. */
static int parse_addr(const char *tok, bool dst, struct filter_sdf *f, char *err, size_t errlen)
{
	const char *side = dst ? "destination (\"to\")" : "source (\"from\")";
	char a[INET6_ADDRSTRLEN + 8];
	uint8_t *addr = dst ? f->dst : f->src;
	uint8_t *plen = dst ? &f->dst_plen : &f->src_plen;
	const char *slash = strchr(tok, '/');
	size_t alen = slash ? (size_t)(slash - tok) : strlen(tok);
	unsigned long v;
	uint8_t family, max;

	if (!strcmp(tok, "any"))
		return 0;
	if (!strcmp(tok, "assigned")) {
		if (!dst)
			return fail(err, errlen,
				    "'assigned' is the UE's address: only after \"to\" (downlink form)");
		return 0;
	}
	if (*tok == '!')
		return fail(err, errlen, "'%s': negated addresses are not allowed (TS 29.212 5.4.2)",
			    tok);
	if (alen >= sizeof(a))
		return fail(err, errlen, "'%s': bad %s address", tok, side);
	memcpy(a, tok, alen);
	a[alen] = 0;
	if (inet_pton(AF_INET, a, addr) == 1) {
		family = 4;
		max = 32;
	} else if (inet_pton(AF_INET6, a, addr) == 1) {
		family = 6;
		max = 128;
	} else {
		return fail(err, errlen, "'%s': bad %s address (IPv4, IPv6, any%s)", tok, side,
			    dst ? ", assigned" : "");
	}
	if (slash) {
		if (!slash[1] || slash[1] < '0' || slash[1] > '9' ||
		    parse_num(slash + 1, max, &v) || (slash[1] == '0' && slash[2]))
			return fail(err, errlen, "'%s': bad prefix length '%s' (0-%u for IPv%u)",
				    tok, slash + 1, max, family);
		*plen = v;
	} else {
		*plen = max;
	}
	if (f->family && f->family != family)
		return fail(err, errlen, "'%s': mixed families: IPv%u here, IPv%u on the other side",
			    tok, family, f->family);
	f->family = family;
	f->flags |= dst ? FILTER_F_DST : FILTER_F_SRC;
	return 0;
}

static int parse_proto(const char *tok, struct filter_sdf *f, char *err, size_t errlen)
{
	unsigned long v;
	unsigned int i;

	if (!strcmp(tok, "ip"))
		return 0;
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		if (!strcmp(tok, protos[i].name)) {
			f->proto = protos[i].proto;
			f->flags |= FILTER_F_PROTO;
			return 0;
		}
	}
	if (*tok < '0' || *tok > '9' || parse_num(tok, 255, &v))
		return fail(err, errlen,
			    "'%s': bad protocol (ip, 0-255, tcp, udp, sctp, icmp, icmpv6, esp, ah, gre)",
			    tok);
	f->proto = v;
	f->flags |= FILTER_F_PROTO;
	return 0;
}

/* The edgedp options after the destination. */
static int parse_options(char **tok, int ntok, struct filter_sdf *f, char *err, size_t errlen)
{
	static const char *const unsupported[] = {
		"frag", "ipoptions", "tcpoptions", "established", "setup", "tcpflags", "icmptypes",
	};
	unsigned long v, m;
	unsigned int i;
	int t;

	for (t = 0; t < ntok; t++) {
		const char *kw = tok[t];
		const char *val = t + 1 < ntok ? tok[t + 1] : NULL;

		for (i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++)
			if (!strcmp(kw, unsupported[i]))
				return fail(err, errlen, "option '%s' is not supported (TS 29.212 5.4.2)",
					    kw);
		if (strcmp(kw, "tos") && strcmp(kw, "spi") && strcmp(kw, "flowlabel") &&
		    strcmp(kw, "flow-label"))
			return fail(err, errlen,
				    "unexpected '%s' after the destination (options: tos, spi, flowlabel)",
				    kw);
		if (!val)
			return fail(err, errlen, "'%s' needs a value", kw);
		t++;
		if (!strcmp(kw, "tos")) {
			char num[32];
			const char *slash = strchr(val, '/');
			size_t n = slash ? (size_t)(slash - val) : strlen(val);

			if (f->flags & FILTER_F_TOS)
				return fail(err, errlen, "'tos' given twice");
			if (n >= sizeof(num))
				return fail(err, errlen, "'tos %s': bad value (0-255[/0-255])", val);
			memcpy(num, val, n);
			num[n] = 0;
			if (parse_num(num, 255, &v) || (slash && parse_num(slash + 1, 255, &m)))
				return fail(err, errlen, "'tos %s': bad value (0-255[/0-255])", val);
			f->tos = v;
			f->tos_mask = slash ? m : 0xff;
			f->flags |= FILTER_F_TOS;
		} else if (!strcmp(kw, "spi")) {
			if (f->flags & FILTER_F_SPI)
				return fail(err, errlen, "'spi' given twice");
			if (parse_num(val, 0xffffffffUL, &v))
				return fail(err, errlen, "'spi %s': bad value (0-4294967295)", val);
			f->spi = v;
			f->flags |= FILTER_F_SPI;
		} else {
			if (f->flags & FILTER_F_FLOW_LABEL)
				return fail(err, errlen, "'flowlabel' given twice");
			if (parse_num(val, 0xfffff, &v))
				return fail(err, errlen, "'%s %s': bad value (20 bits, 0-0xfffff)",
					    kw, val);
			f->flow_label = v;
			f->flags |= FILTER_F_FLOW_LABEL;
		}
	}
	return 0;
}

int filter_parse(const char *text, struct filter_sdf *out, unsigned int max,
		 char *err, size_t errlen)
{
	char buf[FILTER_TEXT_MAX], *tok[FILTER_TOKENS], *p;
	struct port_list sp = { 0 }, dp = { 0 };
	struct filter_sdf f;
	int ntok = 0, t;
	unsigned int i, j, n;

	if (errlen)
		err[0] = 0;
	if (strlen(text) >= sizeof(buf))
		return fail(err, errlen, "longer than %d characters", FILTER_TEXT_MAX - 1);
	strcpy(buf, text);
	for (p = strtok(buf, " \t\n"); p; p = strtok(NULL, " \t\n")) {
		if (ntok == FILTER_TOKENS)
			return fail(err, errlen, "more than %d words", FILTER_TOKENS);
		tok[ntok++] = p;
	}
	memset(&f, 0, sizeof(f));
	if (ntok < 1)
		return fail(err, errlen, "empty (permit out PROTO from SRC [PORTS] to DST [PORTS])");
	if (strcmp(tok[0], "permit"))
		return fail(err, errlen, "action '%s': only \"permit\" is allowed (TS 29.212 5.4.2)",
			    tok[0]);
	if (ntok < 2)
		return fail(err, errlen, "missing direction after 'permit' (\"out\")");
	if (strcmp(tok[1], "out"))
		return fail(err, errlen,
			    "direction '%s': only \"out\" is allowed (TS 29.212 5.4.2; the kernel swaps for uplink)",
			    tok[1]);
	if (ntok < 3)
		return fail(err, errlen, "missing protocol after 'out'");
	if (parse_proto(tok[2], &f, err, errlen))
		return -1;
	if (ntok < 4 || strcmp(tok[3], "from"))
		return fail(err, errlen, "expected \"from\" after the protocol, got '%s'",
			    ntok < 4 ? "" : tok[3]);
	if (ntok < 5)
		return fail(err, errlen, "missing source address after 'from'");
	if (parse_addr(tok[4], false, &f, err, errlen))
		return -1;
	t = 5;
	if (t < ntok && is_ports(tok[t])) {
		if (parse_ports(tok[t], "source", &sp, err, errlen))
			return -1;
		t++;
	}
	if (t >= ntok || strcmp(tok[t], "to"))
		return fail(err, errlen, "expected \"to\" after the source, got '%s'",
			    t < ntok ? tok[t] : "");
	if (++t >= ntok)
		return fail(err, errlen, "missing destination address after 'to'");
	if (parse_addr(tok[t], true, &f, err, errlen))
		return -1;
	t++;
	if (t < ntok && is_ports(tok[t])) {
		if (parse_ports(tok[t], "destination", &dp, err, errlen))
			return -1;
		t++;
	}
	if (parse_options(tok + t, ntok - t, &f, err, errlen))
		return -1;
	if ((sp.n || dp.n) && !(f.flags & FILTER_F_PROTO))
		return fail(err, errlen, "ports with protocol 'ip': ports need tcp, udp or sctp");
	if ((sp.n || dp.n) && !has_ports(f.proto))
		return fail(err, errlen, "ports with protocol '%s': ports need tcp, udp or sctp",
			    tok[2]);
	if ((f.flags & FILTER_F_FLOW_LABEL) && f.family == 4)
		return fail(err, errlen, "'flowlabel' with IPv4 addresses: flow labels are IPv6");

	n = (sp.n ? sp.n : 1) * (dp.n ? dp.n : 1);
	if (n > max)
		return fail(err, errlen, "%u source x %u destination port ranges make %u filters, more than %u",
			    sp.n, dp.n, n, max);
	n = 0;
	for (i = 0; i < (sp.n ? sp.n : 1); i++) {
		for (j = 0; j < (dp.n ? dp.n : 1); j++) {
			out[n] = f;
			if (sp.n) {
				out[n].flags |= FILTER_F_SPORT;
				out[n].sport_min = sp.r[i].min;
				out[n].sport_max = sp.r[i].max;
			}
			if (dp.n) {
				out[n].flags |= FILTER_F_DPORT;
				out[n].dport_min = dp.r[j].min;
				out[n].dport_max = dp.r[j].max;
			}
			n++;
		}
	}
	return n;
}

/* Appends to buf at *off as snprintf would, tracking the full length. */
static void cat(char *buf, size_t len, size_t *off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void cat(char *buf, size_t len, size_t *off, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(*off < len ? buf + *off : NULL, *off < len ? len - *off : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		*off += n;
}

static void format_addr(char *buf, size_t len, size_t *off, const struct filter_sdf *f,
			bool dst)
{
	char a[INET6_ADDRSTRLEN];
	uint8_t plen = dst ? f->dst_plen : f->src_plen;

	if (!(f->flags & (dst ? FILTER_F_DST : FILTER_F_SRC))) {
		cat(buf, len, off, " any");
		return;
	}
	inet_ntop(f->family == 6 ? AF_INET6 : AF_INET, dst ? f->dst : f->src, a, sizeof(a));
	cat(buf, len, off, " %s", a);
	if (plen != (f->family == 6 ? 128 : 32))
		cat(buf, len, off, "/%u", plen);
}

static void format_ports(char *buf, size_t len, size_t *off, bool on, uint16_t min, uint16_t max)
{
	if (!on)
		return;
	if (min == max)
		cat(buf, len, off, " %u", min);
	else
		cat(buf, len, off, " %u-%u", min, max);
}

int filter_format(const struct filter_sdf *f, char *buf, size_t len)
{
	const char *name = proto_name(f->proto);
	size_t off = 0;

	if (len)
		buf[0] = 0;
	cat(buf, len, &off, "permit out ");
	if (!(f->flags & FILTER_F_PROTO))
		cat(buf, len, &off, "ip");
	else if (name)
		cat(buf, len, &off, "%s", name);
	else
		cat(buf, len, &off, "%u", f->proto);
	cat(buf, len, &off, " from");
	format_addr(buf, len, &off, f, false);
	format_ports(buf, len, &off, f->flags & FILTER_F_SPORT, f->sport_min, f->sport_max);
	cat(buf, len, &off, " to");
	format_addr(buf, len, &off, f, true);
	format_ports(buf, len, &off, f->flags & FILTER_F_DPORT, f->dport_min, f->dport_max);
	if (f->flags & FILTER_F_TOS) {
		if (f->tos_mask == 0xff)
			cat(buf, len, &off, " tos 0x%02x", f->tos);
		else
			cat(buf, len, &off, " tos 0x%02x/0x%02x", f->tos, f->tos_mask);
	}
	if (f->flags & FILTER_F_SPI)
		cat(buf, len, &off, " spi %u", f->spi);
	if (f->flags & FILTER_F_FLOW_LABEL)
		cat(buf, len, &off, " flowlabel 0x%05x", f->flow_label);
	return off;
}

bool filter_equal(const struct filter_sdf *a, const struct filter_sdf *b)
{
	size_t alen = a->family == 6 ? 16 : 4;

	if (a->flags != b->flags || a->family != b->family)
		return false;
	if ((a->flags & FILTER_F_SRC) &&
	    (a->src_plen != b->src_plen || memcmp(a->src, b->src, alen)))
		return false;
	if ((a->flags & FILTER_F_DST) &&
	    (a->dst_plen != b->dst_plen || memcmp(a->dst, b->dst, alen)))
		return false;
	if ((a->flags & FILTER_F_PROTO) && a->proto != b->proto)
		return false;
	if ((a->flags & FILTER_F_SPORT) &&
	    (a->sport_min != b->sport_min || a->sport_max != b->sport_max))
		return false;
	if ((a->flags & FILTER_F_DPORT) &&
	    (a->dport_min != b->dport_min || a->dport_max != b->dport_max))
		return false;
	if ((a->flags & FILTER_F_TOS) && (a->tos != b->tos || a->tos_mask != b->tos_mask))
		return false;
	if ((a->flags & FILTER_F_SPI) && a->spi != b->spi)
		return false;
	if ((a->flags & FILTER_F_FLOW_LABEL) && a->flow_label != b->flow_label)
		return false;
	return true;
}

void filter_put(struct nlmsghdr *nlh, uint16_t type, const struct filter_sdf *f)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	if (f->flags & FILTER_F_SRC) {
		if (f->family == 4)
			mnl_attr_put(nlh, EDGEDP_A_SDF_SRC4, 4, f->src);
		else
			mnl_attr_put(nlh, EDGEDP_A_SDF_SRC6, 16, f->src);
		mnl_attr_put_u8(nlh, EDGEDP_A_SDF_SRC_PLEN, f->src_plen);
	}
	if (f->flags & FILTER_F_DST) {
		if (f->family == 4)
			mnl_attr_put(nlh, EDGEDP_A_SDF_DST4, 4, f->dst);
		else
			mnl_attr_put(nlh, EDGEDP_A_SDF_DST6, 16, f->dst);
		mnl_attr_put_u8(nlh, EDGEDP_A_SDF_DST_PLEN, f->dst_plen);
	}
	if (f->flags & FILTER_F_PROTO)
		mnl_attr_put_u8(nlh, EDGEDP_A_SDF_PROTO, f->proto);
	if (f->flags & FILTER_F_SPORT) {
		mnl_attr_put_u16(nlh, EDGEDP_A_SDF_SRC_PORT_MIN, f->sport_min);
		mnl_attr_put_u16(nlh, EDGEDP_A_SDF_SRC_PORT_MAX, f->sport_max);
	}
	if (f->flags & FILTER_F_DPORT) {
		mnl_attr_put_u16(nlh, EDGEDP_A_SDF_DST_PORT_MIN, f->dport_min);
		mnl_attr_put_u16(nlh, EDGEDP_A_SDF_DST_PORT_MAX, f->dport_max);
	}
	if (f->flags & FILTER_F_TOS) {
		mnl_attr_put_u8(nlh, EDGEDP_A_SDF_TOS, f->tos);
		mnl_attr_put_u8(nlh, EDGEDP_A_SDF_TOS_MASK, f->tos_mask);
	}
	if (f->flags & FILTER_F_SPI)
		mnl_attr_put_u32(nlh, EDGEDP_A_SDF_SPI, f->spi);
	if (f->flags & FILTER_F_FLOW_LABEL)
		mnl_attr_put_u32(nlh, EDGEDP_A_SDF_FLOW_LABEL, f->flow_label);
	mnl_attr_nest_end(nlh, nest);
}

/* The payload length each EDGEDP_A_SDF_* attribute must have (0: not read). */
static const uint8_t sdf_len[EDGEDP_A_SDF_MAX + 1] = {
	[EDGEDP_A_SDF_ID] = 4, [EDGEDP_A_SDF_SRC4] = 4, [EDGEDP_A_SDF_SRC6] = 16,
	[EDGEDP_A_SDF_SRC_PLEN] = 1, [EDGEDP_A_SDF_DST4] = 4, [EDGEDP_A_SDF_DST6] = 16,
	[EDGEDP_A_SDF_DST_PLEN] = 1, [EDGEDP_A_SDF_PROTO] = 1,
	[EDGEDP_A_SDF_SRC_PORT_MIN] = 2, [EDGEDP_A_SDF_SRC_PORT_MAX] = 2,
	[EDGEDP_A_SDF_DST_PORT_MIN] = 2, [EDGEDP_A_SDF_DST_PORT_MAX] = 2,
	[EDGEDP_A_SDF_TOS] = 1, [EDGEDP_A_SDF_TOS_MASK] = 1, [EDGEDP_A_SDF_SPI] = 4,
	[EDGEDP_A_SDF_FLOW_LABEL] = 4,
};

int filter_from_attr(const struct nlattr *nest, struct filter_sdf *f, char *err, size_t errlen)
{
	const struct nlattr *a;
	uint32_t seen = 0;

	memset(f, 0, sizeof(*f));
	f->tos_mask = 0xff;
	mnl_attr_for_each_nested(a, nest) {
		uint16_t type = mnl_attr_get_type(a);
		const void *v = mnl_attr_get_payload(a);

		if (type > EDGEDP_A_SDF_MAX || !sdf_len[type])
			continue;	/* newer attributes, stats */
		if (mnl_attr_get_payload_len(a) != sdf_len[type])
			return fail(err, errlen, "SDF attribute %u: length %u, want %u", type,
				    mnl_attr_get_payload_len(a), sdf_len[type]);
		seen |= 1u << type;
		switch (type) {
		case EDGEDP_A_SDF_SRC4:
		case EDGEDP_A_SDF_SRC6:
			memcpy(f->src, v, sdf_len[type]);
			break;
		case EDGEDP_A_SDF_DST4:
		case EDGEDP_A_SDF_DST6:
			memcpy(f->dst, v, sdf_len[type]);
			break;
		case EDGEDP_A_SDF_SRC_PLEN:
			f->src_plen = *(const uint8_t *)v;
			break;
		case EDGEDP_A_SDF_DST_PLEN:
			f->dst_plen = *(const uint8_t *)v;
			break;
		case EDGEDP_A_SDF_PROTO:
			f->proto = *(const uint8_t *)v;
			f->flags |= FILTER_F_PROTO;
			break;
		case EDGEDP_A_SDF_SRC_PORT_MIN:
			f->sport_min = mnl_attr_get_u16(a);
			break;
		case EDGEDP_A_SDF_SRC_PORT_MAX:
			f->sport_max = mnl_attr_get_u16(a);
			break;
		case EDGEDP_A_SDF_DST_PORT_MIN:
			f->dport_min = mnl_attr_get_u16(a);
			break;
		case EDGEDP_A_SDF_DST_PORT_MAX:
			f->dport_max = mnl_attr_get_u16(a);
			break;
		case EDGEDP_A_SDF_TOS:
			f->tos = *(const uint8_t *)v;
			f->flags |= FILTER_F_TOS;
			break;
		case EDGEDP_A_SDF_TOS_MASK:
			f->tos_mask = *(const uint8_t *)v;
			break;
		case EDGEDP_A_SDF_SPI:
			f->spi = mnl_attr_get_u32(a);
			f->flags |= FILTER_F_SPI;
			break;
		case EDGEDP_A_SDF_FLOW_LABEL:
			f->flow_label = mnl_attr_get_u32(a);
			f->flags |= FILTER_F_FLOW_LABEL;
			break;
		}
	}
#define SEEN(x) (seen & (1u << EDGEDP_A_SDF_##x))
	if ((SEEN(SRC4) || SEEN(DST4)) && (SEEN(SRC6) || SEEN(DST6)))
		return fail(err, errlen, "SDF: IPv4 and IPv6 addresses mixed");
	if ((SEEN(SRC4) && SEEN(SRC6)) || (SEEN(DST4) && SEEN(DST6)))
		return fail(err, errlen, "SDF: two addresses on one side");
	f->family = SEEN(SRC4) || SEEN(DST4) ? 4 : SEEN(SRC6) || SEEN(DST6) ? 6 : 0;
	if (SEEN(SRC4) || SEEN(SRC6)) {
		f->flags |= FILTER_F_SRC;
		if (!SEEN(SRC_PLEN))
			f->src_plen = f->family == 6 ? 128 : 32;
	}
	if (SEEN(DST4) || SEEN(DST6)) {
		f->flags |= FILTER_F_DST;
		if (!SEEN(DST_PLEN))
			f->dst_plen = f->family == 6 ? 128 : 32;
	}
	if (SEEN(SRC_PORT_MIN) != 0 || SEEN(SRC_PORT_MAX) != 0) {
		f->flags |= FILTER_F_SPORT;
		if (!SEEN(SRC_PORT_MAX))
			f->sport_max = f->sport_min;
		if (!SEEN(SRC_PORT_MIN))
			f->sport_min = f->sport_max;
	}
	if (SEEN(DST_PORT_MIN) != 0 || SEEN(DST_PORT_MAX) != 0) {
		f->flags |= FILTER_F_DPORT;
		if (!SEEN(DST_PORT_MAX))
			f->dport_max = f->dport_min;
		if (!SEEN(DST_PORT_MIN))
			f->dport_min = f->dport_max;
	}
	if (!(f->flags & FILTER_F_TOS))
		f->tos_mask = 0;
#undef SEEN
	return 0;
}
