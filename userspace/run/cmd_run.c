// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard run: the main job. Loads plans (docs/plans.md), runs each row
 * in fresh VMs in this process, compares every decided verdict with the
 * row's expectation, prints one table and writes build/run/PLAN.json.
 */
#include <fnmatch.h>
#include <getopt.h>
#include <glob.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/args.h"
#include "lib/datadir.h"
#include "lib/file.h"
#include "lib/spawn.h"
#include "run/run.h"
#include "zcguard/cmd.h"

static volatile sig_atomic_t stop_sig;

static void on_signal(int sig)
{
	stop_sig = sig;
	zcg_kill_all();
}

static void usage(FILE *f)
{
	fputs(
"usage: zcguard run [OPTIONS] [PLAN...]\n"
"Runs every row of the plans (default: the project's plans/*.plan) in\n"
"fresh qemu VMs, decides each row's verdict from its runs and compares\n"
"it with the row's expectation. Prints one table; writes OUT/PLAN.json\n"
"and the logs of each row in OUT/PLAN/ROW/.\n"
"  -k GLOB        only rows whose ROW or PLAN/ROW matches (repeatable)\n"
"  -l, --list     list the rows and their expectations, run nothing\n"
"  --no-build     do not run make for a missing kernel or file\n"
"  --out DIR      results directory (default: build/run of the project)\n"
"Plan format: docs/plans.md. Exit: 0 every verdict as expected,\n"
"1 otherwise, 2 bad arguments or a bad plan (nothing run).\n", f);
}

#define bad(...) zcg_usage_err("zcguard run", __VA_ARGS__)

struct opts {
	const char *globs[16];
	int nglobs, list, no_build;
	const char *out;
};

static int selected(const struct opts *o, const struct plan_row *r)
{
	char full[PLAN_NAME * 2];
	int i;

	if (!o->nglobs)
		return 1;
	/* -l prints PLAN/ROW: either form selects. */
	snprintf(full, sizeof(full), "%s/%s", r->plan, r->name);
	for (i = 0; i < o->nglobs; i++)
		if (!fnmatch(o->globs[i], r->name, 0) ||
		    !fnmatch(o->globs[i], full, FNM_PATHNAME))
			return 1;
	return 0;
}

static int load_plans(struct plan *p, const char *top, char **files, int n)
{
	char err[1024], pattern[PATH_MAX];
	glob_t g;
	size_t i;
	int r = 0;

	if (n) {
		for (i = 0; i < (size_t)n && !r; i++)
			r = plan_load(p, files[i], err, sizeof(err));
	} else {
		snprintf(pattern, sizeof(pattern), "%s/plans/*.plan", top);
		if (glob(pattern, 0, NULL, &g) || !g.gl_pathc) {
			globfree(&g);
			return bad("no plans in %s/plans", top);
		}
		for (i = 0; i < g.gl_pathc && !r; i++)
			r = plan_load(p, g.gl_pathv[i], err, sizeof(err));
		globfree(&g);
	}
	if (!r)
		r = plan_check(p, err, sizeof(err));
	return r ? bad("%s", err) : 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "no-build", no_argument, NULL, 'B' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hlk:", lo, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 1;
		case 'l':
			o->list = 1;
			break;
		case 'B':
			o->no_build = 1;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'k':
			if (o->nglobs >= 16)
				return bad("at most 16 -k");
			o->globs[o->nglobs++] = optarg;
			break;
		case ':':
			return bad("option %s needs an argument", argv[optind - 1]);
		default:
			return bad("unknown option '%s' (see -h)", argv[optind - 1]);
		}
	}
	return 0;
}

static void list_rows(const struct plan *p, const struct opts *o)
{
	int i;

	for (i = 0; i < p->nrows; i++) {
		const struct plan_row *r = &p->rows[i];

		if (!selected(o, r))
			continue;
		printf("%s/%s: %s | %s | expect %s%s%s%s\n", r->plan, r->name,
		       r->k->name, r->what, r->expect_text,
		       r->not_ok ? " (not ok: " : "", r->not_ok ? r->not_ok : "",
		       r->not_ok ? ")" : "");
	}
}

static void set_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static int run_all(struct run_ctx *c, const struct plan *p,
		   const struct opts *o)
{
	struct row_result *res = calloc(p->nrows ? p->nrows : 1, sizeof(*res));
	char v[1024], err[512];
	long long t0 = zcg_now_ms();
	int i, n = 0, total = 0, unexpected = 0, ret = 0;

	if (!res)
		return 2;
	for (i = 0; i < p->nrows; i++)
		total += selected(o, &p->rows[i]);
	if (!total) {
		free(res);
		return bad("no row matches -k %s (see -l)", o->globs[0]);
	}
	for (i = 0; i < p->nrows && !stop_sig; i++) {
		const struct plan_row *r = &p->rows[i];
		struct row_result *rr = &res[n];

		if (!selected(o, r))
			continue;
		fprintf(stderr, "[%d/%d %.0fs] %s: %s ...\n", n + 1, total,
			(zcg_now_ms() - t0) / 1000.0, r->k->name, r->what);
		run_row(c, r, rr);
		n++;
		if (rr->status == ROW_INTERRUPTED)
			break;
		unexpected += rr->status != ROW_AS_EXPECTED;
		fprintf(stderr, "    %s%s (%.0fs)\n", row_verdict_text(rr, v, sizeof(v)),
			rr->status == ROW_AS_EXPECTED ? "" : "  <-- UNEXPECTED",
			rr->seconds);
	}
	run_table(res, n);
	for (i = 0; i < p->nplans; i++)
		if (run_json(c, p->names[i], res, n, err, sizeof(err)))
			fprintf(stderr, "zcguard run: %s\n", err);
	printf("\nlogs and JSON: %s (%.0f s)\n", c->out,
	       (zcg_now_ms() - t0) / 1000.0);
	if (stop_sig) {
		printf("run: interrupted after %d of %d rows\n", n, total);
		ret = 128 + stop_sig;
	} else if (unexpected) {
		printf("run: %d of %d verdicts not as expected\n", unexpected, n);
		ret = 1;
	} else {
		printf("run: every verdict as expected (%d rows)\n", n);
	}
	for (i = 0; i < n; i++)
		free((void *)res[i].sum.results);
	free(res);
	return ret;
}

int cmd_run(int argc, char **argv)
{
	struct run_ctx c = { .build = 1, .stop = &stop_sig };
	struct opts o = { 0 };
	struct plan p = { 0 };
	char err[256];
	int r;

	r = parse(argc, argv, &o);
	if (r)
		return r == 1 ? 0 : 2;
	c.top = zcg_datadir(err, sizeof(err));
	if (!c.top)
		return bad("%s", err);
	r = load_plans(&p, c.top, argv + optind, argc - optind);
	if (r) {
		plan_free(&p);
		return r;
	}
	if (o.list) {
		list_rows(&p, &o);
		plan_free(&p);
		return 0;
	}
	if (o.out)
		snprintf(c.out, sizeof(c.out), "%s", o.out);
	else
		snprintf(c.out, sizeof(c.out), "%s/build/run", c.top);
	if (zcg_mkdir_p(c.out) < 0 || access(c.out, W_OK) < 0) {
		plan_free(&p);
		return bad("cannot write to %s", c.out);
	}
	c.build = !o.no_build;
	set_signals();
	r = run_all(&c, &p, &o);
	zcg_kill_all();
	plan_free(&p);
	return r;
}
