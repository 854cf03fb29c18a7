// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * libFuzzer target over kmod/gtpu/wire.c: every parser on every input, with
 * ASan/UBSan watching the reads, and these properties checked:
 *  - a parsed header lies within the input and its lengths add up;
 *  - fields are in range (QFI < 64, PPI < 8, at most EDGEDP_GTPU_MAX_EXT);
 *  - a header rebuilt from what was parsed parses back to the same fields;
 *  - the IE walker only moves forward and stays within its bounds.
 * The seed corpus is every input of test_gtpu (make fuzz writes it).
 */
#include <stdint.h>
#include <stdlib.h>

#include "gtpu/wire.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static u8 rebuilt[EDGEDP_GTPU_HLEN + 0x10000];

static void check_hdr(const struct edgedp_gtpu_hdr *h, size_t size)
{
	CHECK(h->hdr_len >= EDGEDP_GTPU_HLEN);
	CHECK((size_t)h->hdr_len + h->payload_len == EDGEDP_GTPU_HLEN + h->length);
	CHECK(EDGEDP_GTPU_HLEN + h->length <= size);
	CHECK((h->hdr_len == EDGEDP_GTPU_HLEN) == !(h->flags & EDGEDP_GTPU_F_OPT));
	CHECK(h->hdr_len == EDGEDP_GTPU_HLEN || h->hdr_len % 4 == 0);
	CHECK(h->ext_count <= EDGEDP_GTPU_MAX_EXT);
	CHECK(h->has_seq == !!(h->flags & EDGEDP_GTPU_F_S));
	CHECK(h->has_npdu == !!(h->flags & EDGEDP_GTPU_F_PN));
	CHECK(h->qfi < 64 && h->ppi < 8 && h->pdu_type <= EDGEDP_GTPU_PSC_UL);
	CHECK(!h->bad_ext);
	CHECK(h->has_psc || (!h->qfi && !h->rqi && !h->has_ppi));
	CHECK(!h->rqi || h->pdu_type == EDGEDP_GTPU_PSC_DL);
}

/* Build what was parsed, parse it again: the same fields must come back. */
static void round_trip(const struct edgedp_gtpu_hdr *h)
{
	struct edgedp_gtpu_build_opts o = {
		.has_seq = h->has_seq, .seq = h->seq,
		.udp_port = h->has_udp_port ? h->udp_port : 0,
		.has_psc = h->has_psc, .pdu_type = h->pdu_type, .qfi = h->qfi,
		.rqi = h->rqi, .has_ppi = h->has_ppi, .ppi = h->ppi,
	};
	struct edgedp_gtpu_hdr h2;
	size_t hl;

	/* Port 0 cannot be expressed: the builder reads 0 as "none". */
	if (h->has_udp_port && !h->udp_port)
		return;
	hl = edgedp_gtpu_build(rebuilt, sizeof(rebuilt), h->type, h->teid,
			       h->payload_len, &o);
	CHECK(hl && hl <= h->hdr_len);
	CHECK(!edgedp_gtpu_parse(rebuilt, hl + h->payload_len, &h2));
	CHECK(h2.type == h->type && h2.teid == h->teid);
	CHECK(h2.hdr_len == hl && h2.payload_len == h->payload_len);
	CHECK(h2.has_seq == h->has_seq && h2.seq == h->seq);
	CHECK(h2.has_psc == h->has_psc && h2.qfi == h->qfi &&
	      h2.pdu_type == h->pdu_type && h2.rqi == h->rqi &&
	      h2.has_ppi == h->has_ppi && h2.ppi == h->ppi);
	CHECK(h2.has_udp_port == h->has_udp_port && h2.udp_port == h->udp_port);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct edgedp_gtpu_err_ind ei;
	struct edgedp_gtpu_echo e;
	struct edgedp_gtpu_hdr h;
	struct edgedp_gtpu_ie ie;
	size_t off, prev;
	int ret;

	ret = edgedp_gtpu_parse(data, size, &h);
	CHECK(ret <= 0 && -ret < EDGEDP_GTPU_ERR_COUNT);
	if (!ret) {
		check_hdr(&h, size);
		round_trip(&h);
	}

	ret = edgedp_gtpu_parse_echo(data, size, &h, &e);
	CHECK(ret <= 0 && -ret < EDGEDP_GTPU_ERR_COUNT);
	if (!ret)
		CHECK(h.type == EDGEDP_GTPU_ECHO_REQ || h.type == EDGEDP_GTPU_ECHO_RESP);

	ret = edgedp_gtpu_parse_error_ind(data, size, &h, &ei);
	CHECK(ret <= 0 && -ret < EDGEDP_GTPU_ERR_COUNT);
	if (!ret)
		CHECK(ei.addr_len == 4 || ei.addr_len == 16);

	/* The whole input as a list of IEs. */
	off = 0;
	do {
		prev = off;
		ret = edgedp_gtpu_ie_next(data, size, &off, &ie);
		CHECK(off <= size);
		if (ret > 0)
			CHECK(off > prev && ie.val + ie.len == data + off);
		else
			CHECK(ret == 0 || ret == -EDGEDP_GTPU_ERR_IE_OVERRUN);
	} while (ret > 0);
	return 0;
}
