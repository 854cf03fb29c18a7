// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl monitor: print the family's notifications as they come.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "dev.h"
#include "edgectl.h"
#include "monitor.h"
#include "peer.h"
#include "session.h"
#include "urr.h"

const char monitor_usage[] =
	"Usage: edgectl monitor\n"
	"       edgectl monitor help\n"
	"Prints one line per event (a JSON object per line with -j) until killed:\n"
	"       dev-add IFINDEX: NAME    a device was created\n"
	"       dev-del IFINDEX: NAME    a device was deleted\n"
	"       urr-report dev DEV seid SEID urr ID ... reports N\n"
	"                                a URR's volume reached a threshold or\n"
	"                                its quota (then with quota-exhausted):\n"
	"                                its counters at that moment\n"
	"       dl-data dev DEV seid SEID pdr ID far ID\n"
	"                                a packet hit a buff/nocp FAR: once per\n"
	"                                session until its next change\n"
	"       peer dev DEV ADDR port PORT state STATE [ recovery N ]\n"
	"                                a supervised GTP-U peer went up or down,\n"
	"                                or its restart counter changed\n";

/* "dl-data dev upf0 seid 0x1 pdr 2 far 2" */
static int dl_data_print(const struct nlmsghdr *nlh, bool stats)
{
	static const struct nl_policy policy[EDGEDP_A_SESSION_MAX + 1] = {
		[EDGEDP_A_SESSION_IFINDEX]	= { .type = MNL_TYPE_U32 },
		[EDGEDP_A_SESSION_SEID]		= { .type = MNL_TYPE_U64 },
		[EDGEDP_A_SESSION_PDR]		= { .type = MNL_TYPE_NESTED },
	};
	static const struct nl_policy pdr_policy[EDGEDP_A_PDR_MAX + 1] = {
		[EDGEDP_A_PDR_ID]		= { .type = MNL_TYPE_U16 },
		[EDGEDP_A_PDR_FAR_ID]		= { .type = MNL_TYPE_U32 },
	};
	const struct nlattr *tb[EDGEDP_A_SESSION_MAX + 1], *p[EDGEDP_A_PDR_MAX + 1];

	(void)stats;
	if (nl_parse(nlh, policy, EDGEDP_A_SESSION_MAX, tb) || !tb[EDGEDP_A_SESSION_IFINDEX] ||
	    !tb[EDGEDP_A_SESSION_SEID] || !tb[EDGEDP_A_SESSION_PDR] ||
	    nl_parse_nested(tb[EDGEDP_A_SESSION_PDR], pdr_policy, EDGEDP_A_PDR_MAX, p) ||
	    !p[EDGEDP_A_PDR_ID] || !p[EDGEDP_A_PDR_FAR_ID])
		return MNL_CB_ERROR;
	session_event_print(tb);
	print_uint(PRINT_ANY, "pdr", " pdr %u", mnl_attr_get_u16(p[EDGEDP_A_PDR_ID]));
	print_uint(PRINT_ANY, "far", " far %u", mnl_attr_get_u32(p[EDGEDP_A_PDR_FAR_ID]));
	print_nl();
	return MNL_CB_OK;
}

/* A new kind of event is one line here. */
static const struct {
	uint8_t cmd;
	const char *name;
	int (*print)(const struct nlmsghdr *nlh, bool stats);
} events[] = {
	{ EDGEDP_CMD_DEV_ADD_NTF, "dev-add", dev_print_attrs },
	{ EDGEDP_CMD_DEV_DEL_NTF, "dev-del", dev_print_attrs },
	{ EDGEDP_CMD_URR_REPORT_NTF, "urr-report", urr_report_print },
	{ EDGEDP_CMD_DL_DATA_NTF, "dl-data", dl_data_print },
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
