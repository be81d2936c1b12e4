// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard.ko: the inq guard alone, the part to keep loaded on a
 * production or CI kernel. It runs no test and has no injector: a kprobe
 * on tcp_zerocopy_receive (guard.c), guard=off|warn|block (default warn)
 * and debugfs zcguard/{guard_mode,guard_stats}. Without a kprobe on
 * tcp_zerocopy_receive the load fails: a guard that guards nothing must
 * not look loaded.
 *
 * Unload removes the debugfs files first (debugfs waits for writers still
 * inside them), then the kprobe (unregister_kprobe() waits for running
 * handlers).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/module.h>

#include "zcguard.h"

static struct dentry *zcg_dir;

static int __init zcg_guard_mod_init(void)
{
	int err;

	err = zcg_guard_init();
	if (err)
		return err;
	/* debugfs is optional: the guard works without it */
	zcg_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	zcg_guard_debugfs(zcg_dir);
	return 0;
}

static void __exit zcg_guard_mod_exit(void)
{
	debugfs_remove_recursive(zcg_dir);
	zcg_guard_exit();
}

module_init(zcg_guard_mod_init);
module_exit(zcg_guard_mod_exit);

MODULE_DESCRIPTION("TCP_ZEROCOPY_RECEIVE inq guard: tcp_inq() against the bytes queued");
MODULE_LICENSE("GPL");
