# SPDX-License-Identifier: GPL-2.0
ZCG_SRCS += bisect/cmd_bisect.c
