// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Host unit tests of kmod/gtpu/wire.c, built with ASan and UBSan: byte vectors for
 * every message type, flag combination, PDU Session Container and extension
 * header comprehension class, every malformed case, the path management
 * messages, and the in-kernel self test (kmod/gtpu/selftest/wire.c) run as is.
 * Prints TAP 13.
 *
 *   test_gtpu                 run the tests
 *   test_gtpu --corpus DIR    also write every input parsed to DIR (the seed
 *                             corpus of fuzz_gtpu)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gtpu/wire.h"
#include "tap.h"

static const char *corpus_dir;
static unsigned int corpus_files;

/* Every input the tests parse goes through here. */
static void corpus_add(const u8 *buf, size_t len)
{
	char path[4096];
	FILE *f;

	if (!corpus_dir)
		return;
	snprintf(path, sizeof(path), "%s/unit-%05u", corpus_dir, corpus_files++);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len) {
		perror(path);
		exit(2);
	}
	fclose(f);
}

static int parse(const u8 *buf, size_t len, struct edgedp_gtpu_hdr *h)
{
	corpus_add(buf, len);
	return edgedp_gtpu_parse(buf, len, h);
}

static int parse_echo(const u8 *buf, size_t len, struct edgedp_gtpu_hdr *h,
		      struct edgedp_gtpu_echo *e)
{
	corpus_add(buf, len);
	return edgedp_gtpu_parse_echo(buf, len, h, e);
}

static int parse_error_ind(const u8 *buf, size_t len, struct edgedp_gtpu_hdr *h,
			   struct edgedp_gtpu_err_ind *ei)
{
	corpus_add(buf, len);
	return edgedp_gtpu_parse_error_ind(buf, len, h, ei);
}

#define ERR(e) (-EDGEDP_GTPU_ERR_##e)
#define NAME(e) edgedp_gtpu_err_name(e)

/* A G-PDU header with the optional field, for chains written by hand. */
static size_t opt_hdr(u8 *buf, u8 flags, u8 first_ext)
{
	memset(buf, 0, 12);
	buf[0] = 0x30 | flags;
	buf[1] = EDGEDP_GTPU_GPDU;
	buf[7] = 1;
	buf[11] = first_ext;
	return 12;
}

static void set_length(u8 *buf, size_t total)
{
	edgedp_put_be16(buf + 2, total - 8);
}

/* Appends an extension header of words * 4 octets; its next type is 0. */
static size_t add_ext(u8 *buf, size_t off, u8 words, u8 b1, u8 b2)
{
	memset(buf + off, 0, words * 4u);
	buf[off] = words;
	buf[off + 1] = b1;
	buf[off + 2] = b2;
	return off + words * 4u;
}

static void test_selftest(void)
{
	tap_ok(edgedp_gtpu_selftest(), "kmod/gtpu/selftest/wire.c (the in-kernel self test)");
}

static void test_message_types(void)
{
	static const struct { u8 type; const char *name; } types[] = {
		{ EDGEDP_GTPU_ECHO_REQ, "Echo Request" },
		{ EDGEDP_GTPU_ECHO_RESP, "Echo Response" },
		{ EDGEDP_GTPU_ERROR_IND, "Error Indication" },
		{ EDGEDP_GTPU_SUPP_EXT_NOTIF, "Supported Extension Headers Notification" },
		{ EDGEDP_GTPU_END_MARKER, "End Marker" },
		{ EDGEDP_GTPU_GPDU, "G-PDU" },
	};
	struct edgedp_gtpu_build_opts o = { .has_seq = true, .seq = 0x4242 };
	struct edgedp_gtpu_hdr h;
	u8 buf[64];
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		bool ok = true;

		/* Bare header, then with a sequence number, payload of 10. */
		memset(buf, 0xee, sizeof(buf));
		n = edgedp_gtpu_build(buf, sizeof(buf), types[i].type, 0xdeadbeef, 10, NULL);
		EXPECT(n == 8 && buf[0] == 0x30 && buf[1] == types[i].type);
		EXPECT(buf[2] == 0 && buf[3] == 10);
		EXPECT(!parse(buf, n + 10, &h) && h.type == types[i].type &&
		       h.teid == 0xdeadbeef && h.hdr_len == 8 && h.payload_len == 10 &&
		       !h.has_seq && !h.has_psc && !h.ext_count);
		n = edgedp_gtpu_build(buf, sizeof(buf), types[i].type, 7, 10, &o);
		EXPECT(n == 12 && buf[0] == 0x32 && buf[3] == 14);
		EXPECT(!parse(buf, n + 10, &h) && h.type == types[i].type &&
		       h.teid == 7 && h.hdr_len == 12 && h.payload_len == 10 &&
		       h.has_seq && h.seq == 0x4242);
		tap_ok(ok, "message type %u (%s) builds and parses", types[i].type,
		       types[i].name);
	}
}

