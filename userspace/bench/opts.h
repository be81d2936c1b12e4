/* SPDX-License-Identifier: GPL-2.0 */
/* The parsed command line of zcguard bench and the modes it selects. */
#ifndef ZCG_BENCH_OPTS_H
#define ZCG_BENCH_OPTS_H

#include "bench/bench.h"

#define BENCH_MAX_SIZES 16
#define BENCH_MAX_GUARDS 8

struct bench_opts {
	size_t sizes[BENCH_MAX_SIZES];
	int nsizes;
	int rx_on[RX_NR];		/* receiver modes selected */
	int tx_on[TX_NR];		/* sender modes selected */
	int reps;
	double duration;
	int reps_set, duration_set;	/* -r, -d given (not defaults) */
	const char *json;		/* file or "-" */
	const char *plot;
	unsigned int inject_calls;	/* test-only extra cost, see bench.h */
	/* --check */
	int check;
	const char *baseline;		/* a ratio or a JSON file */
	const char *save_baseline;
	double tolerance;		/* percent */
	int tolerance_set;		/* --tolerance given */
	/* --overhead */
	const char *guards[BENCH_MAX_GUARDS];
	int nguards;
	const char *trace_cmd;		/* command line of the BPF tracer */
	/* --compare-tcp-mmap */
	const char *tcp_mmap;
	int rx_cpu, tx_cpu;		/* --pin; -1: not pinned */
	int pin_set;			/* --pin given (or "off") */
	const char *vm;			/* --vm KERNEL: in a VM under icount */
};

/* The case of the given modes and chunk with the run's other settings. */
struct bench_case bench_case_of(const struct bench_opts *o, enum bench_tx tx,
				enum bench_rx rx, size_t chunk);

/*
 * One repetition of the MSG_ZEROCOPY sender and receiver rx at the first
 * chunk size (the single-size runs: --check, --overhead, tcp_mmap). On
 * failure prints "zcguard bench: WHAT: error" (WHAT may be NULL), -1.
 */
int bench_run_zc(const struct bench_opts *o, enum bench_rx rx,
		 const char *what, struct bench_sample *s);

/* Runs every selected case reps times, interleaved; results in r. */
int bench_sweep(const struct bench_opts *o, struct bench_result *r, int *n);

int bench_check(const struct bench_opts *o);
int bench_overhead(const struct bench_opts *o);
int bench_compare_tcp_mmap(const struct bench_opts *o);

/*
 * A JSON document to path ("-": stdout): j is inside its top object.
 * 0, or -1 with the reason printed.
 */
int bench_json_create(const char *path, struct zcg_json *j);
/*
 * The document of a run here to o->json: bench_json_create(), then
 * "tool", "kind", this machine's "kernel" and "lo_mtu"; the caller adds
 * the rest.
 */
int bench_json_open(const struct bench_opts *o, const char *kind,
		    struct zcg_json *j);
/* Ends the document; closes its file (stdout: flushes). 0 or EOF. */
int bench_json_close(struct zcg_json *j);
/*
 * Fails (message printed, -1) when --json names a file that cannot be
 * written, before any run: opened for append, not truncated.
 */
int bench_json_writable(const struct bench_opts *o);

#endif
