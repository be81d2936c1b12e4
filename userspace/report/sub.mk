# SPDX-License-Identifier: GPL-2.0
ZCG_SRCS += report/cmd_report.c
