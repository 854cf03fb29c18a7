/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * edgedp: the 5G/MEC edge datapath, generic netlink interface.
 *
 * This header is the one contract between edgedp.ko and its userspace
 * (edgectl, the CNI shim, orchestrators). uapi/edgedp.yaml describes the
 * same family for the kernel's tools/net/ynl; the two are kept in step and
 * a selftest drives the family from the YAML spec.
 *
 * Family "edgedp", version EDGEDP_GENL_VERSION, multicast group "events".
 * Every command that changes state needs CAP_NET_ADMIN. Every attribute is
 * validated strictly; a rejected request carries an extack message.
 *
 * Attribute sets are per object (info, dev, stats, drops), never one flat
 * space. Enumerations only ever grow: values are never reused.
 */

#ifndef _UAPI_LINUX_EDGEDP_H
#define _UAPI_LINUX_EDGEDP_H

#define EDGEDP_GENL_NAME	"edgedp"
#define EDGEDP_GENL_VERSION	1
#define EDGEDP_MCGRP_EVENTS	"events"

/* Capabilities reported by EDGEDP_CMD_GET_INFO in EDGEDP_A_INFO_FEATURES. */
enum edgedp_feature {
	EDGEDP_FEATURE_DEV = 1 << 0,	/* datapath devices */
};

/*
 * Why a packet was dropped. Each reason has its own per-CPU counter on the
 * device, reported as EDGEDP_A_STATS_DROPS, a nest whose attribute types are
 * these values and whose payloads are u64 counts.
 */
enum edgedp_drop_reason {
	EDGEDP_DROP_UNSPEC,
	EDGEDP_DROP_NO_SESSION,		/* tx: no session for the destination */
	EDGEDP_DROP_NOT_IP,		/* tx: neither IPv4 nor IPv6 */
	EDGEDP_DROP_MALFORMED,		/* rx or tx: headers truncated or invalid */

	__EDGEDP_DROP_MAX
};
#define EDGEDP_DROP_MAX (__EDGEDP_DROP_MAX - 1)

enum edgedp_cmd {
	EDGEDP_CMD_UNSPEC,
	EDGEDP_CMD_GET_INFO,	/* do: EDGEDP_A_INFO_* */
	EDGEDP_CMD_DEV_NEW,	/* do, admin: [IFNAME] -> DEV_* of the new device */
	EDGEDP_CMD_DEV_DEL,	/* do, admin: IFINDEX | IFNAME */
	EDGEDP_CMD_DEV_GET,	/* do: IFINDEX | IFNAME; dump: every device */
	EDGEDP_CMD_DEV_ADD_NTF,	/* event: a device was created */
	EDGEDP_CMD_DEV_DEL_NTF,	/* event: a device was deleted */

	__EDGEDP_CMD_MAX
};
#define EDGEDP_CMD_MAX (__EDGEDP_CMD_MAX - 1)

enum edgedp_info_attrs {
	EDGEDP_A_INFO_UNSPEC,
	EDGEDP_A_INFO_PAD,
	EDGEDP_A_INFO_VERSION,		/* string: module version */
	EDGEDP_A_INFO_GENL_VERSION,	/* u32: EDGEDP_GENL_VERSION */
	EDGEDP_A_INFO_FEATURES,		/* u64: enum edgedp_feature bits */
	EDGEDP_A_INFO_DEVICES,		/* u32: devices in the caller's netns */

	__EDGEDP_A_INFO_MAX
};
#define EDGEDP_A_INFO_MAX (__EDGEDP_A_INFO_MAX - 1)

enum edgedp_dev_attrs {
	EDGEDP_A_DEV_UNSPEC,
	EDGEDP_A_DEV_PAD,
	EDGEDP_A_DEV_IFINDEX,		/* u32 */
	EDGEDP_A_DEV_IFNAME,		/* string, at most IFNAMSIZ - 1 bytes */
	EDGEDP_A_DEV_STATS,		/* nest: EDGEDP_A_STATS_*, replies only */

	__EDGEDP_A_DEV_MAX
};
#define EDGEDP_A_DEV_MAX (__EDGEDP_A_DEV_MAX - 1)

enum edgedp_stats_attrs {
	EDGEDP_A_STATS_UNSPEC,
	EDGEDP_A_STATS_PAD,
	EDGEDP_A_STATS_RX_PACKETS,	/* u64 */
	EDGEDP_A_STATS_RX_BYTES,	/* u64 */
	EDGEDP_A_STATS_TX_PACKETS,	/* u64 */
	EDGEDP_A_STATS_TX_BYTES,	/* u64 */
	EDGEDP_A_STATS_DROPS,		/* nest: u64 per enum edgedp_drop_reason */

	__EDGEDP_A_STATS_MAX
};
#define EDGEDP_A_STATS_MAX (__EDGEDP_A_STATS_MAX - 1)

#endif /* _UAPI_LINUX_EDGEDP_H */
