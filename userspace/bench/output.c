// SPDX-License-Identifier: GPL-2.0
/* The terminal table and the JSON form of benchmark results. */
#include <stdarg.h>
#include <stdio.h>

#include "bench/bench.h"

FILE *bench_out;

void bprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(bench_out, fmt, ap);
	va_end(ap);
}

const char *bench_size_str(size_t bytes, char *buf, size_t len)
{
	if (bytes >= (1UL << 20) && !(bytes & ((1UL << 20) - 1)))
		snprintf(buf, len, "%zuM", bytes >> 20);
	else if (bytes >= 1024 && !(bytes & 1023))
		snprintf(buf, len, "%zuK", bytes >> 10);
	else
		snprintf(buf, len, "%zu", bytes);
	return buf;
}

int bench_icount;
int bench_is_guest;

/*
 * Under icount the receiver's CPU usec are guest usec: thousands of guest
 * instructions; the Gbit/s are guest time too.
 */
void bench_table_header(FILE *f)
{
	fprintf(f, "%-6s %-10s %5s %7s %9s %17s %8s %7s %4s\n",
		"sender", "receiver", "chunk", bench_icount ? "gGbit/s" :
		"Gbit/s", bench_icount ? "kinsn/MB" : "usec/MB",
		bench_icount ? "kinsn/MB min..max" : "usec/MB min..max",
		"calls/MB", "mapped%", "reps");
}

void bench_table_row(FILE *f, const struct bench_result *r)
{
	char sz[16], range[32];

	snprintf(range, sizeof(range), "%.1f..%.1f", r->usec_per_mb.min,
		 r->usec_per_mb.max);
	fprintf(f, "%-6s %-10s %5s %7.2f %9.1f %17s %8.1f %7.2f %4d\n",
		bench_tx_names[r->c.tx], bench_rx_names[r->c.rx],
		bench_size_str(r->c.chunk, sz, sizeof(sz)), r->gbit.med,
		r->usec_per_mb.med, range, r->sys_per_mb.med,
		r->mapped_pct.med, r->nsamples);
}

void bench_json_stat(FILE *f, const char *name, const struct bench_stat *st)
{
	fprintf(f, "\"%s\": {\"median\": %.4f, \"min\": %.4f, \"max\": %.4f, "
		"\"q1\": %.4f, \"q3\": %.4f}", name, st->med, st->min,
		st->max, st->q1, st->q3);
}

void bench_json_results(FILE *f, const struct bench_result *r, int n)
{
	int i;

	fprintf(f, "\"results\": [");
	for (i = 0; i < n; i++) {
		fprintf(f, "%s\n    {\"sender\": \"%s\", \"receiver\": \"%s\", "
			"\"chunk\": %zu, \"duration_s\": %.3f, \"reps\": %d,\n"
			"     ", i ? "," : "", bench_tx_names[r[i].c.tx],
			bench_rx_names[r[i].c.rx], r[i].c.chunk,
			r[i].c.duration, r[i].nsamples);
		bench_json_stat(f, "gbit_per_s", &r[i].gbit);
		fprintf(f, ",\n     ");
		bench_json_stat(f, "usec_per_mb", &r[i].usec_per_mb);
		fprintf(f, ",\n     ");
		bench_json_stat(f, "syscalls_per_mb", &r[i].sys_per_mb);
		fprintf(f, ",\n     ");
		bench_json_stat(f, "mapped_pct", &r[i].mapped_pct);
		fprintf(f, "}");
	}
	fprintf(f, "\n  ]");
}
