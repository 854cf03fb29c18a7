// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * GTP-U send: packets the namespace routes into an edgedp device (downlink
 * toward UEs) are matched to a session by UE address, then to a PDR, and
 * encapsulated per its FAR; relayed G-PDUs from receive.c leave through
 * the same edgedp_encap_xmit().
 */

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/udp.h>
#include <net/dsfield.h>
#include <net/ipv6.h>
#include <net/udp_tunnel.h>

#include "device.h"
#include "wire.h"
#include "endpoint.h"
#include "gtpu.h"

static u8 edgedp_inner_dsfield(const struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IP))
		return ipv4_get_dsfield(ip_hdr(skb));
	if (skb->protocol == htons(ETH_P_IPV6))
		return ipv6_get_dsfield(ipv6_hdr(skb));
	return 0;
}

/*
 * The outer UDP source port: a hash of the inner flow, so receivers' RSS can
 * spread flows, in the ephemeral port range as udp_flow_src_port() maps it.
 * Any port is allowed (TS 29.281 4.4.2.0); one flow keeps one port. As in
 * udp_flow_src_port(), the skb's own hash when it has one (a NIC's RSS, the
 * sending socket's); else, instead of the flow dissector, a hash of the
 * inner header at hand: addresses, protocol and, unless it is a fragment,
 * the ports.
 */
static __be16 edgedp_flow_sport(struct net *net, struct sk_buff *skb, u32 teid)
{
	unsigned int thoff = 0;
	u32 hash, ports = 0;
	int low, high;
	u8 proto = 0;

	if (skb->l4_hash || skb->sw_hash) {
		hash = skb->hash;
		goto map;
	}
	if (!skb->len) {
		hash = teid;	/* an End Marker: no inner packet */
	} else if (skb->protocol == htons(ETH_P_IP)) {
		const struct iphdr *iph = ip_hdr(skb);

		proto = iph->protocol;
		if (!ip_is_fragment(iph))
			thoff = iph->ihl * 4;
		hash = (__force u32)iph->saddr ^ (__force u32)iph->daddr;
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		proto = ip6h->nexthdr;
		thoff = sizeof(*ip6h);
		hash = ipv6_addr_hash(&ip6h->saddr) ^ ipv6_addr_hash(&ip6h->daddr);
	}
	if (thoff && (proto == IPPROTO_UDP || proto == IPPROTO_TCP ||
		      proto == IPPROTO_SCTP || proto == IPPROTO_UDPLITE)) {
		const __be32 *p;
		__be32 buf;

		p = skb_header_pointer(skb, skb_network_offset(skb) + thoff,
				       sizeof(buf), &buf);
		if (p)
			ports = (__force u32)*p;
	}
	hash = jhash_3words(hash, ports, proto, 0);
map:
	/* As udp_flow_src_port(): only the upper 16 bits count. */
	hash ^= hash << 16;
	inet_get_local_port_range(net, &low, &high);
	return htons((((u64)hash * (high - low)) >> 32) + low);
}

/*
 * Make @room bytes of headroom in front of skb->data. A linear packet that
 * owns its buffer and has the tailroom moves toward the end of it: a copy
 * of the packet, no allocation. Routed packets usually can: their buffers
 * were sized by kmalloc's rounding, not to the byte, while a reallocation
 * (skb_cow_head()) copies the packet too, and allocates and, with
 * init_on_alloc (Debian's default), clears a buffer of at least twice its
 * size. 0 or -ENOMEM.
 */
int edgedp_skb_room(struct sk_buff *skb, unsigned int room)
{
	unsigned int head = skb_headroom(skb), delta;

	if (head >= room)
		return 0;
	/* Whole 16-octet steps keep the headers' alignment. */
	delta = ALIGN(room - head, 16);
	/* skb_tailroom() is 0 for a nonlinear skb. */
	if (!skb_cloned(skb) && skb_tailroom(skb) >= delta) {
		memmove(skb->data + delta, skb->data, skb_headlen(skb));
		skb->data += delta;
		skb->tail += delta;
		skb_headers_offset_update(skb, delta);
		return 0;
	}
	return skb_cow_head(skb, room);
}

/*
 * Encapsulate skb (data at the inner packet, or empty for an End Marker) as
 * a GTP-U message of @msg_type toward the FAR's peer and send it. @qfi_in is
 * the QFI the packet arrived with (relay), or -1. Consumes the skb.
 */
