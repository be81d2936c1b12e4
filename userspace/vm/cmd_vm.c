// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard vm: boots a kernel in qemu with an initramfs of our own, runs a
 * command (and modules) inside, and gives syzkaller-style verdicts with
 * `git bisect run` exit codes. See usage() and the helpers in this dir:
 * initramfs.c (the image), init.c (the guest side), qemu.c, run.c (the
 * loop and its timeouts), verdict.c, summary.c.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/args.h"
#include "lib/file.h"
#include "lib/spawn.h"
#include "vm/elf.h"
#include "vm/session.h"
#include "vm/vm.h"
#include "zcguard/cmd.h"

#define EXIT_UNTESTED 125

static volatile sig_atomic_t stop_sig;

static void on_signal(int sig)
{
	stop_sig = sig;
	/* Do not wait for the loop: end every qemu right now. */
	zcg_kill_all();
}

static void usage(FILE *f)
{
	fputs(
"usage: zcguard vm [OPTIONS] [--] [CMD [ARG...]]\n"
"Boots a kernel in qemu (KVM if it works, else TCG), loads the modules,\n"
"runs CMD in the guest (PATH=/bin: busybox + --file programs, cwd /tmp)\n"
"and prints one verdict per run: OK, crashed: TITLE, failed: REASON,\n"
"boot failed: REASON, timed out: REASON; then `all runs: ...`.\n"
"  --kernel BZIMAGE     default: newest /boot/vmlinuz-6.1.*-cloud-amd64\n"
"  --module FILE.ko     insmod at boot, in order (repeatable)\n"
"  --file SRC[:DST]     add a file (DST default /bin/BASENAME; repeatable)\n"
"  --runs N             fresh VMs (1)       --parallel P   at once (1)\n"
"  --timeout S          per run (300)       --boot-timeout S  to init (60)\n"
"  --idle-timeout S     no console/output for S seconds (60)\n"
"  --append STR         added to: console=ttyS0 oops=panic panic_on_warn=1\n"
"                       panic=-1 no_timer_check\n"
"                       rcupdate.rcu_cpu_stall_timeout=120\n"
"  --memory MB          guest RAM (512, at least 256)\n"
"  --icount             TCG with -icount shift=0: guest time counts\n"
"                       instructions (deterministic benchmarks)\n"
"  --keep-logs DIR      keep run-N.console, run-N.output, summary.json\n"
"  --json FILE          write the JSON summary to FILE too\n"
"A top-level TAP/KTAP `not ok` in CMD's output or on the console, or a\n"
"non-zero exit of CMD, means failed.\n"
"Exit: 0 all OK, 1 a run crashed or failed, 125 could not test\n"
"(boot failure, timeout, infrastructure), 2 bad arguments.\n"
"Environment: ZCG_QEMU=PATH runs PATH instead of qemu-system-x86_64.\n", f);
}

#define bad(...) zcg_usage_err("zcguard vm", __VA_ARGS__)

static int add_file(struct vm_opts *o, const char *arg)
{
	const char *colon = strchr(arg, ':');
	struct vm_file *nf, *f;
	const char *base;
	size_t slen = colon ? (size_t)(colon - arg) : strlen(arg);

	nf = realloc(o->files, (o->nfiles + 1) * sizeof(*nf));
	if (!nf)
		return -1;
	o->files = nf;
	f = &nf[o->nfiles];
	f->src = strndup(arg, slen);
	if (!f->src || !*f->src)
		return bad("--file %s: no source file", arg);
	if (colon) {
		if (colon[1] != '/' || strlen(colon + 1) >= sizeof(f->dst))
			return bad("--file %s: DST must be an absolute path", arg);
		strcpy(f->dst, colon + 1);
	} else {
		base = strrchr(f->src, '/');
		base = base ? base + 1 : f->src;
		snprintf(f->dst, sizeof(f->dst), "/bin/%s", base);
	}
	if (vm_elf_is_dynamic(f->src))
		fprintf(stderr, "zcguard vm: warning: %s is dynamically linked; the guest has no libc, link it -static\n",
			f->src);
	o->nfiles++;
	return 0;
}

enum {
	OPT_KERNEL = 256, OPT_MODULE, OPT_FILE, OPT_RUNS, OPT_PARALLEL,
	OPT_TIMEOUT, OPT_BOOT_TIMEOUT, OPT_IDLE_TIMEOUT, OPT_APPEND,
	OPT_KEEP_LOGS, OPT_JSON, OPT_MEMORY, OPT_ICOUNT,
};

