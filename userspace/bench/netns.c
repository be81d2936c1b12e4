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
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench/bench.h"

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
	struct ifreq ifr;
	int fd, ret = -1;

	/*
	 * Called before any thread exists: every thread created afterwards
	 * (sender, receiver) and every child (tcp_mmap) inherits it.
	 */
	if (unshare(CLONE_NEWNET)) {
		snprintf(err, errlen,
			 "cannot create a network namespace: %s%s",
			 strerror(errno),
			 errno == EPERM ? " (needs CAP_SYS_ADMIN)" : "");
		return -1;
	}
	fd = socket(bench_family, SOCK_DGRAM, 0);
	if (fd < 0 && errno == EAFNOSUPPORT && bench_family == AF_INET6) {
		bench_family = AF_INET;
		fd = socket(AF_INET, SOCK_DGRAM, 0);
	}
	if (fd < 0) {
		snprintf(err, errlen, "no socket in the namespace: %s",
			 strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ifr.ifr_mtu = (int)bench_lo_mtu();
	if (ioctl(fd, SIOCSIFMTU, &ifr)) {
		snprintf(err, errlen, "set lo mtu %d: %s", ifr.ifr_mtu,
			 strerror(errno));
		goto out;
	}
	if (ioctl(fd, SIOCGIFFLAGS, &ifr)) {
		snprintf(err, errlen, "get lo flags: %s", strerror(errno));
		goto out;
	}
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr)) {
		snprintf(err, errlen, "bring lo up: %s", strerror(errno));
		goto out;
	}
	ret = 0;
out:
	close(fd);
	return ret;
}
