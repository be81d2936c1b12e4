/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_VERDICT_H
#define ZCGUARD_VM_VERDICT_H

#include <stddef.h>

#include "vm/tap.h"

/* The verdict kinds of syzkaller's bisection log, plus "failed". */
enum vm_kind {
	VM_OK,
	VM_CRASHED,		/* exit 1 */
	VM_FAILED,		/* exit 1: CMD non-zero or a TAP "not ok" */
	VM_BOOT_FAILED,		/* exit 125 */
	VM_TIMED_OUT,		/* exit 125 */
};

/* Why the runner stopped a VM (or that it ended by itself). */
enum vm_stop {
	VM_STOP_EXITED,
	VM_STOP_BOOT_TIMEOUT,
	VM_STOP_IDLE_TIMEOUT,
	VM_STOP_TOTAL_TIMEOUT,
	VM_STOP_TOO_MUCH,	/* a log grew past 256 MiB */
};

struct vm_result {
	int run;
	enum vm_kind kind;
	char detail[256];	/* crash title or reason; empty for OK */
	int exit_status;	/* the command's, -1 when unknown */
	int booted;		/* the init's marker was seen */
	int corrupted;		/* crash report truncated */
	double seconds;		/* whole run */
	double boot_seconds;	/* until the init's marker, or -1 */
	struct tap_counts tap;	/* output and console together */
};

/* What the runner observed; the logs are NUL-terminated. */
struct vm_observed {
	const char *console;
	size_t console_len;
	const char *output;
	size_t output_len;
	const char *qemu_log;	/* qemu's own stdout/stderr */
	enum vm_stop stop;
	int qemu_status;	/* wait status, when stop == VM_STOP_EXITED */
	int boot_timeout, idle_timeout, timeout;	/* seconds */
};

void vm_classify(const struct vm_observed *ob, struct vm_result *r);

/* "OK", "crashed", ... */
const char *vm_kind_name(enum vm_kind k);

/* The verdict as printed after "run #N: ": "OK", "crashed: TITLE", ... */
void vm_verdict_str(const struct vm_result *r, char *buf, size_t len);

#endif
