// SPDX-License-Identifier: GPL-2.0
/*
 * zc-readable: the TCP_ZEROCOPY_RECEIVE NULL-skb crash, step by step.
 *
 * Bug: setsockopt(TCP_QUEUE_SEQ) in repair mode moved tp->rcv_nxt but
 * not tp->copied_seq, so tcp_inq() = rcv_nxt - copied_seq claims data
 * that the receive queue does not hold. tcp_zerocopy_receive() trusts
 * tcp_inq(), asks tcp_recv_skb() for the skb at copied_seq, gets NULL
 * and dereferences it (syzbot: "general protection fault in
 * do_tcp_getsockopt"). Fix: 6cd6cbf593bf ("tcp: repair: fix
 * TCP_QUEUE_SEQ implementation"), one WRITE_ONCE(tp->copied_seq, val).
 *
 * Standalone: gcc -O2 -static -o zc-readable zc-readable.c
 *
 *   zc-readable [--detect] [-6]      default: print what SIOCINQ says on
 *                                    the empty queue, exit 1 if it lies
 *   zc-readable --crash [-6] [--optlen N] [--copybuf N]
 *                                    also make the zerocopy call (crashes
 *                                    a kernel without the fix: VM only)
 *   -6           IPv6 socket instead of IPv4
 *   --optlen N   optlen passed to getsockopt, 12..72 (default 64); each
 *                of 12 16 20 24 32 36 40 48 56 60 64 selects a different
 *                set of out-fields, >64 is clamped to 64 by the kernel
 *   --copybuf N  copybuf_len (0 = off, default); needs optlen >= 36 to
 *                reach the kernel. N < the phantom queue size (65536) still
 *                takes the mapping path and crashes a buggy kernel. N >=
 *                it takes the copy fallback (receive_fallback_to_copy), a
 *                plain read that repair mode refuses without MSG_PEEK:
 *                EPERM, no crash; the program still reports the lie.
 *
 * Exit: 0 the kernel told the truth (and the call returned sanely),
 * 1 the kernel lies (bug), 2 usage, 4 cannot test here (no CAP_NET_ADMIN,
 * no IPv6).
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#define FIX_COMMIT "6cd6cbf593bf (\"tcp: repair: fix TCP_QUEUE_SEQ implementation\")"

/* uapi values, spelled out so old headers do not matter */
#define TCP_REPAIR_		19
#define TCP_REPAIR_QUEUE_	20
#define TCP_QUEUE_SEQ_		21
#define TCP_ZEROCOPY_RECEIVE_	35
#define TCP_RECV_QUEUE_		1
#define SIOCINQ_		0x541b

/* struct tcp_zerocopy_receive as of 6.1 (64 bytes), see uapi/linux/tcp.h */
struct zc_receive {
	uint64_t address;		/* in: page-aligned mmap of the socket */
	uint32_t length;		/* in/out: bytes to map / mapped */
	uint32_t recv_skip_hint;	/* out: bytes to read() instead */
	uint32_t inq;			/* out: tcp_inq() after the call */
	int32_t err;			/* out: pending socket error */
	uint64_t copybuf_address;	/* in: buffer for the copy fallback */
	int32_t copybuf_len;		/* in/out */
	uint32_t flags;			/* in */
	uint64_t msg_control;		/* in/out: cmsg buffer */
	uint64_t msg_controllen;
	uint32_t msg_flags;
	uint32_t reserved;		/* must be 0 */
};

#define QUEUE_SEQ	(16 * 4096)	/* what we tell the kernel; >= a page */
#define MAP_LEN		(16 * 4096)

