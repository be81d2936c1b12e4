// SPDX-License-Identifier: GPL-2.0
/*
 * TCP_ZEROCOPY_RECEIVE with data: page-sized payloads over loopback,
 * mapped into a PROT_READ mapping of the socket, every byte checked.
 *
 * A page can only be mapped if it arrives as a whole page-aligned frag.
 * Each test runs in a network namespace of its own whose lo MTU makes
 * the MSS exactly 7 pages (IP + TCP + timestamp option = 52 or 72
 * bytes). 7, not the 15 tcp_mmap.c suggests: a young connection's MSS
 * is cut to half the peer's first, unscaled window (tcp_bound_to_half_wnd;
 * 30720 bytes, 7.5 pages, measured here with a 15-page MTU). The sender uses
 * MSG_ZEROCOPY: loopback delivery copies its user pages into order-0
 * pages, which map; data copied at send time sits in high-order frags
 * and is only reachable through recv_skip_hint and read() (copied_send
 * checks that path).
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "../kselftest_harness.h"
#include "tcp_zerocopy_lib.h"

#define MSS_PAGES	7
#define HDRS		(20 + 12)	/* TCP header with timestamps */
#define CHUNK		(8 * ZC_PAGE)	/* one round; fits the first window */
#define ROUNDS		16
#define SRC_LEN		(ROUNDS * CHUNK)
#define MAP_LEN		CHUNK
#define WAIT_MS		5000
#define MIN_MAPPED_PCT	90

/* One receiver's state; the fixture holds one, the helpers take it. */
struct zc_rx {
	int cli;
	int srv;
	unsigned char *src;	/* the whole stream, pattern-filled */
	unsigned char *map;	/* PROT_READ mapping of srv */
	unsigned char *buf;	/* for read() */
	size_t sent;		/* stream offset sent so far */
	size_t got;		/* stream offset received so far */
	size_t mapped;		/* bytes received through the mapping */
	__u32 flags;		/* for every zerocopy call */
	bool zap;		/* drop the mapped pages after each call */
};

FIXTURE(zc_data) {
	struct zc_rx rx;
	bool skip;		/* setup skipped: the body returns */
};

FIXTURE_VARIANT(zc_data) {
	int family;
	int mtu;
};

FIXTURE_VARIANT_ADD(zc_data, ipv4) {
	.family = AF_INET,
	.mtu = MSS_PAGES * ZC_PAGE + HDRS + 20,
};

FIXTURE_VARIANT_ADD(zc_data, ipv6) {
	.family = AF_INET6,
	.mtu = MSS_PAGES * ZC_PAGE + HDRS + 40,
};

FIXTURE_SETUP(zc_data)
{
	struct zc_rx *rx = &self->rx;
	socklen_t len = sizeof(int);
	int one = 1, mss = 0, ret;

	rx->cli = -1;
	rx->srv = -1;
	rx->src = MAP_FAILED;
	rx->map = MAP_FAILED;
	rx->buf = NULL;
	ret = zc_private_netns(variant->mtu);
	if (!ret) {
		self->skip = true;
		SKIP(return, "unshare(CLONE_NEWNET): %s; needs a private lo",
		     strerror(errno));
	}
	ASSERT_EQ(1, ret) TH_LOG("lo in the new netns: %s", strerror(-ret));

	ASSERT_EQ(0, zc_probe_errno())
		TH_LOG("zeroed TCP_ZEROCOPY_RECEIVE on a fresh socket: %s",
		       strerror(-zc_probe_errno()));
	if (zc_layout_missing()) {
		self->skip = true;
		SKIP(return, "%s", zc_layout_missing());
	}

	ret = zc_pair(variant->family, 0, &rx->cli, &rx->srv);
	if (ret == -EAFNOSUPPORT || ret == -EADDRNOTAVAIL) {
		self->skip = true;
		SKIP(return, "no loopback for this family: %s", strerror(-ret));
	}
	ASSERT_EQ(0, ret);
	if (setsockopt(rx->cli, SOL_SOCKET, SO_ZEROCOPY, &one, sizeof(one))) {
		self->skip = true;
		SKIP(return, "SO_ZEROCOPY: %s", strerror(errno));
	}

	ASSERT_EQ(0, getsockopt(rx->cli, IPPROTO_TCP, TCP_MAXSEG, &mss, &len));
	ASSERT_EQ(0UL, mss % ZC_PAGE)
		TH_LOG("MSS %d is no page multiple with lo MTU %d",
		       mss, variant->mtu);

	rx->src = mmap(NULL, SRC_LEN, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, rx->src);
	zc_fill(rx->src, 0, SRC_LEN);
	rx->map = mmap(NULL, MAP_LEN, PROT_READ, MAP_SHARED, rx->srv, 0);
	ASSERT_NE(MAP_FAILED, rx->map);
	rx->buf = malloc(CHUNK);
	ASSERT_NE(NULL, rx->buf);
}

