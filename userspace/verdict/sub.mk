# SPDX-License-Identifier: GPL-2.0
# The one verdict type and the decision over a set of runs.
ZCG_SRCS += verdict/decide.c verdict/json.c
