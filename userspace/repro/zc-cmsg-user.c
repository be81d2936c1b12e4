// SPDX-License-Identifier: GPL-2.0
/*
 * zc-cmsg-user: the receive timestamp of TCP_ZEROCOPY_RECEIVE written
 * through a user pointer taken for a kernel one.
 *
 * Bug: 7eeba1706eba ("tcp: Add receive timestamp support for receive
 * zerocopy.") delivers the SO_TIMESTAMP(NS) cmsg of a zerocopy receive
 * into the caller's msg_control buffer through a struct msghdr on the
 * kernel stack (tcp_zc_finalize_rx_tstamp()). Since 1f466e1f15cf
 * put_cmsg() writes with copy-to-user helpers only when
 * msg_control_is_user is set; the zerocopy code did not set it, so
 * put_cmsg() memcpy()s the cmsg to the user address as if it were kernel
 * memory: a SMAP fault (oops), a KASAN user-memory-access report, or,
 * on a CPU without SMAP, a kernel write to user memory that happens to
 * work. With CONFIG_INIT_STACK_ALL_ZERO the flag is always false, so the
 * bug is deterministic. Fix: a6f8ee58a8e3 ("tcp: Specify cmsgbuf is
 * user pointer for receive zerocopy."), one line:
 * cmsg_dummy.msg_control_is_user = true.
 *
 * Steps: a loopback pair, SO_TIMESTAMP on the receiver, 100 bytes sent;
 * TCP_ZEROCOPY_RECEIVE with the full 64-byte struct (optlen covers
 * msg_flags, which is what makes the kernel deliver the cmsg), a copybuf
 * that takes the bytes (receive_fallback_to_copy), msg_control pointing
 * to a user buffer.
 *
 * There is no safe question to ask a kernel without the fix: its only
 * difference is how it writes to the buffer. So --detect first proves
 * the timestamp path is live without any write (msg_controllen too short
 * for a cmsghdr: both kernels only set MSG_CTRUNC), then makes the real
 * call in a child process and checks that the cmsg arrived. On a kernel
 * without the fix that call faults like --crash does. The fix went into
 * net in May 2021 (the v5.13 cycle; the bug came with 5.11), so this is
 * safe on any kernel maintained today, but on a test kernel with the fix
 * reverted run it in a VM.
 *
 * Standalone: gcc -O2 -static -o zc-cmsg-user zc-cmsg-user.c
 *   zc-cmsg-user [--detect | --crash] [-6]
 * Exit: 0 the cmsg arrived (fixed), 1 it did not or the call faulted
 * (bug), 2 usage, 4 cannot test.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define FIX_COMMIT "a6f8ee58a8e3 (\"tcp: Specify cmsgbuf is user pointer for receive zerocopy.\")"

#define TCP_ZEROCOPY_RECEIVE_	35
#define SO_TIMESTAMP_OLD_	29	/* also SCM_TIMESTAMP: struct timeval */
#define MSG_CTRUNC_		0x8
#define PAGE			4096
#define DATA_LEN		100
#define WAIT_MS			10000

struct zc_receive {		/* 6.1 uapi layout, 64 bytes */
	uint64_t address;
	uint32_t length, recv_skip_hint, inq;
	int32_t err;
	uint64_t copybuf_address;
	int32_t copybuf_len;
	uint32_t flags;
	uint64_t msg_control, msg_controllen;
	uint32_t msg_flags, reserved;
};

static int v6;

static void cannot(const char *what)
{
	fprintf(stderr, "zc-cmsg-user: cannot test: %s: %s\n", what,
		strerror(errno));
}

static void lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (!ioctl(fd, SIOCGIFFLAGS, &ifr) && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
}

static int tcp_pair(int *tx, int *rx)
{
	struct sockaddr_storage ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
	struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
	socklen_t len = v6 ? sizeof(*a6) : sizeof(*a4);
	int l, fam = v6 ? AF_INET6 : AF_INET;

	memset(&ss, 0, sizeof(ss));
	if (v6) {
		a6->sin6_family = AF_INET6;
		a6->sin6_addr = in6addr_loopback;
	} else {
		a4->sin_family = AF_INET;
		a4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	}
	l = socket(fam, SOCK_STREAM, 0);
	if (l < 0) {
		cannot(v6 ? "socket(AF_INET6)" : "socket(AF_INET)");
		return -1;
	}
	if (bind(l, (struct sockaddr *)&ss, len) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&ss, &len)) {
		cannot("bind/listen on loopback");
		return -1;
	}
	*tx = socket(fam, SOCK_STREAM, 0);
	if (*tx < 0 || connect(*tx, (struct sockaddr *)&ss, len)) {
		cannot("connect over loopback");
		return -1;
	}
	*rx = accept(l, NULL, NULL);
	close(l);
	if (*rx < 0) {
		cannot("accept");
		return -1;
	}
	return 0;
}

static int tx, rx;
static void *map;

/* The connection, SO_TIMESTAMP on the receiver, its socket mapping. */
static int setup(void)
{
	int one = 1;

	if (tcp_pair(&tx, &rx))
		return 4;
	if (setsockopt(rx, SOL_SOCKET, SO_TIMESTAMP_OLD_, &one, sizeof(one))) {
		cannot("SO_TIMESTAMP");
		return 4;
	}
	map = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, rx, 0);
	if (map == MAP_FAILED) {
		cannot("mmap(socket)");
		return 4;
	}
	return 0;
}

/*
 * DATA_LEN more bytes sent, then one TCP_ZEROCOPY_RECEIVE that takes
 * them through the copybuf, with msg_control = ctrl, msg_controllen =
 * clen. Returns 0 with *zc filled in, 4 when something else fails.
 */