FIXTURE_TEARDOWN(zc_data)
{
	struct zc_rx *rx = &self->rx;

	if (rx->map != MAP_FAILED)
		munmap(rx->map, MAP_LEN);
	if (rx->src != MAP_FAILED)
		munmap(rx->src, SRC_LEN);
	free(rx->buf);
	if (rx->cli >= 0)
		close(rx->cli);
	if (rx->srv >= 0)
		close(rx->srv);
}

/*
 * Send the next len bytes of the stream and wait until all of it is
 * queued at the receiver (which has read everything before).
 */
static int zc_send_next(int cli, int srv, const unsigned char *src,
			size_t *sent, size_t len, bool zerocopy)
{
	ssize_t n;

	n = send(cli, src + *sent, len, zerocopy ? MSG_ZEROCOPY : 0);
	if (n != (ssize_t)len)
		return n < 0 ? -errno : -EMSGSIZE;
	*sent += len;
	return zc_wait_inq(srv, len, WAIT_MS);
}

/*
 * Drop the pages mapped at map: madvise(), or where that fails (a kernel
 * built without CONFIG_ADVISE_SYSCALLS) a fresh mapping in the same place.
 */
static int zc_zap(int fd, unsigned char *map, size_t len)
{
	if (!madvise(map, len, MADV_DONTNEED))
		return 0;
	if (mmap(map, len, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0) != map)
		return -errno;
	return 0;
}

/* A zeroed call argument asking for @len bytes mapped at @map + @off. */
static void zc_arg_at(struct zc_arg *zc, unsigned char *map, size_t off,
		      size_t len)
{
	memset(zc, 0, sizeof(*zc));
	zc->address = (uintptr_t)(map + off);
	zc->length = len;
}

/* One more CHUNK of the stream, sent with MSG_ZEROCOPY and queued. */
static void zc_send_chunk(struct __test_metadata *_metadata, struct zc_rx *rx)
{
	ASSERT_EQ((int)CHUNK,
		  zc_send_next(rx->cli, rx->srv, rx->src, &rx->sent, CHUNK,
			       true));
}

/* The peer's FIN, seen by the receiver. */
static void zc_peer_fin(struct __test_metadata *_metadata, struct zc_rx *rx)
{
	ASSERT_EQ(0, shutdown(rx->cli, SHUT_WR));
	ASSERT_NE(0, zc_wait(rx->srv, POLLRDHUP, WAIT_MS) & POLLRDHUP);
}

/*
 * Receive everything sent so far: zerocopy calls, each followed by a
 * read() of recv_skip_hint bytes; every byte compared with the stream.
 */
static void zc_receive_all(struct __test_metadata *_metadata,
			   struct zc_rx *rx)
{
	struct zc_arg zc;
	size_t left;
	int calls;

