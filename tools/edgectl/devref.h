/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "dev DEV": the edgedp device an object's command names, by name or by
 * index, resolved to an ifindex before the request, and named again in
 * text output.
 */

#ifndef EDGECTL_DEVREF_H
#define EDGECTL_DEVREF_H

#include <stddef.h>
#include <stdint.h>

/* A device as the user names it, resolved to an ifindex before the request. */
struct dev_ref {
	const char *name;
	uint32_t ifindex;
};

/*
 * "dev { [ name ] NAME | index IFINDEX }" at *argv: consumes it. 0,
 * SHOW_HELP or EXIT_USAGE.
 */
int dev_ref_parse(int *argc, char ***argv, struct dev_ref *d);
/*
 * The ifindex of d->name in this network namespace (whether it is an edgedp
 * device is the kernel's to say). 0, or EXIT_KERNEL with a message. Names
 * are cached for the batch; dev add/del and ENODEV forget them.
 */
int dev_ref_resolve(struct dev_ref *d);
void dev_ref_forget(void);
/* For text output: the name of ifindex, from d if it is the same device. */
const char *dev_ref_name(uint32_t ifindex, const struct dev_ref *d, char *buf, size_t len);

#endif /* EDGECTL_DEVREF_H */
