// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * GTP-U (3GPP TS 29.281) header parsing and building. Pure logic: this file
 * includes nothing but gtpu.h (and so pure.h), and is also built on the host
 * by selftests/host/ for unit tests, fuzzing and benchmarks.
 *
 * The header, octet by octet (TS 29.281 5.1):
 *
 *   1     version (3) | PT | spare | E | S | PN
 *   2     message type
 *   3-4   length: octets after octet 8 (optional field, extensions, payload)
 *   5-8   TEID
 *   9-10  sequence number     \
 *   11    N-PDU number         > present when any of E, S, PN is set
 *   12    next extension type /
 *
 * then, while the next type is not 0, extension headers of 4 * n octets:
 * n (1 octet, never 0), 4 * n - 2 octets of content, the next type.
 */

#include "wire.h"

static const char * const edgedp_gtpu_err_names[EDGEDP_GTPU_ERR_COUNT] = {
	[EDGEDP_GTPU_OK] = "ok",
	[EDGEDP_GTPU_ERR_TRUNCATED] = "truncated",
	[EDGEDP_GTPU_ERR_VERSION] = "bad_version",
	[EDGEDP_GTPU_ERR_PT] = "bad_pt",
	[EDGEDP_GTPU_ERR_LENGTH] = "bad_length",
	[EDGEDP_GTPU_ERR_EXT_ZERO] = "ext_zero_len",
	[EDGEDP_GTPU_ERR_EXT_OVERRUN] = "ext_overrun",
	[EDGEDP_GTPU_ERR_EXT_TOO_MANY] = "ext_too_many",
	[EDGEDP_GTPU_ERR_EXT_LEN] = "ext_bad_len",
	[EDGEDP_GTPU_ERR_EXT_DUP] = "ext_dup",
	[EDGEDP_GTPU_ERR_EXT_UNSUPP] = "ext_unsupported",
	[EDGEDP_GTPU_ERR_PSC_TYPE] = "psc_bad_type",
	[EDGEDP_GTPU_ERR_MSG_TYPE] = "bad_msg_type",
	[EDGEDP_GTPU_ERR_IE_OVERRUN] = "ie_overrun",
	[EDGEDP_GTPU_ERR_IE_MISSING] = "ie_missing",
	[EDGEDP_GTPU_ERR_IE_BAD] = "ie_bad_len",
};

const char *edgedp_gtpu_err_name(int err)
{
	unsigned int i = err < 0 ? -(unsigned int)err : (unsigned int)err;

	return i < EDGEDP_GTPU_ERR_COUNT ? edgedp_gtpu_err_names[i] : "unknown";
}

/*
 * The PDU Session Container (TS 38.415 5.5.2). e points at its length octet,
 * elen (a multiple of 4, at least 4) is its size. The octets read:
 *   e[1]  PDU type (4) | QMP | SNP | ... flags that we do not use
 *   e[2]  DL: PPP | RQI | QFI (6)      UL: N3/N9 delay | new IE | QFI (6)
 *   e[3]  DL with PPP: PPI (3) | spare
 * Optional fields that other flags announce are not read and not checked.
 */
static int edgedp_gtpu_psc(const u8 *e, unsigned int elen,
			   struct edgedp_gtpu_hdr *h)
{
	u8 pdu_type = e[1] >> 4;

	if (unlikely(pdu_type > EDGEDP_GTPU_PSC_UL))
		return -EDGEDP_GTPU_ERR_PSC_TYPE;
	if (unlikely(h->has_psc))
		return -EDGEDP_GTPU_ERR_EXT_DUP;
	h->has_psc = true;
	h->pdu_type = pdu_type;
	h->qfi = e[2] & 0x3f;
	if (pdu_type == EDGEDP_GTPU_PSC_DL) {
		h->rqi = e[2] & 0x40;
		if (e[2] & 0x80) {
			/* The PPI octet must lie before the next-type octet. */
			if (unlikely(elen < 8))
				return -EDGEDP_GTPU_ERR_EXT_LEN;
			h->has_ppi = true;
			h->ppi = e[3] >> 5;
		}
	}
	return 0;
}

/*
 * One extension header of this type at e, elen octets. Supported types are
 * read; the others are skipped or fail by their comprehension bits: we are
 * the endpoint receiver, so both "required by the endpoint" (10) and
 * "required by all" (11) apply to us.
 */
