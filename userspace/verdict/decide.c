// SPDX-License-Identifier: GPL-2.0
/*
 * Deciding a set of runs, the way syzkaller's bisection does
 * (pkg/bisect, bisectionDecision), so a verdict here means what it means
 * on syzbot:
 *
 *   infra = boot failures + timeouts; usable = total - infra;
 *   bad runs = crashed + failed
 *   - usable < total / 2 (more than half the runs could not test):
 *     ERROR, not a verdict;
 *   - bad >= max(2, usable / 6): BAD (5 of 30 crashing is a bug, one
 *     flaky crash is not); with a single usable run, that run decides;
 *   - no bad run and ok >= total / 2: GOOD;
 *   - anything else (one crash in ten): UNDECIDED.
 *
 * The title of a BAD verdict comes from the first run of the most common
 * bad kind (crashes before failures on a tie): syzbot reports the crash,
 * not the test that saw it.
 */
#include <stdio.h>
#include <string.h>

#include "verdict/verdict.h"

const char *zcg_kind_name(enum zcg_kind k)
{
	switch (k) {
	case ZCG_OK:
		return "OK";
	case ZCG_CRASHED:
		return "crashed";
	case ZCG_FAILED:
		return "failed";
	case ZCG_BOOT_FAILED:
		return "boot failed";
	case ZCG_TIMED_OUT:
		return "timed out";
	}
	return "?";
}

const char *zcg_decision_name(enum zcg_decision d)
{
	switch (d) {
	case ZCG_GOOD:
		return "good";
	case ZCG_BAD:
		return "bad";
	case ZCG_UNDECIDED:
		return "undecided";
	case ZCG_ERROR:
		return "error";
	}
	return "?";
}

int zcg_decision_exit(enum zcg_decision d)
{
	return d == ZCG_GOOD ? 0 : d == ZCG_BAD ? 1 : 125;
}

void zcg_run_str(const struct zcg_run *r, char *buf, size_t len)
{
	if (r->kind == ZCG_OK)
		snprintf(buf, len, "OK");
	else
		snprintf(buf, len, "%s: %s", zcg_kind_name(r->kind), r->detail);
}

/* "9 crashed, 1 boot failed": the kinds in a fixed order. */
static void counts_str(const struct zcg_run *runs, int n, char *buf,
		       size_t len)
{
	static const enum zcg_kind order[] = {
		ZCG_OK, ZCG_CRASHED, ZCG_FAILED, ZCG_BOOT_FAILED, ZCG_TIMED_OUT,
	};
	size_t k, used = 0;
	int i;

	buf[0] = '\0';
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		int c = 0;

		for (i = 0; i < n; i++)
			c += runs[i].kind == order[k];
		if (c && used < len)
			used += snprintf(buf + used, len - used, "%s%d %s",
					 used ? ", " : "", c,
					 zcg_kind_name(order[k]));
	}
}

/* The summary line into buf; returns whether every run was the same. */
static int runs_line(const struct zcg_run *runs, int n, char *buf,
		     size_t len)
{
	char first[320], s[320];
	int i, same = n > 0;

	if (!n) {
		snprintf(buf, len, "runs: none");
		return 0;
	}
	zcg_run_str(&runs[0], first, sizeof(first));
	for (i = 1; i < n && same; i++) {
		zcg_run_str(&runs[i], s, sizeof(s));
		same = !strcmp(s, first);
	}
	if (same) {
		snprintf(buf, len, "all runs: %s", first);
		return 1;
	}
	counts_str(runs, n, s, sizeof(s));
	snprintf(buf, len, "runs: %s", s);
	return 0;
}

static int first_of(const struct zcg_run *runs, int n, enum zcg_kind k)
{
	int i;

	for (i = 0; i < n; i++)
		if (runs[i].kind == k)
			return i;
	return -1;
}

void zcg_decide(const struct zcg_run *runs, int n, struct zcg_verdict *v)
{
	char counts[256];
	int i, usable, bad;

	memset(v, 0, sizeof(*v));
	v->named_by = -1;
	v->total = n;
	for (i = 0; i < n; i++) {
		switch (runs[i].kind) {
		case ZCG_OK:
			v->ok++;
			break;
		case ZCG_CRASHED:
			v->crashed++;
			break;
		case ZCG_FAILED:
			v->failed++;
			break;
		default:
			v->infra++;
		}
	}
	usable = n - v->infra;
	bad = v->crashed + v->failed;
	v->want_bad = usable / 6 > 2 ? usable / 6 : 2;
	if (usable == 1)
		v->want_bad = 1;
	v->all_same = runs_line(runs, n, v->runs_line, sizeof(v->runs_line));
	counts_str(runs, n, counts, sizeof(counts));

	if (n == 0 || usable * 2 < n) {
		v->decision = ZCG_ERROR;
		i = first_of(runs, n, ZCG_BOOT_FAILED);
		if (i < 0)
			i = first_of(runs, n, ZCG_TIMED_OUT);
		v->named_by = i;
		snprintf(v->text, sizeof(v->text),
			 "error: too many infrastructure problems (%s%s%s)",
			 n ? counts : "no runs", i >= 0 ? "; first: " : "",
			 i >= 0 ? runs[i].detail : "");
	} else if (bad >= v->want_bad) {
		v->decision = ZCG_BAD;
		v->kind = v->crashed >= v->failed ? ZCG_CRASHED : ZCG_FAILED;
		v->named_by = first_of(runs, n, v->kind);
		snprintf(v->title, sizeof(v->title), "%s",
			 runs[v->named_by].detail);
		snprintf(v->text, sizeof(v->text), "%s: %s",
			 zcg_kind_name(v->kind), v->title);
	} else if (!bad && v->ok * 2 >= n) {
		v->decision = ZCG_GOOD;
		snprintf(v->text, sizeof(v->text), "OK");
	} else {
		v->decision = ZCG_UNDECIDED;
		v->named_by = bad ? first_of(runs, n, v->crashed ?
					     ZCG_CRASHED : ZCG_FAILED) : -1;
		snprintf(v->text, sizeof(v->text),
			 "undecided: %s (bad needs %d)", counts, v->want_bad);
	}
}
