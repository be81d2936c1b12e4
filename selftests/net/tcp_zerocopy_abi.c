// SPDX-License-Identifier: GPL-2.0
/*
 * getsockopt(TCP_ZEROCOPY_RECEIVE) argument rules: the optlen matrix,
 * what is written back and where, and the -EINVAL checks on the input
 * fields.
 *
 * The receiving socket holds ZC_QUEUED bytes, less than a page, so an
 * accepted call maps and consumes nothing and every value it reports is
 * known in advance: length 0, recv_skip_hint and inq ZC_QUEUED, err 0.
 *
 * The kernel copies min(optlen, its sizeof) bytes in and out. inq and
 * err are reported only when optlen ends exactly on a field boundary at
 * or past them, or reaches msg_flags (do_tcp_getsockopt() switches on
 * the offsetofend() values); optlen 20 is the inq-only case added by
 * c8856c051454 ("tcp-zerocopy: Return inq along with tcp receive
 * zerocopy"). A longer optlen is clamped and written back, provided the
 * bytes past the kernel's struct are zero. The kernel's struct size is
 * measured, not assumed, so older (shorter) and newer (longer) layouts
 * are both accepted.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

#include "../kselftest_harness.h"
#include "tcp_zerocopy_lib.h"

#define ZC_QUEUED	100
#define GUARD		0xa5
#define BUF_LEN		2048
#define CB_LEN		0x11	/* below ZC_QUEUED: no copy fallback */

FIXTURE(zc_abi) {
	int cli;
	int srv;
	int ksize;
	unsigned char in[BUF_LEN];
	unsigned char out[BUF_LEN];
	bool skip;		/* setup skipped: the body returns */
};

FIXTURE_VARIANT(zc_abi) {
	int family;
};

FIXTURE_VARIANT_ADD(zc_abi, ipv4) {
	.family = AF_INET,
};

FIXTURE_VARIANT_ADD(zc_abi, ipv6) {
	.family = AF_INET6,
};

static const char *zc_field(size_t off)
{
	static const struct {
		size_t end;
		const char *name;
	} fields[] = {
		{ ZC_END(address), "address" },
		{ ZC_END(length), "length" },
		{ ZC_END(recv_skip_hint), "recv_skip_hint" },
		{ ZC_END(inq), "inq" },
		{ ZC_END(err), "err" },
		{ ZC_END(copybuf_address), "copybuf_address" },
		{ ZC_END(copybuf_len), "copybuf_len" },
		{ ZC_END(flags), "flags" },
		{ ZC_END(msg_control), "msg_control" },
		{ ZC_END(msg_controllen), "msg_controllen" },
		{ ZC_END(msg_flags), "msg_flags" },
		{ ZC_END(reserved), "reserved" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fields); i++)
		if (off < fields[i].end)
			return fields[i].name;
	return "past the struct";
}

/* Does a call with (clamped) optlen len report the field ending at end? */
static bool zc_fills(int len, size_t end)
{
	static const size_t ends[] = {
		ZC_END(inq), ZC_END(err), ZC_END(copybuf_address),
		ZC_END(copybuf_len), ZC_END(flags), ZC_END(msg_control),
		ZC_END(msg_controllen),
	};
	size_t i;

	if (len >= (int)ZC_END(msg_flags))
		return true;
	for (i = 0; i < ARRAY_SIZE(ends); i++)
		if (ends[i] >= end && (size_t)len == ends[i])
			return true;
	return false;
}

/*
 * A valid argument in buf: out-fields hold sentinels, nothing asks for
 * a copy or a mapping, the len - 64 bytes past the struct are zero and
 * everything after optlen is guard.
 */
static void zc_input(unsigned char *buf, int len)
{
	struct zc_arg zc;

	memset(buf, GUARD, BUF_LEN);
	memset(&zc, GUARD, sizeof(zc));
	zc.address = 0;
	zc.length = ZC_PAGE;
	zc.copybuf_address = 0;
	zc.copybuf_len = CB_LEN;
	zc.flags = 0;
	zc.msg_control = 0;
	zc.msg_controllen = 0;
	zc.msg_flags = 0;
	zc.reserved = 0;
	memcpy(buf, &zc, sizeof(zc));
	if (len > (int)sizeof(zc))
		memset(buf + sizeof(zc), 0, len - sizeof(zc));
}

static int zc_queued(int fd)
{
	int inq;

	return zc_siocinq(fd, &inq) ? -1 : inq;
}