static int edgedp_gtpu_ext(const u8 *e, unsigned int elen, u8 type,
			   struct edgedp_gtpu_hdr *h)
{
	if (likely(type == EDGEDP_GTPU_EXT_PSC))
		return edgedp_gtpu_psc(e, elen, h);
	if (type == EDGEDP_GTPU_EXT_UDP_PORT) {
		if (unlikely(elen != 4))
			return -EDGEDP_GTPU_ERR_EXT_LEN;
		if (unlikely(h->has_udp_port))
			return -EDGEDP_GTPU_ERR_EXT_DUP;
		h->has_udp_port = true;
		h->udp_port = edgedp_get_be16(e + 1);
		return 0;
	}
	if (EDGEDP_GTPU_EXT_CR(type) >= EDGEDP_GTPU_CR_ENDPOINT)
		return -EDGEDP_GTPU_ERR_EXT_UNSUPP;
	return 0;
}

/*
 * The optional field and the extension header chain, for a message whose
 * first end octets are its own (end = 8 + Length, within the buffer).
 */
static int edgedp_gtpu_parse_opt(const u8 *buf, unsigned int end,
				 struct edgedp_gtpu_hdr *h)
{
	unsigned int off = EDGEDP_GTPU_HLEN + EDGEDP_GTPU_OPT_LEN;
	unsigned int n, elen;
	u8 next;
	int ret;

	if (unlikely(end < off))
		return -EDGEDP_GTPU_ERR_LENGTH;
	if (h->flags & EDGEDP_GTPU_F_S) {
		h->has_seq = true;
		h->seq = edgedp_get_be16(buf + 8);
	}
	if (h->flags & EDGEDP_GTPU_F_PN) {
		h->has_npdu = true;
		h->npdu = buf[10];
	}
	next = h->flags & EDGEDP_GTPU_F_E ? buf[11] : EDGEDP_GTPU_EXT_NONE;
	/*
	 * What N3 and N9 carry: one PDU Session Container of one word, last
	 * in the chain. The loop below would accept it through the same
	 * checks; this is that case in a quarter fewer instructions.
	 */
	if (likely(next == EDGEDP_GTPU_EXT_PSC && end >= 16 && buf[12] == 1 &&
		   buf[15] == EDGEDP_GTPU_EXT_NONE)) {
		ret = edgedp_gtpu_psc(buf + off, 4, h);
		if (unlikely(ret))
			goto bad_ext;
		h->ext_count = 1;
		h->hdr_len = 16;
		h->payload_len = end - 16;
		return 0;
	}
	for (n = 0; next != EDGEDP_GTPU_EXT_NONE; n++) {
		if (unlikely(n == EDGEDP_GTPU_MAX_EXT)) {
			ret = -EDGEDP_GTPU_ERR_EXT_TOO_MANY;
			goto bad_ext;
		}
		if (unlikely(off >= end)) {
			ret = -EDGEDP_GTPU_ERR_EXT_OVERRUN;
			goto bad_ext;
		}
		elen = buf[off] * 4u;
		if (unlikely(!elen)) {
			ret = -EDGEDP_GTPU_ERR_EXT_ZERO;
			goto bad_ext;
		}
		if (unlikely(elen > end - off)) {
			ret = -EDGEDP_GTPU_ERR_EXT_OVERRUN;
			goto bad_ext;
		}
		ret = edgedp_gtpu_ext(buf + off, elen, next, h);
		if (unlikely(ret))
			goto bad_ext;
		off += elen;
		next = buf[off - 1];
	}
	h->ext_count = n;
	h->hdr_len = off;
	h->payload_len = end - off;
	return 0;

bad_ext:
	h->bad_ext = next;
	return ret;
}

static int edgedp_gtpu_bad_flags(u8 flags)
{
	if ((flags & EDGEDP_GTPU_F_VERSION) != EDGEDP_GTPU_F_V1)
		return -EDGEDP_GTPU_ERR_VERSION;
	return -EDGEDP_GTPU_ERR_PT;
}