/* Every E/S/PN combination, with the spare bit clear and set. */
static void test_flags(void)
{
	struct edgedp_gtpu_hdr h;
	unsigned int f;
	u8 buf[32];

	for (f = 0; f < 16; f++) {
		u8 flags = 0x30 | (f & 7) | (f & 8);
		bool opt = f & 7, ok = true;
		int err;

		memset(buf, 0, sizeof(buf));
		buf[0] = flags;
		buf[1] = EDGEDP_GTPU_GPDU;
		edgedp_put_be32(buf + 4, 0x01020304);
		buf[8] = 0x12;
		buf[9] = 0x34;
		buf[10] = 0x56;
		buf[11] = EDGEDP_GTPU_EXT_NONE;
		set_length(buf, 20);
		err = parse(buf, 20, &h);
		EXPECT(!err);
		EXPECT(h.flags == flags && h.teid == 0x01020304);
		EXPECT(h.hdr_len == (opt ? 12 : 8) && h.payload_len == 20 - h.hdr_len);
		EXPECT(h.has_seq == !!(flags & EDGEDP_GTPU_F_S));
		EXPECT(h.seq == (h.has_seq ? 0x1234 : 0));
		EXPECT(h.has_npdu == !!(flags & EDGEDP_GTPU_F_PN));
		EXPECT(h.npdu == (h.has_npdu ? 0x56 : 0));
		EXPECT(!h.ext_count);
		tap_ok(ok, "flags 0x%02x%s", flags, f & 8 ? " (spare bit not evaluated)" : "");
	}
}

static void test_psc(u8 pdu_type)
{
	struct edgedp_gtpu_build_opts o = { .has_psc = true, .pdu_type = pdu_type };
	struct edgedp_gtpu_hdr h;
	unsigned int qfi, rqi;
	bool ok = true;
	u8 buf[64], want[16];
	size_t n;

	for (qfi = 0; qfi < 64; qfi++) {
		for (rqi = 0; rqi < 2; rqi++) {
			if (rqi && pdu_type != EDGEDP_GTPU_PSC_DL)
				continue;
			o.qfi = qfi;
			o.rqi = rqi;
			n = edgedp_gtpu_build(buf, sizeof(buf), EDGEDP_GTPU_GPDU, qfi, 20, &o);
			/* The bytes of TS 29.281 5.2.2.7 and TS 38.415 5.5.2. */
			memset(want, 0, sizeof(want));
			want[0] = 0x34;
			want[1] = 0xff;
			want[3] = 8 + 20;
			want[7] = qfi;
			want[11] = 0x85;
			want[12] = 1;
			want[13] = pdu_type << 4;
			want[14] = qfi | (rqi ? 0x40 : 0);
			if (!EXPECT(n == 16 && !memcmp(buf, want, 16)))
				printf("#   qfi %u rqi %u\n", qfi, rqi);
			if (!EXPECT(!parse(buf, n + 20, &h) && h.has_psc &&
				    h.pdu_type == pdu_type && h.qfi == qfi &&
				    h.rqi == rqi && h.hdr_len == 16 &&
				    h.payload_len == 20 && h.ext_count == 1))
				printf("#   qfi %u rqi %u\n", qfi, rqi);
		}
	}
	/* UL: the octet's two high bits are other flags, never RQI. */
	memcpy(buf, want, 16);
	buf[14] = 0xc0 | 5;
	if (pdu_type == EDGEDP_GTPU_PSC_UL)
		EXPECT(!parse(buf, 16 + 20, &h) && h.qfi == 5 && !h.rqi && !h.has_ppi);
	tap_ok(ok, "PSC %s, QFI 0..63%s: exact bytes, parse back",
	       pdu_type ? "UL" : "DL", pdu_type ? "" : " x RQI");
}

