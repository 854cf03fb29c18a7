/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgectl ep: the local GTP-U endpoints of a device. The device, address
 * and port of an endpoint (struct gtpu_ep) are parsed, put into requests
 * and printed here for peer.c too, whose peers are remote endpoints.
 */

#ifndef EDGECTL_EP_H
#define EDGECTL_EP_H

#include <stdbool.h>
#include <stdint.h>

#include "addr.h"
#include "devref.h"
#include "nl.h"

struct gtpu_ep {
	struct dev_ref dev;
	struct inaddr addr;
	uint16_t port;
	bool has_port;
};

/* The attribute types of a gtpu_ep in the messages of a command family. */
struct gtpu_ep_attrs {
	uint16_t ifindex, addr4, addr6, port;
};

enum {
	GTPU_EP_ADDR = 1 << 0,		/* ADDR [ port PORT ] allowed */
	GTPU_EP_NEED_ADDR = 1 << 1,	/* ... and ADDR required */
};

/*
 * "dev DEV" and, as allow says, ADDR and "port PORT"; any other keyword is
 * keyword()'s (0, EXIT_USAGE, or RULE_NOT_MINE if it is none of its own), to
 * which allow and arg are passed. The device is resolved at the end. 0,
 * SHOW_HELP ("help"), EXIT_USAGE or EXIT_KERNEL.
 */
int gtpu_ep_parse(int argc, char **argv, unsigned int allow, struct gtpu_ep *e,
		  int (*keyword)(int *argc, char ***argv, unsigned int allow, void *arg),
		  void *arg);
void gtpu_ep_put(struct nlmsghdr *nlh, const struct gtpu_ep_attrs *at, const struct gtpu_ep *e);
/* " 10.0.0.2 port 2152", or "addr" and "port" members. */
void gtpu_ep_print(const struct nlattr *const *tb, const struct gtpu_ep_attrs *at);

/* An endpoint of an EP_GET reply, a line or a JSON object. */
int ep_print(const struct nlmsghdr *nlh, void *data);

#endif /* EDGECTL_EP_H */
