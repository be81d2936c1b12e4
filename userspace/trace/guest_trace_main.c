// SPDX-License-Identifier: GPL-2.0
/*
 * Stand-alone `zcguard trace` for the VM initramfs: the guest has no
 * shared libraries, so this is linked -static with only what trace needs.
 */
#include "zcguard/cmd.h"

int main(int argc, char **argv)
{
	return cmd_trace(argc, argv);
}
