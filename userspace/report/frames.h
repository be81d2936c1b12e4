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

/* Frame classes for zcg_frame_generic(). */
enum zcg_skip {
	ZCG_SKIP_COMMON = 0,	/* helpers, reporting code, locking */
	ZCG_SKIP_HUNG = 1,	/* + scheduler and wait primitives */
	ZCG_SKIP_STALL = 2,	/* + interrupt, timer and RCU machinery */
};

/*
 * 1 when a frame named name never is the guilty one: the crash happened
 * in it on behalf of its caller (memcpy, copy_to_user, spin_lock...) or
 * it is the reporting machinery (kasan_report, dump_stack, panic...).
 */
int zcg_frame_generic(const char *name, enum zcg_skip skip);

#endif
