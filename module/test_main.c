// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard_test.ko: the in-kernel tests of TCP_ZEROCOPY_RECEIVE. One list
 * of cases (kcases.c), two runners: where the kernel has CONFIG_KUNIT the
 * cases are a KUnit suite (kunit.c) that KUnit runs once the module is
 * live; elsewhere (Debian's kernels) the KTAP runner (ktests.c) runs them
 * here at load, and debugfs zcguard_test/ktap keeps what it printed.
 *
 * The module loads alone. Its copy of the guard (test_guard.c) is
 * registered but unarmed unless loaded with guard=warn|block; its copy of
 * the injector is off unless loaded with inject=1 (taints).
 *
 * Load order: the guard's kprobe first (so the tests can check it), the
 * injector's taint, the KTAP tests, then the debugfs files; the guard's
 * counters start from zero after the tests. Unload removes the debugfs
 * files first, then the kprobe.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/module.h>

#include "zcguard.h"

static struct dentry *zcg_dir;

static int __init zcg_test_init(void)
{
	int err;

	err = zcg_ktap_init();
	if (err)
		return err;
	/* no kprobe is a test result (guard_probe_registered), not an error */
	zcg_guard_init();
	err = zcg_inject_init();
	if (err)
		goto out_guard;

	if (!IS_ENABLED(CONFIG_KUNIT))
		zcg_ktests_run();
	/* the counters in debugfs are for what happens after load */
	zcg_guard_reset_stats();

	/* debugfs is optional: the module works without it */
	zcg_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (!IS_ENABLED(CONFIG_KUNIT))
		zcg_ktap_debugfs(zcg_dir);
	zcg_guard_debugfs(zcg_dir);
	zcg_inject_debugfs(zcg_dir);
	return 0;

out_guard:
	zcg_guard_exit();
	zcg_ktap_exit();
	return err;
}

static void __exit zcg_test_exit(void)
{
	debugfs_remove_recursive(zcg_dir);
	zcg_guard_exit();
	zcg_ktap_exit();
}

module_init(zcg_test_init);
module_exit(zcg_test_exit);

MODULE_DESCRIPTION("TCP_ZEROCOPY_RECEIVE in-kernel tests (KTAP or KUnit)");
MODULE_LICENSE("GPL");
