// SPDX-License-Identifier: GPL-2.0
/*
 * --overhead: the same zerocopy case with each guard attached and with
 * none, in alternating repetitions of one invocation (none, g1, g2, ...,
 * the order rotated each repetition), so that a busy phase of the
 * machine lands on all variants alike. Each guard's cost is the ratio of
 * its usec/MB to the "none" repetition of the same round; the median
 * of those ratios, with min..max and IQR, is printed. The "null" guard
 * attaches nothing: its ratio shows the noise floor of the same run.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench/guard.h"
#include "bench/opts.h"
#include "lib/json.h"

#define MAX_REPS 100
#define MAX_VARIANTS (BENCH_MAX_GUARDS + 1)

struct variant {
	const char *name;	/* "none" or a guard */
	struct cg_guard cg;
	struct ext_guard ext;
	int ready;
	long guard_calls;	/* module guards: calls the kprobe counted */
	char cmd[PATH_MAX + 64];	/* trace guards: the command */
	double usec[MAX_REPS], gbit[MAX_REPS], mapped[MAX_REPS];
};

/*
 * The tracer guards: "trace" is the always-on form (-e: the invariant
 * check at entry, nothing at return) or --trace-cmd; "trace-q" adds the
 * return program's counts; "trace-floor" attaches the same program but
 * has it return at once, the cost of the attach point itself, so the
 * tracer's own share is the difference.
 */
static const char *trace_args(const char *name)
{
	return !strcmp(name, "trace") ? "-e" :
	       !strcmp(name, "trace-q") ? "-q" :
	       !strcmp(name, "trace-floor") ? "-e --attach-only" : NULL;
}

static int setup(struct variant *v, const char *exe, const char *trace_cmd)
{
	char err[PATH_MAX + 256];

	if (!strcmp(v->name, "cgroup")) {
		if (cg_guard_setup(&v->cg, err, sizeof(err))) {
			fprintf(stderr, "zcguard bench: cgroup guard: %s\n",
				err);
			return -1;
		}
	} else if (trace_args(v->name)) {
		/*
		 * --trace-cmd is the "trace" guard; "trace-floor" is the
		 * same command with --attach-only. The static guest bench
		 * has no trace sub-command: there the tracer is the guest's
		 * zcguard-trace (on PATH in the VM).
		 */
		if (trace_cmd && !strcmp(v->name, "trace"))
			snprintf(v->cmd, sizeof(v->cmd), "%s", trace_cmd);
		else if (trace_cmd && !strcmp(v->name, "trace-floor"))
			snprintf(v->cmd, sizeof(v->cmd), "%s --attach-only",
				 trace_cmd);
		else if (bench_is_guest)
			snprintf(v->cmd, sizeof(v->cmd), "zcguard-trace %s",
				 trace_args(v->name));
		else
			snprintf(v->cmd, sizeof(v->cmd), "'%s' trace %s", exe,
				 trace_args(v->name));
		v->ext.cmd = v->cmd;
	} else if (!strncmp(v->name, "module-", 7)) {
		if (mod_guard_setup(err, sizeof(err))) {
			fprintf(stderr, "zcguard bench: %s guard: %s\n",
				v->name, err);
			return -1;
		}
	}
	v->ready = 1;
	return 0;
}

static int attach(struct variant *v)
{
	char err[PATH_MAX + 2304];

	if (!strcmp(v->name, "cgroup") &&
	    cg_guard_attach(&v->cg, err, sizeof(err)))
		goto fail;
	if (v->ext.cmd && ext_guard_attach(&v->ext, err, sizeof(err)))
		goto fail;
	if (!strncmp(v->name, "module-", 7) &&
	    mod_guard_attach(v->name + 7, err, sizeof(err)))
		goto fail;
	return 0;
fail:
	fprintf(stderr, "zcguard bench: %s guard: %s\n", v->name, err);
	return -1;
}

static void detach(struct variant *v)
{
	if (!strcmp(v->name, "cgroup"))
		cg_guard_detach(&v->cg);
	if (v->ext.cmd)
		ext_guard_detach(&v->ext);
	if (!strncmp(v->name, "module-", 7))
		mod_guard_detach();
}

static void teardown(struct variant *v)
{
	if (v->ready && !strcmp(v->name, "cgroup"))
		cg_guard_teardown(&v->cg);
	v->ready = 0;
}

static int one_rep(const struct bench_opts *o, struct variant *v, int rep)
{
	struct bench_sample s;
	long calls0 = mod_guard_calls();
	int ret;

	if (attach(v))
		return -1;
	ret = bench_run_zc(o, RX_ZC, v->name, &s);
	detach(v);
	if (calls0 >= 0)
		v->guard_calls += mod_guard_calls() - calls0;
	if (ret)
		return -1;
	v->usec[rep] = s.usec_per_mb;
	v->gbit[rep] = s.gbit;
	v->mapped[rep] = s.mapped_pct;
	return 0;
}

