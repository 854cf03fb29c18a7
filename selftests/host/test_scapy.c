// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * Cross-check of kmod/gtpu/wire.c against scapy: reads the packets gen_scapy.py
 * wrote, with scapy's view of their fields, runs the edgedp parser on each
 * and checks that both agree. One TAP 13 point per kind of packet.
 *
 *   test_scapy FILE
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gtpu/wire.h"
#include "tap.h"

#define MAX_KINDS 64
#define MAX_DIAG 30

struct kind {
	char name[48];
	unsigned int packets, bad;
};

static struct kind kinds[MAX_KINDS];
static unsigned int nkinds, diags;

static struct kind *kind_get(const char *name)
{
	unsigned int i;

	for (i = 0; i < nkinds; i++)
		if (!strcmp(kinds[i].name, name))
			return &kinds[i];
	if (nkinds == MAX_KINDS) {
		fprintf(stderr, "too many kinds\n");
		exit(2);
	}
	snprintf(kinds[nkinds].name, sizeof(kinds[nkinds].name), "%s", name);
	return &kinds[nkinds++];
}

static int kind_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kind *)a)->name, ((const struct kind *)b)->name);
}

/* The value of key in a record of "key=value" words, or NULL. */
static const char *field(char **keys, char **vals, int n, const char *key)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(keys[i], key))
			return vals[i];
	return NULL;
}

static size_t unhex(const char *s, u8 *buf, size_t room)
{
	size_t n = 0;
	unsigned int b;

	while (s[0] && s[1] && n < room && sscanf(s, "%2x", &b) == 1) {
		buf[n++] = b;
		s += 2;
	}
	return n;
}

struct checker {
	unsigned int line;
	const char *kind;
	bool ok;
};

/*
 * want is scapy's value ("-" when absent); present/got are the parser's.
 */
static void check(struct checker *c, const char *name, const char *want,
		  bool present, unsigned long got)
{
	bool ok;

	if (!want)
		want = "(missing)";
	if (!strcmp(want, "-"))
		ok = !present;
	else
		ok = present && strtoul(want, NULL, 0) == got;
	if (ok)
		return;
	c->ok = false;
	if (diags++ < MAX_DIAG) {
		if (present)
			printf("#   line %u (%s): %s: edgedp %lu, scapy %s\n", c->line,
			       c->kind, name, got, want);
		else
			printf("#   line %u (%s): %s: edgedp none, scapy %s\n", c->line,
			       c->kind, name, want);
	}
}

static void check_addr(struct checker *c, const char *want,
		       const struct edgedp_gtpu_err_ind *ei)
{
	u8 addr[16];
	bool ok;

	if (ei->addr_len == 4)
		ok = inet_pton(AF_INET, want, addr) == 1 && !memcmp(addr, ei->addr, 4);
	else
		ok = inet_pton(AF_INET6, want, addr) == 1 && !memcmp(addr, ei->addr, 16);
	if (!ok) {
		c->ok = false;
		if (diags++ < MAX_DIAG)
			printf("#   line %u (%s): peer address differs from scapy %s\n",
			       c->line, c->kind, want);
	}
}

static void one(unsigned int line, char **keys, char **vals, int n)
{
	const char *kind = field(keys, vals, n, "kind");
	const char *parser = field(keys, vals, n, "parser");
	const char *hex = field(keys, vals, n, "hex");
	const char *verdict = field(keys, vals, n, "verdict");
	struct checker c = { .line = line, .kind = kind, .ok = true };
	struct edgedp_gtpu_err_ind ei;
	struct edgedp_gtpu_echo e;
	struct edgedp_gtpu_hdr h;
	struct kind *k;
	static u8 buf[4096];
	size_t len;
	int err;

	if (!kind || !parser || !hex || !verdict) {
		printf("#   line %u: malformed record\n", line);
		kind = "(malformed record)";
		c.ok = false;
		goto out;
	}
	len = unhex(hex, buf, sizeof(buf));
	memset(&e, 0, sizeof(e));
	memset(&ei, 0, sizeof(ei));
	if (!strcmp(parser, "echo"))
		err = edgedp_gtpu_parse_echo(buf, len, &h, &e);
	else if (!strcmp(parser, "errind"))
		err = edgedp_gtpu_parse_error_ind(buf, len, &h, &ei);
	else
		err = edgedp_gtpu_parse(buf, len, &h);
	if (strcmp(edgedp_gtpu_err_name(err), verdict)) {
		c.ok = false;
		if (diags++ < MAX_DIAG)
			printf("#   line %u (%s): edgedp says %s, expected %s\n", line,
			       kind, edgedp_gtpu_err_name(err), verdict);
		goto out;
	}
	if (err)
		goto out;

#define F(key) field(keys, vals, n, key)
	check(&c, "type", F("type"), true, h.type);
	check(&c, "teid", F("teid"), true, h.teid);
	check(&c, "hdr_len", F("hdr_len"), true, h.hdr_len);
	check(&c, "payload_len", F("payload_len"), true, h.payload_len);
	check(&c, "seq", F("seq"), h.has_seq, h.seq);
	check(&c, "qfi", F("qfi"), h.has_psc, h.qfi);
	check(&c, "pdu_type", F("pdu_type"), h.has_psc, h.pdu_type);
	check(&c, "rqi", F("rqi"), h.has_psc, h.rqi);
	check(&c, "ppi", F("ppi"), h.has_ppi, h.ppi);
	check(&c, "udp_port", F("udp_port"), h.has_udp_port, h.udp_port);
	if (!strcmp(parser, "echo"))
		check(&c, "recovery", F("recovery"), e.has_recovery, e.recovery);
	if (!strcmp(parser, "errind")) {
		check(&c, "ie_teid", F("ie_teid"), true, ei.teid);
		check_addr(&c, F("addr") ? F("addr") : "-", &ei);
	}
#undef F
out:
	k = kind_get(kind);
	k->packets++;
	if (!c.ok)
		k->bad++;
}

int main(int argc, char **argv)
{
	char *line = NULL, *keys[32], *vals[32], *tok, *save;
	unsigned int lineno = 0, i;
	size_t cap = 0;
	FILE *f;
	int n;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	tap_start();
	f = fopen(argv[1], "r");
	if (!f) {
		tap_ok(false, "scapy cross-check: cannot open %s", argv[1]);
		return tap_end();
	}
	while (getline(&line, &cap, f) > 0) {
		lineno++;
		line[strcspn(line, "\n")] = 0;
		if (!strncmp(line, "skip ", 5)) {
			tap_skip("scapy cross-check # SKIP %s", line + 5);
			break;
		}
		n = 0;
		for (tok = strtok_r(line, " ", &save); tok && n < 32;
		     tok = strtok_r(NULL, " ", &save)) {
			char *eq = strchr(tok, '=');

			if (!eq)
				continue;
			*eq = 0;
			keys[n] = tok;
			vals[n++] = eq + 1;
		}
		one(lineno, keys, vals, n);
	}
	free(line);
	fclose(f);
	if (!lineno)
		tap_ok(false, "scapy cross-check: %s is empty", argv[1]);
	qsort(kinds, nkinds, sizeof(kinds[0]), kind_cmp);
	for (i = 0; i < nkinds; i++)
		tap_ok(!kinds[i].bad, "scapy %s: %u packets, %u disagree", kinds[i].name,
		       kinds[i].packets, kinds[i].bad);
	return tap_end();
}
