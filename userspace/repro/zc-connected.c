// SPDX-License-Identifier: GPL-2.0
/*
 * zc-connected: the connected-socket form of the TCP_QUEUE_SEQ /
 * TCP_ZEROCOPY_RECEIVE bug (fixed by 6cd6cbf593bf, "tcp: repair: fix
 * TCP_QUEUE_SEQ implementation"): set TCP_QUEUE_SEQ in repair mode,
 * then connect() in repair mode (no SYN is sent, the socket goes
 * straight to ESTABLISHED, the way CRIU restores a connection), then
 * ask SIOCINQ and make the zerocopy call.
 *
 * This form does NOT reach the bug, not even on a kernel without the
 * fix, and this program shows why: tcp_connect_init() copies rcv_nxt
 * into copied_seq (WRITE_ONCE(tp->copied_seq, tp->rcv_nxt)), which
 * erases the desync the unfixed TCP_QUEUE_SEQ leaves; and once the
 * socket is connected, TCP_QUEUE_SEQ is refused (EPERM: only in CLOSE
 * state), so the desync cannot be created afterwards either. Only the
 * unconnected socket (zc-readable, zc-syzbot) reaches the NULL skb.
 *
 * Standalone: gcc -O2 -static -o zc-connected zc-connected.c
 *   zc-connected [--detect | --crash] [-6]
 * Exit: 0 SIOCINQ honest (and the call returned sanely), 1 the kernel
 * lies, 2 usage, 4 cannot test (no CAP_NET_ADMIN, no IPv6).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#define FIX_COMMIT "6cd6cbf593bf (\"tcp: repair: fix TCP_QUEUE_SEQ implementation\")"

#define TCP_REPAIR_		19
#define TCP_REPAIR_QUEUE_	20
#define TCP_QUEUE_SEQ_		21
#define TCP_ZEROCOPY_RECEIVE_	35
#define TCP_RECV_QUEUE_		1
#define TCP_SEND_QUEUE_		2
#define SIOCINQ_		0x541b

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

#define QUEUE_SEQ	(16 * 4096)
#define MAP_LEN		(16 * 4096)

static int set_int(int fd, int opt, int val, const char *name)
{
	if (setsockopt(fd, IPPROTO_TCP, opt, &val, sizeof(val)) == 0)
		return 0;
	fprintf(stderr, "zc-connected: cannot test: %s: %s\n", name,
		strerror(errno));
	return -1;
}

int main(int argc, char **argv)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6,
				   .sin6_port = htons(9) };
	struct sockaddr_in a4 = { .sin_family = AF_INET,
				  .sin_port = htons(9) };
	int crash = 0, v6 = 0, fd, inq = -1, i, seq = 1, ret;
	struct zc_receive zc;
	socklen_t len;
	void *map;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--detect")) {
			crash = 0;
		} else if (!strcmp(argv[i], "--crash")) {
			crash = 1;
		} else if (!strcmp(argv[i], "-6")) {
			v6 = 1;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: zc-connected [--detect | --crash] [-6]\n");
			return 0;
		} else {
			fprintf(stderr, "zc-connected: bad argument '%s' (try -h)\n",
				argv[i]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	a6.sin6_addr = in6addr_loopback;
	a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

	fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
	if (fd < 0) {
		fprintf(stderr, "zc-connected: cannot test: socket: %s\n",
			strerror(errno));
		return 4;
	}
	if (set_int(fd, TCP_REPAIR_, 1, "TCP_REPAIR (needs CAP_NET_ADMIN)") ||
	    set_int(fd, TCP_REPAIR_QUEUE_, TCP_SEND_QUEUE_, "TCP_REPAIR_QUEUE") ||
	    set_int(fd, TCP_QUEUE_SEQ_, 1000, "TCP_QUEUE_SEQ send") ||
	    set_int(fd, TCP_REPAIR_QUEUE_, TCP_RECV_QUEUE_, "TCP_REPAIR_QUEUE") ||
	    set_int(fd, TCP_QUEUE_SEQ_, QUEUE_SEQ, "TCP_QUEUE_SEQ recv"))
		return 4;
	if (ioctl(fd, SIOCINQ_, &inq) == 0)
		printf("before connect: SIOCINQ=%d (a kernel without the fix says %d here)\n",
		       inq, QUEUE_SEQ);

	/* Repair-mode connect: no SYN, no peer needed, straight to ESTABLISHED. */
	ret = v6 ? connect(fd, (struct sockaddr *)&a6, sizeof(a6)) :
		   connect(fd, (struct sockaddr *)&a4, sizeof(a4));
	if (ret) {
		fprintf(stderr, "zc-connected: cannot test: repair-mode connect: %s\n",
			strerror(errno));
		return 4;
	}
	if (ioctl(fd, SIOCINQ_, &inq)) {
		fprintf(stderr, "zc-connected: cannot test: SIOCINQ: %s\n",
			strerror(errno));
		return 4;
	}
	printf("after repair-mode connect: SIOCINQ=%d (connect set copied_seq = rcv_nxt)\n",
	       inq);
	ret = setsockopt(fd, IPPROTO_TCP, TCP_QUEUE_SEQ_, &seq, sizeof(seq));
	printf("TCP_QUEUE_SEQ on the connected socket: %s (the desync cannot be made now)\n",
	       ret ? strerror(errno) : "accepted!");
	if (inq != 0) {
		printf("BUG: SIOCINQ=%d on an empty queue: this kernel lacks %s\n",
		       inq, FIX_COMMIT);
		return 1;
	}
	if (!crash) {
		printf("connected form: kernel honest, the bug is not reachable this way\n");
		close(fd);
		return 0;
	}

	map = mmap(NULL, MAP_LEN, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		fprintf(stderr, "zc-connected: cannot test: mmap: %s\n",
			strerror(errno));
		return 4;
	}
	memset(&zc, 0, sizeof(zc));
	zc.address = (uintptr_t)map;
	zc.length = MAP_LEN;
	len = sizeof(zc);
	ret = getsockopt(fd, IPPROTO_TCP, TCP_ZEROCOPY_RECEIVE_, &zc, &len);
	printf("getsockopt(TCP_ZEROCOPY_RECEIVE) returned %d (%s): length=%u inq=%u err=%d\n",
	       ret, ret ? strerror(errno) : "ok", zc.length, zc.inq, zc.err);
	munmap(map, MAP_LEN);
	close(fd);
	if (ret != 0 || zc.length != 0) {
		printf("unexpected: an empty queue must give 0 with length 0\n");
		return 1;
	}
	return 0;
}
