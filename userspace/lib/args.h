/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_LIB_ARGS_H
#define ZCGUARD_LIB_ARGS_H

/*
 * Command-line numbers: the whole string must be the number (no trailing
 * junk, no empty string) and lie in [lo, hi]. 0 and *out set, or -1 with
 * *out untouched; the caller prints its own error line.
 */
int zcg_parse_int(const char *s, int lo, int hi, int *out);
int zcg_parse_double(const char *s, double lo, double hi, double *out);

/*
 * "CMD: MESSAGE" on stderr for a bad invocation; returns 2, the exit
 * code of a usage error, so a caller can `return zcg_usage_err(...)`.
 */
int zcg_usage_err(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
