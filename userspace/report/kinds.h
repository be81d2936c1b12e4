/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_REPORT_KINDS_H
#define ZCGUARD_REPORT_KINDS_H

#include <regex.h>

/*
 * The one table of oops kinds (kinds.c): for each kind the words that
 * find it in a console line, the header it must match, the title, which
 * part of the report names the guilty function, the frames that never
 * do, and when the report counts as corrupted. Modelled on syzkaller's
 * pkg/report/linux.go so titles compare equal with syzbot's.
 */

/* Broad classes the walker (parse.c) treats differently. */
enum zcg_kind {
	ZK_NONE = 0,
	ZK_PANIC,	/* Kernel panic - not syncing: ... */
	ZK_OOPS,	/* die(): GPF, invalid opcode, divide error, ... */
	ZK_FAULT,	/* BUG: unable to handle page fault / NULL deref */
	ZK_BUG_AT,	/* kernel BUG at FILE:LINE! */
	ZK_SANITIZER,	/* KASAN, KFENCE, KMSAN, KCSAN, UBSAN: "=====" ends it */
	ZK_WARNING,	/* WARNING: CPU: N PID: N at FILE:LINE FUNC */
	ZK_LOCKDEP,	/* lockdep/RCU checks: no RIP of their own */
	ZK_HUNG,	/* INFO: task X blocked for more than N seconds */
	ZK_STALL,	/* RCU stall, soft lockup: a timer interrupt on top */
	ZK_MEMLEAK,	/* kmemleak */
	ZK_OTHER,	/* the rest: BUG: ..., INFO: ..., VFS: ... */
};

/* Where the guilty function of the title comes from. */
enum zcg_func_from {
	ZF_NONE,	/* the title has no function */
	ZF_HEADER,	/* the header's own "in FUNC" (group 9 of header) */
	ZF_HEADER_TRACE,/* the header's function, else the call trace */
	ZF_RIP,		/* the RIP line, else the call trace */
	ZF_TRACE,	/* the call trace only */
	ZF_AT,		/* lockdep's "at: FUNC" lines, else the call trace */
	ZF_ANCHOR,	/* the stack after the line matching .anchor */
	ZF_STALL,	/* the frame before the first dispatch frame */
	ZF_HUNG,	/* rtnl_lock/synchronize_rcu, else the waiter */
};

/* flags */
#define ZR_CORRUPT	0x01	/* a follow-up or cut header: always corrupted */
#define ZR_NOSTACK	0x02	/* the kernel prints no stack for it */
#define ZR_ACCESS	0x04	/* KASAN: "Read"/"Write" from the access line */
#define ZR_WEAK		0x08	/* inside a report it never starts a second one */

struct zcg_kind_rule {
	const char *key;	/* literal that must appear in the line */
	const char *header;	/* POSIX ERE from the key on; groups %1..%3 */
	enum zcg_kind kind;
	const char *title;	/* %1..%3 header groups, %A access, %F function */
	enum zcg_func_from from;
	const char *skip;	/* ERE of frames this kind never blames, or NULL */
	const char *anchor;	/* ZF_ANCHOR: ERE of the line the stack follows */
	unsigned int flags;
};

#define ZCG_GROUPS 4

/*
 * Finds the kind of the crash a console message starts. Returns its
 * rule or NULL; m[] gets the header's groups (offsets into text), *at the
 * offset of the key (headers need not start the line: "usb 1-1: BUG:").
 */
const struct zcg_kind_rule *zcg_kind_match(const char *text,
					   regmatch_t m[ZCG_GROUPS],
					   size_t *at);

/* The compiled .skip / .anchor of a rule (NULL when it has none). */
const regex_t *zcg_kind_skip(const struct zcg_kind_rule *r);
const regex_t *zcg_kind_anchor(const struct zcg_kind_rule *r);

#endif
