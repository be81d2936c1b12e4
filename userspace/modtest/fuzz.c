// SPDX-License-Identifier: GPL-2.0
/*
 * zcg-fuzz: random and malformed writes to every zcguard debugfs file,
 * each checked against the documented behaviour, plus the permissions.
 *
 *   zcg-fuzz [-n WRITES] [-s SEED] [DIR...]
 *     default 2000 writes per file, seed 1, and every loaded module's
 *     directory (zcguard, zcguard_test, zcguard_inject in debugfs)
 *
 * ktap, guard_stats: read-only, every write fails with EINVAL and the
 *   content does not change.
 * guard_mode: exactly "off", "warn" or "block" (+ one optional newline)
 *   at offset 0 is applied; anything else fails with EINVAL and the mode
 *   read back is unchanged. The mode found is restored at the end.
 * inject (when loaded with inject=1): "FD BYTES[\n]" at offset 0; the
 *   expected result is computed from what FD really is in this process
 *   (EBADF, ENOTSOCK, EINVAL for non-TCP or listening, ERANGE past 16 MiB
 *   in total) and after every write SIOCINQ of the one target TCP socket
 *   must equal the sum of the accepted BYTES. No zerocopy call is made.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <linux/sockios.h>
#include <unistd.h>

#include "gutil.h"

#define INJECT_MAX	(1UL << 20)
#define INJECT_TOTAL	(16UL << 20)

static uint64_t rng_state = 1;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned int rndn(unsigned int n)
{
	return (unsigned int)(rnd() % n);
}

/* Random bytes, random printable text or mutations of valid input. */
static size_t gen_noise(char *buf, size_t size, const char *valid)
{
	static const char * const junk[] = { "\n", " ", "x", "\n\n", "\t", "0" };
	size_t len = rndn(40), i;

	switch (rndn(4)) {
	case 0:
		for (i = 0; i < len; i++)
			buf[i] = (char)rnd();
		return len;
	case 1:
		for (i = 0; i < len; i++)
			buf[i] = (char)(' ' + rndn(95));
		return len;
	default:
		len = snprintf(buf, size, "%s", valid);
		i = len ? rndn(len + 1) : 0;
		switch (rndn(6)) {
		case 0:		/* flip one byte */
			if (len)
				buf[rndn(len)] ^= 1 << rndn(8);
			return len;
		case 1:		/* embedded NUL */
			if (i < len)
				buf[i] = '\0';
			return len;
		case 2:		/* truncate */
			return i;
		case 3:		/* extra junk at the end */
			return len + snprintf(buf + len, size - len, "%s",
					      junk[rndn(6)]);
		case 4:		/* leading junk */
			memmove(buf + 1, buf, len);
			buf[0] = " +-0\n"[rndn(5)];
			return len + 1;
		default:	/* upper case */
			for (i = 0; i < len; i++)
				if (buf[i] >= 'a' && buf[i] <= 'z')
					buf[i] -= 32;
			return len;
		}
	}
}

static int check_mode(const struct stat *st, mode_t want, const char *name)
{
	return g_ok(st->st_uid == 0 && (st->st_mode & 0777) == want,
		    "%s is root-only, mode %03o uid %u", name,
		    st->st_mode & 0777, st->st_uid);
}

