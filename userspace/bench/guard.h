/* SPDX-License-Identifier: GPL-2.0 */
/* Guards that --overhead attaches and detaches between repetitions. */
#ifndef ZCG_BENCH_GUARD_H
#define ZCG_BENCH_GUARD_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

/* cgroup_prog.c: a trivial BPF_CGROUP_GETSOCKOPT program. */
struct cgroup_gso;

struct cg_guard {
	char orig[PATH_MAX - 64];	/* our cgroup v2 directory at start */
	char dir[PATH_MAX];	/* the one we create and move into */
	struct cgroup_gso *skel;	/* cgroup_gso.bpf.c, loaded */
	int cg_fd, prog_fd, moved, attached;
};

int cg_guard_setup(struct cg_guard *g, char *err, size_t len);
int cg_guard_attach(struct cg_guard *g, char *err, size_t len);
void cg_guard_detach(struct cg_guard *g);
void cg_guard_teardown(struct cg_guard *g);

/* ext_guard.c: an external process, e.g. `zcguard trace -q`. */
struct ext_guard {
	const char *cmd;	/* run by /bin/sh -c */
	pid_t pid;
	int fd;			/* its stdout + stderr */
	char out[2048];		/* the tail of what it printed */
	size_t len;
	char what[256];		/* its "attached" line: what it measured */
};

/* Starts cmd and waits until it prints a line containing "attached". */
int ext_guard_attach(struct ext_guard *g, char *err, size_t len);
/* SIGINT, bounded wait, then SIGKILL. */
void ext_guard_detach(struct ext_guard *g);

/* mod_guard.c: zcguard.ko's kprobe guard, modes switched in debugfs. */
int mod_guard_setup(char *err, size_t len);
int mod_guard_attach(const char *mode, char *err, size_t len);
void mod_guard_detach(void);
long mod_guard_calls(void);	/* the guard's call counter, -1 unknown */

#endif
