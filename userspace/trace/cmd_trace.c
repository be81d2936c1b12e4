// SPDX-License-Identifier: GPL-2.0
/* Placeholder until the trace issue lands: says so and fails. */
#include <stdio.h>

#include "zcguard/cmd.h"

int cmd_trace(int argc, char **argv)
{
	fprintf(stderr, "zcguard trace: not built yet\n");
	return 2;
}