	for (calls = 0; rx->got < rx->sent; calls++) {
		ASSERT_GT(64, calls) TH_LOG("no progress at %zu", rx->got);
		left = rx->sent - rx->got;
		zc_arg_at(&zc, rx->map, 0, left < MAP_LEN ? left : MAP_LEN);
		zc.flags = rx->flags;
		ASSERT_EQ(0, zc_call64(rx->srv, &zc));
		ASSERT_EQ(0, zc.err);
		ASSERT_EQ(0UL, zc.length % ZC_PAGE);
		ASSERT_GE(left, zc.length + zc.recv_skip_hint);
		ASSERT_EQ(left - zc.length, zc.inq);
		ASSERT_EQ(-1, zc_check(rx->map, rx->got, zc.length))
			TH_LOG("mapped data wrong at %zu", rx->got);
		if (rx->zap)
			ASSERT_EQ(0, zc_zap(rx->srv, rx->map, MAP_LEN));
		rx->got += zc.length;
		rx->mapped += zc.length;
		if (!zc.recv_skip_hint)
			continue;
		ASSERT_EQ(0, zc_read_all(rx->srv, rx->buf,
					 zc.recv_skip_hint));
		ASSERT_EQ(-1, zc_check(rx->buf, rx->got,
				       zc.recv_skip_hint))
			TH_LOG("read data wrong at %zu", rx->got);
		rx->got += zc.recv_skip_hint;
	}
}

static void zc_stream(struct __test_metadata *_metadata, struct zc_rx *rx,
		      bool zerocopy)
{
	int round, inq;

	for (round = 0; round < ROUNDS; round++) {
		ASSERT_EQ((int)CHUNK, zc_send_next(rx->cli, rx->srv, rx->src,
						   &rx->sent, CHUNK, zerocopy));
		zc_receive_all(_metadata, rx);
	}
	ASSERT_EQ(SRC_LEN, rx->got);
	ASSERT_EQ(0, zc_siocinq(rx->srv, &inq));
	EXPECT_EQ(0, inq);
	TH_LOG("%zu of %zu bytes mapped (%zu%%)", rx->mapped, rx->got,
	       rx->mapped * 100 / rx->got);
	/* data copied at send time cannot map; zerocopy sends must */
	if (zerocopy)
		EXPECT_LE(MIN_MAPPED_PCT * rx->got, rx->mapped * 100);
}

TEST_F(zc_data, pages_map)
{
	struct zc_rx *rx = &self->rx;

	if (self->skip)
		return;
	zc_stream(_metadata, rx, true);
}

/*
 * With TLB_CLEAN_HINT the caller promises a clean range and the kernel
 * skips its own zap; we drop the pages after each call.
 */
TEST_F(zc_data, tlb_clean_hint)
{
	struct zc_rx *rx = &self->rx;

	if (self->skip)
		return;
	rx->flags = TCP_RECEIVE_ZEROCOPY_FLAG_TLB_CLEAN_HINT;
	rx->zap = true;
	zc_stream(_metadata, rx, true);
}

/*
 * The same promise broken: the old pages are still mapped, inserting
 * fails with -EBUSY inside the kernel, which must zap and retry, and
 * every byte must still be right.
 */
TEST_F(zc_data, tlb_clean_hint_broken)
{
	struct zc_rx *rx = &self->rx;

	if (self->skip)
		return;
	rx->flags = TCP_RECEIVE_ZEROCOPY_FLAG_TLB_CLEAN_HINT;
	zc_stream(_metadata, rx, true);
}

/* Copied at send time: nothing need map, every byte must still arrive. */
TEST_F(zc_data, copied_send)
{
	struct zc_rx *rx = &self->rx;

	if (self->skip)
		return;
	zc_stream(_metadata, rx, false);
}

/*
 * Four pages map. A call that maps all it could clears recv_skip_hint:
 * the 100-byte tail shows in inq, and the next call hands it over as
 * recv_skip_hint for read().
 */
