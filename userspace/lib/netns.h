/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_LIB_NETNS_H
#define ZCGUARD_LIB_NETNS_H

#include <stddef.h>

/*
 * Brings the loopback device of the current network namespace up, with
 * its MTU set to mtu when mtu > 0. family is the socket family used for
 * the ioctls (AF_INET6 falls back to AF_INET when the kernel has no
 * IPv6); *family_used, when not NULL, says which one worked.
 * 0, or -1 with the reason in err.
 */
int zcg_lo_up(int family, int mtu, int *family_used, char *err, size_t elen);

/*
 * unshare(CLONE_NEWNET) and zcg_lo_up(): a private loopback for tests
 * and benchmarks, so the host's lo and other traffic are never touched.
 * Call before creating threads: they inherit the namespace.
 */
int zcg_netns_lo(int family, int mtu, int *family_used, char *err,
		 size_t elen);

#endif
