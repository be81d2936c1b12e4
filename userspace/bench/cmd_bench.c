// SPDX-License-Identifier: GPL-2.0
/* Placeholder until the bench issue lands: says so and fails. */
#include <stdio.h>

#include "zcguard/cmd.h"

int cmd_bench(int argc, char **argv)
{
	fprintf(stderr, "zcguard bench: not built yet\n");
	return 2;
}