TEST_F(zc_data, skip_hint_tail)
{
	struct zc_rx *rx = &self->rx;
	const size_t len = 4 * ZC_PAGE + 100;
	struct zc_arg zc;

	if (self->skip)
		return;
	ASSERT_EQ(len, zc_send_next(rx->cli, rx->srv, rx->src,
				    &rx->sent, len, true));
	zc_arg_at(&zc, rx->map, 0, MAP_LEN);
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	ASSERT_EQ(4 * ZC_PAGE, zc.length);
	EXPECT_EQ(0U, zc.recv_skip_hint);
	EXPECT_EQ(100U, zc.inq);
	EXPECT_EQ(-1, zc_check(rx->map, 0, zc.length));

	zc_arg_at(&zc, rx->map, 0, MAP_LEN);
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	EXPECT_EQ(0U, zc.length);
	EXPECT_EQ(100U, zc.recv_skip_hint);
	EXPECT_EQ(100U, zc.inq);
	ASSERT_EQ(0, zc_read_all(rx->srv, rx->buf, 100));
	EXPECT_EQ(-1, zc_check(rx->buf, 4 * ZC_PAGE, 100));

	zc_arg_at(&zc, rx->map, 0, MAP_LEN);
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	EXPECT_EQ(0U, zc.length);
	EXPECT_EQ(0U, zc.recv_skip_hint);
	EXPECT_EQ(0U, zc.inq);
}

/* inq after each call is what is still queued. */
TEST_F(zc_data, inq_partial)
{
	struct zc_rx *rx = &self->rx;
	struct zc_arg zc;
	int inq;

	if (self->skip)
		return;
	zc_send_chunk(_metadata, rx);
	zc_arg_at(&zc, rx->map, 0, 3 * ZC_PAGE);
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	ASSERT_EQ(3 * ZC_PAGE, zc.length);
	EXPECT_EQ(0U, zc.recv_skip_hint);
	EXPECT_EQ(CHUNK - 3 * ZC_PAGE, zc.inq);
	ASSERT_EQ(0, zc_siocinq(rx->srv, &inq));
	EXPECT_EQ((int)(CHUNK - 3 * ZC_PAGE), inq);
	EXPECT_EQ(-1, zc_check(rx->map, 0, zc.length));

	zc_arg_at(&zc, rx->map, 0, MAP_LEN);
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	ASSERT_EQ(CHUNK - 3 * ZC_PAGE, zc.length);
	EXPECT_EQ(0U, zc.inq);
	EXPECT_EQ(-1, zc_check(rx->map, 3 * ZC_PAGE, zc.length));
}

/* The mapping bounds the length: 2 pages of vma, 8 pages queued. */
TEST_F(zc_data, vma_bounds_length)
{
	struct zc_rx *rx = &self->rx;
	struct zc_arg zc;

	if (self->skip)
		return;
	zc_send_chunk(_metadata, rx);
	zc_arg_at(&zc, rx->map, MAP_LEN - 2 * ZC_PAGE, MAP_LEN);
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	ASSERT_EQ(2 * ZC_PAGE, zc.length);
	EXPECT_EQ(CHUNK - 2 * ZC_PAGE, zc.inq);
	EXPECT_EQ(-1, zc_check((unsigned char *)(uintptr_t)zc.address, 0,
			       zc.length));
	rx->got = zc.length;
	zc_receive_all(_metadata, rx);
}

/*
 * Data queued before the peer's FIN maps from copied_seq like any other:
 * the FIN takes a sequence number but no byte, so inq counts it as one
 * (tcp_inq_hint) and the call after the last byte fails with -EIO.
 */
TEST_F(zc_data, data_then_fin)
{
	struct zc_rx *rx = &self->rx;
	struct zc_arg zc;
	size_t left;

	if (self->skip)
		return;
	zc_send_chunk(_metadata, rx);
	zc_peer_fin(_metadata, rx);

	zc_arg_at(&zc, rx->map, 0, MAP_LEN);
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	ASSERT_LT(0U, zc.length) TH_LOG("nothing mapped before the FIN");
	ASSERT_EQ(0UL, zc.length % ZC_PAGE);
	EXPECT_EQ(-1, zc_check(rx->map, 0, zc.length));
	left = CHUNK - zc.length;
	EXPECT_EQ(left + 1, zc.inq);
	ASSERT_EQ(0, zc_read_all(rx->srv, rx->buf, left));
	EXPECT_EQ(-1, zc_check(rx->buf, zc.length, left));

	zc_arg_at(&zc, rx->map, 0, MAP_LEN);
	EXPECT_EQ(-EIO, zc_call64(rx->srv, &zc));
}

