// SPDX-License-Identifier: GPL-2.0
/*
 * One repetition of one case: a listener on loopback, the receiver in the
 * calling thread and the sender in a forked child process.
 *
 * The sender is a process, not a thread, as in tcp_mmap: a thread would
 * share the receiver's mm, and every madvise(MADV_DONTNEED) of the
 * receive mapping would then send a TLB shootdown IPI to the CPU the
 * sender runs on, a cost the zerocopy path does not have in real use.
 */
#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
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

static int listen_any(const struct bench_case *c, struct sockaddr_storage *a,
		      socklen_t *alen, char *err, size_t errlen)
{
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)a;
	struct sockaddr_in *a4 = (struct sockaddr_in *)a;
	int fd, lowat = c->chunk;

	memset(a, 0, sizeof(*a));
	if (bench_family == AF_INET6) {
		a6->sin6_family = AF_INET6;
		a6->sin6_addr = in6addr_loopback;
		*alen = sizeof(*a6);
	} else {
		a4->sin_family = AF_INET;
		a4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*alen = sizeof(*a4);
	}
	fd = socket(bench_family, SOCK_STREAM, 0);
	if (fd < 0)
		goto fail;
	/*
	 * Wake the receiver only once a whole chunk is queued, as tcp_mmap
	 * does; the accepted socket inherits it.
	 */
	if (bench_fix_rcvbuf(fd) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVLOWAT, &lowat, sizeof(lowat)) ||
	    bind(fd, (struct sockaddr *)a, *alen) || listen(fd, 4) ||
	    getsockname(fd, (struct sockaddr *)a, alen))
		goto fail;
	return fd;
fail:
	snprintf(err, errlen, "listener on loopback: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

volatile pid_t bench_sender_pid;

int bench_pin(int cpu)
{
	cpu_set_t set;

	if (cpu < 0)
		return 0;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

/* The child: sends, reports an error through the pipe, exits. */
static void sender_child(const struct bench_case *c,
			 const struct sockaddr_storage *a, socklen_t alen,
			 int lfd, int errfd)
{
	struct tx_ctx tx = { .c = c, .addr = *a, .alen = alen };

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	close(lfd);
	bench_pin(c->tx_cpu);
	bench_tx_run(&tx);
	if (tx.ret && write(errfd, tx.err, strlen(tx.err)) < 0)
		_exit(2);
	_exit(tx.ret ? 1 : 0);
}

/* Waits for the sender; it stops on its own clock, so this is short. */
static int sender_reap(pid_t pid, int errfd, int kill_it, char *err,
		       size_t errlen)
{
	char msg[160];
	ssize_t n;
	int st;

	if (kill_it)
		kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	n = read(errfd, msg, sizeof(msg) - 1);
	if (kill_it)
		return -1;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	msg[n > 0 ? n : 0] = 0;
	snprintf(err, errlen, "%s", n > 0 ? msg : "sender died");
	return -1;
}

static int run_case(const struct bench_case *c, struct bench_sample *s,
		    char *err, size_t errlen)
{
	struct rx_ctx rx = { .c = c, .s = s };
	struct sockaddr_storage addr;
	socklen_t alen;
	int p[2], ret = -1, reaped;
	pid_t pid;

	memset(s, 0, sizeof(*s));
	rx.lfd = listen_any(c, &addr, &alen, err, errlen);
	if (rx.lfd < 0)
		return -1;
	if (pipe2(p, O_NONBLOCK | O_CLOEXEC)) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		goto out_listen;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		goto out_pipe;
	}
	if (pid == 0)
		sender_child(c, &addr, alen, rx.lfd, p[1]);
	bench_sender_pid = pid;
	rx.deadline = bench_now() + c->duration + DRAIN_SECS;
	if (bench_pin(c->rx_cpu)) {
		snprintf(rx.err, sizeof(rx.err), "pin to CPU %d: %s",
			 c->rx_cpu, strerror(errno));
		rx.ret = -1;
	} else if (bench_rx_sched(1)) {
		snprintf(rx.err, sizeof(rx.err), "receiver SCHED_FIFO: %s",
			 strerror(errno));
		rx.ret = -1;
	} else {
		bench_rx_run(&rx);
	}
	bench_rx_sched(0);
	reaped = sender_reap(pid, p[0], rx.ret != 0, err, errlen);
	bench_sender_pid = 0;
	/* The receiver's error first: it says why the sender was killed. */
	if (rx.ret)
		snprintf(err, errlen, "%s", rx.err);
	if (rx.ret || reaped)
		goto out_pipe;
	if (!s->bytes || s->secs <= 0) {
		snprintf(err, errlen, "nothing received");
		goto out_pipe;
	}
	s->gbit = s->bytes * 8.0 / s->secs / 1e9;
	s->usec_per_mb = s->cpu_usec / (s->bytes / 1048576.0);
	s->sys_per_mb = s->syscalls / (s->bytes / 1048576.0);
	s->mapped_pct = 100.0 * s->mapped / s->bytes;
	ret = 0;
out_pipe:
	close(p[0]);
	close(p[1]);
out_listen:
	close(rx.lfd);
	return ret;
}

int bench_run_case(const struct bench_case *c, struct bench_sample *s,
		   char *err, size_t errlen)
{
	static int warm;

	/* The repeatable set-up's warm-up (guest_setup.c), once a process. */
	if (bench_repeatable && !warm) {
		warm = 1;
		if (run_case(c, s, err, errlen))
			return -1;
	}
	return run_case(c, s, err, errlen);
}
