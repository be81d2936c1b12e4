# SPDX-License-Identifier: GPL-2.0
#
# zcguard: regression tests for TCP_ZEROCOPY_RECEIVE.
#
#   make deps     install every Debian package the project needs (root)
#   make          build the zcguard CLI, the reproducers and the selftests
#   make check    build (test kernels too), run the project's tests and
#                 the selftests
#   make run      the main job: everything in VMs, one verdict table
#   make module   build module/ against KDIR (default: Debian 6.1 cloud)
#   make kernels  build the fixed and buggy 6.1 test kernels

TOP   := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(TOP)/build
KSFT  := $(BUILD)/ksft

# Newest Debian 6.1 cloud headers; KDIR=... picks another kernel.
KDIR ?= $(lastword $(sort $(wildcard /lib/modules/6.1.*-cloud-amd64/build)))

.PHONY: all deps ksft userspace selftests module check run kernels clean

all: userspace selftests

deps:
	sh $(TOP)/scripts/deps.sh

ksft:
	@sh $(TOP)/scripts/ksft-unpack.sh

userspace:
	$(MAKE) -C $(TOP)/userspace O=$(BUILD)

selftests: ksft
	$(MAKE) -C $(TOP)/selftests/net KSFT_DIR=$(KSFT)/tools/testing/selftests

module:
	@test -n "$(KDIR)" || { echo "module: no kernel headers (KDIR); run 'make deps'" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(TOP)/module W=1 modules

kernels:
	$(MAKE) -C $(TOP)/kernels O=$(BUILD)/kernels

# The test kernels are built first so the VM tests run instead of
# skipping, and the bisection test finds their objects in ccache.
check: all kernels
	@sh $(TOP)/tests/run

run: all module
	sh $(TOP)/scripts/run.sh

clean:
	rm -rf $(BUILD)
	$(MAKE) -C $(TOP)/selftests/net KSFT_DIR=$(KSFT)/tools/testing/selftests clean 2>/dev/null || true
	-$(MAKE) -C $(KDIR) M=$(TOP)/module clean 2>/dev/null

# One test kernel of kernels/variants by name: make kernel-buggy-6.1
kernel-%:
	$(MAKE) -C $(TOP)/kernels O=$(BUILD)/kernels $*
