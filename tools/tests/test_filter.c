// SPDX-License-Identifier: GPL-2.0
/*
 * The flow description grammar (edgectl/filter.c): exact fields for good
 * filters, port lists expanded, the round trip through the printer and
 * through netlink attributes, and an error naming the token for bad input.
 */

#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/edgedp.h>

#include "filter.h"
#include "tap.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_fields(void)
{
	struct filter_sdf f[FILTER_MAX];
	char err[FILTER_ERR_LEN];
	int n;

	n = filter_parse("permit out udp from 192.0.2.0/24 5000-5100 to 10.60.0.0/16", f,
			 FILTER_MAX, err, sizeof(err));
	check(n == 1 && f[0].flags == (FILTER_F_SRC | FILTER_F_DST | FILTER_F_PROTO |
				       FILTER_F_SPORT) &&
	      f[0].family == 4 && f[0].proto == 17 &&
	      !memcmp(f[0].src, "\xc0\x00\x02\x00", 4) && f[0].src_plen == 24 &&
	      !memcmp(f[0].dst, "\x0a\x3c\x00\x00", 4) && f[0].dst_plen == 16 &&
	      f[0].sport_min == 5000 && f[0].sport_max == 5100,
	      "filter: the issue's breakout example, downlink form as written (%d %s)", n, err);

	n = filter_parse("permit out ip from any to assigned", f, FILTER_MAX, err, sizeof(err));
	check(n == 1 && f[0].flags == 0 && f[0].family == 0, "filter: ip from any to assigned");

	n = filter_parse("permit out 6 from 2001:db8::1 80,443 to 2001:db8:60::/48 1-2,65535 "
			 "tos 0xb8/0xfc flowlabel 0x12345 spi 7", f, FILTER_MAX, err, sizeof(err));
	check(n == 4 && f[0].family == 6 && f[0].proto == 6 && f[0].src_plen == 128 &&
	      f[0].src[0] == 0x20 && f[0].src[15] == 1 && f[0].dst_plen == 48 &&
	      f[0].sport_min == 80 && f[0].sport_max == 80 && f[0].dport_min == 1 &&
	      f[0].dport_max == 2 && f[1].sport_min == 80 && f[1].dport_min == 65535 &&
	      f[2].sport_min == 443 && f[2].dport_max == 2 && f[3].sport_min == 443 &&
	      f[3].dport_min == 65535 && f[3].tos == 0xb8 && f[3].tos_mask == 0xfc &&
	      f[3].flow_label == 0x12345 && f[3].spi == 7 &&
	      f[3].flags == (FILTER_F_SRC | FILTER_F_DST | FILTER_F_PROTO | FILTER_F_SPORT |
			     FILTER_F_DPORT | FILTER_F_TOS | FILTER_F_SPI | FILTER_F_FLOW_LABEL),
	      "filter: IPv6, 2 x 2 port lists make 4 filters, tos/flowlabel/spi (%d %s)", n, err);

	n = filter_parse("permit out tcp from 0.0.0.0/0 0-65535 to 10.0.0.1/32 0", f,
			 FILTER_MAX, err, sizeof(err));
	check(n == 1 && f[0].src_plen == 0 && f[0].dst_plen == 32 && f[0].sport_min == 0 &&
	      f[0].sport_max == 65535 && f[0].dport_min == 0 && f[0].dport_max == 0,
	      "filter: /0, /32, port 0 and 65535");
	n = filter_parse("permit out esp from ::/0 to any spi 0xdeadbeef tos 46", f,
			 FILTER_MAX, err, sizeof(err));
	check(n == 1 && f[0].family == 6 && f[0].src_plen == 0 && f[0].spi == 0xdeadbeef &&
	      f[0].tos == 46 && f[0].tos_mask == 0xff && f[0].proto == 50,
	      "filter: ::/0, SPI in hex, tos without mask is /0xff");
	n = filter_parse("  permit\tout  icmp from 10.0.0.0/8 to any  ", f, FILTER_MAX, err,
			 sizeof(err));
	check(n == 1 && f[0].proto == 1, "filter: tabs and extra spaces");
}

