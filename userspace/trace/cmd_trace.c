// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard trace: live BPF tracer of tcp_zerocopy_receive().
 *
 * Loads zctrace.bpf.c through its bpftool skeleton, preferring
 * fentry/fexit, falling back to kprobe/kretprobe, then to the getsockopt
 * syscall tracepoints (syscalls:sys_enter/exit_getsockopt), then to the
 * raw sys_enter/sys_exit tracepoints, which run on every system call
 * (the BPF object has all four; only one flavour is loaded). The optlen
 * probe on __sys_getsockopt is optional: without it optlen prints as "?".
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "lib/args.h"
#include "trace/zctrace.h"
#include "trace/zctrace.skel.h"
#include "trace/trace_out.h"
#include "zcguard/cmd.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

static const char usage_text[] =
"usage: zcguard trace [-p PID] [-d SECS] [-s|-q|-e] [-j] [-v] [-- CMD [ARG...]]\n"
"Traces every tcp_zerocopy_receive() call (getsockopt TCP_ZEROCOPY_RECEIVE)\n"
"with BPF (fentry/fexit, else kprobes, else the getsockopt syscall\n"
"tracepoints): pid/comm, socket addresses, optlen,\n"
"tcp_inq, bytes really queued, requested/mapped length, recv_skip_hint,\n"
"copybuf use, return value and duration. A call whose tcp_inq exceeds the\n"
"bytes in the receive queue (the state that crashes the zerocopy loop) is\n"
"flagged VIOLATION at entry, before the kernel acts on it.\n"
"Per-call records reach the screen within %d ms; --summary and --quiet\n"
"count in the kernel and send only violations (the cheapest modes).\n"
"  -p, --pid PID       only this process and its descendants\n"
"  -d, --duration S    stop after S seconds (default: until SIGINT/SIGTERM)\n"
"  -s, --summary       one line per second instead of one per call\n"
"  -j, --json          JSON lines (type call|violation|summary|total)\n"
"  -q, --quiet         only violations and the totals (counts only)\n"
"  -e, --entry-only    as -q, without the return program: counts entries,\n"
"                      no errors or returns (the cheapest, for always-on)\n"
"      --attach-only   attach, but check nothing: the attach point's own\n"
"                      cost (a control for zcguard bench --overhead)\n"
"  -m, --mode M        only attach with M: fentry, kprobe, syscall\n"
"                      (syscalls:*_getsockopt) or raw-syscall (sys_enter)\n"
"  -v, --verbose       show libbpf's messages\n"
"  -- CMD [ARG...]     run CMD, trace only it (and its children), stop\n"
"                      when it exits\n"
"Ends with the totals and the violation count.\n"
"Exit: 0 no violation, 1 violations seen (or CMD failed), 2 bad usage,\n"
"3 could not load/attach the BPF programs (needs root and kernel BTF).\n";

/*
 * The BPF side does not wake us per record (see wake_bytes in
 * zctrace.bpf.c): this poll period bounds how late a call line shows.
 */
#define POLL_MS 50

static bool verbose;
static bool attach_only;

static int print_libbpf(enum libbpf_print_level level, const char *fmt,
			va_list ap)
{
	/* libbpf is chatty about the modes we try and drop; -v shows it. */
	if (!verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static unsigned long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int on_event(void *ctx, void *data, size_t len)
{
	if (len >= sizeof(struct zct_event))
		zct_out_event(ctx, data);
	return 0;
}

/* Attach modes, best first: fentry needs BPF trampolines. */
enum how { FENTRY, KPROBE, SYSCALL, RAW_SYSCALL };

struct mode {
	const char *name;
	enum how how;
	bool optlen;
	bool fast;	/* syscall mode: direct loads (bpf_rdonly_cast, 6.2+) */
};

static const struct mode modes[] = {
	{ "fentry/fexit", FENTRY, true, false },
	{ "fentry/fexit", FENTRY, false, false },
	{ "kprobe/kretprobe", KPROBE, true, false },
	{ "kprobe/kretprobe", KPROBE, false, false },
	{ "syscall tracepoints", SYSCALL, true, true },
	{ "syscall tracepoints", SYSCALL, true, false },
	{ "raw syscall tracepoints", RAW_SYSCALL, true, false },
};

/*
 * libbpf finds the syscalls:* tracepoint ids in tracefs. Where it is not
 * mounted (seen on this host), mount it in a mount namespace of our own:
 * nothing changes for the rest of the machine, and the command we run
 * was forked before. 0 when libbpf can find the events.
 */
static int ensure_tracefs(void)
{
	static int done = 1;

	if (done <= 0)
		return done;
	if (!access("/sys/kernel/debug/tracing", F_OK) ||
	    !access("/sys/kernel/tracing/events", F_OK))
		return done = 0;
	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL))
		done = -errno;
	else
		done = 0;
	return done;
}

