// SPDX-License-Identifier: GPL-2.0
/*
 * --vm KERNEL: the benchmark inside a VM under qemu's icount, where guest
 * time advances one nanosecond per guest instruction. The receiver's CPU
 * time per MB is then a count of guest instructions per MB, the same on
 * every boot and every machine: "guest-ns/MB (icount)". The static guest
 * bench runs the sweep and writes JSON on its results port; this side
 * reads that JSON back (vm_json.c) and prints the table and, with --check,
 * the verdict against the kernel's baseline file.
 */
#include <errno.h>
#include <glob.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/opts.h"
#include "bench/vm_bench.h"
#include "lib/file.h"
#include "lib/spawn.h"

#define VM_TIMEOUT "400"
#define MAX_ARGS 64

/* A kernel name (6.1, 6.12, a build/kernels NAME) or a bzImage path. */
static int resolve_kernel(const char *arg, const char *build, char *out,
			  size_t len, char *name, size_t nlen)
{
	struct stat st;
	char *dup, *b;
	glob_t g;

	if (!strcmp(arg, "6.1") || !strcmp(arg, "6.12")) {
		snprintf(name, nlen, "debian-%s", arg);
		snprintf(out, len, "/boot/vmlinuz-%s.*-cloud-amd64", arg);
		if (glob(out, 0, NULL, &g) || !g.gl_pathc) {
			fprintf(stderr, "zcguard bench: no %s (make deps)\n",
				out);
			return -1;
		}
		snprintf(out, len, "%s", g.gl_pathv[g.gl_pathc - 1]);
		globfree(&g);
		return 0;
	}
	if (!stat(arg, &st)) {
		snprintf(out, len, "%s", arg);
		dup = strdup(arg);
		b = dup ? basename(dirname(dup)) : "kernel";
		snprintf(name, nlen, "%s", b);
		free(dup);
		return 0;
	}
	snprintf(out, len, "%s/kernels/%s/bzImage", build, arg);
	snprintf(name, nlen, "%s", arg);
	if (stat(out, &st)) {
		fprintf(stderr, "zcguard bench: --vm %s: no such kernel (6.1, "
			"6.12, a bzImage, or a NAME in %s/kernels)\n", arg,
			build);
		return -1;
	}
	return 0;
}

/* " OPT a,b": the selected names of one mode list; the length added. */
static size_t mode_list(char *buf, size_t len, const char *opt,
			const int *on, const char *const *names, int nr)
{
	size_t n = snprintf(buf, len, " %s ", opt);
	const char *sep = "";
	int i;

	for (i = 0; i < nr && n < len; i++)
		if (on[i]) {
			n += snprintf(buf + n, len - n, "%s%s", sep, names[i]);
			sep = ",";
		}
	return n;
}

/* The guest's command line: the sweep of o, JSON on the results port. */
static void guest_cmd(const struct bench_opts *o, char *buf, size_t len)
{
	size_t n = 0;
	int i;

	n += snprintf(buf + n, len - n, "zcguard-bench -r %d -d %.3f -s ",
		      o->reps, o->duration);
	for (i = 0; i < o->nsizes; i++)
		n += snprintf(buf + n, len - n, "%s%zuK", i ? "," : "",
			      o->sizes[i] >> 10);
	n += mode_list(buf + n, len - n, "-m", o->rx_on, bench_rx_names,
		       RX_NR);
	n += mode_list(buf + n, len - n, "-S", o->tx_on, bench_tx_names,
		       TX_NR);
	if (o->inject_calls)
		n += snprintf(buf + n, len - n, " --inject-zc-calls %u",
			      o->inject_calls);
	snprintf(buf + n, len - n, " --json - 2>/dev/console");
}

