# SPDX-License-Identifier: GPL-2.0
# zcguard bisect: the driver (see bisect/bisect.h for what each file holds)
ZCG_SRCS += bisect/cmd_bisect.c bisect/driver.c bisect/git.c \
	    bisect/kbuild.c bisect/verdict.c bisect/blog.c bisect/state.c \
	    bisect/wait.c
