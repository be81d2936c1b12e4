// SPDX-License-Identifier: GPL-2.0
/* Finding the project's data: see datadir.h. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/datadir.h"

/* Set by the Makefile: the install prefix's share dir and the tree. */
#ifndef ZCG_SHAREDIR
#define ZCG_SHAREDIR "/usr/local/share/zcguard"
#endif
#ifndef ZCG_SRCDIR
#define ZCG_SRCDIR "."
#endif

static int has_data(const char *dir)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/kernels/build-kernel.sh", dir);
	return access(path, R_OK) == 0;
}

const char *zcg_datadir(char *err, size_t elen)
{
	const char *env = getenv("ZCG_DATADIR");

	if (env && *env) {
		if (has_data(env))
			return env;
		snprintf(err, elen, "ZCG_DATADIR=%s holds no kernels/build-kernel.sh",
			 env);
		return NULL;
	}
	if (has_data(ZCG_SHAREDIR))
		return ZCG_SHAREDIR;
	if (has_data(ZCG_SRCDIR))
		return ZCG_SRCDIR;
	snprintf(err, elen, "no project data in %s or %s (set ZCG_DATADIR)",
		 ZCG_SHAREDIR, ZCG_SRCDIR);
	return NULL;
}

int zcg_data_path(char *buf, size_t len, const char *rel)
{
	char err[256];
	const char *d = zcg_datadir(err, sizeof(err));

	if (!d)
		return -1;
	return snprintf(buf, len, "%s/%s", d, rel) >= (int)len ? -1 : 0;
}
