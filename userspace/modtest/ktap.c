// SPDX-License-Identifier: GPL-2.0
/*
 * zcg-ktap: prints the KTAP zcguard_test.ko produced at load (debugfs copy)
 * and checks it: version line, plan 1..N, exactly N results numbered in
 * order, none "not ok", and at least MIN of them passing (not skipped).
 *
 *   zcg-ktap [-m MIN]      exit 0 valid and all ok, 1 otherwise
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gutil.h"

int main(int argc, char **argv)
{
	static char buf[32768];
	int plan = -1, n = 0, ok = 0, skip = 0, bad = 0, min = 1, opt;
	char *line, *save = NULL;

	while ((opt = getopt(argc, argv, "m:h")) != -1) {
		if (opt != 'm') {
			fprintf(stderr, "usage: zcg-ktap [-m MIN_PASSED]\n");
			return 2;
		}
		min = atoi(optarg);
	}
	if (g_read(ZCG_F_KTAP, buf, sizeof(buf)) < 0) {
		perror("zcg-ktap: " ZCG_F_KTAP);
		return 1;
	}
	fputs(buf, stdout);
	if (strncmp(buf, "KTAP version 1\n", 15)) {
		printf("# zcg-ktap: no KTAP version line\n");
		return 1;
	}
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		int num;

		if (sscanf(line, "1..%d", &plan) == 1)
			continue;
		if (sscanf(line, "ok %d", &num) == 1) {
			if (strstr(line, " # SKIP"))
				skip++;
			else
				ok++;
		} else if (sscanf(line, "not ok %d", &num) == 1) {
			bad++;
		} else {
			continue;
		}
		if (num != ++n) {
			printf("# zcg-ktap: result %d numbered %d\n", n, num);
			return 1;
		}
	}
	printf("# zcg-ktap: plan %d, results %d: %d ok, %d skipped, %d not ok\n",
	       plan, n, ok, skip, bad);
	return plan == n && !bad && ok >= min ? 0 : 1;
}
