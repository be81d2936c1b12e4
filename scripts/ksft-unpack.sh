#!/bin/sh
# Unpack from Debian's linux-source-6.1 tarball the few files the project
# uses outside a kernel tree: the kselftest harness, checkpatch.pl and the
# kernel's own tcp_mmap.c benchmark (a yardstick for zcguard bench).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out=${KSFT_DIR:-$top/build/ksft}
tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n 1)

if [ -z "$tarball" ]; then
	echo "ksft-unpack: /usr/src/linux-source-6.1.tar.* missing; run 'make deps'" >&2
	exit 1
fi
if [ -f "$out/.stamp" ] && [ "$out/.stamp" -nt "$tarball" ] &&
   [ -f "$out/tools/testing/selftests/kselftest/runner.sh" ]; then
	exit 0
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
echo "ksft-unpack: harness headers and checkpatch.pl in $out"