static void report(const struct bench_opts *o, struct variant *v, int nv)
{
	struct bench_stat us, gs, rs, ms;
	double ratio[MAX_REPS];
	struct zcg_json js, *j = NULL;
	int i, k, n = o->reps;

	if (o->json && !bench_json_open(o, "overhead", &js)) {
		j = &js;
		zcg_json_kint(j, "chunk", o->sizes[0]);
		zcg_json_kint(j, "reps", n);
		zcg_json_knum(j, "duration_s", o->duration, 3);
		zcg_json_arr(j, "variants");
	}
	bprintf("%-12s %9s %17s %7s %7s  %s\n", "guard", "usec/MB",
		"min..max", "Gbit/s", "mapped%",
		"ratio to none: median [min..max] (IQR)");
	for (k = 0; k < nv; k++) {
		char range[40];

		bench_stat_of(v[k].usec, n, &us);
		bench_stat_of(v[k].gbit, n, &gs);
		bench_stat_of(v[k].mapped, n, &ms);
		for (i = 0; i < n; i++)
			ratio[i] = v[k].usec[i] / v[0].usec[i];
		bench_stat_of(ratio, n, &rs);
		snprintf(range, sizeof(range), "%.1f..%.1f", us.min, us.max);
		bprintf("%-12s %9.1f %17s %7.2f %7.2f", v[k].name, us.med,
			range, gs.med, ms.med);
		if (k)
			bprintf("  %.3f [%.3f..%.3f] (%.3f..%.3f) -> %+.1f%%",
				rs.med, rs.min, rs.max, rs.q1, rs.q3,
				(rs.med - 1) * 100);
		if (!strncmp(v[k].name, "module-", 7) || (!k &&
							  v[k].guard_calls))
			bprintf("  [kprobe counted %ld calls]",
				v[k].guard_calls);
		bprintf("\n");
		if (!j)
			continue;
		zcg_json_obj(j, NULL);
		zcg_json_kstr(j, "guard", v[k].name);
		/* which tracer mode and level was measured */
		if (v[k].ext.what[0])
			zcg_json_kstr(j, "attached", v[k].ext.what);
		bench_json_stat(j, "usec_per_mb", &us);
		bench_json_stat(j, "ratio_to_none", &rs);
		zcg_json_end(j);
	}
	for (k = 0; k < nv; k++)
		if (v[k].ext.what[0])
			bprintf("%s: %s\n  %s\n", v[k].name, v[k].ext.cmd,
				v[k].ext.what);
	if (j) {
		zcg_json_end(j);
		bench_json_close(j);
	}
}

int bench_overhead(const struct bench_opts *o)
{
	static struct variant v[MAX_VARIANTS];
	char exe[PATH_MAX], what[96], sz[16], pin[48];
	int nv = 0, i, k, rep, ret = 3;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = 0;
	memset(v, 0, sizeof(v));
	v[nv++].name = "none";
	for (i = 0; i < o->nguards; i++) {
		v[nv].name = o->guards[i];
		if (setup(&v[nv], exe, o->trace_cmd) == 0)
			nv++;
	}
	if (nv == 1) {
		fprintf(stderr, "zcguard bench: no guard to measure\n");
		goto out;
	}
	for (rep = 0; rep < o->reps; rep++)
		for (i = 0; i < nv; i++) {
			k = (i + rep) % nv;
			snprintf(what, sizeof(what), "rep %d/%d: %s", rep + 1,
				 o->reps, v[k].name);
			bench_progress(rep * nv + i, o->reps * nv, what);
			if (one_rep(o, &v[k], rep))
				goto out;
		}
	bench_progress_end();
	if (o->rx_cpu >= 0)
		snprintf(pin, sizeof(pin), "rx CPU %d, tx CPU %d", o->rx_cpu,
			 o->tx_cpu);
	else
		snprintf(pin, sizeof(pin), "unpinned");
	bprintf("zcguard bench --overhead: zc receiver, chunk %s, msg_zc "
		"sender, %d alternating rep(s) x %.2f s, lo mtu %u, %s\n",
		bench_size_str(o->sizes[0], sz, sizeof(sz)), o->reps,
		o->duration, bench_lo_mtu(), pin);
	report(o, v, nv);
	ret = nv == o->nguards + 1 ? 0 : 3;
out:
	bench_progress_end();
	for (i = 0; i < nv; i++)
		teardown(&v[i]);
	return ret;
}
