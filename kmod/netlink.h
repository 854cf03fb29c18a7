/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 */
#ifndef _EDGEDP_NETLINK_H
#define _EDGEDP_NETLINK_H

#include <net/genetlink.h>
#include <linux/edgedp.h>

struct edgedp_dev;

extern struct genl_family edgedp_genl_family;

enum edgedp_mcgrp_ids {
	EDGEDP_MCGRP_EVENTS_ID,
};

/* A device's attributes (replies and events) and the message size they need. */
size_t edgedp_nl_dev_size(bool stats);
int edgedp_nl_fill_dev(struct sk_buff *skb, struct edgedp_dev *edp, bool stats);

/*
 * The edgedp device named by the ifindex attribute @attr of a request, with
 * its update_lock held, or an ERR_PTR with extack set; edgedp_nl_put()
 * releases it.
 */
struct edgedp_dev *edgedp_nl_get(struct genl_info *info, int attr);
void edgedp_nl_put(struct edgedp_dev *edp);
/*
 * Fixed-size attributes written back to back into tailroom checked once, for
 * the dumps that put tens of them per session: nla_put_*() check the room,
 * call out and memcpy() each value. The bytes are nla_put_*()'s: header,
 * value, padding zeroed, a pad attribute before a u64 where the architecture
 * wants one. edgedp_nlw_room() must have said yes for the sum of
 * EDGEDP_NLW_*_SIZE of what follows (a nest's start: EDGEDP_NLW_NEST_SIZE).
 */
#define EDGEDP_NLW_NEST_SIZE	NLA_HDRLEN
#define EDGEDP_NLW_SIZE(len)	nla_total_size(len)
#define EDGEDP_NLW_U64_SIZE	(nla_total_size(0) + nla_total_size(sizeof(u64)))

static inline bool edgedp_nlw_room(const struct sk_buff *skb, unsigned int len)
{
	return skb_tailroom(skb) >= len;
}

static __always_inline void *edgedp_nlw_put(struct sk_buff *skb, int type, int len)
{
	struct nlattr *nla;

	DEBUG_NET_WARN_ON_ONCE(skb_tailroom(skb) < nla_total_size(len));
	nla = __skb_put(skb, nla_total_size(len));
	nla->nla_type = type;
	nla->nla_len = nla_attr_size(len);
	return nla_data(nla);
}

static __always_inline struct nlattr *edgedp_nlw_nest(struct sk_buff *skb, int type)
{
	struct nlattr *nla;

	DEBUG_NET_WARN_ON_ONCE(skb_tailroom(skb) < NLA_HDRLEN);
	nla = __skb_put(skb, NLA_HDRLEN);
	nla->nla_type = type | NLA_F_NESTED;
	return nla;
}

/* A u8 or u16 attribute: its value, then the padding zeroed. */
static __always_inline void edgedp_nlw_u8(struct sk_buff *skb, int type, u8 v)
{
	u8 *p = edgedp_nlw_put(skb, type, sizeof(u8));

	memset(p, 0, NLA_ALIGN(sizeof(u8)));
	*p = v;
}

static __always_inline void edgedp_nlw_u16(struct sk_buff *skb, int type, u16 v)
{
	u16 *p = edgedp_nlw_put(skb, type, sizeof(u16));

	memset(p, 0, NLA_ALIGN(sizeof(u16)));
	*p = v;
}

static __always_inline void edgedp_nlw_u32(struct sk_buff *skb, int type, u32 v)
{
	*(u32 *)edgedp_nlw_put(skb, type, sizeof(u32)) = v;
}

static __always_inline void edgedp_nlw_u64(struct sk_buff *skb, int type, u64 v, int pad)
{
	if (nla_need_padding_for_64bit(skb))
		edgedp_nlw_put(skb, pad, 0);
	memcpy(edgedp_nlw_put(skb, type, sizeof(u64)), &v, sizeof(v));
}

static __always_inline void edgedp_nlw_in6(struct sk_buff *skb, int type,
					   const struct in6_addr *a)
{
	memcpy(edgedp_nlw_put(skb, type, sizeof(*a)), a, sizeof(*a));
}

int edgedp_genl_init(void);
void edgedp_genl_uninit(void);

#endif /* _EDGEDP_NETLINK_H */
