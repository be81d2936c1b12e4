// SPDX-License-Identifier: GPL-2.0
/* Placeholder until the report issue lands: says so and fails. */
#include <stdio.h>

#include "zcguard/cmd.h"

int cmd_report(int argc, char **argv)
{
	fprintf(stderr, "zcguard report: not built yet\n");
	return 2;
}
