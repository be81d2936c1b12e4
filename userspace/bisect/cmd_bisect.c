// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard bisect: find the commit of a kernel tree that introduced (or,
 * with --fix, fixed) the crash a reproducer triggers, logging it the way
 * syzbot does. This file: options and every check that can refuse to
 * start, before anything is written; the bisection is in driver.c.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bisect/bisect.h"
#include "lib/datadir.h"
#include "lib/args.h"
#include "lib/file.h"
#include "lib/spawn.h"
#include "zcguard/cmd.h"

static void usage(FILE *f)
{
	fprintf(f,
"usage: zcguard bisect --repo DIR --bad REV --good REV [OPTIONS]\n"
"       zcguard bisect --repo DIR --resume | --reset\n"
"Builds commits of the kernel tree DIR, runs the reproducer on each in VMs\n"
"(zcguard vm) and drives git bisect to the first commit that crashes.\n"
"  --bad REV        a commit where the reproducer crashes the kernel\n"
"  --good REV       one where it does not (older; newer with --fix)\n"
"  --fix            find the commit that fixed the crash instead\n"
"  --config FILE    config fragment on tinyconfig (kernels/zcguard.config)\n"
"  --repro FILE     static reproducer, run in the guest as 'NAME --crash'\n"
"                   (build/repro/zc-syzbot)\n"
"  --runs N         VM runs per commit (3)\n"
"  -j N             build jobs (2)\n"
"  --resume         continue an interrupted bisection\n"
"  --reset          abandon it: git bisect reset, drop the saved state\n"
"  --log FILE       append the log to FILE too (WORKDIR/bisect.log)\n"
"  --workdir DIR    state, verdicts, logs (GIT_DIR/zcguard-bisect)\n"
"  --build-dir DIR  kernel build directory, kept (WORKDIR/obj)\n"
"  --build-cmd CMD  build with sh -c CMD (env ZCG_SRC, ZCG_OUT, ZCG_CONFIG;\n"
"                   prints the image path last) instead of build-kernel.sh\n"
"  --test-cmd CMD   test with sh -c CMD (env ZCG_KERNEL, ZCG_RUNS, ZCG_LOGS;\n"
"                   'run #N: ...' lines, exit 0/1/125) instead of zcguard vm\n"
"The tree must be clean; its HEAD is restored at the end or on Ctrl-C.\n"
"Exit: 0 culprit named, 1 no result (endpoints do not hold, error),\n"
"      2 usage, 3 inconclusive (skipped commits), 130 interrupted.\n");
}

