#!/bin/sh
# The in-tree flow a netdev maintainer runs (docs/upstream.md): for
# linux-source 6.12 and 6.1, unpack the parts of the tree the kselftest
# build needs into build/intree/linux-V, commit them pristine in git,
# apply the series (build/patches, build/patches-6.1) with git am, build
# with the tree's own make -C tools/testing/selftests TARGETS=... and
# install. With ZCG_INTREE_VM=1, the installed run_kselftest.sh then
# runs inside zcguard vm on the Debian kernels, every test kernel in
# build/kernels/NAME-6.1{,2}/bzImage, and any given in
# ZCG_INTREE_KERNELS="NAME=bzImage ..." (logs: build/intree/vm/NAME).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/intree
target=net/tcp_zerocopy
mkdir -p "$out"

# Only what tools/testing/selftests needs: its own tree, the top
# Makefile and scripts, the uapi headers, LICENSES for the SPDX lines.
members="Makefile tools scripts include/uapi arch/x86/include/uapi usr/include"

unpack() {
	ver=$1
	d=$out/linux-$ver
	[ -d "$d/.git" ] && return 0
	tarball=$(ls /usr/src/linux-source-"$ver".tar.* | head -n 1)
	top_dir=$(tar -tf "$tarball" | head -n 1 | cut -d/ -f1)
	list=""
	for m in $members; do
		list="$list $top_dir/$m"
	done
	rm -rf "$d.tmp"
	mkdir -p "$d.tmp"
	t0=$(date +%s)
	# shellcheck disable=SC2086
	nice tar -xf "$tarball" -C "$d.tmp" --strip-components=1 \
		--ignore-failed-read $list 2>/dev/null || true
	git -C "$d.tmp" init -q
	git -C "$d.tmp" add -A
	git -C "$d.tmp" -c user.name=zcguard -c user.email=zcguard@localhost \
		commit -q -m "linux-source-$ver, pristine (tools, scripts, uapi)"
	git -C "$d.tmp" tag pristine
	mv "$d.tmp" "$d"
	echo "intree: linux-source-$ver unpacked and committed in $(( $(date +%s) - t0 )) s ($(du -sh "$d" | cut -f1))"
}

apply_build() {
	ver=$1
	series=$2
	d=$out/linux-$ver
	inst=$out/install-$ver
	# Our own throwaway tree: back to the pristine commit each run.
	git -C "$d" am --abort >/dev/null 2>&1 || true
	git -C "$d" checkout -q -f pristine 2>/dev/null
	git -C "$d" clean -q -fdx
	if ! git -C "$d" -c user.name=zcguard -c user.email=zcguard@localhost \
		am -q "$series"/0[0-9][0-9][1-9]-*.patch; then
		echo "intree: linux-$ver: git am FAILED" >&2
		return 1
	fi
	echo "intree: linux-$ver: git am applied $(ls "$series"/0[0-9][0-9][1-9]-*.patch | wc -l) patches"
	t0=$(date +%s)
	nice make -s -C "$d/tools/testing/selftests" TARGETS="$target" \
		LDFLAGS=-static >"$out/build-$ver.log" 2>&1 || {
		echo "intree: linux-$ver: build FAILED (see $out/build-$ver.log)" >&2
		return 1
	}
	warn=$(grep -c 'warning:' "$out/build-$ver.log" || true)
	rm -rf "$inst"
	nice make -s -C "$d/tools/testing/selftests" TARGETS="$target" \
		LDFLAGS=-static INSTALL_PATH="$inst" install \
		>>"$out/build-$ver.log" 2>&1 || {
		echo "intree: linux-$ver: install FAILED" >&2
		return 1
	}
	echo "intree: linux-$ver: built and installed in $(( $(date +%s) - t0 )) s, $warn warnings: $(ls "$inst/$target" | grep -c '^tcp_zerocopy_[a-z_]*$') programs in $inst"
}

vm_run() {
	ver=$1
	name=$2
	kernel=$3
	inst=$out/install-$ver
	files=""
	for f in $(cd "$inst" && find . -type f | sed 's|^\./||'); do
		files="$files --file $inst/$f:/ksft/$f"
	done
	logs=$out/vm/$name
	rm -rf "$logs"
	mkdir -p "$logs"
	t0=$(date +%s)
	# shellcheck disable=SC2086
	"$top/build/zcguard" vm --kernel "$kernel" --timeout 900 --boot-timeout 300 \
		--keep-logs "$logs" --json "$logs/vm.json" $files -- \
		sh -c "cd /ksft && ./run_kselftest.sh" >"$logs/vm.out" 2>&1 || true
	# The TAP counts and the runs' summary from vm's JSON, not its print.
	echo "intree: $name (linux-$ver's run_kselftest.sh, $(( $(date +%s) - t0 )) s): $(jq -r '.tests as $t |
		(if $t.ok + $t.not_ok + $t.skipped > 0
		 then "tests: \($t.ok) ok, \($t.not_ok) not ok, \($t.skipped) skipped"
		 else "no TAP" end) + "; " + .summary' "$logs/vm.json" 2>/dev/null ||
		echo "no verdict (see $logs/vm.out)")"
	grep '^not ok' "$logs/run-0.output" 2>/dev/null | sed 's/^/intree:   /' || true
}

status=0
unpack 6.12
unpack 6.1
apply_build 6.12 "$top/build/patches" || status=1
apply_build 6.1 "$top/build/patches-6.1" || status=1

if [ "${ZCG_INTREE_VM:-0}" = 1 ] && [ "$status" = 0 ]; then
	k61=$(ls /boot/vmlinuz-6.1.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
	k612=$(ls /boot/vmlinuz-6.12.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
	if [ -n "$k61" ]; then vm_run 6.1 debian-6.1 "$k61"; fi
	if [ -n "$k612" ]; then vm_run 6.12 debian-6.12 "$k612"; fi
	# The test kernels that exist (kernels/variants names).
	for k in "$top"/build/kernels/*-6.1*/bzImage; do
		[ -f "$k" ] || continue
		kn=$(basename "$(dirname "$k")")
		case $kn in
		*-6.1) vm_run 6.1 "$kn" "$k" ;;
		*-6.12) vm_run 6.12 "$kn" "$k" ;;
		esac
	done
	for kv in ${ZCG_INTREE_KERNELS:-}; do
		case ${kv%%=*} in
		*-6.1) vm_run 6.1 "${kv%%=*}" "${kv#*=}" ;;
		*) vm_run 6.12 "${kv%%=*}" "${kv#*=}" ;;
		esac
	done
fi
exit $status
