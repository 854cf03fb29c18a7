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

#endif /* _EDGEDP_COMPAT_H */
