/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_REPORT_H
#define ZCGUARD_REPORT_H

#include <stddef.h>
#include <stdio.h>

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
	/* Added after the first version (compatible: new fields go last). */
	char guilty[128];	/* the guilty function, "" when none/not used */
};

/*
 * Finds the first kernel crash in log[0..len). Returns 1 and fills *rep
 * when one is found, 0 when the log holds none, -1 on bad arguments.
 * Any bytes are accepted (NULs, CRLF, garbage); the log is not modified.
 */
int zcg_report_parse(const char *log, size_t len, struct zcg_report *rep);

/*
 * The report's text: lines rep->start..rep->end of log with the printk
 * timestamps/caller ids taken off, user output interleaved with it left
 * out, CRs dropped and NUL bytes shown as '?'. A malloc'ed NUL-terminated
 * string (free() it), NULL when out of memory.
 */
char *zcg_report_text(const char *log, size_t len,
		      const struct zcg_report *rep);

/* Writes zcg_report_text() to f. 0, or -1 on error. */
int zcg_report_write(FILE *f, const char *log, size_t len,
		     const struct zcg_report *rep);

#endif
