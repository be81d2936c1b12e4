// SPDX-License-Identifier: GPL-2.0
/* Splits a console log into lines and takes the printk prefixes off. */
#include <string.h>

#include "report/lines.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Matches "[   12.345678]" at p (bounded by e). Returns the length of the
 * match or 0.
 */
static size_t match_ts(const char *p, const char *e)
{
	const char *q = p;
	int digits = 0;

	if (q >= e || *q != '[')
		return 0;
	q++;
	while (q < e && *q == ' ')
		q++;
	while (q < e && is_digit(*q)) {
		q++;
		digits++;
	}
	if (!digits || q >= e || *q != '.')
		return 0;
	q++;
	digits = 0;
	while (q < e && is_digit(*q)) {
		q++;
		digits++;
	}
	if (!digits || q >= e || *q != ']')
		return 0;
	return q + 1 - p;
}

/* Matches a caller id "[  T123]" or "[ C0]"; copies "T123" to ctx. */
static size_t match_ctx(const char *p, const char *e, char *ctx, size_t size)
{
	const char *q = p, *id;
	size_t n;

	if (q >= e || *q != '[')
		return 0;
	q++;
	while (q < e && *q == ' ')
		q++;
	if (q >= e || (*q != 'T' && *q != 'C'))
		return 0;
	id = q++;
	if (q >= e || !is_digit(*q))
		return 0;
	while (q < e && is_digit(*q))
		q++;
	if (q >= e || *q != ']')
		return 0;
	n = q - id;
	if (n >= size)
		n = size - 1;
	memcpy(ctx, id, n);
	ctx[n] = '\0';
	return q + 1 - p;
}

/* Matches an optional syslog level "<4>" (as in /dev/kmsg dumps). */
static size_t match_level(const char *p, const char *e)
{
	const char *q = p;

	if (q >= e || *q != '<')
		return 0;
	q++;
	if (q >= e || !is_digit(*q))
		return 0;
	while (q < e && is_digit(*q) && q - p < 5)
		q++;
	if (q >= e || *q != '>')
		return 0;
	return q + 1 - p;
}

/* Takes the prefixes off at p; returns where the message starts. */
static const char *strip_prefixes(const char *p, const char *e,
				  struct zcg_line *ln)
{
	size_t n;

	p += match_level(p, e);
	n = match_ts(p, e);
	if (!n)
		return NULL;
	p += n;
	ln->has_ts = 1;
	if (p < e && *p == ' ' && p + 1 < e && p[1] == '[')
		p++;
	p += match_ctx(p, e, ln->ctx, sizeof(ln->ctx));
	if (p < e && *p == ' ')
		p++;
	return p;
}

int zcg_line_read(const char *log, size_t len, size_t pos,
		  struct zcg_line *ln)
{
	const char *b, *e, *nl, *m = NULL, *q;
	size_t n, i;

	if (pos >= len)
		return -1;
	b = log + pos;
	nl = memchr(b, '\n', len - pos);
	e = nl ? nl : log + len;
	ln->off = pos;
	ln->next = nl ? (size_t)(nl + 1 - log) : len;
	ln->has_ts = 0;
	ln->ctx[0] = '\0';

	m = strip_prefixes(b, e, ln);
	if (!m) {
		/*
		 * User output without a newline, then a kernel line: look
		 * for a timestamp inside the line.
		 */
		for (q = b + 1; q < e && !m; q++) {
			q = memchr(q, '[', e - q);
			if (!q)
				break;
			if (match_ts(q, e))
				m = strip_prefixes(q, e, ln);
		}
	}
	if (!m)
		m = b;
	while (e > m && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
		e--;
	ln->coff = m - log;
	ln->cend = e - log;
	n = e - m;
	if (n >= sizeof(ln->text))
		n = sizeof(ln->text) - 1;
	for (i = 0; i < n; i++) {
		char c = m[i];

		ln->text[i] = (c == '\0' || c == '\r') ? '?' : c;
	}
	ln->text[n] = '\0';
	return 0;
}

const char *zcg_skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int zcg_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int zcg_starts_any(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (zcg_starts(s, *list))
			return 1;
	return 0;
}

int zcg_line_foreign(const struct zcg_line *ln, int has_ts, const char *ctx)
{
	if (has_ts && !ln->has_ts)
		return 1;
	return ctx[0] && ln->ctx[0] && strcmp(ctx, ln->ctx);
}
