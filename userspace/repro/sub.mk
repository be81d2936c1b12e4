# SPDX-License-Identifier: GPL-2.0
#
# Standalone reproducers: one C file each, no project library, linked
# -static so they run from the VM initramfs. Outputs: $(O)/repro/NAME.

REPRO_PLAIN := zc-syzbot zc-readable zc-connected zc-seq-sanity zc-map-frag \
	       zc-cmsg-user
REPRO_URING := zc-uring
REPRO_BINS  := $(addprefix $(O)/repro/,$(REPRO_PLAIN) $(REPRO_URING))

ALL_TARGETS += $(REPRO_BINS)

$(addprefix $(O)/repro/,$(REPRO_PLAIN)): $(O)/repro/%: repro/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -static -o $@ $<

$(O)/repro/zc-uring: repro/zc-uring.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -static -o $@ $< -luring -lpthread

# The variants of each reproducer and what each must do on which kernel
# are rows of plans/variants.plan and plans/bugs.plan (zcguard run).
