// SPDX-License-Identifier: GPL-2.0
/*
 * Reads back the "results" array that the guest bench's --json writes
 * (bench_json_results()): one object per case with the sender, receiver,
 * chunk, reps and four stat objects. A reader of that one shape, by key,
 * not a general JSON parser: objects hold no strings with braces, each
 * case begins with its "sender" key (the first one lib/json writes) and
 * the layout, white space and line breaks, does not matter.
 */
#include <stdlib.h>
#include <string.h>

#include "bench/vm_bench.h"

/* The value after "key": inside [p, end), as text; NULL if absent. */
static const char *value(const char *p, const char *end, const char *key)
{
	char pat[64];
	size_t n;

	n = snprintf(pat, sizeof(pat), "\"%s\":", key);
	for (; p && p + n <= end; p++) {
		p = strstr(p, pat);
		if (!p || p >= end)
			return NULL;
		p += n;
		while (*p == ' ')
			p++;
		return p;
	}
	return NULL;
}

static int num(const char *p, const char *end, const char *key, double *v)
{
	char *e;

	p = value(p, end, key);
	if (!p)
		return -1;
	*v = strtod(p, &e);
	return e == p ? -1 : 0;
}

static int name(const char *p, const char *end, const char *key,
		const char *const *names, int nr)
{
	size_t l;
	int i;

	p = value(p, end, key);
	if (!p || *p != '"')
		return -1;
	for (i = 0; i < nr; i++) {
		l = strlen(names[i]);
		if (!strncmp(p + 1, names[i], l) && p[1 + l] == '"')
			return i;
	}
	return -1;
}

static int stat_of(const char *p, const char *end, const char *key,
		   struct bench_stat *st)
{
	const char *o = value(p, end, key), *c;

	if (!o || *o != '{')
		return -1;
	c = strchr(o, '}');
	if (!c || c > end)
		return -1;
	return num(o, c, "median", &st->med) || num(o, c, "min", &st->min) ||
	       num(o, c, "max", &st->max) || num(o, c, "q1", &st->q1) ||
	       num(o, c, "q3", &st->q3) ? -1 : 0;
}

int bench_vm_parse(const char *json, struct bench_result *r, int max)
{
	const char *p = strstr(json, "\"results\":"), *next, *end;
	double chunk, reps, dur;
	int n = 0, tx, rx;

	if (!p)
		return -1;
	end = json + strlen(json);
	for (p = strstr(p, "\"sender\":"); p && n < max; p = next) {
		next = strstr(p + 1, "\"sender\":");
		end = next ? next : json + strlen(json);
		memset(&r[n], 0, sizeof(r[n]));
		tx = name(p, end, "sender", bench_tx_names, TX_NR);
		rx = name(p, end, "receiver", bench_rx_names, RX_NR);
		if (tx < 0 || rx < 0 || num(p, end, "chunk", &chunk) ||
		    num(p, end, "reps", &reps) ||
		    num(p, end, "duration_s", &dur) ||
		    stat_of(p, end, "gbit_per_s", &r[n].gbit) ||
		    stat_of(p, end, "usec_per_mb", &r[n].usec_per_mb) ||
		    stat_of(p, end, "syscalls_per_mb", &r[n].sys_per_mb) ||
		    stat_of(p, end, "mapped_pct", &r[n].mapped_pct))
			return -1;
		r[n].c.tx = tx;
		r[n].c.rx = rx;
		r[n].c.chunk = (size_t)chunk;
		r[n].c.duration = dur;
		r[n].nsamples = (int)reps;
		n++;
	}
	return n;
}
