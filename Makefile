# SPDX-License-Identifier: GPL-2.0
#
# zcguard: regression tests for TCP_ZEROCOPY_RECEIVE.
#
#   make deps     install every Debian package the project needs (root)
#   make          build the zcguard CLI, the reproducers and the selftests
#   make check    build (test kernels too), run the project's tests and
#                 the selftests
#   make run      the main job: everything in VMs, one verdict table
#   make module   build the modules for Debian's 6.1 and 6.12 cloud kernels
#                 into build/module-6.1/ and build/module-6.12/
#                 (make modules-6.1, modules-6.12: one of them; with
#                 KDIR=DIR: against that tree, in module/)
#   make kernels  build the test kernels of kernels/variants (make kernel-NAME: one)

TOP   := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(TOP)/build
KSFT  := $(BUILD)/ksft

# The newest Debian cloud headers of each series the modules build for.
KDIR_6.1  ?= $(lastword $(sort $(wildcard /lib/modules/6.1.*-cloud-amd64/build)))
KDIR_6.12 ?= $(lastword $(sort $(wildcard /lib/modules/6.12.*-cloud-amd64/build)))
# The KUnit test kernel's object tree (make kernel-kunit-6.12 first).
KDIR_kunit-6.12 ?= $(wildcard $(BUILD)/kernels/kunit-6.12/obj)
# KDIR=... given: `make module` builds against it in module/.
MODULE_KDIR := $(if $(filter undefined,$(origin KDIR)),,$(KDIR))
KDIR ?= $(KDIR_6.1)
MODULE_SRCS := $(TOP)/module/Kbuild $(filter-out %.mod.c,$(wildcard $(TOP)/module/*.[ch]))

.PHONY: all deps ksft userspace selftests module check run kernels clean patches intree install

all: userspace selftests

deps:
	sh $(TOP)/scripts/deps.sh

ksft:
	@sh $(TOP)/scripts/ksft-unpack.sh

userspace:
	$(MAKE) -C $(TOP)/userspace O=$(BUILD)

# Built against linux-source-6.12's harness (the newest here);
# tests/selftests-build.t builds against 6.1's too.
selftests: ksft
	$(MAKE) -C $(TOP)/selftests/net KSFT_DIR=$(BUILD)/ksft-6.12/tools/testing/selftests

ifeq ($(MODULE_KDIR),)
module: modules-6.1 modules-6.12
else
module:
	nice $(MAKE) -C $(MODULE_KDIR) M=$(TOP)/module W=1 modules
endif

# zcguard.ko, zcguard_test.ko, zcguard_inject.ko for one kernel series:
# module/'s sources copied to build/module-V (cp -p: unchanged files keep
# their times, so the build is incremental) and built there, so the 6.1
# and 6.12 builds never clobber each other or the tree.
modules-%:
	@test -n "$(KDIR_$*)" || { echo "modules-$*: no kernel tree for $* (Debian headers: make deps; a test kernel: make kernel-$*)" >&2; exit 1; }
	@mkdir -p $(BUILD)/module-$*
	@cp -p $(MODULE_SRCS) $(BUILD)/module-$*/
	nice $(MAKE) -C $(KDIR_$*) M=$(BUILD)/module-$* W=1 modules

kernels:
	$(MAKE) -C $(TOP)/kernels O=$(BUILD)/kernels

# The test kernels are built first so the VM tests run instead of
# skipping, and the bisection test finds their objects in ccache.
# Both install what is missing first (the same idempotent deps script),
# so a fresh machine needs only these two commands.
# Only the test kernels the tests boot are built here (make kernels
# builds every line of kernels/variants; make run builds on demand).
CHECK_KERNELS := fixed-6.1 buggy-6.1 perf-6.1
# guest-ksft: the static selftests, so mutate-one.t runs one mutant.
check: deps
	$(MAKE) all guest-ksft $(addprefix kernel-,$(CHECK_KERNELS))
	@sh $(TOP)/tests/run

# The main job: every plans/*.plan row; kernels are built on demand.
run: deps
	$(MAKE) all module guest-ksft
	$(BUILD)/zcguard run $(RUN_ARGS)

# make install [PREFIX=/usr/local] [DESTDIR=]: the CLI in bin/, the data
# it finds through zcg_datadir() (kernels/, plans/, the guest programs)
# in share/zcguard/.
PREFIX ?= /usr/local
SHARE  := $(DESTDIR)$(PREFIX)/share/zcguard
install:
	$(MAKE) -C $(TOP)/userspace O=$(BUILD) PREFIX=$(PREFIX)
	install -D -m 755 $(BUILD)/zcguard $(DESTDIR)$(PREFIX)/bin/zcguard
	mkdir -p $(SHARE)/build
	cp -R $(TOP)/kernels $(TOP)/plans $(SHARE)/
	cp -R $(BUILD)/repro $(BUILD)/guest $(SHARE)/build/
	-test -d $(BUILD)/guest-ksft && cp -R $(BUILD)/guest-ksft $(SHARE)/build/

clean:
	rm -rf $(BUILD)
	$(MAKE) -C $(TOP)/selftests/net KSFT_DIR=$(KSFT)/tools/testing/selftests clean 2>/dev/null || true
	-$(MAKE) -C $(KDIR) M=$(TOP)/module clean 2>/dev/null

# One test kernel of kernels/variants by name: make kernel-buggy-6.1
kernel-%:
	$(MAKE) -C $(TOP)/kernels O=$(BUILD)/kernels $*

# Static selftest builds for the guests (zcguard run rows with ksft =).
guest-ksft: ksft
	@mkdir -p $(BUILD)/guest-ksft
	$(MAKE) -s -C $(TOP)/selftests/net KSFT_DIR=$(BUILD)/ksft-6.12/tools/testing/selftests \
		OUTPUT=$(BUILD)/guest-ksft LDFLAGS=-static

# The upstream series generated from selftests/ (build/patches/), and
# the in-tree flow: apply it to linux-source 6.12 and 6.1, build with the
# tree's kselftest make, install (docs/upstream.md).
patches: ksft
	sh $(TOP)/scripts/patches.sh

intree: patches
	sh $(TOP)/scripts/intree.sh
