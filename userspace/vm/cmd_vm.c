// SPDX-License-Identifier: GPL-2.0
/* Placeholder until the vm issue lands: says so and fails. */
#include <stdio.h>

#include "zcguard/cmd.h"

int cmd_vm(int argc, char **argv)
{
	fprintf(stderr, "zcguard vm: not built yet\n");
	return 2;
}
