// SPDX-License-Identifier: GPL-2.0
/*
 * The bug this project exists for: setsockopt(TCP_QUEUE_SEQ) in repair
 * mode moved rcv_nxt but not copied_seq (fixed by 6cd6cbf593bf "tcp:
 * repair: fix TCP_QUEUE_SEQ implementation"), so tcp_inq() claimed data
 * the queue did not hold and the zerocopy loop dereferenced a NULL skb.
 * The fields are read directly first: a kernel without the fix gets
 * "not ok" here and the zerocopy call is never made on it.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "zcguard.h"

#define ZCG_QUEUE_SEQ	0x10000U	/* >= PAGE_SIZE: the crashing case */

/* A fresh socket in repair mode with the receive queue's seq set. */
static enum zcg_verdict zcg_repair_sock(struct zcg_ctx *ctx,
					struct socket **res)
{
	struct socket *sock;
	struct tcp_sock *tp;
	u32 rcv_nxt, copied;
	int err, inq;

	err = zcg_sock_new(ctx->net, &sock);
	if (err)
		return zcg_fail(ctx, "socket: %d", err);
	err = zcg_setsockopt_int(sock, SOL_TCP, TCP_REPAIR, TCP_REPAIR_ON);
	if (err == -EPERM) {
		zcg_sock_close(sock);
		return zcg_skip(ctx, "TCP_REPAIR needs CAP_NET_ADMIN");
	}
	if (!err)
		err = zcg_setsockopt_int(sock, SOL_TCP, TCP_REPAIR_QUEUE,
					 TCP_RECV_QUEUE);
	if (!err)
		err = zcg_setsockopt_int(sock, SOL_TCP, TCP_QUEUE_SEQ,
					 ZCG_QUEUE_SEQ);
	if (err) {
		zcg_sock_close(sock);
		return zcg_fail(ctx, "repair setsockopt: %d", err);
	}

	tp = tcp_sk(sock->sk);
	lock_sock(sock->sk);
	rcv_nxt = READ_ONCE(tp->rcv_nxt);
	copied = READ_ONCE(tp->copied_seq);
	inq = tcp_inq(sock->sk);
	release_sock(sock->sk);

	if (rcv_nxt != ZCG_QUEUE_SEQ || copied != rcv_nxt || inq) {
		zcg_sock_close(sock);
		return zcg_fail(ctx,
				"rcv_nxt %#x copied_seq %#x inq %d: no 6cd6cbf593bf, zerocopy not called",
				rcv_nxt, copied, inq);
	}
	*res = sock;
	return ZCG_PASS;
}

enum zcg_verdict zcg_t_repair_queue_seq(struct zcg_ctx *ctx)
{
	struct socket *sock;
	enum zcg_verdict v;

	v = zcg_repair_sock(ctx, &sock);
	if (v == ZCG_PASS)
		zcg_sock_close(sock);
	return v;
}

/* The reproducer's exact call, on a real tcp mapping, made only if safe. */
enum zcg_verdict zcg_t_repair_then_zerocopy(struct zcg_ctx *ctx)
{
	struct tcp_zerocopy_receive zc = { };
	struct socket *sock;
	struct zcg_zmap m;
	enum zcg_verdict v;
	struct sock *sk;
	int err;

	v = zcg_repair_sock(ctx, &sock);
	if (v != ZCG_PASS)
		return v;
	sk = sock->sk;
	err = zcg_zmap_open(sock, ZCG_QUEUE_SEQ, &m);
	if (err)
		return zcg_fail(ctx, "mmap of the socket: %d", err);
	zc.address = m.addr;
	zc.length = ZCG_QUEUE_SEQ;
	err = zcg_zc_getsockopt(sk, ctx->uscratch, &zc, sizeof(zc), 0, NULL);
	zcg_zmap_close(&m);
	if (err || zc.length)
		return zcg_fail(ctx, "ret %d length %u, want 0 and 0", err,
				zc.length);
	return ZCG_PASS;
}
