// SPDX-License-Identifier: GPL-2.0
/*
 * The one list of in-kernel cases, shared by both runners: the KTAP
 * runner at load (ktests.c) and the KUnit suite (kunit.c). A case gets a
 * context with the netns and a user scratch buffer of the process it runs
 * in; zcg_case_run() checks what the case needs before calling it.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <net/net_namespace.h>

#include "zcguard.h"

const struct zcg_case zcg_cases[] = {
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

const unsigned int zcg_ncases = ARRAY_SIZE(zcg_cases);

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

enum zcg_verdict zcg_case_run(const struct zcg_case *c, struct zcg_ctx *ctx)
{
	ctx->reason[0] = '\0';
	if (!ctx->net || !ctx->uscratch)
		return zcg_skip(ctx, "no user mm or netns to borrow");
	if (c->needs_lo && !zcg_lo_up(ctx->net))
		return zcg_skip(ctx, "loopback is down in this netns");
	return c->fn(ctx);
}