static void test_round_trip(void)
{
	static const char *const good[] = {
		"permit out udp from 192.0.2.0/24 5000-5100 to 10.60.0.0/16",
		"permit out ip from any to any",
		"permit out 200 from 10.0.0.1 to any",
		"permit out tcp from 2001:db8::/32 443 to 2001:db8:60::1 1024-65535 tos 0x28/0xfc",
		"permit out ip from any to 2001:db8::5/127 flowlabel 0xfffff",
		"permit out ah from 198.51.100.7 to 10.60.1.2 tos 0x00 spi 4294967295",
		"permit out sctp from any 38412 to any",
		"permit out icmpv6 from ::/0 to ::1",
	};
	struct filter_sdf f[FILTER_MAX], g[FILTER_MAX];
	char err[FILTER_ERR_LEN], text[256], again[256];
	char msg[4096] __attribute__((aligned(4)));
	unsigned int i;

	for (i = 0; i < N_ELEMS(good); i++) {
		struct nlmsghdr *nlh;
		struct nlattr *nest;
		int n, m, rc;

		n = filter_parse(good[i], f, FILTER_MAX, err, sizeof(err));
		filter_format(&f[0], text, sizeof(text));
		m = filter_parse(text, g, FILTER_MAX, err, sizeof(err));
		filter_format(&g[0], again, sizeof(again));
		check(n == 1 && m == 1 && filter_equal(&f[0], &g[0]) && !strcmp(text, again) &&
		      !strcmp(text, good[i]), "filter: round trip '%s' -> '%s'", good[i], text);

		nlh = mnl_nlmsg_put_header(msg);
		filter_put(nlh, EDGEDP_A_PDR_SDF, &f[0]);
		nest = mnl_nlmsg_get_payload(nlh);
		rc = filter_from_attr(nest, &g[0], err, sizeof(err));
		check(!rc && mnl_attr_get_type(nest) == EDGEDP_A_PDR_SDF &&
		      (nest->nla_type & NLA_F_NESTED) && filter_equal(&f[0], &g[0]),
		      "filter: attributes round trip '%s' (%s)", good[i], rc ? err : "");
	}
}

static void test_attrs(void)
{
	char msg[4096] __attribute__((aligned(4)));
	struct filter_sdf f, g;
	char err[FILTER_ERR_LEN];
	struct nlmsghdr *nlh;
	struct nlattr *nest, *a;
	unsigned int count = 0;
	int n;

	n = filter_parse("permit out udp from 192.0.2.0/24 5000-5100 to 10.60.0.1", &f, 1, err,
			 sizeof(err));
	nlh = mnl_nlmsg_put_header(msg);
	filter_put(nlh, EDGEDP_A_PDR_SDF, &f);
	nest = mnl_nlmsg_get_payload(nlh);
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case EDGEDP_A_SDF_SRC4:
			count += !memcmp(mnl_attr_get_payload(a), "\xc0\x00\x02\x00", 4);
			break;
		case EDGEDP_A_SDF_SRC_PLEN:
			count += mnl_attr_get_u8(a) == 24;
			break;
		case EDGEDP_A_SDF_DST4:
			count += !memcmp(mnl_attr_get_payload(a), "\x0a\x3c\x00\x01", 4);
			break;
		case EDGEDP_A_SDF_DST_PLEN:
			count += mnl_attr_get_u8(a) == 32;
			break;
		case EDGEDP_A_SDF_PROTO:
			count += mnl_attr_get_u8(a) == 17;
			break;
		case EDGEDP_A_SDF_SRC_PORT_MIN:
			count += mnl_attr_get_u16(a) == 5000;
			break;
		case EDGEDP_A_SDF_SRC_PORT_MAX:
			count += mnl_attr_get_u16(a) == 5100;
			break;
		default:
			count += 100;
		}
	}
	check(n == 1 && count == 7, "filter: EDGEDP_A_SDF_* as written, nothing else (%u)", count);

	/* A kernel reply with only DST6, no plen: full length; a bad length is refused. */
	nlh = mnl_nlmsg_put_header(msg);
	nest = mnl_attr_nest_start(nlh, EDGEDP_A_PDR_SDF);
	mnl_attr_put(nlh, EDGEDP_A_SDF_DST6, 16, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01");
	mnl_attr_put_u16(nlh, EDGEDP_A_SDF_DST_PORT_MIN, 53);
	mnl_attr_nest_end(nlh, nest);
	n = filter_from_attr(nest, &g, err, sizeof(err));
	check(!n && g.family == 6 && g.dst_plen == 128 && g.flags == (FILTER_F_DST | FILTER_F_DPORT) &&
	      g.dport_min == 53 && g.dport_max == 53, "filter: reply with defaults");
	mnl_attr_put_u8(nlh, EDGEDP_A_SDF_SRC4, 1);
	nest = mnl_nlmsg_get_payload(nlh);
	nest->nla_len = (char *)mnl_nlmsg_get_payload_tail(nlh) - (char *)nest;
	n = filter_from_attr(nest, &g, err, sizeof(err));
	check(n == -1 && strstr(err, "length 1, want 4"), "filter: short attribute refused: %s", err);
}

