// SPDX-License-Identifier: GPL-2.0
/*
 * zc-uring: TCP_ZEROCOPY_RECEIVE against a second consumer driven by
 * io_uring. One thread loops on getsockopt(TCP_ZEROCOPY_RECEIVE) while
 * io_uring keeps submitting recv, shutdown and close on the same socket,
 * so the zerocopy path sees the receive queue drain, the FIN arrive, the
 * read side shut and the descriptor go away under it. It checks that
 * every answer is one the ABI allows and counts how many zerocopy calls
 * ran while io_uring operations on the socket were in flight.
 *
 * The zerocopy loop trusts tcp_inq() with no NULL check after
 * tcp_recv_skb() (6.1 and later): a kernel that lets inq disagree with
 * the queue, as one without 6cd6cbf593bf ("tcp: repair: fix
 * TCP_QUEUE_SEQ implementation") does, dereferences a NULL skb.
 *
 * Standalone: gcc -O2 -static -o zc-uring zc-uring.c -luring -lpthread
 *   zc-uring [--detect] [--time S] [-6]   default: SIOCINQ check on an
 *       empty repair-mode queue (exit 1 if the kernel lies), then S
 *       seconds (default 10) of rounds on real loopback connections.
 *   zc-uring --crash [--time S] [-6]      every other round uses the
 *       repair-mode socket of the syzbot report as the receiver: crashes
 *       a kernel without the fix (VM only).
 * Exit: 0 no bug and no unexpected result, 1 bug or unexpected result,
 * 2 usage, 4 cannot test (no CAP_NET_ADMIN, no io_uring, no IPv6).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FIX_COMMIT "6cd6cbf593bf (\"tcp: repair: fix TCP_QUEUE_SEQ implementation\")"

#define TCP_REPAIR_		19
#define TCP_REPAIR_QUEUE_	20
#define TCP_QUEUE_SEQ_		21
#define TCP_ZEROCOPY_RECEIVE_	35
#define TCP_RECV_QUEUE_		1
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

/*
 * One page of payload per segment (4096 + 12 bytes of timestamp option),
 * as tools/testing/selftests/net/tcp_mmap.c suggests for loopback: the
 * receive queue then holds page-sized frags the zerocopy call can map.
 */
#define TCP_MAXSEG_		2
#define SO_ZEROCOPY_		60
#define MSG_ZEROCOPY_		0x4000000
#define PAGE_MSS		(4096 + 12)

#define QUEUE_SEQ	(16 * 4096)
#define MAP_LEN		(16 * 4096)
#define SEND_BYTES	(256 * 1024)
#define RECVS		4	/* io_uring recvs per round */
#define MAX_ERRNO	134

static int v6, crash;

/* Shared between the main thread and the zerocopy thread of a round. */
static atomic_int stop;
static atomic_int window;	/* io_uring ops on the socket in flight */
static atomic_int started;	/* the round's first zerocopy call returned */

static struct {
	unsigned long calls, raced, mapped, empty, skip, unexpected;
	unsigned long by_errno[MAX_ERRNO + 1];
} zcs;

static struct {
	unsigned long recv, recv_bytes, shutdown, close, unexpected;
	unsigned long by_errno[3][MAX_ERRNO + 1];	/* recv, shutdown, close */
} urs;

struct round {
	int fd;
	void *map;
	int repair;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int zc_errno_expected(int e)
{
	/* EBADF: io_uring closed it; EIO: empty queue after FIN. */
	return e == EBADF || e == EIO || e == ENOTCONN;
}

static void *zc_thread(void *arg)
{
	struct round *r = arg;
	struct zc_receive zc;
	char sink[4096];

	while (!atomic_load(&stop)) {
		socklen_t len = sizeof(zc);
		int before = atomic_load(&window), ret;

		memset(&zc, 0, sizeof(zc));
		zc.address = (uintptr_t)r->map;
		zc.length = MAP_LEN;
		ret = getsockopt(r->fd, IPPROTO_TCP, TCP_ZEROCOPY_RECEIVE_,
				 &zc, &len);
		zcs.calls++;
		atomic_store(&started, 1);
		if (before || atomic_load(&window))
			zcs.raced++;
		if (ret) {
			int e = errno;

			zcs.by_errno[e <= MAX_ERRNO ? e : 0]++;
			if (!zc_errno_expected(e)) {
				zcs.unexpected++;
				fprintf(stderr, "zc-uring: zerocopy getsockopt: unexpected %s\n",
					strerror(e));
			}
			if (e == EBADF)
				break;
			continue;
		}
		if (zc.length > MAP_LEN || (zc.length & 4095)) {
			zcs.unexpected++;
			fprintf(stderr, "zc-uring: zerocopy mapped %u bytes of a %d-byte window\n",
				zc.length, MAP_LEN);
		}
		if (zc.length)
			zcs.mapped++;
		else if (zc.recv_skip_hint)
			zcs.skip++;
		else
			zcs.empty++;
		/* Bytes that cannot be mapped are read, as tcp_mmap does. */
		if (zc.recv_skip_hint)
			recv(r->fd, sink, zc.recv_skip_hint < sizeof(sink) ?
			     zc.recv_skip_hint : sizeof(sink), MSG_DONTWAIT);
	}
	return NULL;
}

static int set_int(int fd, int opt, int val)
{
	return setsockopt(fd, IPPROTO_TCP, opt, &val, sizeof(val));
}

/* The syzbot socket: CLOSE state, repair mode, rcv_nxt moved. */
static int repair_socket(void)
{
	int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	if (set_int(fd, TCP_REPAIR_, 1) ||
	    set_int(fd, TCP_REPAIR_QUEUE_, TCP_RECV_QUEUE_) ||
	    set_int(fd, TCP_QUEUE_SEQ_, QUEUE_SEQ)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int detect(void)
{
	int fd = repair_socket(), inq = -1;

	if (fd < 0) {
		fprintf(stderr, "zc-uring: cannot test: repair-mode socket: %s (needs CAP_NET_ADMIN)\n",
			strerror(errno));
		return 4;
	}
	if (ioctl(fd, SIOCINQ_, &inq)) {
		fprintf(stderr, "zc-uring: cannot test: SIOCINQ: %s\n",
			strerror(errno));
		return 4;
	}
	close(fd);
	if (inq) {
		printf("zc-uring: BUG: SIOCINQ=%d on an empty receive queue after TCP_QUEUE_SEQ: this kernel lacks %s\n",
		       inq, FIX_COMMIT);
		return 1;
	}
	printf("zc-uring: SIOCINQ=0 on an empty repair-mode queue: kernel has %s\n",
	       FIX_COMMIT);
	return 0;
}

/* A loopback connection; *rx gets the receiving end, *tx the sender. */
static int connect_pair(int lfd, int *rx, int *tx)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int c;

	if (getsockname(lfd, (struct sockaddr *)&ss, &sl))
		return -1;
	c = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
	if (c < 0)
		return -1;
	set_int(c, TCP_MAXSEG_, PAGE_MSS);
	if (connect(c, (struct sockaddr *)&ss, sl)) {
		close(c);
		return -1;
	}
	*rx = accept(lfd, NULL, NULL);
	if (*rx < 0) {
		close(c);
		return -1;
	}
	*tx = c;
	return 0;
}

static int listener(void)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in a4 = { .sin_family = AF_INET };
	int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0), ret;

	if (fd < 0)
		return -1;
	a6.sin6_addr = in6addr_loopback;
	a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	set_int(fd, TCP_MAXSEG_, PAGE_MSS);
	ret = v6 ? bind(fd, (struct sockaddr *)&a6, sizeof(a6)) :
		   bind(fd, (struct sockaddr *)&a4, sizeof(a4));
	if (ret || listen(fd, 8)) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * MSG_ZEROCOPY from page-aligned memory: loopback then copies the data
 * into whole pages of its own (skb_copy_ubufs), which the receiver can
 * map; plain send() data lands at offsets inside larger pages and only
 * ever comes back as recv_skip_hint.
 */
static void send_some(int tx)
{
	static char chunk[65536] __attribute__((aligned(4096)));
	int one = 1, flags = 0;
	size_t sent = 0;

	if (!setsockopt(tx, SOL_SOCKET, SO_ZEROCOPY_, &one, sizeof(one)))
		flags = MSG_ZEROCOPY_;
	while (sent < SEND_BYTES) {
		ssize_t n = send(tx, chunk, sizeof(chunk), MSG_DONTWAIT | flags);

		if (n <= 0)
			break;
		sent += n;
	}
	shutdown(tx, SHUT_WR);	/* FIN: SOCK_DONE on the receiver */
}

static void count_cqe(struct io_uring_cqe *cqe)
{
	int res = cqe->res;
	uintptr_t op = (uintptr_t)io_uring_cqe_get_data(cqe);

	if (res < 0) {
		int e = -res;

		urs.by_errno[op == IORING_OP_RECV ? 0 :
			     op == IORING_OP_SHUTDOWN ? 1 : 2]
			    [e <= MAX_ERRNO ? e : 0]++;
		/* Ordered after close, or not connected (repair socket). */
		if (e != EBADF && e != ENOTCONN && e != EAGAIN &&
		    e != ECANCELED && e != EINVAL) {
			urs.unexpected++;
			fprintf(stderr, "zc-uring: io_uring op %lu: unexpected %s\n",
				(unsigned long)op, strerror(e));
		}
	}
	switch (op) {
	case IORING_OP_RECV:
		urs.recv++;
		if (res > 0)
			urs.recv_bytes += res;
		break;
	case IORING_OP_SHUTDOWN:
		urs.shutdown++;
		break;
	case IORING_OP_CLOSE:
		urs.close++;
		break;
	}
}

/* One round: returns 0, or -1 when the round could not be set up. */
static int one_round(struct io_uring *ring, int lfd, int n)
{
	static char bufs[RECVS][16384];
	struct __kernel_timespec ts = { .tv_sec = 2 };
	struct round r = { .fd = -1, .repair = crash && (n & 1) };
	struct io_uring_sqe *sqe;
	int tx = -1, i, want;
	pthread_t th;

	if (r.repair) {
		r.fd = repair_socket();
		if (r.fd < 0)
			return -1;
	} else {
		if (connect_pair(lfd, &r.fd, &tx))
			return -1;
		send_some(tx);
	}
	r.map = mmap(NULL, MAP_LEN, PROT_READ, MAP_SHARED, r.fd, 0);
	if (r.map == MAP_FAILED) {
		close(r.fd);
		if (tx >= 0)
			close(tx);
		return -1;
	}
	atomic_store(&stop, 0);
	atomic_store(&started, 0);
	if (pthread_create(&th, NULL, zc_thread, &r)) {
		munmap(r.map, MAP_LEN);
		close(r.fd);
		if (tx >= 0)
			close(tx);
		return -1;
	}

	/*
	 * Let the zerocopy thread make its first call on the fresh socket
	 * before io_uring starts: on one CPU it would otherwise only run
	 * after the close. Bounded: 1 s.
	 */
	for (i = 0; !atomic_load(&started) && i < 100000; i++)
		sched_yield();

	/* The second consumer: recvs, then shutdown, then close. */
	atomic_store(&window, 1);
	for (i = 0; i < RECVS; i++) {
		sqe = io_uring_get_sqe(ring);
		/* A repair-mode socket only allows MSG_PEEK reads. */
		io_uring_prep_recv(sqe, r.fd, bufs[i], sizeof(bufs[i]),
				   MSG_DONTWAIT | (r.repair ? MSG_PEEK : 0));
		io_uring_sqe_set_data(sqe, (void *)(uintptr_t)IORING_OP_RECV);
	}
	io_uring_submit(ring);
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_shutdown(sqe, r.fd, SHUT_RD);
	io_uring_sqe_set_data(sqe, (void *)(uintptr_t)IORING_OP_SHUTDOWN);
	/* Linked: io-wq runs the shutdown; unlinked, close would win. */
	io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_close(sqe, r.fd);
	io_uring_sqe_set_data(sqe, (void *)(uintptr_t)IORING_OP_CLOSE);
	io_uring_submit(ring);
	for (want = RECVS + 2; want > 0; want--) {
		struct io_uring_cqe *cqe;

		if (io_uring_wait_cqe_timeout(ring, &cqe, &ts)) {
			urs.unexpected++;
			fprintf(stderr, "zc-uring: io_uring op did not complete in 2 s\n");
			break;
		}
		count_cqe(cqe);
		io_uring_cqe_seen(ring, cqe);
	}
	atomic_store(&window, 0);
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	munmap(r.map, MAP_LEN);
	if (tx >= 0)
		close(tx);
	return 0;
}

static void report(int rounds, int failed, double secs)
{
	static const char * const op_name[] = { "recv", "shutdown", "close" };
	int e, op;

	printf("zc-uring: %d rounds in %.1f s (%d could not be set up), %s\n",
	       rounds, secs, failed, crash ? "--crash" : "--detect");
	printf("zc-uring: zerocopy calls %lu, raced with io_uring ops in flight %lu; mapped %lu, skip-hint %lu, empty %lu\n",
	       zcs.calls, zcs.raced, zcs.mapped, zcs.skip, zcs.empty);
	printf("zc-uring: io_uring recv %lu (%lu bytes), shutdown %lu, close %lu\n",
	       urs.recv, urs.recv_bytes, urs.shutdown, urs.close);
	for (e = 0; e <= MAX_ERRNO; e++) {
		if (zcs.by_errno[e])
			printf("zc-uring: zerocopy %s: %lu\n", strerror(e),
			       zcs.by_errno[e]);
		for (op = 0; op < 3; op++)
			if (urs.by_errno[op][e])
				printf("zc-uring: io_uring %s %s: %lu\n",
				       op_name[op], strerror(e),
				       urs.by_errno[op][e]);
	}
	printf("zc-uring: unexpected results: %lu\n",
	       zcs.unexpected + urs.unexpected);
}

int main(int argc, char **argv)
{
	int seconds = 10, i, ret, lfd, rounds = 0, failed = 0;
	struct io_uring ring;
	double start, end;

	for (i = 1; i < argc; i++) {
		char *endp;

		if (!strcmp(argv[i], "--detect")) {
			crash = 0;
		} else if (!strcmp(argv[i], "--crash")) {
			crash = 1;
		} else if (!strcmp(argv[i], "-6")) {
			v6 = 1;
		} else if (!strcmp(argv[i], "--time") && i + 1 < argc) {
			seconds = (int)strtol(argv[++i], &endp, 10);
			if (*endp || seconds < 1 || seconds > 3600) {
				fprintf(stderr, "zc-uring: --time must be 1..3600\n");
				return 2;
			}
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: zc-uring [--detect | --crash] [--time S] [-6]\n");
			return 0;
		} else {
			fprintf(stderr, "zc-uring: bad argument '%s' (try -h)\n",
				argv[i]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	ret = detect();
	if (ret == 4 || (ret == 1 && !crash))
		return ret;

	ret = io_uring_queue_init(16, &ring, 0);
	if (ret) {
		fprintf(stderr, "zc-uring: cannot test: io_uring_queue_init: %s\n",
			strerror(-ret));
		return 4;
	}
	lfd = listener();
	if (lfd < 0) {
		fprintf(stderr, "zc-uring: cannot test: loopback listener: %s\n",
			strerror(errno));
		return 4;
	}
	start = now_s();
	end = start + seconds;
	while (now_s() < end) {
		if (one_round(&ring, lfd, rounds + failed))
			failed++;
		else
			rounds++;
		/* Setup failing every time is no test. */
		if (failed > 100 && failed > rounds) {
			fprintf(stderr, "zc-uring: cannot set up rounds: %s\n",
				strerror(errno));
			return 4;
		}
	}
	report(rounds, failed, now_s() - start);
	close(lfd);
	io_uring_queue_exit(&ring);
	return zcs.unexpected + urs.unexpected ? 1 : 0;
}

