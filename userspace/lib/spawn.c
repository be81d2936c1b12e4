// SPDX-License-Identifier: GPL-2.0
/*
 * Child processes in their own process group, tied to our life with
 * PR_SET_PDEATHSIG, remembered until reaped so one call can kill them all.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/spawn.h"

#define MAX_GROUPS 256

/* Written by the main flow, read by signal handlers: keep it simple. */
static volatile sig_atomic_t groups[MAX_GROUPS];

static void remember(pid_t pid)
{
	int i;

	for (i = 0; i < MAX_GROUPS; i++) {
		if (!groups[i]) {
			groups[i] = pid;
			return;
		}
	}
}

static void forget(pid_t pid)
{
	int i;

	for (i = 0; i < MAX_GROUPS; i++)
		if (groups[i] == pid)
			groups[i] = 0;
}

void zcg_kill_all(void)
{
	int i;

	for (i = 0; i < MAX_GROUPS; i++)
		if (groups[i] > 0)
			kill(-groups[i], SIGKILL);
}

void zcg_kill_group(pid_t pid)
{
	if (pid > 0)
		kill(-pid, SIGKILL);
}

long long zcg_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Runs in the child between fork and exec. */
static void child_setup(pid_t parent, const char *out_path, int out_fd,
			int err_fd)
{
	sigset_t none;
	int fd;

	setpgid(0, 0);
	/* Die with zcguard, even when zcguard is killed or crashes. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);	/* the parent already died before prctl */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0 && fd != 0) {
		dup2(fd, 0);
		close(fd);
	}
	if (out_path) {
		out_fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			      0644);
		if (out_fd < 0)
			_exit(127);
	}
	if (err_fd == -2)
		err_fd = out_fd;
	if (out_fd >= 0)
		dup2(out_fd, 1);
	if (err_fd >= 0)
		dup2(err_fd, 2);
}

/* err_fd: -1 inherit, -2 same as stdout. */
static pid_t spawn(char *const argv[], const char *out_path, int out_fd,
		   int err_fd)
{
	pid_t parent = getpid();
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		child_setup(parent, out_path, out_fd, err_fd);
		execvp(argv[0], argv);
		dprintf(2, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	/* Also from the parent, so kill(-pid) works before the child runs. */
	setpgid(pid, pid);
	remember(pid);
	return pid;
}

pid_t zcg_spawn(char *const argv[], const char *out_path, int out_fd)
{
	return spawn(argv, out_path, out_fd, out_path || out_fd >= 0 ? -2 : -1);
}

int zcg_reap(pid_t pid, int *status)
{
	siginfo_t si;
	pid_t r;

	/*
	 * Look without reaping first: while the leader is a zombie its pgid
	 * cannot be reused, so killing what it left in its group is safe.
	 */
	memset(&si, 0, sizeof(si));
	while (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0) {
		if (errno != EINTR) {
			forget(pid);	/* not ours, or already reaped */
			return -1;
		}
	}
	if (si.si_pid == 0)
		return 1;
	zcg_kill_group(pid);
	do {
		r = waitpid(pid, status, 0);
	} while (r < 0 && errno == EINTR);
	forget(pid);
	return r < 0 ? -1 : 0;
}

int zcg_wait(pid_t pid, int timeout_ms, int *status)
{
	long long deadline = zcg_now_ms() + timeout_ms;
	int pidfd, r;

	pidfd = syscall(SYS_pidfd_open, pid, 0);
	for (;;) {
		struct pollfd p = { .fd = pidfd, .events = POLLIN };
		long long left;

		r = zcg_reap(pid, status);
		if (r <= 0)
			break;
		left = timeout_ms < 0 ? 1000 : deadline - zcg_now_ms();
		if (left <= 0) {
			r = 1;
			break;
		}
		/* Without pidfd (old kernels) poll() just sleeps 20 ms. */
		if (poll(&p, pidfd >= 0 ? 1 : 0,
			 pidfd >= 0 ? (int)(left > 1000 ? 1000 : left) : 20) < 0 &&
		    errno == EINTR) {
			r = -1;
			break;
		}
	}
	if (pidfd >= 0) {
		int e = errno;

		close(pidfd);
		errno = e;
	}
	return r;
}

void zcg_kill_wait(pid_t pid, int *status)
{
	int st;

	zcg_kill_group(pid);
	while (zcg_wait(pid, -1, status ? status : &st) < 0 && errno == EINTR)
		;
}

int zcg_run_capture(char *const argv[], int timeout_ms, int with_stderr,
		    size_t max_out, char **out, int *timed_out)
{
	long long deadline = zcg_now_ms() + timeout_ms;
	size_t len = 0, cap = 0;
	char *buf = NULL;
	int pfd[2], status = -1, to = 0;
	pid_t pid;

	if (timed_out)
		*timed_out = 0;
	if (out)
		*out = NULL;
	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -1;
	/* Without with_stderr the child's stderr stays ours. */
	pid = spawn(argv, NULL, pfd[1], with_stderr ? -2 : -1);
	close(pfd[1]);
	if (pid < 0) {
		close(pfd[0]);
		return -1;
	}
	for (;;) {
		struct pollfd p = { .fd = pfd[0], .events = POLLIN };
		long long left = deadline - zcg_now_ms();
		char chunk[4096];
		ssize_t n;

		if (timeout_ms >= 0 && left <= 0) {
			zcg_kill_group(pid);
			to = 1;
			break;
		}
		if (poll(&p, 1, timeout_ms < 0 ? -1 : (int)left) < 0) {
			if (errno == EINTR)
				continue;
			zcg_kill_group(pid);
			break;
		}
		if (!p.revents)
			continue;
		n = read(pfd[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* EOF: every writer is gone */
		if (!out || len >= max_out)
			continue;
		if ((size_t)n > max_out - len)
			n = max_out - len;
		if (len + n + 1 > cap) {
			char *nb;

			cap = (len + n + 1) * 2;
			nb = realloc(buf, cap);
			if (!nb)
				continue;
			buf = nb;
		}
		memcpy(buf + len, chunk, n);
		len += n;
	}
	close(pfd[0]);
	/* On timeout the group is killed already: just reap. */
	while (zcg_wait(pid, -1, &status) < 0 && errno == EINTR)
		;
	if (to)
		status = -1;
	if (timed_out)
		*timed_out = to;
	if (out) {
		if (!buf)
			buf = calloc(1, 1);
		else
			buf[len] = '\0';
		*out = buf;
	} else {
		free(buf);
	}
	return status;
}