static void test_psc_ppi(void)
{
	struct edgedp_gtpu_build_opts o = { .has_psc = true, .has_ppi = true, .qfi = 3 };
	struct edgedp_gtpu_hdr h;
	bool ok = true;
	u8 buf[64];
	size_t n;

	for (o.ppi = 0; o.ppi < 8; o.ppi++) {
		n = edgedp_gtpu_build(buf, sizeof(buf), EDGEDP_GTPU_GPDU, 1, 0, &o);
		EXPECT(n == 20 && buf[12] == 2 && buf[14] == 0x83 &&
		       buf[15] == o.ppi << 5 && buf[19] == 0);
		EXPECT(!parse(buf, n, &h) && h.has_ppi && h.ppi == o.ppi && h.qfi == 3);
	}
	o.ppi = 8;
	EXPECT(!edgedp_gtpu_build(buf, sizeof(buf), EDGEDP_GTPU_GPDU, 1, 0, &o));
	o.ppi = 0;
	o.pdu_type = EDGEDP_GTPU_PSC_UL;
	EXPECT(!edgedp_gtpu_build(buf, sizeof(buf), EDGEDP_GTPU_GPDU, 1, 0, &o));
	/* A PSC of 3 words whose later fields (QMP, SNP...) are not read. */
	n = opt_hdr(buf, EDGEDP_GTPU_F_E, EDGEDP_GTPU_EXT_PSC);
	n = add_ext(buf, n, 3, 0x0c, 0x07);
	set_length(buf, n);
	EXPECT(!parse(buf, n, &h) && h.qfi == 7 && h.hdr_len == 24 && !h.has_ppi);
	tap_ok(ok, "PSC DL PPI 0..7, UL refuses PPI, longer containers");
}

/*
 * Every extension header type but the supported ones, alone and before a
 * PSC: skipped for comprehension 00 and 01, rejected for 10 and 11.
 */
static void test_comprehension(void)
{
	static const char * const cr[] = {
		"00 (not required, forward)", "01 (not required, discard)",
		"10 (required by the endpoint)", "11 (required by all)",
	};
	struct edgedp_gtpu_hdr h;
	unsigned int c, t;
	u8 buf[64];
	size_t n;

	for (c = 0; c < 4; c++) {
		unsigned int types = 0;
		bool ok = true;

		for (t = c << 6; t < (c + 1) << 6; t++) {
			int want = c >= 2 ? ERR(EXT_UNSUPP) : 0, err;

			if (!t || t == EDGEDP_GTPU_EXT_UDP_PORT || t == EDGEDP_GTPU_EXT_PSC)
				continue;
			types++;
			n = opt_hdr(buf, EDGEDP_GTPU_F_E, t);
			n = add_ext(buf, n, 1 + t % 3, 0xaa, 0x55);
			buf[n - 1] = EDGEDP_GTPU_EXT_PSC;
			n = add_ext(buf, n, 1, 0x10, 0x3f);
			memset(buf + n, 0x45, 4);
			set_length(buf, n + 4);
			err = parse(buf, n + 4, &h);
			if (!EXPECT(err == want))
				printf("#   type 0x%02x: %s\n", t, NAME(err));
			if (want)
				EXPECT(h.bad_ext == t);
			else
				EXPECT(h.ext_count == 2 && h.has_psc && h.qfi == 63 &&
				       h.hdr_len == n && h.payload_len == 4 && !h.bad_ext);
			/* After a PSC too: the chain is walked to its end. */
			n = opt_hdr(buf, EDGEDP_GTPU_F_E, EDGEDP_GTPU_EXT_PSC);
			n = add_ext(buf, n, 1, 0x00, 0x01);
			buf[n - 1] = t;
			n = add_ext(buf, n, 1, 0, 0);
			set_length(buf, n);
			err = parse(buf, n, &h);
			if (!EXPECT(err == want))
				printf("#   type 0x%02x after PSC: %s\n", t, NAME(err));
		}
		tap_ok(ok, "extension types with comprehension %s: %u types %s",
		       cr[c], types, c >= 2 ? "rejected" : "skipped");
	}
}

static void test_udp_port_ext(void)
{
	struct edgedp_gtpu_build_opts o = { .udp_port = 2152 };
	struct edgedp_gtpu_hdr h;
	bool ok = true;
	u8 buf[64];
	size_t n;

	n = edgedp_gtpu_build(buf, sizeof(buf), EDGEDP_GTPU_GPDU, 9, 0, &o);
	EXPECT(n == 16 && buf[0] == 0x34 && buf[11] == 0x40 && buf[12] == 1 &&
	       buf[13] == 0x08 && buf[14] == 0x68 && buf[15] == 0);
	EXPECT(!parse(buf, n, &h) && h.has_udp_port && h.udp_port == 2152);
	o.has_psc = true;
	o.qfi = 1;
	n = edgedp_gtpu_build(buf, sizeof(buf), EDGEDP_GTPU_GPDU, 9, 0, &o);
	EXPECT(n == 20 && buf[15] == 0x85);
	EXPECT(!parse(buf, n, &h) && h.has_udp_port && h.has_psc && h.ext_count == 2);
	tap_ok(ok, "UDP Port extension header, alone and before a PSC");
}

