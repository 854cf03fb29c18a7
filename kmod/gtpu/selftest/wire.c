// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Self test of the GTP-U parser and builders, #included at the end of gtpu.c
 * when built with DEBUG and run at module init. The host test
 * (selftests/host/test_gtpu) builds and runs this same file, with a seeded
 * PRNG in place of get_random_u32() (seed: $EDGEDP_SEED, else a fixed one).
 *
 *  1. Known vectors: bytes assembled by hand from TS 29.281 and TS 38.415 and
 *     the fields or error they must parse to; the exact bytes each builder
 *     must write.
 *  2. Randomized round trips: random options are built, parsed back and
 *     compared; every truncation must fail, trailing octets must not matter.
 *  3. Randomized extension header chains checked against a naive model of
 *     TS 29.281 5.2 that walks the chain's description, not its bytes.
 */

#ifdef __KERNEL__
#include <linux/random.h>

#define edgedp_st_rand() get_random_u32()
#define edgedp_st_log(fmt, ...) pr_err("gtpu self-test: " fmt "\n", ##__VA_ARGS__)
#define edgedp_st_seed() do { } while (0)
#define edgedp_st_pass() pr_info("gtpu self-tests: pass\n")
#else
#include <stdio.h>
#include <stdlib.h>

static u32 edgedp_st_state;

static u32 edgedp_st_rand(void)
{
	/* xorshift32: deterministic, good enough to pick test cases. */
	edgedp_st_state ^= edgedp_st_state << 13;
	edgedp_st_state ^= edgedp_st_state >> 17;
	edgedp_st_state ^= edgedp_st_state << 5;
	return edgedp_st_state;
}

static void edgedp_st_seed(void)
{
	const char *s = getenv("EDGEDP_SEED");

	edgedp_st_state = s ? (u32)strtoul(s, NULL, 0) : 0x2545f491;
	if (!edgedp_st_state)
		edgedp_st_state = 1;
	printf("# gtpu self-test seed %u\n", edgedp_st_state);
}

#define edgedp_st_log(fmt, ...) printf("# gtpu self-test: " fmt "\n", ##__VA_ARGS__)
#define edgedp_st_pass() printf("# gtpu self-tests: pass\n")
#endif

#define EDGEDP_ST_ITERS 2000
#define EDGEDP_ST_MAX_LOG 20

static unsigned int edgedp_st_failures __initdata;

#define EDGEDP_ST_CHECK(cond, fmt, ...) do {					\
	if (!(cond)) {								\
		if (edgedp_st_failures++ < EDGEDP_ST_MAX_LOG)			\
			edgedp_st_log("%s:%d: %s: " fmt, __func__, __LINE__,	\
				      #cond, ##__VA_ARGS__);			\
	}									\
} while (0)

/* A known vector: the bytes and what edgedp_gtpu_parse() must make of them. */
struct edgedp_st_vec {
	const char *name;
	u8 len;
	u8 buf[32];
	int err;
	u32 teid;
	u16 hdr_len;
	u16 payload_len;
	u16 seq;
	u8 type;
	u8 ext_count;
	u8 qfi;
	u8 pdu_type;
	u8 ppi;
	bool has_seq;
	bool has_psc;
	bool rqi;
	bool has_ppi;
};

#define V(...) .buf = { __VA_ARGS__ }, .len = sizeof((u8 []){ __VA_ARGS__ })

