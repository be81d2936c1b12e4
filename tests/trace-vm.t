#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The BPF parts in `zcguard vm` (TCG): on Debian's 6.1 kernel, zcguard
# trace in each attach mode around the zerocopy loop and the cgroup
# getsockopt selftest; on 6.12, the syscall mode, whose fast flavour
# (bpf_rdonly_cast) 6.1 lacks. With zcguard.ko built for the kernel
# (build/module-6.1 or module/, build/module-6.12), the tracer also meets
# the module's injector with the guard in block mode, plain, -q and -e
# (tests/trace/vm-guest.sh has the checks). About 30 s per boot.
. "$(dirname "$0")/lib/tap.sh"
ZCG=$BUILD/zcguard
G=$BUILD/guest
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x "$ZCG" ] && [ -x "$G/zcguard-trace" ] && [ -x "$G/zcguard-zcloop" ] ||
	skip_all "build/zcguard or the static guest tracer missing (run make)"
kernel=$(ls /boot/vmlinuz-6.1.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
[ -n "$kernel" ] || skip_all "no Debian 6.1 cloud kernel in /boot (make deps)"

# The cgroup selftest, linked static for the guest.
mkdir -p "$tmp/st"
if make -s -C "$TOP/selftests/net" KSFT_DIR="$BUILD/ksft/tools/testing/selftests" \
	OUTPUT="$tmp/st" LDFLAGS=-static "$tmp/st/tcp_zerocopy_bpf_cgroup" \
	>"$tmp/st.log" 2>&1; then
	cg="--file $tmp/st/tcp_zerocopy_bpf_cgroup"
else
	cg=""
	echo "# cgroup selftest not built for the guest:"
	sed 's/^/#   /' "$tmp/st.log" | tail -n 5
fi

# inject_files KO KERNEL: the --file arguments for the guard module KO and
# the injector module next to it, only with modules built for that kernel.
inject_files() {
	release=${2#/boot/vmlinuz-}
	if [ -e "$1" ] && [ -e "$(dirname "$1")/zcguard_inject.ko" ] &&
	   [ -x "$G/zcg-inject" ] &&
	   [ "$(modinfo -F vermagic "$1" 2>/dev/null | cut -d' ' -f1)" = "$release" ]; then
		cp "$1" "$tmp/zcguard-$release.ko"
		cp "$(dirname "$1")/zcguard_inject.ko" "$tmp/zcguard_inject-$release.ko"
		echo "--file $tmp/zcguard-$release.ko:/bin/zcguard.ko --file $tmp/zcguard_inject-$release.ko:/bin/zcguard_inject.ko --file $G/zcg-inject"
	else
		echo "# $1 for $release or zcg-inject missing: no injector checks (make module)" >&2
	fi
}

# boot NAME KERNEL FILES [MODES]: one VM (FILES: more --file arguments,
# MODES: the guest's attach modes); its TAP lines are added to $tmp/tap
# with NAME in front, the guest's own plan and numbers dropped.
boot() {
	base="--file $G/zcguard-trace --file $G/zcguard-zcloop --file $TOP/tests/trace/vm-guest.sh --file $TOP/tests/trace/totals.sh"
	# shellcheck disable=SC2086
	timeout 600 "$ZCG" vm --kernel "$2" --timeout 400 \
		--keep-logs "$tmp/logs-$1" $base $3 -- vm-guest.sh ${4:-} \
		>"$tmp/vm-$1.log" 2>&1
	rc=$?
	sed "s/^/# $1: /" "$tmp/vm-$1.log"
	out=$tmp/logs-$1/run-0.output
	[ "$rc" = 125 ] && skip_all "zcguard vm could not test $1 (exit 125)"
	if [ ! -s "$out" ] || ! grep -q '^1\.\.' "$out"; then
		echo "not ok $1: the guest printed no TAP plan (zcguard vm exit $rc)" >>"$tmp/tap"
		return
	fi
	grep -E '^(ok|not ok|#)' "$out" |
		sed -E "s/^(ok|not ok) [0-9]+ /\1 $1: /" >>"$tmp/tap"
	[ "$rc" = 0 ] || echo "not ok $1: zcguard vm exit $rc" >>"$tmp/tap"
}

: >"$tmp/tap"
# tests/module-*.t build the module into build/module-<version>; a
# `make module` build in module/ serves too.
ko61=$BUILD/module-6.1/zcguard.ko
[ -e "$ko61" ] || ko61=$TOP/module/zcguard.ko
boot 6.1 "$kernel" "$cg $(inject_files "$ko61" "$kernel")"
# 6.12 has bpf_rdonly_cast: the syscall mode's fast flavour, and with -e
# its lean path, meet a real violation there.
k612=$(ls /boot/vmlinuz-6.12.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
if [ -n "$k612" ]; then
	boot 6.12 "$k612" "$(inject_files "$BUILD/module-6.12/zcguard.ko" "$k612")" syscall
else
	echo "ok 6.12: # SKIP no Debian 6.12 cloud kernel in /boot" >>"$tmp/tap"
fi
awk '/^(ok|not ok)/ { n++; sub(/^ok /, "ok " n " "); sub(/^not ok /, "not ok " n " ") } { print } END { print "1.." n }' "$tmp/tap"
! grep -q '^not ok' "$tmp/tap"
