// SPDX-License-Identifier: GPL-2.0
/*
 * The module guards of --overhead: zcguard.ko's kprobe on the zerocopy
 * entry, switched at run time through debugfs between off (the "none"
 * repetitions), warn and block. The module cannot load on the
 * development host, so this runs inside a VM (`zcguard vm --module
 * zcguard.ko --file build/guest/zcguard-bench ...`). The guard's own call
 * counter (guard_stats) proves it saw the benchmark's calls.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench/guard.h"
#include "lib/file.h"

#define MODE_FILE "/sys/kernel/debug/zcguard/guard_mode"
#define STATS_FILE "/sys/kernel/debug/zcguard/guard_stats"

static int write_mode(const char *mode)
{
	return zcg_write_file(MODE_FILE, mode, strlen(mode));
}

int mod_guard_setup(char *err, size_t len)
{
	if (write_mode("off")) {
		snprintf(err, len, "%s: %s (zcguard.ko not loaded? it runs "
			 "in a VM: zcguard vm --module zcguard.ko ...)",
			 MODE_FILE, strerror(errno));
		return -1;
	}
	return 0;
}

int mod_guard_attach(const char *mode, char *err, size_t len)
{
	if (write_mode(mode)) {
		snprintf(err, len, "set guard_mode %s: %s", mode,
			 strerror(errno));
		return -1;
	}
	return 0;
}

void mod_guard_detach(void)
{
	write_mode("off");
}

long mod_guard_calls(void)
{
	char buf[256];
	long calls = -1;
	FILE *f = fopen(STATS_FILE, "r");

	if (!f)
		return -1;
	while (fgets(buf, sizeof(buf), f))
		if (sscanf(buf, "calls %ld", &calls) == 1)
			break;
	fclose(f);
	return calls;
}
