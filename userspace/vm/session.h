/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_SESSION_H
#define ZCGUARD_VM_SESSION_H

#include <signal.h>

#include "vm/summary.h"
#include "vm/vm.h"

/*
 * One `zcguard vm` as a function: what `zcguard vm`, `zcguard run` and
 * `zcguard bisect` call, so that their runs come back as data.
 */
struct vm_session {
	struct vm_opts *o;		/* checked options (vm_opts_check) */
	volatile sig_atomic_t *stop;	/* set by the caller's signal handler */
	void (*done)(const struct zcg_run *r, void *ctx);
	void (*tick)(int finished, int running, double elapsed, void *ctx);
	void *ctx;
	int quiet;			/* no "zcguard vm: ..." lines on stderr */
};

/* The defaults of `zcguard vm -h`. */
void vm_opts_defaults(struct vm_opts *o);

/*
 * Checks the files o names before anything boots: the kernel, modules
 * (ELF, vermagic against the kernel), --file sources (regular files),
 * --keep-logs (a directory, created), --json (writable). 0, or -1 with
 * the reason in err: bad input, nothing done.
 */
int vm_opts_check(struct vm_opts *o, char *err, size_t elen);

/*
 * Boots o->runs VMs and fills *sum (sum->results is malloc'ed: free it).
 * A kernel vm_opts_check() found no bzImage gives every run "boot
 * failed", decided as usual. 0 done, -2 interrupted by *stop (every qemu
 * stopped), -1 could not start (err says why).
 */
int vm_session_run(const struct vm_session *s, struct vm_summary *sum,
		   char *err, size_t elen);

#endif
