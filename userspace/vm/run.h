/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_RUN_H
#define ZCGUARD_VM_RUN_H

#include <signal.h>

#include "vm/verdict.h"
#include "vm/vm.h"

struct vm_runner {
	const struct vm_opts *o;
	int kvm;
	const char *initrd;
	const char *logdir;	/* run-N.console/.output/.qemu go here */
	int keep;		/* keep the per-run logs */
	volatile sig_atomic_t *stop;	/* set by signal handlers */
	/* Called as each run ends, in the order they end. */
	void (*done)(const struct zcg_run *r, void *ctx);
	/* Called about twice a second while VMs run. */
	void (*tick)(int finished, int running, double elapsed, void *ctx);
	void *ctx;
};

/*
 * Runs o->runs fresh VMs, o->parallel at a time, filling results[0..runs).
 * Returns 0, or -1 when stopped by *stop (every qemu killed and reaped) or
 * when qemu could not be started.
 */
int vm_run_all(const struct vm_runner *rn, struct zcg_run *results);

#endif
