// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * edgedp: the 5G/MEC edge datapath. Module entry and exit.
 */

#include <linux/module.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

#include "gtpu/classifier.h"
#include "device.h"
#include "gtpu/wire.h"
#include "main.h"
#include "netlink.h"
#include "gtpu/session.h"

static int __init edgedp_mod_init(void)
{
	int ret;

#ifdef DEBUG
	/* Pure-logic self tests, the same code the host tests run. */
	if (!edgedp_gtpu_selftest() || !edgedp_cls_selftest())
		return -ENOTRECOVERABLE;
#endif
	ret = edgedp_match_cache_init();
	if (ret)
		goto err_cache;
	ret = edgedp_device_init();
	if (ret)
		goto err_device;
	ret = edgedp_genl_init();
	if (ret)
		goto err_genl;

	pr_info("edgedp " EDGEDP_VERSION " loaded\n");
	return 0;

err_genl:
	edgedp_device_uninit();
err_device:
	edgedp_match_cache_uninit();
err_cache:
	return ret;
}

static void __exit edgedp_mod_exit(void)
{
	edgedp_genl_uninit();
	edgedp_device_uninit();
	/* Sessions and rule sets are freed by RCU callbacks of this module. */
	rcu_barrier();
	/* No device, socket or hook is left to receive or send through it. */
	edgedp_match_cache_uninit();
	pr_debug("edgedp unloaded\n");
}

module_init(edgedp_mod_init);
module_exit(edgedp_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("edgedp: GTP-U, UL CL, VXLAN overlay and VIP load balancing for 5G/MEC edge hosts");
MODULE_AUTHOR("The edgedp authors");
MODULE_VERSION(EDGEDP_VERSION);
MODULE_ALIAS_RTNL_LINK(KBUILD_MODNAME);
MODULE_ALIAS_GENL_FAMILY(EDGEDP_GENL_NAME);
