# SPDX-License-Identifier: GPL-2.0
#
# `zcguard trace` and its BPF object, zctrace.bpf.c (its skeleton is
# built by the BPF rules of userspace/Makefile). Also builds:
#   $(O)/zcguard-zcloop        the zerocopy receive loop the tests trace
#   $(O)/guest/zcguard-trace   static tracer for the VM initramfs
#   $(O)/guest/zcguard-zcloop  static loop for the VM initramfs

ZCG_SRCS   += trace/cmd_trace.c trace/trace_out.c
ZCG_DEPS   += $(O)/trace/zctrace.skel.h
ZCG_LDLIBS += -lbpf -lelf -lz

ALL_TARGETS += $(O)/zcguard-zcloop $(O)/guest/zcguard-trace \
	       $(O)/guest/zcguard-zcloop

$(O)/zcguard-zcloop: trace/zcloop.c
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

# The guest has no shared libraries: everything static.
TRACE_GUEST_SRCS := trace/guest_trace_main.c trace/cmd_trace.c \
		    trace/trace_out.c lib/json.c lib/args.c

$(O)/guest/zcguard-trace: $(TRACE_GUEST_SRCS) trace/zctrace.h trace/trace_out.h \
			  $(O)/trace/zctrace.skel.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -static -o $@ $(TRACE_GUEST_SRCS) \
		-lbpf -lelf -lz

$(O)/guest/zcguard-zcloop: trace/zcloop.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -static -o $@ $<
