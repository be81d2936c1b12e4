// SPDX-License-Identifier: GPL-2.0
/*
 * One row of a plan: its kernel and files (built when missing), a
 * `zcguard vm` session in this process, and the decided verdict held
 * against the row's expectation.
 */
#include <dirent.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/file.h"
#include "lib/spawn.h"
#include "run/run.h"
#include "vm/session.h"

#define MAX_FILES 96
#define KSFT_DIR "build/guest-ksft"
#define TAP_RUNNER "build/guest/zcg-tap-run"
#define KSFT_TIMEOUT 900

struct row_files {
	struct vm_file f[MAX_FILES];
	char src[MAX_FILES][PATH_MAX];
	int n;
	char ksft_names[4096];
};

static int add(struct row_files *rf, const char *top, const char *spec,
	       const char *guest_dir, char *err, size_t elen)
{
	const char *colon = strchr(spec, ':'), *base;
	size_t slen = colon ? (size_t)(colon - spec) : strlen(spec);
	char *src;

	if (rf->n >= MAX_FILES) {
		snprintf(err, elen, "more than %d files", MAX_FILES);
		return -1;
	}
	src = rf->src[rf->n];
	if (spec[0] == '/')
		snprintf(src, PATH_MAX, "%.*s", (int)slen, spec);
	else
		snprintf(src, PATH_MAX, "%s/%.*s", top, (int)slen, spec);
	base = strrchr(src, '/');
	base = base ? base + 1 : src;
	if (colon)
		snprintf(rf->f[rf->n].dst, PATH_MAX, "%s", colon + 1);
	else
		snprintf(rf->f[rf->n].dst, PATH_MAX, "%s/%s", guest_dir, base);
	rf->f[rf->n].src = src;
	rf->n++;
	return 0;
}

static int executable(const char *dir, const char *name)
{
	char p[PATH_MAX];
	struct stat st;

	if (snprintf(p, sizeof(p), "%s/%s", dir, name) >= (int)sizeof(p))
		return 0;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111);
}

/* ksft = all | NAME...: the static selftest builds and the TAP runner. */
static int add_ksft(struct row_files *rf, const struct run_ctx *c,
		    const struct plan_row *r, char *err, size_t elen)
{
	char dir[PATH_MAX], spec[PATH_MAX + 64], *copy, *save = NULL, *w;
	struct dirent **ents;
	size_t used = 0;
	int i, n;

	snprintf(dir, sizeof(dir), "%s/%s", c->top, KSFT_DIR);
	if (add(rf, c->top, TAP_RUNNER, "/bin", err, elen))
		return -1;
	if (strcmp(r->ksft, "all")) {
		copy = strdup(r->ksft);
		for (w = strtok_r(copy, " \t", &save); w;
		     w = strtok_r(NULL, " \t", &save)) {
			snprintf(spec, sizeof(spec), "%s/%s", KSFT_DIR, w);
			if (add(rf, c->top, spec, "/bin", err, elen))
				break;
			used += snprintf(rf->ksft_names + used,
					 sizeof(rf->ksft_names) - used, " %s", w);
		}
		free(copy);
		return 0;
	}
	n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0) {
		snprintf(err, elen, "no %.400s (make guest-ksft)", dir);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;

		if (name[0] != '.' && !strchr(name, '.') && executable(dir, name) &&
		    used < sizeof(rf->ksft_names)) {
			snprintf(spec, sizeof(spec), "%s/%s", KSFT_DIR, name);
			add(rf, c->top, spec, "/bin", err, elen);
			used += snprintf(rf->ksft_names + used,
					 sizeof(rf->ksft_names) - used, " %s", name);
		}
		free(ents[i]);
	}
	free(ents);
	if (!used) {
		snprintf(err, elen, "no selftest programs in %.400s (make guest-ksft)", dir);
		return -1;
	}
	return 0;
}

