/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake kernel behind struct nl_transport, for the unit tests and the
 * fuzzers: it answers the family lookup, checks the shape of every request
 * (attributes well-formed to the last byte, PDR/FAR/QER nests with
 * NLA_F_NESTED and nothing else nested), and acks each one like the kernel does from sendmsg(),
 * one datagram per reply. A handler decides the outcome. Its recv() is a
 * netlink socket's: MSG_PEEK leaves the datagram queued, MSG_TRUNC returns
 * its whole length, and without MSG_TRUNC a datagram larger than the buffer
 * is cut, the rest lost.
 */

#ifndef EDGECTL_TESTS_FAKE_H
#define EDGECTL_TESTS_FAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "nl.h"

struct fake {
	struct nl_transport t;
	/*
	 * Called for each request of the family: returns its error (0: ack).
	 * It may queue replies with fake_reply() and set msg/offs for the
	 * extack. NULL: everything succeeds, dumps are empty.
	 */
	int (*handler)(struct fake *f, const struct nlmsghdr *req);
	void *priv;
	const char *msg;	/* extack of the current ack */
	int offs;		/* -1: none */
	size_t max_send;	/* > 0: larger sends fail with EMSGSIZE */
	unsigned int drop_seq;	/* != 0: lose the ack of this seq, then ENOBUFS */
	unsigned int sends, requests, bad;
	/* recv() calls since the first request of the family: dequeuing ones, peeks */
	unsigned int recvs, peeks;
	char last[NL_TX_SIZE] __attribute__((aligned(4)));	/* the last request */
	/* queued datagrams, each a size_t length then the bytes */
	char *q;
	size_t qhead, qlen, qcap;
	int recv_err;
};

void fake_init(struct fake *f);
void fake_free(struct fake *f);
/* Queue nlh as a reply to req (its seq, NLM_F_MULTI for a dump). */
void fake_reply(struct fake *f, const struct nlmsghdr *req, struct nlmsghdr *nlh);
/*
 * Queue len bytes of replies in buf as one datagram, as the kernel packs a
 * dump's messages into one skb: each gets req's seq (their flags are kept).
 */
void fake_reply_datagram(struct fake *f, const struct nlmsghdr *req, void *buf, size_t len);
/* The shape check of the requests edgectl sends; true if well-formed. */
bool fake_request_ok(const struct nlmsghdr *nlh);

#endif /* EDGECTL_TESTS_FAKE_H */