int edgedp_gtpu_parse(const u8 *buf, size_t len, struct edgedp_gtpu_hdr *h)
{
	unsigned int end;

	memset(h, 0, sizeof(*h));
	if (unlikely(len < EDGEDP_GTPU_HLEN))
		return -EDGEDP_GTPU_ERR_TRUNCATED;
	h->flags = buf[0];
	h->type = buf[1];
	h->length = edgedp_get_be16(buf + 2);
	h->teid = edgedp_get_be32(buf + 4);
	if (unlikely((h->flags & (EDGEDP_GTPU_F_VERSION | EDGEDP_GTPU_F_PT)) !=
		     (EDGEDP_GTPU_F_V1 | EDGEDP_GTPU_F_PT)))
		return edgedp_gtpu_bad_flags(h->flags);
	end = EDGEDP_GTPU_HLEN + h->length;
	if (unlikely(end > len))
		return -EDGEDP_GTPU_ERR_TRUNCATED;
	if (h->flags & EDGEDP_GTPU_F_OPT)
		return edgedp_gtpu_parse_opt(buf, end, h);
	h->hdr_len = EDGEDP_GTPU_HLEN;
	h->payload_len = h->length;
	return 0;
}

/*
 * Value lengths of the TV information elements (types 1-127) of GTPv1,
 * TS 29.060 7.7; 0 where the type is unknown. GTP-U itself uses only
 * Recovery and TEID Data I, but knowing the others lets a receiver skip them
 * rather than stop at them.
 */
static const u8 edgedp_gtpu_tv_len[128] = {
	[1] = 1,	/* Cause */
	[2] = 8,	/* IMSI */
	[3] = 6,	/* Routeing Area Identity */
	[4] = 4,	/* TLLI */
	[5] = 4,	/* P-TMSI */
	[8] = 1,	/* Reordering Required */
	[9] = 28,	/* Authentication Triplet */
	[11] = 1,	/* MAP Cause */
	[12] = 3,	/* P-TMSI Signature */
	[13] = 1,	/* MS Validated */
	[EDGEDP_GTPU_IE_RECOVERY] = 1,
	[15] = 1,	/* Selection Mode */
	[EDGEDP_GTPU_IE_TEID_DATA_I] = 4,
	[17] = 4,	/* TEID Control Plane */
	[18] = 5,	/* TEID Data II */
	[19] = 1,	/* Teardown Ind */
	[20] = 1,	/* NSAPI */
	[21] = 1,	/* RANAP Cause */
	[22] = 9,	/* RAB Context */
	[23] = 1,	/* Radio Priority SMS */
	[24] = 1,	/* Radio Priority */
	[25] = 2,	/* Packet Flow Id */
	[26] = 2,	/* Charging Characteristics */
	[27] = 2,	/* Trace Reference */
	[28] = 2,	/* Trace Type */
	[29] = 1,	/* MS Not Reachable Reason */
	[127] = 4,	/* Charging ID */
};

int edgedp_gtpu_ie_next(const u8 *buf, size_t end, size_t *off,
			struct edgedp_gtpu_ie *ie)
{
	size_t o = *off, hl, vl;
	u8 type;

	if (o >= end)
		return 0;
	type = buf[o];
	if (type < 128) {
		vl = edgedp_gtpu_tv_len[type];
		if (!vl) {
			*off = end;
			return 0;
		}
		hl = 1;
	} else if (type == EDGEDP_GTPU_IE_EXT_HDR_LIST) {
		if (end - o < 2)
			return -EDGEDP_GTPU_ERR_IE_OVERRUN;
		vl = buf[o + 1];
		hl = 2;
	} else {
		if (end - o < 3)
			return -EDGEDP_GTPU_ERR_IE_OVERRUN;
		vl = edgedp_get_be16(buf + o + 1);
		hl = 3;
	}
	if (vl > end - o - hl)
		return -EDGEDP_GTPU_ERR_IE_OVERRUN;
	ie->type = type;
	ie->val = buf + o + hl;
	ie->len = vl;
	*off = o + hl + vl;
	return 1;
}

int edgedp_gtpu_parse_echo(const u8 *buf, size_t len, struct edgedp_gtpu_hdr *h,
			   struct edgedp_gtpu_echo *e)
{
	struct edgedp_gtpu_ie ie;
	size_t off, end;
	int ret;

	ret = edgedp_gtpu_parse(buf, len, h);
	if (ret)
		return ret;
	if (h->type != EDGEDP_GTPU_ECHO_REQ && h->type != EDGEDP_GTPU_ECHO_RESP)
		return -EDGEDP_GTPU_ERR_MSG_TYPE;
	memset(e, 0, sizeof(*e));
	off = h->hdr_len;
	end = off + h->payload_len;
	while ((ret = edgedp_gtpu_ie_next(buf, end, &off, &ie)) > 0) {
		if (ie.type == EDGEDP_GTPU_IE_RECOVERY && !e->has_recovery) {
			e->has_recovery = true;
			e->recovery = ie.val[0];
		}
	}
	return ret;
}

