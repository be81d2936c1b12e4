// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard-zcloop: a small TCP_ZEROCOPY_RECEIVE receive loop over loopback,
 * the workload `zcguard trace` is tested against.
 *
 * A child process sends BYTES of a known pattern with MSG_ZEROCOPY; on
 * loopback the kernel copies such data into order-0 pages at receive
 * (skb_orphan_frags_rx), which is what makes it mappable. The parent maps
 * what it can with getsockopt(TCP_ZEROCOPY_RECEIVE), read()s what the
 * kernel hints it must skip, checks every byte, and prints one line:
 *   zcloop: calls=N mapped=B copied=B bytes=B runs=N
 * calls is the exact number of getsockopt(TCP_ZEROCOPY_RECEIVE) calls, so
 * a tracer can be checked against it. Exit 0 when all data arrived intact.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
/* Not <netinet/tcp.h>: glibc's struct tcp_zerocopy_receive is 16 bytes. */
#include <linux/tcp.h>

#ifndef MSG_ZEROCOPY
#define MSG_ZEROCOPY 0x4000000
#endif
#ifndef SO_ZEROCOPY
#define SO_ZEROCOPY 60
#endif

#define PAGE 4096UL
#define POLL_MS 10000

/* SIGTERM/SIGINT: stop between calls and still print the totals. */
static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	stop = 1;
}

/* Byte i of the stream: not periodic in pages, so a misplaced page shows. */
static unsigned char pattern(uint64_t i)
{
	return (unsigned char)(i % 251);
}

static int usage(FILE *f, int rc)
{
	fprintf(f,
		"usage: zcguard-zcloop [-6] [-b BYTES] [-c CHUNK] [-t SECS]\n"
		"  sends BYTES (default 16M) over loopback and receives them\n"
		"  with TCP_ZEROCOPY_RECEIVE in CHUNK-sized mappings (default\n"
		"  256K, a page multiple); prints calls/mapped/copied counts.\n"
		"  -6  use ::1 instead of 127.0.0.1\n"
		"  -t  repeat with new connections until SECS have passed\n");
	return rc;
}

/* Frees MSG_ZEROCOPY completions so the sender never runs out of optmem. */
static void drain_errqueue(int fd)
{
	char ctrl[256];
	struct msghdr msg;

	for (int i = 0; i < 1024; i++) {
		memset(&msg, 0, sizeof(msg));
		msg.msg_control = ctrl;
		msg.msg_controllen = sizeof(ctrl);
		if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
			return;
	}
}

static int sender(const struct sockaddr *sa, socklen_t salen, uint64_t bytes)
{
	/* 251 pages: the pattern repeats exactly once per buffer. */
	size_t bufsz = 251 * PAGE;
	int one = 1, zflag = 0;
	unsigned char *buf;
	uint64_t off = 0;
	int fd;

	/*
	 * Filled once and never written again: MSG_ZEROCOPY pins these pages
	 * until the data is really sent, which can be after send() returns.
	 */
	buf = mmap(NULL, bufsz, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		return 1;
	for (size_t i = 0; i < bufsz; i++)
		buf[i] = pattern(i);
	fd = socket(sa->sa_family, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, sa, salen) < 0) {
		perror("zcloop: connect");
		return 1;
	}
	if (!setsockopt(fd, SOL_SOCKET, SO_ZEROCOPY, &one, sizeof(one)))
		zflag = MSG_ZEROCOPY;
	while (off < bytes) {
		size_t at = off % bufsz, n = bufsz - at;
		ssize_t w;

		if (n > bytes - off)
			n = bytes - off;
		w = send(fd, buf + at, n, zflag);
		if (w < 0 && errno == ENOBUFS) {
			struct pollfd p = { .fd = fd, .events = 0 };

			/* optmem full: wait for completions, then retry. */
			poll(&p, 1, 100);
			drain_errqueue(fd);
			continue;
		}
		if (w < 0) {
			perror("zcloop: send");
			return 1;
		}
		off += w;
		drain_errqueue(fd);
	}
	close(fd);
	return 0;
}

static int check(const unsigned char *p, size_t n, uint64_t at)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != pattern(at + i)) {
			fprintf(stderr, "zcloop: bad byte at %llu\n",
				(unsigned long long)(at + i));
			return -1;
		}
	}
	return 0;
}

struct totals {
	unsigned long calls, runs;
	uint64_t mapped, copied, bytes;
};

/* Receives what the sender child sends on fd; 0 when all arrived intact. */
static int receive(int fd, uint64_t bytes, unsigned long chunk,
		   struct totals *t)
{
	static unsigned char rbuf[256 << 10];
	uint64_t got = 0;
	void *map;
	int rc = 0;

