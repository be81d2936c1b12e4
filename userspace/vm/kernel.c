// SPDX-License-Identifier: GPL-2.0
/*
 * Facts about a kernel image and modules, read before booting so that a
 * wrong or broken file gives a clear message instead of a silent VM.
 */
#include <errno.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/file.h"
#include "vm/kernel.h"

static int vcmp(const void *a, const void *b)
{
	return strverscmp(*(char *const *)a, *(char *const *)b);
}

int vm_kernel_default(char *buf, size_t len)
{
	glob_t g;
	int ret = -1;

	if (glob("/boot/vmlinuz-6.1.*-cloud-amd64", 0, NULL, &g) != 0)
		return -1;
	if (g.gl_pathc) {
		/* Version order, so 6.1.0-56 beats 6.1.0-9. */
		qsort(g.gl_pathv, g.gl_pathc, sizeof(char *), vcmp);
		if (strlen(g.gl_pathv[g.gl_pathc - 1]) < len) {
			strcpy(buf, g.gl_pathv[g.gl_pathc - 1]);
			ret = 0;
		}
	}
	globfree(&g);
	return ret;
}

static uint32_t le(const unsigned char *p, int n)
{
	uint32_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

/* Copies the first word of s (up to a space/NUL/newline) into out. */
static void first_word(const char *s, size_t max, char *out, size_t olen)
{
	size_t i;

	for (i = 0; i < max && i + 1 < olen && s[i] && s[i] != ' ' &&
	     s[i] != '\n'; i++)
		out[i] = s[i];
	out[i] = '\0';
}

int vm_kernel_check(const char *path, char *release, size_t rlen,
		    char *err, size_t elen)
{
	unsigned char *d;
	size_t len, need, setup, voff;

	release[0] = '\0';
	d = (unsigned char *)zcg_read_file(path, &len);
	if (!d) {
		snprintf(err, elen, "cannot read kernel %s: %s", path,
			 strerror(errno));
		return -1;
	}
	/* x86 boot protocol (Documentation/x86/boot.rst). */
	if (len < 0x264 || memcmp(d + 0x202, "HdrS", 4)) {
		snprintf(err, elen, "%s is not an x86 bzImage", path);
		free(d);
		return -1;
	}
	setup = d[0x1f1] ? d[0x1f1] : 4;
	need = (setup + 1) * 512 + (size_t)le(d + 0x1f4, 4) * 16;
	if (len < need) {
		snprintf(err, elen, "kernel image truncated: %zu of %zu bytes",
			 len, need);
		free(d);
		return -1;
	}
	voff = le(d + 0x20e, 2);
	if (voff && voff + 0x200 < len)
		first_word((char *)d + voff + 0x200, len - voff - 0x200,
			   release, rlen);
	free(d);
	return 0;
}

int vm_module_release(const char *ko, char *release, size_t rlen)
{
	static const char key[] = "vermagic=";
	size_t len;
	char *d, *p;

	release[0] = '\0';
	d = zcg_read_file(ko, &len);
	if (!d)
		return -1;
	p = memmem(d, len, key, sizeof(key) - 1);
	if (p) {
		p += sizeof(key) - 1;
		first_word(p, len - (p - d), release, rlen);
	}
	free(d);
	return release[0] ? 0 : -1;
}