static void test_errors(void)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "", "empty" },
		{ "deny out ip from any to any", "action 'deny': only \"permit\"" },
		{ "permit in ip from any to any", "direction 'in': only \"out\"" },
		{ "permit", "missing direction" },
		{ "permit out", "missing protocol" },
		{ "permit out foo from any to any", "'foo': bad protocol" },
		{ "permit out 256 from any to any", "'256': bad protocol" },
		{ "permit out ip any to any", "expected \"from\" after the protocol, got 'any'" },
		{ "permit out ip from", "missing source address" },
		{ "permit out ip from 10.0.0.0/33 to any", "'10.0.0.0/33': bad prefix length '33'" },
		{ "permit out ip from 2001:db8::/129 to any", "bad prefix length '129' (0-128" },
		{ "permit out ip from 10.0.0.0/ to any", "bad prefix length ''" },
		{ "permit out ip from 10.0.0.0/08 to any", "bad prefix length '08'" },
		{ "permit out ip from 10.0.0.0/-1 to any", "bad prefix length '-1'" },
		{ "permit out ip from 10.0.0.256 to any", "'10.0.0.256': bad source (\"from\") address" },
		{ "permit out ip from !10.0.0.1 to any", "negated addresses" },
		{ "permit out ip from assigned to any", "'assigned' is the UE's address" },
		{ "permit out ip from any", "expected \"to\" after the source, got ''" },
		{ "permit out ip from any to", "missing destination address" },
		{ "permit out ip from 10.0.0.1 to 2001:db8::1", "'2001:db8::1': mixed families" },
		{ "permit out udp from any 5100-5000 to any", "'5100-5000': source port range reversed" },
		{ "permit out udp from any to any 65536", "'65536': bad destination port" },
		{ "permit out udp from any to any 1-", "'1-': bad destination port range" },
		{ "permit out udp from any to any 1,,2", "'1,,2': bad destination port" },
		{ "permit out icmp from any 80 to any", "ports with protocol 'icmp'" },
		{ "permit out ip from any to any 80", "ports with protocol 'ip'" },
		{ "permit out 1 from any to any 80", "ports with protocol '1'" },
		{ "permit out ip from any to any frag", "option 'frag' is not supported" },
		{ "permit out tcp from any to any established", "option 'established'" },
		{ "permit out ip from any to any bogus", "unexpected 'bogus' after the destination" },
		{ "permit out ip from any to any tos", "'tos' needs a value" },
		{ "permit out ip from any to any tos 256", "'tos 256': bad value" },
		{ "permit out ip from any to any tos 1/0x100", "'tos 1/0x100': bad value" },
		{ "permit out ip from any to any tos 1 tos 2", "'tos' given twice" },
		{ "permit out ip from any to any spi -1", "'spi -1': bad value" },
		{ "permit out ip from any to any spi 010", "'spi 010': bad value" },
		{ "permit out ip from any to any spi 0x", "'spi 0x': bad value" },
		{ "permit out ip from any to any spi 4294967296", "'spi 4294967296': bad value" },
		{ "permit out ip from any to any flowlabel 0x100000", "bad value (20 bits" },
		{ "permit out ip from 10.0.0.1 to any flowlabel 1", "flow labels are IPv6" },
		{ "permit out udp from any 1,2,3,4,5,6,7,8,9 to any 1,2,3,4,5,6,7,8", "make 72 filters" },
		{ "permit out udp from any 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17 to any",
		  "more than 16 source port ranges" },
	};
	struct filter_sdf f[FILTER_MAX];
	char err[FILTER_ERR_LEN];
	unsigned int i;

	for (i = 0; i < N_ELEMS(bad); i++) {
		int n = filter_parse(bad[i].text, f, FILTER_MAX, err, sizeof(err));

		check(n == -1 && strstr(err, bad[i].want) &&
		      !strncmp(err, "flow description: ", 18),
		      "filter: '%s' rejected: %s", bad[i].text, err);
	}
	/* A small output array is an error, not an overflow. */
	check(filter_parse("permit out udp from any 1,2 to any", f, 1, err, sizeof(err)) == -1 &&
	      strstr(err, "more than 1"), "filter: expansion past max refused");
	/* A tiny error buffer is not overrun. */
	err[4] = 'X';
	check(filter_parse("deny", f, FILTER_MAX, err, 4) == -1 && err[3] == 0 && err[4] == 'X',
	      "filter: error truncated to its buffer");
}

void test_filter(void)
{
	test_fields();
	test_round_trip();
	test_attrs();
	test_errors();
}
