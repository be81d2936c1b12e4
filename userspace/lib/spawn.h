/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_LIB_SPAWN_H
#define ZCGUARD_LIB_SPAWN_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Child processes that can never outlive zcguard: each one leads its own
 * process group (so killing it kills everything it started) and gets
 * SIGKILL when zcguard dies, even if zcguard itself crashes
 * (PR_SET_PDEATHSIG). Every spawned group is remembered until reaped, so
 * zcg_kill_all() can end them all from a signal handler or an error path.
 */

/*
 * Starts argv[0] (searched in PATH) with stdin from /dev/null and stdout +
 * stderr to out_path (created/truncated; NULL: inherited), or to out_fd
 * when out_fd >= 0. Returns the pid (= the process group id) or -1.
 */
pid_t zcg_spawn(char *const argv[], const char *out_path, int out_fd);

/* SIGKILLs the whole process group of a spawned child. */
void zcg_kill_group(pid_t pid);

/*
 * Waits for a spawned child. timeout_ms < 0 waits forever. Returns 0 and
 * the wait status in *status when it exited, 1 on timeout (child left
 * running), -1 on error (errno set; EINTR when a signal arrived).
 * A reaped child is forgotten by zcg_kill_all().
 */
int zcg_wait(pid_t pid, int timeout_ms, int *status);

/* Non-blocking zcg_wait(): 0 reaped (status set), 1 still running. */
int zcg_reap(pid_t pid, int *status);

/* SIGKILLs the group and reaps the child, retrying on EINTR. */
void zcg_kill_wait(pid_t pid, int *status);

/* SIGKILLs every process group still remembered. Async-signal-safe. */
void zcg_kill_all(void);

/*
 * Runs argv to completion with a timeout, capturing stdout (and stderr when
 * with_stderr) into a malloc'ed NUL-terminated buffer (*out, may be NULL).
 * Returns the wait status, or -1 on error/timeout (*timed_out set to 1 on
 * timeout, the whole group killed). Output beyond max_out bytes is dropped.
 */
int zcg_run_capture(char *const argv[], int timeout_ms, int with_stderr,
		    size_t max_out, char **out, int *timed_out);

/* Milliseconds on CLOCK_MONOTONIC. */
long long zcg_now_ms(void);

#endif
