/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * GTP-U (3GPP TS 29.281) header parsing and building, as pure logic: no
 * allocation, no skb, no locks. Everything works on a (buf, len) view of the
 * bytes that start at the GTP-U header, i.e. the UDP payload, so the same
 * code is built into edgedp.ko and into the host tests (selftests/host/).
 * docs/gtpu.md describes the wire format, the extension header rules and the
 * error codes.
 */
#ifndef _EDGEDP_GTPU_WIRE_H
#define _EDGEDP_GTPU_WIRE_H

#include "pure.h"

#define EDGEDP_GTPU_PORT		2152

/* Message types (TS 29.281 6.1). */
#define EDGEDP_GTPU_ECHO_REQ		1
#define EDGEDP_GTPU_ECHO_RESP		2
#define EDGEDP_GTPU_ERROR_IND		26
#define EDGEDP_GTPU_SUPP_EXT_NOTIF	31
#define EDGEDP_GTPU_END_MARKER		254
#define EDGEDP_GTPU_GPDU		255

/* Octet 1 of the header: version (3 bits), PT, spare, E, S, PN. */
#define EDGEDP_GTPU_F_VERSION		0xe0
#define EDGEDP_GTPU_F_V1		0x20
#define EDGEDP_GTPU_F_PT		0x10
#define EDGEDP_GTPU_F_SPARE		0x08	/* sent as 0, not evaluated */
#define EDGEDP_GTPU_F_E			0x04
#define EDGEDP_GTPU_F_S			0x02
#define EDGEDP_GTPU_F_PN		0x01
#define EDGEDP_GTPU_F_OPT		(EDGEDP_GTPU_F_E | EDGEDP_GTPU_F_S | EDGEDP_GTPU_F_PN)

#define EDGEDP_GTPU_HLEN		8	/* the mandatory header */
#define EDGEDP_GTPU_OPT_LEN		4	/* sequence, N-PDU, next type */

/*
 * Extension header types (TS 29.281 5.2.2). The two high bits of a type say
 * who must comprehend it (5.2.1), see EDGEDP_GTPU_EXT_CR().
 */
#define EDGEDP_GTPU_EXT_NONE		0x00	/* no more extension headers */
#define EDGEDP_GTPU_EXT_LONG_PDCP_OPT	0x03	/* Long PDCP PDU Number, not required */
#define EDGEDP_GTPU_EXT_SCI		0x20	/* Service Class Indicator */
#define EDGEDP_GTPU_EXT_UDP_PORT	0x40
#define EDGEDP_GTPU_EXT_RAN_CONT	0x81	/* RAN Container */
#define EDGEDP_GTPU_EXT_LONG_PDCP	0x82	/* Long PDCP PDU Number */
#define EDGEDP_GTPU_EXT_XW_RAN_CONT	0x83	/* Xw RAN Container */
#define EDGEDP_GTPU_EXT_NR_RAN_CONT	0x84	/* NR RAN Container */
#define EDGEDP_GTPU_EXT_PSC		0x85	/* PDU Session Container */
#define EDGEDP_GTPU_EXT_PDCP		0xc0	/* PDCP PDU Number */

/* Comprehension of an extension header type: bits 8 and 7 of the type. */
#define EDGEDP_GTPU_EXT_CR(type)	((u8)(type) >> 6)
#define EDGEDP_GTPU_CR_FORWARD		0	/* not required, forward it */
#define EDGEDP_GTPU_CR_DISCARD		1	/* not required, drop its content */
#define EDGEDP_GTPU_CR_ENDPOINT		2	/* required by the endpoint receiver */
#define EDGEDP_GTPU_CR_ALL		3	/* required by every receiver */

/* Most extension headers one message may carry; more is an error. */
#define EDGEDP_GTPU_MAX_EXT		8

/* PDU Session Container PDU types (TS 38.415 5.5.3.1). */
#define EDGEDP_GTPU_PSC_DL		0	/* DL PDU SESSION INFORMATION */
#define EDGEDP_GTPU_PSC_UL		1	/* UL PDU SESSION INFORMATION */

/*
 * Information element types used by GTP-U path management (TS 29.281 8).
 * Types below 128 are TV with a fixed length, the others TLV with a 2-octet
 * length, except the Extension Header Type List whose length is 1 octet.
 */
