// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * SDF filters of a PDR over netlink: EDGEDP_A_PDR_SDF nests, each one PFCP
 * Flow Description in downlink form (uapi/linux/edgedp.h explains the
 * direction rule). Parsing checks every field and names it in the extack;
 * the classifier (classifier.c) compiles what passes.
 */

#include <net/genetlink.h>

#include "compat/compat.h"
#include "netlink.h"
#include "gtpu.h"
#include "session.h"

/* Not const: 6.1's nla_policy points to a mutable range. */
static struct netlink_range_validation edgedp_flow_label_range = {
	.min = 0,
	.max = 0xfffff,		/* 20 bits */
};

const struct nla_policy edgedp_sdf_policy[EDGEDP_A_SDF_MAX + 1] = {
	[EDGEDP_A_SDF_ID]		= { .type = NLA_U32 },
	[EDGEDP_A_SDF_SRC4]		= { .type = NLA_BE32 },
	[EDGEDP_A_SDF_SRC6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[EDGEDP_A_SDF_SRC_PLEN]		= NLA_POLICY_MAX(NLA_U8, 128),
	[EDGEDP_A_SDF_DST4]		= { .type = NLA_BE32 },
	[EDGEDP_A_SDF_DST6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[EDGEDP_A_SDF_DST_PLEN]		= NLA_POLICY_MAX(NLA_U8, 128),
	[EDGEDP_A_SDF_PROTO]		= { .type = NLA_U8 },
	[EDGEDP_A_SDF_SRC_PORT_MIN]	= { .type = NLA_U16 },
	[EDGEDP_A_SDF_SRC_PORT_MAX]	= { .type = NLA_U16 },
	[EDGEDP_A_SDF_DST_PORT_MIN]	= { .type = NLA_U16 },
	[EDGEDP_A_SDF_DST_PORT_MAX]	= { .type = NLA_U16 },
	[EDGEDP_A_SDF_TOS]		= { .type = NLA_U8 },
	[EDGEDP_A_SDF_TOS_MASK]		= { .type = NLA_U8 },
	[EDGEDP_A_SDF_SPI]		= { .type = NLA_U32 },
	[EDGEDP_A_SDF_FLOW_LABEL]	= NLA_POLICY_FULL_RANGE(NLA_U32,
								&edgedp_flow_label_range),
	[EDGEDP_A_SDF_STATS]		= { .type = NLA_REJECT,
					    .reject_message = "statistics are read-only" },
};

/* One side (SRC or DST) of a filter: address, prefix length. */
static int edgedp_sdf_side(struct nlattr **tb, int a4, int a6, int aplen,
			   struct edgedp_sdf *s, u8 *addr, u8 *plen, u16 flag,
			   struct netlink_ext_ack *extack)
{
	u8 family, max;

	if (tb[a4] && tb[a6]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[a6],
				    "SDF filter: give one IPv4 or one IPv6 address per side");
		return -EINVAL;
	}
	if (!tb[a4] && !tb[a6]) {
		if (tb[aplen]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[aplen],
					    "SDF filter: a prefix length needs its address");
			return -EINVAL;
		}
		return 0;
	}
	family = tb[a4] ? 4 : 6;
	if (s->family && s->family != family) {
		NL_SET_ERR_MSG_ATTR(extack, tb[a4] ?: tb[a6],
				    "SDF filter: source and destination families differ");
		return -EINVAL;
	}
	s->family = family;
	max = family == 4 ? 32 : 128;
	if (tb[a4])
		memcpy(addr, nla_data(tb[a4]), 4);
	else
		memcpy(addr, nla_data(tb[a6]), 16);
	*plen = tb[aplen] ? nla_get_u8(tb[aplen]) : max;
	if (*plen > max) {
		NL_SET_ERR_MSG_ATTR(extack, tb[aplen],
				    "SDF filter: prefix length longer than an IPv4 address");
		return -EINVAL;
	}
	s->flags |= flag;
	return 0;
}

static int edgedp_sdf_ports(struct nlattr **tb, int amin, int amax, u16 *min,
			    u16 *max, struct edgedp_sdf *s, u16 flag,
			    struct netlink_ext_ack *extack)
{
	if (!tb[amin] && !tb[amax])
		return 0;
	if (!tb[amin]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[amax],
				    "SDF filter: a port range maximum needs its minimum");
		return -EINVAL;
	}
	*min = nla_get_u16(tb[amin]);
	*max = tb[amax] ? nla_get_u16(tb[amax]) : *min;
	if (*min > *max) {
		NL_SET_ERR_MSG_ATTR(extack, tb[amax],
				    "SDF filter: port range minimum above its maximum");
		return -EINVAL;
	}
	if (!(s->flags & EDGEDP_SDF_F_PROTO) ||
	    (s->proto != IPPROTO_TCP && s->proto != IPPROTO_UDP &&
	     s->proto != IPPROTO_SCTP)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[amin],
				    "SDF filter: ports need proto tcp, udp or sctp");
		return -EINVAL;
	}
	s->flags |= flag;
	return 0;
}

