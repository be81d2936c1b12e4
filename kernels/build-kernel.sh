#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-kernel.sh SRC OUT [FRAGMENT]
#
# Builds the zcguard test kernel from the kernel tree SRC into the
# output directory OUT (make O=OUT; SRC is never written to) and prints
# the path of the bzImage on stdout. The config is tinyconfig plus
# FRAGMENT (default: zcguard.config next to this script); it is only
# regenerated when the fragment changed, so a second call is an
# incremental build: after touching one .c file, seconds.
#
# Environment: JOBS (default 2), CCACHE_BASEDIR (default: the deepest
# directory holding both SRC and OUT, so two trees laid out alike, e.g.
# X/fixed/{src,obj} and X/buggy/{src,obj}, share ccache hits),
# ZCG_NO_CCACHE=1 to compile without ccache.
# Exit: 0 built, 1 build or config failure, 2 bad arguments.
#
# Reused by the bisect driver on every commit of a 6.1-based history.

set -eu

usage() {
	echo "usage: build-kernel.sh SRC OUT [FRAGMENT]" >&2
	exit 2
}

[ $# -ge 2 ] && [ $# -le 3 ] || usage
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$1/Makefile" ] && [ -f "$1/Kconfig" ] || {
	echo "build-kernel.sh: $1 is not a kernel source tree" >&2
	exit 2
}
frag=${3:-$here/zcguard.config}
[ -f "$frag" ] || { echo "build-kernel.sh: no fragment $frag" >&2; exit 2; }
src=$(cd "$1" && pwd)
frag=$(cd "$(dirname "$frag")" && pwd)/$(basename "$frag")
mkdir -p "$2"
out=$(cd "$2" && pwd)
jobs=${JOBS:-2}

# Deepest common parent of src and out: ccache rewrites absolute paths
# below it to relative ones, which is what makes two copies of the
# source hit the same cache entries.
common=$src
while :; do
	case "$out/" in "$common"/*) break ;; esac
	common=$(dirname "$common")
done
[ "$common" = / ] && common=
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$common}"
export CCACHE_NOHASHDIR=1
export KBUILD_BUILD_USER=zcguard KBUILD_BUILD_HOST=zcguard

if [ "${ZCG_NO_CCACHE:-0}" = 1 ]; then
	cc=gcc
else
	cc="ccache gcc"
fi

kmake() {
	make -s -C "$src" O="$out" CC="$cc" HOSTCC="$cc" "$@"
}

# Regenerate .config only when the fragment changed: an identical
# .config keeps every object up to date.
if ! cmp -s "$frag" "$out/zcguard.config.applied"; then
	echo "build-kernel.sh: configuring $out (tinyconfig + $(basename "$frag"))" >&2
	kmake tinyconfig >&2
	# merge_config.sh leaves its temporary files in the current
	# directory when interrupted: run it in the output directory.
	(cd "$out" && "$src/scripts/kconfig/merge_config.sh" -m -O "$out" \
		"$out/.config" "$frag" >/dev/null)
	kmake olddefconfig >&2
	# Kconfig drops what it cannot satisfy without a word: check.
	missing=$(grep -E '^(CONFIG_[A-Z0-9_]+=.*|# CONFIG_[A-Z0-9_]+ is not set)$' "$frag" |
		while IFS= read -r line; do
			grep -qxF "$line" "$out/.config" || echo "$line"
		done)
	if [ -n "$missing" ]; then
		echo "build-kernel.sh: config options not applied:" >&2
		echo "$missing" >&2
		exit 1
	fi
	cp "$frag" "$out/zcguard.config.applied"
fi

kmake -j"$jobs" bzImage >&2
# A kernel with modules (kunit-6.12) also needs Module.symvers, which
# only `make modules` writes, for out-of-tree modules built against it.
if grep -qx 'CONFIG_MODULES=y' "$out/.config"; then
	kmake -j"$jobs" modules >&2
fi
echo "$out/arch/x86/boot/bzImage"
