// SPDX-License-Identifier: GPL-2.0
/*
 * The KTAP runner, for kernels without KUnit: runs every case of
 * kcases.c once at module load, in the loading process's network
 * namespace (load from a fresh netns to keep the tests' loopback traffic
 * away from everything else) and with a scratch buffer mapped into the
 * loading process's mm (vm_mmap(), as lib/test_user_copy.c does).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <net/net_namespace.h>

#include "zcguard.h"

static void zcg_report(unsigned int n, const struct zcg_case *c,
		       enum zcg_verdict v, const char *reason)
{
	switch (v) {
	case ZCG_PASS:
		zcg_ktap_line("ok %u %s", n, c->name);
		break;
	case ZCG_SKIP:
		zcg_ktap_line("ok %u %s # SKIP %s", n, c->name, reason);
		break;
	default:
		zcg_ktap_line("# %s: %s", c->name, reason);
		zcg_ktap_line("not ok %u %s", n, c->name);
		break;
	}
}

void zcg_ktests_run(void)
{
	struct zcg_ctx ctx = { };
	unsigned int i, passed = 0, failed = 0, skipped = 0;

	zcg_ktap_line("KTAP version 1");
	zcg_ktap_line("1..%u", zcg_ncases);

	ctx.net = current->nsproxy ? current->nsproxy->net_ns : NULL;
	ctx.uscratch = zcg_umap_anon(ZCG_USCRATCH);
	if (ctx.net)
		zcg_ktap_line("# netns: %s", net_eq(ctx.net, &init_net) ?
			      "init_net (load from a fresh netns to isolate)" :
			      "private");

	for (i = 0; i < zcg_ncases; i++) {
		enum zcg_verdict v = zcg_case_run(&zcg_cases[i], &ctx);

		zcg_report(i + 1, &zcg_cases[i], v, ctx.reason);
		if (v == ZCG_PASS)
			passed++;
		else if (v == ZCG_SKIP)
			skipped++;
		else
			failed++;
	}
	zcg_ktap_line("# zcguard: pass:%u fail:%u skip:%u total:%u", passed,
		      failed, skipped, zcg_ncases);
	zcg_umap_free(ctx.uscratch, ZCG_USCRATCH);
}
