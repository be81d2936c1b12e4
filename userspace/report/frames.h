/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_REPORT_FRAMES_H
#define ZCGUARD_REPORT_FRAMES_H

#include <stddef.h>

#define ZCG_FUNC_MAX 128

/*
 * Reads a function name at s: "func+0x1a/0x40", "func+0x1a/0x40 [mod]",
 * "func net/ipv4/tcp.c:2087 [inline]" (symbolized), or "func()".
 * Compiler suffixes (.isra.0, .constprop.0, .cold, .part.1, .llvm.123)
 * are dropped. Returns 1 and the name in name[size], else 0.
 */
int zcg_func_at(const char *s, char *name, size_t size);

/*
 * Parses a Call Trace line: "  func+0x1a/0x40", "[<ffffffff81234567>]
 * func+0x1a/0x40", "? func+0x..." (unreliable: *unreliable set).
 * Returns 1 and the name, else 0.
 */
int zcg_frame_line(const char *s, char *name, size_t size, int *unreliable);

/*
 * Finds a "func+0x../0x.." token anywhere in s (for header lines such as
 * "WARNING: CPU: 0 PID: 1 at net/x.c:12 func+0x1/0x2"). 1 or 0.
 */
int zcg_func_in(const char *s, char *name, size_t size);

#include <regex.h>

/*
 * 1 when a frame named name never is the guilty one (generic.c's list,
 * matched anywhere in the name) or matches extra (the kind's own list).
 */
int zcg_frame_skipped(const char *name, const regex_t *extra);

/* name without its syscall-wrapper prefix (SyS_, __x64_, __do_sys_...). */
const char *zcg_frame_strip(const char *name);

#endif
