// SPDX-License-Identifier: GPL-2.0
/* Whole-file read/write, mkdir -p and rm -r of our own work trees. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/file.h"

char *zcg_read_file(const char *path, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf, *nb;
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf = malloc(cap);
	if (!buf)
		goto fail;
	for (;;) {
		if (n + 1 >= cap) {
			cap *= 2;
			nb = realloc(buf, cap);
			if (!nb)
				goto fail;
			buf = nb;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		n += r;
	}
	close(fd);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
fail:
	{
		int e = errno;

		free(buf);
		close(fd);
		errno = e;
	}
	return NULL;
}

int zcg_file_has(const char *path, const char *needle)
{
	char *text = zcg_read_file(path, NULL);
	int found = text && strstr(text, needle);

	free(text);
	return found;
}

int zcg_write_file(const char *path, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t r;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	while (len) {
		r = write(fd, p, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			close(fd);
			return -1;
		}
		p += r;
		len -= r;
	}
	return close(fd);
}

static int rm_one(const char *path, const struct stat *st, int type,
		  struct FTW *ftw)
{
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

int zcg_rm_rf(const char *path)
{
	return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int zcg_mkdir_p(const char *path)
{
	char tmp[4096];
	size_t i, n = strlen(path);

	if (n == 0 || n >= sizeof(tmp)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(tmp, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] != '/' && tmp[i] != '\0')
			continue;
		tmp[i] = '\0';
		if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
			return -1;
		tmp[i] = path[i];
	}
	return 0;
}

int zcg_regular_file(const char *path, char *err, size_t elen)
{
	struct stat st;

	if (stat(path, &st) < 0 || access(path, R_OK) < 0) {
		snprintf(err, elen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, elen, "%s: not a regular file", path);
		return -1;
	}
	return 0;
}
