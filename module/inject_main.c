// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard_inject.ko: the test-only desync injector (inject.c) on its own,
 * for checking the guard module without the test module. It loads only
 * with inject=1, which taints the kernel (TAINT_TEST), and then offers
 * debugfs zcguard_inject/inject. Never load it on a kernel you keep.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/module.h>

#include "zcguard.h"

static struct dentry *zcg_dir;

static int __init zcg_inject_mod_init(void)
{
	if (!zcg_inject_enabled()) {
		pr_err("test-only: load with inject=1 (taints the kernel)\n");
		return -EINVAL;
	}
	zcg_inject_init();
	zcg_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	zcg_inject_debugfs(zcg_dir);
	return 0;
}

static void __exit zcg_inject_mod_exit(void)
{
	debugfs_remove_recursive(zcg_dir);
}

module_init(zcg_inject_mod_init);
module_exit(zcg_inject_mod_exit);

MODULE_DESCRIPTION("TCP_ZEROCOPY_RECEIVE test-only rcv_nxt desync injector");
MODULE_LICENSE("GPL");
