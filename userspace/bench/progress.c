// SPDX-License-Identifier: GPL-2.0
/*
 * Progress of a long run on stderr, rewritten in place; silent when
 * stderr is not a terminal so logs and pipes stay clean.
 */
#include <stdio.h>
#include <unistd.h>

#include "bench/bench.h"

static int shown;

void bench_progress(int done, int total, const char *what)
{
	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r\033[K[%d/%d] %s", done + 1, total, what);
	fflush(stderr);
	shown = 1;
}

void bench_progress_end(void)
{
	if (shown)
		fprintf(stderr, "\r\033[K");
	shown = 0;
}