static int collect(struct row_files *rf, const struct run_ctx *c,
		   const struct plan_row *r, char *err, size_t elen)
{
	char spec[PATH_MAX * 2];
	int i;

	rf->n = 0;
	rf->ksft_names[0] = '\0';
	for (i = 0; i < r->nfiles; i++)
		if (add(rf, c->top, r->files[i], "/bin", err, elen))
			return -1;
	for (i = 0; i < r->nmodules; i++) {
		snprintf(spec, sizeof(spec), "%s/%s", r->k->moddir, r->modules[i]);
		if (add(rf, c->top, spec, "", err, elen))
			return -1;
	}
	if (r->ksft && add_ksft(rf, c, r, err, elen))
		return -1;
	for (i = 0; i < rf->n; i++)
		if (zcg_regular_file(rf->f[i].src, err, elen))
			return -1;
	return 0;
}

/* Is every name of want in have and the other way round? */
static int same_names(const char *want, const char *have, char *why,
		      size_t wlen)
{
	char *a = strdup(want), *save = NULL, *w, pad[ZCG_TAP_NAMES + 2];
	size_t nwant = 0, nhave = 0;
	const char *p;
	int ok = 1;

	snprintf(pad, sizeof(pad), " %s ", have);
	for (w = strtok_r(a, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		char key[256];

		nwant++;
		snprintf(key, sizeof(key), " %s ", w);
		if (!strstr(pad, key)) {
			snprintf(why, wlen, "%s did not fail", w);
			ok = 0;
		}
	}
	free(a);
	for (p = have; *p; ) {
		p += strspn(p, " ");
		if (*p)
			nhave++;
		p += strcspn(p, " ");
	}
	if (ok && nhave != nwant) {
		snprintf(why, wlen, "failed: %s; expected only: %s", have, want);
		ok = 0;
	}
	return ok;
}

/* The not-ok names of every run, each once. */
static void failed_union(const struct vm_summary *s, char *buf, size_t len)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < s->n; i++) {
		char *copy = strdup(s->results[i].tap.failed_names), *save = NULL, *w;

		for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			char key[256], pad[ZCG_TAP_NAMES * 4];

			snprintf(pad, sizeof(pad), " %s ", buf);
			snprintf(key, sizeof(key), " %s ", w);
			if (!strstr(pad, key) && used < len)
				used += snprintf(buf + used, len - used, "%s%s",
						 used ? " " : "", w);
		}
		free(copy);
	}
}

static int as_expected(const struct plan_row *r, const struct vm_summary *s,
		       char *why, size_t wlen)
{
	const struct zcg_verdict *v = &s->v;
	char failed[ZCG_TAP_NAMES * 2];

	switch (r->expect) {
	case EXPECT_OK:
		if (v->decision == ZCG_GOOD)
			return 1;
		break;
	case EXPECT_FAILED:
		if (v->decision != ZCG_BAD || v->kind != ZCG_FAILED)
			break;
		if (!r->not_ok)
			return 1;
		failed_union(s, failed, sizeof(failed));
		return same_names(r->not_ok, failed, why, wlen);
	case EXPECT_CRASHED:
		if (v->decision != ZCG_BAD || v->kind != ZCG_CRASHED)
			break;
		if (!r->expect_glob || !fnmatch(r->expect_glob, v->title, 0))
			return 1;
		break;
	}
	snprintf(why, wlen, "wanted %s", r->expect_text);
	return 0;
}

