// SPDX-License-Identifier: GPL-2.0
/*
 * TCP_ZEROCOPY_RECEIVE after TCP_REPAIR moved the receive sequence.
 *
 * setsockopt(TCP_QUEUE_SEQ) on the receive queue of a CLOSE socket in
 * repair mode used to set rcv_nxt but not copied_seq, so tcp_inq()
 * (rcv_nxt - copied_seq) reported data that was never queued. The
 * zerocopy loop trusts tcp_inq() and dereferences the NULL skb that
 * tcp_recv_skb() returns: syzbot's "general protection fault in
 * do_tcp_getsockopt" (5.6-rc1). Fixed by 6cd6cbf593bf ("tcp: repair: fix
 * TCP_QUEUE_SEQ implementation").
 *
 * Every test checks SIOCINQ first. A non-zero answer on the empty queue
 * is the bug itself: the test fails there, naming the fix, and never
 * makes the zerocopy call that would crash the kernel. On a fixed kernel
 * the call must report inq 0; then data queued through the repair
 * interface (crossing 2^32 for the wrap-around value) must be reported,
 * received and read back exactly.
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
	"6cd6cbf593bf (\"tcp: repair: fix TCP_QUEUE_SEQ implementation\")"

#define MAP_LEN		(4 * ZC_PAGE)
#define DATA_LEN	(3 * ZC_PAGE + 100)
#define SENTINEL	0xa5a5a5a5u

FIXTURE(zc_repair) {
	int fd;
	int sink;		/* bound, never listening: the fake peer */
	void *map;
	bool skip;		/* setup skipped: the body returns */
};

FIXTURE_VARIANT(zc_repair) {
	int family;
};

FIXTURE_VARIANT_ADD(zc_repair, ipv4) {
	.family = AF_INET,
};

FIXTURE_VARIANT_ADD(zc_repair, ipv6) {
	.family = AF_INET6,
};

static int zc_setopt(int fd, int opt, int val)
{
	return setsockopt(fd, IPPROTO_TCP, opt, &val, sizeof(val)) ?
		-errno : 0;
}

FIXTURE_SETUP(zc_repair)
{
	int ret;

	self->fd = -1;
	self->sink = -1;
	self->map = NULL;
	ret = zc_private_netns(0);
	ASSERT_LE(0, ret);
	if (!ret)
		TH_LOG("no private netns (%s), using the current one",
		       strerror(errno));

	self->fd = zc_socket(variant->family);
	if (self->fd == -EAFNOSUPPORT) {
		self->skip = true;
		SKIP(return, "no IPv6 in this kernel");
	}
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, zc_probe_errno())
		TH_LOG("zeroed TCP_ZEROCOPY_RECEIVE on a fresh socket: %s",
		       strerror(-zc_probe_errno()));
	if (zc_layout_missing()) {
		self->skip = true;
		SKIP(return, "%s", zc_layout_missing());
	}
	ret = zc_setopt(self->fd, TCP_REPAIR, TCP_REPAIR_ON);
	if (ret == -EPERM) {
		self->skip = true;
		SKIP(return, "TCP_REPAIR needs CAP_NET_ADMIN");
	}
	ASSERT_EQ(0, ret);
	ASSERT_EQ(0, zc_setopt(self->fd, TCP_REPAIR_QUEUE, TCP_RECV_QUEUE));

	self->map = mmap(NULL, MAP_LEN, PROT_READ, MAP_SHARED, self->fd, 0);
	ASSERT_NE(MAP_FAILED, self->map) {
		self->map = NULL;
	}
}

FIXTURE_TEARDOWN(zc_repair)
{
	if (self->map)
		munmap(self->map, MAP_LEN);
	if (self->fd >= 0)
		close(self->fd);
	if (self->sink >= 0)
		close(self->sink);
}

/*
 * The receive queue is empty, whatever TCP_QUEUE_SEQ said: SIOCINQ must
 * be 0 before anything else, then the zerocopy call must agree.
 */
