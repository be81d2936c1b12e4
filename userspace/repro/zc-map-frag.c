// SPDX-License-Identifier: GPL-2.0
/*
 * zc-map-frag: TCP_ZEROCOPY_RECEIVE maps the sender's page-cache pages.
 *
 * Bug (CVE-2024-26640): before 577e4432f3ac ("tcp: add sanity checks to
 * rx zerocopy"), tcp_zerocopy_receive() inserted any page-sized frag of a
 * received skb into the receiver's mapping. Over loopback, sendfile()
 * puts the file's own page-cache pages into the skb frags, so the
 * receiver gets the file's pages mapped into its socket VMA, a mapping
 * the file knows nothing about (it is not in the file's i_mmap). A write
 * to the file then shows through the "received" data, and truncating the
 * file deletes pages that are still mapped:
 *   CONFIG_DEBUG_VM:  kernel BUG at mm/filemap.c (VM_BUG_ON_FOLIO
 *                     (folio_mapped(folio)) in filemap_unaccount_folio)
 *   otherwise:        "BUG: Bad page cache in process ..." and a taint
 * The fix, can_map_frag(), refuses frags whose page is compound or has
 * page->mapping set: those bytes come back through recv_skip_hint (copy).
 *
 * Steps: a memfd (else a file in /tmp) of 16 pages; a loopback pair with
 * a page-sized MSS so each frag is one whole page; sendfile() of the
 * file; one TCP_ZEROCOPY_RECEIVE of 16 pages into a socket mapping.
 *
 * Standalone: gcc -O2 -static -o zc-map-frag zc-map-frag.c
 *
 *   zc-map-frag [--detect] [-6]  (default) if pages were mapped, write
 *                        the file and look at the mapping: exit 1 when
 *                        the write shows through. Unmaps before the file
 *                        goes away, so the page cache stays consistent.
 *   zc-map-frag --crash [-6]  truncates the file while its pages are
 *                        still mapped: a kernel without the fix reports
 *                        a bad page cache page (VM only).
 * Exit: 0 fixed, 1 bug, 2 usage, 4 cannot test.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FIX_COMMIT "577e4432f3ac (\"tcp: add sanity checks to rx zerocopy\", CVE-2024-26640)"

#define TCP_MAXSEG_		2
#define TCP_ZEROCOPY_RECEIVE_	35
#define PAGE			4096
#define PAGE_MSS		(PAGE + 12)	/* + timestamp option */
#define NPAGES			16
#define TOTAL			(NPAGES * PAGE)
#define WAIT_MS			10000

struct zc_receive {		/* 6.1 uapi layout, 64 bytes */
	uint64_t address;
	uint32_t length, recv_skip_hint, inq;
	int32_t err;
	uint64_t copybuf_address;
	int32_t copybuf_len;
	uint32_t flags;
	uint64_t msg_control, msg_controllen;
	uint32_t msg_flags, reserved;
};

static int v6;

static void cannot(const char *what)
{
	fprintf(stderr, "zc-map-frag: cannot test: %s: %s\n", what,
		strerror(errno));
}

static void lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (!ioctl(fd, SIOCGIFFLAGS, &ifr) && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
}

/* Loopback pair, both ends with a one-page MSS: frags stay whole pages. */
static int tcp_pair(int *tx, int *rx)
{
	struct sockaddr_storage ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
	struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
	socklen_t len = v6 ? sizeof(*a6) : sizeof(*a4);
	int l, fam = v6 ? AF_INET6 : AF_INET, mss = PAGE_MSS;

	memset(&ss, 0, sizeof(ss));
	if (v6) {
		a6->sin6_family = AF_INET6;
		a6->sin6_addr = in6addr_loopback;
	} else {
		a4->sin_family = AF_INET;
		a4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	}
	l = socket(fam, SOCK_STREAM, 0);
	if (l < 0) {
		cannot(v6 ? "socket(AF_INET6)" : "socket(AF_INET)");
		return -1;
	}
	setsockopt(l, IPPROTO_TCP, TCP_MAXSEG_, &mss, sizeof(mss));
	if (bind(l, (struct sockaddr *)&ss, len) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&ss, &len)) {
		cannot("bind/listen on loopback");
		return -1;
	}
	*tx = socket(fam, SOCK_STREAM, 0);
	if (*tx < 0) {
		cannot("socket");
		return -1;
	}
	setsockopt(*tx, IPPROTO_TCP, TCP_MAXSEG_, &mss, sizeof(mss));
	if (connect(*tx, (struct sockaddr *)&ss, len)) {
		cannot("connect over loopback");
		return -1;
	}
	*rx = accept(l, NULL, NULL);
	close(l);
	if (*rx < 0) {
		cannot("accept");
		return -1;
	}
	return 0;
}

/* A page-cache-backed file, unlinked: memfd, else /tmp, else cwd. */
static int open_file(const char **kind)
{
	char path[] = "/tmp/zc-map-frag.XXXXXX";
	int fd;

	fd = syscall(SYS_memfd_create, "zc-map-frag", 0);
	*kind = "memfd (shmem)";
	if (fd >= 0)
		return fd;
	*kind = "file in /tmp";
	fd = mkstemp(path);
	if (fd < 0) {
		strcpy(path, "zc-map-frag.XXXXXX");
		*kind = "file in the current directory";
		fd = mkstemp(path);
	}
	if (fd >= 0)
		unlink(path);
	return fd;
}

