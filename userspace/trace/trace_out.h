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
	bool per_call;		/* the BPF side sends a record per call */
	bool entry_only;	/* no return program: calls are entries */
	unsigned long long t0_ns;	/* CLOCK_MONOTONIC at start */
	bool header_done;

	/* per-call records received (event mode) */
	unsigned long long events;
	/*
	 * Program runs the kernel skipped because the same program was
	 * already running on that CPU (preempted): calls that may be
	 * missing from the counts. Expected 0.
	 */
	unsigned long long missed;
};

/* One record from the ring buffer: a call or an entry violation. */
void zct_out_event(struct zct_out *o, const struct zct_event *e);

/* One second's summary line from the kernel counters' increase d. */
void zct_out_tick(struct zct_out *o, double t_sec,
		  const struct zct_counters *d);

/* Final totals line, from the kernel counters c. */
void zct_out_totals(struct zct_out *o, const char *mode,
		    const struct zct_counters *c);

#endif
