# SPDX-License-Identifier: GPL-2.0
#
# Static guest programs that drive the zcguard modules (module/) in a VM:
#   zcg-modload  load/unload a module, optionally from a fresh netns
#   zcg-ktap     print and check the KTAP zcguard_test.ko produced at load
#   zcg-inject   injector + guard + the crashing zerocopy call
#   zcg-cycles   load/unload cycles of the guard under a zerocopy loop
#   zcg-fuzz     random and malformed writes to every debugfs file

MODTEST_PROGS := modload ktap inject cycles fuzz
MODTEST_BINS  := $(addprefix $(O)/guest/zcg-,$(MODTEST_PROGS))
MODTEST_LIB   := modtest/gutil.c lib/netns.c
ALL_TARGETS   += $(MODTEST_BINS)

$(MODTEST_BINS): $(O)/guest/zcg-%: modtest/%.c $(MODTEST_LIB) modtest/gutil.h lib/netns.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -static -o $@ $< $(MODTEST_LIB)