/* Boots the VM; the guest's JSON text in *json (malloc'ed). 0, or exit. */
static int boot(const struct bench_opts *o, const char *kernel,
		char **json)
{
	char exe[4096], dir[4096], gb[4200], cmd[1024], logs[] =
		"/tmp/zcg-benchvm.XXXXXX";
	char out[4200], log[4200], *text, *a, *b;
	char *argv[MAX_ARGS];
	int st, n, argc = 0;
	pid_t pid;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0)
		return 3;
	exe[n] = 0;
	snprintf(dir, sizeof(dir), "%s", exe);
	snprintf(gb, sizeof(gb), "%s/guest/zcguard-bench", dirname(dir));
	if (access(gb, X_OK)) {
		fprintf(stderr, "zcguard bench: %s: not built (make)\n", gb);
		return 3;
	}
	if (!mkdtemp(logs))
		return 3;
	guest_cmd(o, cmd, sizeof(cmd));
	argv[argc++] = exe;
	argv[argc++] = "vm";
	argv[argc++] = "--icount";
	argv[argc++] = "--kernel";
	argv[argc++] = (char *)kernel;
	argv[argc++] = "--timeout";
	argv[argc++] = VM_TIMEOUT;
	argv[argc++] = "--boot-timeout";
	argv[argc++] = VM_TIMEOUT;
	argv[argc++] = "--idle-timeout";
	argv[argc++] = VM_TIMEOUT;
	argv[argc++] = "--keep-logs";
	argv[argc++] = logs;
	argv[argc++] = "--file";
	argv[argc++] = gb;
	argv[argc++] = "--";
	argv[argc++] = "sh";
	argv[argc++] = "-c";
	argv[argc++] = cmd;
	argv[argc] = NULL;
	snprintf(log, sizeof(log), "%s/vm.log", logs);
	pid = zcg_spawn(argv, log, -1);
	if (pid < 0 || zcg_wait(pid, -1, &st))
		return 3;
	snprintf(out, sizeof(out), "%s/run-0.output", logs);
	text = zcg_read_file(out, NULL);
	a = text ? strchr(text, '{') : NULL;
	b = text ? strrchr(text, '}') : NULL;
	if (!WIFEXITED(st) || WEXITSTATUS(st) || !a || !b || b < a) {
		fprintf(stderr, "zcguard bench: the VM run failed (zcguard vm "
			"exit %d); logs kept in %s\n",
			WIFEXITED(st) ? WEXITSTATUS(st) : -1, logs);
		free(text);
		return WIFEXITED(st) && WEXITSTATUS(st) == 125 ? 4 : 3;
	}
	b[1] = 0;
	*json = strdup(a);
	free(text);
	zcg_rm_rf(logs);
	return *json ? 0 : 3;
}

int bench_vm(const struct bench_opts *opts)
{
	struct bench_result r[TX_NR * RX_NR * BENCH_MAX_SIZES];
	char kernel[4096], name[256], build[2048], *json = NULL, *p;
	struct bench_opts run = *opts, *o = &run;
	int n, i, rc;

	n = readlink("/proc/self/exe", build, sizeof(build) - 1);
	if (n < 0)
		return 3;
	build[n] = 0;
	p = strrchr(build, '/');
	if (p)
		*p = 0;
	if (resolve_kernel(o->vm, build, kernel, sizeof(kernel), name,
			   sizeof(name)))
		return 2;
	bench_vm_check_timing(o, name);
	rc = boot(o, kernel, &json);
	if (rc)
		return rc;
	n = bench_vm_parse(json, r, TX_NR * RX_NR * BENCH_MAX_SIZES);
	/* The sweep's JSON is the guest's own, as it wrote it. */
	if (n > 0 && o->json && !o->check)
		rc = strcmp(o->json, "-") ? zcg_write_file(o->json, json,
							   strlen(json)) :
		     fputs(json, stdout) < 0;
	free(json);
	if (rc) {
		fprintf(stderr, "zcguard bench: %s: %s\n", o->json,
			strerror(errno));
		return 3;
	}
	if (n <= 0) {
		fprintf(stderr, "zcguard bench: no results in the guest's "
			"JSON\n");
		return 3;
	}
	bprintf("zcguard bench --vm %s: %s under qemu TCG -icount shift=0, "
		"%d rep(s) x %.3f s guest time per case\n", name, kernel,
		o->reps, o->duration);
	bprintf("kinsn/MB = guest-us/MB (icount): thousands of guest "
		"instructions per MB received, not host time%s\n", o->inject_calls ?
		" [INJECTED extra zc syscalls: test only]" : "");
	bench_icount = 1;
	bench_table_header(bench_out);
	for (i = 0; i < n; i++)
		bench_table_row(bench_out, &r[i]);
	fflush(bench_out);
	if (o->check)
		return bench_vm_check(o, name, r, n);
	if (o->plot) {
		snprintf(kernel, sizeof(kernel), "%s under qemu icount, "
			 "%d rep(s) x %.3f s guest time per case", name,
			 o->reps, o->duration);
		if (bench_plot(o->plot, kernel, r, n))
			return 3;
		bprintf("plot: %s\n", o->plot);
	}
	return 0;
}
