// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * GTP-U path management (TS 29.281 7.2): each supervised peer gets an Echo
 * Request every interval from a local endpoint of its family. An Echo
 * Response carrying the sequence number of the last request marks the peer
 * UP and records its Recovery restart counter; when RETRIES requests in a
 * row went unanswered (each waits one interval) the peer is DOWN. Every
 * state change and every change of the restart counter (TS 23.007 20: the
 * peer restarted) is multicast as EDGEDP_CMD_PEER_NTF.
 *
 * Life cycle of a peer:
 *   1. edgedp_peer_set() allocates it, links it into the device's list and
 *      hash (update_lock, RCU publish) and queues its work at once.
 *   2. The work sends a request and re-queues itself every interval; the
 *      receive path (softirq, RCU) finds the peer by address and port.
 *   3. Deletion (PEER_DEL, device teardown, namespace exit, module unload):
 *      under update_lock, unlink from list and hash, mark dead under
 *      peer->lock (no event after this), cancel the work synchronously (it
 *      takes neither update_lock nor RTNL), free after a grace period.
 */

#include <linux/hashtable.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/rculist.h>
#include <linux/udp.h>
#include <net/ipv6.h>

#include "device.h"
#include "wire.h"
#include "peer.h"
#include "endpoint.h"

#define EDGEDP_ECHO_REQ_ROOM 16

void edgedp_peers_init(struct edgedp_dev *edp)
{
	INIT_LIST_HEAD(&edp->gtpu.peers);
	hash_init(edp->gtpu.peer_hash);
}

static u32 edgedp_peer_hash(u8 family, const union edgedp_addr *addr,
			    __be16 port)
{
	if (family == AF_INET)
		return jhash_2words((__force u32)addr->v4, (__force u32)port, 0);
	return jhash2((const u32 *)&addr->v6, 4, (__force u32)port);
}

static bool edgedp_peer_is(const struct edgedp_peer *peer, u8 family,
			   const union edgedp_addr *addr, __be16 port)
{
	if (peer->family != family || peer->port != port)
		return false;
	return family == AF_INET ? peer->addr.v4 == addr->v4 :
				   ipv6_addr_equal(&peer->addr.v6, &addr->v6);
}

struct edgedp_peer *edgedp_peer_find(struct edgedp_dev *edp, u8 family,
				     const union edgedp_addr *addr,
				     __be16 port)
{
	struct edgedp_peer *peer;

	hash_for_each_possible_rcu(edp->gtpu.peer_hash, peer, hnode,
				   edgedp_peer_hash(family, addr, port),
				   lockdep_is_held(&edp->update_lock)) {
		if (edgedp_peer_is(peer, family, addr, port))
			return peer;
	}
	return NULL;
}

/* peer->lock held. */
static void edgedp_peer_snapshot(const struct edgedp_peer *peer,
				 struct edgedp_peer_info *pi)
{
	pi->addr = peer->addr;
	pi->family = peer->family;
	pi->port = peer->port;
	pi->interval_ms = READ_ONCE(peer->interval_ms);
	pi->retries = READ_ONCE(peer->retries);
	pi->state = peer->state;
	pi->recovery = peer->recovery;
	pi->has_recovery = peer->has_recovery;
	pi->echo_tx = peer->echo_tx;
	pi->echo_rx = peer->echo_rx;
}

void edgedp_peer_read(struct edgedp_peer *peer, struct edgedp_peer_info *pi)
{
	spin_lock_bh(&peer->lock);
	edgedp_peer_snapshot(peer, pi);
	spin_unlock_bh(&peer->lock);
}

/*
 * peer->lock held: multicast the peer as it is now. Sent under the lock so
 * that listeners see the events in the order the state changed.
 */
static void edgedp_peer_event(struct edgedp_peer *peer)
{
	struct edgedp_peer_info pi;

	if (peer->dead)
		return;
	edgedp_peer_snapshot(peer, &pi);
	edgedp_event_peer(peer->edp, &pi);
}

/*
 * The endpoint Echo Requests leave from: the first one of the peer's family
 * whose role is any, else the first of the family. RCU held.
 */
static struct edgedp_ep *edgedp_peer_ep(struct edgedp_dev *edp, u8 family)
{
	struct edgedp_ep *ep, *first = NULL;

	list_for_each_entry_rcu(ep, &edp->gtpu.endpoints, list) {
		if (ep->family != family)
			continue;
		if (ep->role == EDGEDP_EP_ANY)
			return ep;
		if (!first)
			first = ep;
	}
	return first;
}

