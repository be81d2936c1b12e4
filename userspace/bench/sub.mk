# SPDX-License-Identifier: GPL-2.0
# zcguard bench: the loopback receive benchmark (see bench.h).

ZCG_SRCS += bench/cmd_bench.c bench/netns.c bench/rx.c bench/tx.c \
	    bench/run_case.c bench/stats.c bench/sweep.c bench/output.c \
	    bench/json_out.c bench/plot.c bench/progress.c bench/check.c \
	    bench/overhead.c bench/cgroup_prog.c bench/ext_guard.c \
	    bench/mod_guard.c bench/tcp_mmap_cmp.c \
	    bench/vm_bench.c bench/vm_json.c bench/vm_check.c \
	    bench/guest_setup.c
ZCG_LDLIBS += -lbpf
# cgroup_gso.bpf.c, the cgroup guard's program (see userspace/Makefile).
ZCG_DEPS += $(O)/bench/cgroup_gso.skel.h

# The same command alone and static, for the VM (module guards).
# bench/ is included before lib/: lib's sources are named here again.
BENCH_GUEST_SRCS := bench/guest_main.c $(filter bench/%,$(ZCG_SRCS)) \
	$(wildcard lib/*.c)
ALL_TARGETS += $(O)/guest/zcguard-bench
$(O)/guest/zcguard-bench: $(BENCH_GUEST_SRCS) $(wildcard bench/*.h) \
			  $(O)/bench/cgroup_gso.skel.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -static -o $@ $(BENCH_GUEST_SRCS) \
		-lbpf -lelf -lz

# The kernel's own tcp_mmap.c (from linux-source-6.1, unpacked by
# `make ksft`), built as is, for same-run comparisons.
TCP_MMAP_SRC := $(O)/ksft/tools/testing/selftests/net/tcp_mmap.c
ifneq ($(wildcard $(TCP_MMAP_SRC)),)
ALL_TARGETS += $(O)/tcp_mmap
endif
$(O)/tcp_mmap: $(TCP_MMAP_SRC)
	$(CC) -O2 -g -Wall -o $@ $< -lpthread