int edgedp_gtpu_parse_error_ind(const u8 *buf, size_t len,
				struct edgedp_gtpu_hdr *h,
				struct edgedp_gtpu_err_ind *ei)
{
	bool have_teid = false, have_addr = false;
	struct edgedp_gtpu_ie ie;
	size_t off, end;
	int ret;

	ret = edgedp_gtpu_parse(buf, len, h);
	if (ret)
		return ret;
	if (h->type != EDGEDP_GTPU_ERROR_IND)
		return -EDGEDP_GTPU_ERR_MSG_TYPE;
	memset(ei, 0, sizeof(*ei));
	ei->udp_port = h->udp_port;
	off = h->hdr_len;
	end = off + h->payload_len;
	while ((ret = edgedp_gtpu_ie_next(buf, end, &off, &ie)) > 0) {
		if (ie.type == EDGEDP_GTPU_IE_TEID_DATA_I && !have_teid) {
			have_teid = true;
			ei->teid = edgedp_get_be32(ie.val);
		} else if (ie.type == EDGEDP_GTPU_IE_PEER_ADDR && !have_addr) {
			if (ie.len != 4 && ie.len != 16)
				return -EDGEDP_GTPU_ERR_IE_BAD;
			have_addr = true;
			ei->addr_len = ie.len;
			memcpy(ei->addr, ie.val, ie.len);
		}
	}
	if (ret)
		return ret;
	if (!have_teid || !have_addr)
		return -EDGEDP_GTPU_ERR_IE_MISSING;
	return 0;
}

size_t edgedp_gtpu_hdr_len(const struct edgedp_gtpu_build_opts *o)
{
	size_t n = EDGEDP_GTPU_HLEN;

	if (!o)
		return n;
	if (o->has_seq || o->has_psc || o->udp_port)
		n += EDGEDP_GTPU_OPT_LEN;
	if (o->udp_port)
		n += 4;
	if (o->has_psc)
		n += o->has_ppi ? 8 : 4;
	return n;
}

static bool edgedp_gtpu_opts_valid(const struct edgedp_gtpu_build_opts *o)
{
	if (!o->has_psc)
		return true;
	if (o->pdu_type > EDGEDP_GTPU_PSC_UL || o->qfi > 0x3f)
		return false;
	if (o->pdu_type != EDGEDP_GTPU_PSC_DL && (o->rqi || o->has_ppi))
		return false;
	return !o->has_ppi || o->ppi <= 7;
}

size_t edgedp_gtpu_build(u8 *buf, size_t room, u8 type, u32 teid,
			 u16 payload_len, const struct edgedp_gtpu_build_opts *o)
{
	size_t hl = edgedp_gtpu_hdr_len(o);
	u8 flags = EDGEDP_GTPU_F_V1 | EDGEDP_GTPU_F_PT;
	u8 *p, *next;

	if (unlikely(hl > room || hl - EDGEDP_GTPU_HLEN + payload_len > 0xffff))
		return 0;
	buf[1] = type;
	edgedp_put_be16(buf + 2, hl - EDGEDP_GTPU_HLEN + payload_len);
	edgedp_put_be32(buf + 4, teid);
	if (hl == EDGEDP_GTPU_HLEN) {
		buf[0] = flags;
		return hl;
	}
	if (unlikely(!edgedp_gtpu_opts_valid(o)))
		return 0;

	if (o->has_seq)
		flags |= EDGEDP_GTPU_F_S;
	edgedp_put_be16(buf + 8, o->has_seq ? o->seq : 0);
	buf[10] = 0;
	next = &buf[11];
	*next = EDGEDP_GTPU_EXT_NONE;
	p = buf + EDGEDP_GTPU_HLEN + EDGEDP_GTPU_OPT_LEN;

	if (o->udp_port) {
		flags |= EDGEDP_GTPU_F_E;
		*next = EDGEDP_GTPU_EXT_UDP_PORT;
		p[0] = 1;
		edgedp_put_be16(p + 1, o->udp_port);
		next = &p[3];
		*next = EDGEDP_GTPU_EXT_NONE;
		p += 4;
	}
	if (o->has_psc) {
		u8 words = o->has_ppi ? 2 : 1;

		flags |= EDGEDP_GTPU_F_E;
		*next = EDGEDP_GTPU_EXT_PSC;
		memset(p, 0, words * 4);
		p[0] = words;
		p[1] = o->pdu_type << 4;
		p[2] = o->qfi | (o->rqi ? 0x40 : 0) | (o->has_ppi ? 0x80 : 0);
		if (o->has_ppi)
			p[3] = o->ppi << 5;
		/* The memset wrote the last octet: no more extension headers. */
	}
	buf[0] = flags;
	return hl;
}