/* Messages, each cut at every offset: always -TRUNCATED. */
static void test_truncation(void)
{
	static const struct edgedp_gtpu_build_opts opts[] = {
		{ 0 },
		{ .has_seq = true, .seq = 1 },
		{ .has_psc = true, .qfi = 5, .rqi = true },
		{ .has_psc = true, .has_ppi = true, .ppi = 3, .has_seq = true },
		{ .udp_port = 1234, .has_psc = true, .pdu_type = 1 },
	};
	struct edgedp_gtpu_hdr h;
	size_t i, n, cut;
	u8 buf[64];

	for (i = 0; i < ARRAY_SIZE(opts); i++) {
		unsigned int cuts = 0;
		bool ok = true;
		int err;

		memset(buf, 0x45, sizeof(buf));
		n = edgedp_gtpu_build(buf, sizeof(buf), EDGEDP_GTPU_GPDU, 1, 8, &opts[i]);
		n += 8;
		EXPECT(!parse(buf, n, &h));
		for (cut = 0; cut < n; cut++, cuts++) {
			err = parse(buf, cut, &h);
			if (!EXPECT(err == ERR(TRUNCATED)))
				printf("#   cut at %zu: %s\n", cut, NAME(err));
		}
		tap_ok(ok, "header of %zu octets + 8 cut at each of %u offsets: truncated",
		       n - 8, cuts);
	}
}

static void test_bad_lengths(void)
{
	struct edgedp_gtpu_hdr h;
	unsigned int f, l;
	bool ok = true;
	u8 buf[32];
	size_t n;

	/* Any of E, S, PN with a Length too short for the optional field. */
	for (f = 1; f < 8; f++) {
		for (l = 0; l < 4; l++) {
			opt_hdr(buf, f, 0);
			set_length(buf, 8 + l);
			EXPECT(parse(buf, sizeof(buf), &h) == ERR(LENGTH));
		}
	}
	/* Length one past the datagram. */
	n = opt_hdr(buf, 0, 0);
	set_length(buf, n + 1);
	EXPECT(parse(buf, n, &h) == ERR(TRUNCATED));
	EXPECT(!parse(buf, n + 1, &h) && h.payload_len == 5);
	/* Length 0xffff with a short datagram. */
	edgedp_put_be16(buf + 2, 0xffff);
	EXPECT(parse(buf, sizeof(buf), &h) == ERR(TRUNCATED));
	tap_ok(ok, "Length shorter than the optional field, longer than the datagram");
}

static void test_chain_overrun(void)
{
	struct edgedp_gtpu_hdr h;
	unsigned int words, end;
	bool ok = true;
	u8 buf[64];
	size_t n;
	int err;

	/* A header of 1..4 words with Length ending anywhere inside it. */
	for (words = 1; words <= 4; words++) {
		for (end = 12; end < 12 + words * 4u; end++) {
			n = opt_hdr(buf, EDGEDP_GTPU_F_E, 0x20);
			n = add_ext(buf, n, words, 0, 0);
			set_length(buf, end);
			err = parse(buf, sizeof(buf), &h);
			if (!EXPECT(err == ERR(EXT_OVERRUN)))
				printf("#   words %u end %u: %s\n", words, end, NAME(err));
		}
	}
	/* The last header names a next one, but the message ends there. */
	n = opt_hdr(buf, EDGEDP_GTPU_F_E, EDGEDP_GTPU_EXT_PSC);
	n = add_ext(buf, n, 1, 0, 1);
	buf[n - 1] = 0x20;
	set_length(buf, n);
	EXPECT(parse(buf, sizeof(buf), &h) == ERR(EXT_OVERRUN));
	EXPECT(h.bad_ext == 0x20);
	/* The same chain ended by a datagram shorter than Length. */
	set_length(buf, n + 4);
	EXPECT(parse(buf, n, &h) == ERR(TRUNCATED));
	tap_ok(ok, "extension chain running off the end of the message");
}