/* Opens, loads and attaches the skeleton in one mode; NULL on failure. */
static struct zctrace *try_mode(const struct mode *m, pid_t tgid, int level,
			       int *err)
{
	struct zctrace *s = zctrace__open();
	/* The entry-only level attaches no return program. */
	bool ret = level != ZCT_LVL_ENTRY;

	if (!s) {
		*err = -errno;
		return NULL;
	}
	s->rodata->targ_tgid = tgid;
	s->rodata->level = level;
	s->rodata->attach_only = attach_only;
	bpf_program__set_autoload(s->progs.zc_fentry, m->how == FENTRY);
	bpf_program__set_autoload(s->progs.zc_fexit, m->how == FENTRY && ret);
	bpf_program__set_autoload(s->progs.zc_kprobe, m->how == KPROBE);
	bpf_program__set_autoload(s->progs.zc_kretprobe,
				  m->how == KPROBE && ret);
	bpf_program__set_autoload(s->progs.gso_fentry,
				  m->optlen && ret && m->how == FENTRY);
	bpf_program__set_autoload(s->progs.gso_kprobe,
				  m->optlen && ret && m->how == KPROBE);
	bpf_program__set_autoload(s->progs.gso_enter_fast,
				  m->how == SYSCALL && m->fast);
	bpf_program__set_autoload(s->progs.gso_enter_tp,
				  m->how == SYSCALL && !m->fast);
	bpf_program__set_autoload(s->progs.gso_exit_tp,
				  m->how == SYSCALL && ret);
	bpf_program__set_autoload(s->progs.sys_enter_zc,
				  m->how == RAW_SYSCALL);
	bpf_program__set_autoload(s->progs.sys_exit_zc,
				  m->how == RAW_SYSCALL && ret);
	*err = zctrace__load(s);
	if (*err)
		goto fail;
	/* The skeleton attaches exactly the programs chosen to load. */
	*err = m->how == SYSCALL ? ensure_tracefs() : 0;
	if (!*err)
		*err = zctrace__attach(s);
	if (!*err)
		return s;
fail:
	zctrace__destroy(s);
	return NULL;
}

/* Forks CMD stopped on a pipe; it execs once go_fd is written/closed. */
static pid_t start_cmd(char **argv, int *go_fd)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		/* Own process group, so the tracer can end all of it. */
		setpgid(0, 0);
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(127);	/* tracer gave up */
		close(p[0]);
		execvp(argv[0], argv);
		fprintf(stderr, "zcguard trace: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);	/* also here: no race with kill(-pid) */
	close(p[0]);
	*go_fd = p[1];
	return pid;
}

static int parse_args(int argc, char **argv, struct zct_out *o, long *pid,
		      double *duration, int *only)
{
	static const struct option opts[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "duration", required_argument, NULL, 'd' },
		{ "summary", no_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "entry-only", no_argument, NULL, 'e' },
		{ "attach-only", no_argument, NULL, 'A' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "mode", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, ipid;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+p:d:sjqevm:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (zcg_parse_int(optarg, 1, INT_MAX, &ipid)) {
				fprintf(stderr, "zcguard trace: bad pid '%s'\n",
					optarg);
				return 2;
			}
			*pid = ipid;
			break;
		case 'd':
			/* Up to a year; NaN and infinity are refused too. */
			if (zcg_parse_double(optarg, 1e-3, 3.2e7, duration)) {
				fprintf(stderr, "zcguard trace: bad duration '%s'\n",
					optarg);
				return 2;
			}
			break;
		case 's':
			o->summary = true;
			break;
		case 'j':
			o->json = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'e':
			o->quiet = true;
			o->entry_only = true;
			break;
		case 'A':
			attach_only = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'm':
			if (!strcmp(optarg, "fentry"))
				*only = FENTRY;
			else if (!strcmp(optarg, "kprobe"))
				*only = KPROBE;
			else if (!strcmp(optarg, "syscall"))
				*only = SYSCALL;
			else if (!strcmp(optarg, "raw-syscall"))
				*only = RAW_SYSCALL;
			else {
				fprintf(stderr, "zcguard trace: bad mode '%s'\n",
					optarg);
				return 2;
			}
			break;
		case 'h':
			printf(usage_text, POLL_MS);
			return 0;
		default:
			fprintf(stderr, "zcguard trace: bad arguments (-h for help)\n");
			return 2;
		}
	}
	if (o->entry_only && o->summary) {
		fprintf(stderr, "zcguard trace: -e counts no returns, which -s reports\n");
		return 2;
	}
	if (*pid && optind < argc) {
		fprintf(stderr, "zcguard trace: -p and a command exclude each other\n");
		return 2;
	}
	/* Tracing a process that is not there would wait for nothing. */
	if (*pid && kill((pid_t)*pid, 0) < 0 && errno == ESRCH) {
		fprintf(stderr, "zcguard trace: -p %ld: no such process\n", *pid);
		return 2;
	}
	return -1;
}

