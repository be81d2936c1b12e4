# SPDX-License-Identifier: GPL-2.0
ZCG_SRCS += bench/cmd_bench.c