/*
 * SO_TIMESTAMPNS on the receiver, stamps flowing (*stamps false if they
 * never do), then one chunk sent and queued, stamped on arrival.
 */
static void zc_stamped_chunk(struct __test_metadata *_metadata,
			     struct zc_rx *rx, bool *stamps)
{
	int one = 1, ret;

	*stamps = false;
	ASSERT_EQ(0, setsockopt(rx->srv, SOL_SOCKET, SO_TIMESTAMPNS, &one,
				sizeof(one)));
	ret = zc_stamps_flow(rx->cli, rx->srv);
	ASSERT_LE(0, ret);
	if (!ret)
		return;
	*stamps = true;
	zc_send_chunk(_metadata, rx);
}

/*
 * The call with a control buffer: what it received (what names it) must
 * come with its SCM_TIMESTAMPNS cmsg, msg_controllen moved past it.
 */
static void zc_call_stamped(struct __test_metadata *_metadata,
			    struct zc_rx *rx, struct zc_arg *zc,
			    const char *what)
{
	unsigned char ctl[256];
	struct cmsghdr *cm = (struct cmsghdr *)ctl;

	memset(ctl, 0, sizeof(ctl));
	zc->msg_control = (__u64)(uintptr_t)ctl;
	zc->msg_controllen = sizeof(ctl);
	ASSERT_EQ(0, zc_call64(rx->srv, zc));
	EXPECT_EQ(SOL_SOCKET, cm->cmsg_level)
		TH_LOG("%s came without its timestamp cmsg", what);
	EXPECT_EQ(SCM_TIMESTAMPNS, cm->cmsg_type);
	EXPECT_EQ(sizeof(ctl) - CMSG_SPACE(sizeof(struct timespec)),
		  zc->msg_controllen);
}

/*
 * A mapped skb's receive timestamp comes back as a cmsg in msg_control,
 * as for data read by copy (tcp_zerocopy_cmsg checks that path).
 */
TEST_F(zc_data, timestamp_mapped)
{
	struct zc_rx *rx = &self->rx;
	struct zc_arg zc;
	bool stamps;

	if (self->skip)
		return;
	zc_stamped_chunk(_metadata, rx, &stamps);
	if (!stamps)
		SKIP(return, "SO_TIMESTAMPNS: no receive timestamps");
	zc_arg_at(&zc, rx->map, 0, MAP_LEN);
	zc_call_stamped(_metadata, rx, &zc, "mapped data");
	ASSERT_LT(0U, zc.length) TH_LOG("nothing mapped");
	EXPECT_EQ(-1, zc_check(rx->map, 0, zc.length));
}

/*
 * A sub-page call with a copybuf copies what it asked for into copybuf
 * (the straggler path, not the whole-queue fallback: more than the
 * copybuf is queued). Nothing is then left to read(), and the copied
 * skb's receive timestamp comes back as a cmsg.
 */
TEST_F(zc_data, subpage_copybuf_timestamp)
{
	unsigned char copybuf[100];
	struct zc_rx *rx = &self->rx;
	struct zc_arg zc;
	bool stamps;

	if (self->skip)
		return;
	zc_stamped_chunk(_metadata, rx, &stamps);
	if (!stamps)
		SKIP(return, "SO_TIMESTAMPNS: no receive timestamps");
	memset(copybuf, 0, sizeof(copybuf));
	zc_arg_at(&zc, rx->map, 0, sizeof(copybuf));
	zc.copybuf_address = (uintptr_t)copybuf;
	zc.copybuf_len = sizeof(copybuf);
	zc_call_stamped(_metadata, rx, &zc, "copied straggler data");
	EXPECT_EQ(0U, zc.length);
	EXPECT_EQ((int)sizeof(copybuf), zc.copybuf_len);
	EXPECT_EQ(-1, zc_check(copybuf, 0, sizeof(copybuf)));
	EXPECT_EQ(0U, zc.recv_skip_hint)
		TH_LOG("the bytes copied to copybuf are still in the hint");
	EXPECT_EQ(CHUNK - sizeof(copybuf), zc.inq);
}

