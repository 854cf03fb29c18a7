// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * GTP-U receive: every datagram reaching an endpoint's socket. G-PDUs are
 * matched to a session's PDR by TEID, then decapsulated into the namespace
 * through the edgedp device or relayed (N3 <-> N9) with a new outer header;
 * Echo Requests are answered; everything else is counted and dropped.
 * Runs in softirq under rcu_read_lock() (held by the UDP receive path).
 */

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ip_tunnels.h>
#include <net/udp.h>

#include "device.h"
#include "wire.h"
#include "peer.h"
#include "endpoint.h"

#define EDGEDP_ECHO_ROOM 32
#define EDGEDP_ERROR_IND_ROOM 64

/* The outer header's source or destination address. */
static void edgedp_outer_addr(const struct sk_buff *skb, bool src, u8 *family,
			      union edgedp_addr *a)
{
	if (ip_hdr(skb)->version == 4) {
		*family = AF_INET;
		a->v4 = src ? ip_hdr(skb)->saddr : ip_hdr(skb)->daddr;
	} else {
		*family = AF_INET6;
		a->v6 = src ? ipv6_hdr(skb)->saddr : ipv6_hdr(skb)->daddr;
	}
}

/* Answer an Echo Request from the port it came from (TS 29.281 4.4.2.2). */
static void edgedp_rx_echo(struct edgedp_ep *ep, struct sk_buff *skb,
			   const struct edgedp_gtpu_hdr *h)
{
	unsigned int room = LL_MAX_HEADER + sizeof(struct ipv6hdr) +
			    sizeof(struct udphdr);
	union edgedp_addr peer;
	struct sk_buff *reply;
	size_t len;
	u8 family;

	reply = alloc_skb(room + EDGEDP_ECHO_ROOM, GFP_ATOMIC);
	if (!reply)
		return;
	skb_reserve(reply, room);
	len = edgedp_gtpu_build_echo_resp(skb_tail_pointer(reply),
					  EDGEDP_ECHO_ROOM, h->seq);
	if (!len) {
		kfree_skb(reply);
		return;
	}
	skb_put(reply, len);
	edgedp_outer_addr(skb, true, &family, &peer);
	edgedp_udp_xmit(ep, reply, family, &peer, ep->port, udp_hdr(skb)->source, 0,
			false);
}

/*
 * A G-PDU for a TEID we do not have: tell its sender with an Error
 * Indication (TS 29.281 7.3.1), sent to port 2152, at most
 * edp->gtpu.ei_ratelimit's rate so a flood of garbage cannot make us one.
 */
static void edgedp_rx_error_ind(struct edgedp_ep *ep, struct sk_buff *skb,
				const struct edgedp_gtpu_hdr *h)
{
	unsigned int room = LL_MAX_HEADER + sizeof(struct ipv6hdr) +
			    sizeof(struct udphdr);
	struct edgedp_gtpu_err_ind ei = {
		.teid = h->teid,
		.udp_port = ntohs(udp_hdr(skb)->source),
	};
	union edgedp_addr peer, local;
	struct sk_buff *msg;
	size_t len;
	u8 family;

	if (h->type != EDGEDP_GTPU_GPDU || !__ratelimit(&ep->edp->gtpu.ei_ratelimit))
		return;
	edgedp_outer_addr(skb, true, &family, &peer);
	edgedp_outer_addr(skb, false, &family, &local);
	ei.addr_len = family == AF_INET ? 4 : 16;
	memcpy(ei.addr, &local, ei.addr_len);
	msg = alloc_skb(room + EDGEDP_ERROR_IND_ROOM, GFP_ATOMIC);
	if (!msg)
		return;
	skb_reserve(msg, room);
	len = edgedp_gtpu_build_error_ind(skb_tail_pointer(msg),
					  EDGEDP_ERROR_IND_ROOM, 0, &ei);
	if (!len) {
		kfree_skb(msg);
		return;
	}
	skb_put(msg, len);
	edgedp_udp_xmit(ep, msg, family, &peer, ep->port,
			htons(EDGEDP_GTPU_PORT), 0, false);
}

static int edgedp_inner_addr(const u8 *p, unsigned int len, bool src,
			     u8 *family, union edgedp_addr *a)
{
	if (len >= sizeof(struct iphdr) && p[0] >> 4 == 4) {
		const struct iphdr *iph = (const struct iphdr *)p;

		*family = AF_INET;
		a->v4 = src ? iph->saddr : iph->daddr;
		return 0;
	}
	if (len >= sizeof(struct ipv6hdr) && p[0] >> 4 == 6) {
		const struct ipv6hdr *ip6h = (const struct ipv6hdr *)p;

		*family = AF_INET6;
		a->v6 = src ? ip6h->saddr : ip6h->daddr;
		return 0;
	}
	return -EINVAL;
}

/*
 * How many decapsulated packets one CPU may be delivering inside each other
 * (a G-PDU carrying a G-PDU to one of our own endpoints, and so on) before
 * the next one is queued to the backlog instead of received in place.
 */