#define EDGEDP_GTPU_IE_RECOVERY		14	/* TV, 1 octet */
#define EDGEDP_GTPU_IE_TEID_DATA_I	16	/* TV, 4 octets */
#define EDGEDP_GTPU_IE_PEER_ADDR	133	/* GSN Address: TLV, 4 or 16 */
#define EDGEDP_GTPU_IE_EXT_HDR_LIST	141	/* TLV with a 1-octet length */
#define EDGEDP_GTPU_IE_PRIVATE_EXT	255

/*
 * Parse results. Functions return 0 or the negative of one of these; the
 * codes are stable so that callers can count each one.
 */
enum edgedp_gtpu_err {
	EDGEDP_GTPU_OK,
	EDGEDP_GTPU_ERR_TRUNCATED,	/* < 8 octets, or < 8 + Length */
	EDGEDP_GTPU_ERR_VERSION,	/* version is not 1 */
	EDGEDP_GTPU_ERR_PT,		/* PT is 0 (GTP') */
	EDGEDP_GTPU_ERR_LENGTH,		/* E/S/PN set but Length < 4 */
	EDGEDP_GTPU_ERR_EXT_ZERO,	/* an extension header of length 0 */
	EDGEDP_GTPU_ERR_EXT_OVERRUN,	/* an extension header runs off the message */
	EDGEDP_GTPU_ERR_EXT_TOO_MANY,	/* more than EDGEDP_GTPU_MAX_EXT */
	EDGEDP_GTPU_ERR_EXT_LEN,	/* a supported type with a length it cannot have */
	EDGEDP_GTPU_ERR_EXT_DUP,	/* a supported type twice */
	EDGEDP_GTPU_ERR_EXT_UNSUPP,	/* comprehension required, type not supported */
	EDGEDP_GTPU_ERR_PSC_TYPE,	/* PDU Session Container of a reserved PDU type */
	EDGEDP_GTPU_ERR_MSG_TYPE,	/* not the message type the parser handles */
	EDGEDP_GTPU_ERR_IE_OVERRUN,	/* an IE runs off the message */
	EDGEDP_GTPU_ERR_IE_MISSING,	/* a mandatory IE is absent */
	EDGEDP_GTPU_ERR_IE_BAD,		/* a known IE with a length it cannot have */

	__EDGEDP_GTPU_ERR_MAX
};

#define EDGEDP_GTPU_ERR_COUNT __EDGEDP_GTPU_ERR_MAX

/*
 * A parsed header. Fields whose has_* flag is false are 0. On an error the
 * struct holds what was read before it; only bad_ext is meant for the caller.
 */
struct edgedp_gtpu_hdr {
	u32 teid;
	u16 length;		/* the Length field: octets after the first 8 */
	u16 hdr_len;		/* octets before the T-PDU or the first IE */
	u16 payload_len;	/* octets of T-PDU or IEs: 8 + length - hdr_len */
	u16 seq;		/* has_seq: the Sequence Number (S flag) */
	u16 udp_port;		/* has_udp_port: UDP Port extension header */
	u8 type;		/* message type */
	u8 flags;		/* octet 1 as received */
	u8 npdu;		/* has_npdu: the N-PDU Number (PN flag) */
	u8 ext_count;		/* extension headers in the chain */
	u8 pdu_type;		/* has_psc: EDGEDP_GTPU_PSC_DL or _UL */
	u8 qfi;			/* has_psc: QoS Flow Identifier, 0..63 */
	u8 ppi;			/* has_ppi: Paging Policy Indicator (DL), 0..7 */
	u8 bad_ext;		/* ERR_EXT_*: the type of the offending header */
	bool has_seq;
	bool has_npdu;
	bool has_psc;		/* a PDU Session Container was present */
	bool rqi;		/* has_psc, DL: Reflective QoS Indicator */
	bool has_ppi;
	bool has_udp_port;
};

/*
 * Header options for the builders; a NULL options pointer means none.
 * udp_port 0 means no UDP Port extension header (0 is no valid source port).
 */
struct edgedp_gtpu_build_opts {
	u16 seq;		/* has_seq */
	u16 udp_port;		/* non-zero: a UDP Port extension header */
	u8 pdu_type;		/* has_psc: EDGEDP_GTPU_PSC_DL or _UL */
	u8 qfi;			/* has_psc: 0..63 */
	u8 ppi;			/* has_ppi: 0..7, DL only */
	bool has_seq;
	bool has_psc;		/* a PDU Session Container */
	bool rqi;		/* has_psc, DL only */
	bool has_ppi;
};

