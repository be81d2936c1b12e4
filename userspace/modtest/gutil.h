/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the static guest programs that drive zcguard.ko inside a
 * VM: its debugfs files, module load/unload, a private netns, TAP lines.
 */
#ifndef ZCG_MODTEST_GUTIL_H
#define ZCG_MODTEST_GUTIL_H

#include <stddef.h>

#define ZCG_DEBUGFS	"/sys/kernel/debug/zcguard"
#define ZCG_F_KTAP	ZCG_DEBUGFS "/ktap"
#define ZCG_F_MODE	ZCG_DEBUGFS "/guard_mode"
#define ZCG_F_STATS	ZCG_DEBUGFS "/guard_stats"
#define ZCG_F_INJECT	ZCG_DEBUGFS "/inject"

struct zcg_gstats {
	long calls, violations, blocked, probe;
};

/* Reads up to size-1 bytes of path into buf, NUL-terminated; -1 errno. */
int g_read(const char *path, char *buf, size_t size);
/* One write() of len bytes at offset off; returns 0 or -errno. */
int g_write(const char *path, const void *buf, size_t len, long off);
int g_stats(struct zcg_gstats *st);
/*
 * Joins argv[0..argc-1] with single spaces into buf (module parameters
 * for g_load()); "" when argc is 0. -1 if they do not fit in size bytes.
 */
int g_join_params(char *buf, size_t size, int argc, char **argv);
/* finit_module(path, params); 0 or -errno. */
int g_load(const char *path, const char *params);
/* delete_module("zcguard"); 0 or -errno. */
int g_unload(void);
/* unshare(CLONE_NEWNET) and bring lo up; 0 or -errno. */
int g_new_netns(void);
/* Brings lo of the current netns up; 0 or -errno. */
int g_lo_up(void);

/* TAP: g_ok(cond, fmt...) prints "ok N ..." or "not ok N ..." */
void g_plan(int n);
int g_ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int g_failed(void);

#endif
