// SPDX-License-Identifier: GPL-2.0
/*
 * Title normalisation as syzkaller does it (pkg/report's replacement
 * table and 120-character cut), so titles compare equal across runs.
 */
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "report/title.h"

#define TITLE_MAX 120
#define BUF 1024

/* Each applied until the string stops changing (matches may overlap). */
static const struct {
	const char *re;
	const char *to;		/* \1..\3: groups */
} table[] = {
	/* executor PIDs and names vary from run to run */
	{ "syz-executor\\.?[0-9]+((/|:)[0-9]+)?", "syz-executor" },
	{ "syzkaller[0-9]+((/|:)[0-9]+)?", "syzkaller" },
	/* anything that looks like an address */
	{ "([^a-zA-Z0-9])(0x)?[0-9a-f]{6,}", "\\1ADDR" },
	{ "([0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3})", "IP" },
	{ "(\\.[a-zA-Z0-9_]+)(:[0-9]+)+", "\\1:LINE" },
	/* func+0x1a/0x40: offsets change with every build */
	{ "([a-zA-Z][a-zA-Z0-9_.]+)\\+0x[0-9a-z]+/0x[0-9a-z]+", "\\1" },
	{ "CPU#[0-9]+", "CPU" },
	{ "([^a-zA-Z0-9_])([0-9]+)([^a-zA-Z0-9_]|$)", "\\1NUM\\3" },
	/* digits inside names stay (cfg80211), long runs do not */
	{ "[0-9]{7,}", "NUM" },
};

#define N (sizeof(table) / sizeof(table[0]))

static regex_t re[N];
static int ready;

/* One pass of table[i] over s; returns 1 when something changed. */
static int apply(size_t i, char *s)
{
	char out[BUF];
	regmatch_t m[4];
	size_t n = 0, pos = 0, len = strlen(s);
	int changed = 0, eflags = 0;

	while (pos <= len && !regexec(&re[i], s + pos, 4, m, eflags)) {
		const char *t;

		if (m[0].rm_eo == 0 && m[0].rm_so == 0 && pos == len)
			break;
		if (n + m[0].rm_so >= sizeof(out))
			break;
		memcpy(out + n, s + pos, m[0].rm_so);
		n += m[0].rm_so;
		for (t = table[i].to; *t && n + 1 < sizeof(out); t++) {
			if (t[0] == '\\' && t[1] >= '1' && t[1] <= '3') {
				regmatch_t g = m[t[1] - '0'];
				size_t gl = g.rm_so < 0 ? 0 : g.rm_eo - g.rm_so;

				if (n + gl >= sizeof(out))
					break;
				memcpy(out + n, s + pos + g.rm_so, gl);
				n += gl;
				t++;
			} else {
				out[n++] = *t;
			}
		}
		changed = 1;
		if (m[0].rm_eo == 0) {
			if (n + 1 < sizeof(out) && pos < len)
				out[n++] = s[pos];
			pos++;
		} else {
			pos += m[0].rm_eo;
		}
		eflags = REG_NOTBOL;
	}
	if (!changed)
		return 0;
	if (pos < len && n + (len - pos) < sizeof(out)) {
		memcpy(out + n, s + pos, len - pos);
		n += len - pos;
	}
	out[n] = '\0';
	if (!strcmp(out, s))
		return 0;
	strcpy(s, out);
	return 1;
}

void zcg_title_normalize(const char *in, char *out, size_t size)
{
	char s[BUF];
	size_t i, n = 0, k;
	char prev = ' ';

	if (!ready) {
		for (i = 0; i < N; i++)
			regcomp(&re[i], table[i].re, REG_EXTENDED);
		ready = 1;
	}
	snprintf(s, sizeof(s), "%s", in);
	for (i = 0; i < N; i++)
		for (k = 0; k < 16 && apply(i, s); k++)
			;
	/* the cut comes before the clean-up, as in syzkaller */
	for (i = 0; s[i] && i < TITLE_MAX && n + 1 < size; i++) {
		char c = s[i] == '\t' ? ' ' : s[i];

		if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
			continue;
		if (c == ' ' && prev == ' ')
			continue;
		out[n++] = c;
		prev = c;
	}
	while (n && out[n - 1] == ' ')
		n--;
	if (size)
		out[n < size ? n : size - 1] = '\0';
}