/*
 * A call asking for nothing after the peer's FIN fails with -EIO, as on
 * an empty queue, even with pages still queued: nothing was mapped,
 * copied or left to read by this call.
 */
TEST_F(zc_data, zero_length_after_fin)
{
	struct zc_rx *rx = &self->rx;
	struct zc_arg zc;

	if (self->skip)
		return;
	zc_send_chunk(_metadata, rx);
	zc_peer_fin(_metadata, rx);
	zc_arg_at(&zc, rx->map, 0, 0);
	EXPECT_EQ(-EIO, zc_call64(rx->srv, &zc));
	zc_arg_at(&zc, rx->map, 0, MAP_LEN);
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	EXPECT_LT(0U, zc.length);
}

/*
 * A call asking for less than a page maps nothing even with pages queued;
 * recv_skip_hint must then be the length asked for, the bytes to read().
 */
TEST_F(zc_data, subpage_length)
{
	struct zc_rx *rx = &self->rx;
	struct zc_arg zc;

	if (self->skip)
		return;
	zc_send_chunk(_metadata, rx);
	zc_arg_at(&zc, rx->map, 0, 100);
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	EXPECT_EQ(0U, zc.length);
	EXPECT_EQ(100U, zc.recv_skip_hint);
	EXPECT_EQ(CHUNK, zc.inq);
	ASSERT_EQ(0, zc_read_all(rx->srv, rx->buf, 100));
	EXPECT_EQ(-1, zc_check(rx->buf, 0, 100));
}

/*
 * A copy through copybuf stops at the urgent mark, as recv() does: the
 * byte left must come back as recv_skip_hint, the caller's next read().
 * Urgent data is the one way a copy of all of inq leaves data queued.
 */
TEST_F(zc_data, copybuf_urgent_mark)
{
	struct zc_rx *rx = &self->rx;
	unsigned char *copybuf = rx->buf;
	struct zc_arg zc;

	if (self->skip)
		return;
	ASSERT_EQ(100, send(rx->cli, rx->src, 100, 0));
	ASSERT_EQ(1, send(rx->cli, rx->src + 100, 1, MSG_OOB));
	ASSERT_NE(0, zc_wait(rx->srv, POLLPRI, WAIT_MS) & POLLPRI);
	memset(copybuf, 0, ZC_PAGE);
	zc_arg_at(&zc, rx->map, 0, MAP_LEN);
	zc.copybuf_address = (uintptr_t)copybuf;
	zc.copybuf_len = ZC_PAGE;
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	EXPECT_EQ(100, zc.copybuf_len);
	EXPECT_EQ(-1, zc_check(copybuf, 0, 100));
	EXPECT_EQ(0U, zc.length);
	EXPECT_EQ(1U, zc.recv_skip_hint)
		TH_LOG("the byte after the copy must be handed back to read()");
}

/* Less than a page queued and a big enough copybuf: copied there. */
TEST_F(zc_data, copybuf_small)
{
	struct zc_rx *rx = &self->rx;
	static const size_t sizes[] = { 1, 100, ZC_PAGE - 1 };
	unsigned char *copybuf = rx->buf;
	struct zc_arg zc;
	size_t i;

	if (self->skip)
		return;
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		ASSERT_EQ((int)sizes[i],
			  zc_send_next(rx->cli, rx->srv, rx->src, &rx->sent,
				       sizes[i], false));
		memset(copybuf, 0, ZC_PAGE);
		zc_arg_at(&zc, rx->map, 0, MAP_LEN);
		zc.copybuf_address = (uintptr_t)copybuf;
		zc.copybuf_len = ZC_PAGE;
		ASSERT_EQ(0, zc_call64(rx->srv, &zc));
		EXPECT_EQ((int)sizes[i], zc.copybuf_len);
		EXPECT_EQ(0U, zc.length);
		EXPECT_EQ(0U, zc.recv_skip_hint);
		EXPECT_EQ(0U, zc.inq);
		EXPECT_EQ(-1, zc_check(copybuf, rx->got, sizes[i]));
		rx->got += sizes[i];
	}
}

