// SPDX-License-Identifier: GPL-2.0
/*
 * One run's verdict from what the VM left behind: the console (crash
 * reports, KTAP from modules), the results port (markers of the init,
 * the command's TAP and exit status) and how the runner stopped it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "report/report.h"
#include "vm/guest.h"
#include "vm/verdict.h"

/* The printk time of the line holding log[pos], or -1. */
static double stamp_at(const char *log, size_t pos)
{
	double t;

	while (pos > 0 && log[pos - 1] != '\n')
		pos--;
	if (log[pos] != '[' || sscanf(log + pos + 1, "%lf", &t) != 1)
		return -1;
	return t;
}

/*
 * Seconds from "Run /init" to the crash report: how long the reproducer
 * took to bring the kernel down, for the main job's table.
 */
static double crash_after_init(const struct vm_observed *ob, size_t start)
{
	const char *init = memmem(ob->console, start, "Run /init",
				  strlen("Run /init"));
	double a, b;

	if (!init)
		return -1;
	a = stamp_at(ob->console, init - ob->console);
	b = stamp_at(ob->console, start);
	return a < 0 || b < a ? -1 : b - a;
}

static int find_crash(const struct vm_observed *ob, struct zcg_run *r)
{
	struct zcg_report rep;

	if (zcg_report_parse(ob->console, ob->console_len, &rep) != 1)
		return 0;
	snprintf(r->detail, sizeof(r->detail), "%s", rep.title);
	r->corrupted = rep.corrupted;
	r->crash_seconds = crash_after_init(ob, rep.start);
	return 1;
}

/* The value after the last "@@zcguard:exit=", or -1. */
static int exit_marker(const char *out, size_t len)
{
	const char *p = out, *last = NULL;
	size_t n = strlen(MARK_EXIT);

	while ((p = memmem(p, len - (p - out), MARK_EXIT, n))) {
		last = p;
		p += n;
	}
	return last ? atoi(last + n) : -1;
}

/* "NAME:ERROR" of an insmod failure marker into buf, or 0. */
static int insmod_failure(const char *out, size_t len, char *buf,
			  size_t blen)
{
	size_t n = strlen(MARK_INSMOD_FAILED);
	const char *p = memmem(out, len, MARK_INSMOD_FAILED, n), *e;

	if (!p)
		return 0;
	p += n;
	e = strstr(p, MARK_END);
	if (!e)
		e = p + strlen(p);
	snprintf(buf, blen, "insmod %.*s", (int)(e - p), p);
	/* "insmod /lib/modules/x.ko:Invalid argument" -> "...: Invalid" */
	{
		char *colon = strrchr(buf, ':');

		if (colon && colon[1] != ' ' && strlen(buf) + 1 < blen) {
			memmove(colon + 2, colon + 1, strlen(colon + 1) + 1);
			colon[1] = ' ';
		}
	}
	return 1;
}

/* First line of qemu's own messages, for "boot failed: qemu: ...". */
static void qemu_reason(const char *log, char *buf, size_t len)
{
	const char *p = log ? log : "";
	size_t n;

	while (*p == '\n')
		p++;
	n = strcspn(p, "\n");
	if (n)
		snprintf(buf, len, "%.*s", (int)n, p);
	else
		snprintf(buf, len, "qemu ended before the guest's init ran");
}

/* The log the init's markers went to: results port, else console. */
static void marker_log(const struct vm_observed *ob, const char **log,
		       size_t *len)
{
	*log = ob->output;
	*len = ob->output_len;
	if (!memmem(ob->output, ob->output_len, MARK_INIT, strlen(MARK_INIT))) {
		*log = ob->console;
		*len = ob->console_len;
	}
}

void vm_classify(const struct vm_observed *ob, struct zcg_run *r)
{
	const char *mlog;
	size_t mlen;
	char why[200];

	marker_log(ob, &mlog, &mlen);
	r->booted = memmem(mlog, mlen, MARK_INIT, strlen(MARK_INIT)) != NULL;
	r->exit_status = exit_marker(mlog, mlen);
	memset(&r->tap, 0, sizeof(r->tap));
	tap_count(ob->output, ob->output_len, 0, &r->tap);
	tap_count_console(ob->console, ob->console_len, ob->output,
			  ob->output_len, &r->tap);
	r->detail[0] = '\0';
	r->crash_seconds = -1;

	/* A kernel crash wins over everything, timeouts included. */
	if (find_crash(ob, r)) {
		/* Before the init ran the test never started. */
		r->kind = r->booted ? ZCG_CRASHED : ZCG_BOOT_FAILED;
		return;
	}
	if (!r->booted) {
		r->kind = ZCG_BOOT_FAILED;
		if (ob->stop == VM_STOP_BOOT_TIMEOUT)
			snprintf(r->detail, sizeof(r->detail),
				 "no init after %ds%s", ob->boot_timeout,
				 ob->console_len ? "" : ", no console output");
		else if (ob->stop == VM_STOP_IDLE_TIMEOUT)
			snprintf(r->detail, sizeof(r->detail),
				 "no console output for %ds during boot",
				 ob->idle_timeout);
		else if (ob->stop == VM_STOP_TOTAL_TIMEOUT)
			snprintf(r->detail, sizeof(r->detail),
				 "no init after %ds%s", ob->timeout,
				 ob->console_len ? "" : ", no console output");
		else if (WIFEXITED(ob->qemu_status) &&
			 WEXITSTATUS(ob->qemu_status) == 0)
			snprintf(r->detail, sizeof(r->detail),
				 "kernel stopped before the init ran");
		else
			qemu_reason(ob->qemu_log, r->detail, sizeof(r->detail));
		return;
	}
	if (ob->stop == VM_STOP_TOO_MUCH) {
		r->kind = ZCG_FAILED;
		snprintf(r->detail, sizeof(r->detail),
			 "more than 256 MiB of output");
		return;
	}
	if (ob->stop == VM_STOP_IDLE_TIMEOUT || ob->stop == VM_STOP_TOTAL_TIMEOUT) {
		r->kind = ZCG_TIMED_OUT;
		if (ob->stop == VM_STOP_IDLE_TIMEOUT)
			snprintf(r->detail, sizeof(r->detail),
				 "no output for %ds", ob->idle_timeout);
		else
			snprintf(r->detail, sizeof(r->detail),
				 "run took more than %ds", ob->timeout);
		return;
	}
	if (r->tap.not_ok) {
		r->kind = ZCG_FAILED;
		snprintf(r->detail, sizeof(r->detail), "%s%s",
			 r->tap.first_fail,
			 r->tap.not_ok > 1 ? " (and more)" : "");
		return;
	}
	if (insmod_failure(mlog, mlen, why, sizeof(why))) {
		/* Usually a kernel/module mismatch: nothing was tested. */
		r->kind = ZCG_BOOT_FAILED;
		snprintf(r->detail, sizeof(r->detail), "%s", why);
		return;
	}
	if (r->exit_status < 0) {
		/* Booted, no crash report, yet the init never finished. */
		r->kind = ZCG_CRASHED;
		snprintf(r->detail, sizeof(r->detail),
			 "lost connection to test machine");
		return;
	}
	if (r->exit_status) {
		r->kind = ZCG_FAILED;
		snprintf(r->detail, sizeof(r->detail), "exit status %d",
			 r->exit_status);
		return;
	}
	r->kind = ZCG_OK;
}
