// SPDX-License-Identifier: GPL-2.0
/* The terminal table of benchmark results. */
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
