# SPDX-License-Identifier: GPL-2.0
#
# `zcguard trace` and its BPF object. Generated at build time, never
# committed: $(O)/vmlinux.h (from the build machine's kernel BTF; CO-RE
# relocates it to whatever kernel runs the tracer), the BPF object and its
# bpftool skeleton. Also builds:
#   $(O)/zcguard-zcloop        the zerocopy receive loop the tests trace
#   $(O)/guest/zcguard-trace   static tracer for the VM initramfs
#   $(O)/guest/zcguard-zcloop  static loop for the VM initramfs

BPFTOOL     ?= bpftool
BPF_CLANG   ?= clang
VMLINUX_BTF ?= /sys/kernel/btf/vmlinux
BPF_CFLAGS  := -g -O2 -target bpf -mcpu=v3 -D__TARGET_ARCH_x86 \
	       -Wall -Wno-unused-function -I$(O) -I$(CURDIR)

ZCG_SRCS   += trace/cmd_trace.c trace/trace_out.c
ZCG_DEPS   += $(O)/zctrace.skel.h
ZCG_LDLIBS += -lbpf -lelf -lz

ALL_TARGETS += $(O)/zcguard-zcloop $(O)/guest/zcguard-trace \
	       $(O)/guest/zcguard-zcloop

$(O)/vmlinux.h:
	@mkdir -p $(dir $@)
	@test -r $(VMLINUX_BTF) || { echo "trace: no kernel BTF at $(VMLINUX_BTF)" >&2; exit 1; }
	$(BPFTOOL) btf dump file $(VMLINUX_BTF) format c > $@.tmp
	mv $@.tmp $@

$(O)/bpf/zctrace.bpf.o: trace/zctrace.bpf.c trace/zctrace.h $(O)/vmlinux.h
	@mkdir -p $(dir $@)
	$(BPF_CLANG) $(BPF_CFLAGS) -c -o $@ $<

# `gen object` links the object and drops the DWARF the skeleton would embed.
$(O)/zctrace.skel.h: $(O)/bpf/zctrace.bpf.o
	$(BPFTOOL) gen object $(O)/bpf/zctrace.o $<
	$(BPFTOOL) gen skeleton $(O)/bpf/zctrace.o name zctrace > $@.tmp
	mv $@.tmp $@

$(O)/zcguard-zcloop: trace/zcloop.c
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

# The guest has no shared libraries: everything static.
TRACE_GUEST_SRCS := trace/guest_trace_main.c trace/cmd_trace.c \
		    trace/trace_out.c lib/json.c lib/args.c

$(O)/guest/zcguard-trace: $(TRACE_GUEST_SRCS) trace/zctrace.h trace/trace_out.h \
			  $(O)/zctrace.skel.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -static -o $@ $(TRACE_GUEST_SRCS) \
		-lbpf -lelf -lz

$(O)/guest/zcguard-zcloop: trace/zcloop.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -static -o $@ $<
