// SPDX-License-Identifier: GPL-2.0
/*
 * An external guard for --overhead: a process that attaches something to
 * the zerocopy path while it runs, such as the BPF tracer (`zcguard trace
 * -q`). It counts as attached once it prints a line containing
 * "attached" (zcguard trace says "zcguard trace: attached (MODE)" after
 * its programs are in), and as detached once it has exited after SIGINT.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench/guard.h"
#include "lib/spawn.h"

#define ATTACH_MS 30000
#define DETACH_MS 5000

/* Appends what the guard printed, keeping the tail. */
static int ext_read(struct ext_guard *g, int timeout_ms)
{
	struct pollfd p = { .fd = g->fd, .events = POLLIN };
	ssize_t n;

	if (poll(&p, 1, timeout_ms) != 1)
		return 0;
	if (g->len > sizeof(g->out) / 2) {
		memmove(g->out, g->out + g->len - sizeof(g->out) / 4,
			sizeof(g->out) / 4);
		g->len = sizeof(g->out) / 4;
	}
	n = read(g->fd, g->out + g->len, sizeof(g->out) - 1 - g->len);
	if (n <= 0)
		return -1;
	g->len += n;
	g->out[g->len] = 0;
	return 1;
}

int ext_guard_attach(struct ext_guard *g, char *err, size_t len)
{
	char *argv[] = { "/bin/sh", "-c", (char *)g->cmd, NULL };
	long long end = zcg_now_ms() + ATTACH_MS;
	int p[2], left;
	char *line;
	size_t n;

	g->len = 0;
	g->out[0] = 0;
	if (pipe(p)) {
		snprintf(err, len, "pipe: %s", strerror(errno));
		return -1;
	}
	g->pid = zcg_spawn(argv, NULL, p[1]);
	close(p[1]);
	g->fd = p[0];
	if (g->pid < 0) {
		snprintf(err, len, "cannot start '%s'", g->cmd);
		close(g->fd);
		return -1;
	}
	while (!strstr(g->out, "attached")) {
		left = (int)(end - zcg_now_ms());
		if (left <= 0 || ext_read(g, left) < 0) {
			snprintf(err, len, "'%s' did not attach%s: %s", g->cmd,
				 left <= 0 ? " in time" : "", g->out);
			ext_guard_detach(g);
			return -1;
		}
	}
	/* The tracer says here which attach mode and level it runs. */
	line = strstr(g->out, "attached");
	n = strcspn(line, "\n");
	snprintf(g->what, sizeof(g->what), "%.*s", (int)n, line);
	return 0;
}

void ext_guard_detach(struct ext_guard *g)
{
	long long end = zcg_now_ms() + DETACH_MS;

	if (g->pid <= 0)
		return;
	kill(-g->pid, SIGINT);
	/* Drain its output so a full pipe cannot keep it from exiting. */
	while (zcg_reap(g->pid, NULL) == 1) {
		if (zcg_now_ms() > end) {
			zcg_kill_group(g->pid);
			zcg_wait(g->pid, DETACH_MS, NULL);
			break;
		}
		if (ext_read(g, 50) < 0)
			poll(NULL, 0, 10);
	}
	close(g->fd);
	g->pid = 0;
}
