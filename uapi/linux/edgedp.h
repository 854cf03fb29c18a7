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
 * Every command but GET_INFO, reads included, needs CAP_NET_ADMIN in the
 * initial user namespace, and joining "events" CAP_NET_ADMIN over the
 * network namespace (docs/security.md). Every attribute is validated
 * strictly; a rejected request carries an extack message.
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
	EDGEDP_FEATURE_URR = 1 << 2,	/* usage reporting rules, volume events */
	EDGEDP_FEATURE_PEER = 1 << 3,	/* GTP-U path supervision (Echo) */
	EDGEDP_FEATURE_SDF = 1 << 4,	/* SDF traffic filters on PDRs (UL CL) */
	EDGEDP_FEATURE_FASTPATH = 1 << 5, /* EDGEDP_EPF_FASTPATH endpoints */
	EDGEDP_FEATURE_URR_QUOTA = 1 << 6, /* URR volume quotas */
	EDGEDP_FEATURE_LIMITS = 1 << 7,	/* per-device session and rule limits */
};

/*
 * A device's limits when EDGEDP_CMD_DEV_NEW (or `ip link add`) sets none:
 * EDGEDP_A_DEV_MAX_SESSIONS and EDGEDP_A_DEV_MAX_RULES. Rules are the PDRs,
 * FARs, QERs, URRs and SDF filters of all its sessions (docs/security.md).
 */
#define EDGEDP_DEV_MAX_SESSIONS_DEFAULT	1048576
#define EDGEDP_DEV_MAX_RULES_DEFAULT	8388608

/*
 * EDGEDP_A_SESSION_MOD_FLAGS: what SESSION_MOD requires of every PDR, FAR,
 * QER and URR it writes. Neither flag: each is created or replaced.
 */
enum edgedp_mod_flags {
	EDGEDP_MOD_CREATE = 1 << 0,	/* must be new, else EEXIST */
	EDGEDP_MOD_REPLACE = 1 << 1,	/* must exist, else ENOENT */
};

/*
 * EDGEDP_A_EP_FLAGS. FASTPATH: G-PDUs to the endpoint are taken at the end
 * of the namespace's PRE_ROUTING netfilter hook, before routing, instead of
 * through the UDP socket: they skip the INPUT chain and the UDP layer (the
 * socket still owns the port; every other message goes through it).
 */
enum edgedp_ep_flags {
	EDGEDP_EPF_FASTPATH = 1 << 0,
};

/* The state of a supervised GTP-U peer (TS 29.281 7.2, TS 23.007 20). */
enum edgedp_peer_state {
	EDGEDP_PEER_UNKNOWN,		/* no Echo Response yet */
	EDGEDP_PEER_UP,			/* answered within the retries */
	EDGEDP_PEER_DOWN,		/* RETRIES Echo Requests in a row unanswered */
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
	EDGEDP_FAR_NOCP = 1 << 3,	/* notify the CP: EDGEDP_CMD_DL_DATA_NTF */
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
	EDGEDP_DROP_URR_QUOTA,		/* a URR of the PDR has used up its volume quota */

	__EDGEDP_DROP_MAX
};

#define EDGEDP_DROP_MAX (__EDGEDP_DROP_MAX - 1)

