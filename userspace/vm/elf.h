/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_ELF_H
#define ZCGUARD_VM_ELF_H

/*
 * 1 when path is an ELF executable that needs a dynamic loader (it has a
 * PT_INTERP): it cannot run in the guest, which has no libc. 0 otherwise
 * (static ELF, script, data, unreadable).
 */
int vm_elf_is_dynamic(const char *path);

#endif
