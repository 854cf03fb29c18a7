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
#include <linux/udp.h>
#include <net/dsfield.h>
#include <net/udp_tunnel.h>

#include "device.h"
#include "gtpu.h"
#include "socket.h"

#define EDGEDP_OUTER_MAX (sizeof(struct ipv6hdr) + sizeof(struct udphdr))

static u8 edgedp_inner_dsfield(const struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IP))
		return ipv4_get_dsfield(ip_hdr(skb));
	if (skb->protocol == htons(ETH_P_IPV6))
		return ipv6_get_dsfield(ipv6_hdr(skb));
	return 0;
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
	sport = udp_flow_src_port(dev_net(dev), skb, 0, 0, true);
	if (skb_cow_head(skb, hlen + EDGEDP_OUTER_MAX + LL_RESERVED_SPACE(dev))) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_NOMEM);
		return;
	}
	edgedp_gtpu_build(skb_push(skb, hlen), hlen, msg_type, far->teid, len, &o);
	reason = edgedp_udp_xmit(ep, skb, family, &far->peer, sport, far->port, tos);
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
	if (pdr->qer) {
		reason = edgedp_qer_enforce(pdr->qer, false, skb->len);
		if (reason)
			goto drop;
	}
	edgedp_pdr_account(pdr, skb->len, false);
	if (!(pdr->far->action & EDGEDP_FAR_FORW) ||
	    !(pdr->far->flags & EDGEDP_FARF_OHC)) {
		reason = EDGEDP_DROP_FAR;
		goto drop;
	}
	edgedp_encap_xmit(edp, skb, pdr->far, EDGEDP_GTPU_GPDU, EDGEDP_GTPU_PSC_DL,
			  pdr->qer && pdr->qer->has_qfi ? pdr->qer->qfi : -1);
	rcu_read_unlock();
	return NETDEV_TX_OK;

drop:
	rcu_read_unlock();
	edgedp_dev_drop(edp, skb, reason);
	return NETDEV_TX_OK;
}
