// SPDX-License-Identifier: GPL-2.0
/*
 * The "cgroup" guard of --overhead: a trivial BPF_CGROUP_GETSOCKOPT
 * program (cgroup_gso.bpf.c, loaded through its bpftool skeleton: return
 * 1, let the kernel's answer through) on a cgroup v2
 * directory the benchmark creates under its own cgroup and moves itself
 * into. Every getsockopt() of the process, TCP_ZEROCOPY_RECEIVE
 * included, then runs the cgroup hook; attach and detach between
 * repetitions give "with" and "without" in one invocation.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bench/bench.h"
#include "bench/cgroup_gso.skel.h"
#include "bench/guard.h"
#include "lib/file.h"
#include "lib/spawn.h"

static int find_cgroup2(char *mnt, size_t len)
{
	char line[1024], dev[256], dir[512], type[64];
	FILE *f = fopen("/proc/self/mounts", "r");
	int found = 0;

	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%255s %511s %63s", dev, dir, type) == 3 &&
		    !strcmp(type, "cgroup2")) {
			snprintf(mnt, len, "%s", dir);
			found = 1;
		}
	fclose(f);
	return found ? 0 : -1;
}

/* Our cgroup v2 path ("0::/path" in /proc/self/cgroup). */
static int own_cgroup(char *path, size_t len)
{
	char line[1024];
	FILE *f = fopen("/proc/self/cgroup", "r");
	int found = 0;

	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f))
		if (!strncmp(line, "0::", 3)) {
			line[strcspn(line, "\n")] = 0;
			snprintf(path, len, "%s", line + 3);
			found = 1;
		}
	fclose(f);
	return found ? 0 : -1;
}

static int move_self(const char *dir)
{
	char path[PATH_MAX + 16], pid[16];
	int n;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	n = snprintf(pid, sizeof(pid), "%d", getpid());
	return zcg_write_file(path, pid, n);
}

/* The program's fd (the skeleton in g->skel), or a negative errno. */
static int load_prog(struct cg_guard *g)
{
	struct cgroup_gso *skel = cgroup_gso__open_and_load();

	if (!skel)
		return errno ? -errno : -EINVAL;
	g->skel = skel;
	return bpf_program__fd(skel->progs.zcg_bench_gso);
}

/*
 * Ctrl-C during a run must not leave the directory (with the program
 * attached to it) behind: the handler undoes setup with plain system
 * calls on strings prepared in advance.
 */
static struct cg_guard *live;
static char live_procs[PATH_MAX], live_pid[16];

static void on_signal(int sig)
{
	struct cg_guard *g = live;
	int fd;

	if (g) {
		/*
		 * The directory empties only once our children (sender,
		 * tracer) are gone: kill them all and reap every one.
		 */
		if (bench_sender_pid > 0)
			kill(bench_sender_pid, SIGKILL);
		zcg_kill_all();
		while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
			;
		if (g->attached)
			bpf_prog_detach2(g->prog_fd, g->cg_fd,
					 BPF_CGROUP_GETSOCKOPT);
		fd = open(live_procs, O_WRONLY);
		if (fd >= 0) {
			if (write(fd, live_pid, strlen(live_pid)) < 0)
				fd = fd;	/* nothing more to try */
			close(fd);
		}
		rmdir(g->dir);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void arm_cleanup(struct cg_guard *g)
{
	snprintf(live_procs, sizeof(live_procs), "%s/cgroup.procs", g->orig);
	snprintf(live_pid, sizeof(live_pid), "%d", getpid());
	live = g;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
}

int cg_guard_setup(struct cg_guard *g, char *err, size_t len)
{
	char mnt[1024], own[1024];

	memset(g, 0, sizeof(*g));
	g->cg_fd = g->prog_fd = -1;
	/* The VM's /init mounts no cgroup2: the guest bench does. */
	if (find_cgroup2(mnt, sizeof(mnt)) && bench_is_guest) {
		mkdir("/sys/fs/cgroup", 0755);
		if (mount("cgroup2", "/sys/fs/cgroup", "cgroup2", 0, NULL)) {
			snprintf(err, len, "mount cgroup2 on /sys/fs/cgroup: "
				 "%s", strerror(errno));
			return -1;
		}
	}
	if (find_cgroup2(mnt, sizeof(mnt)) || own_cgroup(own, sizeof(own))) {
		snprintf(err, len, "no cgroup v2 hierarchy mounted");
		return -1;
	}
	snprintf(g->orig, sizeof(g->orig), "%s%s", mnt,
		 strcmp(own, "/") ? own : "");
	snprintf(g->dir, sizeof(g->dir), "%s/zcguard-bench-%d", g->orig,
		 getpid());
	if (mkdir(g->dir, 0755)) {
		snprintf(err, len, "mkdir %s: %s", g->dir, strerror(errno));
		g->dir[0] = 0;
		return -1;
	}
	arm_cleanup(g);
	if (move_self(g->dir)) {
		snprintf(err, len, "move into %s: %s", g->dir,
			 strerror(errno));
		goto fail;
	}
	g->moved = 1;
	g->cg_fd = open(g->dir, O_RDONLY | O_DIRECTORY);
	if (g->cg_fd < 0) {
		snprintf(err, len, "open %s: %s", g->dir, strerror(errno));
		goto fail;
	}
	g->prog_fd = load_prog(g);
	if (g->prog_fd < 0) {
		snprintf(err, len, "load BPF_CGROUP_GETSOCKOPT program: %s",
			 strerror(-g->prog_fd));
		goto fail;
	}
	return 0;
fail:
	cg_guard_teardown(g);
	return -1;
}

int cg_guard_attach(struct cg_guard *g, char *err, size_t len)
{
	if (bpf_prog_attach(g->prog_fd, g->cg_fd, BPF_CGROUP_GETSOCKOPT, 0)) {
		snprintf(err, len, "attach to %s: %s", g->dir,
			 strerror(errno));
		return -1;
	}
	g->attached = 1;
	return 0;
}

void cg_guard_detach(struct cg_guard *g)
{
	if (g->attached)
		bpf_prog_detach2(g->prog_fd, g->cg_fd, BPF_CGROUP_GETSOCKOPT);
	g->attached = 0;
}

void cg_guard_teardown(struct cg_guard *g)
{
	live = NULL;
	cg_guard_detach(g);
	/* The skeleton owns the program's fd. */
	cgroup_gso__destroy(g->skel);
	g->skel = NULL;
	if (g->cg_fd >= 0)
		close(g->cg_fd);
	g->prog_fd = g->cg_fd = -1;
	/* Back where we came from, so the directory can go. */
	if (g->moved && move_self(g->orig))
		fprintf(stderr, "zcguard bench: cannot move back to %s: %s\n",
			g->orig, strerror(errno));
	g->moved = 0;
	if (g->dir[0] && rmdir(g->dir))
		fprintf(stderr, "zcguard bench: rmdir %s: %s\n", g->dir,
			strerror(errno));
	g->dir[0] = 0;
}
