// SPDX-License-Identifier: GPL-2.0
/* JSON for the machine-readable summaries: literals and a writer. */
#include <math.h>

#include "lib/json.h"

void zcg_json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20 || *p >= 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

void zcg_json_start(struct zcg_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->count[0] = 0;
	j->inline_from = ZCG_JSON_DEPTH;
	j->arrays = 0;
}

void zcg_json_inline(struct zcg_json *j)
{
	if (j->inline_from > j->depth)
		j->inline_from = j->depth;
}

static void indent(struct zcg_json *j)
{
	int i;

	fputc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Comma, newline and indentation before a member, then its key. */
static void member(struct zcg_json *j, const char *key)
{
	if (j->depth > 0) {
		int flat = j->depth >= j->inline_from;

		if (j->count[j->depth]++)
			fputc(',', j->f);
		if (!flat)
			indent(j);
	}
	if (key) {
		zcg_json_str(j->f, key);
		/* Flat is compact, as JSON Lines usually are. */
		fputs(j->depth >= j->inline_from ? ":" : ": ", j->f);
	}
}

static void open_level(struct zcg_json *j, const char *key, int array)
{
	member(j, key);
	fputc(array ? '[' : '{', j->f);
	if (j->depth < ZCG_JSON_DEPTH - 1)
		j->depth++;
	j->count[j->depth] = 0;
	if (array)
		j->arrays |= 1u << j->depth;
	else
		j->arrays &= ~(1u << j->depth);
}

void zcg_json_obj(struct zcg_json *j, const char *key)
{
	open_level(j, key, 0);
}

void zcg_json_arr(struct zcg_json *j, const char *key)
{
	open_level(j, key, 1);
}

void zcg_json_end(struct zcg_json *j)
{
	int array = (j->arrays >> j->depth) & 1;
	int had = j->count[j->depth];
	int was_inline = j->depth >= j->inline_from;

	if (j->depth == 0)
		return;
	j->depth--;
	if (had && !was_inline)
		indent(j);
	fputc(array ? ']' : '}', j->f);
	if (j->inline_from > j->depth)
		j->inline_from = ZCG_JSON_DEPTH;
	if (j->depth == 0)
		fputc('\n', j->f);
}

void zcg_json_kstr(struct zcg_json *j, const char *key, const char *s)
{
	member(j, key);
	zcg_json_str(j->f, s);
}

void zcg_json_kint(struct zcg_json *j, const char *key, long long v)
{
	member(j, key);
	fprintf(j->f, "%lld", v);
}

void zcg_json_knum(struct zcg_json *j, const char *key, double v, int prec)
{
	member(j, key);
	if (isfinite(v))
		fprintf(j->f, "%.*f", prec, v);
	else
		fputs("null", j->f);
}

void zcg_json_kbool(struct zcg_json *j, const char *key, int v)
{
	member(j, key);
	fputs(v ? "true" : "false", j->f);
}

void zcg_json_knull(struct zcg_json *j, const char *key)
{
	member(j, key);
	fputs("null", j->f);
}
