// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard's guest /init (linked -static, runs as pid 1 in the initramfs):
 * mounts the usual file systems, brings lo up, loads the modules, runs the
 * command with its output on the results serial port, reports its exit
 * status there and ends the VM. Its own messages go to the console.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "lib/netns.h"
#include "vm/guest.h"

static int results = -1;

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("zcguard-init: ", stdout);
	vfprintf(stdout, fmt, ap);
	fputc('\n', stdout);
	fflush(stdout);
	va_end(ap);
}

static void put_results(const char *s)
{
	size_t n = strlen(s);
	ssize_t r;

	while (results >= 0 && n) {
		r = write(results, s, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		s += r;
		n -= r;
	}
}

/*
 * Ends the VM. A reset rather than a power-off: qemu runs with -no-reboot
 * so a reset ends it too, and it also works on kernels without ACPI
 * (tinyconfig), where a power-off would only halt the CPU.
 */
static void __attribute__((noreturn)) finish(void)
{
	if (results >= 0)
		tcdrain(results);
	sync();
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}

static void do_mount(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) < 0 && errno != EBUSY)
		say("mount %s on %s: %s", type, dir, strerror(errno));
}

static void lo_up(void)
{
	char err[128];

	if (zcg_lo_up(AF_INET, 0, NULL, err, sizeof(err)) < 0)
		say("lo: %s", err);
}

static void open_results(void)
{
	struct termios t;

	results = open(GUEST_RESULTS_TTY, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (results < 0) {
		/* A kernel with one UART: the host reads markers there too. */
		say("open %s: %s, results go to the console",
		    GUEST_RESULTS_TTY, strerror(errno));
		results = dup(1);
		return;
	}
	/* Raw: the host gets the bytes the command wrote, no \r added. */
	if (tcgetattr(results, &t) == 0) {
		cfmakeraw(&t);
		cfsetspeed(&t, B115200);
		tcsetattr(results, TCSANOW, &t);
	}
}

/* Reads a NUL-separated list file into a NULL-terminated vector. */
static char **read_list(const char *path)
{
	char *buf = malloc(65536);
	char **v;
	ssize_t n;
	int fd, i, count = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || !buf)
		return calloc(1, sizeof(char *));
	n = read(fd, buf, 65536 - 1);
	close(fd);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	for (i = 0; i < n; i++)
		if (buf[i] == '\0')
			count++;
	v = calloc(count + 1, sizeof(char *));
	if (!v)
		return NULL;
	for (i = 0, count = 0; i < n; i += strlen(buf + i) + 1)
		v[count++] = buf + i;
	v[count] = NULL;
	return v;
}

static int load_modules(void)
{
	char **mods = read_list(GUEST_MODULES_FILE);
	char line[512];
	int i, fd;

	for (i = 0; mods && mods[i]; i++) {
		const char *err = NULL;

		say("insmod %s", mods[i]);
		fd = open(mods[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			err = strerror(errno);
		else if (syscall(SYS_finit_module, fd, "", 0) < 0)
			err = strerror(errno);
		if (fd >= 0)
			close(fd);
		if (err) {
			say("insmod %s: %s", mods[i], err);
			snprintf(line, sizeof(line), "%s%s:%s%s\n",
				 MARK_INSMOD_FAILED, mods[i], err, MARK_END);
			put_results(line);
			return -1;
		}
	}
	return 0;
}

static int run_command(char **argv)
{
	int status = 0;
	pid_t pid, r;

	if (!argv || !argv[0])
		return 0;
	say("running %s", argv[0]);
	pid = fork();
	if (pid < 0) {
		say("fork: %s", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		static char *envp[] = {
			"PATH=/bin", "HOME=/tmp", "TERM=dumb", NULL
		};
		int null = open("/dev/null", O_RDONLY);

		setsid();
		if (chdir("/tmp") < 0)
			_exit(127);
		if (null >= 0)
			dup2(null, 0);
		if (results >= 0) {
			dup2(results, 1);
			dup2(results, 2);
		}
		execvpe(argv[0], argv, envp);
		fprintf(stderr, "zcguard-init: exec %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	/* We are pid 1: reap every orphan until the command itself ends. */
	for (;;) {
		r = wait(&status);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return 127;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int main(void)
{
	char line[64];
	int status = 0;

	setenv("PATH", "/bin", 1);
	do_mount("proc", "/proc", "proc");
	do_mount("sysfs", "/sys", "sysfs");
	do_mount("devtmpfs", "/dev", "devtmpfs");
	do_mount("debugfs", "/sys/kernel/debug", "debugfs");
	do_mount("tracefs", "/sys/kernel/tracing", "tracefs");
	do_mount("tmpfs", "/tmp", "tmpfs");
	open_results();
	put_results(MARK_INIT "\n");
	say("started");
	lo_up();

	if (load_modules() == 0)
		status = run_command(read_list(GUEST_CMD_FILE));
	else
		status = -1;
	if (status >= 0) {
		if (results >= 0)
			tcdrain(results);
		/* Own line even when the command's output did not end in \n. */
		snprintf(line, sizeof(line), "\n%s%d%s\n", MARK_EXIT, status,
			 MARK_END);
		put_results(line);
		say("command exited with status %d", status);
	}
	finish();
}
