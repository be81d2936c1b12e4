// SPDX-License-Identifier: GPL-2.0
/*
 * The bisection itself, syzkaller's way: first prove the endpoints (the
 * bad commit crashes, the good one does not; otherwise stop with a clear
 * error rather than name a wrong culprit), then let `git bisect` pick
 * commits and feed it each verdict, then report the first bad commit (or,
 * when skipped commits hide it, every candidate), its signature and its
 * parent's, the times, the people to cc and the crash.
 *
 * Cause bisection uses git's good/bad. --fix uses the terms broken (it
 * crashes, the old state) and fixed (the new state), so git itself names
 * "the first fixed commit".
 */
#include <stdlib.h>
#include <string.h>

#include "bisect/bisect.h"
#include "lib/spawn.h"

static int interrupted(struct bisect *b)
{
	zcg_kill_all();
	if (git_bisecting(b))
		git_bisect_save_log(b);
	state_save(b);
	git_bisect_reset(b);
	blog(b, "interrupted: HEAD restored, 'zcguard bisect --repo %s%s%s --resume' continues",
	     b->repo, b->o.workdir ? " --workdir " : "",
	     b->o.workdir ? b->work : "");
	return 130;
}

/* Ends the bisection without a result: the user's tree goes back as it was. */
static int give_up(struct bisect *b, int code)
{
	git_bisect_reset(b);
	state_clear(b, 0);
	return code;
}

static const char *term_of(const struct bisect *b, enum outcome o)
{
	if (o == OUT_CRASH)
		return b->term_new[0] == 'b' ? "bad" : "broken";
	if (o == OUT_OK)
		return b->term_new[0] == 'b' ? "good" : "fixed";
	return "skip";
}

/* Tests one endpoint. 0 it holds, 1 it does not (logged), -2 interrupted. */
static int verify_one(struct bisect *b, const char *sha, int must_crash,
		      const char *name)
{
	struct verdict v;
	int r;

	if (git_checkout(b->repo, sha)) {
		blog(b, "cannot check out the %s commit %s", name, sha);
		return 1;
	}
	r = test_commit(b, sha, &v);
	if (r)
		return r == -2 ? -2 : 1;
	state_save(b);
	if (v.outcome == OUT_SKIP) {
		blog(b, "could not test the %s commit %s: %s", name, sha,
		     v.title);
		return 1;
	}
	if (must_crash && v.outcome != OUT_CRASH) {
		blog(b, "the %s commit %s does not crash: nothing to bisect",
		     name, sha);
		return 1;
	}
	if (!must_crash && v.outcome == OUT_CRASH) {
		blog(b, "the %s commit %s crashes (%s): nothing to bisect",
		     name, sha, v.title);
		return 1;
	}
	return 0;
}

/* The commit that crashes / does not, under git's terms for this run. */
static const char *rev_new(const struct bisect *b)
{
	return b->o.fix ? b->good : b->bad;
}

static const char *rev_old(const struct bisect *b)
{
	return b->o.fix ? b->bad : b->good;
}

static void sig_line(struct bisect *b, const char *label, const char *sha)
{
	struct verdict v;

	if (sha && verdict_lookup_commit(b, sha, &v) == 0 && v.sig[0])
		blog(b, "%s signature: %s", label, v.sig);
	else
		blog(b, "%s signature: (not tested)", label);
}

static void times_line(struct bisect *b)
{
	char total[32], build[32], test[32];

	fmt_duration(b->total_ms + zcg_now_ms() - b->started_ms, total,
		     sizeof(total));
	fmt_duration(b->build_ms, build, sizeof(build));
	fmt_duration(b->test_ms, test, sizeof(test));
	blog(b, "revisions tested: %d, total time: %s (build: %s, test: %s)",
	     b->tested, total, build, test);
}

static int report_culprit(struct bisect *b, const char *culprit)
{
	char parent[SHA_LEN + 1], spec[SHA_LEN + 4], *subject, *cc;
	int has_parent;
	struct verdict v;

	snprintf(spec, sizeof(spec), "%s^", culprit);
	has_parent = git_rev(b->repo, spec, parent) == 0;
	sig_line(b, "culprit", culprit);
	sig_line(b, "parent ", has_parent ? parent : NULL);
	times_line(b);
	subject = git_subject(b->repo, culprit);
	cc = git_cc(b->repo, culprit);
	blog(b, "first %s commit: %s %s", b->term_new, culprit, subject);
	blog(b, "cc: %s", cc ? cc : "[]");
	free(subject);
	free(cc);
	/* The crash: the culprit's own, or for a fix the last one before it. */
	if (!b->o.fix && verdict_lookup_commit(b, culprit, &v) == 0 &&
	    v.outcome == OUT_CRASH)
		print_crash_report(b, &v);
	else if (b->o.fix && has_parent &&
		 verdict_lookup_commit(b, parent, &v) == 0 &&
		 v.outcome == OUT_CRASH)
		print_crash_report(b, &v);
	else if (verdict_lookup_commit(b, b->bad, &v) == 0 &&
		 v.outcome == OUT_CRASH)
		print_crash_report(b, &v);
	return 0;
}

