/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_VM_H
#define ZCGUARD_VM_VM_H

#include <limits.h>
#include <stddef.h>

/*
 * The smallest guest that boots every kernel of the matrix (KASAN test
 * kernels included): below it a guest hangs or panics before /init.
 */
#define VM_MIN_MEMORY_MB 256

/* What `zcguard vm` was asked to do (filled by cmd_vm.c). */
struct vm_file {
	const char *src;
	char dst[PATH_MAX];	/* guest path, absolute */
};

struct vm_opts {
	char kernel[PATH_MAX];
	char release[128];	/* from the bzImage header, may be empty */
	/* Why the kernel is no bootable bzImage (vm_opts_check), or "". */
	char kernel_err[256];
	const char **modules;
	int nmodules;
	struct vm_file *files;
	int nfiles;
	int runs;
	int parallel;
	int timeout;		/* seconds, whole run */
	int boot_timeout;	/* seconds until the init's marker */
	int idle_timeout;	/* seconds without console/output bytes */
	const char *append;
	const char *keep_logs;
	const char *json;
	char **cmd;		/* NULL-terminated, may be empty */
	const char *busybox;
	int memory_mb;
	int icount;		/* TCG clock counts instructions */
	int verbose;
};

/* Writes the guest initramfs to path. 0, or -1 with a reason in err. */
int vm_initramfs_build(const struct vm_opts *o, const char *path,
		       char *err, size_t elen);

#endif
