// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * The edgedp net device and the per-namespace list of devices.
 *
 * Lifetime: a device is created over genl (EDGEDP_CMD_DEV_NEW) or with
 * `ip link add NAME type edgedp`, and goes away with EDGEDP_CMD_DEV_DEL,
 * `ip link del`, its namespace's dismantling or module unload. All of these
 * paths meet in ndo_init/ndo_uninit, which add the device to and remove it
 * from its namespace's list under RTNL, so the list is exact whatever path
 * was taken. The device is NETNS_LOCAL: its tables belong to its namespace.
 */

#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/rculist.h>
#include <net/rtnetlink.h>

#include "device.h"
#include "event.h"

/* Outer IPv6 + UDP + GTP-U with sequence/N-PDU/next-type + PSC extension. */
#define EDGEDP_HEADROOM (sizeof(struct ipv6hdr) + 8 + 12 + 4)
#define EDGEDP_DEFAULT_MTU (ETH_DATA_LEN - EDGEDP_HEADROOM)

unsigned int edgedp_net_id __read_mostly;

static int edgedp_dev_init(struct net_device *dev)
{
	struct edgedp_dev *edp = netdev_priv(dev);
	struct edgedp_net *pn = edgedp_pernet(dev_net(dev));

	int ret;

	ASSERT_RTNL();
	edp->stats = netdev_alloc_pcpu_stats(struct edgedp_pcpu_stats);
	if (!edp->stats)
		return -ENOMEM;
	/* iptunnel_xmit() counts into dev->tstats. */
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats) {
		ret = -ENOMEM;
		goto err_tstats;
	}
	ret = edgedp_gtpu_init(edp);
	if (ret)
		goto err_gtpu;
	ret = gro_cells_init(&edp->gro_cells, dev);
	if (ret)
		goto err_gro;
	list_add_tail_rcu(&edp->list, &pn->devices);
	pn->dev_count++;
	pn->dev_generation++;
	netdev_dbg(dev, "device created\n");
	return 0;

err_gro:
	edgedp_gtpu_destroy(edp);
err_gtpu:
	free_percpu(dev->tstats);
	dev->tstats = NULL;
err_tstats:
	free_percpu(edp->stats);
	edp->stats = NULL;
	return ret;
}

/* Runs on every unregistration path, and after a failed registration. */
static void edgedp_dev_uninit(struct net_device *dev)
{
	struct edgedp_dev *edp = netdev_priv(dev);
	struct edgedp_net *pn = edgedp_pernet(dev_net(dev));

	ASSERT_RTNL();
	if (dev->reg_state == NETREG_UNREGISTERING)
		edgedp_event_dev(edp, EDGEDP_CMD_DEV_DEL_NTF);
	mutex_lock(&edp->update_lock);
	edp->dead = true;
	edgedp_gtpu_flush(edp);
	mutex_unlock(&edp->update_lock);
	gro_cells_destroy(&edp->gro_cells);
	list_del_rcu(&edp->list);
	pn->dev_count--;
	pn->dev_generation++;
}

/*
 * Called once no reader can hold the device any more; the tables were
 * emptied in ndo_uninit, a grace period ago.
 */
static void edgedp_dev_destruct(struct net_device *dev)
{
	struct edgedp_dev *edp = netdev_priv(dev);

	synchronize_rcu();	/* receive paths still walking the tables */
	edgedp_gtpu_destroy(edp);
	free_percpu(dev->tstats);
	free_percpu(edp->stats);
	mutex_destroy(&edp->update_lock);
	netdev_dbg(dev, "device destroyed\n");
}

void edgedp_dev_read_stats(struct edgedp_dev *edp, struct edgedp_stats *st)
{
	int cpu, i;

	memset(st, 0, sizeof(*st));
	for_each_possible_cpu(cpu) {
		const struct edgedp_pcpu_stats *s = per_cpu_ptr(edp->stats, cpu);
		struct edgedp_stats one;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			one.rx_packets = u64_stats_read(&s->rx_packets);
			one.rx_bytes = u64_stats_read(&s->rx_bytes);
			one.tx_packets = u64_stats_read(&s->tx_packets);
			one.tx_bytes = u64_stats_read(&s->tx_bytes);
			for (i = 0; i < __EDGEDP_DROP_MAX; i++)
				one.drops[i] = u64_stats_read(&s->drops[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));

		st->rx_packets += one.rx_packets;
		st->rx_bytes += one.rx_bytes;
		st->tx_packets += one.tx_packets;
		st->tx_bytes += one.tx_bytes;
		for (i = 0; i < __EDGEDP_DROP_MAX; i++)
			st->drops[i] += one.drops[i];
	}
}

static void edgedp_get_stats64(struct net_device *dev,
			       struct rtnl_link_stats64 *tot)
{
	struct edgedp_stats st;
	int i;

	edgedp_dev_read_stats(netdev_priv(dev), &st);
	tot->rx_packets = st.rx_packets;
	tot->rx_bytes = st.rx_bytes;
	tot->tx_packets = st.tx_packets;
	tot->tx_bytes = st.tx_bytes;
	for (i = 0; i < __EDGEDP_DROP_MAX; i++)
		tot->tx_dropped += st.drops[i];
}

static const struct net_device_ops edgedp_netdev_ops = {
	.ndo_init		= edgedp_dev_init,
	.ndo_uninit		= edgedp_dev_uninit,
	.ndo_start_xmit		= edgedp_xmit,
	.ndo_get_stats64	= edgedp_get_stats64,
};

