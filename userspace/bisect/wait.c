// SPDX-License-Identifier: GPL-2.0
/*
 * Waiting for a build or a test while staying interruptible: SIGINT or
 * SIGTERM only set bisect_stop, so the wait polls it (every 200 ms) and
 * ends the child's whole process group, letting the driver restore the
 * user's HEAD before it exits.
 */
#include <errno.h>
#include <signal.h>

#include "bisect/bisect.h"
#include "lib/spawn.h"

volatile sig_atomic_t bisect_stop;

int bisect_wait(pid_t pid, long long timeout_ms, int *status)
{
	long long deadline = zcg_now_ms() + timeout_ms;

	for (;;) {
		int r = zcg_wait(pid, 200, status);

		if (r == 0)
			return 0;
		if (r < 0 && errno != EINTR)
			break;
		if (bisect_stop || zcg_now_ms() > deadline)
			break;
	}
	zcg_kill_wait(pid, status);
	return bisect_stop ? -2 : 1;
}
