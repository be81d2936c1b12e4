// SPDX-License-Identifier: GPL-2.0
/* Runs and verdicts as JSON: the one form every command writes. */
#include "verdict/json.h"

void zcg_tap_put(struct zcg_json *j, const char *key,
		 const struct tap_counts *t)
{
	zcg_json_obj(j, key);
	zcg_json_inline(j);
	zcg_json_kint(j, "ok", t->ok);
	zcg_json_kint(j, "not_ok", t->not_ok);
	zcg_json_kint(j, "skipped", t->skipped);
	zcg_json_kstr(j, "failed_names", t->failed_names);
	zcg_json_end(j);
}

void zcg_run_put(struct zcg_json *j, const char *key, const struct zcg_run *r)
{
	char line[320];

	zcg_run_str(r, line, sizeof(line));
	zcg_json_obj(j, key);
	zcg_json_inline(j);
	zcg_json_kint(j, "run", r->run);
	zcg_json_kstr(j, "verdict", line);
	zcg_json_kstr(j, "kind", zcg_kind_name(r->kind));
	zcg_json_kstr(j, "detail", r->detail);
	zcg_json_kint(j, "exit_status", r->exit_status);
	zcg_json_kbool(j, "booted", r->booted);
	zcg_json_kbool(j, "corrupted", r->corrupted);
	zcg_json_knum(j, "seconds", r->seconds, 2);
	zcg_json_knum(j, "boot_seconds", r->boot_seconds, 2);
	if (r->crash_seconds >= 0)
		zcg_json_knum(j, "crash_seconds", r->crash_seconds, 2);
	else
		zcg_json_knull(j, "crash_seconds");
	zcg_tap_put(j, "tests", &r->tap);
	zcg_json_end(j);
}

void zcg_verdict_put(struct zcg_json *j, const char *key,
		     const struct zcg_verdict *v)
{
	zcg_json_obj(j, key);
	zcg_json_kstr(j, "decision", zcg_decision_name(v->decision));
	zcg_json_kstr(j, "text", v->text);
	zcg_json_kstr(j, "runs_line", v->runs_line);
	if (v->decision == ZCG_BAD) {
		zcg_json_kstr(j, "kind", zcg_kind_name(v->kind));
		zcg_json_kstr(j, "title", v->title);
	}
	zcg_json_kint(j, "exit", zcg_decision_exit(v->decision));
	zcg_json_obj(j, "counts");
	zcg_json_inline(j);
	zcg_json_kint(j, "total", v->total);
	zcg_json_kint(j, "ok", v->ok);
	zcg_json_kint(j, "crashed", v->crashed);
	zcg_json_kint(j, "failed", v->failed);
	zcg_json_kint(j, "infra", v->infra);
	zcg_json_kint(j, "want_bad", v->want_bad);
	zcg_json_end(j);
	zcg_json_end(j);
}