static int edgedp_nl_parse_sdf(struct nlattr *nest, struct edgedp_sdf *s,
			       u32 *id, bool *has_id,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[EDGEDP_A_SDF_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, EDGEDP_A_SDF_MAX, nest, edgedp_sdf_policy, extack);
	if (ret)
		return ret;
	memset(s, 0, sizeof(*s));
	*has_id = !!tb[EDGEDP_A_SDF_ID];
	*id = *has_id ? nla_get_u32(tb[EDGEDP_A_SDF_ID]) : 0;
	if (tb[EDGEDP_A_SDF_PROTO]) {
		s->flags |= EDGEDP_SDF_F_PROTO;
		s->proto = nla_get_u8(tb[EDGEDP_A_SDF_PROTO]);
	}
	ret = edgedp_sdf_side(tb, EDGEDP_A_SDF_SRC4, EDGEDP_A_SDF_SRC6,
			      EDGEDP_A_SDF_SRC_PLEN, s, s->src, &s->src_plen,
			      EDGEDP_SDF_F_SRC, extack) ?:
	      edgedp_sdf_side(tb, EDGEDP_A_SDF_DST4, EDGEDP_A_SDF_DST6,
			      EDGEDP_A_SDF_DST_PLEN, s, s->dst, &s->dst_plen,
			      EDGEDP_SDF_F_DST, extack) ?:
	      edgedp_sdf_ports(tb, EDGEDP_A_SDF_SRC_PORT_MIN, EDGEDP_A_SDF_SRC_PORT_MAX,
			       &s->sport_min, &s->sport_max, s, EDGEDP_SDF_F_SPORT,
			       extack) ?:
	      edgedp_sdf_ports(tb, EDGEDP_A_SDF_DST_PORT_MIN, EDGEDP_A_SDF_DST_PORT_MAX,
			       &s->dport_min, &s->dport_max, s, EDGEDP_SDF_F_DPORT,
			       extack);
	if (ret)
		return ret;
	if (tb[EDGEDP_A_SDF_TOS_MASK] && !tb[EDGEDP_A_SDF_TOS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[EDGEDP_A_SDF_TOS_MASK],
				    "SDF filter: a TOS mask needs its TOS value");
		return -EINVAL;
	}
	if (tb[EDGEDP_A_SDF_TOS]) {
		s->flags |= EDGEDP_SDF_F_TOS;
		s->tos = nla_get_u8(tb[EDGEDP_A_SDF_TOS]);
		s->tos_mask = tb[EDGEDP_A_SDF_TOS_MASK] ?
			      nla_get_u8(tb[EDGEDP_A_SDF_TOS_MASK]) : 0xff;
	}
	if (tb[EDGEDP_A_SDF_SPI]) {
		if ((s->flags & EDGEDP_SDF_F_PROTO) && s->proto != IPPROTO_ESP &&
		    s->proto != IPPROTO_AH) {
			NL_SET_ERR_MSG_ATTR(extack, tb[EDGEDP_A_SDF_SPI],
					    "SDF filter: an SPI needs proto esp or ah");
			return -EINVAL;
		}
		s->flags |= EDGEDP_SDF_F_SPI;
		s->spi = nla_get_u32(tb[EDGEDP_A_SDF_SPI]);
	}
	if (tb[EDGEDP_A_SDF_FLOW_LABEL]) {
		if (s->family == 4) {
			NL_SET_ERR_MSG_ATTR(extack, tb[EDGEDP_A_SDF_FLOW_LABEL],
					    "SDF filter: a flow label needs IPv6 addresses");
			return -EINVAL;
		}
		s->flags |= EDGEDP_SDF_F_FLOW_LABEL;
		s->flow_label = nla_get_u32(tb[EDGEDP_A_SDF_FLOW_LABEL]);
	}
	return 0;
}

/*
 * The SDF filters of the PDR nest @pdr, into a new set in *@out (NULL when
 * it has none); the caller frees it with edgedp_sdf_set_free().
 */
int edgedp_nl_parse_sdfs(struct nlattr *pdr, struct edgedp_sdf_set **out,
			 struct netlink_ext_ack *extack)
{
	struct edgedp_sdf_set *set;
	struct nlattr *a;
	unsigned int n = 0;
	int rem, ret;

