// SPDX-License-Identifier: GPL-2.0
/*
 * Reading plan files: sections and key = value lines, like git's config
 * (docs/plans.md). Every error names the file and line and stops the
 * load: a plan with a typo must not run half its rows.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/args.h"
#include "lib/file.h"
#include "run/plan.h"

#define PLAN_MAX_SIZE (1 << 20)

struct ctx {
	struct plan *p;
	const char *file;
	const char *plan;
	int line;
	char *err;
	size_t elen;
	struct plan_kernel *k;	/* the open section, one of the two */
	struct plan_row *r;
};

static int __attribute__((format(printf, 2, 3))) fail(struct ctx *c,
						       const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(c->err, c->elen, "%s:%d: ", c->file, c->line);
	if (n < 0 || (size_t)n >= c->elen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(c->err + n, c->elen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static char *where(struct ctx *c)
{
	char *w;

	if (asprintf(&w, "%s:%d", c->file, c->line) < 0)
		return NULL;
	return w;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int valid_name(const char *s)
{
	if (!*s || strlen(s) >= PLAN_NAME)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_.", *s))
			return 0;
	return 1;
}

static int section(struct ctx *c, char *s)
{
	struct plan *p = c->p;
	char *close = strchr(s, ']'), *kind, *name;

	if (!close || trim(close + 1)[0])
		return fail(c, "a section line is [kernel NAME] or [row NAME]");
	*close = '\0';
	kind = trim(s + 1);
	name = strpbrk(kind, " \t");
	if (!name)
		return fail(c, "section [%s] needs a NAME", kind);
	*name++ = '\0';
	name = trim(name);
	if (!valid_name(name))
		return fail(c, "'%s': a name is letters, digits, '-', '_', '.' (at most %d)",
			    name, PLAN_NAME - 1);
	c->k = NULL;
	c->r = NULL;
	if (!strcmp(kind, "kernel")) {
		struct plan_kernel *nk = realloc(p->kernels, (p->nkernels + 1) *
						 sizeof(*nk));

		if (!nk)
			return fail(c, "out of memory");
		p->kernels = nk;
		c->k = &nk[p->nkernels++];
		memset(c->k, 0, sizeof(*c->k));
		strcpy(c->k->name, name);
		c->k->where = where(c);
		return 0;
	}
	if (!strcmp(kind, "row")) {
		struct plan_row *nr = realloc(p->rows, (p->nrows + 1) * sizeof(*nr));

		if (!nr)
			return fail(c, "out of memory");
		p->rows = nr;
		c->r = &nr[p->nrows++];
		memset(c->r, 0, sizeof(*c->r));
		strcpy(c->r->name, name);
		c->r->plan = c->plan;
		c->r->runs = 1;
		c->r->parallel = 1;
		c->r->where = where(c);
		return 0;
	}
	return fail(c, "unknown section [%s] (kernel or row)", kind);
}

static int set_str(struct ctx *c, char **dst, const char *key, const char *v)
{
	if (*dst)
		return fail(c, "%s given twice", key);
	*dst = strdup(v);
	return *dst ? 0 : fail(c, "out of memory");
}

static int set_int(struct ctx *c, int *dst, const char *key, const char *v,
		   int lo, int hi)
{
	if (zcg_parse_int(v, lo, hi, dst))
		return fail(c, "%s = %s: a whole number from %d to %d", key, v,
			    lo, hi);
	return 0;
}

static int add_words(struct ctx *c, char **arr, int *n, int max,
		     const char *key, const char *v)
{
	char *copy = strdup(v), *save = NULL, *w;

	if (!copy)
		return fail(c, "out of memory");
	for (w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (*n >= max) {
			free(copy);
			return fail(c, "more than %d %s entries", max, key);
		}
		arr[(*n)++] = strdup(w);
	}
	free(copy);
	return 0;
}

static int set_expect(struct ctx *c, struct plan_row *r, const char *v)
{
	if (r->expect_text)
		return fail(c, "expect given twice");
	r->expect_text = strdup(v);
	if (!strcmp(v, "OK")) {
		r->expect = EXPECT_OK;
	} else if (!strcmp(v, "failed")) {
		r->expect = EXPECT_FAILED;
	} else if (!strcmp(v, "crashed")) {
		r->expect = EXPECT_CRASHED;
	} else if (!strncmp(v, "crashed: ", 9) && v[9]) {
		r->expect = EXPECT_CRASHED;
		r->expect_glob = strdup(v + 9);
	} else {
		return fail(c, "expect = %s: OK, failed, crashed or crashed: GLOB", v);
	}
	return 0;
}

static int kernel_key(struct ctx *c, const char *key, const char *v)
{
	struct plan_kernel *k = c->k;

	if (!strcmp(key, "label"))
		return set_str(c, &k->label, key, v);
	if (!strcmp(key, "image"))
		return set_str(c, &k->image, key, v);
	if (!strcmp(key, "make"))
		return set_str(c, &k->make, key, v);
	if (!strcmp(key, "moddir"))
		return set_str(c, &k->moddir, key, v);
	if (!strcmp(key, "cmdline"))
		return set_str(c, &k->cmdline, key, v);
	return fail(c, "unknown key '%s' in a kernel section", key);
}

static int row_key(struct ctx *c, const char *key, const char *v)
{
	struct plan_row *r = c->r;

	if (!strcmp(key, "kernel"))
		return set_str(c, &r->kernel, key, v);
	if (!strcmp(key, "what"))
		return set_str(c, &r->what, key, v);
	if (!strcmp(key, "run"))
		return set_str(c, &r->run, key, v);
	if (!strcmp(key, "why"))
		return set_str(c, &r->why, key, v);
	if (!strcmp(key, "make"))
		return set_str(c, &r->make, key, v);
	if (!strcmp(key, "ksft"))
		return set_str(c, &r->ksft, key, v);
	if (!strcmp(key, "expect-not-ok"))
		return set_str(c, &r->not_ok, key, v);
	if (!strcmp(key, "file"))
		return add_words(c, r->files, &r->nfiles, PLAN_MAX_FILES, key, v);
	if (!strcmp(key, "module"))
		return add_words(c, r->modules, &r->nmodules, 8, key, v);
	if (!strcmp(key, "runs"))
		return set_int(c, &r->runs, key, v, 1, 1000);
	if (!strcmp(key, "parallel"))
		return set_int(c, &r->parallel, key, v, 1, 16);
	if (!strcmp(key, "timeout"))
		return set_int(c, &r->timeout, key, v, 1, 86400);
	if (!strcmp(key, "memory"))
		return set_int(c, &r->memory, key, v, 256, 65536);
	if (!strcmp(key, "icount")) {
		if (strcmp(v, "yes") && strcmp(v, "no"))
			return fail(c, "icount = %s: yes or no", v);
		r->icount = !strcmp(v, "yes");
		return 0;
	}
	if (!strcmp(key, "expect"))
		return set_expect(c, r, v);
	return fail(c, "unknown key '%s' in a row section", key);
}

static int line(struct ctx *c, char *s)
{
	char *eq, *key, *v;

	s = trim(s);
	if (!*s || *s == '#' || *s == ';')
		return 0;
	if (*s == '[')
		return section(c, s);
	eq = strchr(s, '=');
	if (!eq)
		return fail(c, "expected 'key = value' or a [section]");
	*eq = '\0';
	key = trim(s);
	v = trim(eq + 1);
	if (!*v)
		return fail(c, "%s has no value", key);
	if (c->k)
		return kernel_key(c, key, v);
	if (c->r)
		return row_key(c, key, v);
	return fail(c, "'%s' outside a section", key);
}

/* The required keys of the section that just ended. */
static int close_section(struct ctx *c)
{
	struct plan_row *r = c->r;

	if (c->k && !c->k->image)
		return fail(c, "kernel %s has no image", c->k->name);
	if (!r)
		return 0;
	if (!r->kernel || !r->what)
		return fail(c, "row %s needs kernel and what", r->name);
	if (!r->run && !r->ksft)
		return fail(c, "row %s needs run (or ksft)", r->name);
	if (r->not_ok && !r->expect_text)
		r->expect = EXPECT_FAILED;
	if (r->not_ok && r->expect != EXPECT_FAILED)
		return fail(c, "row %s: expect-not-ok goes with expect = failed",
			    r->name);
	if ((r->expect != EXPECT_OK) && !r->why)
		return fail(c, "row %s expects '%s' but gives no why", r->name,
			    r->expect_text ? r->expect_text : "failed");
	if (!r->expect_text)
		r->expect_text = strdup(r->expect == EXPECT_OK ? "OK" : "failed");
	return 0;
}

int plan_load(struct plan *p, const char *path, char *err, size_t elen)
{
	struct ctx c = { .p = p, .file = path, .err = err, .elen = elen };
	char *text, *s, *nl, *base, *dot;
	size_t len;

	if (p->nplans >= PLAN_MAX_FILES) {
		snprintf(err, elen, "%s: more than %d plans", path, PLAN_MAX_FILES);
		return -1;
	}
	if (zcg_regular_file(path, err, elen) < 0)
		return -1;
	text = zcg_read_file(path, &len);
	if (!text) {
		snprintf(err, elen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (len > PLAN_MAX_SIZE || memchr(text, '\0', len)) {
		free(text);
		snprintf(err, elen, "%s: not a plan (binary or over 1 MiB)", path);
		return -1;
	}
	base = strrchr(path, '/');
	base = strdup(base ? base + 1 : path);
	dot = base ? strrchr(base, '.') : NULL;
	if (dot && !strcmp(dot, ".plan"))
		*dot = '\0';
	p->names[p->nplans++] = base;
	c.plan = base;
	for (s = text; s && *s; s = nl) {
		nl = strchr(s, '\n');
		if (nl)
			*nl++ = '\0';
		c.line++;
		if (*trim(s) == '[' && close_section(&c))
			goto bad;
		if (line(&c, s))
			goto bad;
	}
	if (close_section(&c))
		goto bad;
	free(text);
	return 0;
bad:
	free(text);
	return -1;
}

int plan_check(struct plan *p, char *err, size_t elen)
{
	int i, j;

	for (i = 0; i < p->nkernels; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(p->kernels[i].name, p->kernels[j].name)) {
				snprintf(err, elen, "%s: kernel %s is already declared at %s",
					 p->kernels[i].where, p->kernels[i].name,
					 p->kernels[j].where);
				return -1;
			}
	for (i = 0; i < p->nrows; i++) {
		struct plan_row *r = &p->rows[i];

		for (j = 0; j < i; j++)
			if (!strcmp(r->name, p->rows[j].name)) {
				snprintf(err, elen, "%s: row %s is already declared at %s",
					 r->where, r->name, p->rows[j].where);
				return -1;
			}
		r->k = NULL;
		for (j = 0; j < p->nkernels; j++)
			if (!strcmp(r->kernel, p->kernels[j].name))
				r->k = &p->kernels[j];
		if (!r->k) {
			snprintf(err, elen, "%s: row %s: no kernel named %s in the plans loaded",
				 r->where, r->name, r->kernel);
			return -1;
		}
		if (r->nmodules && !r->k->moddir) {
			snprintf(err, elen, "%s: row %s loads a module but kernel %s has no moddir",
				 r->where, r->name, r->kernel);
			return -1;
		}
	}
	return 0;
}

static void free_row(struct plan_row *r)
{
	int i;

	free(r->kernel);
	free(r->what);
	free(r->run);
	free(r->why);
	free(r->make);
	free(r->ksft);
	free(r->expect_glob);
	free(r->expect_text);
	free(r->not_ok);
	free((char *)r->where);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	for (i = 0; i < r->nmodules; i++)
		free(r->modules[i]);
}

void plan_free(struct plan *p)
{
	int i;

	for (i = 0; i < p->nkernels; i++) {
		struct plan_kernel *k = &p->kernels[i];

		free(k->label);
		free(k->image);
		free(k->make);
		free(k->moddir);
		free(k->cmdline);
		free((char *)k->where);
	}
	for (i = 0; i < p->nrows; i++)
		free_row(&p->rows[i]);
	for (i = 0; i < p->nplans; i++)
		free(p->names[i]);
	free(p->kernels);
	free(p->rows);
	memset(p, 0, sizeof(*p));
}
