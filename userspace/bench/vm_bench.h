/* SPDX-License-Identifier: GPL-2.0 */
/* --vm: the bench in a VM under icount; its JSON read back; the check. */
#ifndef ZCG_BENCH_VM_H
#define ZCG_BENCH_VM_H

#include "bench/opts.h"

/* Boots o->vm, runs the sweep (or --check) there. An exit status. */
int bench_vm(const struct bench_opts *o);

/* The "results" of a guest's sweep JSON into r[max]: how many, or -1. */
int bench_vm_parse(const char *json, struct bench_result *r, int max);

/*
 * The zc guest-ns/MB against the baseline file of kernel name (or
 * o->baseline), --save-baseline writes one. 0 ok, 1 regression, 2/3.
 */
/*
 * --check without -r/-d: the reps and duration the baseline of kernel
 * name (or o->baseline) was measured with, into o, so a check repeats
 * its baseline's measurement. Nothing changes when there is none.
 */
void bench_vm_check_timing(struct bench_opts *o, const char *name);

int bench_vm_check(const struct bench_opts *o, const char *name,
		   const struct bench_result *r, int n);

#endif
