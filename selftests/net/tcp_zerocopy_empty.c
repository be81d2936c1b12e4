// SPDX-License-Identifier: GPL-2.0
/*
 * getsockopt(TCP_ZEROCOPY_RECEIVE) on an empty receive queue, in every
 * state a socket can reach without help: fresh and bound (CLOSE),
 * listening, connected with nothing sent, all data already read, peer
 * shut down (FIN, nothing queued), orderly closed, own receive side shut
 * down, and reset by the peer.
 *
 * An empty queue must never reach the mapping loop: the zerocopy loop
 * trusts tcp_inq() and calls tcp_recv_skb() without a NULL check, so the
 * only correct answers here are "nothing" (0, all counts zero), -ENOTCONN
 * (listening), -EIO (FIN seen, SOCK_DONE) and a reset reported in err.
 * Each state runs with the address mapped on the socket or pointing at
 * a hole, and with and without a copy buffer; neither may change that.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdlib.h>

#include "../kselftest_harness.h"
#include "tcp_zerocopy_lib.h"

#define MAP_LEN		(2 * ZC_PAGE)
#define CB_LEN		ZC_PAGE
#define CB_FILL		0xee
#define SENTINEL	0xa5a5a5a5u
#define DATA_LEN	1000
#define WAIT_MS		5000

/* What the helpers below work on (the fixture holds one). */
struct zc_state {
	int fd;			/* the socket under test */
	int peer;
	int family;
	bool mapped;
	bool use_copybuf;
	void *map;
	unsigned char copybuf[CB_LEN];
};

FIXTURE(zc_empty) {
	struct zc_state st;
	bool skip;		/* setup skipped: the body returns */
};

FIXTURE_VARIANT(zc_empty) {
	int family;
	bool mapped;
	bool copybuf;
};

FIXTURE_VARIANT_ADD(zc_empty, ipv4) {
	.family = AF_INET,
};

FIXTURE_VARIANT_ADD(zc_empty, ipv4_mapped) {
	.family = AF_INET,
	.mapped = true,
};

FIXTURE_VARIANT_ADD(zc_empty, ipv4_copybuf) {
	.family = AF_INET,
	.copybuf = true,
};

FIXTURE_VARIANT_ADD(zc_empty, ipv4_mapped_copybuf) {
	.family = AF_INET,
	.mapped = true,
	.copybuf = true,
};

FIXTURE_VARIANT_ADD(zc_empty, ipv6) {
	.family = AF_INET6,
};

FIXTURE_VARIANT_ADD(zc_empty, ipv6_mapped) {
	.family = AF_INET6,
	.mapped = true,
};

FIXTURE_VARIANT_ADD(zc_empty, ipv6_copybuf) {
	.family = AF_INET6,
	.copybuf = true,
};

FIXTURE_VARIANT_ADD(zc_empty, ipv6_mapped_copybuf) {
	.family = AF_INET6,
	.mapped = true,
	.copybuf = true,
};

FIXTURE_SETUP(zc_empty)
{
	struct zc_state *st = &self->st;
	struct sockaddr_storage ss;
	socklen_t sslen;
	int ret, fd;

	st->fd = -1;
	st->peer = -1;
	st->map = NULL;
	st->family = variant->family;
	st->mapped = variant->mapped;
	st->use_copybuf = variant->copybuf;
	ret = zc_private_netns(0);
	ASSERT_LE(0, ret);
	if (!ret)
		TH_LOG("no private netns (%s), using the current one",
		       strerror(errno));

	/* Probe the family once, so that each test only has to build. */
	fd = zc_listener(st->family, &ss, &sslen);
	if (fd == -EAFNOSUPPORT || fd == -EADDRNOTAVAIL) {
		self->skip = true;
		SKIP(return, "no loopback for this family: %s", strerror(-fd));
	}
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, zc_probe_errno())
		TH_LOG("zeroed TCP_ZEROCOPY_RECEIVE on a fresh socket: %s",
		       strerror(-zc_probe_errno()));
	if (zc_layout_missing()) {
		self->skip = true;
		SKIP(return, "%s", zc_layout_missing());
	}
}

