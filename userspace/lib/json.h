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

#endif