static void edgedp_peer_send(struct edgedp_peer *peer, u16 seq)
{
	unsigned int room = LL_MAX_HEADER + sizeof(struct ipv6hdr) +
			    sizeof(struct udphdr);
	struct edgedp_dev *edp = peer->edp;
	struct sk_buff *skb;
	struct edgedp_ep *ep;
	size_t len;
	int ret;

	skb = alloc_skb(room + EDGEDP_ECHO_REQ_ROOM, GFP_KERNEL);
	if (!skb) {
		/* Per-CPU counters are written with bottom halves off. */
		local_bh_disable();
		edgedp_dev_drop(edp, NULL, EDGEDP_DROP_NOMEM);
		local_bh_enable();
		return;
	}
	skb_reserve(skb, room);
	len = edgedp_gtpu_build_echo_req(skb_tail_pointer(skb),
					 EDGEDP_ECHO_REQ_ROOM, seq);
	if (WARN_ON_ONCE(!len)) {
		kfree_skb(skb);
		return;
	}
	skb_put(skb, len);

	/* Endpoints go away under RCU; the send path runs with BHs off. */
	rcu_read_lock_bh();
	ep = edgedp_peer_ep(edp, peer->family);
	if (!ep) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_NO_ENDPOINT);
		goto out;
	}
	/* A configured peer: its route may live in the endpoint's cache. */
	ret = edgedp_udp_xmit(ep, skb, peer->family, &peer->addr, ep->port,
			      peer->port, 0, true);
	if (ret) {
		edgedp_dev_drop(edp, NULL, ret);
		goto out;
	}
	spin_lock(&peer->lock);
	peer->echo_tx++;
	spin_unlock(&peer->lock);
out:
	rcu_read_unlock_bh();
}

/*
 * Every interval: judge the previous request, then send the next one. A
 * request that could not be sent (no endpoint, no route) counts as
 * unanswered: the path is down either way.
 */
static void edgedp_peer_work(struct work_struct *work)
{
	struct edgedp_peer *peer = container_of(to_delayed_work(work),
						struct edgedp_peer, work);
	u32 interval = READ_ONCE(peer->interval_ms);
	u16 seq;

	spin_lock_bh(&peer->lock);
	if (peer->outstanding && peer->unanswered < U8_MAX)
		peer->unanswered++;
	if (peer->unanswered >= READ_ONCE(peer->retries) &&
	    peer->state != EDGEDP_PEER_DOWN) {
		peer->state = EDGEDP_PEER_DOWN;
		if (peer->family == AF_INET)
			netdev_dbg(peer->edp->dev, "peer %pI4 down: %u Echo Requests unanswered\n",
				   &peer->addr.v4, peer->unanswered);
		else
			netdev_dbg(peer->edp->dev, "peer %pI6c down: %u Echo Requests unanswered\n",
				   &peer->addr.v6, peer->unanswered);
		edgedp_peer_event(peer);
	}
	seq = ++peer->seq;
	peer->outstanding = true;
	spin_unlock_bh(&peer->lock);

	edgedp_peer_send(peer, seq);
	queue_delayed_work(system_power_efficient_wq, &peer->work,
			   msecs_to_jiffies(interval));
}

int edgedp_peer_set(struct edgedp_dev *edp, u8 family,
		    const union edgedp_addr *addr, __be16 port, u32 interval_ms,
		    u8 retries, bool has_interval, bool has_retries,
		    struct netlink_ext_ack *extack)
{
	struct edgedp_peer *peer;

	lockdep_assert_held(&edp->update_lock);
	peer = edgedp_peer_find(edp, family, addr, port);
	if (peer) {
		/* Change the timers; the state and counters stay. */
		if (has_retries)
			WRITE_ONCE(peer->retries, retries);
		if (has_interval) {
			WRITE_ONCE(peer->interval_ms, interval_ms);
			mod_delayed_work(system_power_efficient_wq, &peer->work,
					 msecs_to_jiffies(interval_ms));
		}
		edp->gtpu.peer_generation++;
		return 0;
	}
	if (edp->gtpu.peer_count >= EDGEDP_MAX_PEERS) {
		edgedp_err_fmt(extack, "too many peers on this device",
			       "at most %u peers per device", EDGEDP_MAX_PEERS);
		return -ENOSPC;
	}
	peer = kzalloc(sizeof(*peer), GFP_KERNEL);
	if (!peer)
		return -ENOMEM;
	peer->edp = edp;
	peer->family = family;
	peer->addr = *addr;
	peer->port = port;
	peer->interval_ms = has_interval ? interval_ms : EDGEDP_PEER_INTERVAL_DEF;
	peer->retries = has_retries ? retries : EDGEDP_PEER_RETRIES_DEF;
	peer->state = EDGEDP_PEER_UNKNOWN;
	/* A random start: a late answer to a former peer cannot match. */
	peer->seq = (u16)get_random_u32();
	spin_lock_init(&peer->lock);
	INIT_DELAYED_WORK(&peer->work, edgedp_peer_work);

