// SPDX-License-Identifier: GPL-2.0
/*
 * The test module's own copy of the guard (guard.c, one source for both
 * modules; a shared object would be "added to multiple modules"). It
 * starts off: the test module arms it only when loaded with
 * guard=warn|block, and it never touches the guard module's kprobe.
 */
#define ZCG_GUARD_DEFAULT	ZCG_GUARD_OFF
#include "guard.c"