static void test_zero_and_too_many(void)
{
	struct edgedp_gtpu_hdr h;
	unsigned int i, count;
	bool ok = true;
	u8 buf[128];
	size_t n;
	int err;

	n = opt_hdr(buf, EDGEDP_GTPU_F_E, EDGEDP_GTPU_EXT_PSC);
	n = add_ext(buf, n, 1, 0, 1);
	set_length(buf, n);
	buf[12] = 0;
	EXPECT(parse(buf, n, &h) == ERR(EXT_ZERO));
	buf[12] = 1;
	buf[15] = 0x20;
	n = add_ext(buf, n, 1, 0, 0);
	buf[16] = 0;
	set_length(buf, n);
	EXPECT(parse(buf, n, &h) == ERR(EXT_ZERO) && h.bad_ext == 0x20);

	for (count = 1; count <= EDGEDP_GTPU_MAX_EXT + 2; count++) {
		n = opt_hdr(buf, EDGEDP_GTPU_F_E, 0x20);
		for (i = 0; i < count; i++) {
			n = add_ext(buf, n, 1 + i % 2, 0, 0);
			buf[n - 1] = i + 1 < count ? 0x20 : 0;
		}
		set_length(buf, n);
		err = parse(buf, n, &h);
		if (count <= EDGEDP_GTPU_MAX_EXT) {
			if (!EXPECT(!err && h.ext_count == count && h.hdr_len == n))
				printf("#   %u headers: %s\n", count, NAME(err));
		} else {
			EXPECT(err == ERR(EXT_TOO_MANY));
		}
	}
	tap_ok(ok, "zero-length extension header; at most %u headers",
	       EDGEDP_GTPU_MAX_EXT);
}

static void test_version_pt(void)
{
	struct edgedp_gtpu_hdr h;
	unsigned int v;
	bool ok = true;
	u8 buf[8] = { 0, 0xff };

	for (v = 0; v < 8; v++) {
		buf[0] = v << 5 | EDGEDP_GTPU_F_PT;
		EXPECT(parse(buf, 8, &h) == (v == 1 ? 0 : ERR(VERSION)));
		buf[0] = v << 5;
		EXPECT(parse(buf, 8, &h) == (v == 1 ? ERR(PT) : ERR(VERSION)));
	}
	tap_ok(ok, "versions 0..7 with PT 0 and 1: only GTPv1 with PT 1 parses");
}

static void test_psc_malformed(void)
{
	struct edgedp_gtpu_hdr h;
	unsigned int t;
	bool ok = true;
	u8 buf[64];
	size_t n;

	for (t = 0; t < 16; t++) {
		n = opt_hdr(buf, EDGEDP_GTPU_F_E, EDGEDP_GTPU_EXT_PSC);
		n = add_ext(buf, n, 1, t << 4, 1);
		set_length(buf, n);
		EXPECT(parse(buf, n, &h) == (t < 2 ? 0 : ERR(PSC_TYPE)));
		if (t >= 2)
			EXPECT(h.bad_ext == EDGEDP_GTPU_EXT_PSC);
	}
	n = opt_hdr(buf, EDGEDP_GTPU_F_E, EDGEDP_GTPU_EXT_PSC);
	n = add_ext(buf, n, 1, 0, 0x80);
	set_length(buf, n);
	EXPECT(parse(buf, n, &h) == ERR(EXT_LEN));
	n = opt_hdr(buf, EDGEDP_GTPU_F_E, EDGEDP_GTPU_EXT_UDP_PORT);
	n = add_ext(buf, n, 1, 0, 1);
	buf[n - 1] = EDGEDP_GTPU_EXT_UDP_PORT;
	n = add_ext(buf, n, 1, 0, 2);
	set_length(buf, n);
	EXPECT(parse(buf, n, &h) == ERR(EXT_DUP));
	tap_ok(ok, "PSC of PDU types 2..15, PPP without room, UDP Port twice");
}

