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
	EDGEDP_FEATURE_GTPU = 1 << 1,	/* GTP-U endpoints and sessions */
};

/* PFCP Source/Destination Interface values (TS 29.244 8.2.2, 8.2.24). */
enum edgedp_iface {
	EDGEDP_IFACE_ACCESS,		/* N3, toward the gNB */
	EDGEDP_IFACE_CORE,		/* N9 or N6, toward the core */
	EDGEDP_IFACE_DN,		/* SGi-LAN/N6-LAN: the local data network */
	EDGEDP_IFACE_CP,		/* CP-function */

	__EDGEDP_IFACE_MAX
};

#define EDGEDP_IFACE_MAX (__EDGEDP_IFACE_MAX - 1)

/* An endpoint's role; ANY serves both N3 and N9. */
enum edgedp_ep_role {
	EDGEDP_EP_ANY,
	EDGEDP_EP_N3,
	EDGEDP_EP_N9,

	__EDGEDP_EP_MAX
};

#define EDGEDP_EP_MAX (__EDGEDP_EP_MAX - 1)

/* PFCP Apply Action bits (TS 29.244 8.2.26) that edgedp implements. */
enum edgedp_far_action {
	EDGEDP_FAR_DROP = 1 << 0,
	EDGEDP_FAR_FORW = 1 << 1,
	EDGEDP_FAR_BUFF = 1 << 2,	/* buffering is not offered: drop + event */
	EDGEDP_FAR_NOCP = 1 << 3,	/* notify the CP: an event on "events" */
};

/* PFCP Outer Header Removal descriptions (TS 29.244 8.2.64) for GTP-U. */
enum edgedp_ohr {
	EDGEDP_OHR_GTPU_UDP_IPV4 = 0,
	EDGEDP_OHR_GTPU_UDP_IPV6 = 1,
	EDGEDP_OHR_GTPU_UDP_IP = 6,
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
	EDGEDP_DROP_GTPU_HDR,		/* rx: GTP-U header invalid (version, length, ext) */
	EDGEDP_DROP_GTPU_EXT,		/* rx: unknown extension header needing comprehension */
	EDGEDP_DROP_GTPU_TYPE,		/* rx: message type not handled */
	EDGEDP_DROP_NO_TEID,		/* rx: no session has this TEID */
	EDGEDP_DROP_NO_PDR,		/* rx or tx: session found, no PDR matched */
	EDGEDP_DROP_FAR,		/* the FAR says drop (or buffer) */
	EDGEDP_DROP_NO_ROUTE,		/* tx: no route to the GTP-U peer */
	EDGEDP_DROP_LOOP,		/* tx: the route to the peer is this device */
	EDGEDP_DROP_NO_ENDPOINT,	/* tx: no local endpoint of the peer's family */
	EDGEDP_DROP_NOMEM,		/* headroom or allocation failure */
	EDGEDP_DROP_PEER,		/* rx: outer source is not a peer of the session */
	EDGEDP_DROP_QER_GATE,		/* the QER's gate is closed */
	EDGEDP_DROP_QER_MBR,		/* above the QER's maximum bit rate */

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
	EDGEDP_CMD_EP_NEW,	/* do, admin: add a local GTP-U endpoint */
	EDGEDP_CMD_EP_DEL,	/* do, admin: remove it */
	EDGEDP_CMD_EP_GET,	/* dump: the endpoints of a device */
	EDGEDP_CMD_SESSION_NEW,	/* do, admin: a session with its rules, atomically */
	EDGEDP_CMD_SESSION_MOD,	/* do, admin: create/update/remove rules, atomically */
	EDGEDP_CMD_SESSION_DEL,	/* do, admin: a session and all its rules */
	EDGEDP_CMD_SESSION_GET,	/* do: one session; dump: every session of a device */

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

/* A local GTP-U endpoint: a UDP socket on ADDR4 or ADDR6, port PORT. */
enum edgedp_ep_attrs {
	EDGEDP_A_EP_UNSPEC,
	EDGEDP_A_EP_PAD,
	EDGEDP_A_EP_IFINDEX,		/* u32: the edgedp device */
	EDGEDP_A_EP_ADDR4,		/* be32 */
	EDGEDP_A_EP_ADDR6,		/* binary, 16 bytes */
	EDGEDP_A_EP_PORT,		/* u16, default 2152 */
	EDGEDP_A_EP_ROLE,		/* u8: enum edgedp_ep_role */

	__EDGEDP_A_EP_MAX
};

#define EDGEDP_A_EP_MAX (__EDGEDP_A_EP_MAX - 1)

/* A PFCP session: SEID and its rules. */
enum edgedp_session_attrs {
	EDGEDP_A_SESSION_UNSPEC,
	EDGEDP_A_SESSION_PAD,
	EDGEDP_A_SESSION_IFINDEX,	/* u32: the edgedp device */
	EDGEDP_A_SESSION_SEID,		/* u64 */
	EDGEDP_A_SESSION_PDR,		/* nest, repeated: EDGEDP_A_PDR_* */
	EDGEDP_A_SESSION_FAR,		/* nest, repeated: EDGEDP_A_FAR_* */
	EDGEDP_A_SESSION_REMOVE_PDR,	/* u16, repeated: PDR ids (mod only) */
	EDGEDP_A_SESSION_REMOVE_FAR,	/* u32, repeated: FAR ids (mod only) */
	EDGEDP_A_SESSION_PEER_CHECK,	/* u8: 1 (default): G-PDUs from no FAR peer drop */
	EDGEDP_A_SESSION_QER,		/* nest, repeated: EDGEDP_A_QER_* */
	EDGEDP_A_SESSION_REMOVE_QER,	/* u32, repeated: QER ids (mod only) */

