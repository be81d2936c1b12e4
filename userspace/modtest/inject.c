// SPDX-License-Identifier: GPL-2.0
/*
 * zcg-inject: the crash path on a fixed kernel, with an injector loaded
 * (zcguard_inject.ko inject=1, else zcguard_test.ko inject=1) and a guard
 * (zcguard.ko's when loaded, else the test module's copy). Sets the
 * guard mode, makes a fresh TCP socket, maps it,
 * has the injector move its rcv_nxt BYTES ahead (the state the pre-fix
 * TCP_QUEUE_SEQ left), checks SIOCINQ shows the lie, then makes the
 * reproducer's getsockopt(TCP_ZEROCOPY_RECEIVE).
 *
 *   zcg-inject MODE [BYTES]    MODE: off, warn or block (default 65536)
 *
 * With MODE block the call must return 0 with nothing mapped and the
 * guard must count exactly one violation and one block. With off (or
 * warn) a kernel without a NULL check crashes in tcp_zerocopy_receive;
 * if it returns instead, that is reported as "not ok". Last, the kernel
 * must carry the test taint (TAINT_TEST, bit 18) the injector sets.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <linux/sockios.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <unistd.h>

#include "gutil.h"

int main(int argc, char **argv)
{
	struct tcp_zerocopy_receive zc = { 0 };
	const char *gdir = g_guard_dir(), *idir = g_inject_dir();
	char req[32], mode[256], inj[256];
	struct zcg_gstats a, b;
	socklen_t zclen = sizeof(zc);
	unsigned long bytes = 65536;
	int fd, inq = -1, ret, err, block;
	void *map;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: zcg-inject off|warn|block [BYTES]\n");
		return 2;
	}
	if (argc == 3)
		bytes = strtoul(argv[2], NULL, 0);
	block = !strcmp(argv[1], "block");
	if (!gdir || !idir) {
		fprintf(stderr, "zcg-inject: no %s loaded\n",
			gdir ? "injector (zcguard_inject.ko inject=1)" :
			"guard (zcguard.ko)");
		return 1;
	}
	printf("# guard %s, injector %s\n", gdir, idir);
	g_path(mode, sizeof(mode), gdir, ZCG_MODE);
	g_path(inj, sizeof(inj), idir, ZCG_INJECT);

	g_plan(5);
	err = g_write(mode, argv[1], strlen(argv[1]), 0);
	g_ok(!err, "guard mode set to %s (%s)", argv[1],
	     err ? strerror(-err) : "ok");

	fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	map = mmap(NULL, bytes, PROT_READ, MAP_SHARED, fd, 0);
	if (fd < 0 || map == MAP_FAILED) {
		perror("zcg-inject: socket/mmap");
		return 1;
	}
	snprintf(req, sizeof(req), "%d %lu\n", fd, bytes);
	err = g_write(inj, req, strlen(req), 0);
	if (!err && ioctl(fd, SIOCINQ, &inq))
		err = -errno;
	if (!g_ok(!err && inq == (int)bytes,
		  "injector moved rcv_nxt: SIOCINQ %d on an empty queue (%s)",
		  inq, err ? strerror(-err) : "ok"))
		return 1;
	if (g_stats(gdir, &a)) {
		perror("zcg-inject: guard_stats");
		return 1;
	}

	zc.address = (unsigned long)map;
	zc.length = bytes;
	printf("# calling getsockopt(TCP_ZEROCOPY_RECEIVE) with guard %s\n",
	       argv[1]);
	fflush(stdout);
	ret = getsockopt(fd, IPPROTO_TCP, TCP_ZEROCOPY_RECEIVE, &zc, &zclen);
	err = ret ? errno : 0;
	g_ok(block && !ret && !zc.length,
	     "zerocopy getsockopt returned %d (%s), length %u",
	     ret, strerror(err), zc.length);

	g_stats(gdir, &b);
	g_ok(b.violations - a.violations == 1 &&
	     b.blocked - a.blocked == (block ? 1 : 0),
	     "guard: calls %ld violations %ld blocked %ld (call added +%ld/+%ld/+%ld)",
	     b.calls, b.violations, b.blocked, b.calls - a.calls,
	     b.violations - a.violations, b.blocked - a.blocked);
	/* TAINT_TEST is bit 18 ("N") on 6.0+ kernels */
	if (g_read("/proc/sys/kernel/tainted", req, sizeof(req)) <= 0)
		req[0] = '\0';
	g_ok(strtoul(req, NULL, 10) >> 18 & 1,
	     "kernel tainted as a test kernel (tainted %lu)",
	     strtoul(req, NULL, 10));
	munmap(map, bytes);
	close(fd);
	return g_failed() ? 1 : 0;
}