static int bad_arg(const char *fmt, const char *arg)
{
	fprintf(stderr, "zcguard bisect: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 2;
}

static void on_signal(int sig)
{
	bisect_stop = sig;
}

/* Absolute path of an existing file, or NULL. */
static char *abs_file(const char *path)
{
	char *p = realpath(path, NULL);
	struct stat st;

	if (p && (stat(p, &st) || !S_ISREG(st.st_mode))) {
		free(p);
		p = NULL;
	}
	return p;
}

/* Absolute form of a path that may not exist yet. */
static void abs_path(const char *path, char *buf, size_t size)
{
	char cwd[PATH_MAX];

	if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		snprintf(buf, size, "%s", path);
	else if (snprintf(buf, size, "%s/%s", cwd, path) >= (int)size)
		buf[0] = '\0';	/* too long: fails later with a message */
}

static int find_data(struct bisect *b)
{
	char err[256];
	const char *d = zcg_datadir(err, sizeof(err));

	if (!d) {
		fprintf(stderr, "zcguard bisect: %s\n", err);
		return -1;
	}
	snprintf(b->top, sizeof(b->top), "%s", d);
	return 0;
}

static int resolve(struct bisect *b, const char *rev, char *sha,
		   const char *name)
{
	if (git_rev(b->repo, rev, sha)) {
		fprintf(stderr, "zcguard bisect: --%s %s: no such commit in %s\n",
			name, rev, b->repo);
		return -1;
	}
	return 0;
}

/* The older endpoint must be an ancestor of the newer one. */
static int check_order(struct bisect *b)
{
	const char *old = b->o.fix ? b->bad : b->good;
	const char *new = b->o.fix ? b->good : b->bad;

	if (!strcmp(b->bad, b->good)) {
		fprintf(stderr, "zcguard bisect: the good and bad commits are the same commit %s\n",
			b->bad);
		return -1;
	}
	if (git_is_ancestor(b->repo, old, new) == 1)
		return 0;
	if (git_is_ancestor(b->repo, new, old) == 1) {
		if (b->o.fix)
			fprintf(stderr, "zcguard bisect: with --fix the good (fixed) commit %s must be newer than the bad (crashing) commit %s: good and bad swapped?\n",
				b->good, b->bad);
		else
			fprintf(stderr, "zcguard bisect: the good commit %s is newer than the bad commit %s: good and bad swapped? (to find the commit that fixed a crash, use --fix)\n",
				b->good, b->bad);
	} else {
		fprintf(stderr, "zcguard bisect: %s is not an ancestor of %s: cannot bisect between them\n",
			old, new);
	}
	return -1;
}

static int check_tree(struct bisect *b)
{
	char path[PATH_MAX + 16];

	if (git_dirty(b->repo)) {
		fprintf(stderr, "zcguard bisect: %s has uncommitted changes: commit or stash them first\n",
			b->repo);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/.config", b->repo);
	if (!access(path, F_OK)) {
		fprintf(stderr, "zcguard bisect: %s holds an in-tree kernel build (.config): run 'make mrproper' there first (builds go to --build-dir)\n",
			b->repo);
		return -1;
	}
	return 0;
}

static int do_reset(struct bisect *b)
{
	if (git_bisecting(b)) {
		if (git_bisect_reset(b))
			return 1;
		printf("git bisect reset: HEAD of %s restored\n", b->repo);
	}
	state_clear(b, 1);
	printf("bisection state in %s removed\n", b->work);
	return 0;
}

static int setup(struct bisect *b, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "bad", required_argument, NULL, 'B' },
		{ "good", required_argument, NULL, 'G' },
		{ "config", required_argument, NULL, 'c' },
		{ "repro", required_argument, NULL, 'p' },
		{ "runs", required_argument, NULL, 'n' },
		{ "fix", no_argument, NULL, 'f' },
		{ "resume", no_argument, NULL, 'R' },
		{ "reset", no_argument, NULL, 'X' },
		{ "log", required_argument, NULL, 'l' },
		{ "workdir", required_argument, NULL, 'w' },
		{ "build-dir", required_argument, NULL, 'o' },
		{ "build-cmd", required_argument, NULL, 'b' },
		{ "test-cmd", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char *out = NULL, *p;
	int c;

	b->o.runs = 3;
	b->o.jobs = 2;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "hj:", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			b->o.repo = optarg;
			break;
		case 'B':
			b->o.bad = optarg;
			break;
		case 'G':
			b->o.good = optarg;
			break;
		case 'c':
			b->o.config = optarg;
			break;
		case 'p':
			b->o.repro = optarg;
			break;
		case 'f':
			b->o.fix = 1;
			break;
		case 'R':
			b->o.resume = 1;
			break;
		case 'X':
			b->o.reset = 1;
			break;
		case 'l':
			b->o.log = optarg;
			break;
		case 'w':
			b->o.workdir = optarg;
			break;
		case 'o':
			b->o.build_dir = optarg;
			break;
		case 'b':
			b->o.build_cmd = optarg;
			break;
		case 't':
			b->o.test_cmd = optarg;
			break;
		case 'n':
			if (zcg_parse_int(optarg, 1, 100, &b->o.runs))
				return bad_arg("--runs %s: want 1..100", optarg);
			break;
		case 'j':
			if (zcg_parse_int(optarg, 1, 64, &b->o.jobs))
				return bad_arg("-j %s: want 1..64", optarg);
			break;
		case 'h':
			usage(stdout);
			return -1;
		default:
			return bad_arg("unknown or incomplete option '%s' (-h for help)",
				       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bad_arg("unexpected argument '%s'", argv[optind]);
	if (!b->o.repo)
		return bad_arg("%s", "--repo DIR is required (-h for help)");
	if (b->o.resume && b->o.reset)
		return bad_arg("%s", "--resume and --reset exclude each other");
	if (!b->o.resume && !b->o.reset && (!b->o.bad || !b->o.good))
		return bad_arg("%s", "--bad REV and --good REV are required");
	if (b->o.config) {
		p = abs_file(b->o.config);
		if (!p)
			return bad_arg("--config %s: no such file", b->o.config);
		b->o.config = p;
	}
	if (b->o.repro) {
		p = abs_file(b->o.repro);
		if (!p)
			return bad_arg("--repro %s: no such file", b->o.repro);
		b->o.repro = p;
	}
	if (b->o.log) {
		p = malloc(PATH_MAX);
		if (!p)
			return bad_arg("%s", "out of memory");
		abs_path(b->o.log, p, PATH_MAX);
		b->o.log = p;
	}
	if (!realpath(b->o.repo, b->repo))
		return bad_arg("--repo %s: no such directory", b->o.repo);
	if (git_out(b->repo, &out, "rev-parse", "--absolute-git-dir", NULL) ||
	    !out || out[0] != '/') {
		free(out);
		return bad_arg("--repo %s: not a git repository", b->o.repo);
	}
	out[strcspn(out, "\n")] = '\0';
	snprintf(b->gitdir, sizeof(b->gitdir), "%s", out);
	free(out);
	if (find_data(b))
		return 2;
	if (b->o.workdir)
		abs_path(b->o.workdir, b->work, sizeof(b->work));
	else if (snprintf(b->work, sizeof(b->work), "%s/zcguard-bisect",
			  b->gitdir) >= (int)sizeof(b->work))
		return bad_arg("%s", "git directory path too long");
	return 0;
}

/* Options a fresh start needs that a --resume takes from the state. */
static int check_fresh(struct bisect *b)
{
	char path[PATH_MAX + 32];

	if (!b->o.build_cmd) {
		snprintf(path, sizeof(path), "%s/kernels/build-kernel.sh",
			 b->top);
		if (access(path, X_OK))
			return bad_arg("no %s: give --build-cmd", path);
	}
	if (!b->o.test_cmd && !b->o.repro) {
		/* the project's syzbot-style reproducer, when built */
		snprintf(path, sizeof(path), "%s/build/repro/zc-syzbot", b->top);
		if (access(path, X_OK))
			return bad_arg("%s", "--repro FILE is required (or --test-cmd)");
		b->o.repro = strdup(path);
	}
	if (resolve(b, b->o.bad, b->bad, "bad") ||
	    resolve(b, b->o.good, b->good, "good"))
		return 2;
	return 0;
}

int cmd_bisect(int argc, char **argv)
{
	struct bisect b = { 0 };
	char logpath[PATH_MAX];
	struct sigaction sa;
	int r;

	setenv("LC_ALL", "C", 1);	/* git's answers get parsed */
	r = setup(&b, argc, argv);
	if (r)
		return r < 0 ? 0 : r;
	if (b.o.reset) {
		r = do_reset(&b);
		if (r || !b.o.bad)
			return r;
		b.o.reset = 0;
	}
	if (b.o.resume) {
		if (state_load(&b))
			return bad_arg("nothing to resume in %s", b.work);
	} else {
		if (state_exists(&b) || git_bisecting(&b)) {
			fprintf(stderr, "zcguard bisect: a bisection is already in progress in %s: --resume continues it, --reset abandons it\n",
				b.repo);
			return 1;
		}
		r = check_fresh(&b);
		if (r)
			return r;
		if (check_order(&b))
			return 1;
	}
	if (!git_bisecting(&b) && check_tree(&b))
		return 1;

	/* --resume keeps the build directory it had (incremental builds) */
	if (b.o.build_dir)
		abs_path(b.o.build_dir, b.obj, sizeof(b.obj));
	else if (!b.obj[0])
		work_path(&b, b.obj, sizeof(b.obj), "obj");
	work_path(&b, logpath, sizeof(logpath), "builds");
	if (zcg_mkdir_p(logpath) || zcg_mkdir_p(b.obj)) {
		fprintf(stderr, "zcguard bisect: cannot create %s: %s\n",
			b.work, strerror(errno));
		return 1;
	}
	work_path(&b, logpath, sizeof(logpath), "bisect.log");
	b.logf = fopen(b.o.log ? b.o.log : logpath, "a");
	if (!b.logf) {
		fprintf(stderr, "zcguard bisect: cannot open the log %s: %s\n",
			b.o.log ? b.o.log : logpath, strerror(errno));
		return 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: waits see EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	kbuild_compiler(&b);
	b.started_ms = zcg_now_ms();
	r = bisect_main(&b);
	fclose(b.logf);
	return r;
}
