/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_REPORT_TITLE_H
#define ZCGUARD_REPORT_TITLE_H

#include <stddef.h>

/*
 * syzkaller's title clean-up, so two logs of one bug compare equal:
 * hex numbers of 6+ digits -> ADDR, FILE:LINE -> FILE:LINE, func+0x1/0x2
 * -> func, CPU#N -> CPU, other free-standing numbers -> NUM, control
 * characters out, blanks squeezed, at most 120 characters.
 */
void zcg_title_normalize(const char *in, char *out, size_t size);

#endif
