// SPDX-License-Identifier: GPL-2.0
/*
 * The bisection log: every line goes to stdout and to the log file, so a
 * user watching and a bug report reading it see the same text, in the
 * kinds of lines syzbot's bisection logs use.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bisect/bisect.h"

static void emit(struct bisect *b, const char *s, size_t n)
{
	fwrite(s, 1, n, stdout);
	fflush(stdout);
	if (b->logf) {
		fwrite(s, 1, n, b->logf);
		fflush(b->logf);
	}
}

void blog(struct bisect *b, const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	emit(b, line, n);
}

/* Multi-line text as is, with a newline at the end if it lacks one. */
void blog_text(struct bisect *b, const char *text)
{
	size_t n = strlen(text);

	if (!n)
		return;
	emit(b, text, n);
	if (text[n - 1] != '\n')
		emit(b, "\n", 1);
}

/*
 * Durations the way Go prints them (syzkaller is Go): "41.5s",
 * "6m2.25s", "1h2m3s". Millisecond resolution is plenty here.
 */
void fmt_duration(long long ms, char *buf, size_t size)
{
	long long h = ms / 3600000, m = ms / 60000 % 60;
	long long s = ms / 1000 % 60, frac = ms % 1000;
	char sec[32];
	int len;

	len = snprintf(sec, sizeof(sec), "%lld.%03lld", s, frac);
	while (len > 0 && sec[len - 1] == '0')
		sec[--len] = '\0';
	if (len > 0 && sec[len - 1] == '.')
		sec[--len] = '\0';
	if (h)
		snprintf(buf, size, "%lldh%lldm%ss", h, m, sec);
	else if (m)
		snprintf(buf, size, "%lldm%ss", m, sec);
	else
		snprintf(buf, size, "%ss", sec);
}
