# SPDX-License-Identifier: GPL-2.0
# Generic helpers any sub-command may use (see each header).
ZCG_SRCS += $(wildcard lib/*.c)
