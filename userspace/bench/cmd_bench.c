// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard bench: what the zerocopy receive path costs, and a guard that
 * nothing added to it (kprobe module, BPF tracer, cgroup getsockopt
 * program) slows it down unnoticed. Argument parsing and dispatch; the
 * work is in the other files of this directory.
 */
#include <getopt.h>
#include <sched.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench/opts.h"
#include "bench/vm_bench.h"
#include "lib/args.h"
#include "lib/json.h"
#include "zcguard/cmd.h"

#define EXIT_USAGE 2
#define EXIT_ERROR 3
#define EXIT_SKIP 4

static const char usage_text[] =
"usage: zcguard bench [OPTIONS]   (root: runs in a private network namespace)\n"
"Loopback TCP receive: Gbit/s, CPU usec/MB, calls/MB, % mapped (med, min..max)\n"
"  -s, --sizes LIST     chunk sizes, 4K..16M  [4K,16K,64K,256K,512K,1M,2M]\n"
"  -m, --modes LIST     receivers: copy,zc,zc-hint,zc-copybuf,all  [all]\n"
"  -S, --senders LIST   send,msg_zc,all  [msg_zc: the only mappable pages]\n"
"  -r, --reps N         repetitions per case, interleaved  [5]\n"
"  -d, --duration SECS  sending time per repetition  [0.5]\n"
"  -q, --quick          smoke run: 64K, copy+zc, 1 rep of 0.3 s\n"
"      --json FILE      results as JSON ('-': stdout)\n"
"      --plot FILE      usec/MB vs chunk size, .svg or .png (gnuplot)\n"
"      --check          zc/copy usec/MB ratio at 64K, alternating reps, vs:\n"
"      --baseline R|FILE  a ratio or a --save-baseline file  [none: skip]\n"
"      --tolerance PCT  allowed rise  [25; --vm: 1]\n"
"      --save-baseline FILE  write this run's ratio\n"
"      --overhead LIST  zc with guards vs none, alternating: null, cgroup,\n"
"                trace, trace-q, trace-floor, module-warn, module-block\n"
"      --trace-cmd CMD  the trace guard  [\"<this zcguard> trace -e\"]\n"
"      --compare-tcp-mmap BIN  same-run usec/MB vs tcp_mmap.c (512K)\n"
"      --pin RX,TX|off  pin rx, tx  [off; on: --overhead, --compare-tcp-mmap]\n"
"  -4, --ipv4  IPv4 [IPv6]   --inject-zc-calls N  test: N more calls/zc receive\n"
"      --vm KERNEL      in a VM under qemu icount (6.1, 6.12, build/kernels NAME,\n"
"                bzImage): guest kinsn/MB; --check: vs baselines/NAME.json, 1%\n"
"Exit: 0 ok, 1 regression (--check) or disagreement (--compare-tcp-mmap),\n"
"2 usage, 3 error, 4 no network namespace (not permitted).\n";

enum {
	OPT_JSON = 256, OPT_PLOT, OPT_CHECK, OPT_BASELINE, OPT_TOLERANCE,
	OPT_SAVE_BASELINE, OPT_OVERHEAD, OPT_TRACE_CMD, OPT_TCP_MMAP,
	OPT_INJECT, OPT_PIN, OPT_VM,
};

static const struct option long_opts[] = {
	{ "sizes", required_argument, NULL, 's' },
	{ "modes", required_argument, NULL, 'm' },
	{ "senders", required_argument, NULL, 'S' },
	{ "reps", required_argument, NULL, 'r' },
	{ "duration", required_argument, NULL, 'd' },
	{ "quick", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "plot", required_argument, NULL, OPT_PLOT },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "tolerance", required_argument, NULL, OPT_TOLERANCE },
	{ "save-baseline", required_argument, NULL, OPT_SAVE_BASELINE },
	{ "overhead", required_argument, NULL, OPT_OVERHEAD },
	{ "trace-cmd", required_argument, NULL, OPT_TRACE_CMD },
	{ "compare-tcp-mmap", required_argument, NULL, OPT_TCP_MMAP },
	{ "inject-zc-calls", required_argument, NULL, OPT_INJECT },
	{ "pin", required_argument, NULL, OPT_PIN },
	{ "vm", required_argument, NULL, OPT_VM },
	{ "ipv4", no_argument, NULL, '4' },
	{ NULL, 0, NULL, 0 },
};