#define EDGEDP_RX_NEST_MAX 4
static DEFINE_PER_CPU(unsigned int, edgedp_rx_nest);

/*
 * Hand a decapsulated packet to the stack. TCP goes through the device's
 * GRO cell, where segments of a flow are aggregated before the stack sees
 * them, which pays for the queueing. Everything else is received in place,
 * from this softirq, as if the device had received it: a NAPI round trip
 * and the GRO layer's lookups bring it nothing.
 */
static void edgedp_rx_netif(struct edgedp_dev *edp, struct sk_buff *skb)
{
	u8 proto = ip_hdr(skb)->version == 4 ? ip_hdr(skb)->protocol :
					       ipv6_hdr(skb)->nexthdr;

	if (proto == IPPROTO_TCP) {
		gro_cells_receive(&edp->gro_cells, skb);
		return;
	}
	if (unlikely(__this_cpu_read(edgedp_rx_nest) >= EDGEDP_RX_NEST_MAX)) {
		netif_rx(skb);
		return;
	}
	__this_cpu_inc(edgedp_rx_nest);
	netif_receive_skb(skb);
	__this_cpu_dec(edgedp_rx_nest);
}

/* Decapsulate into the namespace through the edgedp device. */
static void edgedp_rx_deliver(struct edgedp_dev *edp, struct sock *sk,
			      struct sk_buff *skb,
			      const struct edgedp_gtpu_hdr *h, u8 family)
{
	__be16 proto = family == AF_INET ? htons(ETH_P_IP) : htons(ETH_P_IPV6);
	bool xnet = !net_eq(sock_net(sk), dev_net(edp->dev));

	/*
	 * An administratively down device, or one being unregistered (its
	 * endpoints go only in ndo_uninit), delivers nothing, as vxlan.
	 */
	if (unlikely(!netif_running(edp->dev))) {
		dev_core_stats_rx_dropped_inc(edp->dev);
		kfree_skb(skb);
		return;
	}
	if (iptunnel_pull_header(skb, sizeof(struct udphdr) + h->hdr_len, proto,
				 xnet) ||
	    pskb_trim_rcsum(skb, h->payload_len)) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_MALFORMED);
		return;
	}
	skb_reset_network_header(skb);
	skb_reset_mac_header(skb);
	skb->dev = edp->dev;
	skb->pkt_type = PACKET_HOST;
	edgedp_dev_count(edp, true, skb->len);
	edgedp_rx_netif(edp, skb);
}

/* Relay toward the FAR's peer with a new outer header (N3 <-> N9). */
static void edgedp_rx_relay(struct edgedp_dev *edp, struct sk_buff *skb,
			    const struct edgedp_gtpu_hdr *h,
			    const struct edgedp_pdr *pdr, __be16 proto)
{
	const struct edgedp_far *far = pdr->far;
	bool uplink = far->dst_iface != EDGEDP_IFACE_ACCESS;
	int qfi;

	if (iptunnel_pull_header(skb, sizeof(struct udphdr) + h->hdr_len, proto,
				 false) ||
	    pskb_trim_rcsum(skb, h->payload_len)) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_MALFORMED);
		return;
	}
	skb_reset_network_header(skb);
	/* Keep the QFI the packet came with, else the QER's. */
	qfi = h->has_psc ? h->qfi : edgedp_pdr_qer_qfi(pdr);
	edgedp_encap_xmit(edp, skb, far, h->type,
			  uplink ? EDGEDP_GTPU_PSC_UL : EDGEDP_GTPU_PSC_DL, qfi);
}

static void edgedp_rx_gpdu(struct edgedp_ep *ep, struct sock *sk,
			   struct sk_buff *skb, const struct edgedp_gtpu_hdr *h)
{
	const u8 *inner = skb->data + sizeof(struct udphdr) + h->hdr_len;
	struct edgedp_dev *edp = ep->edp;
	struct edgedp_pkt pkt = {
		.gtpu = true,
		.teid = h->teid,
		.has_qfi = h->has_psc,
		.qfi = h->qfi,
	};
	const struct edgedp_rules *rules;
	struct edgedp_session *sess;
	const struct edgedp_pdr *pdr;
	const struct edgedp_far *far;

