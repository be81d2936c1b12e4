// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard report [FILE|-]: prints the title of the first kernel crash in
 * a console log, then the report itself. Exit 0 crash, 1 none, 2 error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/json.h"
#include "report/input.h"
#include "report/report.h"
#include "zcguard/cmd.h"

static void usage(FILE *f)
{
	fprintf(f,
"usage: zcguard report [-t] [--json] [FILE|-]\n"
"\n"
"Finds the first kernel crash in a console log (FILE; '-' or no FILE:\n"
"stdin) and prints a syzkaller-style title on the first line,\n"
"e.g. \"general protection fault in tcp_zerocopy_receive\", then the\n"
"report (timestamps and interleaved user output removed).\n"
"\n"
"  -t, --title-only  print the title only\n"
"  -j, --json        print one JSON object: crashed, title, guilty,\n"
"                    corrupted, start, end (byte offsets), report\n"
"  -h, --help        this help\n"
"\n"
"At most 64 MiB of input is read (a note on stderr says when more was\n"
"there); FILE must be a regular file, a FIFO or device is refused.\n"
"A truncated report (title without its function, or no stack) is\n"
"flagged by \"corrupted\" in JSON and by a note on stderr.\n"
"Exit status: 0 a crash was found, 1 no crash, 2 error.\n");
}

static void print_json(const char *log, size_t len,
		       const struct zcg_report *rep, int found, int cut)
{
	struct zcg_json j;
	char *text;

	zcg_json_start(&j, stdout);
	zcg_json_inline(&j);
	zcg_json_obj(&j, NULL);
	zcg_json_kbool(&j, "crashed", found);
	if (found) {
		text = zcg_report_text(log, len, rep);
		zcg_json_kstr(&j, "title", rep->title);
		zcg_json_kstr(&j, "guilty",
			      rep->guilty[0] ? rep->guilty : NULL);
		zcg_json_kbool(&j, "corrupted", rep->corrupted);
		zcg_json_kint(&j, "start", (long long)rep->start);
		zcg_json_kint(&j, "end", (long long)rep->end);
		zcg_json_kstr(&j, "report", text);
		free(text);
	}
	if (cut)
		zcg_json_kint(&j, "input_cut_at", (long long)len);
	zcg_json_end(&j);
	putchar('\n');
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title-only", no_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = "-";
	int title_only = 0, json = 0, c, found;
	struct zcg_report rep;
	const char *why;
	size_t len;
	char *log;
	int cut;

	optind = 1;
	opterr = 0;	/* one error line, ours */
	while ((c = getopt_long(argc, argv, "tjh", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			title_only = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			fprintf(stderr,
				"zcguard report: unknown option '%s' (see -h)\n",
				argv[optind - 1]);
			return 2;
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "zcguard report: one FILE at most (see -h)\n");
		return 2;
	}
	if (optind < argc) {
		path = argv[optind];
	} else if (isatty(STDIN_FILENO)) {
		/* Most likely a user who forgot the file, not a paste. */
		fprintf(stderr, "zcguard report: give FILE, or '-' to read "
			"a terminal (see -h)\n");
		return 2;
	}
	log = zcg_report_read_input(path, &len, &cut, &why);
	if (!log) {
		fprintf(stderr, "zcguard report: %s: %s\n",
			strcmp(path, "-") ? path : "stdin",
			why ? why : strerror(errno));
		return 2;
	}
	if (cut)
		fprintf(stderr, "zcguard report: %s: only the first %zu MiB "
			"read\n", strcmp(path, "-") ? path : "stdin",
			ZCG_REPORT_INPUT_MAX >> 20);
	found = zcg_report_parse(log, len, &rep);
	if (found < 0) {
		fprintf(stderr, "zcguard report: out of memory\n");
		free(log);
		return 2;
	}
	if (json) {
		print_json(log, len, &rep, found, cut);
	} else if (found) {
		printf("%s\n", rep.title);
		if (!title_only) {
			putchar('\n');
			zcg_report_write(stdout, log, len, &rep);
		}
		if (rep.corrupted)
			fprintf(stderr,
				"zcguard report: the report looks truncated\n");
	} else {
		fprintf(stderr, "zcguard report: no kernel crash in %s\n",
			strcmp(path, "-") ? path : "stdin");
	}
	free(log);
	if (fflush(stdout)) {
		fprintf(stderr, "zcguard report: write error\n");
		return 2;
	}
	return found ? 0 : 1;
}
