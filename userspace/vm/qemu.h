/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_QEMU_H
#define ZCGUARD_VM_QEMU_H

#include "vm/vm.h"

#define VM_QEMU "qemu-system-x86_64"

/*
 * The qemu binary: $ZCG_QEMU when set and non-empty (the tests' fake
 * qemu, tests/fake-qemu/qemu), else VM_QEMU from PATH.
 */
const char *vm_qemu_binary(void);

/*
 * 1 when KVM can really run a guest here (SeaBIOS under -accel kvm -cpu
 * host reaches its last message within a few seconds), else 0. /dev/kvm
 * existing proves nothing: on some hosts KVM aborts or spins on internal
 * errors. workdir holds the probe's scratch files.
 */
int vm_kvm_probe(const char *workdir);

/*
 * Left when a kernel gave no console output under KVM although the probe
 * passed: later probes on this machine answer 0 at once instead of
 * losing a boot timeout each time. Removed by a reboot (or by hand).
 */
#define VM_KVM_UNUSABLE "/var/tmp/zcguard-kvm-unusable"

/* Kernel command line: the defaults plus --append. Static buffer. */
const char *vm_cmdline(const struct vm_opts *o);

/*
 * The qemu command for one run: console (ttyS0) into console_log, the
 * results port (ttyS1) into output_log. A malloc'ed NULL-terminated
 * vector; free with vm_qemu_argv_free().
 */
char **vm_qemu_argv(const struct vm_opts *o, int kvm, const char *initrd,
		    const char *console_log, const char *output_log);
void vm_qemu_argv_free(char **argv);

#endif
