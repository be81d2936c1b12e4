// SPDX-License-Identifier: GPL-2.0
/* The text of a parsed report, as a user wants to read it. */
#include <stdlib.h>
#include <string.h>

#include "report/lines.h"
#include "report/report.h"

char *zcg_report_text(const char *log, size_t len,
		      const struct zcg_report *rep)
{
	struct zcg_line *ln;
	size_t pos, end, n = 0, cap, i;
	char ctx[sizeof(ln->ctx)];
	int has_ts;
	char *out;

	end = rep->end < len ? rep->end : len;
	cap = (end > rep->start ? end - rep->start : 0) + 2;
	out = malloc(cap);
	ln = malloc(sizeof(*ln));
	if (!out || !ln) {
		free(out);
		free(ln);
		return NULL;
	}
	if (zcg_line_read(log, end, rep->start, ln)) {
		out[0] = '\0';
		free(ln);
		return out;
	}
	/* The same filter as the parser: the crash line sets it. */
	has_ts = ln->has_ts;
	strcpy(ctx, ln->ctx);
	for (pos = rep->start; !zcg_line_read(log, end, pos, ln);
	     pos = ln->next) {
		if (zcg_line_foreign(ln, has_ts, ctx))
			continue;
		/* Full line (not the cut ln->text); it fits: cap >= end-start. */
		for (i = ln->coff; i < ln->cend; i++) {
			char c = log[i];

			if (c == '\r')
				continue;
			out[n++] = c ? c : '?';
		}
		out[n++] = '\n';
	}
	out[n < cap ? n : cap - 1] = '\0';
	free(ln);
	return out;
}

int zcg_report_write(FILE *f, const char *log, size_t len,
		     const struct zcg_report *rep)
{
	char *s = zcg_report_text(log, len, rep);
	int ret;

	if (!s)
		return -1;
	ret = fputs(s, f) < 0 ? -1 : 0;
	free(s);
	return ret;
}
