/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_REPORT_HEADER_H
#define ZCGUARD_REPORT_HEADER_H

#include <stddef.h>

#include "report/frames.h"
#include "report/kinds.h"

/* A crash's first line, matched against the table in kinds.c. */
struct zcg_header {
	const struct zcg_kind_rule *rule;	/* NULL: not a crash line */
	enum zcg_kind kind;
	char group[ZCG_GROUPS][160];	/* the header's groups, [0] unused */
	char func[ZCG_FUNC_MAX];	/* the function right after the header */
	int corrupt;	/* ZR_CORRUPT: only a follow-up, the report is lost */
	int nostack;	/* ZR_NOSTACK: the kernel prints no stack for it */
};

/* Classifies a message (prefixes already off). Returns h->kind. */
enum zcg_kind zcg_header_parse(const char *text, struct zcg_header *h);

/*
 * Builds the title from the rule's format, the KASAN access ("Read" /
 * "Write", may be "") and the guilty function ("" when none survived:
 * "corrupted" goes in its place). Returns 1 when the title is complete,
 * 0 when its function is missing or the kind is a corrupted one.
 */
int zcg_header_title(const struct zcg_header *h, const char *access,
		     const char *func, char *title, size_t size);

/* 1 when the kind's report closes with a "=====" line (sanitizers). */
int zcg_header_sep_closed(enum zcg_kind kind);

#endif
