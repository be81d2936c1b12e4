/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_LIB_FILE_H
#define ZCGUARD_LIB_FILE_H

#include <stddef.h>

/*
 * Reads a whole file into a malloc'ed buffer with a NUL appended (so text
 * can be used as a string). *len (may be NULL) gets the size without the
 * NUL. Returns NULL with errno set on failure.
 */
char *zcg_read_file(const char *path, size_t *len);

/*
 * Whether the file at path contains needle (strstr on its text, so up to
 * its first NUL byte). 0 when it cannot be read.
 */
int zcg_file_has(const char *path, const char *needle);

/* Creates/truncates path and writes buf[0..len). 0 or -1 with errno. */
int zcg_write_file(const char *path, const void *buf, size_t len);

/*
 * Removes a directory tree without following symlinks. Only for trees the
 * caller created itself (work directories). 0 or -1.
 */
int zcg_rm_rf(const char *path);

/* mkdir -p with mode 0755. 0 or -1 with errno. */
int zcg_mkdir_p(const char *path);

/*
 * 0 when path is a regular file we may read, else -1 with "PATH: why"
 * in err. Checked with stat(), so a FIFO or a device is refused without
 * ever being opened (an open() could block for good).
 */
int zcg_regular_file(const char *path, char *err, size_t elen);

#endif
