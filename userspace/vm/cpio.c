// SPDX-License-Identifier: GPL-2.0
/* newc cpio writer for the guest initramfs. */
#include <string.h>
#include <sys/stat.h>

#include "vm/cpio.h"

static void pad4(struct cpio *c)
{
	long pos = ftell(c->f);

	while (pos >= 0 && pos % 4) {
		fputc(0, c->f);
		pos++;
	}
}

static void entry(struct cpio *c, const char *name, unsigned int mode,
		  const void *data, size_t len, unsigned int rmaj,
		  unsigned int rmin)
{
	size_t namesize = strlen(name) + 1;

	if (!c->f)
		return;
	/* ino, mode, uid, gid, nlink, mtime, filesize, maj, min, rmaj, rmin */
	if (fprintf(c->f, "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		    ++c->ino, mode, 0, 0, S_ISDIR(mode) ? 2 : 1, 0, len,
		    0, 0, rmaj, rmin, namesize, 0) < 0)
		c->error = 1;
	fwrite(name, 1, namesize, c->f);
	pad4(c);
	if (len && fwrite(data, 1, len, c->f) != len)
		c->error = 1;
	pad4(c);
}

int cpio_open(struct cpio *c, const char *path)
{
	memset(c, 0, sizeof(*c));
	c->f = fopen(path, "we");
	return c->f ? 0 : -1;
}

void cpio_dir(struct cpio *c, const char *name)
{
	entry(c, name, S_IFDIR | 0755, NULL, 0, 0, 0);
}

void cpio_parents(struct cpio *c, const char *name)
{
	char buf[4096];
	char *p;

	if (strlen(name) >= sizeof(buf))
		return;
	strcpy(buf, name);
	for (p = strchr(buf, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (*buf)
			cpio_dir(c, buf);
		*p = '/';
	}
}

void cpio_file(struct cpio *c, const char *name, unsigned int mode,
	       const void *data, size_t len)
{
	entry(c, name, S_IFREG | (mode & 07777), data, len, 0, 0);
}

void cpio_symlink(struct cpio *c, const char *name, const char *target)
{
	entry(c, name, S_IFLNK | 0777, target, strlen(target), 0, 0);
}

void cpio_chardev(struct cpio *c, const char *name, unsigned int major,
		  unsigned int minor)
{
	entry(c, name, S_IFCHR | 0600, NULL, 0, major, minor);
}

int cpio_close(struct cpio *c)
{
	int err;

	if (!c->f)
		return -1;
	entry(c, "TRAILER!!!", 0, NULL, 0, 0, 0);
	err = c->error || ferror(c->f);
	if (fclose(c->f))
		err = 1;
	c->f = NULL;
	return err ? -1 : 0;
}
