/* SPDX-License-Identifier: GPL-2.0 */
/* Printing of `zcguard trace` events, per-second summaries and totals. */
#ifndef ZCGUARD_TRACE_OUT_H
#define ZCGUARD_TRACE_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "trace/zctrace.h"

struct zct_out {
	FILE *f;
	bool json;
	bool summary;		/* per-second lines instead of events */
	bool quiet;		/* totals (and violations) only */
	unsigned long long t0_ns;	/* CLOCK_MONOTONIC at start */
	bool header_done;

	/* totals */
	unsigned long long calls, violations, errors;

	/* current summary second */
	unsigned long long s_calls, s_mapped, s_copied, s_skipped;
	unsigned long long s_errors, s_viol, s_dur_sum, s_dur_max;
};

/* One event from the ring buffer. */
void zct_out_event(struct zct_out *o, const struct zct_event *e);

/* Ends the current summary second (prints it when in summary mode). */
void zct_out_tick(struct zct_out *o, double t_sec);

/* Final totals line. */
void zct_out_totals(struct zct_out *o, const char *mode,
		    const struct zct_counters *c);

#endif
