#!/bin/sh
# Unpack from Debian's linux-source tarballs the few files the project
# uses outside a kernel tree: the kselftest harness, checkpatch.pl and the
# kernel's own tcp_mmap.c benchmark (a yardstick for zcguard bench).
#
#   build/ksft       linux-source-6.1  (KSFT_DIR overrides)
#   build/ksft-6.12  linux-source-6.12 (KSFT_DIR_612 overrides)
#
# The selftests build against both harnesses; checkpatch.pl is taken from
# 6.12, the newest rules this machine has, in both places' layout.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)

unpack() {
	ver=$1
	out=$2
	tarball=$(ls /usr/src/linux-source-"$ver".tar.* 2>/dev/null | head -n 1)
	if [ -z "$tarball" ]; then
		echo "ksft-unpack: /usr/src/linux-source-$ver.tar.* missing; run 'make deps'" >&2
		exit 1
	fi
	if [ -f "$out/.stamp" ] && [ "$out/.stamp" -nt "$tarball" ] &&
	   [ -f "$out/tools/testing/selftests/kselftest/runner.sh" ]; then
		return 0
	fi
	dir=$(tar -tf "$tarball" | head -n 1 | cut -d/ -f1)
	rm -rf "$out.tmp"
	mkdir -p "$out.tmp"
	tar -xf "$tarball" -C "$out.tmp" --strip-components=1 \
		"$dir/tools/testing/selftests/kselftest_harness.h" \
		"$dir/tools/testing/selftests/kselftest.h" \
		"$dir/tools/testing/selftests/lib.mk" \
		"$dir/tools/testing/selftests/kselftest/runner.sh" \
		"$dir/tools/testing/selftests/kselftest/prefix.pl" \
		"$dir/tools/testing/selftests/net/tcp_mmap.c" \
		"$dir/scripts/checkpatch.pl" \
		"$dir/scripts/spelling.txt" \
		"$dir/scripts/const_structs.checkpatch"
	rm -rf "$out"
	mv "$out.tmp" "$out"
	touch "$out/.stamp"
	echo "ksft-unpack: linux-source-$ver harness and checkpatch.pl in $out"
}

out61=${KSFT_DIR:-$top/build/ksft}
out612=${KSFT_DIR_612:-$top/build/ksft-6.12}
unpack 6.1 "$out61"
unpack 6.12 "$out612"

# One checkpatch for the whole project: 6.12's (NIPA runs the newest).
for f in checkpatch.pl spelling.txt const_structs.checkpatch; do
	if ! cmp -s "$out612/scripts/$f" "$out61/scripts/$f"; then
		cp "$out612/scripts/$f" "$out61/scripts/$f"
	fi
done
