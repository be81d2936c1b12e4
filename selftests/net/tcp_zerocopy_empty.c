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

FIXTURE(zc_empty) {
	int fd;			/* the socket under test */
	int peer;
	void *map;
	unsigned char copybuf[CB_LEN];
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
	struct sockaddr_storage ss;
	socklen_t sslen;
	int ret, fd;

	self->fd = -1;
	self->peer = -1;
	self->map = NULL;
	ret = zc_private_netns(0);
	ASSERT_LE(0, ret);
	if (!ret)
		TH_LOG("no private netns (%s), using the current one",
		       strerror(errno));

	/* Probe the family once, so that each test only has to build. */
	fd = zc_listener(variant->family, &ss, &sslen);
	if (fd == -EAFNOSUPPORT || fd == -EADDRNOTAVAIL)
		SKIP(return, "no loopback for this family: %s", strerror(-fd));
	ASSERT_LE(0, fd);
	close(fd);
}

FIXTURE_TEARDOWN(zc_empty)
{
	if (self->map)
		munmap(self->map, MAP_LEN);
	if (self->fd >= 0)
		close(self->fd);
	if (self->peer >= 0)
		close(self->peer);
}

/*
 * The argument for self->fd: address mapped on the socket or a hole,
 * optional copy buffer, sentinels in the out-fields.
 */
