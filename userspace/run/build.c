// SPDX-License-Identifier: GPL-2.0
/*
 * What a row needs before it boots: its kernel image (a path or a glob
 * such as /boot/vmlinuz-6.1.*-cloud-amd64) and its files, built with the
 * project's own make targets when missing. A target is tried once per
 * `zcguard run`: a failing build gives "not built" rows, not a retry each.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/spawn.h"
#include "run/run.h"

#define MAKE_TIMEOUT_MS (90LL * 60 * 1000)
#define MAX_TARGETS 64

static struct {
	char name[128];
	int ok;
} tried[MAX_TARGETS];
static int ntried;

static int make_one(const struct run_ctx *c, const char *t, char *err,
		    size_t elen)
{
	char log[PATH_MAX + 160];
	char *argv[] = { "make", "-C", (char *)c->top, (char *)t, NULL };
	int i, status = 0, r;
	pid_t pid;

	for (i = 0; i < ntried; i++)
		if (!strcmp(tried[i].name, t))
			goto done;
	snprintf(log, sizeof(log), "%s/make-%s.log", c->out, t);
	fprintf(stderr, "zcguard run: make %s (log %s)\n", t, log);
	pid = zcg_spawn(argv, log, -1);
	r = -1;
	if (pid > 0) {
		long long end = zcg_now_ms() + MAKE_TIMEOUT_MS;

		do {
			r = zcg_wait(pid, 200, &status);
		} while (r != 0 && !(c->stop && *c->stop) && zcg_now_ms() < end);
		if (r != 0)
			zcg_kill_wait(pid, &status);
	}
	if (i < MAX_TARGETS) {
		snprintf(tried[i].name, sizeof(tried[i].name), "%s", t);
		tried[i].ok = r == 0 && WIFEXITED(status) && !WEXITSTATUS(status);
		ntried++;
	}
done:
	if (i < MAX_TARGETS && tried[i].ok)
		return 0;
	snprintf(err, elen, "make %s failed (see %s/make-%s.log)", t, c->out, t);
	return -1;
}

int run_make(const struct run_ctx *c, const char *targets, char *err,
	     size_t elen)
{
	char *copy = strdup(targets), *save = NULL, *t;
	int ret = 0;

	if (!copy)
		return -1;
	for (t = strtok_r(copy, " \t", &save); t && !ret;
	     t = strtok_r(NULL, " \t", &save))
		ret = make_one(c, t, err, elen);
	free(copy);
	return ret;
}

static int newest(const char *pattern, char *buf, size_t len)
{
	glob_t g;
	size_t i, best = 0;

	if (glob(pattern, 0, NULL, &g) || !g.gl_pathc) {
		globfree(&g);
		return -1;
	}
	for (i = 1; i < g.gl_pathc; i++)
		if (strverscmp(g.gl_pathv[i], g.gl_pathv[best]) > 0)
			best = i;
	snprintf(buf, len, "%s", g.gl_pathv[best]);
	globfree(&g);
	return 0;
}

int run_kernel_image(const struct run_ctx *c, const struct plan_kernel *k,
		     char *buf, size_t len)
{
	char pattern[PATH_MAX];

	if (k->image[0] == '/')
		snprintf(pattern, sizeof(pattern), "%s", k->image);
	else
		snprintf(pattern, sizeof(pattern), "%s/%s", c->top, k->image);
	return newest(pattern, buf, len);
}
