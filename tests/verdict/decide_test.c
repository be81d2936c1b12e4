// SPDX-License-Identifier: GPL-2.0
/*
 * The run-count decision on tables of run results. Each row of the table
 * is what a person reading syzkaller's rule (pkg/bisect: bad needs
 * max(2, usable/6) crashes and half the runs usable, good needs no crash
 * and half the runs good, mostly infrastructure is an error) expects;
 * zcguard vm, run and bisect all decide through zcg_decide(), so the
 * exit code checked here is the one each of them gives.
 */
#include <stdio.h>
#include <string.h>

#include "verdict/verdict.h"

struct tcase {
	const char *name;
	int ok, crashed, failed, boot_failed, timed_out;
	enum zcg_decision want;
	int want_exit;
	const char *want_text;	/* prefix of v.text, or NULL */
};

static const struct tcase cases[] = {
	{ "seed log: 9 crashed + 1 boot failure = bad", 0, 9, 0, 1, 0,
	  ZCG_BAD, 1, "crashed: general protection fault in tcp_zerocopy_receive" },
	{ "seed log: 10 OK = good", 10, 0, 0, 0, 0, ZCG_GOOD, 0, "OK" },
	{ "1 crash of 10 is not enough to call it bad", 9, 1, 0, 0, 0,
	  ZCG_UNDECIDED, 125, "undecided:" },
	{ "2 crashes of 10 are bad", 8, 2, 0, 0, 0, ZCG_BAD, 1, "crashed:" },
	{ "all boot failures: an error, not a verdict", 0, 0, 0, 10, 0,
	  ZCG_ERROR, 125, "error: too many infrastructure problems" },
	{ "6 of 10 timed out: an error", 4, 0, 0, 0, 6, ZCG_ERROR, 125, "error:" },
	{ "5 of 10 infrastructure: still decided (half usable)", 0, 5, 0, 5, 0,
	  ZCG_BAD, 1, "crashed:" },
	{ "4 of 30 crashed: below max(2, 30/6) = 5", 26, 4, 0, 0, 0,
	  ZCG_UNDECIDED, 125, "undecided:" },
	{ "5 of 30 crashed: bad", 25, 5, 0, 0, 0, ZCG_BAD, 1, "crashed:" },
	{ "one run, crashed: that run decides", 0, 1, 0, 0, 0, ZCG_BAD, 1, "crashed:" },
	{ "one run, OK", 1, 0, 0, 0, 0, ZCG_GOOD, 0, "OK" },
	{ "one run, boot failed", 0, 0, 0, 1, 0, ZCG_ERROR, 125, "error:" },
	{ "failed runs count as bad (the test saw the bug)", 0, 0, 3, 0, 0,
	  ZCG_BAD, 1, "failed: exit status 1" },
	{ "3 OK + 1 boot failure: good", 3, 0, 0, 1, 0, ZCG_GOOD, 0, "OK" },
	{ "no runs at all: an error", 0, 0, 0, 0, 0, ZCG_ERROR, 125, "error:" },
};

static int fill(const struct tcase *t, struct zcg_run *runs)
{
	int n = 0, i;

	/* Infrastructure first, as in the seed log (run #0 boot failed). */
	for (i = 0; i < t->boot_failed; i++, n++) {
		runs[n].kind = ZCG_BOOT_FAILED;
		strcpy(runs[n].detail, "no init after 60s");
	}
	for (i = 0; i < t->timed_out; i++, n++)
		runs[n].kind = ZCG_TIMED_OUT;
	for (i = 0; i < t->crashed; i++, n++) {
		runs[n].kind = ZCG_CRASHED;
		strcpy(runs[n].detail,
		       "general protection fault in tcp_zerocopy_receive");
	}
	for (i = 0; i < t->failed; i++, n++) {
		runs[n].kind = ZCG_FAILED;
		strcpy(runs[n].detail, "exit status 1");
	}
	for (i = 0; i < t->ok; i++, n++)
		runs[n].kind = ZCG_OK;
	for (i = 0; i < n; i++)
		runs[i].run = i;
	return n;
}

int main(void)
{
	size_t k, ncases = sizeof(cases) / sizeof(cases[0]);
	int bad = 0;

	printf("1..%zu\n", ncases + 2);
	for (k = 0; k < ncases; k++) {
		const struct tcase *t = &cases[k];
		struct zcg_run runs[64];
		struct zcg_verdict v;
		int n = fill(t, runs), ok;

		memset(&v, 0, sizeof(v));
		zcg_decide(runs, n, &v);
		ok = v.decision == t->want &&
		     zcg_decision_exit(v.decision) == t->want_exit &&
		     (!t->want_text ||
		      !strncmp(v.text, t->want_text, strlen(t->want_text)));
		printf("%sok %zu %s\n", ok ? "" : "not ", k + 1, t->name);
		if (!ok) {
			printf("# got %s (exit %d): %s\n",
			       zcg_decision_name(v.decision),
			       zcg_decision_exit(v.decision), v.text);
			bad = 1;
		}
	}
	{
		struct zcg_run runs[10];
		struct zcg_verdict v;
		int n = fill(&cases[0], runs);

		zcg_decide(runs, n, &v);
		/* syzbot's line for runs that disagree: counts, no titles. */
		printf("%sok %zu seed: runs line is '%s', runs differ\n",
		       !strcmp(v.runs_line, "runs: 9 crashed, 1 boot failed") &&
		       !v.all_same ? "" : "not ", ncases + 1, v.runs_line);
		bad |= !!strcmp(v.runs_line, "runs: 9 crashed, 1 boot failed") ||
		       v.all_same;
		n = fill(&cases[1], runs);
		zcg_decide(runs, n, &v);
		printf("%sok %zu 10 OK: runs line is '%s', all the same\n",
		       !strcmp(v.runs_line, "all runs: OK") && v.all_same ?
		       "" : "not ", ncases + 2, v.runs_line);
		bad |= !!strcmp(v.runs_line, "all runs: OK") || !v.all_same;
	}
	return bad;
}
