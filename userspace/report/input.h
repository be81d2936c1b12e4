/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_REPORT_INPUT_H
#define ZCGUARD_REPORT_INPUT_H

#include <stddef.h>

/* The most of a log `zcguard report` reads; the rest is ignored. */
#define ZCG_REPORT_INPUT_MAX ((size_t)64 << 20)

/*
 * Reads path ("-": stdin, which may be a pipe) into a malloc'ed,
 * NUL-terminated buffer of *len bytes, at most ZCG_REPORT_INPUT_MAX;
 * *cut is set when more was there. NULL on error: errno, or *why set
 * when the file is of a kind that is refused (FIFO, device, directory).
 */
char *zcg_report_read_input(const char *path, size_t *len, int *cut,
			    const char **why);

#endif
