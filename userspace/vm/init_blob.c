// SPDX-License-Identifier: GPL-2.0
/*
 * The guest init binary, built -static from init.c, embedded in zcguard so
 * the tool needs no install path to find it. ZCG_INIT_BIN comes from
 * vm/sub.mk, which also makes this object depend on the binary.
 */
__asm__(".section .rodata\n"
	".balign 16\n"
	".global zcg_vm_init_start\n"
	"zcg_vm_init_start:\n"
	".incbin \"" ZCG_INIT_BIN "\"\n"
	".global zcg_vm_init_end\n"
	"zcg_vm_init_end:\n"
	".previous\n");