	list_add_tail_rcu(&peer->list, &edp->gtpu.peers);
	hash_add_rcu(edp->gtpu.peer_hash, &peer->hnode,
		     edgedp_peer_hash(family, addr, port));
	edp->gtpu.peer_count++;
	edp->gtpu.peer_generation++;
	queue_delayed_work(system_power_efficient_wq, &peer->work, 0);
	return 0;
}

/* update_lock held. Steps 3 of the life cycle above. */
static void edgedp_peer_free(struct edgedp_dev *edp, struct edgedp_peer *peer)
{
	list_del_rcu(&peer->list);
	hash_del_rcu(&peer->hnode);
	edp->gtpu.peer_count--;
	edp->gtpu.peer_generation++;
	spin_lock_bh(&peer->lock);
	peer->dead = true;
	spin_unlock_bh(&peer->lock);
	cancel_delayed_work_sync(&peer->work);
	kfree_rcu(peer, rcu);
}

int edgedp_peer_del(struct edgedp_dev *edp, u8 family,
		    const union edgedp_addr *addr, __be16 port,
		    struct netlink_ext_ack *extack)
{
	struct edgedp_peer *peer;

	lockdep_assert_held(&edp->update_lock);
	peer = edgedp_peer_find(edp, family, addr, port);
	if (!peer) {
		NL_SET_ERR_MSG_MOD(extack, "no such peer");
		return -ENOENT;
	}
	edgedp_peer_free(edp, peer);
	return 0;
}

void edgedp_peers_flush(struct edgedp_dev *edp)
{
	struct edgedp_peer *peer, *tmp;

	lockdep_assert_held(&edp->update_lock);
	list_for_each_entry_safe(peer, tmp, &edp->gtpu.peers, list)
		edgedp_peer_free(edp, peer);
}

void edgedp_peer_rx_echo_resp(struct edgedp_ep *ep, struct sk_buff *skb)
{
	struct edgedp_dev *edp = ep->edp;
	struct edgedp_gtpu_echo echo;
	struct edgedp_gtpu_hdr h;
	struct edgedp_peer *peer;
	union edgedp_addr src;
	bool changed = false;
	u8 family;

	if (skb->len < sizeof(struct udphdr) + EDGEDP_GTPU_HLEN ||
	    !pskb_may_pull(skb, skb->len) ||
	    edgedp_gtpu_parse_echo(skb->data + sizeof(struct udphdr),
				   skb->len - sizeof(struct udphdr), &h, &echo)) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_GTPU_HDR);
		return;
	}
	memset(&src, 0, sizeof(src));
	if (ip_hdr(skb)->version == 4) {
		family = AF_INET;
		src.v4 = ip_hdr(skb)->saddr;
	} else {
		family = AF_INET6;
		src.v6 = ipv6_hdr(skb)->saddr;
	}
	peer = edgedp_peer_find(edp, family, &src, udp_hdr(skb)->source);
	/* Unsolicited, or from no supervised peer: counted, not handled. */
	if (!peer) {
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_GTPU_TYPE);
		return;
	}
	spin_lock(&peer->lock);
	if (!peer->outstanding || !h.has_seq || h.seq != peer->seq) {
		spin_unlock(&peer->lock);
		edgedp_dev_drop(edp, skb, EDGEDP_DROP_GTPU_TYPE);
		return;
	}
	peer->outstanding = false;
	peer->unanswered = 0;
	peer->echo_rx++;
	if (peer->state != EDGEDP_PEER_UP) {
		peer->state = EDGEDP_PEER_UP;
		changed = true;
	}
	/* TS 23.007 20: a new restart counter means the peer restarted. */
	if (echo.has_recovery &&
	    (!peer->has_recovery || peer->recovery != echo.recovery)) {
		if (peer->has_recovery)
			netdev_dbg(edp->dev, "peer restarted: recovery %u -> %u\n",
				   peer->recovery, echo.recovery);
		changed |= peer->has_recovery;
		peer->has_recovery = true;
		peer->recovery = echo.recovery;
	}
	if (changed)
		edgedp_peer_event(peer);
	spin_unlock(&peer->lock);
	consume_skb(skb);
}
