/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_RUN_PLAN_H
#define ZCGUARD_RUN_PLAN_H

#include <limits.h>
#include <stddef.h>

/*
 * A plan (docs/plans.md): kernels of the matrix and rows to run on them,
 * read from plans/NAME.plan files. Parsing only: nothing here boots.
 */
#define PLAN_MAX_FILES 32
#define PLAN_NAME 64

struct plan_kernel {
	char name[PLAN_NAME];
	char *label, *image, *make, *moddir, *cmdline;
	const char *where;		/* "file:line" of its section */
};

enum plan_expect {
	EXPECT_OK,
	EXPECT_FAILED,
	EXPECT_CRASHED,		/* glob NULL: any title */
};

struct plan_row {
	char name[PLAN_NAME];
	const char *plan;		/* the plan's name (file stem) */
	char *kernel, *what, *run, *why, *make, *ksft;
	char *files[PLAN_MAX_FILES];
	int nfiles;
	char *modules[8];
	int nmodules;
	int runs, parallel, timeout, memory, icount;
	enum plan_expect expect;
	char *expect_glob;		/* crashed: GLOB */
	char *expect_text;		/* as written, for the table */
	char *not_ok;			/* expect-not-ok, space-separated */
	const char *where;
	struct plan_kernel *k;		/* resolved by plan_check() */
};

struct plan {
	struct plan_kernel *kernels;
	int nkernels;
	struct plan_row *rows;
	int nrows;
	char *names[PLAN_MAX_FILES];	/* plan names, in load order */
	int nplans;
};

/* Adds the plan file at path. 0, or -1 with "file:line: why" in err. */
int plan_load(struct plan *p, const char *path, char *err, size_t elen);

/* Every row names a known kernel, names are unique. 0, or -1 (err). */
int plan_check(struct plan *p, char *err, size_t elen);

void plan_free(struct plan *p);

#endif
