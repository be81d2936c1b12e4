/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the static guest programs that drive the zcguard modules
 * inside a VM: their debugfs files, module load/unload, a private netns
 * (lib/netns.c), TAP lines.
 */
#ifndef ZCG_MODTEST_GUTIL_H
#define ZCG_MODTEST_GUTIL_H

#include <stddef.h>

/* One debugfs directory per module, named after it. */
#define ZCG_DEBUGFS	"/sys/kernel/debug"
#define ZCG_D_GUARD	ZCG_DEBUGFS "/zcguard"		/* zcguard.ko */
#define ZCG_D_TEST	ZCG_DEBUGFS "/zcguard_test"	/* zcguard_test.ko */
#define ZCG_D_INJECT	ZCG_DEBUGFS "/zcguard_inject"	/* zcguard_inject.ko */
#define ZCG_F_KTAP	ZCG_D_TEST "/ktap"
/* file names inside a directory */
#define ZCG_MODE	"guard_mode"
#define ZCG_STATS	"guard_stats"
#define ZCG_INJECT	"inject"

struct zcg_gstats {
	long calls, violations, blocked, probe;
};

/* Reads up to size-1 bytes of path into buf, NUL-terminated; -1 errno. */
int g_read(const char *path, char *buf, size_t size);
/* One write() of len bytes at offset off; returns 0 or -errno. */
int g_write(const char *path, const void *buf, size_t len, long off);
/* dir/name into buf (PATH_MAX bytes is always enough); returns buf. */
char *g_path(char *buf, size_t size, const char *dir, const char *name);
/* Whether path exists. */
int g_exists(const char *path);
/*
 * The guard in use: the guard module's directory when it is loaded,
 * else the test module's (its own copy of the guard); NULL if neither.
 */
const char *g_guard_dir(void);
/* The injector's directory: zcguard_inject, else zcguard_test; or NULL. */
const char *g_inject_dir(void);
/* Parses dir/guard_stats; 0, or -1 with errno. */
int g_stats(const char *dir, struct zcg_gstats *st);
/*
 * Joins argv[0..argc-1] with single spaces into buf (module parameters
 * for g_load()); "" when argc is 0. -1 if they do not fit in size bytes.
 */
int g_join_params(char *buf, size_t size, int argc, char **argv);
/* finit_module(path, params); 0 or -errno. */
int g_load(const char *path, const char *params);
/* The module name of a .ko path: basename, no ".ko", '-' as '_'. */
void g_modname(const char *path, char *buf, size_t size);
/* delete_module(name); 0 or -errno. */
int g_unload(const char *name);

/* TAP: g_ok(cond, fmt...) prints "ok N ..." or "not ok N ..." */
void g_plan(int n);
int g_ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int g_failed(void);

#endif
