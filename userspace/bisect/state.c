// SPDX-License-Identifier: GPL-2.0
/*
 * What an interrupted bisection needs to go on, in the work directory:
 *   state           the options, the phase, counters and times so far
 *   git-bisect.log  `git bisect log` after every step (--resume replays it)
 *   tested/SHA      each commit's result (--resume does not rebuild it)
 *   verdicts/SIG    each kernel's verdict (same signature, same verdict)
 *   runs/SHA/       zcguard vm output and console logs
 *   builds/SHA.log  build output
 * The kernel build directory (default WORKDIR/obj) is never removed:
 * incremental builds are the point.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bisect/bisect.h"
#include "lib/file.h"
#include "lib/spawn.h"

void work_path(const struct bisect *b, char *buf, size_t size,
	       const char *fmt, ...)
{
	char rel[PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	snprintf(buf, size, "%s/%s", b->work, rel);
}

int state_exists(const struct bisect *b)
{
	char path[PATH_MAX];

	work_path(b, path, sizeof(path), "state");
	return access(path, F_OK) == 0;
}

static void put(FILE *f, const char *key, const char *val)
{
	if (val)
		fprintf(f, "%s %s\n", key, val);
}

int tmp_commit(FILE *f, const char *tmp, const char *path)
{
	if (fclose(f) || rename(tmp, path)) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int state_save(struct bisect *b)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8];
	long long total = b->total_ms + zcg_now_ms() - b->started_ms;
	FILE *f;

	work_path(b, path, sizeof(path), "state");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return -1;
	put(f, "repo", b->repo);
	put(f, "obj", b->obj);
	put(f, "bad", b->bad);
	put(f, "good", b->good);
	fprintf(f, "fix %d\nruns %d\njobs %d\nphase %d\ntested %d\n",
		b->o.fix, b->o.runs, b->o.jobs, b->phase, b->tested);
	fprintf(f, "build_ms %lld\ntest_ms %lld\ntotal_ms %lld\n",
		b->build_ms, b->test_ms, total);
	put(f, "config", b->o.config);
	put(f, "repro", b->o.repro);
	put(f, "build_cmd", b->o.build_cmd);
	put(f, "test_cmd", b->o.test_cmd);
	put(f, "log", b->o.log);
	return tmp_commit(f, tmp, path);
}

/* Loads the state saved by an earlier run (options included). 0 or -1. */
int state_load(struct bisect *b)
{
	char path[PATH_MAX], *text, *line, *save;

	work_path(b, path, sizeof(path), "state");
	text = zcg_read_file(path, NULL);
	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *val = strchr(line, ' ');

		if (!val)
			continue;
		*val++ = '\0';
		if (!strcmp(line, "obj"))
			snprintf(b->obj, sizeof(b->obj), "%s", val);
		else if (!strcmp(line, "bad"))
			snprintf(b->bad, sizeof(b->bad), "%s", val);
		else if (!strcmp(line, "good"))
			snprintf(b->good, sizeof(b->good), "%s", val);
		else if (!strcmp(line, "fix"))
			b->o.fix = atoi(val);
		else if (!strcmp(line, "runs"))
			b->o.runs = atoi(val);
		else if (!strcmp(line, "jobs"))
			b->o.jobs = atoi(val);
		else if (!strcmp(line, "phase"))
			b->phase = atoi(val);
		else if (!strcmp(line, "tested"))
			b->tested = atoi(val);
		else if (!strcmp(line, "build_ms"))
			b->build_ms = atoll(val);
		else if (!strcmp(line, "test_ms"))
			b->test_ms = atoll(val);
		else if (!strcmp(line, "total_ms"))
			b->total_ms = atoll(val);
		else if (!strcmp(line, "config"))
			b->o.config = strdup(val);
		else if (!strcmp(line, "repro"))
			b->o.repro = strdup(val);
		else if (!strcmp(line, "build_cmd"))
			b->o.build_cmd = strdup(val);
		else if (!strcmp(line, "test_cmd"))
			b->o.test_cmd = strdup(val);
		else if (!strcmp(line, "log") && !b->o.log)
			b->o.log = strdup(val);
	}
	free(text);
	return b->bad[0] && b->good[0] ? 0 : -1;
}

/* The work directory's per-commit subdirectories. */
static const char *const dirs[] = { "tested", "verdicts", "runs", "builds" };

/* Drops the resumable state; all: also the per-commit results and logs. */
void state_clear(struct bisect *b, int all)
{
	static const char *const files[] = { "state", "git-bisect.log" };
	char path[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		work_path(b, path, sizeof(path), "%s", files[i]);
		unlink(path);
	}
	for (i = 0; all && i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		work_path(b, path, sizeof(path), "%s", dirs[i]);
		zcg_rm_rf(path);
	}
}

/* Creates the per-commit subdirectories (errors show up when used). */
void state_mkdirs(struct bisect *b)
{
	char path[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		work_path(b, path, sizeof(path), "%s", dirs[i]);
		zcg_mkdir_p(path);
	}
}
