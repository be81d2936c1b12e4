# SPDX-License-Identifier: GPL-2.0
#
# Static guest programs that drive zcguard.ko (module/) inside a VM:
#   zcg-modload  load/unload the module, optionally from a fresh netns
#   zcg-ktap     print and check the KTAP the module produced at load
#   zcg-inject   injector + guard + the crashing zerocopy call
#   zcg-cycles   load/unload cycles under a zerocopy receive loop
#   zcg-fuzz     random and malformed writes to every debugfs file

MODTEST_PROGS := modload ktap inject cycles fuzz
MODTEST_BINS  := $(addprefix $(O)/guest/zcg-,$(MODTEST_PROGS))
ALL_TARGETS   += $(MODTEST_BINS)

$(MODTEST_BINS): $(O)/guest/zcg-%: modtest/%.c modtest/gutil.c modtest/gutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -static -o $@ $< modtest/gutil.c
