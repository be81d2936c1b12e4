/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_VERDICT_H
#define ZCGUARD_VM_VERDICT_H

#include <stddef.h>

#include "verdict/verdict.h"
#include "vm/tap.h"

/* Why the runner stopped a VM (or that it ended by itself). */
enum vm_stop {
	VM_STOP_EXITED,
	VM_STOP_BOOT_TIMEOUT,
	VM_STOP_IDLE_TIMEOUT,
	VM_STOP_TOTAL_TIMEOUT,
	VM_STOP_TOO_MUCH,	/* a log grew past 256 MiB */
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

void vm_classify(const struct vm_observed *ob, struct zcg_run *r);

#endif