static int bad(const char *fmt, const char *arg)
{
	fprintf(stderr, "zcguard bench: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (try -h)\n");
	return -1;
}

int bench_parse_size(const char *s, size_t *out)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoull(s, &end, 10);
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	if (*end)
		return -1;
	*out = v;
	return 0;
}

static int parse_sizes(struct bench_opts *o, char *list)
{
	char *tok, *save = NULL;
	size_t v;

	o->nsizes = 0;
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (bench_parse_size(tok, &v) || v < 4096 || v > (16UL << 20) ||
		    v % 4096)
			return bad("bad chunk size '%s': want a multiple of 4K "
				   "in 4K..16M", tok);
		if (o->nsizes == BENCH_MAX_SIZES)
			return bad("too many sizes at '%s'", tok);
		o->sizes[o->nsizes++] = v;
	}
	return o->nsizes ? 0 : bad("empty size list%s", "");
}

/* Sets on[i] for each name of names[] in the list; "all" sets them all. */
static int parse_names(int *on, const char *const *names, int nr,
		       char *list, const char *what)
{
	char *tok, *save = NULL;
	int i, any = 0;

	memset(on, 0, nr * sizeof(*on));
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "all")) {
			for (i = 0; i < nr; i++)
				on[i] = 1;
			any = 1;
			continue;
		}
		for (i = 0; i < nr; i++)
			if (!strcmp(tok, names[i]))
				break;
		if (i == nr)
			return bad(what, tok);
		on[i] = any = 1;
	}
	return any ? 0 : bad(what, "");
}

static int parse_num(const char *s, double min, double max, double *out,
		     const char *what)
{
	if (zcg_parse_double(s, min, max, out))
		return bad(what, s);
	return 0;
}

static int parse_guards(struct bench_opts *o, char *list)
{
	static const char *const known[] = {
		"null", "cgroup", "trace", "trace-q", "trace-floor",
		"module-warn", "module-block",
	};
	char *tok, *save = NULL;
	size_t i;

	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (!strcmp(tok, known[i]))
				break;
		if (i == sizeof(known) / sizeof(known[0]))
			return bad("unknown guard '%s' (null, cgroup, trace, "
				   "trace-q, trace-floor, module-warn, "
				   "module-block)", tok);
		if (o->nguards == BENCH_MAX_GUARDS)
			return bad("too many guards at '%s'", tok);
		o->guards[o->nguards++] = known[i];
	}
	return o->nguards ? 0 : bad("empty guard list%s", "");
}

/*
 * --overhead resolves a few percent: unpinned, the scheduler moving the
 * receiver and sender about spreads the ratio of a quiet 2-CPU machine
 * over +-5..10 % (measured here), pinned over +-1..2 %. So it and
 * --compare-tcp-mmap pin to the first two CPUs they may use, unless
 * --pin says otherwise.
 */
static void default_pin(struct bench_opts *o)
{
	cpu_set_t set;
	int cpu, found = 0;

	if (sched_getaffinity(0, sizeof(set), &set))
		return;
	for (cpu = 0; cpu < CPU_SETSIZE && found < 2; cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		if (found++)
			o->tx_cpu = cpu;
		else
			o->rx_cpu = cpu;
	}
	if (found < 2)
		o->rx_cpu = o->tx_cpu = -1;
}

