// SPDX-License-Identifier: GPL-2.0
/*
 * The guest bench's set-up for repeatable figures under icount, where
 * guest time counts instructions: the receiver's instructions per MB
 * must not depend on where in the sender's code the one guest CPU
 * happened to switch, nor on the guest time a repetition started at.
 *
 * On one CPU the receiver's own time includes whatever softirq work runs
 * while it is current: the sender's ACK processing, and the sender's
 * data too when an ACK releases segments the sender had queued. Which
 * of that lands on the receiver followed scheduling and timer phase, so
 * Debian's 6.12 (EEVDF, and a receive-RTT estimate that skips samples
 * of 0 ms) fell into a fast and a slow regime from one repetition to
 * the next. Here every repetition takes the same path:
 *
 *   - preemption "full": a woken receiver runs as soon as the softirq
 *     that woke it ends, always inside the sender's sendmsg (which owns
 *     its socket, so the receiver's ACKs wait in the sender's backlog);
 *   - the receiver SCHED_FIFO: it runs whenever it is runnable, as if it
 *     had a CPU of its own, and the sender never preempts it;
 *   - a fixed receive buffer: no autotuning, whose growth depends on
 *     RTT samples of a ms clock whose phase varies between runs;
 *   - TCP_NODELAY on the sender: each chunk leaves in the same segments
 *     (15 pages, then the rest) instead of waiting on Nagle for an ACK;
 *   - one warm-up repetition, not recorded: the process's first
 *     connection costs more (first-time allocations).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench/bench.h"

/* The receive buffer asked for; the kernel doubles it (4 MB). */
#define RCVBUF_BYTES (2 << 20)
#define PREEMPT_CTL "/sys/kernel/debug/sched/preempt"

int bench_repeatable;

void bench_guest_setup(void)
{
	int fd = open(PREEMPT_CTL, O_WRONLY | O_CLOEXEC);

	bench_repeatable = 1;
	/* Only PREEMPT_DYNAMIC kernels have it; others keep their model. */
	if (fd < 0 || write(fd, "full", 4) != 4)
		fprintf(stderr, "zcguard-bench: %s: %s (preemption model "
			"unchanged)\n", PREEMPT_CTL, strerror(errno));
	if (fd >= 0)
		close(fd);
}

int bench_fix_rcvbuf(int fd)
{
	int v = RCVBUF_BYTES;

	if (!bench_repeatable)
		return 0;
	/* FORCE: above net.core.rmem_max; the guest bench is root. */
	if (!setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof(v)))
		return 0;
	return setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
}

int bench_rx_sched(int fifo)
{
	struct sched_param sp = { .sched_priority = fifo ? 1 : 0 };

	if (!bench_repeatable)
		return 0;
	return sched_setscheduler(0, fifo ? SCHED_FIFO : SCHED_OTHER, &sp);
}