	sess = edgedp_lookup_teid(edp, h->teid);
	if (!sess) {
		edgedp_rx_error_ind(ep, skb, h);
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_NO_TEID);
		return;
	}
	rules = rcu_dereference(sess->rules);
	if (rules->peer_check) {
		union edgedp_addr src;
		u8 family;

		edgedp_outer_addr(skb, true, &family, &src);
		if (!edgedp_rules_from_peer(rules, family, &src)) {
			edgedp_dev_drop(edp, skb, EDGEDP_DROP_PEER);
			return;
		}
	}
	switch (ep->role) {
	case EDGEDP_EP_N3:
		pkt.iface_mask = BIT(EDGEDP_IFACE_ACCESS);
		break;
	case EDGEDP_EP_N9:
		pkt.iface_mask = BIT(EDGEDP_IFACE_CORE);
		break;
	default:
		pkt.iface_mask = BIT(EDGEDP_IFACE_ACCESS) | BIT(EDGEDP_IFACE_CORE);
		break;
	}
	edgedp_outer_addr(skb, false, &pkt.local_family, &pkt.local);
	if (h->type == EDGEDP_GTPU_GPDU &&
	    edgedp_inner_addr(inner, h->payload_len,
			      pkt.iface_mask & BIT(EDGEDP_IFACE_ACCESS),
			      &pkt.ue_family, &pkt.ue)) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_MALFORMED);
		return;
	}
	/* An End Marker carries no UE address: it matches on the TEID. */
	pkt.ignore_ue = h->type == EDGEDP_GTPU_END_MARKER;
	/* SDF filters read the inner headers that are linear. */
	pkt.inner = inner;
	pkt.inner_len = min_t(unsigned int, h->payload_len,
			      skb_tail_pointer(skb) - inner);
	pkt.len = h->payload_len;
	pdr = edgedp_pdr_match(rules, &pkt);
	/* An ANY endpoint: uplink (UE is the source) first, then downlink. */
	if (!pdr && h->type == EDGEDP_GTPU_GPDU && ep->role == EDGEDP_EP_ANY) {
		pkt.iface_mask = BIT(EDGEDP_IFACE_CORE);
		edgedp_inner_addr(inner, h->payload_len, false, &pkt.ue_family,
				  &pkt.ue);
		pdr = edgedp_pdr_match(rules, &pkt);
	}
	if (!pdr) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_NO_PDR);
		return;
	}
	far = pdr->far;
	if (unlikely(edgedp_pdr_quota_out(pdr))) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_URR_QUOTA);
		return;
	}
	if (pdr->n_qer) {
		int reason = edgedp_pdr_police(pdr, pdr->src_iface == EDGEDP_IFACE_ACCESS,
					       h->payload_len);

		if (reason) {
			edgedp_dev_drop(edp, skb, reason);
			return;
		}
	}
	edgedp_pdr_account(pdr, h->payload_len, pdr->src_iface == EDGEDP_IFACE_ACCESS);
	if (!(far->action & EDGEDP_FAR_FORW)) {
		edgedp_far_notify(edp, sess, pdr);
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_FAR);
		return;
	}
	if (far->flags & EDGEDP_FARF_OHC) {
		edgedp_rx_relay(edp, skb, h, pdr,
				pkt.ue_family == AF_INET6 ? htons(ETH_P_IPV6) :
							    htons(ETH_P_IP));
		return;
	}
	if (h->type == EDGEDP_GTPU_END_MARKER) {
		/* This UPF terminates the tunnel: the End Marker ends here. */
		consume_skb(skb);
		return;
	}
	edgedp_rx_deliver(edp, sk, skb, h, pkt.ue_family);
}

/*
 * A GTP-U message to @ep (skb->data at the UDP header, checksum verified),
 * from its socket or from the fast path. Consumes the skb.
 */
void edgedp_rx(struct edgedp_ep *ep, struct sock *sk, struct sk_buff *skb)
{
	struct edgedp_dev *edp = ep->edp;
	struct edgedp_gtpu_hdr h;
	unsigned int len;
	int ret;

	/*
	 * The parser needs the whole message linear; packets from veths and
	 * most NICs already are, so this rarely copies.
	 */
	len = skb->len;
	if (len < sizeof(struct udphdr) + EDGEDP_GTPU_HLEN ||
	    !pskb_may_pull(skb, len)) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_GTPU_HDR);
		return;
	}
	ret = edgedp_gtpu_parse(skb->data + sizeof(struct udphdr),
				len - sizeof(struct udphdr), &h);
	if (ret) {
		edgedp_dev_drop(edp, skb, ret == -EDGEDP_GTPU_ERR_EXT_UNSUPP ?
				EDGEDP_DROP_GTPU_EXT : EDGEDP_DROP_GTPU_HDR);
		return;
	}

	switch (h.type) {
	case EDGEDP_GTPU_GPDU:
	case EDGEDP_GTPU_END_MARKER:
		edgedp_rx_gpdu(ep, sk, skb, &h);
		break;
	case EDGEDP_GTPU_ECHO_REQ:
		edgedp_rx_echo(ep, skb, &h);
		consume_skb(skb);
		break;
	case EDGEDP_GTPU_ECHO_RESP:
		edgedp_peer_rx_echo_resp(ep, skb);
		break;
	default:
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_GTPU_TYPE);
		break;
	}
}

/* udp_tunnel encap_rcv: 0 when the skb was consumed, 1 to hand it to UDP. */
int edgedp_encap_recv(struct sock *sk, struct sk_buff *skb)
{
	struct edgedp_ep *ep = rcu_dereference_sk_user_data(sk);

	if (!ep)
		return 1;
	edgedp_rx(ep, sk, skb);
	return 0;
}