/* The per-CPU counters summed; dur_max is this second's, then reset. */
static int read_counters(struct zctrace *s, struct zct_counters *sum,
			 bool reset_max)
{
	int ncpu = libbpf_num_possible_cpus(), i, err;
	__u64 max[ncpu > 0 ? ncpu : 1];
	struct zct_counters per[ncpu > 0 ? ncpu : 1];
	__u32 zero = 0;

	memset(sum, 0, sizeof(*sum));
	if (ncpu <= 0)
		return -1;
	err = bpf_map_lookup_elem(bpf_map__fd(s->maps.counters), &zero, per);
	if (err)
		return err;
	for (i = 0; i < ncpu; i++) {
		sum->entries += per[i].entries;
		sum->returns += per[i].returns;
		sum->violations += per[i].violations;
		sum->dropped += per[i].dropped;
		sum->errors += per[i].errors;
		sum->mapped += per[i].mapped;
		sum->copybuf += per[i].copybuf;
		sum->skipped += per[i].skipped;
		sum->dur_sum += per[i].dur_sum;
	}
	if (bpf_map_lookup_elem(bpf_map__fd(s->maps.durmax), &zero, max))
		return 0;
	for (i = 0; i < ncpu; i++)
		if (max[i] > sum->dur_max)
			sum->dur_max = max[i];
	if (reset_max) {
		memset(max, 0, sizeof(max));
		bpf_map_update_elem(bpf_map__fd(s->maps.durmax), &zero, max,
				    BPF_ANY);
	}
	return 0;
}

/* One summary line: what the counters gained since *prev. */
static void tick(struct zct_out *out, struct zctrace *s, double t_sec,
		 struct zct_counters *prev)
{
	struct zct_counters now, d;

	if (!out->summary || read_counters(s, &now, true))
		return;
	d.entries = now.entries - prev->entries;
	d.returns = now.returns - prev->returns;
	d.violations = now.violations - prev->violations;
	d.dropped = now.dropped - prev->dropped;
	d.errors = now.errors - prev->errors;
	d.mapped = now.mapped - prev->mapped;
	d.copybuf = now.copybuf - prev->copybuf;
	d.skipped = now.skipped - prev->skipped;
	d.dur_sum = now.dur_sum - prev->dur_sum;
	d.dur_max = now.dur_max;
	*prev = now;
	zct_out_tick(out, t_sec, &d);
}

/* Runs skipped by the kernel's recursion check, all programs summed. */
static unsigned long long missed_runs(struct zctrace *s)
{
	unsigned long long sum = 0;
	struct bpf_program *p;

	bpf_object__for_each_program(p, s->obj) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);

		if (bpf_program__fd(p) < 0 ||
		    bpf_obj_get_info_by_fd(bpf_program__fd(p), &info, &len))
			continue;
		sum += info.recursion_misses;
	}
	return sum;
}

static const char *level_name(int level)
{
	if (attach_only)
		return "attach only: no check, no count";
	return level == ZCT_LVL_EVENTS ? "a record per call" :
	       level == ZCT_LVL_SUMMARY ? "summary: per-CPU counters" :
	       level == ZCT_LVL_COUNT ? "quiet: per-CPU call counts" :
	       "entry only: per-CPU entry counts";
}

