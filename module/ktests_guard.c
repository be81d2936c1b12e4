// SPDX-License-Identifier: GPL-2.0
/*
 * The test module's copy of the guard seen from inside: its kprobe is in
 * place, and once armed (guard=warn|block; never otherwise) clean calls
 * are counted without a violation and (only when the injector is enabled
 * too) a desynced socket is caught and its call neutralized.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "zcguard.h"

#define ZCG_DESYNC	0x10000U

enum zcg_verdict zcg_t_guard_probe(struct zcg_ctx *ctx)
{
	int err = zcg_guard_probe_err();

	if (err == -ENOENT || err == -EINVAL)
		return zcg_skip(ctx, "tcp_zerocopy_receive not probeable (%d)",
				err);
	if (err)
		return zcg_fail(ctx, "register_kprobe: %d", err);
	return ZCG_PASS;
}

enum zcg_verdict zcg_t_guard_counts_clean(struct zcg_ctx *ctx)
{
	struct tcp_zerocopy_receive zc = { .length = PAGE_SIZE };
	struct zcg_guard_stats a, b;
	enum zcg_verdict v = ZCG_PASS;
	struct zcg_pair p;
	int err;

	if (zcg_guard_probe_err())
		return zcg_skip(ctx, "no guard probe");
	if (zcg_guard_get_mode() == ZCG_GUARD_OFF)
		return zcg_skip(ctx, "guard unarmed (load with guard=warn)");
	err = zcg_pair_open(ctx->net, &p);
	if (err)
		return zcg_fail(ctx, "loopback pair: %d", err);
	zcg_guard_stats(&a);
	err = zcg_zc_getsockopt(p.srv->sk, ctx->uscratch, &zc, sizeof(zc), 0,
				NULL);
	zcg_guard_stats(&b);
	zcg_pair_close(&p);
	if (err)
		v = zcg_fail(ctx, "getsockopt: %d", err);
	else if (b.calls <= a.calls)
		v = zcg_fail(ctx, "call not counted (%ld)", b.calls);
	else if (b.violations != a.violations)
		v = zcg_fail(ctx, "clean call counted as violation");
	return v;
}

enum zcg_verdict zcg_t_guard_blocks_desync(struct zcg_ctx *ctx)
{
	struct tcp_zerocopy_receive zc = { };
	struct zcg_guard_stats a, b;
	struct socket *sock;
	struct zcg_zmap m;
	struct sock *sk;
	int mode, err;

	if (!zcg_inject_enabled())
		return zcg_skip(ctx, "injector disabled (load with inject=1)");
	if (zcg_guard_probe_err())
		return zcg_skip(ctx, "no guard probe");
	if (zcg_guard_get_mode() == ZCG_GUARD_OFF)
		return zcg_skip(ctx, "guard unarmed (load with guard=block)");

	err = zcg_sock_new(ctx->net, &sock);
	if (err)
		return zcg_fail(ctx, "socket: %d", err);
	sk = sock->sk;
	err = zcg_zmap_open(sock, ZCG_DESYNC, &m);
	if (err)
		return zcg_fail(ctx, "mmap of the socket: %d", err);
	err = zcg_inject_sk(sk, ZCG_DESYNC);
	if (err) {
		zcg_zmap_close(&m);
		return zcg_fail(ctx, "inject: %d", err);
	}

	/*
	 * Under the KTAP runner debugfs does not exist yet, so nobody else
	 * can change the mode; under KUnit only root could, meanwhile.
	 */
	mode = zcg_guard_get_mode();
	zcg_guard_set_mode(ZCG_GUARD_BLOCK);
	zcg_guard_stats(&a);
	zc.address = m.addr;
	zc.length = ZCG_DESYNC;
	err = zcg_zc_getsockopt(sk, ctx->uscratch, &zc, sizeof(zc), 0, NULL);
	zcg_guard_stats(&b);
	zcg_guard_set_mode(mode);
	zcg_inject_undo(sk, ZCG_DESYNC);
	zcg_zmap_close(&m);

	if (err || zc.length)
		return zcg_fail(ctx, "ret %d length %u, want 0 and 0", err,
				zc.length);
	if (b.violations != a.violations + 1 || b.blocked != a.blocked + 1)
		return zcg_fail(ctx, "violations +%ld blocked +%ld, want +1",
				b.violations - a.violations,
				b.blocked - a.blocked);
	return ZCG_PASS;
}