int main(int argc, char **argv)
{
	int crash = 0, v6 = 0, optlen = 64, copybuf = 0, i;
	int fd, one = 1, queue = TCP_RECV_QUEUE_, seq = QUEUE_SEQ, inq = -1;
	unsigned char arg[72];	/* zc_receive + room for optlen > 64 */
	struct zc_receive *zc = (struct zc_receive *)arg;
	socklen_t len;
	void *map, *buf = NULL;
	long ret;

	for (i = 1; i < argc; i++) {
		char *end = NULL;

		if (!strcmp(argv[i], "--detect")) {
			crash = 0;
		} else if (!strcmp(argv[i], "--crash")) {
			crash = 1;
		} else if (!strcmp(argv[i], "-6")) {
			v6 = 1;
		} else if (!strcmp(argv[i], "--optlen") && i + 1 < argc) {
			optlen = (int)strtol(argv[++i], &end, 10);
			if (*end || optlen < 12 || optlen > 72) {
				fprintf(stderr, "zc-readable: --optlen must be 12..72\n");
				return 2;
			}
		} else if (!strcmp(argv[i], "--copybuf") && i + 1 < argc) {
			copybuf = (int)strtol(argv[++i], &end, 10);
			if (*end || copybuf < 0 || copybuf > 16 * MAP_LEN) {
				fprintf(stderr, "zc-readable: --copybuf must be 0..%d\n",
					16 * MAP_LEN);
				return 2;
			}
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: zc-readable [--detect | --crash] [-6] [--optlen N] [--copybuf N]\n");
			return 0;
		} else {
			fprintf(stderr, "zc-readable: bad argument '%s' (try -h)\n",
				argv[i]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IONBF, 0);	/* show every step before a crash */

	/* 1. A fresh TCP socket: state CLOSE, nothing queued, no peer. */
	fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
	if (fd < 0) {
		fprintf(stderr, "zc-readable: cannot test: socket(%s): %s\n",
			v6 ? "AF_INET6" : "AF_INET", strerror(errno));
		return 4;
	}

	/*
	 * 2. Repair mode (what CRIU uses to restore a connection) lets us
	 * set the sequence numbers by hand. Needs CAP_NET_ADMIN.
	 */
	if (setsockopt(fd, IPPROTO_TCP, TCP_REPAIR_, &one, sizeof(one))) {
		fprintf(stderr, "zc-readable: cannot test: TCP_REPAIR: %s (needs CAP_NET_ADMIN)\n",
			strerror(errno));
		return 4;
	}

	/*
	 * 3. Select the receive queue and set its sequence number. The
	 * fixed kernel moves rcv_nxt and copied_seq together; the buggy
	 * one only rcv_nxt, leaving a gap of QUEUE_SEQ phantom bytes.
	 */
	if (setsockopt(fd, IPPROTO_TCP, TCP_REPAIR_QUEUE_, &queue, sizeof(queue)) ||
	    setsockopt(fd, IPPROTO_TCP, TCP_QUEUE_SEQ_, &seq, sizeof(seq))) {
		fprintf(stderr, "zc-readable: cannot test: TCP_QUEUE_SEQ: %s\n",
			strerror(errno));
		return 4;
	}

	/* 4. The queue is empty; SIOCINQ reports tcp_inq(). */
	if (ioctl(fd, SIOCINQ_, &inq)) {
		fprintf(stderr, "zc-readable: cannot test: SIOCINQ: %s\n",
			strerror(errno));
		return 4;
	}
	printf("%s socket, repair mode, TCP_QUEUE_SEQ=%d: SIOCINQ=%d (empty queue: must be 0)\n",
	       v6 ? "IPv6" : "IPv4", seq, inq);
	if (inq != 0)
		printf("BUG: the kernel lies about the receive queue: it lacks %s\n",
		       FIX_COMMIT);
	if (!crash) {
		if (inq != 0)
			printf("not making the zerocopy call (it would dereference a NULL skb); --crash does, in a VM only\n");
		close(fd);
		return inq != 0;
	}

	/*
	 * 5. TCP_ZEROCOPY_RECEIVE maps received pages into a read-only
	 * MAP_SHARED mapping of the socket itself.
	 */
	map = mmap(NULL, MAP_LEN, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		fprintf(stderr, "zc-readable: cannot test: mmap(socket): %s\n",
			strerror(errno));
		return 4;
	}
	if (copybuf) {
		buf = malloc(copybuf);
		if (!buf) {
			fprintf(stderr, "zc-readable: out of memory\n");
			return 4;
		}
	}

	/*
	 * 6. The call. With inq >= a page and inq > copybuf_len the kernel
	 * walks the receive queue for inq bytes: tcp_recv_skb() returns
	 * NULL on the empty queue and the buggy kernel dereferences it.
	 */
	memset(arg, 0, sizeof(arg));
	zc->address = (uintptr_t)map;
	zc->length = MAP_LEN;
	zc->copybuf_address = (uintptr_t)buf;
	zc->copybuf_len = copybuf;
	len = optlen;
	printf("getsockopt(TCP_ZEROCOPY_RECEIVE, length=%u, copybuf_len=%d, optlen=%d) ...\n",
	       zc->length, copybuf, optlen);
	ret = getsockopt(fd, IPPROTO_TCP, TCP_ZEROCOPY_RECEIVE_, arg, &len);

	/* 7. Still alive: print what the kernel answered. */
	printf("returned %ld (%s), optlen now %u: length=%u recv_skip_hint=%u",
	       ret, ret ? strerror(errno) : "ok", len, zc->length,
	       zc->recv_skip_hint);
	if (len >= 20)
		printf(" inq=%u", zc->inq);
	if (len >= 24)
		printf(" err=%d", zc->err);
	if (len >= 36)
		printf(" copybuf_len=%d", zc->copybuf_len);
	if (len >= 60)
		printf(" msg_flags=%#x", zc->msg_flags);
	printf("\n");
	munmap(map, MAP_LEN);
	free(buf);
	close(fd);

	if (inq != 0)
		return 1;
	/* An honest kernel maps nothing from an empty queue. */
	if (ret != 0 || zc->length != 0) {
		printf("unexpected: an empty queue must give 0 with length 0\n");
		return 1;
	}
	return 0;
}