enum edgedp_cmd {
	EDGEDP_CMD_UNSPEC,
	EDGEDP_CMD_GET_INFO,	/* do: EDGEDP_A_INFO_* */
	EDGEDP_CMD_DEV_NEW,	/* do, admin: [IFNAME] -> DEV_* of the new device */
	EDGEDP_CMD_DEV_DEL,	/* do, admin: IFINDEX | IFNAME */
	EDGEDP_CMD_DEV_GET,	/* do, admin: IFINDEX | IFNAME; dump: every device */
	EDGEDP_CMD_DEV_ADD_NTF,	/* event: a device was created */
	EDGEDP_CMD_DEV_DEL_NTF,	/* event: a device was deleted */
	EDGEDP_CMD_EP_NEW,	/* do, admin: add a local GTP-U endpoint */
	EDGEDP_CMD_EP_DEL,	/* do, admin: remove it */
	EDGEDP_CMD_EP_GET,	/* dump, admin: the endpoints of a device */
	EDGEDP_CMD_SESSION_NEW,	/* do, admin: a session with its rules, atomically */
	EDGEDP_CMD_SESSION_MOD,	/* do, admin: create/update/remove rules, atomically */
	EDGEDP_CMD_SESSION_DEL,	/* do, admin: a session and all its rules */
	EDGEDP_CMD_SESSION_GET,	/* do, admin: one session; dump: every session of a device */
	EDGEDP_CMD_URR_REPORT_NTF, /* event: a URR reached a volume threshold or quota */
	EDGEDP_CMD_PEER_NEW,	/* do, admin: supervise a GTP-U peer with Echo */
	EDGEDP_CMD_PEER_DEL,	/* do, admin: stop supervising it */
	EDGEDP_CMD_PEER_GET,	/* do, admin: one peer; dump: every peer of a device */
	EDGEDP_CMD_PEER_NTF,	/* event: a peer went up or down, or restarted */
	EDGEDP_CMD_DL_DATA_NTF,	/* event: a buff/nocp FAR was hit (see notify.c) */
	EDGEDP_CMD_DEV_SET,	/* do, admin: IFINDEX | IFNAME, MAX_SESSIONS, MAX_RULES */

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
	EDGEDP_A_DEV_MAX_SESSIONS,	/* u32, >= 1: sessions the device accepts */
	EDGEDP_A_DEV_MAX_RULES,		/* u32, >= 1: rules over all its sessions */
	EDGEDP_A_DEV_SESSIONS,		/* u32: sessions now, replies only */
	EDGEDP_A_DEV_RULES,		/* u32: rules now, replies only */

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
	EDGEDP_A_EP_FLAGS,		/* u32: enum edgedp_ep_flags */

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
	EDGEDP_A_SESSION_MOD_FLAGS,	/* u32: enum edgedp_mod_flags (mod only) */
	EDGEDP_A_SESSION_URR,		/* nest, repeated: EDGEDP_A_URR_* */
	EDGEDP_A_SESSION_REMOVE_URR,	/* u32, repeated: URR ids (mod only) */
	EDGEDP_A_SESSION_RESET_URR,	/* u32, repeated: zero these URRs' counters (mod only) */

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
	EDGEDP_A_PDR_QER_ID,		/* u32, repeated (at most 4): QERs enforced, all of them */
	EDGEDP_A_PDR_URR_ID,		/* u32, repeated (at most 4): URRs that count it */
	EDGEDP_A_PDR_SDF,		/* nest, repeated: EDGEDP_A_SDF_*; any one matches */

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
	EDGEDP_A_QER_MBR_UL,		/* u64: kbit/s, 0 = no limit, at most 10^10 */
	EDGEDP_A_QER_MBR_DL,		/* u64: kbit/s, 0 = no limit, at most 10^10 */
	EDGEDP_A_QER_QFI,		/* u8: QFI sent in a PSC when the FAR has none */

	__EDGEDP_A_QER_MAX
};

#define EDGEDP_A_QER_MAX (__EDGEDP_A_QER_MAX - 1)

/*
 * Usage Reporting Rule (TS 29.244 7.5.2.4): volume measurement of the PDRs
 * that name it, in inner bytes, uplink and downlink. Counters run from the
 * URR's creation or its last reset. With a threshold set, each time the
 * volume measured since the previous report reaches it, one
 * EDGEDP_CMD_URR_REPORT_NTF goes to the "events" group carrying the
 * session's ifindex and SEID and this nest with the counters at that moment.
 *
 * With a volume quota set (TS 29.244 5.2.2.2.1), the packet with which the
 * volume since the quota was granted reaches it is the last one forwarded:
 * the URR is then exhausted (EDGEDP_A_URR_QUOTA_EXHAUSTED in replies), one
 * report goes out with that flag, and every later packet of a PDR naming
 * the URR is dropped (EDGEDP_DROP_URR_QUOTA, not counted by the URR) until
 * the CP grants a new quota (the URR sent again with a quota: the volume
 * counts from then) or resets the URR.
 */
enum edgedp_urr_attrs {
	EDGEDP_A_URR_UNSPEC,
	EDGEDP_A_URR_PAD,
	EDGEDP_A_URR_ID,		/* u32 */
	EDGEDP_A_URR_VOL_THRESH_TOTAL,	/* u64: bytes, 0 = none */
	EDGEDP_A_URR_VOL_THRESH_UL,	/* u64: bytes, 0 = none */
	EDGEDP_A_URR_VOL_THRESH_DL,	/* u64: bytes, 0 = none */
	EDGEDP_A_URR_UL_PACKETS,	/* u64: replies and reports */
	EDGEDP_A_URR_UL_BYTES,		/* u64 */
	EDGEDP_A_URR_DL_PACKETS,	/* u64 */
	EDGEDP_A_URR_DL_BYTES,		/* u64 */
	EDGEDP_A_URR_REPORTS,		/* u32: reports sent */
	EDGEDP_A_URR_VOL_QUOTA_TOTAL,	/* u64: bytes, 0 = none */
	EDGEDP_A_URR_VOL_QUOTA_UL,	/* u64: bytes, 0 = none */
	EDGEDP_A_URR_VOL_QUOTA_DL,	/* u64: bytes, 0 = none */
	EDGEDP_A_URR_QUOTA_EXHAUSTED,	/* flag: replies and reports */