int cmd_trace(int argc, char **argv)
{
	struct zct_out out = { .f = stdout };
	unsigned long long start, deadline = 0, next_tick;
	struct zctrace *skel = NULL;
	struct ring_buffer *rb = NULL;
	const struct mode *mode = NULL;
	struct zct_counters cnt, prev = { 0 };
	struct sigaction sa = { .sa_handler = on_signal };
	int rc, err = 0, go_fd = -1, status, cmd_rc = 0;
	double duration = 0;
	pid_t child = 0;
	long pid = 0;
	int only = -1, level;
	size_t i;

	rc = parse_args(argc, argv, &out, &pid, &duration, &only);
	if (rc >= 0)
		return rc;
	libbpf_set_print(print_libbpf);
	/* The least work per call that still gives what was asked for. */
	level = out.summary ? ZCT_LVL_SUMMARY :
		out.entry_only ? ZCT_LVL_ENTRY :
		out.quiet ? ZCT_LVL_COUNT : ZCT_LVL_EVENTS;
	out.per_call = level == ZCT_LVL_EVENTS;
	if (optind < argc) {
		child = start_cmd(argv + optind, &go_fd);
		if (child < 0) {
			perror("zcguard trace: fork");
			return 3;
		}
		pid = child;
	}

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]) && !skel; i++) {
		if (only >= 0 && modes[i].how != (enum how)only)
			continue;
		skel = try_mode(&modes[i], pid, level, &err);
		mode = &modes[i];
	}
	if (!skel) {
		fprintf(stderr, "zcguard trace: cannot load/attach BPF on "
			"tcp_zerocopy_receive: %s (needs root, kernel BTF, "
			"fentry or kprobes; -v shows libbpf's log)\n",
			strerror(-err));
		rc = 3;
		goto out;
	}
	rb = ring_buffer__new(bpf_map__fd(skel->maps.events), on_event, &out,
			      NULL);
	if (!rb) {
		perror("zcguard trace: ring buffer");
		rc = 3;
		goto out;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	start = mono_ns();
	out.t0_ns = start;
	next_tick = start + 1000000000ULL;
	if (duration > 0)
		deadline = start + (unsigned long long)(duration * 1e9);
	/* -e attaches no return program: "fentry", not "fentry/fexit". */
	fprintf(stderr, "zcguard trace: attached (%.*s%s%s; %s)%s\n",
		(int)(level == ZCT_LVL_ENTRY ? strcspn(mode->name, "/") :
		      strlen(mode->name)), mode->name,
		mode->how == SYSCALL ? (level == ZCT_LVL_ENTRY ?
		" syscalls:sys_enter_getsockopt" :
		" syscalls:sys_enter/exit_getsockopt") :
		mode->how == RAW_SYSCALL ? (level == ZCT_LVL_ENTRY ?
		" sys_enter, getsockopt" : " sys_enter/sys_exit, getsockopt") :
		level == ZCT_LVL_ENTRY ? " on tcp_zerocopy_receive, optlen "
		"from the syscall's registers" :
		mode->optlen ? " on tcp_zerocopy_receive, optlen from "
		"__sys_getsockopt" : " on tcp_zerocopy_receive, no optlen",
		mode->fast ? ", direct loads" : "", level_name(level),
		child ? ", running the command" : "");
	if (go_fd >= 0) {
		if (write(go_fd, "g", 1) != 1)
			perror("zcguard trace: starting the command");
		close(go_fd);
		go_fd = -1;
	}

	while (!stop) {
		unsigned long long now;

		err = ring_buffer__poll(rb, POLL_MS);
		/* Records come without a wakeup: take them every period. */
		if (err >= 0)
			err = ring_buffer__consume(rb);
		if (err < 0 && err != -EINTR) {
			fprintf(stderr, "zcguard trace: ring buffer poll: %s\n",
				strerror(-err));
			break;
		}
		now = mono_ns();
		while (now >= next_tick) {
			tick(&out, skel, (next_tick - start) / 1e9, &prev);
			next_tick += 1000000000ULL;
		}
		if (deadline && now >= deadline)
			break;
		if (child && waitpid(child, &status, WNOHANG) == child) {
			cmd_rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 +
				 WTERMSIG(status);
			child = 0;
			break;
		}
	}
	if (child) {
		/*
		 * Stopped first (signal, duration): end the command before
		 * the counts are read, so no call slips in between.
		 */
		kill(-child, SIGTERM);
		waitpid(child, &status, 0);
		child = 0;
	}
	/* Whatever is still queued belongs to this run. */
	ring_buffer__consume(rb);
	read_counters(skel, &cnt, false);
	out.missed = missed_runs(skel);
	if (out.summary && (cnt.returns != prev.returns ||
			    cnt.violations != prev.violations))
		tick(&out, skel, (mono_ns() - start) / 1e9, &prev);
	zct_out_totals(&out, mode->name, &cnt);
	if (cmd_rc)
		fprintf(stderr, "zcguard trace: the command exited %d\n",
			cmd_rc);
	rc = (cnt.violations || cmd_rc) ? 1 : 0;
out:
	if (go_fd >= 0)
		close(go_fd);	/* the command never starts */
	if (child > 0)
		waitpid(child, &status, 0);	/* set-up failed: it exits */
	ring_buffer__free(rb);
	zctrace__destroy(skel);
	return rc;
}