static void zc_expect_empty(struct __test_metadata *_metadata, int fd,
			    void *map, __u32 seq)
{
	struct zc_arg zc;
	int inq;

	ASSERT_EQ(0, zc_siocinq(fd, &inq));
	ASSERT_EQ(0, inq) {
		TH_LOG("SIOCINQ %d on an empty queue after TCP_QUEUE_SEQ=%#x",
		       inq, seq);
		TH_LOG("this kernel lacks %s;", MISSING_FIX);
		TH_LOG("no TCP_ZEROCOPY_RECEIVE: it would dereference NULL");
	}

	memset(&zc, 0, sizeof(zc));
	zc.address = (uintptr_t)map;
	zc.length = MAP_LEN;
	zc.recv_skip_hint = SENTINEL;
	zc.inq = SENTINEL;
	zc.err = (__s32)SENTINEL;
	ASSERT_EQ(0, zc_call64(fd, &zc));
	EXPECT_EQ(0U, zc.length);
	EXPECT_EQ(0U, zc.recv_skip_hint);
	EXPECT_EQ(0U, zc.inq);
	EXPECT_EQ(0, zc.err);
}

static void zc_set_seq(struct __test_metadata *_metadata, int fd,
		       __u32 seq)
{
	socklen_t len = sizeof(int);
	int got = 0;

	ASSERT_EQ(0, zc_setopt(fd, TCP_QUEUE_SEQ, (int)seq))
		TH_LOG("TCP_QUEUE_SEQ=%#x", seq);
	ASSERT_EQ(0, getsockopt(fd, IPPROTO_TCP, TCP_QUEUE_SEQ, &got, &len));
	EXPECT_EQ(seq, (__u32)got);
}

/*
 * Restore a connection (no packet is sent in repair mode) to a bound,
 * non-listening socket of ours.
 */
static void zc_repair_connect(struct __test_metadata *_metadata,
			      int family, int fd, int *sink)
{
	struct sockaddr_storage ss;
	socklen_t sslen;

	*sink = zc_socket(family);
	ASSERT_LE(0, *sink);
	sslen = zc_loopback(family, &ss);
	ASSERT_EQ(0, bind(*sink, (struct sockaddr *)&ss, sslen));
	ASSERT_EQ(0, getsockname(*sink, (struct sockaddr *)&ss, &sslen));
	ASSERT_EQ(0, connect(fd, (struct sockaddr *)&ss, sslen));
}

/*
 * Queue DATA_LEN bytes through the repair interface, check that SIOCINQ
 * and the zerocopy call report them, receive them (mapped pages and the
 * rest read back after leaving repair mode) and check every byte.
 */
static void zc_queue_and_receive(struct __test_metadata *_metadata,
				 int family, int fd, int *sink, void *map,
				 __u32 seq)
{
	static unsigned char buf[DATA_LEN];
	socklen_t len = sizeof(int);
	struct zc_arg zc;
	int inq, got;

	zc_repair_connect(_metadata, family, fd, sink);
	zc_fill(buf, 0, DATA_LEN);
	ASSERT_EQ((ssize_t)DATA_LEN, send(fd, buf, DATA_LEN, 0));
	ASSERT_EQ(0, zc_siocinq(fd, &inq));
	ASSERT_EQ((int)DATA_LEN, inq);
	/* The receive queue's sequence is rcv_nxt: past the queued data. */
	ASSERT_EQ(0, getsockopt(fd, IPPROTO_TCP, TCP_QUEUE_SEQ, &got, &len));
	EXPECT_EQ((__u32)(seq + DATA_LEN), (__u32)got);

	memset(&zc, 0, sizeof(zc));
	zc.address = (uintptr_t)map;
	zc.length = MAP_LEN;
	ASSERT_EQ(0, zc_call64(fd, &zc));
	ASSERT_EQ(0UL, zc.length % ZC_PAGE);
	ASSERT_GE(DATA_LEN, zc.length);
	EXPECT_EQ(DATA_LEN - zc.length, zc.inq);
	if (zc.length < DATA_LEN)
		EXPECT_NE(0U, zc.recv_skip_hint);
	EXPECT_EQ(-1, zc_check(map, 0, zc.length));
	ASSERT_EQ(0, zc_siocinq(fd, &inq));
	ASSERT_EQ((int)(DATA_LEN - zc.length), inq);

	/* Plain reads need repair mode off; NO_WP: send no window probe. */
	ASSERT_EQ(0, zc_setopt(fd, TCP_REPAIR, TCP_REPAIR_OFF_NO_WP));
	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(0, zc_read_all(fd, buf, inq));
	EXPECT_EQ(-1, zc_check(buf, zc.length, inq));
	zc_expect_empty(_metadata, fd, map, 0);
}

