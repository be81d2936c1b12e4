#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# variant.sh O NAME
#
# Builds the test kernel NAME of kernels/variants into O/NAME/bzImage:
#   O/src-SRC/     Debian's linux-source-SRC, unpacked once, never written
#   O/NAME/src/    hard-linked copy of it; each file a patch touches is
#                  copied first, so patching never writes through a link
#   O/NAME/obj/    make O=... output (incremental)
#   O/NAME/bzImage link to obj/arch/x86/boot/bzImage
# Every variant is laid out alike and CCACHE_BASEDIR is O, so ccache
# serves one variant from the objects of another. The copy is redone
# only when the patch list or a patch changed; the config only when the
# fragments changed (build-kernel.sh).
#
# variant.sh --list      prints the names, one a line
# variant.sh --show NAME prints "SRC FRAGMENTS PATCHES" of NAME
# Environment: JOBS (default 2), VARIANTS (default kernels/variants),
# SRC_DIR (default /usr/src: linux-source-SRC.tar.xz).
# Exit: 0 built, 1 failure, 2 bad arguments or unknown NAME.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
table=${VARIANTS:-$here/variants}
srcdir=${SRC_DIR:-/usr/src}

usage() {
	echo "usage: variant.sh O NAME | --list | --show NAME" >&2
	exit 2
}

lines() {
	sed -e 's/#.*//' "$table" | awk 'NF { print }'
}

# A line must have 4 fields; say which one is wrong.
check_table() {
	lines | awk -v t="$table" 'NF != 4 {
		printf "variant.sh: %s: bad line (need NAME SRC FRAGMENTS PATCHES): %s\n", t, $0 > "/dev/stderr"
		bad = 1
	} { if (seen[$1]++) {
		printf "variant.sh: %s: %s listed twice\n", t, $1 > "/dev/stderr"
		bad = 1
	} } END { exit bad }'
}

show() {
	lines | awk -v n="$1" '$1 == n { print $2, $3, $4; found = 1 }
		END { exit !found }'
}

[ -f "$table" ] || { echo "variant.sh: no table $table" >&2; exit 2; }
check_table || exit 2
case "${1:-}" in
--list)
	[ $# -eq 1 ] || usage
	lines | awk '{ print $1 }'
	exit 0 ;;
--show)
	[ $# -eq 2 ] || usage
	show "$2" || { echo "variant.sh: no variant $2 in $table" >&2; exit 2; }
	exit 0 ;;
esac
[ $# -eq 2 ] || usage
mkdir -p "$1"
O=$(cd "$1" && pwd)
name=$2
spec=$(show "$name") || {
	echo "variant.sh: no variant $name in $table" >&2
	exit 2
}
set -- $spec
ver=$1
frags=$(echo "$2" | tr , ' ')
patches=
[ "$3" = - ] || patches=$(echo "$3" | tr , ' ')

for f in $frags $patches; do
	[ -f "$here/$f" ] || {
		echo "variant.sh: $name: no file kernels/$f" >&2
		exit 1
	}
done

pristine=$O/src-$ver
tarball=$srcdir/linux-source-$ver.tar.xz

# One unpack per source version; a lock keeps two builds from racing.
unpack() {
	[ -f "$pristine/.unpacked" ] && return 0
	[ -r "$tarball" ] || {
		echo "variant.sh: $tarball missing: make deps" >&2
		exit 1
	}
	echo "variant.sh: unpacking $tarball" >&2
	rm -rf "$pristine" "$O/.unpack-$ver"
	mkdir -p "$O/.unpack-$ver"
	tar -xJf "$tarball" -C "$O/.unpack-$ver"
	mv "$O/.unpack-$ver/linux-source-$ver" "$pristine"
	rmdir "$O/.unpack-$ver"
	touch "$pristine/.unpacked"
}
exec 9>"$O/.lock-src-$ver"
flock 9
unpack
flock -u 9

# One build per variant at a time (make run and make check may meet).
dir=$O/$name
mkdir -p "$dir"
exec 8>"$dir/.lock"
flock 8

# The patch list and contents the copy was made with.
want=$(for p in $patches; do
	printf '%s %s\n' "$p" "$(sha1sum <"$here/$p" | cut -d' ' -f1)"
done)
if [ ! -f "$dir/src/.zcg-patches" ] ||
   [ "$want" != "$(cat "$dir/src/.zcg-patches")" ]; then
	echo "variant.sh: $name: copying src-$ver${patches:+ and patching}" >&2
	rm -rf "$dir/src"
	mkdir -p "$dir"
	cp -al "$pristine" "$dir/src"
	rm -f "$dir/src/.unpacked"
	for p in $patches; do
		for f in $(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$here/$p"); do
			cp --remove-destination "$pristine/$f" "$dir/src/$f"
		done
		patch -s -p1 -d "$dir/src" --no-backup-if-mismatch \
			<"$here/$p" || {
			echo "variant.sh: $name: $p does not apply" >&2
			rm -rf "$dir/src"
			exit 1
		}
	done
	printf '%s' "$want" >"$dir/src/.zcg-patches"
fi

# The fragments, concatenated in order: build-kernel.sh merges one file
# and checks every option of it made it into .config.
frag=$dir/fragment.config
tmp=$frag.tmp
for f in $frags; do
	echo "# --- kernels/$f"
	cat "$here/$f"
done >"$tmp"
if cmp -s "$tmp" "$frag"; then
	rm -f "$tmp"
else
	mv "$tmp" "$frag"
fi

start=$(date +%s)
JOBS=${JOBS:-2} CCACHE_BASEDIR=$O \
	"$here/build-kernel.sh" "$dir/src" "$dir/obj" "$frag" >/dev/null
ln -sfn obj/arch/x86/boot/bzImage "$dir/bzImage"
echo "variant.sh: $name: $dir/bzImage ($(($(date +%s) - start)) s)" >&2
