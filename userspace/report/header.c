// SPDX-License-Identifier: GPL-2.0
/*
 * A crash's first line: which rule of kinds.c it matches, the words the
 * title keeps from it, and the title once the guilty function is known.
 */
#include <stdio.h>
#include <string.h>

#include "report/header.h"
#include "report/title.h"

enum zcg_kind zcg_header_parse(const char *text, struct zcg_header *h)
{
	regmatch_t m[ZCG_GROUPS];
	const char *base;
	size_t at, n;
	int i;

	memset(h, 0, sizeof(*h));
	h->rule = zcg_kind_match(text, m, &at);
	if (!h->rule)
		return ZK_NONE;
	base = text + at;
	for (i = 1; i < ZCG_GROUPS; i++) {
		if (m[i].rm_so < 0)
			continue;
		n = m[i].rm_eo - m[i].rm_so;
		if (n >= sizeof(h->group[i]))
			n = sizeof(h->group[i]) - 1;
		memcpy(h->group[i], base + m[i].rm_so, n);
		h->group[i][n] = '\0';
	}
	/* "BUG: KASAN: TYPE in FUNC+0x..": the function after the match */
	if (h->rule->from == ZF_HEADER || h->rule->from == ZF_HEADER_TRACE) {
		const char *p = base + m[0].rm_eo;

		p += strspn(p, " ");
		zcg_func_at(p, h->func, sizeof(h->func));
		/* stack-protector prints a bare name, no offset */
		if (!h->func[0]) {
			n = strspn(p, "abcdefghijklmnopqrstuvwxyz"
				   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
			if (n && n < sizeof(h->func) && (!p[n] || p[n] == ' ')) {
				memcpy(h->func, p, n);
				h->func[n] = '\0';
			}
		}
	}
	h->kind = h->rule->kind;
	h->corrupt = !!(h->rule->flags & ZR_CORRUPT);
	h->nostack = !!(h->rule->flags & ZR_NOSTACK);
	return h->kind;
}

int zcg_header_title(const struct zcg_header *h, const char *access,
		     const char *func, char *title, size_t size)
{
	const char *f;
	char raw[512];
	size_t n = 0;
	int complete = !h->corrupt;

	title[0] = '\0';
	if (!h->rule)
		return 0;
	for (f = h->rule->title; *f && n + 1 < sizeof(raw); f++) {
		const char *put = NULL;

		if (f[0] != '%' || !f[1]) {
			raw[n++] = *f;
			continue;
		}
		f++;
		if (*f >= '1' && *f <= '0' + ZCG_GROUPS - 1)
			put = h->group[*f - '0'];
		else if (*f == 'A')
			put = access;
		else if (*f == 'F') {
			put = func;
			if (!*func) {
				put = "corrupted";
				complete = 0;
			}
		}
		if (put)
			n += snprintf(raw + n, sizeof(raw) - n, "%s", put);
		if (n >= sizeof(raw))
			n = sizeof(raw) - 1;
	}
	raw[n] = '\0';
	zcg_title_normalize(raw, title, size);
	return complete;
}

int zcg_header_sep_closed(enum zcg_kind kind)
{
	return kind == ZK_SANITIZER;
}