void edgedp_encap_xmit(struct edgedp_dev *edp, struct sk_buff *skb,
		       const struct edgedp_far *far, u8 msg_type, u8 pdu_type,
		       int qfi_in)
{
	u8 family = far->flags & EDGEDP_FARF_OHC6 ? AF_INET6 : AF_INET;
	struct edgedp_gtpu_build_opts o = { .pdu_type = pdu_type };
	struct net_device *dev = edp->dev;
	unsigned int len = skb->len;
	struct edgedp_ep *ep;
	size_t hlen;
	__be16 sport;
	int reason;
	u8 tos;

	ep = edgedp_ep_pick(edp, family, far->dst_iface);
	if (!ep) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_NO_ENDPOINT);
		return;
	}
	if (far->flags & EDGEDP_FARF_PSC) {
		o.has_psc = true;
		o.qfi = far->qfi;
	} else if (qfi_in >= 0) {
		o.has_psc = true;
		o.qfi = qfi_in;
	}
	hlen = edgedp_gtpu_hdr_len(&o);
	if (len > U16_MAX - hlen) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_MALFORMED);
		return;
	}
	tos = far->flags & EDGEDP_FARF_DSCP ? far->dscp << 2 :
			len ? edgedp_inner_dsfield(skb) : 0;
	/* A hash of the inner flow, so receivers' RSS can spread flows. */
	sport = edgedp_flow_sport(dev_net(dev), skb, far->teid);
	/*
	 * Room for the GTP-U header, the outer IP and UDP headers and a lower
	 * device's link header (Ethernet, or Ethernet and a VLAN tag:
	 * EDGEDP_LL_ROOM); the route's device may ask for more, then
	 * edgedp_udp_xmit() makes it. The edgedp device asks the stack for no
	 * headroom (device.c): it is made here, at most once.
	 */
	if (edgedp_skb_room(skb, hlen + EDGEDP_LL_ROOM +
			    (family == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr)) +
			    sizeof(struct udphdr))) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_NOMEM);
		return;
	}
	edgedp_gtpu_build(skb_push(skb, hlen), hlen, msg_type, far->teid, len, &o);
	reason = edgedp_udp_xmit(ep, skb, family, &far->peer, sport, far->port, tos,
				 true);
	if (reason)
		edgedp_dev_drop(edp, NULL, reason);
	else
		edgedp_dev_count(edp, false, len);
}

/* ndo_start_xmit: downlink from the namespace toward a UE. */
netdev_tx_t edgedp_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct edgedp_dev *edp = netdev_priv(dev);
	struct edgedp_pkt pkt = {
		.iface_mask = BIT(EDGEDP_IFACE_CORE) | BIT(EDGEDP_IFACE_DN),
	};
	const struct edgedp_rules *rules;
	const struct edgedp_pdr *pdr;
	struct edgedp_session *sess;
	int reason;

	rcu_read_lock();
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (!pskb_may_pull(skb, sizeof(struct iphdr))) {
			reason = EDGEDP_DROP_MALFORMED;
			goto drop;
		}
		pkt.ue_family = AF_INET;
		pkt.ue.v4 = ip_hdr(skb)->daddr;
		sess = edgedp_lookup_ue4(edp, pkt.ue.v4);
		break;
	case htons(ETH_P_IPV6):
		if (!pskb_may_pull(skb, sizeof(struct ipv6hdr))) {
			reason = EDGEDP_DROP_MALFORMED;
			goto drop;
		}
		pkt.ue_family = AF_INET6;
		pkt.ue.v6 = ipv6_hdr(skb)->daddr;
		sess = edgedp_lookup_ue6(edp, &pkt.ue.v6);
		break;
	default:
		reason = EDGEDP_DROP_NOT_IP;
		goto drop;
	}
	if (!sess) {
		reason = EDGEDP_DROP_NO_SESSION;
		goto drop;
	}
	rules = rcu_dereference(sess->rules);
	/* SDF filters read the inner L4 header: make it linear. */
	if (rules->cls &&
	    !pskb_may_pull(skb, min_t(unsigned int, skb->len, EDGEDP_SDF_PULL))) {
		reason = EDGEDP_DROP_MALFORMED;
		goto drop;
	}
	pkt.inner = skb->data;
	pkt.inner_len = skb_headlen(skb);
	pkt.len = skb->len;
	pdr = edgedp_pdr_match(rules, &pkt);
	if (!pdr) {
		reason = EDGEDP_DROP_NO_PDR;
		goto drop;
	}
	if (unlikely(edgedp_pdr_quota_out(pdr))) {
		reason = EDGEDP_DROP_URR_QUOTA;
		goto drop;
	}
	if (pdr->n_qer) {
		reason = edgedp_pdr_police(pdr, false, skb->len);
		if (reason)
			goto drop;
	}
	edgedp_pdr_account(pdr, skb->len, false);
	if (!(pdr->far->action & EDGEDP_FAR_FORW) ||
	    !(pdr->far->flags & EDGEDP_FARF_OHC)) {
		edgedp_far_notify(edp, sess, pdr);
		reason = EDGEDP_DROP_FAR;
		goto drop;
	}
	edgedp_encap_xmit(edp, skb, pdr->far, EDGEDP_GTPU_GPDU, EDGEDP_GTPU_PSC_DL,
			  edgedp_pdr_qer_qfi(pdr));
	rcu_read_unlock();
	return NETDEV_TX_OK;

drop:
	rcu_read_unlock();
	edgedp_dev_drop(edp, skb, reason);
	return NETDEV_TX_OK;
}