FIXTURE_SETUP(zc_abi)
{
	unsigned char data[ZC_QUEUED];
	bool clamps;
	int ret;

	self->cli = -1;
	self->srv = -1;
	ret = zc_private_netns(0);
	ASSERT_LE(0, ret);
	if (!ret)
		TH_LOG("no private netns (%s), using the current one",
		       strerror(errno));

	ret = zc_pair(variant->family, 0, &self->cli, &self->srv);
	if (ret == -EAFNOSUPPORT || ret == -EADDRNOTAVAIL) {
		self->skip = true;
		SKIP(return, "no loopback for this family: %s", strerror(-ret));
	}
	ASSERT_EQ(0, ret);

	zc_fill(data, 0, sizeof(data));
	ASSERT_EQ(0, zc_send_all(self->cli, data, sizeof(data)));
	ASSERT_EQ(ZC_QUEUED, zc_wait_inq(self->srv, ZC_QUEUED, 5000));

	self->ksize = zc_kernel_size(self->srv, &clamps);
	if (self->ksize == -ENOPROTOOPT) {
		self->skip = true;
		SKIP(return, "kernel has no TCP_ZEROCOPY_RECEIVE");
	}
	ASSERT_LE((int)ZC_MIN_LEN, self->ksize);
	if (!clamps) {
		self->skip = true;
		SKIP(return, "kernel takes only optlen %d (rule before 5.5)",
		     self->ksize);
	}
	ASSERT_GE(BUF_LEN / 2, self->ksize);
	if (self->ksize != sizeof(struct zc_arg))
		TH_LOG("kernel struct tcp_zerocopy_receive is %d bytes",
		       self->ksize);
}

FIXTURE_TEARDOWN(zc_abi)
{
	if (self->cli >= 0)
		close(self->cli);
	if (self->srv >= 0)
		close(self->srv);
}

/* Negative and too-short optlen: -EINVAL, nothing read or written. */
TEST_F(zc_abi, optlen_below_minimum)
{
	static const int negative[] = { INT_MIN, -4096, -64, -1 };
	int n = ARRAY_SIZE(negative);
	socklen_t optlen;
	int i, len, ret;

	if (self->skip)
		return;
	/*
	 * The negative values first, then 0 .. minimum - 1, each with a
	 * valid argument: only the optlen check may refuse it (an address
	 * of guard bytes would be refused as unaligned whatever the optlen).
	 */
	for (i = 0; i < n + (int)ZC_MIN_LEN; i++) {
		len = i < n ? negative[i] : i - n;
		zc_input(self->in, len);
		memcpy(self->out, self->in, BUF_LEN);
		optlen = len;
		ret = zc_call(self->srv, self->out, &optlen);
		EXPECT_EQ(-EINVAL, ret) TH_LOG("optlen %d", len);
		EXPECT_EQ(len, (int)optlen) TH_LOG("optlen %d rewritten", len);
		EXPECT_EQ(0, memcmp(self->in, self->out, BUF_LEN))
			TH_LOG("optlen %d: buffer written", len);
	}
	EXPECT_EQ(ZC_QUEUED, zc_queued(self->srv));
}

/*
 * Every optlen from the minimum to sizeof + 16: accepted, clamped length
 * written back, the reply covers exactly the clamped optlen, inq/err
 * only where the switch reports them, guard bytes untouched.
 */
TEST_F(zc_abi, optlen_matrix)
{
	struct zc_arg exp;
	socklen_t optlen;
	int len, clamped, i, ret;

	if (self->skip)
		return;
	for (len = ZC_MIN_LEN; len <= self->ksize + 16; len++) {
		zc_input(self->in, len);
		memcpy(self->out, self->in, BUF_LEN);
		optlen = len;
		ret = zc_call(self->srv, self->out, &optlen);
		ASSERT_EQ(0, ret) TH_LOG("optlen %d", len);
		clamped = len < self->ksize ? len : self->ksize;
		ASSERT_EQ(clamped, (int)optlen) TH_LOG("optlen %d", len);

		memcpy(&exp, self->in, sizeof(exp));
		exp.length = 0;
		exp.recv_skip_hint = ZC_QUEUED;
		exp.copybuf_len = 0;
		exp.msg_flags = 0;
		if (zc_fills(clamped, ZC_END(inq)))
			exp.inq = ZC_QUEUED;
		if (zc_fills(clamped, ZC_END(err)))
			exp.err = 0;

		for (i = 0; i < BUF_LEN; i++) {
			unsigned char want;

			if (i < clamped && i < (int)sizeof(exp))
				want = ((unsigned char *)&exp)[i];
			else if (i < clamped)
				continue;	/* a field newer than ours */
			else
				want = self->in[i];
			EXPECT_EQ(want, self->out[i])
				TH_LOG("optlen %d: byte %d (%s) %#x, want %#x",
				       len, i, zc_field(i), self->out[i],
				       want);
			if (want != self->out[i])
				break;
		}
		EXPECT_EQ(ZC_QUEUED, zc_queued(self->srv))
			TH_LOG("optlen %d consumed data", len);
	}
}

