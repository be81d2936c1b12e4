// SPDX-License-Identifier: GPL-2.0
/*
 * Stand-alone `zcguard trace` for the VM initramfs: the guest has no
 * shared libraries, so this is linked -static with only what trace needs.
 * Runs as `zcguard-trace [OPTIONS]` or, like the full CLI,
 * `zcguard-trace trace [OPTIONS]`.
 */
#include <string.h>

#include "zcguard/cmd.h"

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "trace"))
		return cmd_trace(argc - 1, argv + 1);
	return cmd_trace(argc, argv);
}
