/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_KERNEL_H
#define ZCGUARD_VM_KERNEL_H

#include <stddef.h>

/* Newest /boot/vmlinuz-6.1*-cloud-amd64 into buf. 0, or -1 if none. */
int vm_kernel_default(char *buf, size_t len);

/*
 * Checks that path is a complete x86 bzImage (boot protocol header, file
 * at least as long as the header says) and copies the release it carries
 * ("6.1.0-56-cloud-amd64") into release. 0 when fine, -1 with a reason in
 * err otherwise.
 */
int vm_kernel_check(const char *path, char *release, size_t rlen,
		    char *err, size_t elen);

/*
 * Copies the release a module was built for (first word of its vermagic)
 * into release. 0, or -1 when the file has no readable vermagic
 * (compressed, not a module).
 */
int vm_module_release(const char *ko, char *release, size_t rlen);

#endif
