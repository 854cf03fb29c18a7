/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 */
#ifndef _EDGEDP_NETLINK_H
#define _EDGEDP_NETLINK_H

struct edgedp_dev;

int edgedp_genl_init(void);
void edgedp_genl_uninit(void);

/* Multicast a device event (EDGEDP_CMD_DEV_ADD_NTF or _DEL_NTF). */
void edgedp_genl_notify_dev(struct edgedp_dev *edp, u8 cmd);

#endif /* _EDGEDP_NETLINK_H */
