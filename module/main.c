// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard: regression tests and a runtime guard for the TCP receive
 * zerocopy path, getsockopt(TCP_ZEROCOPY_RECEIVE).
 *
 * Load order: the guard's kprobe first (so the tests can check it), the
 * injector's taint, the KTAP tests, then the debugfs files; the guard's
 * counters start from zero after the tests. Unload removes
 * the debugfs files first (debugfs waits for writers still inside them),
 * then the kprobe (unregister_kprobe() waits for running handlers).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/module.h>

#include "zcguard.h"

static struct dentry *zcg_dir;

static int __init zcg_init(void)
{
	int err;

	err = zcg_ktap_init();
	if (err)
		return err;
	err = zcg_guard_init();
	if (err)
		goto out_ktap;
	err = zcg_inject_init();
	if (err)
		goto out_guard;

	zcg_ktests_run();
	/* the counters in debugfs are for what happens after load */
	zcg_guard_reset_stats();

	/* debugfs is optional: the module works without it */
	zcg_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	zcg_ktap_debugfs(zcg_dir);
	zcg_guard_debugfs(zcg_dir);
	zcg_inject_debugfs(zcg_dir);
	return 0;

out_guard:
	zcg_guard_exit();
out_ktap:
	zcg_ktap_exit();
	return err;
}

static void __exit zcg_exit(void)
{
	debugfs_remove_recursive(zcg_dir);
	zcg_guard_exit();
	zcg_ktap_exit();
}

module_init(zcg_init);
module_exit(zcg_exit);

MODULE_DESCRIPTION("TCP_ZEROCOPY_RECEIVE tests, inq guard and desync injector");
MODULE_LICENSE("GPL");