static void zc_run_seq(struct __test_metadata *_metadata, int family,
		       int fd, int *sink, void *map, __u32 seq)
{
	zc_set_seq(_metadata, fd, seq);
	zc_expect_empty(_metadata, fd, map, seq);
	zc_queue_and_receive(_metadata, family, fd, sink, map, seq);
}

TEST_F(zc_repair, seq_4096)
{
	if (self->skip)
		return;
	zc_run_seq(_metadata, variant->family, self->fd, &self->sink,
		   self->map, 4096);
}

TEST_F(zc_repair, seq_65536)
{
	if (self->skip)
		return;
	zc_run_seq(_metadata, variant->family, self->fd, &self->sink,
		   self->map, 65536);
}

TEST_F(zc_repair, seq_huge)
{
	if (self->skip)
		return;
	zc_run_seq(_metadata, variant->family, self->fd, &self->sink,
		   self->map, 0x7ffff000);
}

/* The queued data then crosses 2^32 in sequence space. */
TEST_F(zc_repair, seq_wrap)
{
	if (self->skip)
		return;
	zc_run_seq(_metadata, variant->family, self->fd, &self->sink,
		   self->map, 0xfffff000);
}

/* Moving the sequence again: the fix keeps both ends together. */
TEST_F(zc_repair, seq_set_twice)
{
	if (self->skip)
		return;
	zc_set_seq(_metadata, self->fd, 4096);
	zc_expect_empty(_metadata, self->fd, self->map, 4096);
	zc_run_seq(_metadata, variant->family, self->fd, &self->sink,
		   self->map, 0x10000000);
}

/* TCP_QUEUE_SEQ is for CLOSE sockets only. */
TEST_F(zc_repair, seq_after_connect)
{
	if (self->skip)
		return;
	zc_set_seq(_metadata, self->fd, 65536);
	zc_expect_empty(_metadata, self->fd, self->map, 65536);
	zc_repair_connect(_metadata, variant->family, self->fd, &self->sink);
	EXPECT_EQ(-EPERM, zc_setopt(self->fd, TCP_QUEUE_SEQ, 1 << 20));
	zc_expect_empty(_metadata, self->fd, self->map, 1 << 20);
}

/*
 * TEST_HARNESS_MAIN, except that without CAP_NET_ADMIN (nothing here can
 * run) the program says so once and exits KSFT_SKIP, as runners expect.
 */
int main(int argc, char **argv)
{
	int fd, ret;

	fd = zc_socket(AF_INET);
	if (fd < 0)
		ksft_exit_fail_msg("socket: %s\n", strerror(-fd));
	ret = zc_setopt(fd, TCP_REPAIR, TCP_REPAIR_ON);
	close(fd);
	if (ret == -EPERM)
		ksft_exit_skip("TCP_REPAIR needs CAP_NET_ADMIN\n");
	atexit(zc_exit_skip_if_all_skipped);
	return test_harness_run(argc, argv);
}