static int zc_call(void *ctrl, uint64_t clen, struct zc_receive *zc)
{
	static char data[DATA_LEN], copy[PAGE];
	struct pollfd pfd;
	socklen_t len;

	memset(data, 't', sizeof(data));
	if (send(tx, data, sizeof(data), 0) != sizeof(data)) {
		cannot("send");
		return 4;
	}
	pfd.fd = rx;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, WAIT_MS) != 1) {
		fprintf(stderr, "zc-cmsg-user: cannot test: no data arrived\n");
		return 4;
	}
	memset(zc, 0, sizeof(*zc));
	zc->address = (uintptr_t)map;
	zc->length = PAGE;
	zc->copybuf_address = (uintptr_t)copy;
	zc->copybuf_len = sizeof(copy);
	zc->msg_control = (uintptr_t)ctrl;
	zc->msg_controllen = clen;
	len = sizeof(*zc);
	if (getsockopt(rx, IPPROTO_TCP, TCP_ZEROCOPY_RECEIVE_, zc, &len)) {
		cannot("getsockopt(TCP_ZEROCOPY_RECEIVE)");
		return 4;
	}
	if (zc->copybuf_len != DATA_LEN) {
		fprintf(stderr, "zc-cmsg-user: cannot test: copybuf took %d bytes, want %d\n",
			zc->copybuf_len, DATA_LEN);
		return 4;
	}
	return 0;
}

/* The real call: the cmsg must land in ctrl. Exit status as main's. */
static int full_call(void)
{
	union {
		struct cmsghdr align;
		unsigned char buf[64];
	} ctrl;
	struct cmsghdr *cm = &ctrl.align;
	struct zc_receive zc;
	uint64_t used;
	int ret;

	memset(&ctrl, 0, sizeof(ctrl));
	printf("TCP_ZEROCOPY_RECEIVE with msg_control=%p msg_controllen=%zu ...\n",
	       (void *)&ctrl, sizeof(ctrl));
	ret = zc_call(&ctrl, sizeof(ctrl), &zc);
	if (ret)
		return ret;
	used = (uintptr_t)zc.msg_control - (uintptr_t)&ctrl;
	printf("returned: msg_control advanced %llu, msg_controllen=%llu, msg_flags=%#x; cmsg level=%d type=%d len=%zu\n",
	       (unsigned long long)used, (unsigned long long)zc.msg_controllen,
	       zc.msg_flags, cm->cmsg_level, cm->cmsg_type,
	       (size_t)cm->cmsg_len);
	if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SO_TIMESTAMP_OLD_ &&
	    cm->cmsg_len == CMSG_LEN(sizeof(struct timeval)) &&
	    used == CMSG_SPACE(sizeof(struct timeval)) &&
	    zc.msg_controllen == sizeof(ctrl) - used) {
		printf("zc-cmsg-user: OK: the SCM_TIMESTAMP cmsg arrived in the user buffer (kernel has %s)\n",
		       FIX_COMMIT);
		return 0;
	}
	printf("zc-cmsg-user: BUG: no SCM_TIMESTAMP cmsg in the user's msg_control buffer: this kernel lacks %s\n",
	       FIX_COMMIT);
	return 1;
}

int main(int argc, char **argv)
{
	int crash = 0, i, ret, status, rounds;
	struct timeval t0, t1;
	unsigned char small[8];
	struct zc_receive zc;
	pid_t pid;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--detect")) {
			crash = 0;
		} else if (!strcmp(argv[i], "--crash")) {
			crash = 1;
		} else if (!strcmp(argv[i], "-6")) {
			v6 = 1;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: zc-cmsg-user [--detect | --crash] [-6]\n");
			return 0;
		} else {
			fprintf(stderr, "zc-cmsg-user: bad argument '%s' (try -h)\n",
				argv[i]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	lo_up();

	/*
	 * 1. Write-free probe: msg_controllen 8 < sizeof(struct cmsghdr),
	 * so put_cmsg() only sets MSG_CTRUNC, on any kernel. MSG_CTRUNC
	 * back in msg_flags proves a timestamp reached
	 * tcp_zc_finalize_rx_tstamp().
	 */
	ret = setup();
	if (ret)
		return ret;
	/*
	 * SO_TIMESTAMP turns receive timestamps on through a static key
	 * that the kernel may flip from a work item: the first segments
	 * can arrive untimestamped. Probe until one is timestamped (the
	 * receiver keeps the key on from then on), for at most WAIT_MS.
	 */
	gettimeofday(&t0, NULL);
	for (rounds = 1;; rounds++) {
		ret = zc_call(small, sizeof(small), &zc);
		if (ret)
			return ret;
		if (zc.msg_flags & MSG_CTRUNC_)
			break;
		gettimeofday(&t1, NULL);
		if ((t1.tv_sec - t0.tv_sec) * 1000 +
		    (t1.tv_usec - t0.tv_usec) / 1000 > WAIT_MS) {
			fprintf(stderr, "zc-cmsg-user: cannot test: no receive timestamp reached the zerocopy cmsg path in %d rounds (msg_flags=%#x)\n",
				rounds, zc.msg_flags);
			return 4;
		}
		sched_yield();
	}
	printf("probe (msg_controllen=8): msg_flags=%#x (MSG_CTRUNC: a timestamp reached the cmsg path; round %d)\n",
	       zc.msg_flags, rounds);
	if (crash)
		return full_call();

	/* 2. The real call, in a child: a fault kills only the child. */
	pid = fork();
	if (pid < 0) {
		cannot("fork");
		return 4;
	}
	if (pid == 0)
		_exit(full_call());
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status)) {
		printf("zc-cmsg-user: BUG: the zerocopy call died of signal %d writing the cmsg: this kernel lacks %s\n",
		       WTERMSIG(status), FIX_COMMIT);
		return 1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
