// SPDX-License-Identifier: GPL-2.0
/* Median and spread of repeated measurements. */
#include <stdlib.h>
#include <string.h>

#include "bench/bench.h"

#define MAX_REPS 1000

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Linear interpolation between closest ranks (numpy's default). */
static double quantile(const double *sorted, int n, double q)
{
	double pos = q * (n - 1);
	int i = (int)pos;

	if (i + 1 >= n)
		return sorted[n - 1];
	return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
}

void bench_stat_of(const double *v, int n, struct bench_stat *st)
{
	double s[MAX_REPS];

	memset(st, 0, sizeof(*st));
	if (n <= 0)
		return;
	if (n > MAX_REPS)
		n = MAX_REPS;
	memcpy(s, v, n * sizeof(*v));
	qsort(s, n, sizeof(*s), cmp_double);
	st->min = s[0];
	st->max = s[n - 1];
	st->med = quantile(s, n, 0.5);
	st->q1 = quantile(s, n, 0.25);
	st->q3 = quantile(s, n, 0.75);
}

/* Half the min..max range, in percent of the median. */
double bench_spread_pct(const struct bench_stat *st)
{
	if (st->med == 0)
		return 0;
	return 50.0 * (st->max - st->min) / st->med;
}

void bench_summarise(const struct bench_case *c, const struct bench_sample *s,
		     int n, struct bench_result *r)
{
	double v[MAX_REPS];
	int i;

	if (n > MAX_REPS)
		n = MAX_REPS;
	memset(r, 0, sizeof(*r));
	r->c = *c;
	r->nsamples = n;
#define STAT(field) do {					\
		for (i = 0; i < n; i++)				\
			v[i] = s[i].field;			\
		bench_stat_of(v, n, &r->field);			\
	} while (0)
	STAT(gbit);
	STAT(usec_per_mb);
	STAT(sys_per_mb);
	STAT(mapped_pct);
#undef STAT
}
