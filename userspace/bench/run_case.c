// SPDX-License-Identifier: GPL-2.0
/*
 * One repetition of one case: a listener on [::1], a receiving and a
 * sending thread, both joined under a deadline so a wedged connection
 * cannot hang the benchmark.
 */
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bench/rxtx.h"

/* Time past the sending duration for the receiver to reach EOF. */
#define DRAIN_SECS 10

const char *const bench_tx_names[TX_NR] = {
	[TX_PLAIN] = "send",
	[TX_ZEROCOPY] = "msg_zc",
};

const char *const bench_rx_names[RX_NR] = {
	[RX_COPY] = "copy",
	[RX_ZC] = "zc",
	[RX_ZC_HINT] = "zc-hint",
	[RX_ZC_COPYBUF] = "zc-copybuf",
};

static int listen_any(const struct bench_case *c, struct sockaddr_in6 *a,
		      char *err, size_t errlen)
{
	socklen_t alen = sizeof(*a);
	int fd, lowat = c->chunk;

	fd = socket(AF_INET6, SOCK_STREAM, 0);
	if (fd < 0)
		goto fail;
	memset(a, 0, sizeof(*a));
	a->sin6_family = AF_INET6;
	a->sin6_addr = in6addr_loopback;
	/*
	 * Wake the receiver only once a whole chunk is queued, as tcp_mmap
	 * does; the accepted socket inherits it.
	 */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVLOWAT, &lowat, sizeof(lowat)) ||
	    bind(fd, (struct sockaddr *)a, sizeof(*a)) || listen(fd, 4) ||
	    getsockname(fd, (struct sockaddr *)a, &alen))
		goto fail;
	return fd;
fail:
	snprintf(err, errlen, "listener on [::1]: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

static int join_by(pthread_t t, double deadline)
{
	struct timespec ts;
	double left = deadline - bench_now();

	clock_gettime(CLOCK_REALTIME, &ts);
	if (left < 0)
		left = 0;
	ts.tv_sec += (time_t)left;
	ts.tv_nsec += (long)((left - (time_t)left) * 1e9);
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return pthread_timedjoin_np(t, NULL, &ts);
}

int bench_run_case(const struct bench_case *c, struct bench_sample *s,
		   char *err, size_t errlen)
{
	struct rx_ctx rx = { .c = c, .s = s };
	struct tx_ctx tx = { .c = c };
	pthread_t rt, tt;
	double deadline;
	int ret = -1;

	memset(s, 0, sizeof(*s));
	rx.lfd = listen_any(c, &tx.addr, err, errlen);
	if (rx.lfd < 0)
		return -1;
	if (pthread_create(&rt, NULL, bench_rx_thread, &rx)) {
		snprintf(err, errlen, "cannot start the receiver thread");
		goto out;
	}
	if (pthread_create(&tt, NULL, bench_tx_thread, &tx)) {
		snprintf(err, errlen, "cannot start the sender thread");
		atomic_store(&rx.abort, 1);
		pthread_join(rt, NULL);
		goto out;
	}
	deadline = bench_now() + c->duration + DRAIN_SECS;
	if (join_by(tt, deadline)) {
		atomic_store(&tx.abort, 1);
		pthread_join(tt, NULL);
	}
	if (join_by(rt, deadline)) {
		/* The receiver polls in short steps and sees this. */
		atomic_store(&rx.abort, 1);
		pthread_join(rt, NULL);
	}
	if (rx.ret) {
		snprintf(err, errlen, "%s", rx.err);
		goto out;
	}
	if (tx.ret) {
		snprintf(err, errlen, "%s", tx.err);
		goto out;
	}
	if (!s->bytes || s->secs <= 0) {
		snprintf(err, errlen, "nothing received");
		goto out;
	}
	s->gbit = s->bytes * 8.0 / s->secs / 1e9;
	s->usec_per_mb = s->cpu_usec / (s->bytes / 1048576.0);
	s->sys_per_mb = s->syscalls / (s->bytes / 1048576.0);
	s->mapped_pct = 100.0 * s->mapped / s->bytes;
	ret = 0;
out:
	close(rx.lfd);
	return ret;
}
