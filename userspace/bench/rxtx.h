/* SPDX-License-Identifier: GPL-2.0 */
/* The two ends of one benchmark connection (rx.c, tx.c, run_case.c). */
#ifndef ZCG_BENCH_RXTX_H
#define ZCG_BENCH_RXTX_H

#include <netinet/in.h>
#include <sys/socket.h>

#include "bench/bench.h"

struct rx_ctx {
	const struct bench_case *c;
	int lfd;			/* listening socket, already bound */
	double deadline;		/* give up when EOF has not come by */
	struct bench_sample *s;
	long page;			/* page size, read once */
	int ret;
	char err[160];
};

struct tx_ctx {
	const struct bench_case *c;
	struct sockaddr_storage addr;	/* where the receiver listens */
	socklen_t alen;
	int ret;
	char err[160];
};

/* Each fills ret (0 or -1) and err. */
void bench_rx_run(struct rx_ctx *x);
void bench_tx_run(struct tx_ctx *x);

/* Monotonic seconds. */
double bench_now(void);

#endif