	__EDGEDP_A_URR_MAX
};

#define EDGEDP_A_URR_MAX (__EDGEDP_A_URR_MAX - 1)

/*
 * SDF filter (TS 29.244 8.2.5): one PFCP Flow Description. SRC and DST are
 * as written in the flow description, "from" and "to" in downlink form:
 * SRC is the data-network side, DST the UE side. For a PDR whose source
 * interface is ACCESS (uplink) the datapath swaps them when matching, as TS
 * 29.244 5.2.1A.2A requires. An absent field matches anything; an address
 * without its length means a full-length prefix; address families of SRC and
 * DST must agree. Port ranges are inclusive and need PROTO tcp, udp or sctp.
 */
enum edgedp_sdf_attrs {
	EDGEDP_A_SDF_UNSPEC,
	EDGEDP_A_SDF_PAD,
	EDGEDP_A_SDF_ID,		/* u32: SDF Filter ID (optional) */
	EDGEDP_A_SDF_SRC4,		/* be32 */
	EDGEDP_A_SDF_SRC6,		/* binary, 16 bytes */
	EDGEDP_A_SDF_SRC_PLEN,		/* u8 */
	EDGEDP_A_SDF_DST4,		/* be32 */
	EDGEDP_A_SDF_DST6,		/* binary, 16 bytes */
	EDGEDP_A_SDF_DST_PLEN,		/* u8 */
	EDGEDP_A_SDF_PROTO,		/* u8: IP protocol / IPv6 next header */
	EDGEDP_A_SDF_SRC_PORT_MIN,	/* u16 */
	EDGEDP_A_SDF_SRC_PORT_MAX,	/* u16 */
	EDGEDP_A_SDF_DST_PORT_MIN,	/* u16 */
	EDGEDP_A_SDF_DST_PORT_MAX,	/* u16 */
	EDGEDP_A_SDF_TOS,		/* u8: ToS / traffic class value ... */
	EDGEDP_A_SDF_TOS_MASK,		/* u8: ... under this mask (default 0xff) */
	EDGEDP_A_SDF_SPI,		/* u32: IPsec SPI (ESP or AH) */
	EDGEDP_A_SDF_FLOW_LABEL,	/* u32: IPv6 flow label, 20 bits */
	EDGEDP_A_SDF_STATS,		/* nest: EDGEDP_A_RSTATS_*, replies only */

	__EDGEDP_A_SDF_MAX
};

#define EDGEDP_A_SDF_MAX (__EDGEDP_A_SDF_MAX - 1)

/*
 * A supervised GTP-U peer: an Echo Request every INTERVAL milliseconds
 * from a local endpoint of its family; DOWN after RETRIES requests in a row
 * go unanswered (each waits one interval), UP at the first Echo Response.
 * EDGEDP_CMD_PEER_NTF reports every state change and every change of the
 * peer's Recovery restart counter (TS 23.007 20: the peer restarted).
 */
enum edgedp_peer_attrs {
	EDGEDP_A_PEER_UNSPEC,
	EDGEDP_A_PEER_PAD,
	EDGEDP_A_PEER_IFINDEX,		/* u32: the edgedp device */
	EDGEDP_A_PEER_ADDR4,		/* be32 */
	EDGEDP_A_PEER_ADDR6,		/* binary, 16 bytes */
	EDGEDP_A_PEER_PORT,		/* u16, default 2152 */
	EDGEDP_A_PEER_INTERVAL,		/* u32: ms, 100-3600000, default 60000 */
	EDGEDP_A_PEER_RETRIES,		/* u8: 1-16, default 3 */
	EDGEDP_A_PEER_STATE,		/* u8: enum edgedp_peer_state (replies, events) */
	EDGEDP_A_PEER_RECOVERY,		/* u8: the peer's last restart counter */
	EDGEDP_A_PEER_ECHO_TX,		/* u64: Echo Requests sent */
	EDGEDP_A_PEER_ECHO_RX,		/* u64: Echo Responses received */

	__EDGEDP_A_PEER_MAX
};

#define EDGEDP_A_PEER_MAX (__EDGEDP_A_PEER_MAX - 1)

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
