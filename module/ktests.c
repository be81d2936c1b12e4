// SPDX-License-Identifier: GPL-2.0
/*
 * The test runner: runs every test once at module load, in the loading
 * process's network namespace (load from a fresh netns to keep the tests'
 * loopback traffic away from everything else) and with a scratch buffer
 * mapped into the loading process's mm.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <net/net_namespace.h>

#include "zcguard.h"

struct zcg_test {
	const char *name;
	enum zcg_verdict (*fn)(struct zcg_ctx *ctx);
	bool needs_lo;		/* needs loopback up in the netns */
};

static const struct zcg_test zcg_tests[] = {
	{ "optlen_below_12_rejected", zcg_t_optlen_short, true },
	{ "optlen_12_to_64_accepted", zcg_t_optlen_each_size, true },
	{ "optlen_long_zero_tail_clamped", zcg_t_optlen_long_zero_tail, true },
	{ "optlen_long_dirty_tail_rejected", zcg_t_optlen_long_dirty_tail,
	  true },
	{ "reserved_nonzero_rejected", zcg_t_reserved_set, true },
	{ "msg_flags_unknown_rejected", zcg_t_bad_msg_flags, true },
	{ "address_unaligned_rejected", zcg_t_unaligned_address, true },
	{ "empty_connected_returns_0", zcg_t_connected_no_data, true },
	{ "empty_after_peer_fin_eio", zcg_t_peer_fin, true },
	{ "listening_enotconn", zcg_t_listening, true },
	{ "close_state_returns_0", zcg_t_close_state, false },
	{ "repair_queue_seq_syncs_copied_seq", zcg_t_repair_queue_seq, false },
	{ "repair_queue_seq_then_zerocopy", zcg_t_repair_then_zerocopy,
	  false },
	{ "zerocopy_maps_loopback_data", zcg_t_zerocopy_maps_data, true },
	{ "guard_probe_registered", zcg_t_guard_probe, false },
	{ "guard_counts_clean_calls", zcg_t_guard_counts_clean, true },
	{ "guard_blocks_desynced_socket", zcg_t_guard_blocks_desync, false },
};

enum zcg_verdict zcg_fail(struct zcg_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(ctx->reason, sizeof(ctx->reason), fmt, ap);
	va_end(ap);
	return ZCG_FAIL;
}

enum zcg_verdict zcg_skip(struct zcg_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(ctx->reason, sizeof(ctx->reason), fmt, ap);
	va_end(ap);
	return ZCG_SKIP;
}

static void zcg_report(unsigned int n, const struct zcg_test *t,
		       enum zcg_verdict v, const char *reason)
{
	switch (v) {
	case ZCG_PASS:
		zcg_ktap_line("ok %u %s", n, t->name);
		break;
	case ZCG_SKIP:
		zcg_ktap_line("ok %u %s # SKIP %s", n, t->name, reason);
		break;
	default:
		zcg_ktap_line("# %s: %s", t->name, reason);
		zcg_ktap_line("not ok %u %s", n, t->name);
		break;
	}
}

void zcg_ktests_run(void)
{
	struct zcg_ctx ctx = { };
	unsigned int i, passed = 0, failed = 0, skipped = 0;
	bool lo;

	zcg_ktap_line("KTAP version 1");
	zcg_ktap_line("1..%zu", ARRAY_SIZE(zcg_tests));

	ctx.net = current->nsproxy ? current->nsproxy->net_ns : NULL;
	ctx.uscratch = zcg_umap_anon(ZCG_USCRATCH);
	lo = ctx.net && zcg_lo_up(ctx.net);
	if (ctx.net)
		zcg_ktap_line("# netns: %s", net_eq(ctx.net, &init_net) ?
			      "init_net (load from a fresh netns to isolate)" :
			      "private");

	for (i = 0; i < ARRAY_SIZE(zcg_tests); i++) {
		const struct zcg_test *t = &zcg_tests[i];
		enum zcg_verdict v;

		ctx.reason[0] = '\0';
		if (!ctx.net || !ctx.uscratch)
			v = zcg_skip(&ctx, "no user mm or netns to borrow");
		else if (t->needs_lo && !lo)
			v = zcg_skip(&ctx, "loopback is down in this netns");
		else
			v = t->fn(&ctx);
		zcg_report(i + 1, t, v, ctx.reason);
		if (v == ZCG_PASS)
			passed++;
		else if (v == ZCG_SKIP)
			skipped++;
		else
			failed++;
	}
	zcg_ktap_line("# zcguard: pass:%u fail:%u skip:%u total:%zu", passed,
		      failed, skipped, ARRAY_SIZE(zcg_tests));
	zcg_umap_free(ctx.uscratch, ZCG_USCRATCH);
}
