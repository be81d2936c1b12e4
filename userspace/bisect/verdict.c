// SPDX-License-Identifier: GPL-2.0
/*
 * Testing one commit: build it, sign the kernel, run the reproducer in
 * VMs with `zcguard vm` (or --test-cmd) and turn the per-run lines into
 * good / bad / skip, the way syzkaller does: any crash is bad, a run that
 * could not be done (boot failure, timeout) counts for nothing, and a
 * commit where most runs could not be done is skipped.
 *
 * Two caches under the work directory: verdicts/SIG (a kernel already
 * tested: same signature, same verdict, said so in the log) and
 * tested/SHA (a commit already tested: --resume does not redo it).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bisect/bisect.h"
#include "lib/file.h"
#include "lib/spawn.h"
#include "report/report.h"

#define TEST_TIMEOUT_MS (60 * 60 * 1000)

static const char *outcome_name[] = { "ok", "crash", "skip" };

static void record_write(const char *path, const struct verdict *v,
			 const char *commit, const char *lines)
{
	char tmp[PATH_MAX + 8];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return;
	fprintf(f, "outcome %s\nsig %s\ncommit %s\ntitle %s\nconsole %s\n--\n%s",
		outcome_name[v->outcome], v->sig, commit, v->title, v->console,
		lines);
	tmp_commit(f, tmp, path);
}

/* Field value after "key " on its own line, copied into buf. */
static void field(const char *text, const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);
	const char *p = text;

	buf[0] = '\0';
	while (p && *p && strncmp(p, "--\n", 3)) {
		if (!strncmp(p, key, klen) && p[klen] == ' ') {
			p += klen + 1;
			snprintf(buf, size, "%.*s", (int)strcspn(p, "\n"), p);
			return;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
}

/* 0 and *v (+ commit, logged lines) filled, or -1 if there is no record. */
static int record_read(const char *path, struct verdict *v, char *commit,
		       size_t csize, char **lines)
{
	char *text = zcg_read_file(path, NULL), out[16], *sep;
	int i;

	if (!text)
		return -1;
	memset(v, 0, sizeof(*v));
	field(text, "outcome", out, sizeof(out));
	v->outcome = OUT_SKIP;
	for (i = 0; i < 3; i++)
		if (!strcmp(out, outcome_name[i]))
			v->outcome = i;
	field(text, "sig", v->sig, sizeof(v->sig));
	field(text, "title", v->title, sizeof(v->title));
	field(text, "console", v->console, sizeof(v->console));
	if (commit)
		field(text, "commit", commit, csize);
	sep = strstr(text, "\n--\n");
	if (lines)
		*lines = strdup(sep ? sep + 4 : "");
	free(text);
	return 0;
}

int verdict_lookup_commit(struct bisect *b, const char *sha,
			  struct verdict *v)
{
	char path[PATH_MAX];

	work_path(b, path, sizeof(path), "tested/%s", sha);
	return record_read(path, v, NULL, 0, NULL);
}

static void add_line(char **acc, const char *s, size_t n)
{
	size_t old = *acc ? strlen(*acc) : 0;
	char *p = realloc(*acc, old + n + 2);

	if (!p)
		return;
	memcpy(p + old, s, n);
	p[old + n] = '\n';
	p[old + n + 1] = '\0';
	*acc = p;
}

/*
 * Reads `zcguard vm` output: "run #N: OK|crashed: T|failed: R|boot
 * failed: R|timed out: R" and "all runs: ...". Fills v and *lines with
 * what the log shows (the "all runs" line when the runs agree, else
 * every run line, as syzbot's logs do).
 */
static void judge(const char *out, int status, const char *logs,
		  struct verdict *v, char **lines)
{
	int ok = 0, crash = 0, infra = 0, runs = 0, n;
	char *all = NULL, *each = NULL, infra_why[200] = "";
	const char *p, *next;

	for (p = out; *p; p = next) {
		size_t len = strcspn(p, "\n");
		const char *what;
		int num;

		next = p + len + (p[len] != '\0');
		if (!strncmp(p, "all runs: ", 10)) {
			free(all);
			all = NULL;
			add_line(&all, p, len);
			continue;
		}
		if (sscanf(p, "run #%d: %n", &num, &n) != 1 || !n)
			continue;
		add_line(&each, p, len);
		runs++;
		what = p + n;
		len -= n;
		if (len == 2 && !strncmp(what, "OK", 2)) {
			ok++;
		} else if (!strncmp(what, "crashed: ", 9) ||
			   !strncmp(what, "failed: ", 8)) {
			if (!crash++) {
				const char *t = what[0] == 'c' ? what + 9 : what;
				size_t tl = len - (t - what);

				snprintf(v->title, sizeof(v->title), "%.*s",
					 (int)tl, t);
				if (snprintf(v->console, sizeof(v->console),
					     "%s/run-%d.console", logs, num) >=
				    (int)sizeof(v->console))
					v->console[0] = '\0';
			}
		} else {
			if (!infra++)
				snprintf(infra_why, sizeof(infra_why), "%.*s",
					 (int)len, what);
		}
	}
	if (runs == 0) {
		/* No run lines: the exit code is all there is. */
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

		if (code == 0) {
			v->outcome = OUT_OK;
			add_line(lines, "all runs: OK", 12);
		} else if (code == 1) {
			v->outcome = OUT_CRASH;
			snprintf(v->title, sizeof(v->title),
				 "test failed (exit 1)");
			add_line(lines, "all runs: failed: test exited 1", 31);
		} else {
			v->outcome = OUT_SKIP;
			snprintf(v->title, sizeof(v->title),
				 "test could not run (exit %d)", code);
			add_line(lines, v->title, strlen(v->title));
		}
		free(all);
		free(each);
		return;
	}
	*lines = all ? all : each;
	if (all)
		free(each);
	if (crash) {
		v->outcome = OUT_CRASH;
	} else if (ok && infra * 2 <= runs) {
		v->outcome = OUT_OK;
	} else {
		v->outcome = OUT_SKIP;
		snprintf(v->title, sizeof(v->title),
			 "too many infrastructure errors (%d of %d runs: %s)",
			 infra, runs, infra_why);
		add_line(lines, v->title, strlen(v->title));
	}
}

/* Runs the reproducer on kernel. 0 done, -2 interrupted, -1 error. */
static int run_test(struct bisect *b, const char *sha, const char *kernel,
		    struct verdict *v, char **lines)
{
	char logs[PATH_MAX], outpath[PATH_MAX + 16], runs[16], pid_s[16];
	char *out, *argv[16];
	const char *base;
	int status = 0, r;
	pid_t pid;

	work_path(b, logs, sizeof(logs), "runs/%s", sha);
	zcg_rm_rf(logs);
	if (zcg_mkdir_p(logs))
		return -1;
	snprintf(outpath, sizeof(outpath), "%s/vm.out", logs);
	snprintf(runs, sizeof(runs), "%d", b->o.runs);
	snprintf(pid_s, sizeof(pid_s), "%d", (int)getpid());
	setenv("ZCG_KERNEL", kernel, 1);
	setenv("ZCG_RUNS", runs, 1);
	setenv("ZCG_LOGS", logs, 1);
	setenv("ZCG_COMMIT", sha, 1);
	setenv("ZCG_BISECT_PID", pid_s, 1);
	if (b->o.test_cmd) {
		argv[0] = "/bin/sh";
		argv[1] = "-c";
		argv[2] = (char *)b->o.test_cmd;
		argv[3] = NULL;
	} else {
		base = strrchr(b->o.repro, '/');
		base = base ? base + 1 : b->o.repro;
		r = 0;
		argv[r++] = b->self;
		argv[r++] = "vm";
		argv[r++] = "--kernel";
		argv[r++] = (char *)kernel;
		argv[r++] = "--runs";
		argv[r++] = runs;
		argv[r++] = "--keep-logs";
		argv[r++] = logs;
		argv[r++] = "--file";
		argv[r++] = (char *)b->o.repro;
		argv[r++] = "--";
		argv[r++] = (char *)base;
		argv[r++] = "--crash";
		argv[r] = NULL;
	}
	pid = zcg_spawn(argv, outpath, -1);
	if (pid < 0)
		return -1;
	r = bisect_wait(pid, TEST_TIMEOUT_MS, &status);
	if (r == -2)
		return -2;
	if (r)
		status = 125 << 8;	/* timed out: could not test */
	out = zcg_read_file(outpath, NULL);
	judge(out ? out : "", status, logs, v, lines);
	free(out);
	return 0;
}

static long long since(long long t0)
{
	return zcg_now_ms() - t0;
}

/* Logs a line and keeps it for the commit's record. */
static void say(struct bisect *b, char **acc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(struct bisect *b, char **acc, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(msg))
		n = sizeof(msg) - 1;
	blog(b, "%s", msg);
	add_line(acc, msg, n);
}

/* Logs multi-line text (each line ending in \n) and keeps it too. */
static void say_text(struct bisect *b, char **acc, const char *text)
{
	size_t n = strlen(text);

	blog_text(b, text);
	while (n && text[n - 1] == '\n')
		n--;
	if (n)
		add_line(acc, text, n);
}

/*
 * Tests the checked-out commit sha and logs it. 0 (v filled), -2 when
 * interrupted, -1 on an error that stops the bisection.
 */
int test_commit(struct bisect *b, const char *sha, struct verdict *v)
{
	char path[PATH_MAX], vpath[PATH_MAX], kernel[PATH_MAX], err[512];
	char other[SHA_LEN + 1], *lines = NULL, *old_lines = NULL;
	char *vlines = NULL;
	struct verdict old;
	long long t0;
	int r;

	memset(v, 0, sizeof(*v));
	blog(b, "testing commit %s with %s", sha, b->compiler);
	work_path(b, path, sizeof(path), "tested/%s", sha);
	if (record_read(path, v, NULL, 0, &lines) == 0) {
		/* Tested before an interruption: same log lines, no rebuild. */
		blog(b, "(tested before the interruption, result reused)");
		blog_text(b, lines);
		free(lines);
		return 0;
	}

	t0 = zcg_now_ms();
	r = kbuild(b, sha, kernel, sizeof(kernel), err, sizeof(err));
	b->build_ms += since(t0);
	if (r == -2)
		return -2;
	if (r == 0 && kernel_signature(kernel, v->sig)) {
		snprintf(err, sizeof(err), "cannot hash %.400s", kernel);
		r = 1;
	}
	if (r) {
		v->outcome = OUT_SKIP;
		v->sig[0] = '\0';
		snprintf(v->title, sizeof(v->title), "build failed");
		say(b, &lines, "failed building %s: %s", sha, err);
		goto out;
	}
	say(b, &lines, "kernel signature: %s", v->sig);

	work_path(b, vpath, sizeof(vpath), "verdicts/%s", v->sig);
	if (record_read(vpath, &old, other, sizeof(other), &old_lines) == 0 &&
	    old.outcome != OUT_SKIP) {
		*v = old;
		say(b, &lines,
		    "the same kernel was already tested at commit %s, reusing its verdict",
		    other);
		say_text(b, &lines, old_lines);
		goto out;
	}

	t0 = zcg_now_ms();
	r = run_test(b, sha, kernel, v, &vlines);
	b->test_ms += since(t0);
	if (r) {
		free(vlines);
		free(lines);
		return r;
	}
	say_text(b, &lines, vlines ? vlines : "");
	if (v->outcome != OUT_SKIP)
		record_write(vpath, v, sha, vlines ? vlines : "");
out:
	b->tested++;	/* only once it has a result: --resume redoes it */
	record_write(path, v, sha, lines ? lines : "");
	free(old_lines);
	free(vlines);
	free(lines);
	return 0;
}

/* "crash: TITLE" and the report from the crashing run's console. */
void print_crash_report(struct bisect *b, const struct verdict *v)
{
	struct zcg_report rep;
	size_t len;
	char *log;

	blog(b, "crash: %s", v->title);
	if (!v->console[0])
		return;
	log = zcg_read_file(v->console, &len);
	if (!log)
		return;
	/* The parser's own text: printk stamps off, as syzbot's reports. */
	if (zcg_report_parse(log, len, &rep) == 1) {
		char *text = zcg_report_text(log, len, &rep);

		if (text)
			blog_text(b, text);
		free(text);
	}
	free(log);
}