static int zc_prepare(FIXTURE_DATA(zc_empty) *self,
		      const FIXTURE_VARIANT(zc_empty) *variant,
		      struct zc_arg *zc)
{
	memset(zc, 0, sizeof(*zc));
	if (variant->mapped && !self->map) {
		self->map = mmap(NULL, MAP_LEN, PROT_READ, MAP_SHARED,
				 self->fd, 0);
		if (self->map == MAP_FAILED) {
			self->map = NULL;
			return -errno;
		}
	}
	zc->address = (uintptr_t)(variant->mapped ? self->map :
				  zc_hole(MAP_LEN));
	if (!zc->address)
		return -ENOMEM;
	zc->length = MAP_LEN;
	zc->recv_skip_hint = SENTINEL;
	zc->inq = SENTINEL;
	zc->err = (int32_t)SENTINEL;
	memset(self->copybuf, CB_FILL, sizeof(self->copybuf));
	if (variant->copybuf) {
		zc->copybuf_address = (uintptr_t)self->copybuf;
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

/* Call on self->fd; checks that no state reports queued data. */
static int zc_run(struct __test_metadata *_metadata,
		  FIXTURE_DATA(zc_empty) *self,
		  const FIXTURE_VARIANT(zc_empty) *variant, struct zc_arg *zc)
{
	int inq = -1, ret;

	ret = zc_prepare(self, variant, zc);
	if (ret)
		return ret;
	ret = zc_call64(self->fd, zc);
	EXPECT_EQ(0, zc_copybuf_dirty(self->copybuf));
	if (self->map)
		EXPECT_EQ(0, zc_resident_pages(self->map));
	/* SIOCINQ is -EINVAL on a listener, by design. */
	if (!zc_siocinq(self->fd, &inq))
		EXPECT_EQ(0, inq);
	return ret;
}

/* Accepted: nothing mapped, copied, skipped or queued; err as given. */
static void zc_expect_nothing(struct __test_metadata *_metadata,
			      const struct zc_arg *zc, int err)
{
	EXPECT_EQ(0, zc->length);
	EXPECT_EQ(0, zc->recv_skip_hint);
	EXPECT_EQ(0, zc->inq);
	EXPECT_EQ(err, zc->err);
	EXPECT_EQ(0, zc->copybuf_len);
	EXPECT_EQ(0, zc->msg_flags);
}

/* Refused: the argument is not written back at all. */
static void zc_expect_untouched(struct __test_metadata *_metadata,
				const struct zc_arg *zc)
{
	EXPECT_EQ(MAP_LEN, zc->length);
	EXPECT_EQ(SENTINEL, zc->recv_skip_hint);
	EXPECT_EQ(SENTINEL, zc->inq);
	EXPECT_EQ((int32_t)SENTINEL, zc->err);
}

/* Connected pair: self->fd accepted, self->peer connecting. */
static int zc_connect(FIXTURE_DATA(zc_empty) *self,
		      const FIXTURE_VARIANT(zc_empty) *variant)
{
	return zc_pair(variant->family, 0, &self->peer, &self->fd);
}

TEST_F(zc_empty, fresh_close)
{
	struct zc_arg zc;

	if (_metadata->skip)
		return;
	self->fd = zc_socket(variant->family);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, zc_run(_metadata, self, variant, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

TEST_F(zc_empty, bound_close)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct zc_arg zc;

	if (_metadata->skip)
		return;
	self->fd = zc_socket(variant->family);
	ASSERT_LE(0, self->fd);
	sslen = zc_loopback(variant->family, &ss);
	ASSERT_EQ(0, bind(self->fd, (struct sockaddr *)&ss, sslen));
	ASSERT_EQ(0, zc_run(_metadata, self, variant, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

TEST_F(zc_empty, listening)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct zc_arg zc;

	if (_metadata->skip)
		return;
	self->fd = zc_listener(variant->family, &ss, &sslen);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(-ENOTCONN, zc_run(_metadata, self, variant, &zc));
	zc_expect_untouched(_metadata, &zc);
}

TEST_F(zc_empty, connected_no_data)
{
	struct zc_arg zc;
	int fd;

	if (_metadata->skip)
		return;
	ASSERT_EQ(0, zc_connect(self, variant));
	ASSERT_EQ(0, zc_run(_metadata, self, variant, &zc));
	zc_expect_nothing(_metadata, &zc, 0);

	/* The connecting end too (its own mapping). */
	if (self->map)
		munmap(self->map, MAP_LEN);
	self->map = NULL;
	fd = self->fd;
	self->fd = self->peer;
	self->peer = fd;
	ASSERT_EQ(0, zc_run(_metadata, self, variant, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

TEST_F(zc_empty, all_data_read)
{
	unsigned char data[DATA_LEN];
	struct zc_arg zc;

	if (_metadata->skip)
		return;
	ASSERT_EQ(0, zc_connect(self, variant));
	zc_fill(data, 0, sizeof(data));
	ASSERT_EQ(0, zc_send_all(self->peer, data, sizeof(data)));
	ASSERT_EQ(DATA_LEN, zc_wait_inq(self->fd, DATA_LEN, WAIT_MS));
	memset(data, 0, sizeof(data));
	ASSERT_EQ(0, zc_read_all(self->fd, data, sizeof(data)));
	ASSERT_EQ(-1, zc_check(data, 0, sizeof(data)));

	ASSERT_EQ(0, zc_run(_metadata, self, variant, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
	/* Asking again changes nothing. */
	ASSERT_EQ(0, zc_run(_metadata, self, variant, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

TEST_F(zc_empty, peer_shutdown)
{
	struct zc_arg zc;

	if (_metadata->skip)
		return;
	ASSERT_EQ(0, zc_connect(self, variant));
	ASSERT_EQ(0, shutdown(self->peer, SHUT_WR));
	ASSERT_NE(0, zc_wait(self->fd, POLLRDHUP, WAIT_MS) & POLLRDHUP);
	ASSERT_EQ(-EIO, zc_run(_metadata, self, variant, &zc));
	zc_expect_untouched(_metadata, &zc);
}

TEST_F(zc_empty, peer_shutdown_after_data)
{
	unsigned char data[DATA_LEN];
	struct zc_arg zc;

	if (_metadata->skip)
		return;
	ASSERT_EQ(0, zc_connect(self, variant));
	zc_fill(data, 0, sizeof(data));
	ASSERT_EQ(0, zc_send_all(self->peer, data, sizeof(data)));
	ASSERT_EQ(0, shutdown(self->peer, SHUT_WR));
	ASSERT_NE(0, zc_wait(self->fd, POLLRDHUP, WAIT_MS) & POLLRDHUP);
	ASSERT_EQ(0, zc_read_all(self->fd, data, sizeof(data)));
	ASSERT_EQ(-1, zc_check(data, 0, sizeof(data)));
	ASSERT_EQ(-EIO, zc_run(_metadata, self, variant, &zc));
	zc_expect_untouched(_metadata, &zc);
}

TEST_F(zc_empty, orderly_close)
{
	struct zc_arg zc;

	if (_metadata->skip)
		return;
	ASSERT_EQ(0, zc_connect(self, variant));
	ASSERT_EQ(0, shutdown(self->peer, SHUT_WR));
	ASSERT_NE(0, zc_wait(self->fd, POLLRDHUP, WAIT_MS) & POLLRDHUP);
	ASSERT_EQ(0, shutdown(self->fd, SHUT_WR));
	ASSERT_NE(0, zc_wait(self->peer, POLLRDHUP, WAIT_MS) & POLLRDHUP);
	ASSERT_NE(0, zc_wait(self->fd, POLLHUP, WAIT_MS) & POLLHUP);
	ASSERT_EQ(-EIO, zc_run(_metadata, self, variant, &zc));
	zc_expect_untouched(_metadata, &zc);
}

/* SHUT_RD on our side is no FIN from the peer: no SOCK_DONE, no -EIO. */
TEST_F(zc_empty, own_shutdown_read)
{
	struct zc_arg zc;

	if (_metadata->skip)
		return;
	ASSERT_EQ(0, zc_connect(self, variant));
	ASSERT_EQ(0, shutdown(self->fd, SHUT_RD));
	ASSERT_EQ(0, zc_run(_metadata, self, variant, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

/*
 * A reset is reported once, through err, and only when optlen covers
 * err: an inq-only call (optlen 20) leaves it pending.
 */
TEST_F(zc_empty, peer_reset)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	socklen_t optlen;
	struct zc_arg zc;

	if (_metadata->skip)
		return;
	ASSERT_EQ(0, zc_connect(self, variant));
	ASSERT_EQ(0, setsockopt(self->peer, SOL_SOCKET, SO_LINGER,
				&lg, sizeof(lg)));
	ASSERT_EQ(0, close(self->peer));
	self->peer = -1;
	ASSERT_NE(0, zc_wait(self->fd, POLLERR, WAIT_MS) & POLLERR);

	ASSERT_EQ(0, zc_prepare(self, variant, &zc));
	optlen = ZC_END(inq);
	ASSERT_EQ(0, zc_call(self->fd, &zc, &optlen));
	EXPECT_EQ(0, zc.inq);
	EXPECT_EQ((int32_t)SENTINEL, zc.err);

	ASSERT_EQ(0, zc_run(_metadata, self, variant, &zc));
	zc_expect_nothing(_metadata, &zc, -ECONNRESET);
	ASSERT_EQ(0, zc_run(_metadata, self, variant, &zc));
	zc_expect_nothing(_metadata, &zc, 0);
}

TEST_HARNESS_MAIN
