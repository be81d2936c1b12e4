// SPDX-License-Identifier: GPL-2.0
/* The main job's answer: one table on the terminal, JSON per plan. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "run/run.h"
#include "verdict/json.h"

static const char *status_name[] = {
	[ROW_AS_EXPECTED] = "as expected",
	[ROW_UNEXPECTED] = "UNEXPECTED",
	[ROW_NOT_BUILT] = "not built",
	[ROW_INTERRUPTED] = "interrupted",
};

static const char *label(const struct row_result *r)
{
	return r->row->k->label ? r->row->k->label : r->row->k->name;
}

/* "; 1.23 1.31 s after /init" for crashes: how fast the bug bites. */
static void crash_times(const struct row_result *r, char *buf, size_t len)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	if (!r->have_sum || r->sum.v.decision != ZCG_BAD ||
	    r->sum.v.kind != ZCG_CRASHED)
		return;
	for (i = 0; i < r->sum.n && used < len; i++)
		if (r->sum.results[i].crash_seconds >= 0)
			used += snprintf(buf + used, len - used, "%s%.2f",
					 used ? " " : "; s after /init: ",
					 r->sum.results[i].crash_seconds);
}

void run_table(const struct row_result *res, int n)
{
	char v[1024], t[256];
	int i, kw = 6, ww = 8;

	for (i = 0; i < n; i++) {
		int a = strlen(label(&res[i])), b = strlen(res[i].row->what);

		kw = a > kw ? a : kw;
		ww = b > ww ? b : ww;
	}
	printf("\n%-*s | %-*s | verdict\n", kw, "kernel", ww, "what ran");
	for (i = 0; i < kw + ww + 16; i++)
		putchar('-');
	putchar('\n');
	for (i = 0; i < n; i++) {
		const struct row_result *r = &res[i];

		row_verdict_text(r, v, sizeof(v));
		crash_times(r, t, sizeof(t));
		printf("%-*s | %-*s | %s", kw, label(r), ww, r->row->what, v);
		if (r->status == ROW_AS_EXPECTED)
			printf(" (expected)%s\n", t);
		else if (r->status == ROW_UNEXPECTED)
			printf("  <-- UNEXPECTED: %s\n", r->why);
		else
			putchar('\n');
	}
}

static void row_put(struct zcg_json *j, const struct row_result *r)
{
	const struct plan_row *row = r->row;
	char v[1024];

	zcg_json_obj(j, NULL);
	zcg_json_kstr(j, "row", row->name);
	zcg_json_kstr(j, "kernel", row->k->name);
	zcg_json_kstr(j, "label", label(r));
	zcg_json_kstr(j, "image", r->kernel[0] ? r->kernel : NULL);
	zcg_json_kstr(j, "what", row->what);
	zcg_json_kstr(j, "expect", row->expect_text);
	zcg_json_kstr(j, "expect_not_ok", row->not_ok);
	zcg_json_kstr(j, "why", row->why);
	zcg_json_kstr(j, "status", status_name[r->status]);
	zcg_json_kbool(j, "as_expected", r->status == ROW_AS_EXPECTED);
	zcg_json_kstr(j, "verdict", row_verdict_text(r, v, sizeof(v)));
	zcg_json_kstr(j, "reason", r->why[0] ? r->why : NULL);
	zcg_json_kstr(j, "logs", r->have_sum ? r->logs : NULL);
	zcg_json_knum(j, "seconds", r->seconds, 1);
	if (r->have_sum)
		vm_summary_put(j, "vm", &r->sum);
	zcg_json_end(j);
}

int run_json(const struct run_ctx *c, const char *plan,
	     const struct row_result *res, int n, char *err, size_t elen)
{
	char path[PATH_MAX + 80], tmp[PATH_MAX + 90];
	struct zcg_json j;
	int i, ok = 0, rows = 0;
	FILE *f;

	/* A plan none of whose rows ran keeps the results it has. */
	for (i = 0; i < n && strcmp(res[i].row->plan, plan); i++)
		;
	if (i == n)
		return 0;
	snprintf(path, sizeof(path), "%s/%s.json", c->out, plan);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "we");
	if (!f) {
		snprintf(err, elen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	zcg_json_start(&j, f);
	zcg_json_obj(&j, NULL);
	zcg_json_kstr(&j, "plan", plan);
	zcg_json_arr(&j, "rows");
	for (i = 0; i < n; i++) {
		if (strcmp(res[i].row->plan, plan))
			continue;
		rows++;
		ok += res[i].status == ROW_AS_EXPECTED;
		row_put(&j, &res[i]);
	}
	zcg_json_end(&j);
	zcg_json_kint(&j, "rows_run", rows);
	zcg_json_kint(&j, "as_expected", ok);
	zcg_json_end(&j);
	if (fclose(f) || rename(tmp, path)) {
		snprintf(err, elen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
