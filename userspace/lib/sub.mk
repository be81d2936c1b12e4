# SPDX-License-Identifier: GPL-2.0
# Generic helpers any sub-command may use (see each header).
ZCG_SRCS += $(wildcard lib/*.c)

# zcg_datadir() knows two places: the share directory `make install`
# fills and this source tree. A change of PREFIX rebuilds it.
PREFIX ?= /usr/local
SHAREDIR := $(PREFIX)/share/zcguard
$(O)/obj/lib/datadir.o: CPPFLAGS += -DZCG_SHAREDIR='"$(SHAREDIR)"' \
	-DZCG_SRCDIR='"$(abspath $(CURDIR)/..)"'
$(O)/obj/lib/datadir.o: $(O)/prefix.stamp
$(O)/prefix.stamp: FORCE
	@mkdir -p $(dir $@)
	@echo '$(SHAREDIR)' | cmp -s - $@ || echo '$(SHAREDIR)' > $@
.PHONY: FORCE
FORCE:
