// SPDX-License-Identifier: GPL-2.0
/*
 * The sending end (a child process): connects, sends chunks of zeroes for
 * the case's duration (checked on its own clock, so nobody sleeps to stop
 * it), then closes, which the receiver sees as EOF.
 *
 * With MSG_ZEROCOPY the completions queue up on the socket's error queue.
 * On loopback the kernel copies the pages at delivery anyway
 * (skb_copy_ubufs), into order-0 pages: the only ones that
 * TCP_ZEROCOPY_RECEIVE maps since compound pages are refused.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "bench/rxtx.h"

static int tx_fail(struct tx_ctx *x, const char *what)
{
	snprintf(x->err, sizeof(x->err), "sender: %s: %s", what,
		 strerror(errno));
	return -1;
}

/* Reads every completion notification there is, without waiting. */
static void tx_drain_completions(int fd)
{
	char control[128];
	struct msghdr msg;
	int i;

	/* Bounded: notifications coalesce, a handful at most is pending. */
	for (i = 0; i < 1024; i++) {
		memset(&msg, 0, sizeof(msg));
		msg.msg_control = control;
		msg.msg_controllen = sizeof(control);
		if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
			return;
	}
}

static int tx_setup(struct tx_ctx *x, int fd)
{
	struct timeval tv = { .tv_sec = 1 };
	int one = 1;

	/* A stuck receiver must not block the sender for good. */
	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)))
		return tx_fail(x, "SO_SNDTIMEO");
	/* The repeatable set-up: the same segments every run. */
	if (bench_repeatable &&
	    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)))
		return tx_fail(x, "TCP_NODELAY");
	if (x->c->tx == TX_ZEROCOPY &&
	    setsockopt(fd, SOL_SOCKET, SO_ZEROCOPY, &one, sizeof(one)))
		return tx_fail(x, "SO_ZEROCOPY");
	if (connect(fd, (struct sockaddr *)&x->addr, x->alen))
		return tx_fail(x, "connect");
	return 0;
}

static int tx_loop(struct tx_ctx *x, int fd, const char *buf)
{
	int zc = x->c->tx == TX_ZEROCOPY;
	/* A receiver that failed and closed must not kill us by SIGPIPE. */
	int flags = MSG_NOSIGNAL | (zc ? MSG_ZEROCOPY : 0);
	double end = bench_now() + x->c->duration;
	ssize_t n;

	while (bench_now() < end) {
		n = send(fd, buf, x->c->chunk, flags);
		if (n >= 0)
			continue;
		/*
		 * Completions are read only when they pile up (ENOBUFS):
		 * they coalesce, and tcp_mmap's sender never reads them, so
		 * both senders load the machine the same way.
		 */
		if (zc && errno == ENOBUFS) {
			tx_drain_completions(fd);
			continue;
		}
		if (errno == EAGAIN || errno == EINTR)
			continue;
		return tx_fail(x, "send");
	}
	return 0;
}

void bench_tx_run(struct tx_ctx *x)
{
	char *buf;
	int fd;

	x->ret = -1;
	/*
	 * Never written, as in tcp_mmap: the sender reads the zero page,
	 * so both tools put the same (small) load on the shared CPUs.
	 */
	buf = mmap(NULL, x->c->chunk, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		tx_fail(x, "mmap");
		return;
	}
	fd = socket(x->addr.ss_family, SOCK_STREAM, 0);
	if (fd < 0) {
		tx_fail(x, "socket");
	} else {
		if (tx_setup(x, fd) == 0 && tx_loop(x, fd, buf) == 0)
			x->ret = 0;
		close(fd);
	}
	munmap(buf, x->c->chunk);
}
