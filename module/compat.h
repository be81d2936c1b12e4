/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel API differences between the kernels zcguard builds for
 * (Debian's 6.1 and 6.12 cloud kernels), decided by the kernel version
 * the module is built against.
 */
#ifndef ZCGUARD_COMPAT_H
#define ZCGUARD_COMPAT_H

#include <linux/version.h>
#include <linux/panic.h>

/*
 * True when building against kernel a.b or newer, from the separate
 * version fields <linux/version.h> provides since 5.16 (checkpatch asks
 * not to test LINUX_VERSION_CODE itself).
 */
#ifndef LINUX_VERSION_MAJOR
#error "zcguard needs kernel headers 5.16 or newer"
#endif
#define ZCG_KERNEL_AT_LEAST(a, b)					\
	(LINUX_VERSION_MAJOR * 256 + LINUX_VERSION_PATCHLEVEL >=	\
	 (a) * 256 + (b))

/*
 * kernel_sendpage() was removed in 6.5; since then sendmsg() with
 * MSG_SPLICE_PAGES and a bvec iterator attaches pages to an skb instead
 * of copying them.
 */
#if ZCG_KERNEL_AT_LEAST(6, 5)
#define ZCG_HAVE_SPLICE_PAGES 1
#else
#define ZCG_HAVE_SPLICE_PAGES 0
#endif

/*
 * TAINT_TEST ("N": a test module was loaded) exists since 6.0. Older
 * kernels get TAINT_USER, the closest "state was tampered with" flag.
 */
#if ZCG_KERNEL_AT_LEAST(6, 0)
#define ZCG_TAINT TAINT_TEST
#else
#define ZCG_TAINT TAINT_USER
#endif

#endif /* ZCGUARD_COMPAT_H */
