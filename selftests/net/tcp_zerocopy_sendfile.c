// SPDX-License-Identifier: GPL-2.0
/*
 * Data sent from a file must never come back as a mapping of the file's
 * own pages: 577e4432f3ac ("tcp: add sanity checks to rx zerocopy"),
 * CVE-2024-26640. sendfile() puts page-cache pages into the sender's
 * skbs and loopback hands those skbs to the receiver as they are; the
 * fix (can_map_frag(): no compound pages, no page->mapping) makes the
 * zerocopy receive refuse such frags and leave them to a copy. Without
 * it the receiver maps page-cache pages, and truncating the file later
 * gives "BUG: Bad page cache".
 *
 * The test sends whole pages of a memfd with sendfile(), receives them
 * with TCP_ZEROCOPY_RECEIVE and, if anything was mapped, writes new
 * content into the file: a mapping of a copy is untouched, a mapping of
 * the page cache shows the write. The mapping is gone before the file
 * is closed, so a kernel without the fix fails the test and nothing
 * touches the bad mapping.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/sendfile.h>

#include "../kselftest_harness.h"
#include "tcp_zerocopy_lib.h"

/* What a failure here means. */
#define MISSING_FIX \
	"577e4432f3ac (\"tcp: add sanity checks to rx zerocopy\")"

#define DATA_LEN	(4 * ZC_PAGE)

FIXTURE(zc_sendfile) {
	int cli;
	int srv;
	int mfd;
	void *map;
	bool skip;		/* setup skipped: the body returns */
};

FIXTURE_VARIANT(zc_sendfile) {
	int family;
};

FIXTURE_VARIANT_ADD(zc_sendfile, ipv4) {
	.family = AF_INET,
};

FIXTURE_VARIANT_ADD(zc_sendfile, ipv6) {
	.family = AF_INET6,
};

FIXTURE_SETUP(zc_sendfile)
{
	static unsigned char data[DATA_LEN];
	off_t off = 0;
	int ret;

	self->cli = -1;
	self->srv = -1;
	self->map = MAP_FAILED;
	self->mfd = -1;
	if (!zc_page_4k()) {
		self->skip = true;
		SKIP(return, "page size %ld: the test sends 4 KiB pages",
		     sysconf(_SC_PAGESIZE));
	}
	ASSERT_EQ(0, zc_probe_errno())
		TH_LOG("zeroed TCP_ZEROCOPY_RECEIVE on a fresh socket: %s",
		       strerror(-zc_probe_errno()));
	if (zc_layout_missing()) {
		self->skip = true;
		SKIP(return, "%s", zc_layout_missing());
	}
	ret = zc_private_netns(0);
	ASSERT_LE(0, ret);
	ret = zc_pair(variant->family, 0, &self->cli, &self->srv);
	if (ret == -EAFNOSUPPORT || ret == -EADDRNOTAVAIL) {
		self->skip = true;
		SKIP(return, "no loopback for this family: %s", strerror(-ret));
	}
	ASSERT_EQ(0, ret);

	self->mfd = memfd_create("zc_sendfile", MFD_CLOEXEC);
	ASSERT_LE(0, self->mfd);
	zc_fill(data, 0, sizeof(data));
	ASSERT_EQ(DATA_LEN, pwrite(self->mfd, data, DATA_LEN, 0));
	ASSERT_EQ(DATA_LEN, sendfile(self->cli, self->mfd, &off, DATA_LEN));
	ASSERT_EQ(DATA_LEN, zc_wait_inq(self->srv, DATA_LEN, 5000));

	self->map = mmap(NULL, DATA_LEN, PROT_READ, MAP_SHARED, self->srv, 0);
	ASSERT_NE(MAP_FAILED, self->map);
}

FIXTURE_TEARDOWN(zc_sendfile)
{
	/* The receive mapping goes before the file it might point into. */
	if (self->map != MAP_FAILED)
		munmap(self->map, DATA_LEN);
	if (self->cli >= 0)
		close(self->cli);
	if (self->srv >= 0)
		close(self->srv);
	if (self->mfd >= 0)
		close(self->mfd);
}

/*
 * Mapped bytes must be a copy: a write to the file after the receive
 * must not show through. Unmapped bytes are left for recv().
 */
TEST_F(zc_sendfile, file_pages_not_mapped)
{
	static unsigned char buf[DATA_LEN];
	struct zc_arg zc;
	long bad;
	size_t i;

	if (self->skip)
		return;
	memset(&zc, 0, sizeof(zc));
	zc.address = (__u64)(uintptr_t)self->map;
	zc.length = DATA_LEN;
	ASSERT_EQ(0, zc_call64(self->srv, &zc));
	ASSERT_EQ(0, zc.length % ZC_PAGE);
	ASSERT_EQ(DATA_LEN, zc.length + zc.inq)
		TH_LOG("mapped %u, inq %u", zc.length, zc.inq);
	TH_LOG("mapped %u of %lu bytes sent from the file", zc.length,
	       DATA_LEN);

	if (!zc.length) {
		/* The fallback: a skip hint, everything readable by copy. */
		EXPECT_LT(0, zc.recv_skip_hint);
		ASSERT_EQ(0, zc_read_all(self->srv, buf, DATA_LEN));
		EXPECT_EQ(-1, zc_check(buf, 0, DATA_LEN));
		return;
	}
	ASSERT_EQ(-1, zc_check(self->map, 0, zc.length));
	for (i = 0; i < zc.length; i++)
		buf[i] = ~zc_pattern(i);
	ASSERT_EQ((ssize_t)zc.length, pwrite(self->mfd, buf, zc.length, 0));
	bad = zc_check(self->map, 0, zc.length);
	EXPECT_EQ(-1, bad) {
		TH_LOG("file write seen in the receive mapping at byte %ld",
		       bad);
		TH_LOG("page-cache pages were mapped: this kernel lacks %s",
		       MISSING_FIX);
	}
}

/* TEST_HARNESS_MAIN, with exit 4 when every case skipped. */
int main(int argc, char **argv)
{
	atexit(zc_exit_skip_if_all_skipped);
	return test_harness_run(argc, argv);
}