	__EDGEDP_A_SESSION_MAX
};

#define EDGEDP_A_SESSION_MAX (__EDGEDP_A_SESSION_MAX - 1)

/* Packet Detection Rule (TS 29.244 7.5.2.2): what it matches, where it goes. */
enum edgedp_pdr_attrs {
	EDGEDP_A_PDR_UNSPEC,
	EDGEDP_A_PDR_PAD,
	EDGEDP_A_PDR_ID,		/* u16 */
	EDGEDP_A_PDR_PRECEDENCE,	/* u32: lower matches first */
	EDGEDP_A_PDR_SRC_IFACE,		/* u8: enum edgedp_iface */
	EDGEDP_A_PDR_TEID,		/* u32: local F-TEID */
	EDGEDP_A_PDR_LOCAL4,		/* be32: local F-TEID address */
	EDGEDP_A_PDR_LOCAL6,		/* binary, 16 bytes */
	EDGEDP_A_PDR_UE4,		/* be32: UE IPv4 address */
	EDGEDP_A_PDR_UE6,		/* binary, 16 bytes: UE IPv6 prefix */
	EDGEDP_A_PDR_UE6_PLEN,		/* u8: its length, 64-128 (default 64) */
	EDGEDP_A_PDR_QFI,		/* u8: 0-63 */
	EDGEDP_A_PDR_OHR,		/* u8: enum edgedp_ohr */
	EDGEDP_A_PDR_FAR_ID,		/* u32 */
	EDGEDP_A_PDR_STATS,		/* nest: EDGEDP_A_RSTATS_*, replies only */
	EDGEDP_A_PDR_QER_ID,		/* u32: the QER enforced on this PDR */

	__EDGEDP_A_PDR_MAX
};

#define EDGEDP_A_PDR_MAX (__EDGEDP_A_PDR_MAX - 1)

/* Forwarding Action Rule (TS 29.244 7.5.2.3). */
enum edgedp_far_attrs {
	EDGEDP_A_FAR_UNSPEC,
	EDGEDP_A_FAR_PAD,
	EDGEDP_A_FAR_ID,		/* u32 */
	EDGEDP_A_FAR_ACTION,		/* u8: enum edgedp_far_action bits */
	EDGEDP_A_FAR_DST_IFACE,		/* u8: enum edgedp_iface */
	EDGEDP_A_FAR_TEID,		/* u32: outer header creation: peer TEID */
	EDGEDP_A_FAR_PEER4,		/* be32: outer header creation: peer */
	EDGEDP_A_FAR_PEER6,		/* binary, 16 bytes */
	EDGEDP_A_FAR_PORT,		/* u16: peer UDP port, default 2152 */
	EDGEDP_A_FAR_QFI,		/* u8: send a PDU Session Container with it */
	EDGEDP_A_FAR_DSCP,		/* u8: 0-63, outer DSCP */

	__EDGEDP_A_FAR_MAX
};

#define EDGEDP_A_FAR_MAX (__EDGEDP_A_FAR_MAX - 1)

/* PFCP Gate Status values (TS 29.244 8.2.7). */
enum edgedp_gate {
	EDGEDP_GATE_OPEN,
	EDGEDP_GATE_CLOSED,
};

/* QoS Enforcement Rule (TS 29.244 7.5.2.5): gates and maximum bit rates. */
enum edgedp_qer_attrs {
	EDGEDP_A_QER_UNSPEC,
	EDGEDP_A_QER_PAD,
	EDGEDP_A_QER_ID,		/* u32 */
	EDGEDP_A_QER_GATE_UL,		/* u8: enum edgedp_gate */
	EDGEDP_A_QER_GATE_DL,		/* u8: enum edgedp_gate */
	EDGEDP_A_QER_MBR_UL,		/* u64: kbit/s, 0 = no limit */
	EDGEDP_A_QER_MBR_DL,		/* u64: kbit/s, 0 = no limit */
	EDGEDP_A_QER_QFI,		/* u8: QFI sent in a PSC when the FAR has none */

	__EDGEDP_A_QER_MAX
};

#define EDGEDP_A_QER_MAX (__EDGEDP_A_QER_MAX - 1)

/* Per-rule counters. */
enum edgedp_rstats_attrs {
	EDGEDP_A_RSTATS_UNSPEC,
	EDGEDP_A_RSTATS_PAD,
	EDGEDP_A_RSTATS_PACKETS,	/* u64 */
	EDGEDP_A_RSTATS_BYTES,		/* u64: inner bytes */

	__EDGEDP_A_RSTATS_MAX
};

#define EDGEDP_A_RSTATS_MAX (__EDGEDP_A_RSTATS_MAX - 1)

#endif /* _UAPI_LINUX_EDGEDP_H */