/* Candidates with their subjects, from git's own bisect log. */
static void report_range(struct bisect *b)
{
	const char *tag = "# possible first ";
	char *log = NULL, *line, *end, *p, *cand[64];
	int n = 0, prev_tag = 0, i;
	size_t len;

	blog(b, "the result depends on skipped commits: no single culprit, the first %s commit is one of:",
	     b->term_new);
	if (git_out(b->repo, &log, "bisect", "log", NULL) || !log)
		goto out;
	/* Only the last group of "# possible first ..." lines counts. */
	len = strlen(log);
	for (line = log; line < log + len; line = end + 1) {
		int is_tag;

		end = line + strcspn(line, "\n");
		*end = '\0';
		is_tag = !strncmp(line, tag, strlen(tag));
		if (is_tag && !prev_tag)
			n = 0;
		prev_tag = is_tag;
		/* "...: [SHA] subject" */
		p = strstr(line, ": [");
		if (is_tag && p && strlen(p + 3) > SHA_LEN &&
		    p[3 + SHA_LEN] == ']' && n < 64)
			cand[n++] = p + 3;
	}
	for (i = 0; i < n; i++)
		blog(b, "  %.*s%s", SHA_LEN, cand[i], cand[i] + SHA_LEN + 1);
out:
	free(log);
	times_line(b);
}

static enum bstep start_bisect(struct bisect *b, char *next)
{
	if (b->o.fix) {
		blog(b, "# git bisect start --term-new=fixed --term-old=broken %s %s",
		     rev_new(b), rev_old(b));
		return git_bisect(b, next, "start", "--term-new=fixed",
				  "--term-old=broken", rev_new(b), rev_old(b),
				  NULL);
	}
	blog(b, "# git bisect start %s %s", rev_new(b), rev_old(b));
	return git_bisect(b, next, "start", rev_new(b), rev_old(b), NULL);
}

int bisect_main(struct bisect *b)
{
	char next[SHA_LEN + 1], path[PATH_MAX];
	enum bstep step;
	struct verdict v;
	int r;

	b->term_new = b->o.fix ? "fixed" : "bad";
	b->term_old = b->o.fix ? "broken" : "good";
	if (b->o.resume) {
		blog(b, "resuming the %s bisection (%d revisions tested so far)",
		     b->o.fix ? "fix" : "cause", b->tested);
	} else {
		state_clear(b, 1);
		b->phase = PHASE_VERIFY;
		blog(b, b->o.fix ? "bisecting fixing commit since %s" :
		     "bisecting cause commit starting from %s", b->bad);
	}
	state_mkdirs(b);
	if (state_save(b)) {
		fprintf(stderr, "zcguard bisect: cannot write state in %s\n",
			b->work);
		return 1;
	}

	if (b->phase == PHASE_VERIFY) {
		/* A session first, so `git bisect reset` undoes the checkouts. */
		if (!git_bisecting(b) &&
		    git_out(b->repo, NULL, "bisect", "start",
			    b->o.fix ? "--term-new=fixed" : "--term-new=bad",
			    b->o.fix ? "--term-old=broken" : "--term-old=good",
			    NULL)) {
			blog(b, "git bisect start failed");
			return give_up(b, 1);
		}
		r = verify_one(b, b->bad, 1, "bad");
		if (!r)
			r = verify_one(b, b->good, 0, "good");
		if (bisect_stop || r == -2)
			return interrupted(b);
		if (r)
			return give_up(b, 1);
		b->phase = PHASE_BISECT;
		step = start_bisect(b, next);
	} else {
		if (git_bisecting(b))
			git_bisect_save_log(b);
		work_path(b, path, sizeof(path), "git-bisect.log");
		blog(b, "# git bisect replay %s", path);
		step = git_bisect(b, next, "replay", path, NULL);
	}

	while (step == BSTEP_NEXT) {
		git_bisect_save_log(b);
		state_save(b);
		if (bisect_stop)
			return interrupted(b);
		r = test_commit(b, next, &v);
		if (r == -2 || bisect_stop)
			return interrupted(b);
		if (r)
			return give_up(b, 1);
		blog(b, "# git bisect %s %s", term_of(b, v.outcome), next);
		step = git_bisect(b, next, term_of(b, v.outcome), next, NULL);
	}

	switch (step) {
	case BSTEP_DONE:
		report_culprit(b, next);
		return give_up(b, 0);
	case BSTEP_RANGE:
		report_range(b);
		return give_up(b, 3);
	default:
		return give_up(b, 1);
	}
}
