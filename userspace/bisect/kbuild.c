// SPDX-License-Identifier: GPL-2.0
/*
 * Building one commit and naming the result. The build itself is the
 * test-kernel engineer's kernels/build-kernel.sh (tinyconfig + fragment,
 * olddefconfig, ccache, make O=DIR, incremental), or --build-cmd.
 *
 * The kernel signature is the SHA-256 of the image. For it to mean "same
 * code" everything a build stamps into the image that is not code is
 * pinned here: timestamp, user, host, build number, localversion (git
 * state would add "+" or "-gSHA"). So rebuilding a commit gives the same
 * signature, and a commit that changes only comments or documentation
 * gives its parent's, whose verdict is then reused.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bisect/bisect.h"
#include "lib/file.h"
#include "lib/spawn.h"

#define BUILD_TIMEOUT_MS (90 * 60 * 1000)

void kbuild_compiler(struct bisect *b)
{
	char *argv[] = { "gcc", "--version", NULL }, *out = NULL;

	snprintf(b->compiler, sizeof(b->compiler), "gcc (unknown version)");
	if (zcg_run_capture(argv, 10000, 0, 4096, &out, NULL) == 0 && out &&
	    out[0]) {
		out[strcspn(out, "\n")] = '\0';
		snprintf(b->compiler, sizeof(b->compiler), "%s", out);
	}
	free(out);
}

static void pin_build_env(void)
{
	setenv("KBUILD_BUILD_TIMESTAMP", "Thu Jan  1 00:00:00 UTC 1970", 1);
	setenv("KBUILD_BUILD_USER", "zcguard", 1);
	setenv("KBUILD_BUILD_HOST", "zcguard", 1);
	setenv("KBUILD_BUILD_VERSION", "1", 1);
	/* set but empty: setlocalversion then adds neither "+" nor -gSHA */
	setenv("LOCALVERSION", "", 1);
}

/* The first compiler/make error in a build log, else its last line. */
static void build_error(const char *logpath, char *err, size_t size)
{
	char *log = zcg_read_file(logpath, NULL), *p, *next;

	snprintf(err, size, "build failed (log: %s)", logpath);
	if (!log)
		return;
	for (p = log; *p; p = next) {
		size_t n = strcspn(p, "\n");

		next = p + n + (p[n] != '\0');
		if (!n)
			continue;
		snprintf(err, size, "%.*s", (int)n, p);
		if (memmem(p, n, "error:", 6) || memmem(p, n, "Error ", 6))
			break;
	}
	free(log);
}

/* The last non-empty line of the build output, if it names a file. */
static int image_from_log(const char *logpath, char *kernel, size_t size)
{
	char *log = zcg_read_file(logpath, NULL), *end, *start;
	struct stat st;
	int ok = 0;

	if (!log)
		return 0;
	end = log + strlen(log);
	while (end > log && (end[-1] == '\n' || end[-1] == ' '))
		*--end = '\0';
	start = strrchr(log, '\n');
	start = start ? start + 1 : log;
	if (start[0] == '/' && stat(start, &st) == 0 && S_ISREG(st.st_mode)) {
		snprintf(kernel, size, "%s", start);
		ok = 1;
	}
	free(log);
	return ok;
}

/*
 * Builds the checked-out commit sha. 0 built (kernel = the image), 1
 * build failed (err says why), -2 interrupted, -1 could not run.
 */
int kbuild(struct bisect *b, const char *sha, char *kernel, size_t size,
	   char *err, size_t errsize)
{
	char logpath[PATH_MAX], script[PATH_MAX + 32], jobs[16];
	char *argv[6];
	int status = 0, r;
	pid_t pid;

	work_path(b, logpath, sizeof(logpath), "builds/%s.log", sha);
	pin_build_env();
	snprintf(jobs, sizeof(jobs), "%d", b->o.jobs);
	setenv("JOBS", jobs, 1);
	setenv("ZCG_SRC", b->repo, 1);
	setenv("ZCG_OUT", b->obj, 1);
	setenv("ZCG_CONFIG", b->o.config ? b->o.config : "", 1);
	setenv("ZCG_COMMIT", sha, 1);
	if (b->o.build_cmd) {
		argv[0] = "/bin/sh";
		argv[1] = "-c";
		argv[2] = (char *)b->o.build_cmd;
		argv[3] = NULL;
	} else {
		snprintf(script, sizeof(script), "%s/kernels/build-kernel.sh",
			 b->top);
		argv[0] = script;
		argv[1] = b->repo;
		argv[2] = b->obj;
		argv[3] = (char *)b->o.config;	/* NULL: its default */
		argv[4] = NULL;
	}
	pid = zcg_spawn(argv, logpath, -1);
	if (pid < 0) {
		snprintf(err, errsize, "cannot run %s: %s", argv[0],
			 strerror(errno));
		return -1;
	}
	r = bisect_wait(pid, BUILD_TIMEOUT_MS, &status);
	if (r == -2)
		return -2;
	if (r) {
		snprintf(err, errsize, "build timed out (log: %s)", logpath);
		return 1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		build_error(logpath, err, errsize);
		return 1;
	}
	if (!image_from_log(logpath, kernel, size))
		snprintf(kernel, size, "%s/arch/x86/boot/bzImage", b->obj);
	if (access(kernel, R_OK)) {
		snprintf(err, errsize, "no kernel image at %s", kernel);
		return 1;
	}
	return 0;
}

int kernel_signature(const char *kernel, char sig[SIG_LEN + 1])
{
	char *argv[] = { "sha256sum", "--", (char *)kernel, NULL }, *out = NULL;
	int r = -1;

	if (zcg_run_capture(argv, 60000, 0, 4096, &out, NULL) == 0 && out &&
	    strlen(out) >= SIG_LEN) {
		memcpy(sig, out, SIG_LEN);
		sig[SIG_LEN] = '\0';
		r = 0;
	}
	free(out);
	return r;
}
