// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Local GTP-U endpoints (N3/N9 addresses): a udp_tunnel socket each, in the
 * device's namespace, receiving through edgedp_encap_recv(); and the one
 * function that routes and sends a GTP-U datagram from an endpoint.
 */

#include <linux/hash.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <net/ip6_route.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

#include "device.h"
#include "wire.h"
#include "endpoint.h"

static bool edgedp_ep_same(const struct edgedp_ep *ep, u8 family,
			   const union edgedp_addr *a, __be16 port)
{
	if (ep->family != family || ep->port != port)
		return false;
	return family == AF_INET ? ep->addr.v4 == a->v4 :
				   ipv6_addr_equal(&ep->addr.v6, &a->v6);
}

static void edgedp_ep_free_rcu(struct rcu_head *head);

int edgedp_ep_add(struct edgedp_dev *edp, u8 family,
		  const union edgedp_addr *addr, __be16 port, u8 role, u32 flags,
		  struct netlink_ext_ack *extack)
{
	struct udp_tunnel_sock_cfg cfg = {
		.encap_type = UDP_ENCAP_GTP1U,
		.encap_rcv = edgedp_encap_recv,
	};
	struct udp_port_cfg conf = { .local_udp_port = port };
	struct net *net = dev_net(edp->dev);
	struct edgedp_ep *ep;
	int ret;

	lockdep_assert_held(&edp->update_lock);
	list_for_each_entry(ep, &edp->gtpu.endpoints, list) {
		if (edgedp_ep_same(ep, family, addr, port)) {
			NL_SET_ERR_MSG_MOD(extack, "this endpoint already exists");
			return -EEXIST;
		}
	}
	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return -ENOMEM;
	ep->edp = edp;
	ep->family = family;
	ep->addr = *addr;
	ep->port = port;
	ep->role = role;
	ep->flags = flags;
	spin_lock_init(&ep->rt_lock);

	conf.family = family;
	if (family == AF_INET) {
		conf.local_ip.s_addr = addr->v4;
	} else {
		conf.local_ip6 = addr->v6;
		conf.ipv6_v6only = 1;
	}
	ret = udp_sock_create(net, &conf, &ep->sock);
	if (ret) {
		if (ret == -EADDRINUSE)
			NL_SET_ERR_MSG_MOD(extack, "address and port already in use");
		else if (ret == -EADDRNOTAVAIL)
			NL_SET_ERR_MSG_MOD(extack, "address is not local to this namespace");
		else
			NL_SET_ERR_MSG_MOD(extack, "cannot create the UDP socket");
		kfree(ep);
		return ret;
	}
	cfg.sk_user_data = ep;
	setup_udp_tunnel_sock(net, ep->sock, &cfg);
	if (flags & EDGEDP_EPF_FASTPATH) {
		ret = edgedp_fp_add(ep);
		if (ret) {
			NL_SET_ERR_MSG_MOD(extack, "cannot register the fast path's hooks");
			udp_tunnel_sock_release(ep->sock);
			/* Its socket could deliver to it: free after the readers. */
			call_rcu(&ep->rcu, edgedp_ep_free_rcu);
			return ret;
		}
	}
	list_add_tail_rcu(&ep->list, &edp->gtpu.endpoints);
	edp->gtpu.ep_generation++;
	return 0;
}

/* After a grace period: no sender can be using the route cache. */
static void edgedp_ep_free_rcu(struct rcu_head *head)
{
	struct edgedp_ep *ep = container_of(head, struct edgedp_ep, rcu);
	struct hlist_node *tmp;
	struct edgedp_rt *rt;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ep->rt_hash); i++) {
		hlist_for_each_entry_safe(rt, tmp, &ep->rt_hash[i], node) {
			dst_cache_destroy(&rt->cache);
			kfree(rt);
		}
	}
	kfree(ep);
}

static void edgedp_ep_free(struct edgedp_dev *edp, struct edgedp_ep *ep)
{
	list_del_rcu(&ep->list);
	edp->gtpu.ep_generation++;
	if (ep->flags & EDGEDP_EPF_FASTPATH)
		edgedp_fp_del(ep);
	/*
	 * Clears sk_user_data, waits for RCU readers (the fast path's hooks
	 * among them), then releases the socket.
	 */
	udp_tunnel_sock_release(ep->sock);
	call_rcu(&ep->rcu, edgedp_ep_free_rcu);
}

