// SPDX-License-Identifier: GPL-2.0
/*
 * The receive timestamp of TCP_ZEROCOPY_RECEIVE arrives as a control
 * message in the buffer at msg_control, a user address: a6f8ee58a8e3
 * ("tcp: Specify cmsgbuf is user pointer for receive zerocopy"). Without
 * it put_cmsg() takes that address as a kernel pointer and writes it with
 * memcpy(): a page fault oops where SMAP is on, a silent write past the
 * user access checks where it is off.
 *
 * The receiver asks for SO_TIMESTAMPNS, the sender writes less than a
 * page, and the full-size call takes it through copybuf with msg_control
 * and msg_controllen set. The cmsg must be in our buffer, well formed,
 * with a plausible time, and the kernel must have moved msg_control and
 * msg_controllen past it, as recvmsg() does.
 *
 * No userspace check can tell a kernel without the fix before the write
 * happens: on such a kernel with SMAP this test oopses, so run it there
 * only in a VM (a fixed kernel is safe).
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "../kselftest_harness.h"
#include "tcp_zerocopy_lib.h"

/* What a failure here means. */
#define MISSING_FIX \
	"a6f8ee58a8e3 (\"tcp: Specify cmsgbuf is user pointer for receive zerocopy\")"

#define DATA_LEN	100
#define CTL_LEN		256

FIXTURE(zc_cmsg) {
	int cli;
	int srv;
	bool skip;		/* setup skipped: the body returns */
};

FIXTURE_VARIANT(zc_cmsg) {
	int family;
};

FIXTURE_VARIANT_ADD(zc_cmsg, ipv4) {
	.family = AF_INET,
};

FIXTURE_VARIANT_ADD(zc_cmsg, ipv6) {
	.family = AF_INET6,
};

FIXTURE_SETUP(zc_cmsg)
{
	unsigned char data[DATA_LEN];
	int one = 1, ret;

	self->cli = -1;
	self->srv = -1;
	ASSERT_EQ(0, zc_probe_errno())
		TH_LOG("zeroed TCP_ZEROCOPY_RECEIVE on a fresh socket: %s",
		       strerror(-zc_probe_errno()));
	if (zc_layout_missing()) {
		self->skip = true;
		SKIP(return, "%s", zc_layout_missing());
	}
	ret = zc_pair(variant->family, 0, &self->cli, &self->srv);
	if (ret == -EAFNOSUPPORT || ret == -EADDRNOTAVAIL) {
		self->skip = true;
		SKIP(return, "no loopback for this family: %s", strerror(-ret));
	}
	ASSERT_EQ(0, ret);
	ASSERT_EQ(0, setsockopt(self->srv, SOL_SOCKET, SO_TIMESTAMPNS, &one,
				sizeof(one)));
	ret = zc_stamps_flow(self->cli, self->srv);
	ASSERT_LE(0, ret);
	if (!ret) {
		self->skip = true;
		SKIP(return, "SO_TIMESTAMPNS: no receive timestamps");
	}
	zc_fill(data, 0, sizeof(data));
	ASSERT_EQ(0, zc_send_all(self->cli, data, sizeof(data)));
	ASSERT_EQ(DATA_LEN, zc_wait_inq(self->srv, DATA_LEN, 5000));
}

FIXTURE_TEARDOWN(zc_cmsg)
{
	if (self->cli >= 0)
		close(self->cli);
	if (self->srv >= 0)
		close(self->srv);
}

/*
 * The full-size call: the queued data into copybuf (DATA_LEN bytes), the
 * control messages into ctl (CTL_LEN bytes, zeroed), ctl_len offered.
 */
static void zc_cmsg_arg(struct zc_arg *zc, unsigned char *copybuf,
			unsigned char *ctl, size_t ctl_len)
{
	memset(ctl, 0, CTL_LEN);
	memset(zc, 0, sizeof(*zc));
	zc->copybuf_address = (__u64)(uintptr_t)copybuf;
	zc->copybuf_len = DATA_LEN;
	zc->msg_control = (__u64)(uintptr_t)ctl;
	zc->msg_controllen = ctl_len;
}

TEST_F(zc_cmsg, timestamp_in_user_buffer)
{
	unsigned char copybuf[DATA_LEN];
	unsigned char ctl[CTL_LEN];
	struct cmsghdr *cm = (struct cmsghdr *)ctl;
	struct timespec now, ts;
	struct zc_arg zc;

	if (self->skip)
		return;
	zc_cmsg_arg(&zc, copybuf, ctl, sizeof(ctl));
	ASSERT_EQ(0, clock_gettime(CLOCK_REALTIME, &now));
	ASSERT_EQ(0, zc_call64(self->srv, &zc));
	ASSERT_EQ(DATA_LEN, zc.copybuf_len);
	EXPECT_EQ(-1, zc_check(copybuf, 0, DATA_LEN));
	/* On return msg_flags holds the control message flags. */
	EXPECT_EQ(0U, zc.msg_flags & MSG_CTRUNC);

	EXPECT_EQ(SOL_SOCKET, cm->cmsg_level) {
		TH_LOG("no timestamp cmsg in the user's msg_control buffer");
		TH_LOG("this kernel lacks %s", MISSING_FIX);
	}
	EXPECT_EQ(SCM_TIMESTAMPNS, cm->cmsg_type);
	ASSERT_EQ(CMSG_LEN(sizeof(ts)), cm->cmsg_len);
	EXPECT_EQ((__u64)(uintptr_t)ctl + CMSG_SPACE(sizeof(ts)),
		  zc.msg_control);
	EXPECT_EQ(sizeof(ctl) - CMSG_SPACE(sizeof(ts)), zc.msg_controllen);
	memcpy(&ts, CMSG_DATA(cm), sizeof(ts));
	/* Stamped on arrival, before the call; give clock steps a minute. */
	EXPECT_GE(ts.tv_sec, now.tv_sec - 60);
	EXPECT_LE(ts.tv_sec, now.tv_sec + 60);
	EXPECT_GT(1000000000L, ts.tv_nsec);
}

/*
 * A control buffer too short for the cmsg: the kernel writes what fits
 * and says so with MSG_CTRUNC in msg_flags, as recvmsg() does.
 */
TEST_F(zc_cmsg, timestamp_truncated)
{
	unsigned char copybuf[DATA_LEN];
	unsigned char ctl[CTL_LEN];
	struct zc_arg zc;

	if (self->skip)
		return;
	zc_cmsg_arg(&zc, copybuf, ctl, sizeof(struct cmsghdr) + 4);
	ASSERT_EQ(0, zc_call64(self->srv, &zc));
	ASSERT_EQ(DATA_LEN, zc.copybuf_len);
	EXPECT_NE(0U, zc.msg_flags & MSG_CTRUNC)
		TH_LOG("a truncated timestamp cmsg must set MSG_CTRUNC");
}

/* TEST_HARNESS_MAIN, with exit 4 when every case skipped. */
int main(int argc, char **argv)
{
	atexit(zc_exit_skip_if_all_skipped);
	return test_harness_run(argc, argv);
}
