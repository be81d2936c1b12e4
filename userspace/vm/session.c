// SPDX-License-Identifier: GPL-2.0
/*
 * `zcguard vm` as a function: checks its inputs before anything boots,
 * builds the initramfs, probes KVM, runs the VMs and decides their
 * verdict. Callers print; this file only returns data.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/file.h"
#include "lib/spawn.h"
#include "vm/kernel.h"
#include "vm/qemu.h"
#include "vm/run.h"
#include "vm/session.h"

static int regular(const char *what, const char *path, char *err, size_t elen)
{
	char why[512];

	if (!zcg_regular_file(path, why, sizeof(why)))
		return 0;
	snprintf(err, elen, "%s %s", what, why);
	return -1;
}

static int is_elf(const char *path)
{
	unsigned char m[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), ok;

	if (fd < 0)
		return 0;
	ok = read(fd, m, 4) == 4 && !memcmp(m, "\177ELF", 4);
	close(fd);
	return ok;
}

static int check_modules(const struct vm_opts *o, char *err, size_t elen)
{
	char rel[128];
	int i;

	for (i = 0; i < o->nmodules; i++) {
		const char *m = o->modules[i];

		if (regular("--module", m, err, elen))
			return -1;
		if (!is_elf(m) || vm_module_release(m, rel, sizeof(rel)) < 0) {
			snprintf(err, elen,
				 "--module %s: not a kernel module (no ELF header or no vermagic)",
				 m);
			return -1;
		}
		if (o->release[0] && strcmp(rel, o->release)) {
			snprintf(err, elen, "--module %s is built for %s but the kernel is %s",
				 m, rel, o->release);
			return -1;
		}
	}
	return 0;
}

/* Can path be created or written, without leaving a file behind? */
static int writable(const char *what, const char *path, char *err, size_t elen)
{
	struct stat st;
	int fd;

	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			snprintf(err, elen, "%s %s: not a regular file", what, path);
			return -1;
		}
		if (access(path, W_OK) < 0)
			goto fail;
		return 0;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail;
	close(fd);
	unlink(path);
	return 0;
fail:
	snprintf(err, elen, "%s %s: %s", what, path, strerror(errno));
	return -1;
}

void vm_opts_defaults(struct vm_opts *o)
{
	const char *bb = getenv("ZCG_BUSYBOX");

	memset(o, 0, sizeof(*o));
	o->runs = 1;
	o->parallel = 1;
	o->timeout = 300;
	o->boot_timeout = 60;
	o->idle_timeout = 60;
	o->memory_mb = 512;
	o->busybox = bb && *bb ? bb : "/bin/busybox";
}

int vm_opts_check(struct vm_opts *o, char *err, size_t elen)
{
	struct stat st;
	int i;

	if (!o->kernel[0] && vm_kernel_default(o->kernel, sizeof(o->kernel)) < 0) {
		snprintf(err, elen, "no --kernel and no /boot/vmlinuz-6.1.*-cloud-amd64");
		return -1;
	}
	if (regular("--kernel", o->kernel, err, elen))
		return -1;
	if (access(o->busybox, X_OK) < 0) {
		snprintf(err, elen, "%s missing: install busybox-static", o->busybox);
		return -1;
	}
	for (i = 0; i < o->nfiles; i++)
		if (regular("--file", o->files[i].src, err, elen))
			return -1;
	/* The release is known only for a bzImage; a bad one is a boot failure. */
	o->release[0] = '\0';
	o->kernel_err[0] = '\0';
	if (vm_kernel_check(o->kernel, o->release, sizeof(o->release),
			    o->kernel_err, sizeof(o->kernel_err)) < 0)
		o->release[0] = '\0';
	if (check_modules(o, err, elen))
		return -1;
	if (o->keep_logs) {
		if (stat(o->keep_logs, &st) == 0 && !S_ISDIR(st.st_mode)) {
			snprintf(err, elen, "--keep-logs %s: not a directory",
				 o->keep_logs);
			return -1;
		}
		if (zcg_mkdir_p(o->keep_logs) < 0 || access(o->keep_logs, W_OK) < 0) {
			snprintf(err, elen, "--keep-logs %s: %s", o->keep_logs,
				 strerror(errno));
			return -1;
		}
	}
	if (o->json && writable("--json", o->json, err, elen))
		return -1;
	if (o->parallel > o->runs)
		o->parallel = o->runs;
	return 0;
}

/*
 * Work directories are named after their owner's pid, so one left by a
 * zcguard that was SIGKILLed (its qemus died with it, PR_SET_PDEATHSIG)
 * is removed by the next run.
 */