	map = mmap(NULL, chunk, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		perror("zcloop: mmap on the socket");
		return 1;
	}
	while (got < bytes && !stop) {
		struct tcp_zerocopy_receive zc = {
			.address = (uintptr_t)map,
			.length = chunk,
		};
		socklen_t zl = sizeof(zc);
		struct pollfd p = { .fd = fd, .events = POLLIN };

		t->calls++;
		if (getsockopt(fd, IPPROTO_TCP, TCP_ZEROCOPY_RECEIVE, &zc,
			       &zl) < 0) {
			perror("zcloop: TCP_ZEROCOPY_RECEIVE");
			rc = 1;
			break;
		}
		if (zc.length) {
			if (check(map, zc.length, got)) {
				rc = 1;
				break;
			}
			got += zc.length;
			t->mapped += zc.length;
		}
		if (zc.recv_skip_hint) {
			size_t want = zc.recv_skip_hint;
			ssize_t r;

			if (want > sizeof(rbuf))
				want = sizeof(rbuf);
			r = read(fd, rbuf, want);
			if (r <= 0 || check(rbuf, r, got)) {
				fprintf(stderr, "zcloop: read failed\n");
				rc = 1;
				break;
			}
			got += r;
			t->copied += r;
		}
		if (!zc.length && !zc.recv_skip_hint &&
		    poll(&p, 1, POLL_MS) != 1 && !stop) {
			fprintf(stderr, "zcloop: no data for %d ms\n", POLL_MS);
			rc = 1;
			break;
		}
	}
	t->bytes += got;
	munmap(map, chunk);
	return rc;
}

/* One connection over loopback: fork a sender, receive, reap. */
static int one_run(int v6, uint64_t bytes, unsigned long chunk,
		   struct totals *t)
{
	struct sockaddr_storage ss = { 0 };
	socklen_t salen = sizeof(ss);
	int lfd, fd, status, rc;
	pid_t pid;

	if (v6) {
		struct sockaddr_in6 *s6 = (void *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_loopback;
	} else {
		struct sockaddr_in *s4 = (void *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	}
	lfd = socket(ss.ss_family, SOCK_STREAM, 0);
	if (lfd < 0 || bind(lfd, (void *)&ss, v6 ? sizeof(struct sockaddr_in6) :
			    sizeof(struct sockaddr_in)) < 0 ||
	    listen(lfd, 1) < 0 || getsockname(lfd, (void *)&ss, &salen) < 0) {
		perror("zcloop: listen");
		return 1;
	}
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		_exit(sender((void *)&ss, salen, bytes));
	}
	fd = accept(lfd, NULL, NULL);
	close(lfd);
	rc = fd < 0 ? 1 : receive(fd, bytes, chunk, t);
	if (fd >= 0)
		close(fd);
	if (rc || stop)
		kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		rc = 1;
	t->runs++;
	return rc;
}

/* "16M", "256K", "1000": bytes; 0 when malformed. */
static uint64_t parse_size(const char *s)
{
	char *e;
	uint64_t v = strtoull(s, &e, 0);

	if (*e == 'K' || *e == 'k')
		v <<= 10, e++;
	else if (*e == 'M' || *e == 'm')
		v <<= 20, e++;
	else if (*e == 'G' || *e == 'g')
		v <<= 30, e++;
	return *e ? 0 : v;
}

static double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	uint64_t bytes = 16UL << 20;
	unsigned long chunk = 256UL << 10;
	struct sigaction sa = { .sa_handler = on_stop };
	struct totals t = { 0 };
	double secs = 0, end;
	int c, v6 = 0, rc;
	char *e;

	while ((c = getopt(argc, argv, "6b:c:t:h")) != -1) {
		switch (c) {
		case '6':
			v6 = 1;
			break;
		case 'b':
			bytes = parse_size(optarg);
			break;
		case 'c':
			chunk = parse_size(optarg);
			break;
		case 't':
			secs = strtod(optarg, &e);
			if (*e || secs <= 0 || secs > 3600)
				secs = -1;
			break;
		case 'h':
			return usage(stdout, 0);
		default:
			return usage(stderr, 2);
		}
	}
	if (optind != argc || !bytes || !chunk || chunk % PAGE || secs < 0) {
		fprintf(stderr, "zcloop: bad arguments (-h for help)\n");
		return 2;
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	end = now_sec() + secs;
	do {
		rc = one_run(v6, bytes, chunk, &t);
	} while (!rc && !stop && now_sec() < end);
	/* Stopped by a signal: what was received so far was checked. */
	if (stop)
		rc = 0;
	printf("zcloop: calls=%lu mapped=%llu copied=%llu bytes=%llu runs=%lu\n",
	       t.calls, (unsigned long long)t.mapped,
	       (unsigned long long)t.copied, (unsigned long long)t.bytes,
	       t.runs);
	return rc;
}
