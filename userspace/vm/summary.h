/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_SUMMARY_H
#define ZCGUARD_VM_SUMMARY_H

#include "lib/json.h"
#include "verdict/verdict.h"
#include "vm/vm.h"

/* A finished `zcguard vm`: its options, its runs and their decision. */
struct vm_summary {
	const struct vm_opts *o;
	const struct zcg_run *results;
	int n;
	const char *accel;	/* "kvm" or "tcg" */
	const char *logdir;	/* NULL when the logs are not kept */
	double seconds;
	struct zcg_verdict v;	/* zcg_decide() of the runs */
};

/* Top-level TAP results of every run added up. */
void vm_summary_tests(const struct vm_summary *s, struct tap_counts *t);

/* The summary as one JSON object member (key NULL inside an array). */
void vm_summary_put(struct zcg_json *j, const char *key,
		    const struct vm_summary *s);

/* The summary as a JSON file. 0, or -1 if the file cannot be written. */
int vm_summary_json(const struct vm_summary *s, const char *path);

#endif