/* optlen 20 (c8856c051454): inq reported, err and beyond untouched. */
TEST_F(zc_abi, optlen_inq_only)
{
	struct zc_arg *zc = (struct zc_arg *)self->out;
	socklen_t optlen = ZC_END(inq);

	if (self->skip)
		return;
	zc_input(self->out, optlen);
	ASSERT_EQ(0, zc_call(self->srv, zc, &optlen));
	ASSERT_EQ(ZC_END(inq), optlen);
	EXPECT_EQ(0U, zc->length);
	EXPECT_EQ((__u32)ZC_QUEUED, zc->recv_skip_hint);
	EXPECT_EQ((__u32)ZC_QUEUED, zc->inq);
	EXPECT_EQ((__s32)0xa5a5a5a5, zc->err);
	EXPECT_EQ(CB_LEN, zc->copybuf_len);
}

/* Past the kernel's struct every byte must be zero, else -EINVAL. */
TEST_F(zc_abi, optlen_tail_nonzero)
{
	socklen_t optlen;
	int len, pos, ret;

	if (self->skip)
		return;
	for (len = self->ksize + 1; len <= self->ksize + 16; len++) {
		for (pos = self->ksize; pos < len; pos++) {
			zc_input(self->in, len);
			self->in[pos] = 0x01;
			memcpy(self->out, self->in, BUF_LEN);
			optlen = len;
			ret = zc_call(self->srv, self->out, &optlen);
			EXPECT_EQ(-EINVAL, ret)
				TH_LOG("optlen %d, byte %d set", len, pos);
			EXPECT_EQ(len, (int)optlen);
			EXPECT_EQ(0, memcmp(self->in, self->out, BUF_LEN))
				TH_LOG("optlen %d: buffer written", len);
		}
	}
	EXPECT_EQ(ZC_QUEUED, zc_queued(self->srv));
}

/*
 * Huge optlen: a zero tail of 1 MiB is accepted and clamped; a tail that
 * runs into an unmapped page faults (-EFAULT) unless a non-zero byte
 * comes first (-EINVAL).
 */