/* One information element, as returned by edgedp_gtpu_ie_next(). */
struct edgedp_gtpu_ie {
	const u8 *val;
	u16 len;
	u8 type;
};

/* Echo Request or Echo Response contents beyond the header. */
struct edgedp_gtpu_echo {
	u8 recovery;		/* has_recovery: the restart counter */
	bool has_recovery;
};

/* Error Indication contents (TS 29.281 7.3.1). */
struct edgedp_gtpu_err_ind {
	u32 teid;		/* TEID Data I: the TEID of the G-PDU that failed */
	u16 udp_port;		/* UDP Port extension header, 0 if absent */
	u8 addr_len;		/* 4 or 16 */
	u8 addr[16];		/* GTP-U Peer Address: where that G-PDU was sent */
};

/*
 * The hot path. Parses the header at buf, which holds len octets (the whole
 * UDP payload); octets beyond 8 + Length are ignored. Returns 0 and fills h,
 * or a negative enum edgedp_gtpu_err. The caller is the endpoint receiver:
 * an extension header it does not support whose comprehension is required
 * (types 0x80-0xff other than those listed in docs/gtpu.md) makes the
 * message fail with -EDGEDP_GTPU_ERR_EXT_UNSUPP and h->bad_ext set.
 */
int edgedp_gtpu_parse(const u8 *buf, size_t len, struct edgedp_gtpu_hdr *h);

/* A short name for an error code (0 or negative), for counters and logs. */
const char *edgedp_gtpu_err_name(int err);

/*
 * Walks the information elements in buf[*off..end). Returns 1 with ie filled
 * and *off advanced, 0 at the end or at a TV IE of an unknown type (whose
 * length cannot be known: the rest of the message is ignored, as TS 29.060
 * 11.1.8 says), or -EDGEDP_GTPU_ERR_IE_OVERRUN.
 */
int edgedp_gtpu_ie_next(const u8 *buf, size_t end, size_t *off,
			struct edgedp_gtpu_ie *ie);

/*
 * Parses an Echo Request or Echo Response: the header into h, the first
 * Recovery IE into e; unknown IEs are skipped. -EDGEDP_GTPU_ERR_MSG_TYPE if
 * the message is neither.
 */
int edgedp_gtpu_parse_echo(const u8 *buf, size_t len, struct edgedp_gtpu_hdr *h,
			   struct edgedp_gtpu_echo *e);

/*
 * Parses an Error Indication: the header into h, its IEs into ei. Both TEID
 * Data I and GTP-U Peer Address are mandatory.
 */
int edgedp_gtpu_parse_error_ind(const u8 *buf, size_t len,
				struct edgedp_gtpu_hdr *h,
				struct edgedp_gtpu_err_ind *ei);

/* Octets edgedp_gtpu_build() writes for these options. */
size_t edgedp_gtpu_hdr_len(const struct edgedp_gtpu_build_opts *o);

/*
 * Writes at buf the header of a message of this type and TEID whose
 * payload_len octets of T-PDU or IEs follow at buf + the returned length.
 * Returns the header length (8, or 12 + 4 * n with n extension header
 * words), or 0 if it exceeds room, the Length field would overflow, or an
 * option is out of range.
 */
size_t edgedp_gtpu_build(u8 *buf, size_t room, u8 type, u32 teid,
			 u16 payload_len, const struct edgedp_gtpu_build_opts *o);

/*
 * Whole path management messages. Each returns the message length or 0 if
 * it does not fit in room (or, for the Error Indication, addr_len is not 4
 * or 16).
 */
size_t edgedp_gtpu_build_echo_req(u8 *buf, size_t room, u16 seq);
size_t edgedp_gtpu_build_echo_resp(u8 *buf, size_t room, u16 seq);
size_t edgedp_gtpu_build_error_ind(u8 *buf, size_t room, u16 seq,
				   const struct edgedp_gtpu_err_ind *ei);
size_t edgedp_gtpu_build_supp_ext(u8 *buf, size_t room, u16 seq);

/* An End Marker: no payload; o may carry a PDU Session Container. */
static inline size_t
edgedp_gtpu_build_end_marker(u8 *buf, size_t room, u32 teid,
			     const struct edgedp_gtpu_build_opts *o)
{
	return edgedp_gtpu_build(buf, room, EDGEDP_GTPU_END_MARKER, teid, 0, o);
}

#ifdef DEBUG
bool edgedp_gtpu_selftest(void);
#endif

#endif /* _EDGEDP_GTPU_WIRE_H */
