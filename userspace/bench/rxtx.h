/* SPDX-License-Identifier: GPL-2.0 */
/* The two threads of one benchmark connection (rx.c, tx.c, run_case.c). */
#ifndef ZCG_BENCH_RXTX_H
#define ZCG_BENCH_RXTX_H

#include <netinet/in.h>
#include <stdatomic.h>

#include "bench/bench.h"

struct rx_ctx {
	const struct bench_case *c;
	int lfd;			/* listening socket, already bound */
	atomic_int abort;		/* set by run_case on its deadline */
	struct bench_sample *s;
	int ret;
	char err[160];
};

struct tx_ctx {
	const struct bench_case *c;
	struct sockaddr_in6 addr;	/* where the receiver listens */
	atomic_int abort;
	int ret;
	char err[160];
};

void *bench_rx_thread(void *arg);
void *bench_tx_thread(void *arg);

/* Monotonic seconds. */
double bench_now(void);

#endif