	*out = NULL;
	nla_for_each_nested(a, pdr, rem)
		if (nla_type(a) == EDGEDP_A_PDR_SDF)
			n++;
	if (!n)
		return 0;
	if (n > EDGEDP_MAX_SDF) {
		edgedp_err_fmt(extack, "too many SDF filters in a PDR",
			       "at most %u SDF filters in a PDR", EDGEDP_MAX_SDF);
		return -E2BIG;
	}
	set = kzalloc(struct_size(set, sdf, n), GFP_KERNEL);
	if (!set)
		return -ENOMEM;
	nla_for_each_nested(a, pdr, rem) {
		bool has_id;

		if (nla_type(a) != EDGEDP_A_PDR_SDF)
			continue;
		ret = edgedp_nl_parse_sdf(a, &set->sdf[set->n], &set->id[set->n],
					  &has_id, extack);
		if (ret) {
			kfree(set);
			return ret;
		}
		if (has_id)
			set->has_id |= BIT(set->n);
		set->n++;
	}
	*out = set;
	return 0;
}

static int edgedp_put_sdf_addr(struct sk_buff *skb, int a4, int a6, int aplen,
			       u8 family, const u8 *addr, u8 plen)
{
	if (family == 4)
		return nla_put(skb, a4, 4, addr) || nla_put_u8(skb, aplen, plen);
	return nla_put(skb, a6, 16, addr) || nla_put_u8(skb, aplen, plen);
}

static int edgedp_fill_sdf(struct sk_buff *skb, const struct edgedp_sdf_set *set,
			   unsigned int i)
{
	const struct edgedp_sdf *s = &set->sdf[i];
	struct nlattr *nest;

	nest = nla_nest_start(skb, EDGEDP_A_PDR_SDF);
	if (!nest)
		return -EMSGSIZE;
	if ((set->has_id & BIT(i)) && nla_put_u32(skb, EDGEDP_A_SDF_ID, set->id[i]))
		goto cancel;
	if ((s->flags & EDGEDP_SDF_F_SRC) &&
	    edgedp_put_sdf_addr(skb, EDGEDP_A_SDF_SRC4, EDGEDP_A_SDF_SRC6,
				EDGEDP_A_SDF_SRC_PLEN, s->family, s->src, s->src_plen))
		goto cancel;
	if ((s->flags & EDGEDP_SDF_F_DST) &&
	    edgedp_put_sdf_addr(skb, EDGEDP_A_SDF_DST4, EDGEDP_A_SDF_DST6,
				EDGEDP_A_SDF_DST_PLEN, s->family, s->dst, s->dst_plen))
		goto cancel;
	if ((s->flags & EDGEDP_SDF_F_PROTO) &&
	    nla_put_u8(skb, EDGEDP_A_SDF_PROTO, s->proto))
		goto cancel;
	if ((s->flags & EDGEDP_SDF_F_SPORT) &&
	    (nla_put_u16(skb, EDGEDP_A_SDF_SRC_PORT_MIN, s->sport_min) ||
	     nla_put_u16(skb, EDGEDP_A_SDF_SRC_PORT_MAX, s->sport_max)))
		goto cancel;
	if ((s->flags & EDGEDP_SDF_F_DPORT) &&
	    (nla_put_u16(skb, EDGEDP_A_SDF_DST_PORT_MIN, s->dport_min) ||
	     nla_put_u16(skb, EDGEDP_A_SDF_DST_PORT_MAX, s->dport_max)))
		goto cancel;
	if ((s->flags & EDGEDP_SDF_F_TOS) &&
	    (nla_put_u8(skb, EDGEDP_A_SDF_TOS, s->tos) ||
	     nla_put_u8(skb, EDGEDP_A_SDF_TOS_MASK, s->tos_mask)))
		goto cancel;
	if ((s->flags & EDGEDP_SDF_F_SPI) && nla_put_u32(skb, EDGEDP_A_SDF_SPI, s->spi))
		goto cancel;
	if ((s->flags & EDGEDP_SDF_F_FLOW_LABEL) &&
	    nla_put_u32(skb, EDGEDP_A_SDF_FLOW_LABEL, s->flow_label))
		goto cancel;
	if (edgedp_nl_put_rstats(skb, EDGEDP_A_SDF_STATS, set->stats + i))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Every SDF filter of a set into the PDR nest being filled. */
int edgedp_nl_fill_sdfs(struct sk_buff *skb, const struct edgedp_sdf_set *set)
{
	unsigned int i;

	for (i = 0; set && i < set->n; i++)
		if (edgedp_fill_sdf(skb, set, i))
			return -EMSGSIZE;
	return 0;
}
