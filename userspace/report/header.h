/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_REPORT_HEADER_H
#define ZCGUARD_REPORT_HEADER_H

#include "report/frames.h"

/* What kind of crash a console line starts. */
enum zcg_kind {
	ZK_NONE = 0,
	ZK_PANIC,	/* Kernel panic - not syncing: MSG */
	ZK_GPF,		/* general protection fault */
	ZK_KASAN,	/* BUG: KASAN: TYPE in FUNC */
	ZK_NULL,	/* BUG: kernel NULL pointer dereference */
	ZK_PAGING,	/* BUG: unable to handle page fault / paging request */
	ZK_WARNING,	/* WARNING: CPU: N PID: N at FILE:LINE FUNC */
	ZK_LOCKDEP,	/* other lockdep/RCU "WARNING: ..." reports */
	ZK_DEADLOCK,	/* possible circular/recursive locking */
	ZK_BUG_AT,	/* kernel BUG at FILE:LINE! */
	ZK_INVOP,	/* invalid opcode (BUG() without the verbose line) */
	ZK_HUNG,	/* INFO: task X blocked for more than N seconds */
	ZK_RCU,		/* rcu: INFO: rcu_preempt self-detected stall */
	ZK_SOFTLOCKUP,	/* watchdog: BUG: soft lockup - CPU#0 stuck */
	ZK_HARDLOCKUP,	/* watchdog: Watchdog detected hard LOCKUP */
	ZK_UBSAN,	/* UBSAN: TYPE in FILE:LINE:COL */
	ZK_KFENCE,	/* BUG: KFENCE: TYPE in FUNC */
	ZK_KMSAN,	/* BUG: KMSAN: TYPE in FUNC */
	ZK_KCSAN,	/* BUG: KCSAN: data-race in F1 / F2 */
	ZK_DIVIDE,	/* divide error: 0000 */
	ZK_STACKSEG,	/* stack segment: 0000 */
	ZK_MEMLEAK,	/* BUG: memory leak (kmemleak) */
	ZK_BUG_OTHER,	/* BUG: WHAT ... -> "BUG: WHAT in FUNC" */
	ZK_DOUBLEFAULT,	/* PANIC: double fault */
	ZK_NOFUNC,	/* titled by the header alone */
};

struct zcg_header {
	enum zcg_kind kind;
	char what[160];			/* type, message or BUG text */
	char func[ZCG_FUNC_MAX];	/* function the header names, or "" */
	char file[128];			/* source file the header names, or "" */
	int corrupt;	/* only a follow-up line: the real header is lost */
	int nostack;	/* the kernel prints no stack for this kind */
};

/* Classifies a message (prefixes already off). Returns h->kind. */
enum zcg_kind zcg_header_parse(const char *text, struct zcg_header *h);

/*
 * Builds the title from the header, the KASAN access ("Read"/"Write",
 * may be "") and the guilty function (may be ""). Returns 1 when the
 * title is complete, 0 when it lacks a function it should have.
 */
int zcg_header_title(const struct zcg_header *h, const char *access,
		     const char *func, char *title, size_t size);

/* Which frames are generic for this kind of crash. */
enum zcg_skip zcg_header_skip(const struct zcg_header *h);

/* 1 when the kind's report closes with a "=====" line (sanitizers). */
int zcg_header_sep_closed(enum zcg_kind kind);

#endif
