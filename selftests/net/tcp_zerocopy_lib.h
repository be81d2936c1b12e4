/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the tcp_zerocopy_* selftests: the full argument
 * layout, loopback socket pairs, a private network namespace, bounded
 * waits and a position-dependent byte pattern.
 */
#ifndef TCP_ZEROCOPY_LIB_H
#define TCP_ZEROCOPY_LIB_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <linux/sockios.h>
#include <linux/tcp.h>

#ifndef TCP_ZEROCOPY_RECEIVE
#define TCP_ZEROCOPY_RECEIVE 35
#endif
#ifndef TCP_RECEIVE_ZEROCOPY_FLAG_TLB_CLEAN_HINT
#define TCP_RECEIVE_ZEROCOPY_FLAG_TLB_CLEAN_HINT 0x1
#endif
#ifndef TCP_CMSG_TS
#define TCP_CMSG_TS 2
#endif
#ifndef TCP_REPAIR_ON
#define TCP_REPAIR_ON 1
#endif
#ifndef TCP_REPAIR_OFF_NO_WP
#define TCP_REPAIR_OFF_NO_WP -1
#endif
#ifndef SO_ZEROCOPY
#define SO_ZEROCOPY 60
#endif
#ifndef MSG_ZEROCOPY
#define MSG_ZEROCOPY 0x4000000
#endif

/*
 * The argument as 6.1 defines it (64 bytes). It is spelled out under a
 * name of our own so that the tests build against uapi headers that
 * predate some of these fields; the kernel may define a shorter (older)
 * or longer (newer) struct, which zc_kernel_size() measures at run time.
 */
struct zc_arg {
	__u64 address;
	__u32 length;
	__u32 recv_skip_hint;
	__u32 inq;
	__s32 err;
	__u64 copybuf_address;
	__s32 copybuf_len;
	__u32 flags;
	__u64 msg_control;
	__u64 msg_controllen;
	__u32 msg_flags;
	__u32 reserved;
};

#define ZC_END(f)	(offsetof(struct zc_arg, f) + \
			 sizeof(((struct zc_arg *)0)->f))
#define ZC_MIN_LEN	ZC_END(length)

static_assert(sizeof(struct zc_arg) == 64, "zc_arg layout");
static_assert(offsetof(struct zc_arg, length) ==
	      offsetof(struct tcp_zerocopy_receive, length),
	      "zc_arg must match the uapi prefix");

#define ZC_PAGE		4096UL

/* The data-path arithmetic (MTU, queue sizes) is in 4 KiB pages. */
static inline bool zc_page_4k(void)
{
	return sysconf(_SC_PAGESIZE) == (long)ZC_PAGE;
}

/* getsockopt(TCP_ZEROCOPY_RECEIVE); returns 0 or -errno. */
static inline int zc_call(int fd, void *arg, socklen_t *len)
{
	return getsockopt(fd, IPPROTO_TCP, TCP_ZEROCOPY_RECEIVE,
			  arg, len) ? -errno : 0;
}

/* SIOCINQ into *inq (may be negative on a broken kernel); 0 or -errno. */
static inline int zc_siocinq(int fd, int *inq)
{
	*inq = -1;
	return ioctl(fd, SIOCINQ, inq) ? -errno : 0;
}

/*
 * Size of struct tcp_zerocopy_receive in the running kernel, measured on
 * fd without consuming anything. Kernels since 5.5 clamp an over-long
 * optlen and write their size back (*clamps = true); older ones accept
 * only optlen == sizeof, so each candidate size is tried.
 * Returns the size or -errno (-ENOPROTOOPT: no TCP_ZEROCOPY_RECEIVE).
 */
static inline int zc_kernel_size(int fd, bool *clamps)
{
	static unsigned char zero[1024];
	socklen_t len = sizeof(zero);
	int ret;

	*clamps = false;
	memset(zero, 0, sizeof(zero));
	ret = zc_call(fd, zero, &len);
	if (!ret) {
		*clamps = true;
		return len;
	}
	if (ret != -EINVAL)
		return ret;
	for (len = sizeof(struct zc_arg); len >= ZC_MIN_LEN; len -= 4) {
		memset(zero, 0, sizeof(zero));
		if (!zc_call(fd, zero, &len))
			return len;
	}
	return -EINVAL;
}

/* zc_kernel_size() of this kernel, measured once on a fresh socket. */
static inline int zc_ksize(void)
{
	static int ksize;
	bool clamps;
	int fd;

	if (ksize)
		return ksize;
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	ksize = zc_kernel_size(fd, &clamps);
	close(fd);
	return ksize;
}

