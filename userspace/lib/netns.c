// SPDX-License-Identifier: GPL-2.0
/* A network namespace of our own with lo up: one place for it. */
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/netns.h"

int zcg_lo_up(int family, int mtu, int *family_used, char *err, size_t elen)
{
	struct ifreq ifr;
	int fd, ret = -1;

	fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 && errno == EAFNOSUPPORT && family == AF_INET6) {
		family = AF_INET;
		fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	}
	if (fd < 0) {
		snprintf(err, elen, "socket: %s", strerror(errno));
		return -1;
	}
	if (family_used)
		*family_used = family;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (mtu > 0) {
		ifr.ifr_mtu = mtu;
		if (ioctl(fd, SIOCSIFMTU, &ifr)) {
			snprintf(err, elen, "set lo mtu %d: %s", mtu,
				 strerror(errno));
			goto out;
		}
	}
	if (ioctl(fd, SIOCGIFFLAGS, &ifr)) {
		snprintf(err, elen, "get lo flags: %s", strerror(errno));
		goto out;
	}
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr)) {
		snprintf(err, elen, "bring lo up: %s", strerror(errno));
		goto out;
	}
	ret = 0;
out:
	close(fd);
	return ret;
}

int zcg_netns_lo(int family, int mtu, int *family_used, char *err,
		 size_t elen)
{
	if (unshare(CLONE_NEWNET)) {
		snprintf(err, elen, "cannot create a network namespace: %s%s",
			 strerror(errno),
			 errno == EPERM ? " (needs CAP_SYS_ADMIN)" : "");
		return -1;
	}
	return zcg_lo_up(family, mtu, family_used, err, elen);
}
