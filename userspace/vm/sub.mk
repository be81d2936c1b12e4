# SPDX-License-Identifier: GPL-2.0
ZCG_SRCS += vm/cmd_vm.c