static void test_echo(void)
{
	struct edgedp_gtpu_echo e;
	struct edgedp_gtpu_hdr h;
	bool ok = true;
	u8 buf[64];
	size_t n;
	int err;

	/* Header, then (unknown TLV 200, 3 octets), Recovery 7, Private Ext. */
	n = edgedp_gtpu_build_echo_req(buf, sizeof(buf), 0x0102);
	EXPECT(n == 12);
	memcpy(buf + n, (u8 []){ 200, 0, 3, 1, 2, 3, 14, 7, 255, 0, 2, 0xaa, 0xbb }, 13);
	n += 13;
	set_length(buf, n);
	err = parse_echo(buf, n, &h, &e);
	EXPECT(!err && h.type == 1 && h.seq == 0x0102 && e.has_recovery && e.recovery == 7);
	tap_ok(ok, "Echo Request with an unknown TLV IE, Recovery, Private Extension");

	ok = true;
	/* Known TV IEs (Cause, IMSI, TEID Data I) are skipped by their length. */
	n = 12;
	memcpy(buf + n, (u8 []){ 1, 0x80, 2, 1, 2, 3, 4, 5, 6, 7, 8, 16, 1, 2, 3, 4, 14, 9 },
	       18);
	n += 18;
	set_length(buf, n);
	EXPECT(!parse_echo(buf, n, &h, &e) && e.has_recovery && e.recovery == 9);
	/* An unknown TV IE stops the walk: the Recovery after it is not seen. */
	buf[12] = 100;
	EXPECT(!parse_echo(buf, n, &h, &e) && !e.has_recovery);
	tap_ok(ok, "Echo Request: known TV IEs skipped, unknown TV IE ends the IEs");

	ok = true;
	n = edgedp_gtpu_build_echo_req(buf, sizeof(buf), 1);
	buf[n++] = 14;
	set_length(buf, n);
	EXPECT(parse_echo(buf, n, &h, &e) == ERR(IE_OVERRUN));
	buf[n - 1] = 255;
	buf[n++] = 0;
	set_length(buf, n);
	EXPECT(parse_echo(buf, n, &h, &e) == ERR(IE_OVERRUN));
	buf[n++] = 1;
	set_length(buf, n);
	EXPECT(parse_echo(buf, n, &h, &e) == ERR(IE_OVERRUN));
	buf[n++] = 0;
	set_length(buf, n);
	EXPECT(!parse_echo(buf, n, &h, &e));
	/* Not an echo message; not even GTP-U. */
	n = edgedp_gtpu_build(buf, sizeof(buf), EDGEDP_GTPU_GPDU, 1, 0, NULL);
	EXPECT(parse_echo(buf, n, &h, &e) == ERR(MSG_TYPE));
	EXPECT(parse_echo(buf, 3, &h, &e) == ERR(TRUNCATED));
	/* Without the S flag: accepted, no sequence number. */
	n = edgedp_gtpu_build(buf, sizeof(buf), EDGEDP_GTPU_ECHO_REQ, 0, 0, NULL);
	EXPECT(!parse_echo(buf, n, &h, &e) && !h.has_seq);
	tap_ok(ok, "Echo: IE running off the end, wrong message type, no S flag");

	ok = true;
	n = edgedp_gtpu_build_echo_resp(buf, sizeof(buf), 0xfffe);
	EXPECT(n == 14 && buf[0] == 0x32 && buf[1] == 2 && buf[3] == 6);
	EXPECT(!memcmp(buf + 4, (u8 []){ 0, 0, 0, 0, 0xff, 0xfe, 0, 0, 14, 0 }, 10));
	EXPECT(!parse_echo(buf, n, &h, &e) && h.type == 2 && h.seq == 0xfffe &&
	       e.has_recovery && !e.recovery);
	for (n = 0; n < 14; n++)
		EXPECT(!edgedp_gtpu_build_echo_resp(buf, n, 1));
	tap_ok(ok, "Echo Response: S set, sequence copied, Recovery 0, room checked");
}

/*
 * Path supervision (kmod/gtpu/peer.c): the exact bytes of an Echo Request, and
 * the Echo Responses of the peers selftests/edgedp_gtpu_peer.sh meets, as
 * captured: osmo-ggsn's libgtp (sequence copied, its GTPv1 restart counter)
 * and the kernel's gtp.ko (sequence number 0 whatever the request's).
 */
