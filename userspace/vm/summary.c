// SPDX-License-Identifier: GPL-2.0
/* The end of a `zcguard vm`: its runs and their decision, as data. */
#include <string.h>

#include "verdict/json.h"
#include "vm/qemu.h"
#include "vm/summary.h"

void vm_summary_tests(const struct vm_summary *s, struct tap_counts *t)
{
	int i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < s->n; i++) {
		t->ok += s->results[i].tap.ok;
		t->not_ok += s->results[i].tap.not_ok;
		t->skipped += s->results[i].tap.skipped;
	}
}

static void str_array(struct zcg_json *j, const char *key,
		      const char *const *v, int n)
{
	int i;

	zcg_json_arr(j, key);
	zcg_json_inline(j);
	for (i = 0; (n < 0 ? v && v[i] != NULL : i < n); i++)
		zcg_json_kstr(j, NULL, v[i]);
	zcg_json_end(j);
}

static void log_path(struct zcg_json *j, const char *key,
		     const struct vm_summary *s, int run, const char *ext)
{
	char path[4200];

	if (!s->logdir) {
		zcg_json_knull(j, key);
		return;
	}
	snprintf(path, sizeof(path), "%s/run-%d.%s", s->logdir, run, ext);
	zcg_json_kstr(j, key, path);
}

void vm_summary_put(struct zcg_json *j, const char *key,
		    const struct vm_summary *s)
{
	const struct vm_opts *o = s->o;
	struct tap_counts t;
	int i;

	zcg_json_obj(j, key);
	zcg_json_kstr(j, "kernel", o->kernel);
	zcg_json_kstr(j, "release", o->release);
	zcg_json_kstr(j, "accel", s->accel);
	zcg_json_kbool(j, "icount", o->icount);
	zcg_json_kstr(j, "cmdline", vm_cmdline(o));
	str_array(j, "command", (const char *const *)o->cmd, -1);
	str_array(j, "modules", o->modules, o->nmodules);
	zcg_json_kint(j, "runs", s->n);
	zcg_json_kint(j, "parallel", o->parallel);
	zcg_json_obj(j, "timeouts");
	zcg_json_inline(j);
	zcg_json_kint(j, "total", o->timeout);
	zcg_json_kint(j, "boot", o->boot_timeout);
	zcg_json_kint(j, "idle", o->idle_timeout);
	zcg_json_end(j);
	zcg_json_arr(j, "results");
	for (i = 0; i < s->n; i++) {
		const struct zcg_run *r = &s->results[i];

		zcg_json_obj(j, NULL);
		zcg_json_kint(j, "run", r->run);
		zcg_run_put(j, "result", r);
		log_path(j, "console", s, r->run, "console");
		log_path(j, "output", s, r->run, "output");
		zcg_json_end(j);
	}
	zcg_json_end(j);
	zcg_json_kstr(j, "summary", s->v.runs_line);
	zcg_verdict_put(j, "verdict", &s->v);
	vm_summary_tests(s, &t);
	zcg_tap_put(j, "tests", &t);
	zcg_json_knum(j, "seconds", s->seconds, 2);
	zcg_json_kint(j, "exit", zcg_decision_exit(s->v.decision));
	zcg_json_end(j);
}

int vm_summary_json(const struct vm_summary *s, const char *path)
{
	struct zcg_json j;
	FILE *f = fopen(path, "we");

	if (!f)
		return -1;
	zcg_json_start(&j, f);
	vm_summary_put(&j, NULL, s);
	return fclose(f) ? -1 : 0;
}
