// SPDX-License-Identifier: GPL-2.0
/*
 * The optlen and argument rules of getsockopt(TCP_ZEROCOPY_RECEIVE), on a
 * connected loopback socket with nothing queued (so no call can map or
 * consume anything): optlen below offsetofend(length) is refused, every
 * size up to the struct is accepted as is (older userspace has smaller
 * structs), longer ones are clamped only when the extra bytes are zero,
 * reserved and unknown msg_flags are refused, and so is an unaligned
 * address.
 */
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <net/sock.h>
#include <uapi/linux/tcp.h>

#include "zcguard.h"

#define ZC_MIN		((int)offsetofend(struct tcp_zerocopy_receive, length))

/*
 * One call on a fresh connected pair's server side with zc as given;
 * checks the return value and the optlen the kernel left behind.
 */
static enum zcg_verdict zcg_expect(struct zcg_ctx *ctx,
				   const struct tcp_zerocopy_receive *in,
				   int optlen, u8 tail, int want_ret,
				   int want_optlen)
{
	struct tcp_zerocopy_receive zc = *in;
	struct zcg_pair p;
	int err, after = 0;

	err = zcg_pair_open(ctx->net, &p);
	if (err)
		return zcg_fail(ctx, "loopback pair: %d", err);
	err = zcg_zc_getsockopt(p.srv->sk, ctx->uscratch, &zc, optlen, tail,
				&after);
	zcg_pair_close(&p);
	if (err != want_ret || after != want_optlen)
		return zcg_fail(ctx, "optlen %d: ret %d optlen %d, want %d and %d",
				optlen, err, after, want_ret, want_optlen);
	return ZCG_PASS;
}

enum zcg_verdict zcg_t_optlen_short(struct zcg_ctx *ctx)
{
	static const int lens[] = { INT_MIN, -1, 0, 1, 4, 8, ZC_MIN - 1 };
	struct tcp_zerocopy_receive zc = { .length = PAGE_SIZE };
	enum zcg_verdict v;
	int i;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		v = zcg_expect(ctx, &zc, lens[i], 0, -EINVAL, lens[i]);
		if (v != ZCG_PASS)
			return v;
	}
	return ZCG_PASS;
}

enum zcg_verdict zcg_t_optlen_each_size(struct zcg_ctx *ctx)
{
	struct tcp_zerocopy_receive zc = { .length = PAGE_SIZE };
	enum zcg_verdict v;
	int len;

	for (len = ZC_MIN; len <= ZC_SIZE; len++) {
		v = zcg_expect(ctx, &zc, len, 0, 0, len);
		if (v != ZCG_PASS)
			return v;
	}
	return ZCG_PASS;
}

enum zcg_verdict zcg_t_optlen_long_zero_tail(struct zcg_ctx *ctx)
{
	static const int lens[] = { ZC_SIZE + 1, ZC_SIZE + 8, 3000 };
	struct tcp_zerocopy_receive zc = { .length = PAGE_SIZE };
	enum zcg_verdict v;
	int i;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		v = zcg_expect(ctx, &zc, lens[i], 0, 0, ZC_SIZE);
		if (v != ZCG_PASS)
			return v;
	}
	return ZCG_PASS;
}

enum zcg_verdict zcg_t_optlen_long_dirty_tail(struct zcg_ctx *ctx)
{
	static const int lens[] = { ZC_SIZE + 1, ZC_SIZE + 8, 3000 };
	struct tcp_zerocopy_receive zc = { .length = PAGE_SIZE };
	enum zcg_verdict v;
	int i;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		v = zcg_expect(ctx, &zc, lens[i], 0x5a, -EINVAL, lens[i]);
		if (v != ZCG_PASS)
			return v;
	}
	return ZCG_PASS;
}

enum zcg_verdict zcg_t_reserved_set(struct zcg_ctx *ctx)
{
	struct tcp_zerocopy_receive zc = { .length = PAGE_SIZE,
					   .reserved = 1 };

	return zcg_expect(ctx, &zc, ZC_SIZE, 0, -EINVAL, ZC_SIZE);
}

enum zcg_verdict zcg_t_bad_msg_flags(struct zcg_ctx *ctx)
{
	struct tcp_zerocopy_receive zc = { .length = PAGE_SIZE,
					   .msg_flags = 0x80000000 };

	return zcg_expect(ctx, &zc, ZC_SIZE, 0, -EINVAL, ZC_SIZE);
}

enum zcg_verdict zcg_t_unaligned_address(struct zcg_ctx *ctx)
{
	struct tcp_zerocopy_receive zc = { .length = PAGE_SIZE };

	zc.address = ctx->uscratch + 1;
	return zcg_expect(ctx, &zc, ZC_SIZE, 0, -EINVAL, ZC_SIZE);
}
