// SPDX-License-Identifier: GPL-2.0
/*
 * TCP_QUEUE_SEQ in repair mode must not move the receive sequence past
 * data still queued: 8811f4a9836e ("tcp: add sanity tests to
 * TCP_QUEUE_SEQ"), CVE-2021-4442. Without it, the next recvmsg() finds
 * skbs behind copied_seq and WARNs ("TCP recvmsg seq # bug 2"); the
 * zerocopy receive reads the same inconsistent queue.
 *
 * A connected socket holds unread data; the peer resets the connection,
 * which leaves the socket in TCP_CLOSE with its receive queue intact,
 * the one state where TCP_QUEUE_SEQ is allowed at all. In repair mode the
 * fix refuses the move with -EPERM (rcv_nxt != copied_seq). The test
 * checks only that answer and never reads the queue afterwards, so a
 * kernel without the fix fails the test instead of warning.
 *
 * Needs CAP_NET_ADMIN (TCP_REPAIR); skips otherwise.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdlib.h>

#include "../kselftest_harness.h"
#include "tcp_zerocopy_lib.h"

/* What a failure here means. */
#define MISSING_FIX \
	"8811f4a9836e (\"tcp: add sanity tests to TCP_QUEUE_SEQ\")"

#define DATA_LEN	(2 * ZC_PAGE)
#define ZC_TCP_CLOSE	7	/* tcpi_state, include/net/tcp_states.h */

static int zc_setopt(int fd, int opt, int val)
{
	return setsockopt(fd, IPPROTO_TCP, opt, &val, sizeof(val)) ? -errno : 0;
}

FIXTURE(zc_seq) {
	int cli;
	int srv;
	bool skip;		/* setup skipped: the body returns */
};

FIXTURE_VARIANT(zc_seq) {
	int family;
};

FIXTURE_VARIANT_ADD(zc_seq, ipv4) {
	.family = AF_INET,
};

FIXTURE_VARIANT_ADD(zc_seq, ipv6) {
	.family = AF_INET6,
};

FIXTURE_SETUP(zc_seq)
{
	static unsigned char data[DATA_LEN];
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	int ret;

	self->cli = -1;
	self->srv = -1;
	ret = zc_private_netns(0);
	ASSERT_LE(0, ret);

	ret = zc_pair(variant->family, 0, &self->cli, &self->srv);
	if (ret == -EAFNOSUPPORT || ret == -EADDRNOTAVAIL) {
		self->skip = true;
		SKIP(return, "no loopback for this family: %s", strerror(-ret));
	}
	ASSERT_EQ(0, ret);
	ret = zc_setopt(self->srv, TCP_REPAIR, TCP_REPAIR_ON);
	if (ret == -EPERM) {
		self->skip = true;
		SKIP(return, "TCP_REPAIR needs CAP_NET_ADMIN");
	}
	ASSERT_EQ(0, ret);
	ASSERT_EQ(0, zc_setopt(self->srv, TCP_REPAIR, 0));

	zc_fill(data, 0, sizeof(data));
	ASSERT_EQ(0, zc_send_all(self->cli, data, sizeof(data)));
	ASSERT_EQ(DATA_LEN, zc_wait_inq(self->srv, DATA_LEN, 5000));

	/* Reset from the peer: TCP_CLOSE, the unread data stays queued. */
	ASSERT_EQ(0, setsockopt(self->cli, SOL_SOCKET, SO_LINGER, &lg,
				sizeof(lg)));
	close(self->cli);
	self->cli = -1;
	ASSERT_NE(0, zc_wait(self->srv, POLLHUP, 5000) & POLLHUP);
}

FIXTURE_TEARDOWN(zc_seq)
{
	if (self->cli >= 0)
		close(self->cli);
	if (self->srv >= 0)
		close(self->srv);
}

static int zc_tcp_state(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len))
		return -errno;
	return ti.tcpi_state;
}

/* Queued data, TCP_CLOSE: the receive sequence must stay put. */
TEST_F(zc_seq, recv_queue_seq_refused)
{
	int inq, ret;

	if (self->skip)
		return;
	ASSERT_EQ(ZC_TCP_CLOSE, zc_tcp_state(self->srv));
	ASSERT_EQ(0, zc_siocinq(self->srv, &inq));
	ASSERT_EQ(DATA_LEN, inq);

	ASSERT_EQ(0, zc_setopt(self->srv, TCP_REPAIR, TCP_REPAIR_ON));
	ASSERT_EQ(0, zc_setopt(self->srv, TCP_REPAIR_QUEUE, TCP_RECV_QUEUE));
	ret = zc_setopt(self->srv, TCP_QUEUE_SEQ, 1 << 20);
	EXPECT_EQ(-EPERM, ret) {
		TH_LOG("TCP_QUEUE_SEQ moved past %lu queued bytes",
		       DATA_LEN);
		TH_LOG("this kernel lacks %s", MISSING_FIX);
	}
	/* Nothing is read here: on a kernel without the fix that WARNs. */
}

/* The send queue side of the same fix: empty, so the move is allowed. */
TEST_F(zc_seq, send_queue_seq_allowed)
{
	if (self->skip)
		return;
	ASSERT_EQ(ZC_TCP_CLOSE, zc_tcp_state(self->srv));
	ASSERT_EQ(0, zc_setopt(self->srv, TCP_REPAIR, TCP_REPAIR_ON));
	ASSERT_EQ(0, zc_setopt(self->srv, TCP_REPAIR_QUEUE, TCP_SEND_QUEUE));
	EXPECT_EQ(0, zc_setopt(self->srv, TCP_QUEUE_SEQ, 1 << 20));
}

/* TEST_HARNESS_MAIN, with exit 4 when every case skipped. */
int main(int argc, char **argv)
{
	atexit(zc_exit_skip_if_all_skipped);
	return test_harness_run(argc, argv);
}
