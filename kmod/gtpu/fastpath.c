// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * GTP-U receive fast path (endpoints with EDGEDP_EPF_FASTPATH): a netfilter
 * hook at the end of PRE_ROUTING takes G-PDUs addressed to such an endpoint
 * before the stack routes them, checks their UDP header and checksum as the
 * UDP layer would, and hands them to the same receive code as the socket.
 * What that skips, per G-PDU: the input route lookup of the outer packet,
 * local delivery, the UDP socket lookup and queueing (profiled, about 1,000
 * guest instructions, docs/benchmarks.md).
 *
 * Left to the socket: every message but a G-PDU (Echo, Error Indication,
 * End Marker), fragments, IPv4 options and IPv6 extension headers, UDP
 * lengths the UDP layer would reject, any packet of a namespace using IPsec
 * (a secpath or an inbound policy), IPv4 packets arriving on a device with
 * reverse path filtering on (rp_filter: the input route lookup is where it
 * is done), and every packet of a family while anything is hooked into its
 * INPUT (LOCAL_IN: a filter chain, conntrack's confirmation): the fast path
 * never skips a policy check or a rule. The socket keeps the port either
 * way.
 *
 * The hooks are registered in a namespace while it has a fast-path endpoint.
 * Writers: edgedp_fp_lock (after the device's update_lock); the hooks read
 * the namespace's list under RCU, and an endpoint leaves the list before
 * its socket is released (whose synchronize_rcu() then covers the hooks).
 */

#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/udp.h>
#include <net/ip6_checksum.h>
#include <net/udp.h>
#include <net/xfrm.h>

#include "device.h"
#include "wire.h"
#include "endpoint.h"

static DEFINE_MUTEX(edgedp_fp_lock);

/* The fast-path endpoint of @family, @daddr, @port in @net, RCU. */
static struct edgedp_ep *edgedp_fp_find(const struct net *net, u8 family,
					const void *daddr, __be16 port)
{
	struct edgedp_net *pn = edgedp_pernet(net);
	struct edgedp_ep *ep;

	list_for_each_entry_rcu(ep, &pn->fp_eps, fp_list) {
		if (ep->port != port || ep->family != family)
			continue;
		if (family == AF_INET ? ep->addr.v4 == *(const __be32 *)daddr :
		    ipv6_addr_equal(&ep->addr.v6, daddr))
			return ep;
	}
	return NULL;
}

/*
 * Anything hooked into the family's INPUT in @net: the socket path, so that
 * every rule there sees every G-PDU. The hook list is NULL when empty.
 */
static bool edgedp_fp_input_hooked(const struct net *net, u8 family)
{
	return family == AF_INET ?
	       rcu_access_pointer(net->nf.hooks_ipv4[NF_INET_LOCAL_IN]) :
	       rcu_access_pointer(net->nf.hooks_ipv6[NF_INET_LOCAL_IN]);
}

/*
 * A packet an edgedp device delivers (a decapsulated G-PDU, in the same
 * namespace): never a G-PDU for the fast path (a tunnel in a tunnel goes to
 * the socket), so it does not pay for the endpoint lookup.
 */
static bool edgedp_fp_inner(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &edgedp_link_ops;
}

/*
 * Reverse path filtering on for the IPv4 input device @dev (strict or loose,
 * its own setting or "all"): the socket path, whose input route lookup
 * validates the source and counts IPReversePathFilter.
 */
static bool edgedp_fp_rp_filter(const struct net_device *dev)
{
	struct in_device *in_dev = __in_dev_get_rcu(dev);

	return !in_dev || IN_DEV_RPFILTER(in_dev);
}

/* IPsec in use: the socket path does the policy checks. */
static bool edgedp_fp_xfrm(const struct net *net, const struct sk_buff *skb,
			   const struct sock *sk)
{
#ifdef CONFIG_XFRM
	return secpath_exists(skb) || READ_ONCE(net->xfrm.policy_count[XFRM_POLICY_IN]) ||
	       rcu_access_pointer(sk->sk_policy[0]);
#else
	return false;
#endif
}

/*
 * skb->data at the network header, @thoff bytes before the UDP header.
 * Returns the endpoint whose G-PDU this is (its UDP length checked), or
 * NULL to leave the packet to the stack. Pulls the UDP header and the
 * GTP-U type. Inline in each hook: no local escapes, no stack canary.
 */
static __always_inline struct edgedp_ep *
edgedp_fp_match(struct net *net, struct sk_buff *skb, u8 family,
		unsigned int thoff)
{
	const struct udphdr *uh;
	struct edgedp_ep *ep;
	unsigned int ulen;

	/* The GTP-U flags and message type. */
	if (!pskb_may_pull(skb, thoff + sizeof(*uh) + 2))
		return NULL;
	uh = (const struct udphdr *)(skb->data + thoff);
	/* The headers as they are after the pull. */
	ep = edgedp_fp_find(net, family,
			    family == AF_INET ?
			    (const void *)&((const struct iphdr *)skb->data)->daddr :
			    (const void *)&((const struct ipv6hdr *)skb->data)->daddr,
			    uh->dest);
	if (!ep || skb->data[thoff + sizeof(*uh) + 1] != EDGEDP_GTPU_GPDU)
		return NULL;
	ulen = ntohs(uh->len);
	if (ulen < sizeof(*uh) + EDGEDP_GTPU_HLEN || ulen > skb->len - thoff)
		return NULL;
	if (edgedp_fp_input_hooked(net, family) || edgedp_fp_xfrm(net, skb, ep->sock->sk))
		return NULL;
	return ep;
}

/*
 * The UDP layer's part: the datagram's length and checksum (a zero UDP
 * checksum is accepted, as the endpoint's socket accepts it), then the
 * receive path. Consumes the skb.
 */
static unsigned int edgedp_fp_rx(struct net *net, struct edgedp_ep *ep,
				 struct sk_buff *skb, unsigned int thoff, bool v4)
{
	const void *nh = skb->data;
	__sum16 check;

	/*
	 * The IP header, linear (pulled by the match), leaves a
	 * CHECKSUM_COMPLETE sum, which covered it too.
	 */
	__skb_pull(skb, thoff);
	skb_postpull_rcsum(skb, nh, thoff);
	skb_reset_transport_header(skb);
	/* The length the match checked. */
	if (pskb_trim_rcsum(skb, ntohs(udp_hdr(skb)->len)))
		goto drop;
	check = udp_hdr(skb)->check;
	if (v4 ? skb_checksum_init_zero_check(skb, IPPROTO_UDP, check,
					      inet_compute_pseudo) :
		 skb_checksum_init_zero_check(skb, IPPROTO_UDP, check,
					      ip6_compute_pseudo))
		goto csum_error;
	/* UDP proper, not UDP-Lite: the whole datagram is covered. */
	if (skb_checksum_complete(skb))
		goto csum_error;
	nf_reset_ct(skb);
	edgedp_rx(ep, ep->sock->sk, skb);
	return NF_STOLEN;

csum_error:
	if (v4)
		__UDP_INC_STATS(net, UDP_MIB_CSUMERRORS, 0);
	else
		__UDP6_INC_STATS(net, UDP_MIB_CSUMERRORS, 0);
drop:
	if (v4)
		__UDP_INC_STATS(net, UDP_MIB_INERRORS, 0);
	else
		__UDP6_INC_STATS(net, UDP_MIB_INERRORS, 0);
	kfree_skb(skb);
	return NF_STOLEN;
}

static unsigned int edgedp_fp_hook4(void *priv, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct edgedp_ep *ep;

	if (iph->protocol != IPPROTO_UDP || iph->ihl != 5 || ip_is_fragment(iph) ||
	    skb->pkt_type != PACKET_HOST || edgedp_fp_inner(state->in))
		return NF_ACCEPT;
	ep = edgedp_fp_match(state->net, skb, AF_INET, sizeof(*iph));
	if (!ep || edgedp_fp_rp_filter(state->in))
		return NF_ACCEPT;
	return edgedp_fp_rx(state->net, ep, skb, sizeof(struct iphdr), true);
}

static unsigned int edgedp_fp_hook6(void *priv, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct edgedp_ep *ep;

	if (ip6h->nexthdr != IPPROTO_UDP || skb->pkt_type != PACKET_HOST ||
	    edgedp_fp_inner(state->in))
		return NF_ACCEPT;
	ep = edgedp_fp_match(state->net, skb, AF_INET6, sizeof(*ip6h));
	if (!ep)
		return NF_ACCEPT;
	return edgedp_fp_rx(state->net, ep, skb, sizeof(struct ipv6hdr), false);
}

/* Last in PRE_ROUTING: after raw, conntrack, mangle and destination NAT. */
static const struct nf_hook_ops edgedp_fp_ops[] = {
	{
		.hook		= edgedp_fp_hook4,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= NF_IP_PRI_LAST,
	},
	{
		.hook		= edgedp_fp_hook6,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= NF_IP6_PRI_LAST,
	},
};

/* @ep (socket set up, not yet published) takes the fast path. */
int edgedp_fp_add(struct edgedp_ep *ep)
{
	struct net *net = sock_net(ep->sock->sk);
	struct edgedp_net *pn = edgedp_pernet(net);
	int ret = 0;

	mutex_lock(&edgedp_fp_lock);
	if (!pn->fp_count) {
		ret = nf_register_net_hooks(net, edgedp_fp_ops, ARRAY_SIZE(edgedp_fp_ops));
		if (ret)
			goto out;
	}
	pn->fp_count++;
	list_add_tail_rcu(&ep->fp_list, &pn->fp_eps);
out:
	mutex_unlock(&edgedp_fp_lock);
	return ret;
}

/* Before @ep's socket is released. */
void edgedp_fp_del(struct edgedp_ep *ep)
{
	struct net *net = sock_net(ep->sock->sk);
	struct edgedp_net *pn = edgedp_pernet(net);

	mutex_lock(&edgedp_fp_lock);
	list_del_rcu(&ep->fp_list);
	if (!--pn->fp_count)
		nf_unregister_net_hooks(net, edgedp_fp_ops, ARRAY_SIZE(edgedp_fp_ops));
	mutex_unlock(&edgedp_fp_lock);
}
