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
 * True when building against kernel a.b or newer. Same information as
 * LINUX_VERSION_CODE >= KERNEL_VERSION(a, b, 0), spelled with the
 * separate fields <linux/version.h> also provides (since 5.16).
 */
#ifndef LINUX_VERSION_MAJOR
#error "zcguard needs kernel headers 5.16 or newer"
#endif
#define ZCG_KERNEL_AT_LEAST(a, b)					\
	(LINUX_VERSION_MAJOR > (a) ||					\
	 (LINUX_VERSION_MAJOR == (a) && LINUX_VERSION_PATCHLEVEL >= (b)))

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
