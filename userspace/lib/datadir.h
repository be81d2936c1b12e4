/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_LIB_DATADIR_H
#define ZCGUARD_LIB_DATADIR_H

#include <stddef.h>

/*
 * Where the project's data is (kernels/, plans/, and build/ for what a
 * source tree has built), whatever directory zcguard runs from and
 * wherever its binary lives: $ZCG_DATADIR if set; else the installed
 * share directory (`make install`) when it holds the data; else the
 * source tree this binary was built from. Never derived from argv[0] or
 * /proc/self/exe. Returns the directory, or NULL (err says why).
 */
const char *zcg_datadir(char *err, size_t elen);

/* buf = datadir/rel. 0, or -1 when there is no datadir or it is too long. */
int zcg_data_path(char *buf, size_t len, const char *rel);

#endif
