// SPDX-License-Identifier: GPL-2.0
/*
 * Empty receive queue in each state a socket can be in when userspace
 * asks for zerocopy: connected with nothing sent (0, nothing mapped),
 * after the peer's FIN (EIO: nothing will ever come), listening
 * (ENOTCONN), never connected (0). None of these may touch the queue.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "zcguard.h"

static enum zcg_verdict zcg_expect_empty(struct zcg_ctx *ctx,
					 struct sock *sk, int want_ret)
{
	struct tcp_zerocopy_receive zc = { .length = PAGE_SIZE };
	int err;

	err = zcg_zc_getsockopt(sk, ctx->uscratch, &zc, ZC_SIZE, 0, NULL);
	if (err != want_ret)
		return zcg_fail(ctx, "ret %d, want %d", err, want_ret);
	/* on error the kernel copies nothing back: zc is what we sent */
	if (!err && (zc.length || zc.inq || zc.err))
		return zcg_fail(ctx, "length %u inq %u err %d, want all 0",
				zc.length, zc.inq, zc.err);
	return ZCG_PASS;
}

/* What is done to a fresh loopback pair before the call, and on which end. */
enum zcg_pair_state { ZCG_CONNECTED, ZCG_PEER_FIN, ZCG_LISTENING };

static enum zcg_verdict zcg_pair_expect_empty(struct zcg_ctx *ctx,
					      enum zcg_pair_state state,
					      int want_ret)
{
	enum zcg_verdict v = ZCG_PASS;
	struct zcg_pair p;
	int err;

	err = zcg_pair_open(ctx->net, &p);
	if (err)
		return zcg_fail(ctx, "loopback pair: %d", err);
	if (state == ZCG_PEER_FIN) {
		err = kernel_sock_shutdown(p.cli, SHUT_WR);
		if (err)
			v = zcg_fail(ctx, "shutdown: %d", err);
		else if (!zcg_wait_done(p.srv, 2000))
			v = zcg_fail(ctx, "FIN not seen within 2 s");
	}
	if (v == ZCG_PASS)
		v = zcg_expect_empty(ctx, state == ZCG_LISTENING ?
				     p.lsn->sk : p.srv->sk, want_ret);
	zcg_pair_close(&p);
	return v;
}

enum zcg_verdict zcg_t_connected_no_data(struct zcg_ctx *ctx)
{
	return zcg_pair_expect_empty(ctx, ZCG_CONNECTED, 0);
}

enum zcg_verdict zcg_t_peer_fin(struct zcg_ctx *ctx)
{
	return zcg_pair_expect_empty(ctx, ZCG_PEER_FIN, -EIO);
}

enum zcg_verdict zcg_t_listening(struct zcg_ctx *ctx)
{
	return zcg_pair_expect_empty(ctx, ZCG_LISTENING, -ENOTCONN);
}

enum zcg_verdict zcg_t_close_state(struct zcg_ctx *ctx)
{
	struct socket *sock;
	enum zcg_verdict v;
	int err;

	err = zcg_sock_new(ctx->net, &sock);
	if (err)
		return zcg_fail(ctx, "socket: %d", err);
	v = zcg_expect_empty(ctx, sock->sk, 0);
	zcg_sock_close(sock);
	return v;
}