/* A non-root process may not open any of the files. */
static int nonroot_denied(const char *path)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			_exit(2);
		_exit(open(path, O_RDONLY) < 0 && errno == EACCES ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void fuzz_readonly(const char *path, int n)
{
	static char before[32768], after[32768];
	char buf[64];
	int i, bad = 0, err;
	size_t len;

	g_read(path, before, sizeof(before));
	for (i = 0; i < n; i++) {
		len = gen_noise(buf, sizeof(buf) - 8, "0");
		err = g_write(path, buf, len, rndn(4) ? 0 : rndn(64));
		if (err != -EINVAL) {
			if (!bad)
				printf("# %s: write %d got %d\n", path, i, err);
			bad++;
		}
	}
	g_read(path, after, sizeof(after));
	g_ok(!bad && !strcmp(before, after),
	     "%s: %d writes, all EINVAL (%d not), content unchanged", path, n,
	     bad);
}

static int mode_expect(const char *buf, size_t len, long off)
{
	static const char * const names[] = { "off", "warn", "block" };
	size_t l = len;
	int i;

	if (off || !len || len > 8)
		return -1;
	if (buf[l - 1] == '\n')
		l--;
	for (i = 0; i < 3; i++)
		if (l == strlen(names[i]) && !memcmp(buf, names[i], l))
			return i;
	return -1;
}

static void fuzz_mode(const char *path, int n)
{
	static const char * const names[] = { "off", "warn", "block" };
	int i, bad = 0, applied = 0, err, want, cur, orig;
	char buf[64], back[16];
	long off;
	size_t len;

	g_read(path, back, sizeof(back));
	for (cur = 0; cur < 3; cur++)
		if (!strncmp(back, names[cur], strlen(names[cur])))
			break;
	orig = cur;
	for (i = 0; i < n; i++) {
		const char *v = names[rndn(3)];

		if (rndn(5) == 0)
			len = snprintf(buf, sizeof(buf), rndn(2) ? "%s\n" : "%s", v);
		else
			len = gen_noise(buf, sizeof(buf) - 8, v);
		off = rndn(10) ? 0 : 1 + rndn(8);
		want = mode_expect(buf, len, off);
		err = g_write(path, buf, len, off);
		if (want >= 0) {
			applied++;
			cur = want;
		}
		g_read(path, back, sizeof(back));
		if ((want >= 0 ? err != 0 : err != -EINVAL) ||
		    strncmp(back, names[cur], strlen(names[cur]))) {
			if (!bad)
				printf("# %s: write %d (%zu bytes at %ld) got %d, mode %s, want %s\n",
				       path, i, len, off, err, back, names[cur]);
			bad++;
		}
	}
	g_ok(!bad, "%s: %d writes, %d applied, %d rejected with EINVAL, %d wrong",
	     path, n, applied, n - applied - bad, bad);
	if (orig < 3)
		g_write(path, names[orig], strlen(names[orig]), 0);
}

struct fds {
	int tcp, udp, lsn, pipe_r, pipe_w, null, file;
};

/* What the module must answer for "fd bytes" from this process. */
static int inject_expect(const struct fds *f, const char *buf, size_t len,
			 long off, unsigned long total, unsigned long *bytes)
{
	char tmp[64], *sp;
	int type, proto, acc, digits;
	socklen_t sl = sizeof(int);
	unsigned long long fd, b;
	size_t i;

	if (off || !len || len >= 24)
		return -EINVAL;
	memcpy(tmp, buf, len);
	if (tmp[len - 1] == '\n')
		len--;
	tmp[len] = '\0';
	sp = NULL;
	for (i = 0; i < len; i++) {
		if (tmp[i] == ' ' && !sp && i > 0)
			sp = &tmp[i];
		else if (tmp[i] < '0' || tmp[i] > '9')
			return -EINVAL;
	}
	if (!sp || sp == &tmp[len - 1])
		return -EINVAL;
	*sp = '\0';
	digits = strlen(tmp);
	fd = strtoull(tmp, NULL, 10);
	b = strtoull(sp + 1, NULL, 10);
	if (digits > 10 || fd > 0x7fffffff || strlen(sp + 1) > 10 ||
	    b > 0xffffffffULL || !b || b > INJECT_MAX)
		return -EINVAL;
	if (fcntl((int)fd, F_GETFD) < 0)
		return -EBADF;
	if (getsockopt((int)fd, SOL_SOCKET, SO_TYPE, &type, &sl))
		return -ENOTSOCK;
	getsockopt((int)fd, SOL_SOCKET, SO_PROTOCOL, &proto, &sl);
	getsockopt((int)fd, SOL_SOCKET, SO_ACCEPTCONN, &acc, &sl);
	if (type != SOCK_STREAM || proto != IPPROTO_TCP || acc)
		return -EINVAL;
	if ((int)fd != f->tcp)
		return -EINVAL;		/* no other TCP socket is open */
	if (total + b > INJECT_TOTAL)
		return -ERANGE;
	*bytes = b;
	return 0;
}

static size_t gen_inject(char *buf, size_t size, const struct fds *f)
{
	const int fdv[] = { f->tcp, f->udp, f->lsn, f->pipe_r, f->null,
			    f->file, 0, 2, 999, -1 };
	static const char * const bv[] = { "0", "1", "4096", "65536", "1048576", "1048577",
			     "4294967296", "-5", "", "abc", "0x10", "007" };
	static const char * const sep[] = { " ", "  ", "\t", ",", "" };
	static const char * const end[] = { "", "\n", "\n\n", " ", "x" };
	char valid[32];

	switch (rndn(4)) {
	case 0:
		return snprintf(buf, size, "%d%s%s%s", fdv[rndn(10)],
				sep[rndn(5)], bv[rndn(12)], end[rndn(5)]);
	case 1:
		return snprintf(buf, size, "%d %u%s", f->tcp,
				1 + rndn(INJECT_MAX), rndn(2) ? "\n" : "");
	default:
		snprintf(valid, sizeof(valid), "%d %u\n", f->tcp,
			 1 + rndn(INJECT_MAX));
		return gen_noise(buf, size, valid);
	}
}

static void fuzz_inject(const char *path, int n)
{
	unsigned long total = 0, bytes;
	int i, bad = 0, applied = 0, err, want, inq, p[2];
	int einval = 0, ebadf = 0, enotsock = 0, erange = 0;
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	char buf[64];
	struct fds f;
	size_t len;
	long off;

	f.tcp = socket(AF_INET, SOCK_STREAM, 0);
	f.udp = socket(AF_INET, SOCK_DGRAM, 0);
	f.lsn = socket(AF_INET, SOCK_STREAM, 0);
	if (bind(f.lsn, (struct sockaddr *)&sin, sizeof(sin)) ||
	    listen(f.lsn, 1) || pipe(p)) {
		g_ok(0, "inject: setting up sockets: %s", strerror(errno));
		return;
	}
	f.pipe_r = p[0];
	f.pipe_w = p[1];
	f.null = open("/dev/null", O_RDWR);
	/* the debugfs file itself: its fd is a candidate too (ENOTSOCK) */
	f.file = open(path, O_WRONLY);
	for (i = 0; i < n; i++) {
		len = gen_inject(buf, sizeof(buf) - 8, &f);
		off = rndn(20) ? 0 : 1 + rndn(8);
		bytes = 0;
		want = inject_expect(&f, buf, len, off, total, &bytes);
		errno = 0;
		if (off)
			err = pwrite(f.file, buf, len, off) == (ssize_t)len ?
			      0 : -errno;
		else
			err = write(f.file, buf, len) == (ssize_t)len ?
			      0 : -errno;
		if (!err && !want) {
			total += bytes;
			applied++;
		}
		einval += err == -EINVAL && want == -EINVAL;
		ebadf += err == -EBADF && want == -EBADF;
		enotsock += err == -ENOTSOCK && want == -ENOTSOCK;
		erange += err == -ERANGE && want == -ERANGE;
		inq = -1;
		ioctl(f.tcp, SIOCINQ, &inq);
		if (err != want || inq != (int)total) {
			if (bad < 3)
				printf("# %s: write %d \"%.*s\" at %ld: got %d want %d, SIOCINQ %d want %lu\n",
				       path, i, (int)len, buf, off, err, want, inq,
				       total);
			bad++;
		}
	}
	g_ok(!bad, "%s: %d writes, %d applied (SIOCINQ %lu), rejected as documented: %d EINVAL %d EBADF %d ENOTSOCK %d ERANGE, %d wrong",
	     path, n, applied, total, einval, ebadf, enotsock, erange, bad);
	close(f.tcp);
	close(f.udp);
	close(f.lsn);
	close(p[0]);
	close(p[1]);
	close(f.null);
	close(f.file);
}

/* The files a module may offer, with their modes; absent ones are skipped. */
static const struct {
	const char *name;
	mode_t mode;
} files[] = {
	{ "ktap", 0400 },
	{ ZCG_MODE, 0600 },
	{ ZCG_STATS, 0400 },
	{ ZCG_INJECT, 0600 },
};

#define NFILES	(sizeof(files) / sizeof(files[0]))

/* Checks the files of one module's directory. */
static void fuzz_dir(const char *dir, int n)
{
	char path[NFILES][256];
	struct stat st;
	int denied = 1;
	size_t i;

	for (i = 0; i < NFILES; i++) {
		g_path(path[i], sizeof(path[i]), dir, files[i].name);
		if (stat(path[i], &st)) {
			path[i][0] = '\0';
			continue;
		}
		check_mode(&st, files[i].mode, path[i]);
		denied &= nonroot_denied(path[i]);
	}
	g_ok(denied, "uid 65534 cannot open any file in %s", dir);
	for (i = 0; i < NFILES; i++) {
		if (!path[i][0])
			continue;
		if (!strcmp(files[i].name, ZCG_MODE))
			fuzz_mode(path[i], n);
		else if (!strcmp(files[i].name, ZCG_INJECT))
			fuzz_inject(path[i], n);
		else
			fuzz_readonly(path[i], n);
	}
}

/* Two lines per file present (mode, fuzz), one per directory. */
static int plan_dir(const char *dir)
{
	char path[256];
	int tests = 1;
	size_t i;

	for (i = 0; i < NFILES; i++)
		if (g_exists(g_path(path, sizeof(path), dir, files[i].name)))
			tests += 2;
	return tests;
}

int main(int argc, char **argv)
{
	static const char * const all[] = { ZCG_D_GUARD, ZCG_D_TEST,
					     ZCG_D_INJECT };
	const char *dirs[8];
	int n = 2000, opt, ndirs = 0, tests = 0, i;

	while ((opt = getopt(argc, argv, "n:s:h")) != -1) {
		if (opt == 'n') {
			n = atoi(optarg);
		} else if (opt == 's') {
			rng_state = strtoull(optarg, NULL, 0) | 1;
		} else {
			fprintf(stderr, "usage: zcg-fuzz [-n WRITES] [-s SEED] [DIR...]\n");
			return 2;
		}
	}
	for (i = optind; i < argc && ndirs < 8; i++)
		dirs[ndirs++] = argv[i];
	for (i = 0; optind == argc && i < 3; i++)
		if (g_exists(all[i]))
			dirs[ndirs++] = all[i];
	if (!ndirs) {
		fprintf(stderr, "zcg-fuzz: no zcguard module's directory in " ZCG_DEBUGFS "\n");
		return 1;
	}
	for (i = 0; i < ndirs; i++)
		tests += plan_dir(dirs[i]);
	g_plan(tests);
	for (i = 0; i < ndirs; i++)
		fuzz_dir(dirs[i], n);
	return g_failed() ? 1 : 0;
}
