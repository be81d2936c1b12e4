// SPDX-License-Identifier: GPL-2.0
/*
 * Running git in the user's kernel tree. Only read-only commands, `git
 * checkout` while a bisection is in progress (undone by `git bisect
 * reset`) and `git bisect` itself ever touch it. LC_ALL=C is set by the
 * caller so git's answers can be parsed.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "bisect/bisect.h"
#include "lib/spawn.h"

#define GIT_TIMEOUT_MS (15 * 60 * 1000)
#define GIT_MAX_ARGS 32
#define GIT_MAX_OUT (4 << 20)

/* args: NULL-terminated, at most GIT_MAX_ARGS */
static int git_argv(const char *repo, char **out, char *const args[])
{
	char *argv[GIT_MAX_ARGS + 4];
	int argc = 0, status, timed_out;

	argv[argc++] = "git";
	argv[argc++] = "-C";
	argv[argc++] = (char *)repo;
	while (*args && argc < GIT_MAX_ARGS + 3)
		argv[argc++] = *args++;
	argv[argc] = NULL;
	status = zcg_run_capture(argv, GIT_TIMEOUT_MS, 1, GIT_MAX_OUT, out,
				 &timed_out);
	if (status < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* git -C repo ARGS... (NULL-terminated). Exit code, -1 if git did not run. */
int git_out(const char *repo, char **out, ...)
{
	char *args[GIT_MAX_ARGS + 1];
	int argc = 0;
	va_list ap;
	char *a;

	va_start(ap, out);
	while ((a = va_arg(ap, char *)) && argc < GIT_MAX_ARGS)
		args[argc++] = a;
	va_end(ap);
	args[argc] = NULL;
	return git_argv(repo, out, args);
}

static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

static int is_sha(const char *s)
{
	int i;

	for (i = 0; i < SHA_LEN; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Full SHA of a commit, 0; -1 when rev names no commit. */
int git_rev(const char *repo, const char *rev, char sha[SHA_LEN + 1])
{
	char spec[512], *out = NULL;
	int r;

	snprintf(spec, sizeof(spec), "%s^{commit}", rev);
	r = git_out(repo, &out, "rev-parse", "--verify", "-q", spec, NULL);
	if (r == 0 && out && strlen(out) >= SHA_LEN && is_sha(out)) {
		memcpy(sha, out, SHA_LEN);
		sha[SHA_LEN] = '\0';
	} else {
		r = -1;
	}
	free(out);
	return r ? -1 : 0;
}

/* 1 if a is an ancestor of b (or equal), 0 if not, -1 on error. */
int git_is_ancestor(const char *repo, const char *a, const char *b)
{
	int r = git_out(repo, NULL, "merge-base", "--is-ancestor", a, b, NULL);

	return r == 0 ? 1 : r == 1 ? 0 : -1;
}

/* 1 if tracked files have changes (untracked files do not matter). */
int git_dirty(const char *repo)
{
	char *out = NULL;
	int r, dirty;

	r = git_out(repo, &out, "status", "--porcelain",
		    "--untracked-files=no", NULL);
	dirty = r != 0 || (out && out[0]);
	free(out);
	return dirty;
}

/* 1 if a `git bisect` session is in progress in the repository. */
int git_bisecting(const struct bisect *b)
{
	char path[PATH_MAX + 32];
	struct stat st;

	snprintf(path, sizeof(path), "%s/BISECT_START", b->gitdir);
	return stat(path, &st) == 0;
}

int git_checkout(const char *repo, const char *sha)
{
	return git_out(repo, NULL, "checkout", "-q", "--detach", sha, NULL);
}

char *git_subject(const char *repo, const char *sha)
{
	char *out = NULL;

	if (git_out(repo, &out, "log", "-1", "--format=%s", sha, NULL)) {
		free(out);
		return strdup("");
	}
	chomp(out);
	return out;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The address in "Name <addr>" or a bare "addr", lower-cased; NULL if none. */
static char *email_of(const char *v)
{
	const char *lt = strchr(v, '<'), *gt;
	char *e;
	size_t i;

	if (lt) {
		gt = strchr(lt, '>');
		if (!gt)
			return NULL;
		e = strndup(lt + 1, gt - lt - 1);
	} else {
		while (isspace((unsigned char)*v))
			v++;
		e = strndup(v, strcspn(v, " \t\r\n"));
	}
	if (!e || !strchr(e, '@')) {
		free(e);
		return NULL;
	}
	for (i = 0; e[i]; i++)
		e[i] = tolower((unsigned char)e[i]);
	return e;
}

/* Trailer keys that name people to cc: Signed-off-by, Reviewed-by, Cc... */
static int cc_key(const char *line, size_t keylen)
{
	if (keylen == 2 && !strncasecmp(line, "cc", 2))
		return 1;
	return keylen > 3 && !strncasecmp(line + keylen - 3, "-by", 3);
}

/*
 * `cc: ["a@x" "b@y"]` content, as syzbot prints it: the author and every
 * person in the commit's trailers, sorted, without duplicates.
 */
char *git_cc(const char *repo, const char *sha)
{
	char *out = NULL, *line, *save, *list[256], *res;
	size_t n = 0, i, len = 3;

	if (git_out(repo, &out, "log", "-1",
		    "--format=%ae%n%(trailers:only,unfold)", sha, NULL)) {
		free(out);
		return strdup("[]");
	}
	for (line = strtok_r(out, "\n", &save); line && n < 256;
	     line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':'), *e;

		if (n == 0 && !colon) {
			e = email_of(line);	/* first line: the author */
		} else {
			if (!colon || !cc_key(line, colon - line))
				continue;
			e = email_of(colon + 1);
		}
		if (!e)
			continue;
		for (i = 0; i < n && strcmp(list[i], e); i++)
			;
		if (i < n) {
			free(e);
			continue;
		}
		list[n++] = e;
		len += strlen(e) + 3;
	}
	free(out);
	qsort(list, n, sizeof(list[0]), cmp_str);
	res = malloc(len);
	if (!res)
		return NULL;
	strcpy(res, "[");
	for (i = 0; i < n; i++) {
		if (i)
			strcat(res, " ");
		strcat(res, "\"");
		strcat(res, list[i]);
		strcat(res, "\"");
		free(list[i]);
	}
	strcat(res, "]");
	return res;
}

/* Start of the line holding needle in text, or NULL. */
static char *line_with(char *text, const char *needle)
{
	char *p = strstr(text, needle);

	if (!p)
		return NULL;
	while (p > text && p[-1] != '\n')
		p--;
	return p;
}

/*
 * Runs `git bisect ARGS...` and logs git's answer the way syzbot's logs
 * show it: the "Bisecting: N revisions left" line and the commit it
 * checked out, or "SHA is the first bad commit" and the commit itself, or
 * the list of candidates when only skipped commits are left. result gets
 * the commit to test next or the first bad commit.
 */
enum bstep git_bisect(struct bisect *b, char result[SHA_LEN + 1], ...)
{
	char needle[64], *out = NULL, *p, *q, *last = NULL, *done, *range;
	enum bstep step = BSTEP_ERROR;
	va_list ap;
	char *argv[GIT_MAX_ARGS + 2];
	int argc = 0, r;
	char *a;

	argv[argc++] = "bisect";
	va_start(ap, result);
	while ((a = va_arg(ap, char *)) && argc < GIT_MAX_ARGS)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	r = git_argv(b->repo, &out, argv);
	if (!out)
		out = strdup("");

	snprintf(needle, sizeof(needle), " is the first %s commit",
		 b->term_new);
	done = line_with(out, needle);
	range = line_with(out, "could be any of:");
	p = strstr(out, "Bisecting: ");
	if (done && is_sha(done)) {
		memcpy(result, done, SHA_LEN);
		result[SHA_LEN] = '\0';
		blog_text(b, done);
		step = BSTEP_DONE;
	} else if (range) {
		q = line_with(out, "There are only");
		if (q && q < range)
			range = q;
		q = strstr(range, "We cannot bisect more!");
		if (q)
			*q = '\0';
		blog_text(b, range);
		step = BSTEP_RANGE;
	} else if (r == 0 && p) {
		/* replay prints every step: the last one is where we are */
		while (p) {
			if (p == out || p[-1] == '\n')
				last = p;
			p = strstr(p + 1, "Bisecting: ");
		}
		if (last) {
			q = strchr(last, '\n');
			if (q)
				q = strchr(q + 1, '\n');
			if (q)
				q[1] = '\0';
			blog_text(b, last);
		}
		if (git_rev(b->repo, "HEAD", result) == 0)
			step = BSTEP_NEXT;
	}
	if (step == BSTEP_ERROR) {
		blog(b, "git bisect %s failed (exit %d):", argv[1] ? argv[1] :
		     "", r);
		blog_text(b, out);
	}
	free(out);
	return step;
}

/* Ends the git bisect session: HEAD goes back where it was at the start. */
int git_bisect_reset(struct bisect *b)
{
	char *out = NULL;
	int r;

	if (!git_bisecting(b))
		return 0;
	r = git_out(b->repo, &out, "bisect", "reset", NULL);
	if (r) {
		fprintf(stderr, "zcguard bisect: git bisect reset failed:\n%s",
			out ? out : "");
	}
	free(out);
	return r ? -1 : 0;
}

/* Copies `git bisect log` into the work dir: what --resume replays. */
int git_bisect_save_log(struct bisect *b)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8], *out = NULL;
	FILE *f;
	int r;

	r = git_out(b->repo, &out, "bisect", "log", NULL);
	if (r || !out) {
		free(out);
		return -1;
	}
	work_path(b, path, sizeof(path), "git-bisect.log");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f) {
		free(out);
		return -1;
	}
	fputs(out, f);
	free(out);
	return tmp_commit(f, tmp, path);
}
