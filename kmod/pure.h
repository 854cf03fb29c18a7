/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 *
 * The shim under edgedp's pure logic: code that does no allocation, takes no
 * lock and touches no skb, so that the same source builds into edgedp.ko and
 * into the host test, fuzz and benchmark programs (selftests/host/).
 *
 * A pure file includes only this header for its types and helpers. Byte order
 * is done by hand (byte assembly): it is the same code in both worlds, needs no
 * <asm/unaligned.h> (gone in 6.12) nor <linux/unaligned.h> (absent in 6.1), and
 * compilers turn it into a single load plus a byte swap.
 */
#ifndef _EDGEDP_PURE_H
#define _EDGEDP_PURE_H

#ifdef __KERNEL__

#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/string.h>

#else /* userspace */

#include <assert.h>	/* static_assert */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* As the kernel defines them (asm-generic/int-ll64.h). */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
/* Self tests put their code and data in the kernel's init sections. */
#ifndef __init
#define __init
#endif
#ifndef __initdata
#define __initdata
#endif

#endif /* __KERNEL__ */

static inline u16 edgedp_get_be16(const u8 *p)
{
	return (u16)((u16)p[0] << 8 | p[1]);
}

static inline u32 edgedp_get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline void edgedp_put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline void edgedp_put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

#endif /* _EDGEDP_PURE_H */