int edgedp_ep_del(struct edgedp_dev *edp, u8 family,
		  const union edgedp_addr *addr, __be16 port,
		  struct netlink_ext_ack *extack)
{
	struct edgedp_ep *ep;

	lockdep_assert_held(&edp->update_lock);
	list_for_each_entry(ep, &edp->gtpu.endpoints, list) {
		if (edgedp_ep_same(ep, family, addr, port)) {
			edgedp_ep_free(edp, ep);
			return 0;
		}
	}
	NL_SET_ERR_MSG_MOD(extack, "no such endpoint");
	return -ENOENT;
}

void edgedp_ep_flush(struct edgedp_dev *edp)
{
	struct edgedp_ep *ep, *tmp;

	lockdep_assert_held(&edp->update_lock);
	list_for_each_entry_safe(ep, tmp, &edp->gtpu.endpoints, list)
		edgedp_ep_free(edp, ep);
}

/*
 * The endpoint to send from toward a peer of @family on interface @iface
 * (access: an N3 endpoint, core: an N9 one; ANY endpoints serve both).
 * RCU held.
 */
struct edgedp_ep *edgedp_ep_pick(struct edgedp_dev *edp, u8 family, u8 iface)
{
	u8 want = iface == EDGEDP_IFACE_ACCESS ? EDGEDP_EP_N3 : EDGEDP_EP_N9;
	struct edgedp_ep *ep, *any = NULL;

	list_for_each_entry_rcu(ep, &edp->gtpu.endpoints, list) {
		if (ep->family != family)
			continue;
		if (ep->role == want)
			return ep;
		if (!any)
			any = ep;
	}
	return any;
}

static bool edgedp_rt_same(const struct edgedp_rt *rt, u8 family,
			   const union edgedp_addr *peer, u8 tos)
{
	if (rt->tos != tos)
		return false;
	return family == AF_INET ? rt->peer.v4 == peer->v4 :
				   ipv6_addr_equal(&rt->peer.v6, &peer->v6);
}

/*
 * The route cache of (@peer, @tos) from @ep, created on first use; NULL when
 * the endpoint caches EDGEDP_RT_MAX routes already or memory is short (the
 * caller then looks the route up every time). A route depends on the
 * destination, the source (the endpoint's address) and the TOS, not on the
 * session or FAR that asks for it, so FAR changes need no invalidation;
 * route changes invalidate the cached dst itself (dst_check()). Like
 * vxlan's cache it ignores the UDP ports, which matter only to policy rules
 * matching on them. Softirq or BH disabled, RCU held.
 */
static struct dst_cache *edgedp_rt_cache(struct edgedp_ep *ep,
					 const union edgedp_addr *peer, u8 tos)
{
	struct edgedp_rt *rt, *old;
	struct hlist_head *head;
	u32 hash;

	hash = ep->family == AF_INET ? jhash_1word((__force u32)peer->v4, tos) :
				       jhash2((const u32 *)peer->v6.s6_addr32, 4, tos);
	head = &ep->rt_hash[hash_32(hash, EDGEDP_RT_HASH_BITS)];
	hlist_for_each_entry_rcu(rt, head, node) {
		if (edgedp_rt_same(rt, ep->family, peer, tos))
			return &rt->cache;
	}
	if (READ_ONCE(ep->rt_count) >= EDGEDP_RT_MAX)
		return NULL;
	rt = kzalloc(sizeof(*rt), GFP_ATOMIC);
	if (!rt)
		return NULL;
	if (dst_cache_init(&rt->cache, GFP_ATOMIC)) {
		kfree(rt);
		return NULL;
	}
	rt->peer = *peer;
	rt->tos = tos;
	spin_lock(&ep->rt_lock);
	/* Another CPU may have added it meanwhile. */
	hlist_for_each_entry(old, head, node) {
		if (edgedp_rt_same(old, ep->family, peer, tos))
			break;
	}
	if (!old && ep->rt_count < EDGEDP_RT_MAX) {
		hlist_add_head_rcu(&rt->node, head);
		WRITE_ONCE(ep->rt_count, ep->rt_count + 1);
		spin_unlock(&ep->rt_lock);
		return &rt->cache;
	}
	spin_unlock(&ep->rt_lock);
	dst_cache_destroy(&rt->cache);
	kfree(rt);
	return old ? &old->cache : NULL;
}

