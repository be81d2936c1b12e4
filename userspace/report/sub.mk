# SPDX-License-Identifier: GPL-2.0
# `zcguard report` and the console crash parser vm/bisect link.
ZCG_SRCS += report/cmd_report.c report/parse.c report/header.c \
	    report/frames.c report/generic.c report/lines.c report/text.c
