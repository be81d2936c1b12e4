// SPDX-License-Identifier: GPL-2.0
/* The JSON document around every kind of run's results. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "bench/opts.h"
#include "lib/json.h"

int bench_json_open(const struct bench_opts *o, const char *kind, FILE **f)
{
	struct utsname u;

	*f = strcmp(o->json, "-") ? fopen(o->json, "w") : stdout;
	if (!*f) {
		fprintf(stderr, "zcguard bench: %s: %s\n", o->json,
			strerror(errno));
		return -1;
	}
	uname(&u);
	fprintf(*f, "{\n  \"tool\": \"zcguard bench\",\n  \"kind\": ");
	zcg_json_str(*f, kind);
	fprintf(*f, ",\n  \"kernel\": ");
	zcg_json_str(*f, u.release);
	fprintf(*f, ",\n  \"lo_mtu\": %u,\n  ", bench_lo_mtu());
	return 0;
}

void bench_json_close(const struct bench_opts *o, FILE *f)
{
	fprintf(f, "\n}\n");
	if (f != stdout)
		fclose(f);
	else
		fflush(f);
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