/*
 * A call with our full argument, or with as much of it as the kernel
 * knows when its struct is shorter (an over-long optlen is refused
 * there unless the excess is zero, or always before 5.5).
 */
static inline int zc_call64(int fd, struct zc_arg *zc)
{
	socklen_t len = sizeof(*zc);

	if (zc_ksize() > 0 && zc_ksize() < (int)len)
		len = zc_ksize();
	return zc_call(fd, zc, &len);
}

/*
 * NULL when the kernel takes the full 64-byte argument, else why not:
 * the tests that rely on every field skip with this reason.
 */
static inline const char *zc_layout_missing(void)
{
	static char why[96];
	int k = zc_ksize();

	if (k >= (int)sizeof(struct zc_arg))
		return NULL;
	if (k < 0)
		snprintf(why, sizeof(why), "TCP_ZEROCOPY_RECEIVE: %s",
			 strerror(-k));
	else
		snprintf(why, sizeof(why),
			 "kernel struct tcp_zerocopy_receive is %d bytes, not 64",
			 k);
	return why;
}

/*
 * A zeroed call on a fresh socket (not listening, nothing queued, no FIN)
 * succeeds on every kernel that has TCP_ZEROCOPY_RECEIVE. 0 there, and
 * when the option or our layout is missing (the tests then skip); any
 * other error is the kernel's bug, for the tests to fail on, not skip.
 */
static inline int zc_probe_errno(void)
{
	int k = zc_ksize();

	if (k > 0 || k == -ENOPROTOOPT || k == -EOPNOTSUPP || k == -EINVAL)
		return 0;
	return k;
}

/* Bring up lo (and set its MTU when mtu > 0) in the current netns. */
static inline int zc_lo_up(int mtu)
{
	struct ifreq ifr;
	int fd, ret = 0;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (mtu > 0) {
		ifr.ifr_mtu = mtu;
		if (ioctl(fd, SIOCSIFMTU, &ifr))
			ret = -errno;
	}
	if (!ret && ioctl(fd, SIOCGIFFLAGS, &ifr))
		ret = -errno;
	if (!ret) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr))
			ret = -errno;
	}
	close(fd);
	return ret;
}

/*
 * Move this (forked, per-test) process into a network namespace of its
 * own with lo up, so MTU changes never reach the host's lo.
 * Returns 1 when done, 0 when unshare() is refused here (errno says
 * why; the caller decides whether that is a skip), -errno when the new
 * namespace could not be set up.
 */
static inline int zc_private_netns(int mtu)
{
	int ret;

	if (unshare(CLONE_NEWNET))
		return 0;
	ret = zc_lo_up(mtu);
	return ret ? ret : 1;
}

/* Loopback address of the family, port 0 (any). */
static inline socklen_t zc_loopback(int family, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

		a6->sin6_family = AF_INET6;
		a6->sin6_addr = in6addr_loopback;
		return sizeof(*a6);
	}
	((struct sockaddr_in *)ss)->sin_family = AF_INET;
	((struct sockaddr_in *)ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sizeof(struct sockaddr_in);
}

static inline int zc_socket(int family)
{
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	return fd < 0 ? -errno : fd;
}

/*
 * Listening socket on the loopback address; its address is left in *ss.
 * Returns the fd or -errno.
 */
static inline int zc_listener(int family, struct sockaddr_storage *ss,
			      socklen_t *sslen)
{
	int fd, err;

	fd = zc_socket(family);
	if (fd < 0)
		return fd;
	*sslen = zc_loopback(family, ss);
	if (bind(fd, (struct sockaddr *)ss, *sslen) ||
	    listen(fd, 4) ||
	    getsockname(fd, (struct sockaddr *)ss, sslen)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

/*
 * Connected pair over loopback: *cli is the connecting end, *srv the
 * accepted one. mss > 0 sets TCP_MAXSEG on both before the handshake.
 * Returns 0 or -errno.
 */
static inline int zc_pair(int family, int mss, int *cli, int *srv)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	int lfd, c, s, err = 0;

	*cli = *srv = -1;
	lfd = zc_listener(family, &ss, &sslen);
	if (lfd < 0)
		return lfd;
	c = zc_socket(family);
	if (c < 0) {
		close(lfd);
		return c;
	}
	if (mss > 0 &&
	    (setsockopt(lfd, IPPROTO_TCP, TCP_MAXSEG, &mss, sizeof(mss)) ||
	     setsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &mss, sizeof(mss))))
		err = -errno;
	if (!err && connect(c, (struct sockaddr *)&ss, sslen))
		err = -errno;
	s = err ? -1 : accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (!err && s < 0)
		err = -errno;
	close(lfd);
	if (err) {
		close(c);
		return err;
	}
	*cli = c;
	*srv = s;
	return 0;
}

