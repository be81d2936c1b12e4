// SPDX-License-Identifier: GPL-2.0
/*
 * Reads the console log `zcguard report` is given, with bounds: at most
 * ZCG_REPORT_INPUT_MAX bytes (a log is never that big; /dev/zero or a
 * runaway pipe must not eat the machine's memory), and only a regular
 * file or stdin. Opening a FIFO blocks until a writer comes, and a
 * device may never end, so the file is opened O_NONBLOCK and checked
 * with fstat() before a byte is read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/input.h"

static char *read_fd(int fd, size_t *len, int *cut)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1), *nb;
	ssize_t r;

	*cut = 0;
	if (!buf)
		return NULL;
	for (;;) {
		if (n == ZCG_REPORT_INPUT_MAX) {
			char probe;

			/* one byte more tells "exactly the cap" from "cut" */
			do
				r = read(fd, &probe, 1);
			while (r < 0 && errno == EINTR);
			*cut = r > 0;
			break;
		}
		if (n == cap) {
			cap = cap * 2 > ZCG_REPORT_INPUT_MAX ?
			      ZCG_REPORT_INPUT_MAX : cap * 2;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(buf);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += r;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

char *zcg_report_read_input(const char *path, size_t *len, int *cut,
			    const char **why)
{
	struct stat st;
	char *buf;
	int fd, e;

	*why = NULL;
	if (!strcmp(path, "-")) {
		/* stdin: a pipe or a file; a terminal is refused earlier */
		if (fstat(STDIN_FILENO, &st) < 0)
			return NULL;
		if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) &&
		    !S_ISSOCK(st.st_mode)) {
			*why = "stdin is not a file or a pipe";
			return NULL;
		}
		return read_fd(STDIN_FILENO, len, cut);
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		*why = S_ISDIR(st.st_mode) ? "is a directory" :
		       S_ISFIFO(st.st_mode) ? "is a FIFO (pipe it to stdin: '-')" :
		       "is not a regular file";
		return NULL;
	}
	/* a regular file: blocking reads from here on */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	buf = read_fd(fd, len, cut);
	e = errno;
	close(fd);
	errno = e;
	return buf;
}