FIXTURE_TEARDOWN(zc_empty)
{
	struct zc_state *st = &self->st;

	if (st->map)
		munmap(st->map, MAP_LEN);
	if (st->fd >= 0)
		close(st->fd);
	if (st->peer >= 0)
		close(st->peer);
}

/*
 * The argument for st->fd: address mapped on the socket or a hole,
 * optional copy buffer, sentinels in the out-fields.
 */
static int zc_prepare(struct zc_state *st, struct zc_arg *zc)
{
	memset(zc, 0, sizeof(*zc));
	if (st->mapped && !st->map) {
		st->map = mmap(NULL, MAP_LEN, PROT_READ, MAP_SHARED,
			       st->fd, 0);
		if (st->map == MAP_FAILED) {
			st->map = NULL;
			return -errno;
		}
	}
	zc->address = (uintptr_t)(st->mapped ? st->map :
				  zc_hole(MAP_LEN));
	if (!zc->address)
		return -ENOMEM;
	zc->length = MAP_LEN;
	zc->recv_skip_hint = SENTINEL;
	zc->inq = SENTINEL;
	zc->err = (__s32)SENTINEL;
	memset(st->copybuf, CB_FILL, sizeof(st->copybuf));
	if (st->use_copybuf) {
		zc->copybuf_address = (uintptr_t)st->copybuf;
		zc->copybuf_len = CB_LEN;
	}
	return 0;
}

/* Nothing in the mapping became resident (tcp mappings have no fault). */
static int zc_resident_pages(void *map)
{
	unsigned char vec[MAP_LEN / ZC_PAGE];
	int i, n = 0;

	if (mincore(map, MAP_LEN, vec))
		return -errno;
	for (i = 0; i < (int)sizeof(vec); i++)
		n += vec[i] & 1;
	return n;
}

static int zc_copybuf_dirty(const unsigned char *buf)
{
	int i;

	for (i = 0; i < (int)CB_LEN; i++)
		if (buf[i] != CB_FILL)
			return 1;
	return 0;
}

/* Call on st->fd; checks that no state reports queued data. */
static int zc_run(struct __test_metadata *_metadata, struct zc_state *st,
		  struct zc_arg *zc)
{
	int inq = -1, ret;

	ret = zc_prepare(st, zc);
	if (ret)
		return ret;
	ret = zc_call64(st->fd, zc);
	EXPECT_EQ(0, zc_copybuf_dirty(st->copybuf));
	if (st->map)
		EXPECT_EQ(0, zc_resident_pages(st->map));
	/* SIOCINQ is -EINVAL on a listener, by design. */
	if (!zc_siocinq(st->fd, &inq))
		EXPECT_EQ(0, inq);
	return ret;
}

/* Accepted: nothing mapped, copied, skipped or queued; err as given. */
static void zc_expect_nothing(struct __test_metadata *_metadata,
			      const struct zc_arg *zc, int err)
{
	EXPECT_EQ(0U, zc->length);
	EXPECT_EQ(0U, zc->recv_skip_hint);
	EXPECT_EQ(0U, zc->inq);
	EXPECT_EQ(err, zc->err);
	EXPECT_EQ(0, zc->copybuf_len);
	EXPECT_EQ(0U, zc->msg_flags);
}

/* Refused: the argument is not written back at all. */
static void zc_expect_untouched(struct __test_metadata *_metadata,
				const struct zc_arg *zc)
{
	EXPECT_EQ(MAP_LEN, zc->length);
	EXPECT_EQ(SENTINEL, zc->recv_skip_hint);
	EXPECT_EQ(SENTINEL, zc->inq);
	EXPECT_EQ((__s32)SENTINEL, zc->err);
}

/* Connected pair: st->fd accepted, st->peer connecting. */
static int zc_connect(struct zc_state *st)
{
	return zc_pair(st->family, 0, &st->peer, &st->fd);
}