/*
 * Send skb (data at the UDP payload) from @ep to @dst:@dport. Returns 0 or
 * an enum edgedp_drop_reason; the skb is consumed either way.
 */
int edgedp_udp_xmit(struct edgedp_ep *ep, struct sk_buff *skb, u8 family,
		    const union edgedp_addr *dst, __be16 sport, __be16 dport,
		    u8 tos, bool cache)
{
	struct net_device *dev = ep->edp->dev;
	struct dst_cache *dc = cache ? edgedp_rt_cache(ep, dst, tos) : NULL;
	struct sock *sk = ep->sock->sk;
	struct net *net = dev_net(dev);

	if (family == AF_INET) {
		struct flowi4 fl4 = {
			.daddr = dst->v4,
			.saddr = ep->addr.v4,
			.flowi4_proto = IPPROTO_UDP,
			.flowi4_tos = RT_TOS(tos),
			.fl4_sport = sport,
			.fl4_dport = dport,
		};
		struct rtable *rt = dc ? dst_cache_get_ip4(dc, &fl4.saddr) : NULL;

		if (!rt) {
			rt = ip_route_output_key(net, &fl4);
			if (IS_ERR(rt))
				goto no_route;
			if (dc)
				dst_cache_set_ip4(dc, &rt->dst, fl4.saddr);
		}
		if (rt->dst.dev == dev) {
			ip_rt_put(rt);
			goto loop;
		}
		if (edgedp_skb_room(skb, LL_RESERVED_SPACE(rt->dst.dev) + rt->dst.header_len +
				    sizeof(struct iphdr) + sizeof(struct udphdr))) {
			ip_rt_put(rt);
			goto nomem;
		}
		skb_dst_drop(skb);
		skb->dev = dev;	/* iptunnel_xmit() counts in its tstats */
		udp_tunnel_xmit_skb(rt, sk, skb, fl4.saddr, fl4.daddr, tos,
				    ip4_dst_hoplimit(&rt->dst), 0, sport, dport,
				    false, false);
		return 0;
	}
#if IS_ENABLED(CONFIG_IPV6)
	{
		struct flowi6 fl6 = {
			.daddr = dst->v6,
			.saddr = ep->addr.v6,
			.flowi6_proto = IPPROTO_UDP,
			.flowlabel = ip6_make_flowinfo(tos, 0),
			.fl6_sport = sport,
			.fl6_dport = dport,
		};
		struct dst_entry *ndst;

		ndst = dc ? dst_cache_get_ip6(dc, &fl6.saddr) : NULL;
		if (!ndst) {
			ndst = ipv6_stub->ipv6_dst_lookup_flow(net, sk, &fl6, NULL);
			if (IS_ERR(ndst))
				goto no_route;
			if (dc)
				dst_cache_set_ip6(dc, ndst, &fl6.saddr);
		}
		if (ndst->dev == dev) {
			dst_release(ndst);
			goto loop;
		}
		if (edgedp_skb_room(skb, LL_RESERVED_SPACE(ndst->dev) + ndst->header_len +
				    sizeof(struct ipv6hdr) + sizeof(struct udphdr))) {
			dst_release(ndst);
			goto nomem;
		}
		skb_dst_drop(skb);
		skb->dev = dev;
		udp_tunnel6_xmit_skb(ndst, sk, skb, dev, &fl6.saddr, &fl6.daddr,
				     tos, ip6_dst_hoplimit(ndst), 0, sport, dport,
				     false);
		return 0;
	}
#endif
no_route:
	kfree_skb(skb);
	return EDGEDP_DROP_NO_ROUTE;
loop:
	kfree_skb(skb);
	return EDGEDP_DROP_LOOP;
nomem:
	kfree_skb(skb);
	return EDGEDP_DROP_NOMEM;
}