TEST_F(zc_abi, optlen_huge)
{
	const size_t big = 1 << 20;
	struct zc_arg *zc;
	unsigned char *p;
	socklen_t optlen;

	if (self->skip)
		return;
	p = mmap(NULL, big, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	zc_input(p, big);
	optlen = big;
	ASSERT_EQ(0, zc_call(self->srv, p, &optlen));
	EXPECT_EQ(self->ksize, (int)optlen);
	zc = (struct zc_arg *)p;
	EXPECT_EQ((__u32)ZC_QUEUED, zc->inq);
	EXPECT_EQ(0, zc->err);
	munmap(p, big);

	/* One writable page, then a PROT_NONE one. */
	p = mmap(NULL, 2 * ZC_PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_EQ(0, mprotect(p + ZC_PAGE, ZC_PAGE, PROT_NONE));
	memset(p, 0, ZC_PAGE);
	zc_input(p, ZC_PAGE);
	optlen = INT_MAX;
	EXPECT_EQ(-EFAULT, zc_call(self->srv, p, &optlen));
	EXPECT_EQ(INT_MAX, (int)optlen);
	zc = (struct zc_arg *)p;
	EXPECT_EQ(ZC_PAGE, zc->length);

	p[ZC_PAGE - 1] = 1;
	EXPECT_EQ(-EINVAL, zc_call(self->srv, p, &optlen));
	EXPECT_EQ(INT_MAX, (int)optlen);
	EXPECT_EQ(ZC_PAGE, zc->length);
	munmap(p, 2 * ZC_PAGE);
	EXPECT_EQ(ZC_QUEUED, zc_queued(self->srv));
}

/* reserved must be zero: each of its bytes, and all of them. */
TEST_F(zc_abi, reserved_nonzero)
{
	static const __u32 vals[] = {
		0x1, 0x100, 0x10000, 0x1000000, 0x80000000, 0xffffffff,
	};
	struct zc_arg zc;
	size_t i;

	if (self->skip)
		return;
	if (self->ksize < (int)ZC_END(reserved))
		SKIP(return, "kernel struct has no reserved field");
	for (i = 0; i < ARRAY_SIZE(vals); i++) {
		zc_input((unsigned char *)self->in, sizeof(zc));
		memcpy(&zc, self->in, sizeof(zc));
		zc.reserved = vals[i];
		EXPECT_EQ(-EINVAL, zc_call64(self->srv, &zc))
			TH_LOG("reserved %#x", vals[i]);
		EXPECT_EQ(ZC_PAGE, zc.length);	/* not written back */
	}
	zc_input((unsigned char *)self->in, sizeof(zc));
	memcpy(&zc, self->in, sizeof(zc));
	EXPECT_EQ(0, zc_call64(self->srv, &zc));
	EXPECT_EQ(ZC_QUEUED, zc_queued(self->srv));
}

/* msg_flags accepts TCP_CMSG_TS only; every other bit is -EINVAL. */
TEST_F(zc_abi, msg_flags_invalid)
{
	struct zc_arg zc;
	__u32 flag;
	int bit, ret;

	if (self->skip)
		return;
	if (self->ksize < (int)ZC_END(msg_flags))
		SKIP(return, "kernel struct has no msg_flags field");
	for (bit = 0; bit < 32; bit++) {
		zc_input((unsigned char *)self->in, sizeof(zc));
		memcpy(&zc, self->in, sizeof(zc));
		flag = 1u << bit;
		zc.msg_flags = flag;
		ret = zc_call64(self->srv, &zc);
		if (flag == TCP_CMSG_TS) {
			/* Valid; no timestamps were asked for, none come. */
			EXPECT_EQ(0, ret);
			EXPECT_EQ(0U, zc.msg_flags);
			EXPECT_EQ((__u32)ZC_QUEUED, zc.inq);
		} else {
			EXPECT_EQ(-EINVAL, ret) TH_LOG("msg_flags bit %d", bit);
			EXPECT_EQ(ZC_PAGE, zc.length);
		}
	}
	EXPECT_EQ(ZC_QUEUED, zc_queued(self->srv));
}

/* address must be page aligned, whatever the queue holds. */
TEST_F(zc_abi, address_unaligned)
{
	static const unsigned long offs[] = { 1, 8, 512, 2048, ZC_PAGE - 1 };
	struct zc_arg zc;
	unsigned char *map;
	size_t i;

	if (self->skip)
		return;
	map = mmap(NULL, 2 * ZC_PAGE, PROT_READ, MAP_SHARED, self->srv, 0);
	ASSERT_NE(MAP_FAILED, map);
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		memset(&zc, 0, sizeof(zc));
		zc.address = (uintptr_t)map + offs[i];
		zc.length = ZC_PAGE;
		EXPECT_EQ(-EINVAL, zc_call64(self->srv, &zc))
			TH_LOG("address page + %lu", offs[i]);
		EXPECT_EQ(ZC_PAGE, zc.length);
	}
	munmap(map, 2 * ZC_PAGE);
	EXPECT_EQ(ZC_QUEUED, zc_queued(self->srv));
}

/*
 * With a page or more queued the address must lie in a mapping made by
 * mmap() on a TCP socket: anonymous and file mappings, a hole and a
 * kernel address are -EINVAL and consume nothing. A mapping of the
 * socket itself is the positive control.
 */
TEST_F(zc_abi, address_foreign)
{
	const size_t len = 2 * ZC_PAGE;
	unsigned char data[2 * ZC_PAGE];
	struct {
		const char *what;
		void *addr;
	} cases[4];
	struct zc_arg zc;
	int queued, mfd;
	void *own;
	size_t i;

	if (self->skip)
		return;
	if (!zc_page_4k())
		SKIP(return, "page size %ld: a page must be queued here",
		     sysconf(_SC_PAGESIZE));
	zc_fill(data, ZC_QUEUED, sizeof(data));
	ASSERT_EQ(0, zc_send_all(self->cli, data, sizeof(data)));
	queued = ZC_QUEUED + sizeof(data);
	ASSERT_EQ(queued, zc_wait_inq(self->srv, queued, 5000));

	mfd = memfd_create("zc_abi", MFD_CLOEXEC);
	ASSERT_LE(0, mfd);
	ASSERT_EQ(0, ftruncate(mfd, len));
	cases[0].what = "anonymous mapping";
	cases[0].addr = mmap(NULL, len, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	cases[1].what = "file mapping";
	cases[1].addr = mmap(NULL, len, PROT_READ, MAP_SHARED, mfd, 0);
	cases[2].what = "unmapped hole";
	cases[2].addr = zc_hole(len);
	cases[3].what = "kernel address";
	cases[3].addr = (void *)0xffff888000000000UL;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ASSERT_NE(MAP_FAILED, cases[i].addr);
		ASSERT_NE(NULL, cases[i].addr);
		memset(&zc, 0, sizeof(zc));
		zc.address = (uintptr_t)cases[i].addr;
		zc.length = len;
		EXPECT_EQ(-EINVAL, zc_call64(self->srv, &zc))
			TH_LOG("%s", cases[i].what);
		EXPECT_EQ(len, zc.length);
		EXPECT_EQ(queued, zc_queued(self->srv))
			TH_LOG("%s consumed data", cases[i].what);
	}
	munmap(cases[0].addr, len);
	munmap(cases[1].addr, len);
	close(mfd);

	own = mmap(NULL, len, PROT_READ, MAP_SHARED, self->srv, 0);
	ASSERT_NE(MAP_FAILED, own);
	memset(&zc, 0, sizeof(zc));
	zc.address = (uintptr_t)own;
	zc.length = len;
	EXPECT_EQ(0, zc_call64(self->srv, &zc));
	EXPECT_GE(len, zc.length);
	EXPECT_EQ(0UL, zc.length % ZC_PAGE);
	munmap(own, len);
}

/*
 * The same bad address once the peer has closed (SOCK_DONE): still
 * -EINVAL. Before e776af608f69 ("tcp: fix error recovery in
 * tcp_zerocopy_receive()") the error path could turn it into -EIO.
 */
TEST_F(zc_abi, address_foreign_after_fin)
{
	unsigned char data[2 * ZC_PAGE];
	struct zc_arg zc;
	int queued, ret;
	void *hole;

	if (self->skip)
		return;
	if (!zc_page_4k())
		SKIP(return, "page size %ld: a page must be queued here",
		     sysconf(_SC_PAGESIZE));
	zc_fill(data, ZC_QUEUED, sizeof(data));
	ASSERT_EQ(0, zc_send_all(self->cli, data, sizeof(data)));
	ASSERT_EQ(0, shutdown(self->cli, SHUT_WR));
	ASSERT_NE(0, zc_wait(self->srv, POLLRDHUP, 5000) & POLLRDHUP);
	queued = ZC_QUEUED + sizeof(data);
	ASSERT_EQ(queued, zc_queued(self->srv));

	hole = zc_hole(sizeof(data));
	ASSERT_NE(MAP_FAILED, hole);
	memset(&zc, 0, sizeof(zc));
	zc.address = (uintptr_t)hole;
	zc.length = sizeof(data);
	ret = zc_call64(self->srv, &zc);
	EXPECT_EQ(-EINVAL, ret) {
		if (ret == -EIO)
			TH_LOG("-EIO: this kernel lacks e776af608f69");
	}
	EXPECT_EQ(queued, zc_queued(self->srv));
}

/* A TCP socket mapping is read-only: PROT_WRITE and PROT_EXEC -EPERM. */
TEST_F(zc_abi, mmap_write_exec_refused)
{
	static const int prots[] = {
		PROT_READ | PROT_WRITE, PROT_WRITE, PROT_READ | PROT_EXEC,
	};
	void *p;
	size_t i;

	if (self->skip)
		return;
	for (i = 0; i < ARRAY_SIZE(prots); i++) {
		p = mmap(NULL, ZC_PAGE, prots[i], MAP_SHARED, self->srv, 0);
		EXPECT_EQ(MAP_FAILED, p) TH_LOG("prot %#x", prots[i]);
		if (p != MAP_FAILED) {
			munmap(p, ZC_PAGE);
			continue;
		}
		EXPECT_EQ(EPERM, errno);
	}
	p = mmap(NULL, ZC_PAGE, PROT_READ, MAP_SHARED, self->srv, 0);
	ASSERT_NE(MAP_FAILED, p);
	munmap(p, ZC_PAGE);
}

/* TEST_HARNESS_MAIN, with exit 4 when every case skipped. */
int main(int argc, char **argv)
{
	atexit(zc_exit_skip_if_all_skipped);
	return test_harness_run(argc, argv);
}
