// SPDX-License-Identifier: GPL-2.0
/* Reads function names out of stack-trace lines. */
#include <string.h>

#include "report/frames.h"
#include "report/lines.h"

static int ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '$';
}

static int hex_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* "+0x1a/0x40" or "+0x1a" at s: length or 0. */
static size_t match_offset(const char *s)
{
	const char *p = s;

	if (p[0] != '+' || p[1] != '0' || p[2] != 'x' || !hex_char(p[3]))
		return 0;
	p += 3;
	while (hex_char(*p))
		p++;
	if (p[0] == '/' && p[1] == '0' && p[2] == 'x' && hex_char(p[3])) {
		p += 3;
		while (hex_char(*p))
			p++;
	}
	return p - s;
}

/* "net/ipv4/tcp.c:2087" (a source path with a line number) at s. */
static int source_token(const char *s)
{
	const char *p = s, *colon;

	while (*p && *p != ' ' && *p != ':')
		p++;
	if (*p != ':' || p - s < 3 || p[-2] != '.')
		return 0;
	colon = p;
	return colon[1] >= '0' && colon[1] <= '9';
}

int zcg_func_at(const char *s, char *name, size_t size)
{
	const char *p = s, *after;
	size_t n;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	      *p == '_'))
		return 0;
	while (ident_char(*p))
		p++;
	after = p;
	/* "func+0x1/0x2", or symbolized: "func file.c:12" */
	if (!match_offset(p) && !(*p == ' ' && source_token(p + 1)))
		return 0;
	/* The kernel never puts dots in names: cut compiler suffixes. */
	n = after - s;
	p = memchr(s, '.', n);
	if (p)
		n = p - s;
	if (!n || n >= size)
		return 0;
	memcpy(name, s, n);
	name[n] = '\0';
	return 1;
}

int zcg_frame_line(const char *s, char *name, size_t size, int *unreliable)
{
	const char *p = zcg_skip_blanks(s);

	*unreliable = 0;
	/* An inlined function has no frame of its own: it never counts. */
	if (strstr(s, "[inline]"))
		return 0;
	/* Old kernels: "[<ffffffff81234567>] ? func+0x.." */
	while (p[0] == '[' && p[1] == '<') {
		const char *q = strchr(p, ']');

		if (!q)
			return 0;
		p = zcg_skip_blanks(q + 1);
	}
	if (p[0] == '?' && p[1] == ' ') {
		*unreliable = 1;
		p = zcg_skip_blanks(p + 2);
	}
	return zcg_func_at(p, name, size);
}

int zcg_func_in(const char *s, char *name, size_t size)
{
	const char *p, *q;

	for (p = s; *p; p++) {
		if (p != s && ident_char(p[-1]))
			continue;
		for (q = p; ident_char(*q); q++)
			;
		if (q != p && match_offset(q) && zcg_func_at(p, name, size))
			return 1;
	}
	return 0;
}
