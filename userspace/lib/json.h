/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_LIB_JSON_H
#define ZCGUARD_LIB_JSON_H

#include <stdio.h>

/*
 * Writes s as a JSON string literal (with the quotes), escaping quotes,
 * backslashes and control characters; NULL is written as null. Bytes >=
 * 0x7f become \u00XX so that console garbage (not always valid UTF-8)
 * still gives valid JSON.
 */
void zcg_json_str(FILE *f, const char *s);

/*
 * A JSON writer that keeps the commas and the indentation, so no caller
 * prints JSON punctuation itself. Keys are given to the *_key calls
 * inside an object and are NULL inside an array:
 *
 *	struct zcg_json j;
 *
 *	zcg_json_start(&j, f);
 *	zcg_json_obj(&j, NULL);
 *	zcg_json_kstr(&j, "kernel", path);
 *	zcg_json_arr(&j, "runs");
 *	...
 *	zcg_json_end(&j);		(the array)
 *	zcg_json_end(&j);		(the object)
 */
#define ZCG_JSON_DEPTH 16

struct zcg_json {
	FILE *f;
	int depth;
	int count[ZCG_JSON_DEPTH];	/* members written at each level */
	int inline_from;		/* depth from which no newlines */
	unsigned int arrays;		/* bit d: level d is an array */
};

void zcg_json_start(struct zcg_json *j, FILE *f);
/*
 * The innermost object or array (just opened; or, at depth 0, the next
 * one) and all inside it are written on one line.
 */
void zcg_json_inline(struct zcg_json *j);
void zcg_json_obj(struct zcg_json *j, const char *key);
void zcg_json_arr(struct zcg_json *j, const char *key);
void zcg_json_end(struct zcg_json *j);
void zcg_json_kstr(struct zcg_json *j, const char *key, const char *s);
void zcg_json_kint(struct zcg_json *j, const char *key, long long v);
/* prec digits after the point; NaN and infinities are written as null. */
void zcg_json_knum(struct zcg_json *j, const char *key, double v, int prec);
void zcg_json_kbool(struct zcg_json *j, const char *key, int v);
void zcg_json_knull(struct zcg_json *j, const char *key);

#endif