static void edgedp_setup(struct net_device *dev)
{
	struct edgedp_dev *edp = netdev_priv(dev);

	dev->netdev_ops = &edgedp_netdev_ops;
	dev->rtnl_link_ops = &edgedp_link_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = edgedp_dev_destruct;

	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	/*
	 * No headroom asked of the stack: ip_forward() would reallocate
	 * every routed packet whose sender left less (a veth's peer leaves
	 * 16 octets); edgedp_encap_xmit() makes the room it needs, by moving
	 * the packet into its tailroom when it can (send.c).
	 */
	dev->needed_headroom = 0;
	dev->mtu = EDGEDP_DEFAULT_MTU;
	dev->min_mtu = IPV6_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - EDGEDP_HEADROOM;
	edgedp_compat_set_lltx(dev);
	edgedp_compat_set_netns_local(dev);

	edp->dev = dev;
	INIT_LIST_HEAD(&edp->list);
	edp->max_sessions = EDGEDP_DEV_MAX_SESSIONS_DEFAULT;
	edp->max_rules = EDGEDP_DEV_MAX_RULES_DEFAULT;
	mutex_init(&edp->update_lock);
}

/*
 * Create and register a device in @net. Called with RTNL held. @name may be
 * NULL or a pattern such as "edgedp%d".
 */
struct edgedp_dev *edgedp_dev_create(struct net *net, const char *name,
				     struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int ret;

	ASSERT_RTNL();
	dev = alloc_netdev(sizeof(struct edgedp_dev),
			   name && *name ? name : "edgedp%d",
			   name && *name ? NET_NAME_USER : NET_NAME_ENUM,
			   edgedp_setup);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "cannot allocate the device");
		return ERR_PTR(-ENOMEM);
	}
	dev_net_set(dev, net);

	ret = register_netdevice(dev);
	if (ret < 0) {
		if (ret == -EEXIST)
			NL_SET_ERR_MSG(extack, "a device with this name already exists");
		else if (ret == -EINVAL)
			NL_SET_ERR_MSG(extack, "invalid device name");
		else
			NL_SET_ERR_MSG(extack, "cannot register the device");
		/* needs_free_netdev does not apply before registration. */
		free_netdev(dev);
		return ERR_PTR(ret);
	}
	edgedp_event_dev(netdev_priv(dev), EDGEDP_CMD_DEV_ADD_NTF);
	return netdev_priv(dev);
}

/* Look a device up by index or name (either may be unset). RTNL held. */
struct edgedp_dev *edgedp_dev_find(struct net *net, int ifindex,
				   const char *name)
{
	struct net_device *dev;

	ASSERT_RTNL();
	dev = ifindex ? __dev_get_by_index(net, ifindex) :
			__dev_get_by_name(net, name);
	if (!dev || dev->rtnl_link_ops != &edgedp_link_ops)
		return NULL;
	return netdev_priv(dev);
}

/* rtnetlink: `ip link add NAME type edgedp` and `ip link del NAME`. */
static int edgedp_newlink(struct net *src_net, struct net_device *dev,
			  struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	int ret;

	/*
	 * The genl family's rule (GENL_ADMIN_PERM): CAP_NET_ADMIN in the
	 * initial user namespace. rtnetlink alone would let the root of a
	 * user namespace create one in a namespace it owns.
	 */
	if (!capable(CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "edgedp devices need CAP_NET_ADMIN in the initial user namespace");
		return -EPERM;
	}
	ret = register_netdevice(dev);
	if (!ret)
		edgedp_event_dev(netdev_priv(dev), EDGEDP_CMD_DEV_ADD_NTF);
	return ret;
}

struct rtnl_link_ops edgedp_link_ops __read_mostly = {
	.kind		= KBUILD_MODNAME,
	.priv_size	= sizeof(struct edgedp_dev),
	.setup		= edgedp_setup,
	.newlink	= edgedp_newlink,
};

static int __net_init edgedp_net_init(struct net *net)
{
	struct edgedp_net *pn = edgedp_pernet(net);

	INIT_LIST_HEAD(&pn->devices);
	INIT_LIST_HEAD(&pn->fp_eps);
	return 0;
}

/* A namespace going away takes its devices with it. */
static void __net_exit edgedp_net_exit_batch(struct list_head *net_list)
{
	struct edgedp_dev *edp, *tmp;
	LIST_HEAD(kill);
	struct net *net;

	rtnl_lock();
	list_for_each_entry(net, net_list, exit_list) {
		struct edgedp_net *pn = edgedp_pernet(net);

		list_for_each_entry_safe(edp, tmp, &pn->devices, list)
			unregister_netdevice_queue(edp->dev, &kill);
	}
	unregister_netdevice_many(&kill);
	list_for_each_entry(net, net_list, exit_list)
		WARN_ON_ONCE(!list_empty(&edgedp_pernet(net)->devices));
	rtnl_unlock();
}

static struct pernet_operations edgedp_net_ops = {
	.init		= edgedp_net_init,
	.exit_batch	= edgedp_net_exit_batch,
	.id		= &edgedp_net_id,
	.size		= sizeof(struct edgedp_net),
};

int __init edgedp_device_init(void)
{
	int ret;

	ret = register_pernet_device(&edgedp_net_ops);
	if (ret)
		goto err_pernet;
	ret = rtnl_link_register(&edgedp_link_ops);
	if (ret)
		goto err_link;
	return 0;

err_link:
	unregister_pernet_device(&edgedp_net_ops);
err_pernet:
	return ret;
}

void edgedp_device_uninit(void)
{
	rtnl_link_unregister(&edgedp_link_ops);
	unregister_pernet_device(&edgedp_net_ops);
	/* Endpoints (route caches), rule sets and sessions freed by RCU. */
	rcu_barrier();
}
