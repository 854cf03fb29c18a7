// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl monitor: print the family's notifications as they come.
 */

#include <errno.h>
#include <string.h>

#include "edgectl.h"

const char monitor_usage[] =
	"Usage: edgectl monitor\n"
	"       edgectl monitor help\n"
	"Prints one line per event (a JSON object per line with -j) until killed:\n"
	"       dev-add IFINDEX: NAME    a device was created\n"
	"       dev-del IFINDEX: NAME    a device was deleted\n"
	"       peer dev DEV ADDR port PORT state STATE [ recovery N ]\n"
	"                                a supervised GTP-U peer went up or down,\n"
	"                                or its restart counter changed\n";

/* A new kind of event is one line here. */
static const struct {
	uint8_t cmd;
	const char *name;
	int (*print)(const struct nlmsghdr *nlh, bool stats);
} events[] = {
	{ EDGEDP_CMD_DEV_ADD_NTF, "dev-add", dev_print_attrs },
	{ EDGEDP_CMD_DEV_DEL_NTF, "dev-del", dev_print_attrs },
	{ EDGEDP_CMD_PEER_NTF, "peer", peer_print_event },
};

int monitor_print(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *genl = nl_genlhdr(nlh);
	const uint16_t *family = data;
	unsigned int i;
	int ret;

	if (family && nlh->nlmsg_type != *family)
		return MNL_CB_OK;
	if (!genl)
		return MNL_CB_ERROR;
	for (i = 0; i < ARRAY_SIZE(events) && events[i].cmd != genl->cmd; i++)
		;
	if (i == ARRAY_SIZE(events))
		return MNL_CB_OK;	/* an event of a newer module */
	open_json_object(NULL);
	print_string(PRINT_ANY, "event", "%s ", events[i].name);
	ret = events[i].print(nlh, false);
	close_json_object();
	print_flush();
	return ret;
}

int monitor_main(int argc, char **argv)
{
	struct nl_ctx *nl;
	int ret = arg_none(argc, argv);

	if (ret)
		return ret;
	nl = edgectl_nl();
	if (!nl)
		return EXIT_KERNEL;
	if (!nl->mcgrp) {
		errorf("the module has no \"%s\" multicast group", EDGEDP_MCGRP_EVENTS);
		return EXIT_KERNEL;
	}
	ret = nl_subscribe(nl, nl->mcgrp);
	if (ret) {
		errorf("cannot join the \"%s\" group: %s", EDGEDP_MCGRP_EVENTS, strerror(-ret));
		return EXIT_KERNEL;
	}
	for (;;) {
		ret = nl_recv(nl, monitor_print, &nl->family);
		if (!ret || ret == -EINTR)
			continue;
		if (ret == -ENOBUFS) {
			errorf("events were lost: the socket receive buffer overflowed");
		} else if (nl->res.malformed) {
			errorf("ignored a malformed event");
		} else {
			errorf("%s", strerror(-ret));
			return EXIT_KERNEL;
		}
	}
}
