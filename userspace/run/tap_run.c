// SPDX-License-Identifier: GPL-2.0
/*
 * zcg-tap-run: the one guest-side TAP runner. Runs each PROGRAM (a
 * command line: words split at spaces) in turn and prints one TAP result
 * per program, its own output indented by four spaces so that only ours
 * is top-level (the way kselftest's runner nests a program's TAP).
 * Exit 4 from a program is kselftest's skip.
 *
 *   zcg-tap-run [-t SECONDS] PROGRAM...
 *
 * Exit: 0 when no program failed, 1 otherwise, 2 bad arguments.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define KSFT_SKIP 4
#define MAX_WORDS 64

/* Copies the child's output, indented; returns its wait status. */
static int run(char *cmd, int timeout)
{
	char *argv[MAX_WORDS + 1], *save = NULL, line[4096];
	int fds[2], n = 0, status;
	FILE *in;
	pid_t pid;

	for (char *w = strtok_r(cmd, " ", &save); w && n < MAX_WORDS;
	     w = strtok_r(NULL, " ", &save))
		argv[n++] = w;
	argv[n] = NULL;
	if (!n || pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		/* The guest has no other clock: the kernel ends a hang. */
		if (timeout)
			alarm(timeout);
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	while (in && fgets(line, sizeof(line), in)) {
		printf("    %s", line);
		if (!strchr(line, '\n'))
			putchar('\n');
		fflush(stdout);
	}
	if (in)
		fclose(in);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

int main(int argc, char **argv)
{
	int i = 1, timeout = 0, bad = 0;

	if (argc > 2 && !strcmp(argv[1], "-t")) {
		timeout = atoi(argv[2]);
		i = 3;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: zcg-tap-run [-t SECONDS] PROGRAM...\n");
		return 2;
	}
	printf("TAP version 13\n1..%d\n", argc - i);
	fflush(stdout);
	for (int n = 1; i < argc; i++, n++) {
		char name[256], *cmd = strdup(argv[i]);
		int st;

		snprintf(name, sizeof(name), "%s", argv[i]);
		name[strcspn(name, " ")] = '\0';
		st = cmd ? run(cmd, timeout) : -1;
		free(cmd);
		if (st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0) {
			printf("ok %d %s\n", n, name);
		} else if (st >= 0 && WIFEXITED(st) &&
			   WEXITSTATUS(st) == KSFT_SKIP) {
			printf("ok %d %s # SKIP\n", n, name);
		} else {
			bad = 1;
			if (st >= 0 && WIFSIGNALED(st))
				printf("not ok %d %s # signal %d\n", n, name,
				       WTERMSIG(st));
			else
				printf("not ok %d %s # exit %d\n", n, name,
				       st >= 0 && WIFEXITED(st) ?
				       WEXITSTATUS(st) : -1);
		}
		fflush(stdout);
	}
	return bad;
}