static void remove_stale(const char *tmp)
{
	struct dirent *de;
	char path[PATH_MAX];
	DIR *d = opendir(tmp);
	int pid;

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (sscanf(de->d_name, "zcguard-vm.%d.", &pid) != 1 || pid <= 0)
			continue;
		if (kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "%s/%s", tmp, de->d_name);
		zcg_rm_rf(path);
	}
	closedir(d);
}

static int make_workdir(char *buf, size_t len)
{
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !*tmp)
		tmp = "/tmp";
	remove_stale(tmp);
	snprintf(buf, len, "%s/zcguard-vm.%d.XXXXXX", tmp, (int)getpid());
	return mkdtemp(buf) ? 0 : -1;
}

/* A kernel that is no bzImage: every run is a boot failure, no qemu. */
static void unbootable(const struct vm_opts *o, struct zcg_run *res,
		       const char *why)
{
	int i;

	for (i = 0; i < o->runs; i++) {
		res[i].run = i;
		res[i].kind = ZCG_BOOT_FAILED;
		res[i].exit_status = -1;
		res[i].boot_seconds = -1;
		res[i].crash_seconds = -1;
		snprintf(res[i].detail, sizeof(res[i].detail), "%s", why);
	}
}

/* A boot failure with an empty console in some run. */
static int kvm_silent(const struct zcg_run *res, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (res[i].kind == ZCG_BOOT_FAILED &&
		    strstr(res[i].detail, "no console output"))
			return 1;
	return 0;
}

int vm_session_run(const struct vm_session *s, struct vm_summary *sum,
		   char *err, size_t elen)
{
	struct vm_opts *o = s->o;
	char workdir[PATH_MAX], initrd[PATH_MAX + 16];
	struct vm_runner rn = {
		.o = o, .initrd = initrd, .stop = s->stop,
		.done = s->done, .tick = s->tick, .ctx = s->ctx,
	};
	long long t0 = zcg_now_ms();
	struct zcg_run *res;
	int ret = 0, fd;

	memset(sum, 0, sizeof(*sum));
	res = calloc(o->runs, sizeof(*res));
	if (!res) {
		snprintf(err, elen, "out of memory");
		return -1;
	}
	sum->o = o;
	sum->results = res;
	sum->n = o->runs;
	sum->accel = "tcg";
	if (o->kernel_err[0]) {
		unbootable(o, res, o->kernel_err);
		if (s->done)
			for (int i = 0; i < o->runs; i++)
				s->done(&res[i], s->ctx);
		goto decide;
	}
	if (make_workdir(workdir, sizeof(workdir)) < 0) {
		snprintf(err, elen, "cannot create a work directory: %s",
			 strerror(errno));
		free(res);
		sum->results = NULL;
		return -1;
	}
	snprintf(initrd, sizeof(initrd), "%s/initramfs.cpio", workdir);
	if (vm_initramfs_build(o, initrd, err, elen) < 0) {
		ret = -1;
		goto out;
	}
	rn.kvm = o->icount ? 0 : vm_kvm_probe(workdir);
	rn.logdir = o->keep_logs ? o->keep_logs : workdir;
	rn.keep = o->keep_logs != NULL;
	sum->accel = rn.kvm ? "kvm" : "tcg";
	sum->logdir = o->keep_logs;
	if (!s->quiet && isatty(2))
		fprintf(stderr, "zcguard vm: %s (%s), %s%s, %d run(s), %d at a time\n",
			o->kernel, o->release[0] ? o->release : "?",
			sum->accel, o->icount ? " icount" : "", o->runs,
			o->parallel);
	ret = vm_run_all(&rn, res);
	if (!ret && rn.kvm && kvm_silent(res, o->runs)) {
		/*
		 * The probe's SeaBIOS ran under KVM, yet a kernel printed
		 * nothing: KVM cannot run this guest after all (seen here
		 * now and then). Every run again, under TCG.
		 */
		if (!s->quiet)
			fprintf(stderr, "zcguard vm: no console output under KVM, running again under TCG\n");
		rn.kvm = 0;
		sum->accel = "tcg";
		fd = open(VM_KVM_UNUSABLE, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd >= 0)
			close(fd);
		memset(res, 0, o->runs * sizeof(*res));
		ret = vm_run_all(&rn, res);
	}
	if (ret < 0) {
		if (s->stop && *s->stop) {
			ret = -2;
		} else {
			snprintf(err, elen, "qemu could not be started");
			ret = -1;
		}
	}
out:
	zcg_kill_all();
	zcg_rm_rf(workdir);
	if (ret) {
		free(res);
		sum->results = NULL;
		return ret;
	}
decide:
	sum->seconds = (zcg_now_ms() - t0) / 1000.0;
	zcg_decide(res, o->runs, &sum->v);
	return 0;
}
