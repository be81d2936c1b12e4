# SPDX-License-Identifier: GPL-2.0
ZCG_SRCS += trace/cmd_trace.c
