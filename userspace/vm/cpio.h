/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VM_CPIO_H
#define ZCGUARD_VM_CPIO_H

#include <stddef.h>
#include <stdio.h>

/*
 * A writer for the "newc" cpio format the kernel unpacks as an initramfs
 * (Documentation/driver-api/early-userspace/buffer-format.rst). Names are
 * relative ("bin/sh"); a later entry with the same name replaces an
 * earlier one when the kernel unpacks it.
 */
struct cpio {
	FILE *f;
	unsigned int ino;
	int error;
};

int cpio_open(struct cpio *c, const char *path);
void cpio_dir(struct cpio *c, const char *name);
/* Adds every parent directory of name ("a/b/c" -> "a", "a/b"). */
void cpio_parents(struct cpio *c, const char *name);
void cpio_file(struct cpio *c, const char *name, unsigned int mode,
	       const void *data, size_t len);
void cpio_symlink(struct cpio *c, const char *name, const char *target);
void cpio_chardev(struct cpio *c, const char *name, unsigned int major,
		  unsigned int minor);
/* Writes the trailer and closes. 0, or -1 when any write failed. */
int cpio_close(struct cpio *c);

#endif
