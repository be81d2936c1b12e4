// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard: one CLI, sub-commands in their own files (like bpftool or git).
 */
#include <stdio.h>
#include <string.h>

#include "zcguard/cmd.h"

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct cmd cmds[] = {
	{ "run",    cmd_run,    "the main job: run plans in VMs, one verdict table" },
	{ "vm",     cmd_vm,     "boot a kernel in qemu, run a plan, give verdicts" },
	{ "report", cmd_report, "find the first kernel crash in a console log" },
	{ "bisect", cmd_bisect, "bisect a kernel tree with a reproducer" },
	{ "bench",  cmd_bench,  "measure the zerocopy receive path" },
	{ "trace",  cmd_trace,  "trace tcp_zerocopy_receive calls live (BPF)" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: zcguard COMMAND [ARGS...]\n\ncommands:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-8s %s\n", cmds[i].name, cmds[i].help);
	fprintf(f, "\n'zcguard COMMAND -h' shows a command's options.\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);

	fprintf(stderr, "zcguard: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
