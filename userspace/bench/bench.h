/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zcguard bench: shared types of the loopback receive benchmark.
 *
 * One "case" is one sender mode x one receiver mode x one chunk size,
 * measured over one TCP connection in the benchmark's own network
 * namespace. A case is repeated; the repetitions are summarised as
 * median and spread (min, max, quartiles).
 */
#ifndef ZCG_BENCH_H
#define ZCG_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

enum bench_tx {
	TX_PLAIN,	/* send() */
	TX_ZEROCOPY,	/* send(MSG_ZEROCOPY), completions drained */
	TX_NR
};

enum bench_rx {
	RX_COPY,	/* read() into a buffer */
	RX_ZC,		/* mmap + TCP_ZEROCOPY_RECEIVE + read(recv_skip_hint) */
	RX_ZC_HINT,	/* same, TCP_RECEIVE_ZEROCOPY_FLAG_TLB_CLEAN_HINT */
	RX_ZC_COPYBUF,	/* same, the unmappable tail lands in copybuf */
	RX_NR
};

extern const char *const bench_tx_names[TX_NR];
extern const char *const bench_rx_names[RX_NR];

struct bench_case {
	enum bench_tx tx;
	enum bench_rx rx;
	size_t chunk;		/* bytes per send() and per receive call */
	double duration;	/* seconds of sending */
	/*
	 * Test-only: extra getsockopt(TCP_INQ) calls after each zerocopy
	 * receive, a real and known extra cost on the zerocopy path so that
	 * --check can be shown to catch a regression.
	 */
	unsigned int inject_calls;
	/* CPUs to pin the receiver and the sender to; -1: not pinned */
	int rx_cpu, tx_cpu;
};

/* One repetition of one case, as the receiving thread saw it. */
struct bench_sample {
	uint64_t bytes;		/* received */
	uint64_t mapped;	/* of which mapped by TCP_ZEROCOPY_RECEIVE */
	uint64_t syscalls;	/* made by the receiving thread */
	double secs;		/* wall time, accept to EOF */
	double cpu_usec;	/* user+sys of the receiving thread */
	double gbit;		/* throughput */
	double usec_per_mb;
	double sys_per_mb;
	double mapped_pct;
};

/* Median and spread of one metric over the repetitions. */
struct bench_stat {
	double med, min, max, q1, q3;
};

struct bench_result {
	struct bench_case c;
	int nsamples;
	struct bench_stat gbit, usec_per_mb, sys_per_mb, mapped_pct;
};

/* netns.c: private network namespace with a loopback fit for mapping. */
int bench_netns_enter(char *err, size_t errlen);
unsigned int bench_lo_mtu(void);
extern int bench_family;	/* AF_INET6, or AF_INET without IPv6 */

/* run_case.c: the sender child of the running case (0: none). */
extern volatile pid_t bench_sender_pid;

/* run_case.c: one repetition; 0 or -1 with a message in err. */
int bench_run_case(const struct bench_case *c, struct bench_sample *s,
		   char *err, size_t errlen);

/* stats.c */
void bench_stat_of(const double *v, int n, struct bench_stat *st);
double bench_spread_pct(const struct bench_stat *st);
void bench_summarise(const struct bench_case *c, const struct bench_sample *s,
		     int n, struct bench_result *r);

/* output.c: where the human-readable results go (stderr with --json -) */
extern FILE *bench_out;
/* 1: the static guest bench (guest_main.c), run inside zcguard vm */
extern int bench_is_guest;
/* 1: figures are guest time under icount (--vm): labels say so */
extern int bench_icount;
__attribute__((format(printf, 1, 2)))
void bprintf(const char *fmt, ...);
void bench_table_header(FILE *f);
void bench_table_row(FILE *f, const struct bench_result *r);

/* json_out.c: "results" (one object per case), a statistic's object. */
struct zcg_json;
void bench_json_results(struct zcg_json *j, const struct bench_result *r,
			int n);
void bench_json_stat(struct zcg_json *j, const char *name,
		     const struct bench_stat *st);
const char *bench_size_str(size_t bytes, char *buf, size_t len);

/* plot.c: usec/MB against chunk size, one line per mode, by gnuplot. */
int bench_plot(const char *path, const char *note,
	       const struct bench_result *r, int n);

/* progress.c: a one-line progress indicator, only on a terminal. */
void bench_progress(int done, int total, const char *what);
void bench_progress_end(void);

/*
 * guest_setup.c: repeatable figures in the guest under icount (see
 * there). bench_guest_setup() sets bench_repeatable; the others do
 * nothing without it. 0 or -1 (errno).
 */
extern int bench_repeatable;
void bench_guest_setup(void);
int bench_fix_rcvbuf(int fd);
int bench_rx_sched(int fifo);

/* run_case.c: pins the calling thread (cpu >= 0); 0 or -1. */
int bench_pin(int cpu);

/* size parsing, shared by the argument parsers */
int bench_parse_size(const char *s, size_t *out);

#endif