static void fill_opts(struct vm_opts *o, const struct plan_row *r,
		      struct row_files *rf, const char *image, const char *logs,
		      char **cmd, char *runcmd, size_t rlen)
{
	vm_opts_defaults(o);
	snprintf(o->kernel, sizeof(o->kernel), "%s", image);
	o->files = rf->f;
	o->nfiles = rf->n;
	o->runs = r->runs;
	o->parallel = r->parallel;
	if (r->timeout)
		o->timeout = r->timeout;
	if (r->memory)
		o->memory_mb = r->memory;
	o->icount = r->icount;
	o->append = r->k->cmdline;
	o->keep_logs = logs;
	if (r->run)
		snprintf(runcmd, rlen, "%s", r->run);
	else
		snprintf(runcmd, rlen, "zcg-tap-run -t %d%s", KSFT_TIMEOUT,
			 rf->ksft_names);
	cmd[0] = "/bin/sh";
	cmd[1] = "-c";
	cmd[2] = runcmd;
	cmd[3] = NULL;
	o->cmd = cmd;
}

void run_row(const struct run_ctx *c, const struct plan_row *r,
	     struct row_result *res)
{
	static struct row_files rf;	/* big; only needed during the run */
	struct vm_opts *o = &res->opts;
	struct vm_session ses = { .o = o, .stop = c->stop, .quiet = 1 };
	long long t0 = zcg_now_ms();
	char err[512];
	int ret;

	memset(res, 0, sizeof(*res));
	res->row = r;
	if (snprintf(res->logs, sizeof(res->logs), "%s/%s/%s", c->out, r->plan,
		     r->name) >= (int)sizeof(res->logs)) {
		res->status = ROW_UNEXPECTED;
		snprintf(res->why, sizeof(res->why), "log path too long");
		return;
	}
	if (run_kernel_image(c, r->k, res->kernel, sizeof(res->kernel)) < 0) {
		if (!c->build || !r->k->make ||
		    run_make(c, r->k->make, err, sizeof(err)) ||
		    run_kernel_image(c, r->k, res->kernel, sizeof(res->kernel)) < 0) {
			res->status = ROW_NOT_BUILT;
			snprintf(res->why, sizeof(res->why), "no kernel %s%s%s",
				 r->k->image, r->k->make ? "; make " : "",
				 r->k->make ? r->k->make : "");
			return;
		}
	}
	if (collect(&rf, c, r, err, sizeof(err)) < 0) {
		char first[512];

		snprintf(first, sizeof(first), "%s", err);
		if (!c->build || !r->make || run_make(c, r->make, err, sizeof(err)) ||
		    collect(&rf, c, r, err, sizeof(err)) < 0) {
			res->status = ROW_NOT_BUILT;
			snprintf(res->why, sizeof(res->why), "%s", first);
			return;
		}
	}
	zcg_rm_rf(res->logs);
	zcg_mkdir_p(res->logs);
	fill_opts(o, r, &rf, res->kernel, res->logs, res->cmd, res->runcmd,
		  sizeof(res->runcmd));
	if (vm_opts_check(o, err, sizeof(err)) < 0) {
		res->status = ROW_UNEXPECTED;
		snprintf(res->why, sizeof(res->why), "%s", err);
		return;
	}
	ret = vm_session_run(&ses, &res->sum, err, sizeof(err));
	/* rf is the next row's: the summary never reads the files. */
	o->files = NULL;
	o->nfiles = 0;
	res->seconds = (zcg_now_ms() - t0) / 1000.0;
	if (ret == -2) {
		res->status = ROW_INTERRUPTED;
		snprintf(res->why, sizeof(res->why), "interrupted");
		return;
	}
	if (ret < 0) {
		res->status = ROW_UNEXPECTED;
		snprintf(res->why, sizeof(res->why), "%s", err);
		return;
	}
	res->have_sum = 1;
	res->status = as_expected(r, &res->sum, res->why, sizeof(res->why)) ?
		      ROW_AS_EXPECTED : ROW_UNEXPECTED;
}

const char *row_verdict_text(const struct row_result *res, char *buf,
			     size_t len)
{
	if (res->status == ROW_NOT_BUILT)
		snprintf(buf, len, "not built: %s", res->why);
	else if (!res->have_sum)
		snprintf(buf, len, "%s", res->why);
	else
		snprintf(buf, len, "%s", res->sum.v.text);
	return buf;
}
