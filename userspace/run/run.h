/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_RUN_RUN_H
#define ZCGUARD_RUN_RUN_H

#include <limits.h>
#include <signal.h>

#include "run/plan.h"
#include "vm/summary.h"

/*
 * `zcguard run`: the main job. plan.c reads plans, build.c builds what a
 * row needs, row.c runs one row through vm_session_run() and judges it
 * against its expectation, table.c and report.c give the table and the
 * JSON. Nothing here reads text another part printed.
 */
enum row_status {
	ROW_AS_EXPECTED,
	ROW_UNEXPECTED,
	ROW_NOT_BUILT,		/* what it needs is missing and make failed */
	ROW_INTERRUPTED,
};

struct row_result {
	const struct plan_row *row;
	enum row_status status;
	char kernel[PATH_MAX];	/* the image booted */
	char why[512];		/* not built / unexpected: what differs */
	char logs[PATH_MAX];
	struct vm_summary sum;	/* valid when status is (un)expected */
	/* What sum.o points at: kept until the JSON is written. */
	struct vm_opts opts;
	char *cmd[4];
	char runcmd[8192];
	int have_sum;
	double seconds;
};

struct run_ctx {
	const char *top;	/* the project's data (zcg_datadir()) */
	char out[PATH_MAX];	/* build/run */
	int build;		/* build what is missing (else: not built) */
	int verbose;
	volatile sig_atomic_t *stop;
};

/* build.c: `make -C top TARGET` once per target; 0 built, -1 failed. */
int run_make(const struct run_ctx *c, const char *targets, char *err,
	     size_t elen);

/* The newest match of a kernel's image glob into buf. 0, or -1. */
int run_kernel_image(const struct run_ctx *c, const struct plan_kernel *k,
		     char *buf, size_t len);

/* row.c */
void run_row(const struct run_ctx *c, const struct plan_row *r,
	     struct row_result *res);
const char *row_verdict_text(const struct row_result *res, char *buf,
			     size_t len);

/* report.c */
void run_table(const struct row_result *res, int n);
int run_json(const struct run_ctx *c, const char *plan,
	     const struct row_result *res, int n, char *err, size_t elen);

#endif