/* The header of a path management message: S set, TEID 0, IEs follow. */
static size_t edgedp_gtpu_build_path(u8 *buf, size_t room, u8 type, u16 seq,
				     u16 udp_port, u16 ies_len)
{
	struct edgedp_gtpu_build_opts o = {
		.has_seq = true,
		.seq = seq,
		.udp_port = udp_port,
	};
	size_t hl = edgedp_gtpu_hdr_len(&o);

	if (room < hl + ies_len)
		return 0;
	return edgedp_gtpu_build(buf, room, type, 0, ies_len, &o);
}

size_t edgedp_gtpu_build_echo_req(u8 *buf, size_t room, u16 seq)
{
	return edgedp_gtpu_build_path(buf, room, EDGEDP_GTPU_ECHO_REQ, seq, 0, 0);
}

/* TS 29.281 7.2.2: the Recovery IE is mandatory and its counter is 0. */
size_t edgedp_gtpu_build_echo_resp(u8 *buf, size_t room, u16 seq)
{
	size_t hl = edgedp_gtpu_build_path(buf, room, EDGEDP_GTPU_ECHO_RESP,
					   seq, 0, 2);

	if (!hl)
		return 0;
	buf[hl] = EDGEDP_GTPU_IE_RECOVERY;
	buf[hl + 1] = 0;
	return hl + 2;
}

/*
 * TS 29.281 7.3.1: TEID Data I, GTP-U Peer Address and, when ei->udp_port
 * is set, the UDP Port extension header with the source port of the G-PDU
 * that triggered it.
 */
size_t edgedp_gtpu_build_error_ind(u8 *buf, size_t room, u16 seq,
				   const struct edgedp_gtpu_err_ind *ei)
{
	u16 ies_len = 5 + 3 + ei->addr_len;
	size_t hl;
	u8 *p;

	if (ei->addr_len != 4 && ei->addr_len != 16)
		return 0;
	hl = edgedp_gtpu_build_path(buf, room, EDGEDP_GTPU_ERROR_IND, seq,
				    ei->udp_port, ies_len);
	if (!hl)
		return 0;
	p = buf + hl;
	p[0] = EDGEDP_GTPU_IE_TEID_DATA_I;
	edgedp_put_be32(p + 1, ei->teid);
	p[5] = EDGEDP_GTPU_IE_PEER_ADDR;
	edgedp_put_be16(p + 6, ei->addr_len);
	memcpy(p + 8, ei->addr, ei->addr_len);
	return hl + ies_len;
}

/* The extension header types edgedp_gtpu_parse() supports. */
static const u8 edgedp_gtpu_supp_ext[] = {
	EDGEDP_GTPU_EXT_UDP_PORT,
	EDGEDP_GTPU_EXT_PSC,
};

/* TS 29.281 7.3.3: one Extension Header Type List IE. */
size_t edgedp_gtpu_build_supp_ext(u8 *buf, size_t room, u16 seq)
{
	u16 ies_len = 2 + ARRAY_SIZE(edgedp_gtpu_supp_ext);
	size_t hl;

	hl = edgedp_gtpu_build_path(buf, room, EDGEDP_GTPU_SUPP_EXT_NOTIF, seq,
				    0, ies_len);
	if (!hl)
		return 0;
	buf[hl] = EDGEDP_GTPU_IE_EXT_HDR_LIST;
	buf[hl + 1] = ARRAY_SIZE(edgedp_gtpu_supp_ext);
	memcpy(buf + hl + 2, edgedp_gtpu_supp_ext, ARRAY_SIZE(edgedp_gtpu_supp_ext));
	return hl + ies_len;
}

#ifdef DEBUG
#include "selftest/wire.c"
#endif