static const struct edgedp_st_vec edgedp_st_vecs[] = {
	{ "G-PDU", V(0x30, 0xff, 0x00, 0x04, 0x12, 0x34, 0x56, 0x78,
		     0x45, 0x00, 0x00, 0x00),
	  .type = 255, .teid = 0x12345678, .hdr_len = 8, .payload_len = 4 },
	{ "G-PDU with trailing octets", V(0x30, 0xff, 0x00, 0x02, 0x00, 0x00,
					  0x00, 0x01, 0x60, 0x00, 0xaa, 0xbb),
	  .type = 255, .teid = 1, .hdr_len = 8, .payload_len = 2 },
	{ "spare bit is not evaluated", V(0x38, 0xff, 0x00, 0x00, 0x00, 0x00,
					  0x00, 0x02),
	  .type = 255, .teid = 2, .hdr_len = 8 },
	{ "G-PDU with sequence", V(0x32, 0xff, 0x00, 0x08, 0x00, 0x00, 0x00,
				   0x03, 0xab, 0xcd, 0x00, 0x00, 0x45, 0x00,
				   0x00, 0x00),
	  .type = 255, .teid = 3, .hdr_len = 12, .payload_len = 4,
	  .has_seq = true, .seq = 0xabcd },
	{ "N-PDU only", V(0x31, 0xff, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04,
			  0xab, 0xcd, 0x07, 0x85),
	  .type = 255, .teid = 4, .hdr_len = 12 },
	{ "PSC DL QFI 9 RQI", V(0x34, 0xff, 0x00, 0x0c, 0x00, 0x00, 0x00,
				0x05, 0x00, 0x00, 0x00, 0x85, 0x01, 0x00,
				0x49, 0x00, 0x45, 0x00, 0x00, 0x00),
	  .type = 255, .teid = 5, .hdr_len = 16, .payload_len = 4,
	  .ext_count = 1, .has_psc = true, .qfi = 9, .rqi = true },
	{ "PSC UL QFI 63", V(0x34, 0xff, 0x00, 0x08, 0x00, 0x00, 0x00, 0x06,
			     0x00, 0x00, 0x00, 0x85, 0x01, 0x10, 0x7f, 0x00),
	  .type = 255, .teid = 6, .hdr_len = 16, .ext_count = 1,
	  .has_psc = true, .pdu_type = 1, .qfi = 63 },
	{ "PSC DL PPI 5", V(0x34, 0xff, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x07,
			    0x00, 0x00, 0x00, 0x85, 0x02, 0x00, 0x81, 0xa0,
			    0x00, 0x00, 0x00, 0x00),
	  .type = 255, .teid = 7, .hdr_len = 20, .ext_count = 1,
	  .has_psc = true, .qfi = 1, .has_ppi = true, .ppi = 5 },
	{ "skipped 0x03 then PSC", V(0x34, 0xff, 0x00, 0x0c, 0x00, 0x00, 0x00,
				     0x08, 0x00, 0x00, 0x00, 0x03, 0x01, 0xaa,
				     0xbb, 0x85, 0x01, 0x10, 0x01, 0x00),
	  .type = 255, .teid = 8, .hdr_len = 20, .ext_count = 2,
	  .has_psc = true, .pdu_type = 1, .qfi = 1 },
	{ "skipped 0x42 (discard class)", V(0x34, 0xff, 0x00, 0x08, 0x00, 0x00,
					    0x00, 0x09, 0x00, 0x00, 0x00, 0x42,
					    0x01, 0x00, 0x00, 0x00),
	  .type = 255, .teid = 9, .hdr_len = 16, .ext_count = 1 },
	{ "Echo Request", V(0x32, 0x01, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00,
			    0x12, 0x34, 0x00, 0x00),
	  .type = 1, .hdr_len = 12, .has_seq = true, .seq = 0x1234 },
	{ "End Marker", V(0x30, 0xfe, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a),
	  .type = 254, .teid = 10, .hdr_len = 8 },
	{ "7 octets", V(0x30, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00),
	  .err = -EDGEDP_GTPU_ERR_TRUNCATED },
	{ "Length beyond the datagram", V(0x30, 0xff, 0x00, 0x05, 0x00, 0x00,
					  0x00, 0x01, 0x45, 0x00, 0x00, 0x00),
	  .err = -EDGEDP_GTPU_ERR_TRUNCATED },
	{ "GTPv2", V(0x48, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
	  .err = -EDGEDP_GTPU_ERR_VERSION },
	{ "GTPv0", V(0x10, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
	  .err = -EDGEDP_GTPU_ERR_VERSION },
	{ "GTP'", V(0x20, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
	  .err = -EDGEDP_GTPU_ERR_PT },
	{ "S set, Length 2", V(0x32, 0xff, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01,
			       0x00, 0x00),
	  .err = -EDGEDP_GTPU_ERR_LENGTH },
	{ "extension of length 0", V(0x34, 0xff, 0x00, 0x08, 0x00, 0x00, 0x00,
				     0x01, 0x00, 0x00, 0x00, 0x85, 0x00, 0x00,
				     0x01, 0x00),
	  .err = -EDGEDP_GTPU_ERR_EXT_ZERO },
	{ "extension past Length", V(0x34, 0xff, 0x00, 0x08, 0x00, 0x00, 0x00,
				     0x01, 0x00, 0x00, 0x00, 0x85, 0x02, 0x00,
				     0x01, 0x00, 0x00, 0x00, 0x00, 0x00),
	  .err = -EDGEDP_GTPU_ERR_EXT_OVERRUN },
	{ "E set, chain ends at Length", V(0x34, 0xff, 0x00, 0x04, 0x00, 0x00,
					   0x00, 0x01, 0x00, 0x00, 0x00, 0x85),
	  .err = -EDGEDP_GTPU_ERR_EXT_OVERRUN },
	{ "RAN Container (endpoint class)", V(0x34, 0xff, 0x00, 0x08, 0x00,
					      0x00, 0x00, 0x01, 0x00, 0x00,
					      0x00, 0x81, 0x01, 0x00, 0x00,
					      0x00),
	  .err = -EDGEDP_GTPU_ERR_EXT_UNSUPP },
	{ "PDCP PDU Number (all class)", V(0x34, 0xff, 0x00, 0x08, 0x00, 0x00,
					   0x00, 0x01, 0x00, 0x00, 0x00, 0xc0,
					   0x01, 0x00, 0x01, 0x00),
	  .err = -EDGEDP_GTPU_ERR_EXT_UNSUPP },
	{ "PSC of PDU type 2", V(0x34, 0xff, 0x00, 0x08, 0x00, 0x00, 0x00,
				 0x01, 0x00, 0x00, 0x00, 0x85, 0x01, 0x20,
				 0x01, 0x00),
	  .err = -EDGEDP_GTPU_ERR_PSC_TYPE },
	{ "PSC PPP without PPI octet", V(0x34, 0xff, 0x00, 0x08, 0x00, 0x00,
					 0x00, 0x01, 0x00, 0x00, 0x00, 0x85,
					 0x01, 0x00, 0x81, 0x00),
	  .err = -EDGEDP_GTPU_ERR_EXT_LEN },
	{ "two PSCs", V(0x34, 0xff, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x01, 0x00,
			0x00, 0x00, 0x85, 0x01, 0x00, 0x01, 0x85, 0x01, 0x00,
			0x02, 0x00),
	  .err = -EDGEDP_GTPU_ERR_EXT_DUP },
	{ "UDP Port of length 2", V(0x34, 0xff, 0x00, 0x0c, 0x00, 0x00, 0x00,
				    0x01, 0x00, 0x00, 0x00, 0x40, 0x02, 0x08,
				    0x68, 0x00, 0x00, 0x00, 0x00, 0x00),
	  .err = -EDGEDP_GTPU_ERR_EXT_LEN },
};

static bool __init edgedp_st_vectors(void)
{
	unsigned int before = edgedp_st_failures;
	struct edgedp_gtpu_hdr h;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(edgedp_st_vecs); i++) {
		const struct edgedp_st_vec *v = &edgedp_st_vecs[i];
		int err = edgedp_gtpu_parse(v->buf, v->len, &h);

		EDGEDP_ST_CHECK(err == v->err, "%s: got %s", v->name,
				edgedp_gtpu_err_name(err));
		if (err || v->err)
			continue;
		EDGEDP_ST_CHECK(h.type == v->type && h.teid == v->teid &&
				h.hdr_len == v->hdr_len &&
				h.payload_len == v->payload_len &&
				h.ext_count == v->ext_count, "%s", v->name);
		EDGEDP_ST_CHECK(h.has_seq == v->has_seq && h.seq == v->seq,
				"%s", v->name);
		EDGEDP_ST_CHECK(h.has_psc == v->has_psc && h.qfi == v->qfi &&
				h.pdu_type == v->pdu_type && h.rqi == v->rqi &&
				h.has_ppi == v->has_ppi && h.ppi == v->ppi,
				"%s", v->name);
	}
	return edgedp_st_failures == before;
}

static bool __init edgedp_st_expect(const char *name, const u8 *got,
				    size_t got_len, const u8 *want,
				    size_t want_len)
{
	bool ok = got_len == want_len && !memcmp(got, want, want_len);

	EDGEDP_ST_CHECK(ok, "%s: built %zu octets, want %zu", name, got_len,
			want_len);
	return ok;
}

static bool __init edgedp_st_builders(void)
{
	static const u8 echo_resp[] = {
		0x32, 0x02, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00,
		0x12, 0x34, 0x00, 0x00, 0x0e, 0x00,
	};
	static const u8 echo_req[] = {
		0x32, 0x01, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00,
		0xbe, 0xef, 0x00, 0x00,
	};
	static const u8 err_ind[] = {
		0x36, 0x1a, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x07, 0x00, 0x40, 0x01, 0x68, 0x00, 0x00,
		0x10, 0xaa, 0xbb, 0xcc, 0xdd,
		0x85, 0x00, 0x04, 0xc0, 0xa8, 0x00, 0x01,
	};
	static const u8 supp_ext[] = {
		0x32, 0x1f, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x09, 0x00, 0x00, 0x8d, 0x02, 0x40, 0x85,
	};
	static const u8 end_marker[] = {
		0x30, 0xfe, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04,
	};
	static const u8 psc_dl[] = {
		0x36, 0xff, 0x00, 0x28, 0x00, 0x00, 0x00, 0x2a,
		0x00, 0x05, 0x00, 0x85, 0x01, 0x00, 0x49, 0x00,
	};
	static const u8 psc_dl_ppi[] = {
		0x34, 0xff, 0x05, 0xe8, 0xff, 0xff, 0xff, 0xff,
		0x00, 0x00, 0x00, 0x85, 0x02, 0x00, 0xbf, 0xe0,
		0x00, 0x00, 0x00, 0x00,
	};
	struct edgedp_gtpu_err_ind ei = {
		.teid = 0xaabbccdd, .udp_port = 0x6800, .addr_len = 4,
		.addr = { 192, 168, 0, 1 },
	};
	struct edgedp_gtpu_build_opts o = {
		.has_seq = true, .seq = 5, .has_psc = true, .qfi = 9, .rqi = true,
	};
	unsigned int before = edgedp_st_failures;
	struct edgedp_gtpu_err_ind ei2;
	struct edgedp_gtpu_echo echo;
	struct edgedp_gtpu_hdr h;
	u8 buf[64];
	size_t n;

	n = edgedp_gtpu_build_echo_resp(buf, sizeof(buf), 0x1234);
	edgedp_st_expect("Echo Response", buf, n, echo_resp, sizeof(echo_resp));
	EDGEDP_ST_CHECK(!edgedp_gtpu_parse_echo(buf, n, &h, &echo) &&
			echo.has_recovery && !echo.recovery && h.seq == 0x1234,
			"Echo Response parse");
	EDGEDP_ST_CHECK(!edgedp_gtpu_build_echo_resp(buf, sizeof(echo_resp) - 1, 1),
			"Echo Response without room");

	n = edgedp_gtpu_build_echo_req(buf, sizeof(buf), 0xbeef);
	edgedp_st_expect("Echo Request", buf, n, echo_req, sizeof(echo_req));
	EDGEDP_ST_CHECK(!edgedp_gtpu_parse_echo(buf, n, &h, &echo) &&
			!echo.has_recovery && h.has_seq && h.seq == 0xbeef,
			"Echo Request parse");

	n = edgedp_gtpu_build_error_ind(buf, sizeof(buf), 7, &ei);
	edgedp_st_expect("Error Indication", buf, n, err_ind, sizeof(err_ind));
	EDGEDP_ST_CHECK(!edgedp_gtpu_parse_error_ind(buf, n, &h, &ei2) &&
			ei2.teid == ei.teid && ei2.udp_port == ei.udp_port &&
			ei2.addr_len == 4 && !memcmp(ei2.addr, ei.addr, 4),
			"Error Indication parse");
	ei.addr_len = 16;
	n = edgedp_gtpu_build_error_ind(buf, sizeof(buf), 7, &ei);
	EDGEDP_ST_CHECK(n == sizeof(err_ind) + 12 &&
			!edgedp_gtpu_parse_error_ind(buf, n, &h, &ei2) &&
			ei2.addr_len == 16 && !memcmp(ei2.addr, ei.addr, 16),
			"Error Indication IPv6");
	ei.addr_len = 5;
	EDGEDP_ST_CHECK(!edgedp_gtpu_build_error_ind(buf, sizeof(buf), 7, &ei),
			"Error Indication with a 5-octet address");

	n = edgedp_gtpu_build_supp_ext(buf, sizeof(buf), 9);
	edgedp_st_expect("Supported Extension Headers Notification", buf, n,
			 supp_ext, sizeof(supp_ext));

	n = edgedp_gtpu_build_end_marker(buf, sizeof(buf), 0x01020304, NULL);
	edgedp_st_expect("End Marker", buf, n, end_marker, sizeof(end_marker));

	n = edgedp_gtpu_build(buf, sizeof(buf), EDGEDP_GTPU_GPDU, 42, 32, &o);
	edgedp_st_expect("PSC DL", buf, n, psc_dl, sizeof(psc_dl));

	EDGEDP_ST_CHECK(!edgedp_gtpu_build(buf, sizeof(buf), 255, 0, 0, &(struct
			edgedp_gtpu_build_opts){ .has_psc = true, .qfi = 64 }),
			"QFI 64 built");
	EDGEDP_ST_CHECK(!edgedp_gtpu_build(buf, sizeof(buf), 255, 0, 0, &(struct
			edgedp_gtpu_build_opts){ .has_psc = true, .pdu_type = 1,
						 .rqi = true }),
			"UL RQI built");
	memset(&o, 0, sizeof(o));
	o.has_psc = true;
	o.pdu_type = EDGEDP_GTPU_PSC_DL;
	o.qfi = 63;
	o.has_ppi = true;
	o.ppi = 7;
	n = edgedp_gtpu_build(buf, sizeof(buf), EDGEDP_GTPU_GPDU, 0xffffffff,
			      1500, &o);
	edgedp_st_expect("PSC DL PPI", buf, n, psc_dl_ppi, sizeof(psc_dl_ppi));
	/* 12 octets of this header count in Length: 0xfff3 is the most. */
	EDGEDP_ST_CHECK(edgedp_gtpu_build(buf, sizeof(buf), 255, 0, 0xfff3, &o),
			"largest payload not built");
	EDGEDP_ST_CHECK(!edgedp_gtpu_build(buf, sizeof(buf), 255, 0, 0xfff4, &o),
			"Length overflow built");
	EDGEDP_ST_CHECK(!edgedp_gtpu_build(buf, 19, 255, 0, 0, &o),
			"header without room built");
	return edgedp_st_failures == before;
}

static void __init edgedp_st_random_opts(struct edgedp_gtpu_build_opts *o)
{
	u32 r = edgedp_st_rand();

	memset(o, 0, sizeof(*o));
	o->has_seq = r & 1;
	o->seq = edgedp_st_rand();
	o->has_psc = r & 2;
	o->pdu_type = (r >> 2) & 1;
	o->qfi = (r >> 3) & 0x3f;
	if (o->pdu_type == EDGEDP_GTPU_PSC_DL) {
		o->rqi = r & (1 << 9);
		o->has_ppi = (r & (3 << 10)) == 0;
		o->ppi = (r >> 12) & 7;
	}
	if ((r & (3 << 15)) == 0)
		o->udp_port = (edgedp_st_rand() & 0xffff) | 1;
}

static bool __init edgedp_st_round_trips(void)
{
	static const u8 types[] = {
		EDGEDP_GTPU_GPDU, EDGEDP_GTPU_GPDU, EDGEDP_GTPU_GPDU,
		EDGEDP_GTPU_END_MARKER, EDGEDP_GTPU_ECHO_REQ,
		EDGEDP_GTPU_ECHO_RESP, EDGEDP_GTPU_ERROR_IND, 0,
	};
	unsigned int before = edgedp_st_failures;
	struct edgedp_gtpu_build_opts o;
	struct edgedp_gtpu_hdr h;
	size_t hl, total, len, cut;
	u8 buf[128];
	unsigned int i, j;
	u16 payload_len;
	u8 type;
	u32 teid;
	int err;

	for (i = 0; i < EDGEDP_ST_ITERS; i++) {
		edgedp_st_random_opts(&o);
		type = types[edgedp_st_rand() % ARRAY_SIZE(types)];
		if (!type)
			type = edgedp_st_rand();
		teid = edgedp_st_rand();
		payload_len = edgedp_st_rand() % 64;
		for (j = 0; j < sizeof(buf); j++)
			buf[j] = edgedp_st_rand();

		hl = edgedp_gtpu_build(buf, sizeof(buf), type, teid,
				       payload_len, &o);
		EDGEDP_ST_CHECK(hl == edgedp_gtpu_hdr_len(&o), "iter %u", i);
		EDGEDP_ST_CHECK(hl == 8 || (hl >= 12 && hl % 4 == 0),
				"iter %u: header of %zu octets", i, hl);
		total = hl + payload_len;
		len = total + edgedp_st_rand() % (sizeof(buf) - total + 1);

		err = edgedp_gtpu_parse(buf, len, &h);
		EDGEDP_ST_CHECK(!err, "iter %u: %s", i, edgedp_gtpu_err_name(err));
		if (err)
			continue;
		EDGEDP_ST_CHECK(h.type == type && h.teid == teid &&
				h.hdr_len == hl && h.payload_len == payload_len &&
				h.length == total - 8 && !(h.flags & EDGEDP_GTPU_F_SPARE),
				"iter %u", i);
		EDGEDP_ST_CHECK(h.has_seq == o.has_seq &&
				(!o.has_seq || h.seq == o.seq) && !h.has_npdu,
				"iter %u", i);
		EDGEDP_ST_CHECK(h.has_psc == o.has_psc &&
				h.has_udp_port == !!o.udp_port &&
				h.udp_port == o.udp_port &&
				h.ext_count == o.has_psc + !!o.udp_port, "iter %u", i);
		if (o.has_psc)
			EDGEDP_ST_CHECK(h.pdu_type == o.pdu_type &&
					h.qfi == o.qfi && h.rqi == o.rqi &&
					h.has_ppi == o.has_ppi &&
					(!o.has_ppi || h.ppi == o.ppi),
					"iter %u: PSC", i);

		/* Every truncation on some, one at random on the others. */
		if (i % 16 == 0) {
			for (cut = 0; cut < total; cut++) {
				err = edgedp_gtpu_parse(buf, cut, &h);
				EDGEDP_ST_CHECK(err == -EDGEDP_GTPU_ERR_TRUNCATED,
						"iter %u cut %zu: %s", i, cut,
						edgedp_gtpu_err_name(err));
			}
		} else {
			cut = edgedp_st_rand() % total;
			err = edgedp_gtpu_parse(buf, cut, &h);
			EDGEDP_ST_CHECK(err == -EDGEDP_GTPU_ERR_TRUNCATED,
					"iter %u cut %zu: %s", i, cut,
					edgedp_gtpu_err_name(err));
		}
	}
	return edgedp_st_failures == before;
}

/* One extension header of a generated chain, as the model sees it. */
struct edgedp_st_ext {
	u8 type;
	u8 words;	/* its length octet */
	u8 psc_type;	/* PSC: PDU type written */
	u8 qfi;
	bool ppp;	/* PSC DL: PPP bit written */
};

static u8 __init edgedp_st_ext_type(bool benign)
{
	static const u8 palette[] = {
		EDGEDP_GTPU_EXT_LONG_PDCP_OPT, EDGEDP_GTPU_EXT_SCI, 0x3f,
		0x42, 0x7e, EDGEDP_GTPU_EXT_UDP_PORT, EDGEDP_GTPU_EXT_PSC,
		EDGEDP_GTPU_EXT_PSC, EDGEDP_GTPU_EXT_PSC, EDGEDP_GTPU_EXT_RAN_CONT,
		EDGEDP_GTPU_EXT_NR_RAN_CONT, EDGEDP_GTPU_EXT_PDCP, 0xc1, 0xfe, 0,
	};
	u8 t = palette[edgedp_st_rand() % ARRAY_SIZE(palette)];

	/* Benign chains are long and valid: they reach the header limit. */
	if (benign) {
		t = edgedp_st_rand() % 0x7f + 1;
		return t == EDGEDP_GTPU_EXT_UDP_PORT ? t + 1 : t;
	}
	while (!t)
		t = edgedp_st_rand();
	return t;
}

/*
 * The model: TS 29.281 5.2 read naively, over the description of the chain
 * and the message end, in the order the parser must check things.
 */
static int __init edgedp_st_model(const struct edgedp_st_ext *c,
				  unsigned int n, unsigned int end,
				  unsigned int *hdr_len)
{
	unsigned int i, off = 12;
	bool psc = false, udp = false;

	for (i = 0; i < n; i++) {
		if (i == EDGEDP_GTPU_MAX_EXT)
			return -EDGEDP_GTPU_ERR_EXT_TOO_MANY;
		if (off >= end)
			return -EDGEDP_GTPU_ERR_EXT_OVERRUN;
		if (!c[i].words)
			return -EDGEDP_GTPU_ERR_EXT_ZERO;
		if (off + c[i].words * 4 > end)
			return -EDGEDP_GTPU_ERR_EXT_OVERRUN;
		off += c[i].words * 4;
		switch (c[i].type) {
		case EDGEDP_GTPU_EXT_PSC:
			if (c[i].psc_type > 1)
				return -EDGEDP_GTPU_ERR_PSC_TYPE;
			if (psc)
				return -EDGEDP_GTPU_ERR_EXT_DUP;
			if (c[i].psc_type == 0 && c[i].ppp && c[i].words < 2)
				return -EDGEDP_GTPU_ERR_EXT_LEN;
			psc = true;
			break;
		case EDGEDP_GTPU_EXT_UDP_PORT:
			if (c[i].words != 1)
				return -EDGEDP_GTPU_ERR_EXT_LEN;
			if (udp)
				return -EDGEDP_GTPU_ERR_EXT_DUP;
			udp = true;
			break;
		default:
			if (c[i].type & 0x80)
				return -EDGEDP_GTPU_ERR_EXT_UNSUPP;
		}
	}
	*hdr_len = off;
	return 0;
}

static bool __init edgedp_st_chains(void)
{
	unsigned int before = edgedp_st_failures;
	struct edgedp_st_ext c[EDGEDP_GTPU_MAX_EXT + 2];
	unsigned int i, j, k, n, off, end, hdr_len = 0;
	struct edgedp_gtpu_hdr h;
	int want, err;
	u8 buf[192];
	bool benign;
	u32 r;

	for (i = 0; i < EDGEDP_ST_ITERS; i++) {
		r = edgedp_st_rand();
		n = r % (EDGEDP_GTPU_MAX_EXT + 3);
		benign = r & (1 << 8);
		if (benign)
			n = EDGEDP_GTPU_MAX_EXT - 1 + r % 3;
		memset(buf, 0, sizeof(buf));
		buf[0] = 0x34;
		buf[1] = EDGEDP_GTPU_GPDU;
		off = 12;
		for (j = 0; j < n; j++) {
			r = edgedp_st_rand();
			c[j].type = edgedp_st_ext_type(benign);
			c[j].words = 1 + (r & 1) * ((r >> 1) & 3);
			if (!benign && !(r & (0x1f << 3)))
				c[j].words = 0;	/* 1 in 32: malformed */
			c[j].psc_type = (r >> 8) & 0xf;
			if (r & (3 << 12))
				c[j].psc_type &= 1;
			c[j].ppp = r & (1 << 14);
			c[j].qfi = (r >> 16) & 0x3f;
			/* The previous header (or octet 12) names this one. */
			buf[off - 1] = c[j].type;
			buf[off] = c[j].words;
			for (k = 1; k + 1 < c[j].words * 4u; k++)
				buf[off + k] = edgedp_st_rand();
			if (c[j].type == EDGEDP_GTPU_EXT_PSC) {
				buf[off + 1] = c[j].psc_type << 4;
				buf[off + 2] = c[j].qfi | (c[j].ppp ? 0x80 : 0);
			}
			if (!c[j].words)
				break;	/* nothing after it is looked at */
			off += c[j].words * 4;
			buf[off - 1] = EDGEDP_GTPU_EXT_NONE;
		}
		if (j < n)
			n = j + 1;
		/* Mostly the whole chain plus a payload, sometimes cut short. */
		end = off + (r >> 24) % 8;
		if ((r >> 22) % 4 == 0)
			end = 12 + edgedp_st_rand() % (off - 12 + 1);
		edgedp_put_be16(buf + 2, end - 8);

		want = edgedp_st_model(c, n, end, &hdr_len);
		err = edgedp_gtpu_parse(buf, end, &h);
		EDGEDP_ST_CHECK(err == want, "iter %u: %u headers, end %u: got %s, want %s",
				i, n, end, edgedp_gtpu_err_name(err),
				edgedp_gtpu_err_name(want));
		if (err || want)
			continue;
		EDGEDP_ST_CHECK(h.hdr_len == hdr_len && h.ext_count == n &&
				h.payload_len == end - hdr_len, "iter %u", i);
	}
	return edgedp_st_failures == before;
}

bool __init edgedp_gtpu_selftest(void)
{
	bool ok = true;

	edgedp_st_seed();
	edgedp_st_failures = 0;
	ok &= edgedp_st_vectors();
	ok &= edgedp_st_builders();
	ok &= edgedp_st_round_trips();
	ok &= edgedp_st_chains();
	if (ok)
		edgedp_st_pass();
	return ok;
}
