/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VERDICT_H
#define ZCGUARD_VERDICT_H

#include <stddef.h>

/*
 * The one verdict type of zcguard. A run (one VM boot) ends in one of
 * syzkaller's bisection-log kinds, plus "failed" (the program or its TAP
 * reported the bug without a kernel crash). A set of runs is decided
 * once, by zcg_decide(): `zcguard vm`, `zcguard run` and `zcguard bisect`
 * all call it on the runs they hold in memory; none reads another's
 * printed lines.
 */
enum zcg_kind {
	ZCG_OK,
	ZCG_CRASHED,
	ZCG_FAILED,
	ZCG_BOOT_FAILED,	/* infrastructure: the kernel did not boot */
	ZCG_TIMED_OUT,		/* infrastructure: no answer in time */
};

#define ZCG_TAP_NAMES 512

/* Top-level TAP/KTAP results of one run. */
struct tap_counts {
	int ok;
	int not_ok;
	int skipped;		/* "ok/not ok ... # SKIP" and "# TODO" */
	char first_fail[160];	/* the first "not ok" line, trimmed */
	/* Names of the "not ok" tests, space-separated (truncated). */
	char failed_names[ZCG_TAP_NAMES];
};

struct zcg_run {
	int run;
	enum zcg_kind kind;
	char detail[256];	/* crash title or reason; empty for OK */
	int exit_status;	/* the command's, -1 when unknown */
	int booted;		/* the init's marker was seen */
	int corrupted;		/* crash report truncated */
	double seconds;		/* whole run */
	double boot_seconds;	/* until the init's marker, or -1 */
	double crash_seconds;	/* from /init to the crash report, or -1 */
	struct tap_counts tap;	/* output and console together */
};

enum zcg_decision {
	ZCG_GOOD,	/* exit 0 */
	ZCG_BAD,	/* exit 1 */
	ZCG_UNDECIDED,	/* exit 125: too few crashes to call it bad */
	ZCG_ERROR,	/* exit 125: mostly infrastructure failures */
};

struct zcg_verdict {
	enum zcg_decision decision;
	int total, ok, crashed, failed, infra;
	int want_bad;		/* bad runs a BAD decision needs */
	/* The run that names the verdict (first of the deciding kind), or -1. */
	int named_by;
	enum zcg_kind kind;	/* ZCG_CRASHED or ZCG_FAILED when BAD */
	char title[256];	/* crash title / failure reason when BAD */
	/* "OK", "crashed: TITLE", "undecided: ...", "error: ..." */
	char text[640];
	/* syzkaller's summary: "all runs: X" or "runs: 9 crashed, 1 ..." */
	char runs_line[640];
	int all_same;		/* every run gave the same result */
};

const char *zcg_kind_name(enum zcg_kind k);
const char *zcg_decision_name(enum zcg_decision d);

/* One run as a bisection log prints it: "OK", "crashed: TITLE", ... */
void zcg_run_str(const struct zcg_run *r, char *buf, size_t len);

/* The decision over runs[0..n); the rule is documented in decide.c. */
void zcg_decide(const struct zcg_run *runs, int n, struct zcg_verdict *v);

/* git bisect run's exit code for a decision: 0, 1 or 125. */
int zcg_decision_exit(enum zcg_decision d);

#endif