/* poll() for events with a timeout; returns revents, 0 on timeout. */
static inline int zc_wait(int fd, short events, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = events };
	int n;

	do {
		n = poll(&pfd, 1, timeout_ms);
	} while (n < 0 && errno == EINTR);
	return n > 0 ? pfd.revents : n;
}

/*
 * Wait until at least bytes are queued for reading; returns SIOCINQ or
 * -errno (-ETIMEDOUT). poll() is no use here: TCP reports POLLIN early
 * when the receive window runs low, and then keeps reporting it. An
 * edge-triggered epoll wakes once per arrival, so the loop below sleeps
 * until new data comes and never spins.
 */
static inline int zc_wait_inq(int fd, int bytes, int timeout_ms)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET };
	struct timespec t0, t;
	int ep, inq = -1, left, n, ret = 0;

	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		return -errno;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) ||
	    clock_gettime(CLOCK_MONOTONIC, &t0))
		ret = -errno;
	while (!ret) {
		ret = zc_siocinq(fd, &inq);
		if (ret || inq >= bytes)
			break;
		if (clock_gettime(CLOCK_MONOTONIC, &t)) {
			ret = -errno;
			break;
		}
		left = timeout_ms - (int)((t.tv_sec - t0.tv_sec) * 1000 +
					  (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (left <= 0) {
			ret = -ETIMEDOUT;
			break;
		}
		n = epoll_wait(ep, &ev, 1, left);
		if (n < 0 && errno != EINTR)
			ret = -errno;
	}
	close(ep);
	return ret ? ret : inq;
}

/* Byte n of every test stream: changes within and across pages. */
static inline unsigned char zc_pattern(size_t n)
{
	return (unsigned char)(n * 7 + (n >> 12) * 13 + 1);
}

static inline void zc_fill(unsigned char *buf, size_t off, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = zc_pattern(off + i);
}

/* Index of the first byte that breaks the pattern, or -1. */
static inline long zc_check(const unsigned char *buf, size_t off, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i] != zc_pattern(off + i))
			return (long)i;
	return -1;
}

/* Write all of buf; returns 0 or -errno. */
static inline int zc_send_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= n;
	}
	return 0;
}

/* Read exactly len bytes (already queued); returns 0 or -errno. */
static inline int zc_read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	ssize_t n;

	while (len) {
		n = recv(fd, p, len, MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ENODATA;
		p += n;
		len -= n;
	}
	return 0;
}

/*
 * A page-aligned address range with nothing mapped at it: reserve with
 * mmap, then unmap. Nothing else in these single-threaded tests maps
 * memory between this and its use.
 */
static inline void *zc_hole(size_t len)
{
	void *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p, len);
	return p;
}

/*
 * Both harnesses (6.1's and 6.12's) exit 0 when every case skipped, and
 * kselftest runners report a skip only for exit 4. Registered with
 * atexit() by main, this turns "nothing ran, nothing failed" into
 * KSFT_SKIP; forked test children count nothing, so it ignores them.
 */
static inline void zc_exit_skip_if_all_skipped(void)
{
	if (!ksft_get_xskip_cnt() || ksft_get_pass_cnt() ||
	    ksft_get_fail_cnt() || ksft_get_xfail_cnt() ||
	    ksft_get_xpass_cnt() || ksft_get_error_cnt())
		return;
	fflush(stdout);
	fflush(stderr);
	_exit(KSFT_SKIP);
}

/*
 * The first SO_TIMESTAMP* socket of the system turns receive stamping on
 * from a workqueue (net_enable_timestamp()), so the first packets may go
 * unstamped. Exchange one byte at a time until recvmsg() sees a stamp.
 * Returns 1 when stamps flow, 0 if they never did, -errno.
 */
static inline int zc_stamps_flow(int cli, int srv)
{
	char ctl[CMSG_SPACE(sizeof(struct timespec))];
	struct iovec iov;
	struct msghdr msg;
	char c = 0;
	int i, ret;

	for (i = 0; i < 1000; i++) {
		ret = zc_send_all(cli, &c, 1);
		if (!ret)
			ret = zc_wait_inq(srv, 1, 5000);
		if (ret < 0)
			return ret;
		iov.iov_base = &c;
		iov.iov_len = 1;
		memset(&msg, 0, sizeof(msg));
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = ctl;
		msg.msg_controllen = sizeof(ctl);
		if (recvmsg(srv, &msg, MSG_DONTWAIT) != 1)
			return -errno;
		if (msg.msg_controllen)
			return 1;
	}
	return 0;
}

#endif /* TCP_ZEROCOPY_LIB_H */