static const struct option longopts[] = {
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "module", required_argument, NULL, OPT_MODULE },
	{ "file", required_argument, NULL, OPT_FILE },
	{ "runs", required_argument, NULL, OPT_RUNS },
	{ "parallel", required_argument, NULL, OPT_PARALLEL },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "boot-timeout", required_argument, NULL, OPT_BOOT_TIMEOUT },
	{ "idle-timeout", required_argument, NULL, OPT_IDLE_TIMEOUT },
	{ "append", required_argument, NULL, OPT_APPEND },
	{ "keep-logs", required_argument, NULL, OPT_KEEP_LOGS },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "memory", required_argument, NULL, OPT_MEMORY },
	{ "icount", no_argument, NULL, OPT_ICOUNT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Fills o from argv. 0, 1 for -h (done), 2 on a bad argument. */
static int parse_args(int argc, char **argv, struct vm_opts *o)
{
	int c, r = 0, idx = 0;

	vm_opts_defaults(o);
	optind = 1;
	opterr = 0;
	/* '+': stop at CMD so its own options are not ours. */
	while ((c = getopt_long(argc, argv, "+:h", longopts, &idx)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 1;
		case OPT_KERNEL:
			if (strlen(optarg) >= sizeof(o->kernel))
				return bad("--kernel: path too long");
			strcpy(o->kernel, optarg);
			break;
		case OPT_MODULE:
			o->modules = realloc(o->modules, (o->nmodules + 1) *
					     sizeof(*o->modules));
			if (!o->modules)
				return 2;
			o->modules[o->nmodules++] = optarg;
			break;
		case OPT_FILE:
			r = add_file(o, optarg);
			break;
		case OPT_RUNS:
			r = zcg_parse_int(optarg, 1, 10000, &o->runs);
			break;
		case OPT_PARALLEL:
			r = zcg_parse_int(optarg, 1, 64, &o->parallel);
			break;
		case OPT_TIMEOUT:
			r = zcg_parse_int(optarg, 1, 86400, &o->timeout);
			break;
		case OPT_BOOT_TIMEOUT:
			r = zcg_parse_int(optarg, 1, 86400, &o->boot_timeout);
			break;
		case OPT_IDLE_TIMEOUT:
			r = zcg_parse_int(optarg, 1, 86400, &o->idle_timeout);
			break;
		case OPT_MEMORY:
			r = zcg_parse_int(optarg, VM_MIN_MEMORY_MB, 65536,
					  &o->memory_mb);
			break;
		case OPT_ICOUNT:
			o->icount = 1;
			break;
		case OPT_APPEND:
			o->append = optarg;
			break;
		case OPT_KEEP_LOGS:
			o->keep_logs = optarg;
			break;
		case OPT_JSON:
			o->json = optarg;
			break;
		case ':':
			return bad("option %s needs an argument",
				   argv[optind - 1]);
		default:
			return bad("unknown option '%s' (see -h)",
				   argv[optind - 1]);
		}
		if (r == -1)
			return bad("--%s: not a number in range", longopts[idx].name);
		if (r)
			return 2;
	}
	o->cmd = argv + optind;
	if (o->parallel > o->runs)
		o->parallel = o->runs;
	return 0;
}

struct ctx {
	int tty;
	int total;
	int progress_shown;
	long last_second;
};

static void clear_progress(struct ctx *c)
{
	if (c->progress_shown) {
		fputs("\r\033[K", stdout);
		c->progress_shown = 0;
	}
}

static void on_done(const struct zcg_run *r, void *arg)
{
	struct ctx *c = arg;
	char v[320];

	clear_progress(c);
	zcg_run_str(r, v, sizeof(v));
	printf("run #%d: %s\n", r->run, v);
	fflush(stdout);
}

static void on_tick(int finished, int running, double elapsed, void *arg)
{
	struct ctx *c = arg;

	if (!c->tty || (long)elapsed == c->last_second)
		return;
	c->last_second = (long)elapsed;
	printf("\r\033[K[zcguard vm] %d/%d done, %d running, %.0fs elapsed",
	       finished, c->total, running, elapsed);
	fflush(stdout);
	c->progress_shown = 1;
}

static void set_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void print_summary(const struct vm_summary *sum)
{
	struct tap_counts t;

	printf("%s\n", sum->v.runs_line);
	printf("verdict: %s\n", sum->v.text);
	vm_summary_tests(sum, &t);
	if (t.ok + t.not_ok + t.skipped)
		printf("tests: %d ok, %d not ok, %d skipped\n", t.ok, t.not_ok,
		       t.skipped);
}

int cmd_vm(int argc, char **argv)
{
	struct vm_opts o;
	struct vm_summary sum;
	struct ctx c = { .tty = isatty(1), .last_second = -1 };
	struct vm_session ses = {
		.o = &o, .stop = &stop_sig, .done = on_done, .tick = on_tick,
		.ctx = &c,
	};
	char err[512], json[PATH_MAX + 16];
	int ret;

	memset(&o, 0, sizeof(o));
	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret == 1 ? 0 : 2;
	if (vm_opts_check(&o, err, sizeof(err)) < 0)
		return bad("%s", err);
	c.total = o.runs;
	set_signals();
	ret = vm_session_run(&ses, &sum, err, sizeof(err));
	clear_progress(&c);
	if (ret == -2) {
		fprintf(stderr, "zcguard vm: interrupted, all VMs stopped\n");
		return 128 + stop_sig;
	}
	if (ret < 0) {
		fprintf(stderr, "zcguard vm: %s\n", err);
		return EXIT_UNTESTED;
	}
	print_summary(&sum);
	if (c.tty)
		fprintf(stderr, "zcguard vm: %d run(s) in %.1fs\n", o.runs,
			sum.seconds);
	fflush(stdout);
	if (o.keep_logs) {
		snprintf(json, sizeof(json), "%s/summary.json", o.keep_logs);
		if (vm_summary_json(&sum, json) < 0)
			fprintf(stderr, "zcguard vm: cannot write %s\n", json);
	}
	ret = zcg_decision_exit(sum.v.decision);
	if (o.json && vm_summary_json(&sum, o.json) < 0) {
		fprintf(stderr, "zcguard vm: cannot write %s: %s\n", o.json,
			strerror(errno));
		ret = EXIT_UNTESTED;
	}
	free((void *)sum.results);
	return ret;
}