/* A copybuf smaller than what is queued is not used at all. */
TEST_F(zc_data, copybuf_too_small)
{
	struct zc_rx *rx = &self->rx;
	unsigned char copybuf[64];
	struct zc_arg zc;

	if (self->skip)
		return;
	ASSERT_EQ(100, zc_send_next(rx->cli, rx->srv, rx->src,
				    &rx->sent, 100, false));
	memset(copybuf, 0, sizeof(copybuf));
	zc_arg_at(&zc, rx->map, 0, MAP_LEN);
	zc.copybuf_address = (uintptr_t)copybuf;
	zc.copybuf_len = sizeof(copybuf);
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	EXPECT_EQ(0, zc.copybuf_len);
	EXPECT_EQ(0U, zc.length);
	EXPECT_EQ(100U, zc.recv_skip_hint);
	EXPECT_EQ(100U, zc.inq);
	EXPECT_EQ(0, copybuf[0]);
	ASSERT_EQ(0, zc_read_all(rx->srv, rx->buf, 100));
	EXPECT_EQ(-1, zc_check(rx->buf, 0, 100));
}

/* Pages map and the straggling tail lands in the copybuf. */
TEST_F(zc_data, copybuf_leftover)
{
	struct zc_rx *rx = &self->rx;
	const size_t len = 4 * ZC_PAGE + 100;
	unsigned char copybuf[ZC_PAGE];
	struct zc_arg zc;

	if (self->skip)
		return;
	ASSERT_EQ(len, zc_send_next(rx->cli, rx->srv, rx->src,
				    &rx->sent, len, true));
	memset(copybuf, 0, sizeof(copybuf));
	zc_arg_at(&zc, rx->map, 0, MAP_LEN);
	zc.copybuf_address = (uintptr_t)copybuf;
	zc.copybuf_len = sizeof(copybuf);
	ASSERT_EQ(0, zc_call64(rx->srv, &zc));
	ASSERT_EQ(4 * ZC_PAGE, zc.length);
	EXPECT_EQ(100, zc.copybuf_len);
	EXPECT_EQ(0U, zc.recv_skip_hint);
	EXPECT_EQ(0U, zc.inq);
	EXPECT_EQ(-1, zc_check(rx->map, 0, zc.length));
	EXPECT_EQ(-1, zc_check(copybuf, 4 * ZC_PAGE, 100));
}

/*
 * TEST_HARNESS_MAIN, except that where unshare(CLONE_NEWNET) is refused
 * or pages are not 4 KiB (nothing here can run) the program says so once
 * and exits KSFT_SKIP, as runners expect. The probe unshares in a child
 * of its own.
 */
int main(int argc, char **argv)
{
	int status = 0;
	pid_t pid;

	if (!zc_page_4k())
		ksft_exit_skip("page size %ld: MTU arithmetic is for 4 KiB\n",
			       sysconf(_SC_PAGESIZE));
	pid = fork();
	if (pid < 0)
		ksft_exit_fail_msg("fork: %s\n", strerror(errno));
	if (!pid)
		_exit(unshare(CLONE_NEWNET) ? errno : 0);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		ksft_exit_fail_msg("unshare probe did not exit\n");
	if (WEXITSTATUS(status))
		ksft_exit_skip("unshare(CLONE_NEWNET): %s; no private lo\n",
			       strerror(WEXITSTATUS(status)));
	atexit(zc_exit_skip_if_all_skipped);
	return test_harness_run(argc, argv);
}
