// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the zcguard.ko guest programs (see gutil.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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

char *g_path(char *buf, size_t size, const char *dir, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
	return buf;
}

int g_exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

const char *g_guard_dir(void)
{
	if (g_exists(ZCG_D_GUARD "/" ZCG_MODE))
		return ZCG_D_GUARD;
	if (g_exists(ZCG_D_TEST "/" ZCG_MODE))
		return ZCG_D_TEST;
	return NULL;
}

const char *g_inject_dir(void)
{
	if (g_exists(ZCG_D_INJECT "/" ZCG_INJECT))
		return ZCG_D_INJECT;
	if (g_exists(ZCG_D_TEST "/" ZCG_INJECT))
		return ZCG_D_TEST;
	return NULL;
}

int g_stats(const char *dir, struct zcg_gstats *st)
{
	char buf[256], path[256];

	if (g_read(g_path(path, sizeof(path), dir, ZCG_STATS), buf,
		   sizeof(buf)) < 0)
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

void g_modname(const char *path, char *buf, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t len, i;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 3 && !strcmp(base + len - 3, ".ko"))
		len -= 3;
	if (len >= size)
		len = size - 1;
	for (i = 0; i < len; i++)
		buf[i] = base[i] == '-' ? '_' : base[i];
	buf[len] = '\0';
}

int g_unload(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
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
