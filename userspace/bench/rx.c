// SPDX-License-Identifier: GPL-2.0
/*
 * The receiving end: accepts one connection and drains it, either by
 * read() (copy mode) or by TCP_ZEROCOPY_RECEIVE on a mapping of the
 * socket (zerocopy modes), until the sender closes. It measures its own
 * CPU time with getrusage(RUSAGE_THREAD), the measure tcp_mmap.c uses,
 * so that the two tools can be compared figure for figure.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bench/rxtx.h"

/*
 * The socket mapping is aligned on the huge page size, as tcp_mmap does,
 * so that each receiver has its own page table page (no ptl sharing).
 */
#define MAP_ALIGN (2UL << 20)
#define POLL_MS 200
#define ACCEPT_MS 5000

double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double rusage_usec(const struct rusage *ru)
{
	return ru->ru_utime.tv_sec * 1e6 + ru->ru_utime.tv_usec +
	       ru->ru_stime.tv_sec * 1e6 + ru->ru_stime.tv_usec;
}

static int rx_fail(struct rx_ctx *x, const char *what)
{
	snprintf(x->err, sizeof(x->err), "receiver: %s: %s", what,
		 strerror(errno));
	return -1;
}

/* One read() pass of copy mode: fill up to a chunk. 1 on EOF. */
static int rx_copy(struct rx_ctx *x, int fd, char *buf)
{
	size_t chunk = x->c->chunk, sub = 0;
	ssize_t n;

	while (sub < chunk) {
		n = read(fd, buf + sub, chunk - sub);
		x->s->syscalls++;
		if (n == 0)
			return 1;
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return 0;
			return rx_fail(x, "read");
		}
		x->s->bytes += n;
		sub += n;
	}
	return 0;
}

/* One TCP_ZEROCOPY_RECEIVE pass. 1 on EOF. */
static int rx_zc(struct rx_ctx *x, int fd, char *addr, char *buf)
{
	const struct bench_case *c = x->c;
	struct tcp_zerocopy_receive zc;
	socklen_t len = sizeof(zc);
	unsigned int i;
	ssize_t n;
	int inq;

	memset(&zc, 0, sizeof(zc));
	zc.address = (unsigned long)addr;
	zc.length = c->chunk;
	if (c->rx == RX_ZC_HINT)
		zc.flags = TCP_RECEIVE_ZEROCOPY_FLAG_TLB_CLEAN_HINT;
	if (c->rx == RX_ZC_COPYBUF) {
		/*
		 * Below one page: the kernel copies the whole queue into
		 * copybuf when it holds no more than copybuf_len, and a
		 * page-sized copybuf would turn mappable pages into copies.
		 */
		zc.copybuf_address = (unsigned long)buf;
		zc.copybuf_len = x->page - 1;
	}
	x->s->syscalls++;
	if (getsockopt(fd, IPPROTO_TCP, TCP_ZEROCOPY_RECEIVE, &zc, &len)) {
		/* An empty queue after FIN: the kernel says EIO. */
		if (errno == EIO)
			return 1;
		if (errno == EAGAIN || errno == EINTR)
			return 0;
		return rx_fail(x, "getsockopt(TCP_ZEROCOPY_RECEIVE)");
	}
	if (zc.err) {
		errno = -zc.err;
		return rx_fail(x, "TCP_ZEROCOPY_RECEIVE socket error");
	}
	for (i = 0; i < c->inject_calls; i++) {
		len = sizeof(inq);
		getsockopt(fd, IPPROTO_TCP, TCP_INQ, &inq, &len);
		x->s->syscalls++;
	}
	if (zc.length) {
		x->s->mapped += zc.length;
		x->s->bytes += zc.length;
		/*
		 * Unmapping now is cheaper than letting the next call zap
		 * the range; with TLB_CLEAN_HINT the kernel relies on it.
		 */
		madvise(addr, zc.length, MADV_DONTNEED);
		x->s->syscalls++;
	}
	if (c->rx == RX_ZC_COPYBUF && zc.copybuf_len > 0)
		x->s->bytes += zc.copybuf_len;
	if (zc.recv_skip_hint) {
		/* The hint can exceed the buffer: read what fits. */
		n = read(fd, buf, zc.recv_skip_hint < c->chunk ?
			 zc.recv_skip_hint : c->chunk);
		x->s->syscalls++;
		if (n > 0)
			x->s->bytes += n;
		else if (n == 0)
			return 1;
		else if (errno != EAGAIN && errno != EINTR)
			return rx_fail(x, "read(recv_skip_hint)");
	}
	return 0;
}

static int rx_accept(struct rx_ctx *x)
{
	struct pollfd p = { .fd = x->lfd, .events = POLLIN };
	int fd;

	if (poll(&p, 1, ACCEPT_MS) != 1) {
		snprintf(x->err, sizeof(x->err),
			 "receiver: no connection within %d ms", ACCEPT_MS);
		return -1;
	}
	fd = accept(x->lfd, NULL, NULL);
	if (fd < 0)
		return rx_fail(x, "accept");
	return fd;
}

static int rx_loop(struct rx_ctx *x, int fd, char *addr, char *buf)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int zc = x->c->rx != RX_COPY, ret;

	for (;;) {
		if (bench_now() > x->deadline) {
			snprintf(x->err, sizeof(x->err),
				 "receiver: timed out before EOF");
			return -1;
		}
		poll(&p, 1, POLL_MS);
		x->s->syscalls++;
		ret = zc ? rx_zc(x, fd, addr, buf) : rx_copy(x, fd, buf);
		if (ret)
			return ret < 0 ? -1 : 0;
	}
}

void bench_rx_run(struct rx_ctx *x)
{
	size_t chunk = x->c->chunk;
	struct rusage r0, r1;
	char *buf, *raddr = MAP_FAILED, *addr = NULL;
	double t0;
	int fd;

	x->ret = -1;
	x->page = sysconf(_SC_PAGESIZE);
	fd = rx_accept(x);
	if (fd < 0)
		return;
	fcntl(fd, F_SETFL, O_NONBLOCK);
	buf = mmap(NULL, chunk, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		rx_fail(x, "mmap buffer");
		goto out;
	}
	if (x->c->rx != RX_COPY) {
		raddr = mmap(NULL, chunk + MAP_ALIGN, PROT_READ, MAP_SHARED,
			     fd, 0);
		if (raddr == MAP_FAILED) {
			rx_fail(x, "mmap of the TCP socket");
			goto out;
		}
		addr = (char *)(((unsigned long)raddr + MAP_ALIGN - 1) &
				~(MAP_ALIGN - 1));
	}
	getrusage(RUSAGE_THREAD, &r0);
	t0 = bench_now();
	if (rx_loop(x, fd, addr, buf) == 0)
		x->ret = 0;
	x->s->secs = bench_now() - t0;
	getrusage(RUSAGE_THREAD, &r1);
	x->s->cpu_usec = rusage_usec(&r1) - rusage_usec(&r0);
out:
	if (raddr != MAP_FAILED)
		munmap(raddr, chunk + MAP_ALIGN);
	if (buf != MAP_FAILED)
		munmap(buf, chunk);
	close(fd);
}
