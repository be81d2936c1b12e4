// SPDX-License-Identifier: GPL-2.0
/*
 * The run loop: keeps up to --parallel qemu processes going, watches their
 * log files for the init's marker and for activity, enforces the boot,
 * idle and total timeouts, and turns each finished VM into a verdict.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lib/file.h"
#include "lib/spawn.h"
#include "vm/guest.h"
#include "vm/qemu.h"
#include "vm/run.h"

#define POLL_MS 100
/* A flood this big is a verdict already; do not fill the disk. */
#define VM_MAX_LOG (256LL << 20)

struct slot {
	int run;		/* -1: free */
	pid_t pid;
	int pidfd;
	long long start, activity, booted_at;
	off_t csize, osize;
	char console[PATH_MAX], output[PATH_MAX], qlog[PATH_MAX];
};

static off_t file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : 0;
}

static int start(const struct vm_runner *rn, struct slot *s, int run)
{
	char **argv;

	snprintf(s->console, sizeof(s->console), "%s/run-%d.console",
		 rn->logdir, run);
	snprintf(s->output, sizeof(s->output), "%s/run-%d.output",
		 rn->logdir, run);
	snprintf(s->qlog, sizeof(s->qlog), "%s/run-%d.qemu", rn->logdir, run);
	/* qemu truncates these itself; do it first so sizes start at 0. */
	zcg_write_file(s->console, "", 0);
	zcg_write_file(s->output, "", 0);
	argv = vm_qemu_argv(rn->o, rn->kvm, rn->initrd, s->console, s->output);
	if (!argv)
		return -1;
	s->pid = zcg_spawn(argv, s->qlog, -1);
	vm_qemu_argv_free(argv);
	if (s->pid < 0)
		return -1;
	s->pidfd = syscall(SYS_pidfd_open, s->pid, 0);
	s->run = run;
	s->start = s->activity = zcg_now_ms();
	s->booted_at = -1;
	s->csize = s->osize = 0;
	return 0;
}

static void finish(const struct vm_runner *rn, struct slot *s,
		   enum vm_stop stop, int status, struct zcg_run *r)
{
	struct vm_observed ob = {
		.stop = stop,
		.qemu_status = status,
		.boot_timeout = rn->o->boot_timeout,
		.idle_timeout = rn->o->idle_timeout,
		.timeout = rn->o->timeout,
	};
	char *console, *output, *qlog;
	long long now = zcg_now_ms();

	console = zcg_read_file(s->console, &ob.console_len);
	output = zcg_read_file(s->output, &ob.output_len);
	qlog = zcg_read_file(s->qlog, NULL);
	ob.console = console ? console : "";
	ob.output = output ? output : "";
	if (!console)
		ob.console_len = 0;
	if (!output)
		ob.output_len = 0;
	ob.qemu_log = qlog;

	memset(r, 0, sizeof(*r));
	r->run = s->run;
	vm_classify(&ob, r);
	r->seconds = (now - s->start) / 1000.0;
	r->boot_seconds = s->booted_at >= 0 ?
			  (s->booted_at - s->start) / 1000.0 : -1;
	free(console);
	free(output);
	free(qlog);
	if (!rn->keep) {
		unlink(s->console);
		unlink(s->output);
		unlink(s->qlog);
	}
	if (s->pidfd >= 0)
		close(s->pidfd);
	s->run = -1;
	if (rn->done)
		rn->done(r, rn->ctx);
}

/* Looks at a running VM's files: activity, the init's marker. */
static void watch(struct slot *s, long long now)
{
	off_t c = file_size(s->console), o = file_size(s->output);

	if (c != s->csize || o != s->osize) {
		s->activity = now;
		s->csize = c;
		s->osize = o;
		/* The marker can only have appeared if a file grew. */
		if (s->booted_at < 0 && (o > 0 || c > 0) &&
		    (zcg_file_has(s->output, MARK_INIT) ||
		     zcg_file_has(s->console, MARK_INIT)))
			s->booted_at = now;
	}
}

static enum vm_stop overdue(const struct vm_opts *o, struct slot *s,
			    long long now)
{
	if (s->csize > VM_MAX_LOG || s->osize > VM_MAX_LOG)
		return VM_STOP_TOO_MUCH;
	if (now - s->start >= o->timeout * 1000LL)
		return VM_STOP_TOTAL_TIMEOUT;
	if (s->booted_at < 0 && now - s->start >= o->boot_timeout * 1000LL)
		return VM_STOP_BOOT_TIMEOUT;
	if (now - s->activity >= o->idle_timeout * 1000LL)
		return VM_STOP_IDLE_TIMEOUT;
	return VM_STOP_EXITED;
}

int vm_run_all(const struct vm_runner *rn, struct zcg_run *results)
{
	const struct vm_opts *o = rn->o;
	int p = o->parallel, next = 0, finished = 0, running = 0, i, ret = 0;
	long long t0 = zcg_now_ms(), last_tick = 0;
	struct slot *slots = calloc(p, sizeof(*slots));
	struct pollfd *pfds = calloc(p, sizeof(*pfds));

	if (!slots || !pfds) {
		free(slots);
		free(pfds);
		return -1;
	}
	for (i = 0; i < p; i++)
		slots[i].run = -1;

	while (finished < o->runs) {
		long long now;
		int n = 0;

		if (*rn->stop) {
			ret = -1;
			break;
		}
		for (i = 0; i < p && next < o->runs; i++) {
			if (slots[i].run >= 0)
				continue;
			if (start(rn, &slots[i], next) < 0) {
				fprintf(stderr, "zcguard vm: cannot start %s: %s\n",
					vm_qemu_binary(), strerror(errno));
				ret = -1;
				goto out;
			}
			next++;
			running++;
		}
		for (i = 0; i < p; i++)
			if (slots[i].run >= 0 && slots[i].pidfd >= 0) {
				pfds[n].fd = slots[i].pidfd;
				pfds[n++].events = POLLIN;
			}
		/* Wakes when a qemu exits, else every POLL_MS to watch files. */
		poll(pfds, n, POLL_MS);
		if (*rn->stop) {
			/* Killed by the signal handler: no verdicts for them. */
			ret = -1;
			break;
		}

		now = zcg_now_ms();
		for (i = 0; i < p; i++) {
			struct slot *s = &slots[i];
			enum vm_stop why;
			int status = 0;

			if (s->run < 0)
				continue;
			watch(s, now);
			if (zcg_reap(s->pid, &status) == 0) {
				why = VM_STOP_EXITED;
			} else {
				why = overdue(o, s, now);
				if (why == VM_STOP_EXITED)
					continue;
				zcg_kill_wait(s->pid, &status);
			}
			finish(rn, s, why, status, &results[s->run]);
			running--;
			finished++;
		}
		if (rn->tick && now - last_tick >= 500) {
			last_tick = now;
			rn->tick(finished, running, (now - t0) / 1000.0, rn->ctx);
		}
	}
out:
	/* Stopped early: no qemu may survive us. */
	for (i = 0; i < p; i++) {
		int status;

		if (slots[i].run < 0)
			continue;
		zcg_kill_wait(slots[i].pid, &status);
		if (slots[i].pidfd >= 0)
			close(slots[i].pidfd);
	}
	free(slots);
	free(pfds);
	return ret;
}
