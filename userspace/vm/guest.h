/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_GUEST_H
#define ZCGUARD_VM_GUEST_H

/*
 * What the host and the guest init (init.c) agree on. The init reads its
 * plan from files in the initramfs and talks to the host on the results
 * serial port (ttyS1) with markers no ordinary program prints.
 */

/* NUL-separated argv of the command to run (may be empty: run nothing). */
#define GUEST_CMD_FILE		"/etc/zcguard/cmd"
/* NUL-separated guest paths of the modules to insmod, in order. */
#define GUEST_MODULES_FILE	"/etc/zcguard/modules"
#define GUEST_MODULE_DIR	"/lib/modules"
#define GUEST_RESULTS_TTY	"/dev/ttyS1"

/*
 * Markers are looked for on the results port first, then on the console,
 * where the init sends everything when ttyS1 cannot be opened.
 */

/* Printed once the init runs: the kernel booted. */
#define MARK_INIT		"@@zcguard:init@@"
/* "@@zcguard:insmod-failed:NAME:ERROR@@": a module did not load. */
#define MARK_INSMOD_FAILED	"@@zcguard:insmod-failed:"
/* "@@zcguard:exit=N@@": the command ended with status N (128+sig). */
#define MARK_EXIT		"@@zcguard:exit="
#define MARK_END		"@@"

#endif
