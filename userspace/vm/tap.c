// SPDX-License-Identifier: GPL-2.0
/* Counts top-level TAP/KTAP results in command output and console logs. */
#include <string.h>
#include <strings.h>

#include "vm/tap.h"

/* Skips "[...]" printk prefixes (time, caller) and the space after them. */
static const char *strip_printk(const char *p, const char *end)
{
	int stripped = 0;

	while (p < end && *p == '[') {
		const char *q = memchr(p, ']', end - p);

		if (!q)
			break;
		p = q + 1;
		stripped = 1;
	}
	if (stripped && p < end && *p == ' ')
		p++;
	return p;
}

/* "# SKIP" / "# TODO" directive, case-insensitive, after the name. */
static int has_directive(const char *p, const char *end)
{
	const char *hash = memchr(p, '#', end - p);

	while (hash) {
		const char *d = hash + 1;

		while (d < end && *d == ' ')
			d++;
		if (end - d >= 4 && (!strncasecmp(d, "skip", 4) ||
				     !strncasecmp(d, "todo", 4)))
			return 1;
		hash = memchr(hash + 1, '#', end - hash - 1);
	}
	return 0;
}

static int starts(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(end - p) < n || memcmp(p, word, n))
		return 0;
	return p + n == end || p[n] == ' ';
}

/* Whether s[0..n) is a whole line of text[0..len). */
static int has_line(const char *text, size_t len, const char *s, size_t n)
{
	const char *p = text, *end = text + len;

	while (n && p < end && (p = memmem(p, end - p, s, n))) {
		const char *after = p + n;

		if ((p == text || p[-1] == '\n') &&
		    (after == end || *after == '\n' || *after == '\r'))
			return 1;
		p++;
	}
	return 0;
}

/*
 * "not ok 3 tcp_zerocopy_repair # reason": the description's first word
 * is the test's name, as kselftest and our guest runner print it.
 */
static void add_name(struct tap_counts *t, const char *s, const char *le)
{
	size_t used = strlen(t->failed_names), n;

	s += 6;
	while (s < le && *s == ' ')
		s++;
	while (s < le && *s >= '0' && *s <= '9')
		s++;
	while (s < le && (*s == ' ' || *s == '-'))
		s++;
	for (n = 0; s + n < le && s[n] != ' ' && s[n] != '#'; n++)
		;
	if (!n || used + n + 2 > sizeof(t->failed_names))
		return;
	if (used)
		t->failed_names[used++] = ' ';
	memcpy(t->failed_names + used, s, n);
	t->failed_names[used + n] = '\0';
}

static void count(const char *text, size_t len, int console,
		  const char *out, size_t olen, struct tap_counts *t)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		const char *le = nl ? nl : end, *s = p;

		while (le > s && (le[-1] == '\r' || le[-1] == ' '))
			le--;
		if (console)
			s = strip_printk(s, le);
		if (!starts(s, le, "ok") && !starts(s, le, "not ok")) {
			p = nl ? nl + 1 : end;
			continue;
		}
		/* A result line also in out is counted there, not here. */
		if (out && has_line(out, olen, s, le - s)) {
			p = nl ? nl + 1 : end;
			continue;
		}
		if (starts(s, le, "ok")) {
			if (has_directive(s, le))
				t->skipped++;
			else
				t->ok++;
		} else if (starts(s, le, "not ok")) {
			if (has_directive(s, le)) {
				t->skipped++;
			} else {
				if (!t->not_ok) {
					size_t n = le - s;

					if (n >= sizeof(t->first_fail))
						n = sizeof(t->first_fail) - 1;
					memcpy(t->first_fail, s, n);
					t->first_fail[n] = '\0';
				}
				add_name(t, s, le);
				t->not_ok++;
			}
		}
		p = nl ? nl + 1 : end;
	}
}

void tap_count(const char *text, size_t len, int console,
	       struct tap_counts *t)
{
	count(text, len, console, NULL, 0, t);
}

void tap_count_console(const char *text, size_t len, const char *out,
		       size_t olen, struct tap_counts *t)
{
	count(text, len, 1, out, olen, t);
}
