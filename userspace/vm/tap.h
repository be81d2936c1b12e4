/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_TAP_H
#define ZCGUARD_VM_TAP_H

#include <stddef.h>

#include "verdict/verdict.h"

/*
 * Adds the top-level results in text[0..len) to *t. Nested results
 * (indented or "# "-prefixed) are not counted. With console set, each
 * line's printk prefixes ("[    1.234567] ", "[  T1] ") are removed first,
 * which is how a module's KTAP shows up on the serial console.
 */
void tap_count(const char *text, size_t len, int console,
	       struct tap_counts *t);

/*
 * tap_count() of a console log, skipping result lines that also appear
 * as whole lines in out[0..olen): a guest program that re-prints the
 * module's KTAP (from debugfs) must not count it twice. Skipping never
 * hides a "not ok": the copy in out is counted.
 */
void tap_count_console(const char *text, size_t len, const char *out,
		       size_t olen, struct tap_counts *t);

#endif
