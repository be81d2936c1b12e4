// SPDX-License-Identifier: GPL-2.0
/* The end of a `zcguard vm`: summary line, exit code, JSON. */
#include <string.h>

#include "lib/json.h"
#include "vm/qemu.h"
#include "vm/summary.h"

void vm_summary_line(const struct vm_summary *s, char *buf, size_t len)
{
	static const enum vm_kind kinds[] = {
		VM_OK, VM_CRASHED, VM_FAILED, VM_BOOT_FAILED, VM_TIMED_OUT,
	};
	char first[320], v[320];
	size_t k, used;
	int i, same = 1;

	vm_verdict_str(&s->results[0], first, sizeof(first));
	for (i = 1; i < s->n && same; i++) {
		vm_verdict_str(&s->results[i], v, sizeof(v));
		same = !strcmp(v, first);
	}
	if (same) {
		snprintf(buf, len, "all runs: %s", first);
		return;
	}
	used = snprintf(buf, len, "runs:");
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		int count = 0;

		for (i = 0; i < s->n; i++)
			count += s->results[i].kind == kinds[k];
		if (count && used < len)
			used += snprintf(buf + used, len - used, "%s %d %s",
					 used > 5 ? "," : "", count,
					 vm_kind_name(kinds[k]));
	}
}

int vm_summary_exit(const struct vm_summary *s)
{
	int i, bad = 0, untested = 0;

	for (i = 0; i < s->n; i++) {
		switch (s->results[i].kind) {
		case VM_OK:
			break;
		case VM_CRASHED:
		case VM_FAILED:
			bad = 1;
			break;
		default:
			untested = 1;
		}
	}
	/* One real crash is an answer even if other runs could not test. */
	return bad ? 1 : untested ? 125 : 0;
}

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

static void str_array(FILE *f, const char *const *v, int n)
{
	int i;

	fputc('[', f);
	for (i = 0; (n < 0 ? v && v[i] != NULL : i < n); i++) {
		if (i)
			fputs(", ", f);
		zcg_json_str(f, v[i]);
	}
	fputc(']', f);
}

static void tests_obj(FILE *f, const struct tap_counts *t)
{
	fprintf(f, "{\"ok\": %d, \"not_ok\": %d, \"skipped\": %d}",
		t->ok, t->not_ok, t->skipped);
}

static void log_path(FILE *f, const struct vm_summary *s, int run,
		     const char *ext)
{
	char path[4200];

	if (!s->logdir) {
		fputs("null", f);
		return;
	}
	snprintf(path, sizeof(path), "%s/run-%d.%s", s->logdir, run, ext);
	zcg_json_str(f, path);
}

int vm_summary_json(const struct vm_summary *s, const char *path)
{
	const struct vm_opts *o = s->o;
	struct tap_counts t;
	char line[400];
	FILE *f;
	int i;

	f = fopen(path, "we");
	if (!f)
		return -1;
	fputs("{\n  \"kernel\": ", f);
	zcg_json_str(f, o->kernel);
	fputs(",\n  \"release\": ", f);
	zcg_json_str(f, o->release);
	fputs(",\n  \"accel\": ", f);
	zcg_json_str(f, s->accel);
	fputs(",\n  \"cmdline\": ", f);
	zcg_json_str(f, vm_cmdline(o));
	fputs(",\n  \"command\": ", f);
	str_array(f, (const char *const *)o->cmd, -1);
	fputs(",\n  \"modules\": ", f);
	str_array(f, o->modules, o->nmodules);
	fprintf(f, ",\n  \"runs\": %d,\n  \"parallel\": %d,\n", s->n,
		o->parallel);
	fprintf(f, "  \"timeouts\": {\"total\": %d, \"boot\": %d, \"idle\": %d},\n",
		o->timeout, o->boot_timeout, o->idle_timeout);
	fputs("  \"results\": [", f);
	for (i = 0; i < s->n; i++) {
		const struct vm_result *r = &s->results[i];

		vm_verdict_str(r, line, sizeof(line));
		fprintf(f, "%s\n    {\"run\": %d, \"verdict\": ", i ? "," : "",
			r->run);
		zcg_json_str(f, line);
		fputs(", \"kind\": ", f);
		zcg_json_str(f, vm_kind_name(r->kind));
		fputs(", \"detail\": ", f);
		zcg_json_str(f, r->detail);
		fprintf(f, ", \"exit_status\": %d, \"booted\": %s, \"corrupted\": %s",
			r->exit_status, r->booted ? "true" : "false",
			r->corrupted ? "true" : "false");
		fprintf(f, ", \"seconds\": %.2f, \"boot_seconds\": %.2f, \"tests\": ",
			r->seconds, r->boot_seconds);
		tests_obj(f, &r->tap);
		fputs(", \"console\": ", f);
		log_path(f, s, r->run, "console");
		fputs(", \"output\": ", f);
		log_path(f, s, r->run, "output");
		fputc('}', f);
	}
	vm_summary_line(s, line, sizeof(line));
	fputs("\n  ],\n  \"summary\": ", f);
	zcg_json_str(f, line);
	vm_summary_tests(s, &t);
	fputs(",\n  \"tests\": ", f);
	tests_obj(f, &t);
	fprintf(f, ",\n  \"seconds\": %.2f,\n  \"exit\": %d\n}\n", s->seconds,
		vm_summary_exit(s));
	return fclose(f) ? -1 : 0;
}