static void defaults(struct bench_opts *o)
{
	static const size_t sizes[] = {
		4 << 10, 16 << 10, 64 << 10, 256 << 10, 512 << 10,
		1 << 20, 2 << 20,
	};
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < (int)(sizeof(sizes) / sizeof(sizes[0])); i++)
		o->sizes[o->nsizes++] = sizes[i];
	for (i = 0; i < RX_NR; i++)
		o->rx_on[i] = 1;
	/*
	 * Since "tcp: add sanity checks to rx zerocopy" (2024, in stable
	 * trees) compound pages are never mapped. Plain send() fills skbs
	 * from the socket's compound page_frag; with MSG_ZEROCOPY loopback
	 * copies the user pages into order-0 pages at delivery, which map.
	 */
	o->tx_on[TX_ZEROCOPY] = 1;
	o->reps = 5;
	o->duration = 0.5;
	o->tolerance = 25;
	o->rx_cpu = o->tx_cpu = -1;
}

/* Returns 0, or -1 after printing the error (exit 2). */
static int parse(struct bench_opts *o, int argc, char **argv, int *help)
{
	int c, set_sizes = 0, set_reps = 0, set_dur = 0, set_modes = 0;
	int quick = 0, n, set_tol = 0;
	double v;
	char ch;

	defaults(o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":s:m:S:r:d:qh4", long_opts,
				NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_sizes(o, optarg))
				return -1;
			set_sizes = 1;
			break;
		case 'm':
			if (parse_names(o->rx_on, bench_rx_names, RX_NR, optarg,
					"unknown receiver mode '%s'"))
				return -1;
			set_modes = 1;
			break;
		case 'S':
			if (parse_names(o->tx_on, bench_tx_names, TX_NR, optarg,
					"unknown sender '%s'"))
				return -1;
			break;
		case 'r':
			if (zcg_parse_int(optarg, 1, 100, &o->reps))
				return bad("bad --reps '%s': want 1..100",
					   optarg);
			set_reps = 1;
			break;
		case 'd':
			if (parse_num(optarg, 0.05, 60, &v,
				      "bad --duration '%s': want 0.05..60 s"))
				return -1;
			o->duration = v;
			set_dur = 1;
			break;
		case 'q':
			quick = 1;
			break;
		case 'h':
			*help = 1;
			return 0;
		case '4':
			bench_family = AF_INET;
			break;
		case OPT_JSON:
			o->json = optarg;
			break;
		case OPT_PLOT:
			o->plot = optarg;
			break;
		case OPT_CHECK:
			o->check = 1;
			break;
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_TOLERANCE:
			if (parse_num(optarg, 0, 1000, &o->tolerance,
				      "bad --tolerance '%s': want 0..1000"))
				return -1;
			set_tol = 1;
			break;
		case OPT_SAVE_BASELINE:
			o->save_baseline = optarg;
			break;
		case OPT_OVERHEAD:
			if (parse_guards(o, optarg))
				return -1;
			break;
		case OPT_TRACE_CMD:
			o->trace_cmd = optarg;
			break;
		case OPT_TCP_MMAP:
			o->tcp_mmap = optarg;
			break;
		case OPT_INJECT:
			if (zcg_parse_int(optarg, 0, 100000, &n))
				return bad("bad --inject-zc-calls '%s'", optarg);
			o->inject_calls = n;
			break;
		case OPT_VM:
			o->vm = optarg;
			break;
		case OPT_PIN:
			o->pin_set = 1;
			if (!strcmp(optarg, "off")) {
				o->rx_cpu = o->tx_cpu = -1;
				break;
			}
			if (sscanf(optarg, "%d,%d%c", &o->rx_cpu, &o->tx_cpu,
				   &ch) != 2 || o->rx_cpu < 0 ||
			    o->tx_cpu < 0 || o->rx_cpu >= CPU_SETSIZE ||
			    o->tx_cpu >= CPU_SETSIZE)
				return bad("bad --pin '%s': want RXCPU,TXCPU",
					   optarg);
			break;
		case ':':
			return bad("option '%s' needs an argument",
				   argv[optind - 1]);
		default:
			return bad("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bad("unexpected argument '%s'", argv[optind]);
	if (o->check + !!o->nguards + !!o->tcp_mmap > 1)
		return bad("--check, --overhead and --compare-tcp-mmap are "
			   "separate runs%s", "");
	if ((o->baseline || o->save_baseline) && !o->check)
		return bad("--baseline/--save-baseline go with --check%s", "");
	if (o->plot && (o->check || o->nguards || o->tcp_mmap))
		return bad("--plot goes with the sweep%s", "");
	/*
	 * The special runs measure at one chunk size (64K unless -s says
	 * otherwise) and fewer, shorter repetitions by default.
	 */
	if (quick || o->check || o->nguards || o->tcp_mmap) {
		if (!set_sizes) {
			o->sizes[0] = o->tcp_mmap ? 512 << 10 : 64 << 10;
			o->nsizes = 1;
		}
		if (o->nsizes != 1 && !quick)
			return bad("this run takes one chunk size%s", "");
	}
	if (quick) {
		if (!set_modes) {
			memset(o->rx_on, 0, sizeof(o->rx_on));
			o->rx_on[RX_COPY] = o->rx_on[RX_ZC] = 1;
		}
		if (!set_reps)
			o->reps = 1;
		if (!set_dur)
			o->duration = 0.3;
	}
	if (o->vm && (o->nguards || o->tcp_mmap))
		return bad("--vm runs the sweep or --check%s", "");
	o->reps_set = set_reps;
	o->duration_set = set_dur;
	o->tolerance_set = set_tol;
	if (o->vm) {
		/*
		 * Guest time is exact: short runs say all there is to say
		 * (--check: the baseline's own reps and duration, see
		 * bench_vm_check_timing()).
		 */
		if (!set_reps)
			o->reps = 3;
		if (!set_dur)
			o->duration = 0.05;
		if (o->check && !set_modes) {
			memset(o->rx_on, 0, sizeof(o->rx_on));
			o->rx_on[RX_ZC] = 1;
		}
		if (o->check && !set_tol)
			o->tolerance = 1;
	} else if (o->check && !set_dur) {
		o->duration = 0.3;
	}
	if ((o->nguards || o->tcp_mmap) && !o->pin_set)
		default_pin(o);
	return 0;
}

static int run_sweep(const struct bench_opts *o)
{
	struct bench_result r[TX_NR * RX_NR * BENCH_MAX_SIZES];
	struct zcg_json j;
	struct utsname u;
	char note[256];
	int n, i;

	if (bench_sweep(o, r, &n))
		return EXIT_ERROR;
	bprintf("zcguard bench: loopback in a private netns, lo mtu %u, "
		"%d rep(s) x %.2f s per case\n", bench_lo_mtu(), o->reps,
		o->duration);
	bench_table_header(bench_out);
	for (i = 0; i < n; i++)
		bench_table_row(bench_out, &r[i]);
	fflush(bench_out);
	if (o->json) {
		if (bench_json_open(o, "sweep", &j))
			return EXIT_ERROR;
		bench_json_results(&j, r, n);
		bench_json_close(&j);
	}
	if (o->plot) {
		uname(&u);
		snprintf(note, sizeof(note), "Linux %s, %ld CPUs, lo mtu %u, "
			 "%d rep(s) x %.2f s per case", u.release,
			 sysconf(_SC_NPROCESSORS_ONLN), bench_lo_mtu(),
			 o->reps, o->duration);
		if (bench_plot(o->plot, note, r, n))
			return EXIT_ERROR;
		bprintf("plot: %s\n", o->plot);
	}
	return 0;
}

int cmd_bench(int argc, char **argv)
{
	struct bench_opts o;
	char err[256];
	int help = 0;

	bench_out = stdout;
	if (parse(&o, argc, argv, &help))
		return EXIT_USAGE;
	/* JSON on stdout: the table and verdict lines move to stderr. */
	if (o.json && !strcmp(o.json, "-"))
		bench_out = stderr;
	if (help) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (bench_json_writable(&o))
		return EXIT_ERROR;
	if (o.vm)
		return bench_vm(&o);
	if (bench_netns_enter(err, sizeof(err))) {
		fprintf(stderr, "zcguard bench: %s\n", err);
		return EXIT_SKIP;
	}
	if (o.check)
		return bench_check(&o);
	if (o.nguards)
		return bench_overhead(&o);
	if (o.tcp_mmap)
		return bench_compare_tcp_mmap(&o);
	return run_sweep(&o);
}
