// SPDX-License-Identifier: GPL-2.0
/* The JSON documents of zcguard bench, all through lib/json's writer. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "bench/opts.h"
#include "lib/json.h"

int bench_json_create(const char *path, struct zcg_json *j)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;

	if (!f) {
		fprintf(stderr, "zcguard bench: %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	zcg_json_start(j, f);
	zcg_json_obj(j, NULL);
	return 0;
}

int bench_json_open(const struct bench_opts *o, const char *kind,
		    struct zcg_json *j)
{
	struct utsname u;

	if (bench_json_create(o->json, j))
		return -1;
	uname(&u);
	zcg_json_kstr(j, "tool", "zcguard bench");
	zcg_json_kstr(j, "kind", kind);
	zcg_json_kstr(j, "kernel", u.release);
	zcg_json_kint(j, "lo_mtu", bench_lo_mtu());
	return 0;
}

int bench_json_close(struct zcg_json *j)
{
	FILE *f = j->f;

	zcg_json_end(j);
	return f == stdout ? fflush(f) : fclose(f);
}

/* One line per statistic: five numbers are read at a glance. */
void bench_json_stat(struct zcg_json *j, const char *name,
		     const struct bench_stat *st)
{
	zcg_json_obj(j, name);
	zcg_json_inline(j);
	zcg_json_knum(j, "median", st->med, 4);
	zcg_json_knum(j, "min", st->min, 4);
	zcg_json_knum(j, "max", st->max, 4);
	zcg_json_knum(j, "q1", st->q1, 4);
	zcg_json_knum(j, "q3", st->q3, 4);
	zcg_json_end(j);
}

void bench_json_results(struct zcg_json *j, const struct bench_result *r,
			int n)
{
	int i;

	zcg_json_arr(j, "results");
	for (i = 0; i < n; i++) {
		zcg_json_obj(j, NULL);
		zcg_json_kstr(j, "sender", bench_tx_names[r[i].c.tx]);
		zcg_json_kstr(j, "receiver", bench_rx_names[r[i].c.rx]);
		zcg_json_kint(j, "chunk", r[i].c.chunk);
		zcg_json_knum(j, "duration_s", r[i].c.duration, 3);
		zcg_json_kint(j, "reps", r[i].nsamples);
		bench_json_stat(j, "gbit_per_s", &r[i].gbit);
		bench_json_stat(j, "usec_per_mb", &r[i].usec_per_mb);
		bench_json_stat(j, "syscalls_per_mb", &r[i].sys_per_mb);
		bench_json_stat(j, "mapped_pct", &r[i].mapped_pct);
		zcg_json_end(j);
	}
	zcg_json_end(j);
}

int bench_json_writable(const struct bench_opts *o)
{
	FILE *f;

	if (!o->json || !strcmp(o->json, "-"))
		return 0;
	f = fopen(o->json, "a");
	if (!f) {
		fprintf(stderr, "zcguard bench: --json %s: %s\n", o->json,
			strerror(errno));
		return -1;
	}
	fclose(f);
	return 0;
}
