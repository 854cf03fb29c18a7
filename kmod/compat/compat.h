/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where kernel version differences live. Force-included into
 * every object by Kbuild; the EDGEDP_HAVE_* switches come from Kbuild probes
 * of the headers being built against, never from version numbers.
 *
 * Supported: Debian bookworm 6.1 and bookworm-backports 6.12.
 */
#ifndef _EDGEDP_COMPAT_H
#define _EDGEDP_COMPAT_H

#include <linux/netdevice.h>

/* 6.12 moved NETIF_F_LLTX and NETIF_F_NETNS_LOCAL to private bits. */
static inline void edgedp_compat_set_lltx(struct net_device *dev)
{
#ifdef EDGEDP_HAVE_DEV_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

static inline void edgedp_compat_set_netns_local(struct net_device *dev)
{
#ifdef EDGEDP_HAVE_DEV_NETNS_LOCAL
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
}

/*
 * Formatted extack messages arrived in 6.2. Call sites give a plain message
 * for kernels without them and a formatted one for kernels with them.
 */
#include <linux/netlink.h>
#ifdef NL_SET_ERR_MSG_FMT_MOD
#define edgedp_err_fmt(extack, plain, fmt, args...) \
	NL_SET_ERR_MSG_FMT_MOD(extack, fmt, ##args)
#else
#define edgedp_err_fmt(extack, plain, fmt, args...) \
	NL_SET_ERR_MSG_MOD(extack, plain)
#endif

/* The request attributes of a dump: genl_info_dump() arrived in 6.6. */
#include <net/genetlink.h>
static inline struct nlattr **edgedp_dump_attrs(struct netlink_callback *cb)
{
#ifdef EDGEDP_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * A multicast group that only CAP_NET_ADMIN may join: 6.6, and Debian's 6.1
 * from the stable series. Without it the events group would be open to
 * every user: refuse to build rather than leak datapath state.
 */
#ifndef GENL_MCAST_CAP_NET_ADMIN
#error "edgedp needs GENL_MCAST_CAP_NET_ADMIN (Linux 6.6, or 6.1 stable updates)"
#endif

#endif /* _EDGEDP_COMPAT_H */
