// SPDX-License-Identifier: GPL-2.0
/*
 * --check: a short regression check of the zerocopy receive path that
 * holds on a noisy, shared machine. Absolute usec/MB move with the load,
 * so the check measures copy mode as a yardstick in the same run, in
 * alternating repetitions (copy, zc, zc, copy, ...), and judges the
 * zc/copy ratio: the median of the per-pair ratios must not exceed the
 * baseline ratio by more than the tolerance.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/opts.h"
#include "lib/file.h"
#include "lib/json.h"

/*
 * No built-in baseline: a wall-clock ratio belongs to the machine it was
 * measured on (one from the development host read REGRESSION on a fresh
 * machine). Without --baseline the check saves one (--save-baseline) or
 * skips with the reason; the deterministic check is --vm --check.
 */
#define MIN_MAPPED_PCT 90.0
#define MAX_REPS 100

static int load_baseline(const char *arg, double *ratio, char *src,
			 size_t srclen)
{
	char *end, *text, *p;

	if (!arg) {
		*ratio = 0;
		snprintf(src, srclen, "none");
		return 0;
	}
	*ratio = strtod(arg, &end);
	if (end != arg && !*end && *ratio > 0) {
		snprintf(src, srclen, "given");
		return 0;
	}
	text = zcg_read_file(arg, NULL);
	if (!text) {
		fprintf(stderr, "zcguard bench: baseline %s: %s\n", arg,
			strerror(errno));
		return -1;
	}
	p = strstr(text, "\"ratio\":");
	*ratio = p ? strtod(p + 8, &end) : 0;
	free(text);
	if (!(*ratio > 0)) {
		fprintf(stderr, "zcguard bench: baseline %s: no \"ratio\"\n",
			arg);
		return -1;
	}
	snprintf(src, srclen, "from %s", arg);
	return 0;
}

static int measure(const struct bench_opts *o, enum bench_rx rx, int step,
		   int total, struct bench_sample *s)
{
	char what[64];

	snprintf(what, sizeof(what), "check: %s", bench_rx_names[rx]);
	bench_progress(step, total, what);
	return bench_run_zc(o, rx, what, s);
}

/*
 * The verdict in the JSON is the one the text prints: without a baseline
 * (--save-baseline alone) nothing was compared, so there is no limit and
 * the verdict is "baseline-saved", not a comparison with a ratio of 0.
 */
static void print_json(const struct bench_opts *o, const struct bench_stat *cs,
		       const struct bench_stat *zs, const struct bench_stat *rs,
		       double mapped, double base, double limit,
		       const char *verdict)
{
	struct zcg_json j;

	if (bench_json_open(o, "check", &j))
		return;
	zcg_json_kint(&j, "chunk", o->sizes[0]);
	zcg_json_kint(&j, "reps", o->reps);
	zcg_json_knum(&j, "duration_s", o->duration, 3);
	bench_json_stat(&j, "copy_usec_per_mb", cs);
	bench_json_stat(&j, "zc_usec_per_mb", zs);
	bench_json_stat(&j, "pair_ratio", rs);
	zcg_json_knum(&j, "ratio", rs->med, 4);
	zcg_json_knum(&j, "zc_mapped_pct", mapped, 2);
	if (base) {
		zcg_json_knum(&j, "baseline", base, 4);
		zcg_json_knum(&j, "limit", limit, 4);
	} else {
		zcg_json_knull(&j, "baseline");
		zcg_json_knull(&j, "limit");
	}
	zcg_json_knum(&j, "tolerance_pct", o->tolerance, 1);
	zcg_json_kstr(&j, "verdict", verdict);
	bench_json_close(&j);
}

static int save_baseline(const char *path, const struct bench_opts *o,
			 double ratio)
{
	struct zcg_json j;

	if (bench_json_create(path, &j))
		return -1;
	zcg_json_kstr(&j, "kind", "baseline");
	zcg_json_kint(&j, "chunk", o->sizes[0]);
	zcg_json_knum(&j, "ratio", ratio, 4);
	return bench_json_close(&j);
}

int bench_check(const struct bench_opts *o)
{
	double copy[MAX_REPS], zc[MAX_REPS], ratio[MAX_REPS];
	double mapped[MAX_REPS], base, limit;
	struct bench_stat cs, zs, rs, ms;
	struct bench_sample s;
	char src[300], sz[16];
	const char *verdict;
	int i, j, rx, n = o->reps, regressed;

	if (load_baseline(o->baseline, &base, src, sizeof(src)))
		return 2;
	if (!base && !o->save_baseline) {
		bprintf("verdict: skipped: no --baseline (a wall-clock baseline "
			"is machine-specific: --save-baseline FILE on this "
			"machine first, or use --vm KERNEL --check)\n");
		return 4;
	}
	for (i = 0; i < n; i++) {
		/* Alternate who goes first so a trend favours neither. */
		for (j = 0; j < 2; j++) {
			rx = (i + j) % 2 ? RX_ZC : RX_COPY;
			if (measure(o, rx, 2 * i + j, 2 * n, &s))
				return 3;
			(rx == RX_ZC ? zc : copy)[i] = s.usec_per_mb;
			if (rx == RX_ZC)
				mapped[i] = s.mapped_pct;
		}
		ratio[i] = zc[i] / copy[i];
	}
	bench_progress_end();
	bench_stat_of(copy, n, &cs);
	bench_stat_of(zc, n, &zs);
	bench_stat_of(ratio, n, &rs);
	bench_stat_of(mapped, n, &ms);
	limit = base * (1 + o->tolerance / 100);
	regressed = base && rs.med > limit;
	verdict = ms.med < MIN_MAPPED_PCT ? "cannot-check" :
		  !base ? "baseline-saved" : regressed ? "regression" : "ok";

	bprintf("zcguard bench --check: chunk %s, %d alternating pair(s) x "
		"%.2f s, msg_zc sender%s\n",
		bench_size_str(o->sizes[0], sz, sizeof(sz)), n, o->duration,
		o->inject_calls ? " [INJECTED extra zc syscalls: test only]" :
		"");
	bprintf("copy usec/MB median %.1f [%.1f..%.1f]\n", cs.med, cs.min,
		cs.max);
	bprintf("zc   usec/MB median %.1f [%.1f..%.1f], mapped %.2f%%\n",
		zs.med, zs.min, zs.max, ms.med);
	bprintf("ratio zc/copy: median %.3f over pairs [%.3f..%.3f]\n",
		rs.med, rs.min, rs.max);
	if (base)
		bprintf("baseline %.3f (%s), tolerance %.0f%% -> limit "
			"%.3f\n", base, src, o->tolerance, limit);
	if (o->json)
		print_json(o, &cs, &zs, &rs, ms.med, base, limit, verdict);
	if (ms.med < MIN_MAPPED_PCT) {
		bprintf("verdict: cannot check: zerocopy mapped only %.2f%% "
			"(want >= %.0f%%)\n", ms.med, MIN_MAPPED_PCT);
		return 3;
	}
	if (o->save_baseline) {
		if (save_baseline(o->save_baseline, o, rs.med))
			return 3;
		bprintf("baseline saved: %s (ratio %.3f)\n", o->save_baseline,
			rs.med);
		if (!base) {
			bprintf("verdict: baseline saved, nothing compared\n");
			return 0;
		}
	}
	bprintf("verdict: %s (ratio %.3f %s limit %.3f)\n",
		regressed ? "REGRESSION" : "OK", rs.med,
		regressed ? ">" : "<=", limit);
	return regressed ? 1 : 0;
}
