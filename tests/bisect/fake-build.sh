#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# --build-cmd for the fast tests: "builds" $ZCG_SRC/code into
# $ZCG_OUT/image (comment lines do not make it into the image) and prints
# the image path last, as kernels/build-kernel.sh does.
set -eu
if grep -q BROKEN "$ZCG_SRC/code"; then
	echo "code:3:1: error: BROKEN is not code" >&2
	exit 1
fi
grep -v '^#' "$ZCG_SRC/code" >"$ZCG_OUT/image"
echo "$ZCG_OUT/image"