static unsigned char pattern(int i)
{
	return 'a' + i % 26;
}

int main(int argc, char **argv)
{
	int crash = 0, tx, rx, fd, i, lowat = TOTAL, shown = 0, bad = 0;
	static unsigned char page[PAGE];
	struct zc_receive zc;
	struct pollfd pfd;
	const char *kind;
	unsigned char *map;
	socklen_t len;
	off_t off = 0;
	ssize_t n;
	long ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--detect")) {
			crash = 0;
		} else if (!strcmp(argv[i], "--crash")) {
			crash = 1;
		} else if (!strcmp(argv[i], "-6")) {
			v6 = 1;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: zc-map-frag [--detect | --crash] [-6]\n");
			return 0;
		} else {
			fprintf(stderr, "zc-map-frag: bad argument '%s' (try -h)\n",
				argv[i]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	lo_up();

	/* 1. The file: NPAGES pages, page i filled with pattern(i). */
	fd = open_file(&kind);
	if (fd < 0) {
		cannot("a file to send");
		return 4;
	}
	for (i = 0; i < NPAGES; i++) {
		memset(page, pattern(i), PAGE);
		if (pwrite(fd, page, PAGE, (off_t)i * PAGE) != PAGE) {
			cannot("write the file");
			return 4;
		}
	}
	if (tcp_pair(&tx, &rx))
		return 4;

	/* 2. sendfile: the skb frags reference the file's page cache. */
	while (off < TOTAL) {
		n = sendfile(tx, fd, &off, TOTAL - off);
		if (n <= 0) {
			cannot("sendfile");
			return 4;
		}
	}
	setsockopt(rx, SOL_SOCKET, SO_RCVLOWAT, &lowat, sizeof(lowat));
	pfd.fd = rx;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, WAIT_MS) != 1) {
		fprintf(stderr, "zc-map-frag: cannot test: %d bytes never arrived\n",
			TOTAL);
		return 4;
	}

	/* 3. One zerocopy receive of the whole file into a socket mapping. */
	map = mmap(NULL, TOTAL, PROT_READ, MAP_SHARED, rx, 0);
	if (map == MAP_FAILED) {
		cannot("mmap(socket)");
		return 4;
	}
	memset(&zc, 0, sizeof(zc));
	zc.address = (uintptr_t)map;
	zc.length = TOTAL;
	len = sizeof(zc);
	ret = getsockopt(rx, IPPROTO_TCP, TCP_ZEROCOPY_RECEIVE_, &zc, &len);
	if (ret) {
		cannot("getsockopt(TCP_ZEROCOPY_RECEIVE)");
		return 4;
	}
	printf("%s of %d pages sent with sendfile over %s loopback: zerocopy mapped %u bytes, recv_skip_hint=%u\n",
	       kind, NPAGES, v6 ? "IPv6" : "IPv4", zc.length, zc.recv_skip_hint);

	/* What was mapped must be the data sent. */
	for (i = 0; i < (int)(zc.length / PAGE); i++)
		if (map[(size_t)i * PAGE] != pattern(i) ||
		    map[(size_t)i * PAGE + PAGE - 1] != pattern(i))
			bad = 1;
	if (bad) {
		printf("zc-map-frag: unexpected: the mapped bytes are not the data sent\n");
		munmap(map, TOTAL);
		return 1;
	}

	if (zc.length) {
		/*
		 * 4. Does a write to the file show through the mapping? Only
		 * if the mapped pages are the file's page cache.
		 */
		memset(page, 'Z', PAGE);
		if (pwrite(fd, page, PAGE, 0) != PAGE) {
			cannot("rewrite the file");
			munmap(map, TOTAL);
			return 4;
		}
		shown = map[0] == 'Z';
		printf("wrote 'Z' over the file's first page: the receive mapping shows '%c'\n",
		       map[0]);
	}
	if (zc.length && crash) {
		/*
		 * 5 (--crash). Delete the page cache under the mapping: a
		 * kernel that mapped the file's pages trips over them here.
		 */
		printf("ftruncate(file, 0) with the pages still mapped ...\n");
		if (ftruncate(fd, 0))
			cannot("ftruncate");
		printf("survived the truncate\n");
	}
	/* Unmap before the file goes away: no page-cache page left mapped. */
	munmap(map, TOTAL);
	close(rx);
	close(tx);
	close(fd);
	if (shown) {
		printf("zc-map-frag: BUG: TCP_ZEROCOPY_RECEIVE mapped the sender's page-cache pages into the receiver: this kernel lacks %s%s\n",
		       FIX_COMMIT, crash ? "" :
		       "; truncating the file now would delete mapped pages (not done; --crash does, in a VM only)");
		return 1;
	}
	printf("zc-map-frag: OK: no page-cache page mapped (%s)\n",
	       zc.length ? "the mapped pages are private copies" :
	       "the kernel fell back to copy");
	return 0;
}
