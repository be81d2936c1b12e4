// SPDX-License-Identifier: GPL-2.0
/*
 * The guest initramfs: our static init (embedded in zcguard, see
 * init_blob.c), busybox-static with one /bin symlink per applet, the
 * --module and --file files, and the plan the init reads (guest.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/file.h"
#include "lib/spawn.h"
#include "vm/cpio.h"
#include "vm/guest.h"
#include "vm/vm.h"

extern const char zcg_vm_init_start[], zcg_vm_init_end[];

/* One symlink per applet, so /bin/sh, /bin/insmod, ... all exist. */
static int add_applets(struct cpio *c, const char *busybox, char *err,
		       size_t elen)
{
	char *argv[] = { (char *)busybox, "--list", NULL };
	char *out = NULL, *line, *save = NULL, path[256];
	int timed_out, status;

	status = zcg_run_capture(argv, 10000, 0, 1 << 20, &out, &timed_out);
	if (status != 0 || !out || !*out) {
		snprintf(err, elen, "'%s --list' failed: is busybox-static installed?",
			 busybox);
		free(out);
		return -1;
	}
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!*line || strchr(line, '/') || !strcmp(line, "busybox"))
			continue;
		snprintf(path, sizeof(path), "bin/%s", line);
		cpio_symlink(c, path, "busybox");
	}
	free(out);
	return 0;
}

/* Adds a host file at guest path dst (absolute). */
static int add_host_file(struct cpio *c, const char *src, const char *dst,
			 char *err, size_t elen)
{
	struct stat st;
	size_t len;
	char *data;

	data = zcg_read_file(src, &len);
	if (!data || stat(src, &st) < 0) {
		snprintf(err, elen, "cannot read %s: %s", src, strerror(errno));
		free(data);
		return -1;
	}
	while (*dst == '/')
		dst++;
	cpio_parents(c, dst);
	cpio_file(c, dst, st.st_mode & 0111 ? 0755 : 0644, data, len);
	free(data);
	return 0;
}

/* Appends s and its NUL to a growing buffer. */
static void list_add(char **buf, size_t *len, const char *s)
{
	size_t n = strlen(s) + 1;
	char *nb = realloc(*buf, *len + n);

	if (!nb)
		return;
	memcpy(nb + *len, s, n);
	*buf = nb;
	*len += n;
}

int vm_initramfs_build(const struct vm_opts *o, const char *path,
		       char *err, size_t elen)
{
	static const char *const dirs[] = {
		"bin", "dev", "etc", "etc/zcguard", "lib", "lib/modules",
		"proc", "sys", "tmp", "root",
	};
	char *mods = NULL, *cmd = NULL, gpath[PATH_MAX];
	size_t mlen = 0, clen = 0, i;
	struct cpio c;
	int ret = -1;

	if (cpio_open(&c, path) < 0) {
		snprintf(err, elen, "cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		cpio_dir(&c, dirs[i]);
	/*
	 * The kernel opens dev/console for init's stdin/stdout/stderr; the
	 * others are there in case devtmpfs cannot be mounted.
	 */
	cpio_chardev(&c, "dev/console", 5, 1);
	cpio_chardev(&c, "dev/null", 1, 3);
	cpio_chardev(&c, "dev/kmsg", 1, 11);
	cpio_chardev(&c, "dev/ttyS0", 4, 64);
	cpio_chardev(&c, "dev/ttyS1", 4, 65);
	cpio_file(&c, "init", 0755, zcg_vm_init_start,
		  zcg_vm_init_end - zcg_vm_init_start);
	if (add_host_file(&c, o->busybox, "/bin/busybox", err, elen) < 0 ||
	    add_applets(&c, o->busybox, err, elen) < 0)
		goto out;

	for (i = 0; i < (size_t)o->nmodules; i++) {
		const char *base = strrchr(o->modules[i], '/');

		base = base ? base + 1 : o->modules[i];
		snprintf(gpath, sizeof(gpath), "%s/%s", GUEST_MODULE_DIR, base);
		if (add_host_file(&c, o->modules[i], gpath, err, elen) < 0)
			goto out;
		list_add(&mods, &mlen, gpath);
	}
	/* After busybox, so a --file may replace an applet. */
	for (i = 0; i < (size_t)o->nfiles; i++)
		if (add_host_file(&c, o->files[i].src, o->files[i].dst, err,
				  elen) < 0)
			goto out;
	for (i = 0; o->cmd && o->cmd[i]; i++)
		list_add(&cmd, &clen, o->cmd[i]);
	cpio_file(&c, GUEST_MODULES_FILE + 1, 0644, mods ? mods : "", mlen);
	cpio_file(&c, GUEST_CMD_FILE + 1, 0644, cmd ? cmd : "", clen);
	ret = 0;
out:
	free(mods);
	free(cmd);
	if (cpio_close(&c) < 0 && ret == 0) {
		snprintf(err, elen, "cannot write %s", path);
		ret = -1;
	}
	return ret;
}
