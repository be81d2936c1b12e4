/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_BISECT_H
#define ZCGUARD_BISECT_H

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <sys/types.h>

/*
 * `zcguard bisect`: the pieces share one context. Files:
 *   cmd_bisect.c  options, checks before anything is touched
 *   driver.c      endpoint verification, the git bisect loop, the result
 *   git.c         running git, parsing `git bisect` answers, cc list
 *   kbuild.c      building one commit, its kernel signature
 *   verdict.c     running the reproducer in VMs, good/bad/skip, caches
 *   blog.c        the syzbot-style log (stdout + log file), durations
 *   state.c       what --resume needs, in the work directory
 *   wait.c        waiting for a child, interruptible
 */

#define SHA_LEN 40
#define SIG_LEN 64

enum outcome {
	OUT_OK,		/* every usable run passed */
	OUT_CRASH,	/* a run crashed (or the reproducer reported the bug) */
	OUT_SKIP,	/* could not tell: build failure, boot failure, infra */
};

struct verdict {
	enum outcome outcome;
	char sig[SIG_LEN + 1];	/* kernel signature, "" when not built */
	char title[256];	/* crash title, or why it was skipped */
	char console[PATH_MAX];	/* console log of a crashing run, or "" */
};

struct bisect_opts {
	const char *repo, *bad, *good, *config, *repro, *log;
	const char *workdir, *build_dir, *build_cmd, *test_cmd;
	int runs, jobs, fix, resume, reset;
};

struct bisect {
	struct bisect_opts o;
	char repo[PATH_MAX];	/* absolute */
	char gitdir[PATH_MAX];	/* absolute */
	char work[PATH_MAX];	/* state, verdicts, run logs */
	char obj[PATH_MAX];	/* kernel build directory (make O=) */
	char top[PATH_MAX];	/* the project's data (zcg_datadir()) */
	char bad[SHA_LEN + 1];	/* crashes (older one in cause mode) */
	char good[SHA_LEN + 1];	/* does not crash */
	char compiler[128];	/* first line of `gcc --version` */
	FILE *logf;
	/* git bisect terms: "bad"/"good", or "fixed"/"broken" for --fix */
	const char *term_new, *term_old;
	int phase;		/* PHASE_* */
	int tested;		/* revisions built and tested */
	long long build_ms, test_ms, total_ms;	/* carried across --resume */
	long long started_ms;	/* this process's start */
};

#define PHASE_VERIFY 1
#define PHASE_BISECT 2

/* Set by SIGINT/SIGTERM: stop at the next safe point, restore HEAD. */
extern volatile sig_atomic_t bisect_stop;

/* wait.c: 0 exited (*status), 1 timed out, -2 interrupted (child killed) */
int bisect_wait(pid_t pid, long long timeout_ms, int *status);

/* blog.c */
void blog(struct bisect *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void blog_text(struct bisect *b, const char *text);
void fmt_duration(long long ms, char *buf, size_t size);

/* git.c */
enum bstep { BSTEP_NEXT, BSTEP_DONE, BSTEP_RANGE, BSTEP_ERROR };
int git_out(const char *repo, char **out, ...)
	__attribute__((sentinel));
int git_rev(const char *repo, const char *rev, char sha[SHA_LEN + 1]);
int git_is_ancestor(const char *repo, const char *a, const char *b);
int git_dirty(const char *repo);
int git_bisecting(const struct bisect *b);
int git_checkout(const char *repo, const char *sha);
char *git_subject(const char *repo, const char *sha);
char *git_cc(const char *repo, const char *sha);
enum bstep git_bisect(struct bisect *b, char result[SHA_LEN + 1], ...)
	__attribute__((sentinel));
int git_bisect_reset(struct bisect *b);
int git_bisect_save_log(struct bisect *b);

/* kbuild.c */
void kbuild_compiler(struct bisect *b);
int kbuild(struct bisect *b, const char *sha, char *kernel, size_t size,
	   char *err, size_t errsize);
int kernel_signature(const char *kernel, char sig[SIG_LEN + 1]);

/* verdict.c */
int test_commit(struct bisect *b, const char *sha, struct verdict *v);
int verdict_lookup_commit(struct bisect *b, const char *sha,
			  struct verdict *v);
void print_crash_report(struct bisect *b, const struct verdict *v);

/* state.c */
int state_save(struct bisect *b);
int state_load(struct bisect *b);
int state_exists(const struct bisect *b);
void state_clear(struct bisect *b, int all);
void state_mkdirs(struct bisect *b);
/* fclose(f) and rename tmp to path: 0, or -1 with tmp unlinked. */
int tmp_commit(FILE *f, const char *tmp, const char *path);
void work_path(const struct bisect *b, char *buf, size_t size,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* driver.c */
int bisect_main(struct bisect *b);

#endif
