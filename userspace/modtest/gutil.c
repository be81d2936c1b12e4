// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the zcguard.ko guest programs (see gutil.h). */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "gutil.h"

static int g_n, g_bad;

int g_read(const char *path, char *buf, size_t size)
{
	size_t got = 0;
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while (got + 1 < size) {
		r = read(fd, buf + got, size - 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += r;
	}
	buf[got] = '\0';
	close(fd);
	return (int)got;
}

int g_write(const char *path, const void *buf, size_t len, long off)
{
	ssize_t r;
	int fd, err = 0;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	r = off ? pwrite(fd, buf, len, off) : write(fd, buf, len);
	if (r < 0)
		err = -errno;
	else if ((size_t)r != len)
		err = -EMSGSIZE;	/* a short write is not documented */
	close(fd);
	return err;
}

int g_stats(struct zcg_gstats *st)
{
	char buf[256];

	if (g_read(ZCG_F_STATS, buf, sizeof(buf)) < 0)
		return -1;
	if (sscanf(buf, "calls %ld violations %ld blocked %ld probe %ld",
		   &st->calls, &st->violations, &st->blocked,
		   &st->probe) != 4) {
		errno = EPROTO;
		return -1;
	}
	return 0;
}

int g_join_params(char *buf, size_t size, int argc, char **argv)
{
	size_t len = 0, n;
	int i;

	if (!size)
		return -1;
	buf[0] = '\0';
	for (i = 0; i < argc; i++) {
		n = strlen(argv[i]);
		/* the separator (if any), the word and the final NUL */
		if ((i ? 1 : 0) + n + 1 > size - len)
			return -1;
		if (i)
			buf[len++] = ' ';
		memcpy(buf + len, argv[i], n + 1);
		len += n;
	}
	return 0;
}

int g_load(const char *path, const char *params)
{
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, params ? params : "", 0))
		err = -errno;
	close(fd);
	return err;
}

int g_unload(void)
{
	return syscall(SYS_delete_module, "zcguard", O_NONBLOCK) ? -errno : 0;
}

int g_lo_up(void)
{
	struct ifreq ifr = { 0 };
	int fd, err = 0;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		err = -errno;
	} else {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			err = -errno;
	}
	close(fd);
	return err;
}

int g_new_netns(void)
{
	if (unshare(CLONE_NEWNET))
		return -errno;
	return g_lo_up();
}

void g_plan(int n)
{
	printf("1..%d\n", n);
	fflush(stdout);
}

int g_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", cond ? "" : "not ", ++g_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!cond)
		g_bad++;
	return cond;
}

int g_failed(void)
{
	return g_bad;
}