static void test_echo_peers(void)
{
	static const u8 osmo[] = { 0x32, 0x02, 0x00, 0x06, 0, 0, 0, 0, 0x12, 0x34, 0, 0,
				   0x0e, 0x01 };
	static const u8 gtpko[] = { 0x32, 0x02, 0x00, 0x06, 0, 0, 0, 0, 0, 0, 0, 0,
				    0x0e, 0x00 };
	struct edgedp_gtpu_echo e;
	struct edgedp_gtpu_hdr h;
	bool ok = true;
	unsigned int i;
	u8 buf[16];
	size_t n;

	for (i = 0; i < 3; i++) {
		u16 seq = (u16[]){ 0, 0x1234, 0xffff }[i];

		n = edgedp_gtpu_build_echo_req(buf, sizeof(buf), seq);
		EXPECT(n == 12 && !memcmp(buf, (u8 []){ 0x32, 1, 0, 4, 0, 0, 0, 0, seq >> 8,
							seq & 0xff, 0, 0 }, 12));
		EXPECT(!parse_echo(buf, n, &h, &e) && h.type == EDGEDP_GTPU_ECHO_REQ &&
		       h.has_seq && h.seq == seq && !h.teid && !e.has_recovery);
	}
	for (n = 0; n < 12; n++)
		EXPECT(!edgedp_gtpu_build_echo_req(buf, n, 1));
	tap_ok(ok, "Echo Request: exact bytes (S, TEID 0, Length 4, no IE), room checked");

	ok = true;
	EXPECT(!parse_echo(osmo, sizeof(osmo), &h, &e) && h.type == EDGEDP_GTPU_ECHO_RESP &&
	       h.has_seq && h.seq == 0x1234 && e.has_recovery && e.recovery == 1);
	EXPECT(!parse_echo(gtpko, sizeof(gtpko), &h, &e) && h.has_seq && h.seq == 0 &&
	       e.has_recovery && e.recovery == 0);
	/* Trailing octets past Length are not IEs. */
	memcpy(buf, osmo, sizeof(osmo));
	buf[3] = 4;
	EXPECT(!parse_echo(buf, sizeof(osmo), &h, &e) && !e.has_recovery);
	tap_ok(ok, "Echo Responses of osmo-ggsn (Recovery 1) and gtp.ko (sequence 0)");
}

static void test_error_ind(void)
{
	struct edgedp_gtpu_err_ind ei = {
		.teid = 0x11223344, .udp_port = 40000, .addr_len = 16,
		.addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 },
	}, got;
	struct edgedp_gtpu_hdr h;
	bool ok = true;
	u8 buf[64];
	size_t n, m;

	n = edgedp_gtpu_build_error_ind(buf, sizeof(buf), 3, &ei);
	EXPECT(n == 16 + 5 + 19);
	EXPECT(buf[0] == 0x36 && buf[1] == 26 && !edgedp_get_be32(buf + 4));
	EXPECT(buf[11] == 0x40 && edgedp_get_be16(buf + 13) == 40000);
	EXPECT(buf[16] == 16 && edgedp_get_be32(buf + 17) == 0x11223344);
	EXPECT(buf[21] == 133 && edgedp_get_be16(buf + 22) == 16);
	EXPECT(!parse_error_ind(buf, n, &h, &got) && got.teid == ei.teid &&
	       got.udp_port == 40000 && got.addr_len == 16 &&
	       !memcmp(got.addr, ei.addr, 16) && h.seq == 3);
	for (m = 0; m < n; m++)
		EXPECT(!edgedp_gtpu_build_error_ind(buf, m, 3, &ei));
	tap_ok(ok, "Error Indication, IPv6 peer, UDP Port extension header");

	ok = true;
	ei.udp_port = 0;
	ei.addr_len = 4;
	n = edgedp_gtpu_build_error_ind(buf, sizeof(buf), 0, &ei);
	EXPECT(n == 12 + 5 + 7 && buf[0] == 0x32);
	EXPECT(!parse_error_ind(buf, n, &h, &got) && !got.udp_port && got.addr_len == 4);
	/* Peer Address of 5 octets. */
	buf[19] = 5;
	buf[n] = 0;
	set_length(buf, n + 1);
	EXPECT(parse_error_ind(buf, n + 1, &h, &got) == ERR(IE_BAD));
	/* Without the Peer Address, without the TEID. */
	set_length(buf, 17);
	EXPECT(parse_error_ind(buf, 17, &h, &got) == ERR(IE_MISSING));
	n = edgedp_gtpu_build_error_ind(buf, sizeof(buf), 0, &ei);
	buf[12] = 17;	/* TEID Control Plane: same length, not TEID Data I */
	EXPECT(parse_error_ind(buf, n, &h, &got) == ERR(IE_MISSING));
	buf[12] = 16;
	buf[1] = EDGEDP_GTPU_GPDU;
	EXPECT(parse_error_ind(buf, n, &h, &got) == ERR(MSG_TYPE));
	ei.addr_len = 0;
	EXPECT(!edgedp_gtpu_build_error_ind(buf, sizeof(buf), 0, &ei));
	tap_ok(ok, "Error Indication, IPv4 peer; bad, missing IEs");
}