TEST_F(zc_empty, fresh_close)
{
	struct zc_state *st = &self->st;
	struct zc_arg zc;

	if (self->skip)
		return;
	st->fd = zc_socket(st->family);
	ASSERT_LE(0, st->fd);
	ASSERT_EQ(0, zc_run(_metadata, st, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

TEST_F(zc_empty, bound_close)
{
	struct zc_state *st = &self->st;
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct zc_arg zc;

	if (self->skip)
		return;
	st->fd = zc_socket(st->family);
	ASSERT_LE(0, st->fd);
	sslen = zc_loopback(st->family, &ss);
	ASSERT_EQ(0, bind(st->fd, (struct sockaddr *)&ss, sslen));
	ASSERT_EQ(0, zc_run(_metadata, st, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

TEST_F(zc_empty, listening)
{
	struct zc_state *st = &self->st;
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct zc_arg zc;

	if (self->skip)
		return;
	st->fd = zc_listener(st->family, &ss, &sslen);
	ASSERT_LE(0, st->fd);
	ASSERT_EQ(-ENOTCONN, zc_run(_metadata, st, &zc));
	zc_expect_untouched(_metadata, &zc);
}

TEST_F(zc_empty, connected_no_data)
{
	struct zc_state *st = &self->st;
	struct zc_arg zc;
	int fd;

	if (self->skip)
		return;
	ASSERT_EQ(0, zc_connect(st));
	ASSERT_EQ(0, zc_run(_metadata, st, &zc));
	zc_expect_nothing(_metadata, &zc, 0);

	/* The connecting end too (its own mapping). */
	if (st->map)
		munmap(st->map, MAP_LEN);
	st->map = NULL;
	fd = st->fd;
	st->fd = st->peer;
	st->peer = fd;
	ASSERT_EQ(0, zc_run(_metadata, st, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

TEST_F(zc_empty, all_data_read)
{
	struct zc_state *st = &self->st;
	unsigned char data[DATA_LEN];
	struct zc_arg zc;

	if (self->skip)
		return;
	ASSERT_EQ(0, zc_connect(st));
	zc_fill(data, 0, sizeof(data));
	ASSERT_EQ(0, zc_send_all(st->peer, data, sizeof(data)));
	ASSERT_EQ(DATA_LEN, zc_wait_inq(st->fd, DATA_LEN, WAIT_MS));
	memset(data, 0, sizeof(data));
	ASSERT_EQ(0, zc_read_all(st->fd, data, sizeof(data)));
	ASSERT_EQ(-1, zc_check(data, 0, sizeof(data)));

	ASSERT_EQ(0, zc_run(_metadata, st, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
	/* Asking again changes nothing. */
	ASSERT_EQ(0, zc_run(_metadata, st, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

TEST_F(zc_empty, peer_shutdown)
{
	struct zc_state *st = &self->st;
	struct zc_arg zc;

	if (self->skip)
		return;
	ASSERT_EQ(0, zc_connect(st));
	ASSERT_EQ(0, shutdown(st->peer, SHUT_WR));
	ASSERT_NE(0, zc_wait(st->fd, POLLRDHUP, WAIT_MS) & POLLRDHUP);
	ASSERT_EQ(-EIO, zc_run(_metadata, st, &zc));
	zc_expect_untouched(_metadata, &zc);
}

TEST_F(zc_empty, peer_shutdown_after_data)
{
	struct zc_state *st = &self->st;
	unsigned char data[DATA_LEN];
	struct zc_arg zc;

	if (self->skip)
		return;
	ASSERT_EQ(0, zc_connect(st));
	zc_fill(data, 0, sizeof(data));
	ASSERT_EQ(0, zc_send_all(st->peer, data, sizeof(data)));
	ASSERT_EQ(0, shutdown(st->peer, SHUT_WR));
	ASSERT_NE(0, zc_wait(st->fd, POLLRDHUP, WAIT_MS) & POLLRDHUP);
	ASSERT_EQ(0, zc_read_all(st->fd, data, sizeof(data)));
	ASSERT_EQ(-1, zc_check(data, 0, sizeof(data)));
	ASSERT_EQ(-EIO, zc_run(_metadata, st, &zc));
	zc_expect_untouched(_metadata, &zc);
}

/*
 * The inq the zerocopy call reports is tcp_inq_hint(): once the FIN has
 * been read and the queue is empty it says 1 ("continue reading"), never
 * 0. The zerocopy call itself fails with -EIO there and writes nothing,
 * so the TCP_INQ cmsg of the recvmsg() that reads the FIN shows it.
 */
TEST_F(zc_empty, inq_hint_after_fin)
{
	struct zc_state *st = &self->st;
	char cbuf[CMSG_SPACE(sizeof(int))];
	unsigned char data[DATA_LEN];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	struct cmsghdr *cm;
	int one = 1, hint = -1;

	if (self->skip)
		return;
	ASSERT_EQ(0, zc_connect(st));
	ASSERT_EQ(0, setsockopt(st->fd, IPPROTO_TCP, TCP_INQ, &one,
				sizeof(one)));
	zc_fill(data, 0, sizeof(data));
	ASSERT_EQ(0, zc_send_all(st->peer, data, sizeof(data)));
	ASSERT_EQ(0, shutdown(st->peer, SHUT_WR));
	ASSERT_NE(0, zc_wait(st->fd, POLLRDHUP, WAIT_MS) & POLLRDHUP);
	ASSERT_EQ(0, zc_read_all(st->fd, data, sizeof(data)));

	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	ASSERT_EQ(0, recvmsg(st->fd, &msg, 0));
	for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm))
		if (cm->cmsg_level == IPPROTO_TCP &&
		    cm->cmsg_type == TCP_CM_INQ)
			memcpy(&hint, CMSG_DATA(cm), sizeof(hint));
	EXPECT_EQ(1, hint)
		TH_LOG("inq after the FIN must be 1, not 0 (tcp_inq_hint)");
}

TEST_F(zc_empty, orderly_close)
{
	struct zc_state *st = &self->st;
	struct zc_arg zc;

	if (self->skip)
		return;
	ASSERT_EQ(0, zc_connect(st));
	ASSERT_EQ(0, shutdown(st->peer, SHUT_WR));
	ASSERT_NE(0, zc_wait(st->fd, POLLRDHUP, WAIT_MS) & POLLRDHUP);
	ASSERT_EQ(0, shutdown(st->fd, SHUT_WR));
	ASSERT_NE(0, zc_wait(st->peer, POLLRDHUP, WAIT_MS) & POLLRDHUP);
	ASSERT_NE(0, zc_wait(st->fd, POLLHUP, WAIT_MS) & POLLHUP);
	ASSERT_EQ(-EIO, zc_run(_metadata, st, &zc));
	zc_expect_untouched(_metadata, &zc);
}

/* SHUT_RD on our side is no FIN from the peer: no SOCK_DONE, no -EIO. */
TEST_F(zc_empty, own_shutdown_read)
{
	struct zc_state *st = &self->st;
	struct zc_arg zc;

	if (self->skip)
		return;
	ASSERT_EQ(0, zc_connect(st));
	ASSERT_EQ(0, shutdown(st->fd, SHUT_RD));
	ASSERT_EQ(0, zc_run(_metadata, st, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

/*
 * A reset is reported once, through err, and only when optlen covers
 * err: an inq-only call (optlen 20) leaves it pending.
 */
TEST_F(zc_empty, peer_reset)
{
	struct zc_state *st = &self->st;
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	socklen_t optlen;
	struct zc_arg zc;

	if (self->skip)
		return;
	ASSERT_EQ(0, zc_connect(st));
	ASSERT_EQ(0, setsockopt(st->peer, SOL_SOCKET, SO_LINGER,
				&lg, sizeof(lg)));
	ASSERT_EQ(0, close(st->peer));
	st->peer = -1;
	ASSERT_NE(0, zc_wait(st->fd, POLLERR, WAIT_MS) & POLLERR);

	ASSERT_EQ(0, zc_prepare(st, &zc));
	optlen = ZC_END(inq);
	ASSERT_EQ(0, zc_call(st->fd, &zc, &optlen));
	EXPECT_EQ(0U, zc.inq);
	EXPECT_EQ((__s32)SENTINEL, zc.err);

	ASSERT_EQ(0, zc_run(_metadata, st, &zc));
	zc_expect_nothing(_metadata, &zc, -ECONNRESET);
	ASSERT_EQ(0, zc_run(_metadata, st, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

/* TEST_HARNESS_MAIN, with exit 4 when every case skipped. */
int main(int argc, char **argv)
{
	atexit(zc_exit_skip_if_all_skipped);
	return test_harness_run(argc, argv);
}
