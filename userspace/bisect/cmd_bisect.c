// SPDX-License-Identifier: GPL-2.0
/* Placeholder until the bisect issue lands: says so and fails. */
#include <stdio.h>

#include "zcguard/cmd.h"

int cmd_bisect(int argc, char **argv)
{
	fprintf(stderr, "zcguard bisect: not built yet\n");
	return 2;
}
