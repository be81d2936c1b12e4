/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_REPORT_LINES_H
#define ZCGUARD_REPORT_LINES_H

#include <stddef.h>

/* Longest message kept for matching; longer lines are cut (not dropped). */
#define ZCG_LINE_MAX 1024

/*
 * One console line with the printk prefixes taken off: an optional syslog
 * level "<4>", the "[    1.234567]" timestamp and the "[  T123]"/"[ C0]"
 * caller id. Serial consoles mix user output with kernel lines, sometimes
 * on the same physical line ("mmap ok[    2.70] general protection..."),
 * so a timestamp found later in a line also starts a kernel message.
 */
struct zcg_line {
	size_t off;		/* first byte of the raw line */
	size_t next;		/* first byte of the next raw line */
	size_t coff;		/* first byte of the message */
	size_t cend;		/* end of the message (no CR/LF/trailing blanks) */
	int has_ts;		/* a printk timestamp was found */
	char ctx[16];		/* caller id ("T123", "C0"), "" if none */
	char text[ZCG_LINE_MAX];/* message: NUL-terminated, NUL bytes -> '?' */
};

/*
 * Reads the line starting at pos. Returns 0 and fills *ln, or -1 at the
 * end of the log.
 */
int zcg_line_read(const char *log, size_t len, size_t pos,
		  struct zcg_line *ln);

/* Text with leading blanks skipped. */
const char *zcg_skip_blanks(const char *s);

/* 1 when s starts with prefix. */
int zcg_starts(const char *s, const char *prefix);

/* 1 when s starts with one of the prefixes of a NULL-terminated list. */
int zcg_starts_any(const char *s, const char *const *list);

/*
 * 1 when ln is not part of a kernel report whose crash line set has_ts
 * (the log has printk timestamps) and ctx (its caller id, "" if none):
 * an untimestamped line in a timestamped log is user output, a line of
 * another caller is another CPU or task.
 */
int zcg_line_foreign(const struct zcg_line *ln, int has_ts, const char *ctx);

#endif
