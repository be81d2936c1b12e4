/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_REPORT_H
#define ZCGUARD_REPORT_H

#include <stddef.h>

/*
 * Console-log crash parser, shared by `zcguard report`, `zcguard vm` and
 * `zcguard bisect`. Titles follow syzkaller's ("general protection fault
 * in FUNC", "KASAN: use-after-free Read in FUNC", ...).
 */
struct zcg_report {
	char title[256];	/* e.g. "general protection fault in tcp_zerocopy_receive" */
	size_t start;		/* byte offset of the report's first line in the log */
	size_t end;		/* byte offset just past its last line */
	int corrupted;		/* title found but the report is truncated */
};

/*
 * Finds the first kernel crash in log[0..len). Returns 1 and fills *rep
 * when one is found, 0 when the log holds none, -1 on bad arguments.
 */
int zcg_report_parse(const char *log, size_t len, struct zcg_report *rep);

#endif
