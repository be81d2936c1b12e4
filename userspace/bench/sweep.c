// SPDX-License-Identifier: GPL-2.0
/*
 * The sweep: every selected sender x receiver x chunk size, repeated.
 * Repetitions are interleaved (rep 1 of every case, then rep 2, ...) so
 * that a slow phase of a shared machine hits all cases alike instead of
 * one case's whole series.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench/opts.h"

#define MAX_CASES (TX_NR * RX_NR * BENCH_MAX_SIZES)

struct bench_case bench_case_of(const struct bench_opts *o, enum bench_tx tx,
				enum bench_rx rx, size_t chunk)
{
	struct bench_case c = {
		.tx = tx, .rx = rx, .chunk = chunk, .duration = o->duration,
		.inject_calls = o->inject_calls,
		.rx_cpu = o->rx_cpu, .tx_cpu = o->tx_cpu,
	};

	return c;
}

int bench_run_zc(const struct bench_opts *o, enum bench_rx rx,
		 const char *what, struct bench_sample *s)
{
	struct bench_case c = bench_case_of(o, TX_ZEROCOPY, rx, o->sizes[0]);
	char err[256];

	if (!bench_run_case(&c, s, err, sizeof(err)))
		return 0;
	bench_progress_end();
	fprintf(stderr, "zcguard bench: %s%s%s\n", what ? what : "",
		what ? ": " : "", err);
	return -1;
}

int bench_sweep(const struct bench_opts *o, struct bench_result *r, int *n)
{
	struct bench_case cases[MAX_CASES];
	struct bench_sample *s;
	char err[256], what[96], sz[16];
	int nc = 0, tx, rx, i, rep;

	for (tx = 0; tx < TX_NR; tx++)
		for (rx = 0; rx < RX_NR; rx++)
			for (i = 0; i < o->nsizes; i++) {
				if (!o->tx_on[tx] || !o->rx_on[rx])
					continue;
				cases[nc] = bench_case_of(o, tx, rx,
							  o->sizes[i]);
				nc++;
			}
	s = calloc((size_t)nc * o->reps, sizeof(*s));
	if (!s)
		return -1;
	for (rep = 0; rep < o->reps; rep++)
		for (i = 0; i < nc; i++) {
			snprintf(what, sizeof(what), "rep %d/%d: %s %s %s",
				 rep + 1, o->reps, bench_tx_names[cases[i].tx],
				 bench_rx_names[cases[i].rx],
				 bench_size_str(cases[i].chunk, sz,
						sizeof(sz)));
			bench_progress(rep * nc + i, nc * o->reps, what);
			if (bench_run_case(&cases[i], &s[i * o->reps + rep],
					   err, sizeof(err))) {
				bench_progress_end();
				fprintf(stderr, "zcguard bench: %s: %s\n", what,
					err);
				free(s);
				return -1;
			}
		}
	bench_progress_end();
	for (i = 0; i < nc; i++)
		bench_summarise(&cases[i], &s[i * o->reps], o->reps, &r[i]);
	*n = nc;
	free(s);
	return 0;
}
