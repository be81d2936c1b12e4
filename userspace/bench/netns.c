// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmark runs in a network namespace of its own, so that setting
 * the loopback MTU never touches the host's lo and other users' traffic
 * does not share the device.
 *
 * Pages can only be mapped by TCP_ZEROCOPY_RECEIVE when each segment
 * carries whole pages of payload. On loopback the segment size follows
 * the MTU, so the MTU is chosen as 15 pages of payload plus the IPv6
 * header (40), the TCP header (20) and the timestamp option (12):
 * 15 * 4096 + 72 = 61512 on x86, the value tcp_mmap.c documents
 * (61492 over IPv4, used when the kernel has no IPv6).
 */
#include <sys/socket.h>
#include <unistd.h>

#include "bench/bench.h"
#include "lib/netns.h"

#define LO_PAYLOAD_PAGES 15
#define TCP_TS_HDRS (20 + 12)

/* IPv6 as tcp_mmap does by default; IPv4 when the kernel has no IPv6. */
int bench_family = AF_INET6;

unsigned int bench_lo_mtu(void)
{
	return LO_PAYLOAD_PAGES * (unsigned int)sysconf(_SC_PAGESIZE) +
	       (bench_family == AF_INET6 ? 40 : 20) + TCP_TS_HDRS;
}

int bench_netns_enter(char *err, size_t errlen)
{
	int used;

	/*
	 * Called before any thread exists: every thread created afterwards
	 * (sender, receiver) and every child (tcp_mmap) inherits it.
	 */
	if (zcg_netns_lo(bench_family, (int)bench_lo_mtu(), &used, err,
			 errlen))
		return -1;
	if (used == bench_family)
		return 0;
	/* No IPv6: the IPv4 MTU for the same 15 pages a segment. */
	bench_family = used;
	return zcg_lo_up(used, (int)bench_lo_mtu(), NULL, err, errlen);
}
