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

#include "lib/file.h"
#include "lib/json.h"
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
"A truncated report (title without its function, or no stack) is\n"
"flagged by \"corrupted\" in JSON and by a note on stderr.\n"
"Exit status: 0 a crash was found, 1 no crash, 2 error.\n");
}

static void print_json(const char *log, size_t len,
		       const struct zcg_report *rep, int found)
{
	char *text;

	if (!found) {
		printf("{\"crashed\": false}\n");
		return;
	}
	text = zcg_report_text(log, len, rep);
	printf("{\"crashed\": true, \"title\": ");
	zcg_json_str(stdout, rep->title);
	printf(", \"guilty\": ");
	zcg_json_str(stdout, rep->guilty[0] ? rep->guilty : NULL);
	printf(", \"corrupted\": %s, \"start\": %zu, \"end\": %zu, "
	       "\"report\": ", rep->corrupted ? "true" : "false",
	       rep->start, rep->end);
	zcg_json_str(stdout, text);
	printf("}\n");
	free(text);
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
	size_t len;
	char *log;

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
	log = zcg_read_file(strcmp(path, "-") ? path : "/dev/stdin", &len);
	if (!log) {
		fprintf(stderr, "zcguard report: %s: %s\n",
			strcmp(path, "-") ? path : "stdin", strerror(errno));
		return 2;
	}
	found = zcg_report_parse(log, len, &rep);
	if (found < 0) {
		fprintf(stderr, "zcguard report: out of memory\n");
		free(log);
		return 2;
	}
	if (json) {
		print_json(log, len, &rep, found);
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
