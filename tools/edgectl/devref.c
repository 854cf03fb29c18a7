// SPDX-License-Identifier: GPL-2.0
/*
 * "dev DEV" as the objects that work on a device's contents take it (ep,
 * session, pdr, far, qer, urr, peer), and a device's name for text output.
 */

#include <limits.h>
#include <net/if.h>
#include <stdio.h>

#include "batch.h"
#include "devref.h"
#include "utils.h"

int dev_ref_parse(int *argcp, char ***argvp, struct dev_ref *d)
{
	int argc = *argcp;
	char **argv = *argvp;

	if (d->name || d->ifindex)
		return arg_duplicate(*argv);
	NEXT_ARG();
	if (streq(*argv, "help"))
		return SHOW_HELP;
	if (streq(*argv, "index")) {
		NEXT_ARG();
		if (arg_u32("IFINDEX", *argv, 1, INT_MAX, &d->ifindex))
			return EXIT_USAGE;
	} else {
		if (streq(*argv, "name"))
			NEXT_ARG();
		if (arg_ifname(*argv))
			return EXIT_USAGE;
		d->name = *argv;
	}
	*argcp = argc;
	*argvp = argv;
	return 0;
}

/* One name, as batches name one device thousands of times. */
static struct {
	char name[IFNAMSIZ];
	uint32_t ifindex;
} ifcache;

void dev_ref_forget(void)
{
	ifcache.ifindex = 0;
}

int dev_ref_resolve(struct dev_ref *d)
{
	unsigned int idx;

	if (d->ifindex || !d->name)
		return 0;
	if (ifcache.ifindex && streq(ifcache.name, d->name)) {
		d->ifindex = ifcache.ifindex;
		return 0;
	}
	edgectl_flush();	/* see what the lines before this one did */
	idx = if_nametoindex(d->name);
	if (!idx) {
		errorf("cannot find device \"%s\"", d->name);
		return EXIT_KERNEL;
	}
	snprintf(ifcache.name, sizeof(ifcache.name), "%s", d->name);
	ifcache.ifindex = idx;
	d->ifindex = idx;
	return 0;
}

const char *dev_ref_name(uint32_t ifindex, const struct dev_ref *d, char *buf, size_t len)
{
	char name[IF_NAMESIZE];

	if (d && d->name && d->ifindex == ifindex)
		return d->name;
	if (ifindex && if_indextoname(ifindex, name))
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "if%u", ifindex);
	return buf;
}
