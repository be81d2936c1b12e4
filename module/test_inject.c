// SPDX-License-Identifier: GPL-2.0
/*
 * The test module's copy of the injector (inject.c, one source for the
 * test module and zcguard_inject.ko): off unless loaded with inject=1.
 */
#include "inject.c"
