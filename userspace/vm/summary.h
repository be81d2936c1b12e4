/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_SUMMARY_H
#define ZCGUARD_VM_SUMMARY_H

#include <stdio.h>

#include "vm/verdict.h"
#include "vm/vm.h"

struct vm_summary {
	const struct vm_opts *o;
	const struct vm_result *results;
	int n;
	const char *accel;	/* "kvm" or "tcg" */
	const char *logdir;	/* NULL when the logs are not kept */
	double seconds;
};

/* "all runs: OK" when every run agrees, else "runs: 9 crashed, 1 ...". */
void vm_summary_line(const struct vm_summary *s, char *buf, size_t len);

/* 0 all OK, 1 any crashed/failed, 125 otherwise (git bisect run). */
int vm_summary_exit(const struct vm_summary *s);

/* Top-level TAP results of every run added up. */
void vm_summary_tests(const struct vm_summary *s, struct tap_counts *t);

/* The machine-readable summary. 0, or -1 if the file cannot be written. */
int vm_summary_json(const struct vm_summary *s, const char *path);

#endif
