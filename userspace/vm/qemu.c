// SPDX-License-Identifier: GPL-2.0
/* The qemu command line and the KVM probe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lib/file.h"
#include "lib/spawn.h"
#include "vm/qemu.h"

#define PROBE_MS	5000
#define PROBE_DONE	"No bootable device"

const char *vm_qemu_binary(void)
{
	const char *q = getenv("ZCG_QEMU");

	return q && *q ? q : VM_QEMU;
}

int vm_kvm_probe(const char *workdir)
{
	char dbg[PATH_MAX], log[PATH_MAX], chardev[PATH_MAX + 32];
	char *argv[] = {
		(char *)vm_qemu_binary(), "-accel", "kvm", "-cpu", "host",
		"-m", "64", "-nodefaults", "-no-user-config", "-display", "none",
		"-no-reboot", "-chardev", chardev,
		"-device", "isa-debugcon,iobase=0x402,chardev=dbg", NULL
	};
	struct rlimit core, nocore;
	long long deadline = zcg_now_ms() + PROBE_MS;
	int ok = 0, status;
	pid_t pid;

	if (access("/dev/kvm", R_OK | W_OK) < 0 || access(VM_KVM_UNUSABLE, F_OK) == 0)
		return 0;
	snprintf(dbg, sizeof(dbg), "%s/kvm-probe.debugcon", workdir);
	snprintf(log, sizeof(log), "%s/kvm-probe.log", workdir);
	snprintf(chardev, sizeof(chardev), "file,id=dbg,path=%s", dbg);
	/*
	 * qemu aborts when KVM cannot run the guest: that abort must not
	 * leave a core file in the caller's directory. The child inherits
	 * the limit; ours is restored at once.
	 */
	getrlimit(RLIMIT_CORE, &core);
	nocore.rlim_cur = 0;
	nocore.rlim_max = core.rlim_max;
	setrlimit(RLIMIT_CORE, &nocore);
	pid = zcg_spawn(argv, log, -1);
	setrlimit(RLIMIT_CORE, &core);
	if (pid < 0)
		return 0;
	/* SeaBIOS logs to port 0x402; with no disk it ends with PROBE_DONE. */
	while (!ok && zcg_now_ms() < deadline) {
		int exited = zcg_wait(pid, 50, &status) == 0;

		if (exited)
			pid = 0;	/* qemu gave up (e.g. MSR abort) */
		ok = zcg_file_has(dbg, PROBE_DONE);
		if (exited)
			break;
	}
	if (pid > 0)
		zcg_kill_wait(pid, &status);
	return ok;
}

const char *vm_cmdline(const struct vm_opts *o)
{
	static char buf[4096];

	/*
	 * no_timer_check: under TCG on a loaded host the IO-APIC timer check
	 * can time out and panic ("IO-APIC + timer doesn't work!"), seen
	 * once in 50 runs here; it tests the emulator, not the kernel.
	 * rcu_cpu_stall_timeout=120: a TCG guest on a busy host can lose its
	 * CPU for tens of seconds (a 23 s stall before /init was seen); a
	 * real stall is still reported well inside the 300 s run timeout.
	 */
	snprintf(buf, sizeof(buf),
		 "console=ttyS0 oops=panic panic_on_warn=1 panic=-1 no_timer_check "
		 "rcupdate.rcu_cpu_stall_timeout=120%s%s",
		 o->append ? " " : "", o->append ? o->append : "");
	return buf;
}

char **vm_qemu_argv(const struct vm_opts *o, int kvm, const char *initrd,
		    const char *console_log, const char *output_log)
{
	char **v = calloc(48, sizeof(char *));
	char mem[32];
	int n = 0, i;

	if (!v)
		return NULL;
	snprintf(mem, sizeof(mem), "%d", o->memory_mb);
#define A(s) (v[n++] = strdup(s))
	A(vm_qemu_binary());
	if (kvm && !o->icount) {
		A("-accel"); A("kvm"); A("-cpu"); A("host");
	} else {
		A("-accel"); A("tcg"); A("-cpu"); A("max");
	}
	/*
	 * One guest nanosecond per guest instruction, no sleeping or
	 * catching up with the host: guest CPU time counts instructions,
	 * so a figure repeats across boots whatever the host's load.
	 */
	if (o->icount) {
		A("-icount"); A("shift=0,sleep=off,align=off");
	}
	A("-m"); A(mem);
	A("-smp"); A("1");
	/* No network device, no disks, no monitor, no display. */
	A("-nodefaults"); A("-no-user-config");
	A("-display"); A("none");
	A("-nic"); A("none");
	/* A panic (panic=-1) or the init's reset ends qemu. */
	A("-no-reboot");
	A("-kernel"); A(o->kernel);
	A("-initrd"); A(initrd);
	A("-append"); A(vm_cmdline(o));
	/* ttyS0: kernel console; ttyS1: the command's output. */
	A("-serial");
	if (asprintf(&v[n++], "file:%s", console_log) < 0)
		v[n - 1] = NULL;
	A("-serial");
	if (asprintf(&v[n++], "file:%s", output_log) < 0)
		v[n - 1] = NULL;
	v[n] = NULL;
	for (i = 0; i < n; i++) {
		if (!v[i]) {
			vm_qemu_argv_free(v);
			return NULL;
		}
	}
#undef A
	return v;
}

void vm_qemu_argv_free(char **argv)
{
	int i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}
