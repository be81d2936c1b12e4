# SPDX-License-Identifier: GPL-2.0
# zcguard vm: the runner, plus the static guest init it embeds.
ZCG_SRCS += vm/cmd_vm.c vm/cpio.c vm/elf.c vm/initramfs.c vm/init_blob.c \
	    vm/kernel.c vm/qemu.c vm/run.c vm/session.c vm/summary.c vm/tap.c vm/verdict.c

VM_INIT := $(O)/vm/init
ALL_TARGETS += $(VM_INIT)

# The guest's pid 1: static, no libc beyond what it links in.
$(VM_INIT): vm/init.c vm/guest.h lib/netns.c lib/netns.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -static -o $@ vm/init.c lib/netns.c

# init_blob.c .incbin's the init; -MMD cannot see that, so say it here.
$(O)/obj/vm/init_blob.o: $(VM_INIT)
$(O)/obj/vm/init_blob.o: CPPFLAGS += -DZCG_INIT_BIN='"$(VM_INIT)"'