static void test_end_marker_supp_ext(void)
{
	struct edgedp_gtpu_build_opts o = { .has_psc = true, .qfi = 7 };
	struct edgedp_gtpu_ie ie;
	struct edgedp_gtpu_hdr h;
	bool ok = true;
	u8 buf[64];
	size_t n, off;

	n = edgedp_gtpu_build_end_marker(buf, sizeof(buf), 0xcafe, NULL);
	EXPECT(n == 8 && !parse(buf, n, &h) && h.type == 254 && h.teid == 0xcafe &&
	       !h.payload_len);
	n = edgedp_gtpu_build_end_marker(buf, sizeof(buf), 0xcafe, &o);
	EXPECT(n == 16 && !parse(buf, n, &h) && h.type == 254 && h.has_psc &&
	       h.qfi == 7 && !h.payload_len);
	tap_ok(ok, "End Marker, with and without a PSC");

	ok = true;
	n = edgedp_gtpu_build_supp_ext(buf, sizeof(buf), 0);
	EXPECT(n == 16 && !parse(buf, n, &h) && h.type == 31 && h.has_seq);
	off = h.hdr_len;
	EXPECT(edgedp_gtpu_ie_next(buf, n, &off, &ie) == 1 && ie.type == 141 &&
	       ie.len == 2 && ie.val[0] == 0x40 && ie.val[1] == 0x85 && off == n);
	EXPECT(edgedp_gtpu_ie_next(buf, n, &off, &ie) == 0);
	/* The list's length is one octet: a cut one is an overrun. */
	off = h.hdr_len;
	EXPECT(edgedp_gtpu_ie_next(buf, n - 1, &off, &ie) == ERR(IE_OVERRUN));
	off = h.hdr_len;
	EXPECT(edgedp_gtpu_ie_next(buf, h.hdr_len + 1, &off, &ie) == ERR(IE_OVERRUN));
	tap_ok(ok, "Supported Extension Headers Notification lists 0x40 and 0x85");
}

static void test_build_room(void)
{
	struct edgedp_gtpu_build_opts o = { 0 };
	unsigned int bits;
	bool ok = true;
	u8 buf[64];
	size_t hl, room;

	for (bits = 0; bits < 32; bits++) {
		o.has_seq = bits & 1;
		o.has_psc = bits & 2;
		o.has_ppi = o.has_psc && (bits & 4);
		o.rqi = bits & 8;
		o.udp_port = bits & 16 ? 80 : 0;
		hl = edgedp_gtpu_hdr_len(&o);
		EXPECT(hl == 8 || hl % 4 == 0);
		if (o.has_psc || o.udp_port)
			EXPECT(hl % 4 == 0 && hl >= 16);
		for (room = 0; room < hl; room++)
			EXPECT(!edgedp_gtpu_build(buf, room, 255, 1, 0, &o));
		EXPECT(edgedp_gtpu_build(buf, hl, 255, 1, 0, &o) == hl);
	}
	tap_ok(ok, "builder: room checked, header a multiple of 4 with extensions");
}

static void test_err_names(void)
{
	const char *names[EDGEDP_GTPU_ERR_COUNT];
	bool ok = true;
	int i, j;

	for (i = 0; i < EDGEDP_GTPU_ERR_COUNT; i++) {
		names[i] = NAME(-i);
		EXPECT(names[i] && strcmp(names[i], "unknown"));
		EXPECT(!strcmp(names[i], NAME(i)));
		for (j = 0; j < i; j++)
			EXPECT(strcmp(names[i], names[j]));
	}
	EXPECT(!strcmp(NAME(-EDGEDP_GTPU_ERR_COUNT), "unknown"));
	EXPECT(!strcmp(NAME(-1000), "unknown"));
	tap_ok(ok, "every error code has its own name");
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--corpus")) {
		corpus_dir = argv[2];
	} else if (argc != 1) {
		fprintf(stderr, "usage: %s [--corpus DIR]\n", argv[0]);
		return 2;
	}
	tap_start();
	test_selftest();
	test_message_types();
	test_flags();
	test_psc(EDGEDP_GTPU_PSC_DL);
	test_psc(EDGEDP_GTPU_PSC_UL);
	test_psc_ppi();
	test_comprehension();
	test_udp_port_ext();
	test_truncation();
	test_bad_lengths();
	test_chain_overrun();
	test_zero_and_too_many();
	test_version_pt();
	test_psc_malformed();
	test_echo();
	test_echo_peers();
	test_error_ind();
	test_end_marker_supp_ext();
	test_build_room();
	test_err_names();
	if (corpus_dir)
		printf("# wrote %u corpus files to %s\n", corpus_files, corpus_dir);
	return tap_end();
}
