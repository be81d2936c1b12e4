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
#include "verdict/verdict.h"
#include "vm/session.h"

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

static void add_str(char **acc, const char *s)
{
	add_line(acc, s, strlen(s));
}

/*
 * The decided verdict into the bisection's terms. The log shows what
 * syzbot's does: "all runs: X" when the runs agree, else every run.
 */
static void from_verdict(const struct zcg_run *runs, int n,
			 const struct zcg_verdict *zv, const char *logs,
			 struct verdict *v, char **lines)
{
	char line[400];
	int i;

	if (zv->all_same) {
		add_str(lines, zv->runs_line);
	} else {
		for (i = 0; i < n; i++) {
			snprintf(line, sizeof(line), "run #%d: ", runs[i].run);
			zcg_run_str(&runs[i], line + strlen(line),
				    sizeof(line) - strlen(line));
			add_str(lines, line);
		}
	}
	switch (zv->decision) {
	case ZCG_GOOD:
		v->outcome = OUT_OK;
		break;
	case ZCG_BAD:
		v->outcome = OUT_CRASH;
		snprintf(v->title, sizeof(v->title), "%s", zv->title);
		if (snprintf(v->console, sizeof(v->console), "%s/run-%d.console",
			     logs, runs[zv->named_by].run) >= (int)sizeof(v->console))
			v->console[0] = '\0';
		break;
	default:
		v->outcome = OUT_SKIP;
		snprintf(v->title, sizeof(v->title), "%.*s",
			 (int)sizeof(v->title) - 1, zv->text);
		add_str(lines, zv->text);
	}
}

/*
 * One run of a --test-cmd from what it left: a console log
 * ($ZCG_LOGS/run-N.console) is read by the report parser like a VM's;
 * without one the exit code speaks.
 */
static int cmd_run(const char *logs, int i, int code, struct zcg_run *r)
{
	struct zcg_report rep;
	char path[PATH_MAX + 32];
	size_t len;
	char *log;

	memset(r, 0, sizeof(*r));
	r->run = i;
	r->exit_status = code;
	r->crash_seconds = -1;
	snprintf(path, sizeof(path), "%s/run-%d.console", logs, i);
	log = zcg_read_file(path, &len);
	if (log && zcg_report_parse(log, len, &rep) == 1) {
		r->kind = ZCG_CRASHED;
		snprintf(r->detail, sizeof(r->detail), "%s", rep.title);
		r->corrupted = rep.corrupted;
	} else if (code == 0) {
		r->kind = ZCG_OK;
	} else {
		r->kind = ZCG_FAILED;
		snprintf(r->detail, sizeof(r->detail), "test exited %d", code);
	}
	free(log);
	return log != NULL;
}

/*
 * --test-cmd, with `git bisect run`'s exit codes: 125 (or a timeout)
 * means it could not test; its runs are decided like a VM's.
 */
static int run_cmd(struct bisect *b, const char *logs, struct verdict *v,
		   char **lines)
{
	char outpath[PATH_MAX + 16];
	char *argv[] = { "/bin/sh", "-c", (char *)b->o.test_cmd, NULL };
	struct zcg_verdict zv;
	struct zcg_run *runs;
	int status = 0, r, code, i, n = b->o.runs, consoles = 0;
	pid_t pid;

	snprintf(outpath, sizeof(outpath), "%s/test-cmd.out", logs);
	pid = zcg_spawn(argv, outpath, -1);
	if (pid < 0)
		return -1;
	r = bisect_wait(pid, TEST_TIMEOUT_MS, &status);
	if (r == -2)
		return -2;
	code = r ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	runs = calloc(n, sizeof(*runs));
	if (!runs)
		return -1;
	for (i = 0; i < n; i++)
		consoles += cmd_run(logs, i, code, &runs[i]);
	if (!consoles)
		n = 1;	/* only an exit code: one answer */
	if (code == 125 || code < 0 || code >= 128) {
		for (i = 0; i < n; i++) {
			runs[i].kind = code == -1 ? ZCG_TIMED_OUT : ZCG_BOOT_FAILED;
			snprintf(runs[i].detail, sizeof(runs[i].detail),
				 code == -1 ? "test command timed out" :
				 "test command exited %d", code);
		}
	}
	zcg_decide(runs, n, &zv);
	from_verdict(runs, n, &zv, logs, v, lines);
	free(runs);
	return 0;
}

/* Runs the reproducer on kernel in VMs, in this process. */
static int run_test(struct bisect *b, const char *sha, const char *kernel,
		    struct verdict *v, char **lines)
{
	char logs[PATH_MAX], err[512], runs_s[16], pid_s[16], *cmd[3];
	struct vm_file file;
	struct vm_opts o;
	struct vm_summary sum;
	struct vm_session ses = { .o = &o, .stop = &bisect_stop, .quiet = 1 };
	const char *base;
	int r;

	work_path(b, logs, sizeof(logs), "runs/%s", sha);
	zcg_rm_rf(logs);
	if (zcg_mkdir_p(logs))
		return -1;
	setenv("ZCG_KERNEL", kernel, 1);
	setenv("ZCG_LOGS", logs, 1);
	setenv("ZCG_COMMIT", sha, 1);
	snprintf(runs_s, sizeof(runs_s), "%d", b->o.runs);
	snprintf(pid_s, sizeof(pid_s), "%d", (int)getpid());
	setenv("ZCG_RUNS", runs_s, 1);
	setenv("ZCG_BISECT_PID", pid_s, 1);
	if (b->o.test_cmd)
		return run_cmd(b, logs, v, lines);

	base = strrchr(b->o.repro, '/');
	base = base ? base + 1 : b->o.repro;
	vm_opts_defaults(&o);
	snprintf(o.kernel, sizeof(o.kernel), "%s", kernel);
	o.runs = b->o.runs;
	o.keep_logs = logs;
	file.src = b->o.repro;
	snprintf(file.dst, sizeof(file.dst), "/bin/%s", base);
	o.files = &file;
	o.nfiles = 1;
	cmd[0] = (char *)base;
	cmd[1] = "--crash";
	cmd[2] = NULL;
	o.cmd = cmd;
	if (vm_opts_check(&o, err, sizeof(err)) < 0) {
		v->outcome = OUT_SKIP;
		snprintf(v->title, sizeof(v->title), "%.*s",
			 (int)sizeof(v->title) - 1, err);
		add_str(lines, err);
		return 0;
	}
	r = vm_session_run(&ses, &sum, err, sizeof(err));
	if (r == -2)
		return -2;
	if (r < 0) {
		v->outcome = OUT_SKIP;
		snprintf(v->title, sizeof(v->title), "%.*s",
			 (int)sizeof(v->title) - 1, err);
		add_str(lines, err);
		return 0;
	}
	from_verdict(sum.results, sum.n, &sum.v, logs, v, lines);
	free((void *)sum.results);
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
