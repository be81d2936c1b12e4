#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The BPF parts on Debian's 6.1 kernel, in one `zcguard vm` boot (about
# 15 s under TCG): zcguard trace in each attach mode around the zerocopy
# loop, the cgroup getsockopt selftest, and, when module/zcguard.ko is
# built for that kernel, the tracer against the module's injector with
# the guard in block mode (tests/trace/vm-guest.sh has the checks).
# The TAP printed is the guest's.
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${BUILD:-$TOP/build}
ZCG=$BUILD/zcguard
G=$BUILD/guest
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

skip_all() { echo "1..0 # SKIP $*"; exit 0; }

[ -x "$ZCG" ] && [ -x "$G/zcguard-trace" ] && [ -x "$G/zcguard-zcloop" ] ||
	skip_all "build/zcguard or the static guest tracer missing (run make)"
kernel=$(ls /boot/vmlinuz-6.1.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
[ -n "$kernel" ] || skip_all "no Debian 6.1 cloud kernel in /boot (make deps)"
release=${kernel#/boot/vmlinuz-}

set -- --file "$G/zcguard-trace" --file "$G/zcguard-zcloop" \
	--file "$TOP/tests/trace/vm-guest.sh"

# The cgroup selftest, linked static for the guest.
mkdir -p "$tmp/st"
if make -s -C "$TOP/selftests/net" KSFT_DIR="$BUILD/ksft/tools/testing/selftests" \
	OUTPUT="$tmp/st" LDFLAGS=-static "$tmp/st/tcp_zerocopy_bpf_cgroup" \
	>"$tmp/st.log" 2>&1; then
	set -- "$@" --file "$tmp/st/tcp_zerocopy_bpf_cgroup"
else
	echo "# cgroup selftest not built for the guest:"
	sed 's/^/#   /' "$tmp/st.log" | tail -n 5
fi

# The module's injector, only with a module built for this kernel.
ko=$TOP/module/zcguard.ko
if [ -e "$ko" ] && [ -x "$G/zcg-inject" ] &&
   [ "$(modinfo -F vermagic "$ko" 2>/dev/null | cut -d' ' -f1)" = "$release" ]; then
	cp "$ko" "$tmp/zcguard.ko"
	set -- "$@" --file "$tmp/zcguard.ko" --file "$G/zcg-inject"
else
	echo "# module/zcguard.ko for $release or zcg-inject missing: no injector checks (make module)"
fi

timeout 600 "$ZCG" vm --kernel "$kernel" --timeout 400 --keep-logs "$tmp/logs" \
	"$@" -- vm-guest.sh >"$tmp/vm.log" 2>&1
rc=$?
sed 's/^/# /' "$tmp/vm.log"
out=$tmp/logs/run-0.output
[ "$rc" = 125 ] && skip_all "zcguard vm could not test (exit 125)"
if [ ! -s "$out" ] || ! grep -q '^1\.\.' "$out"; then
	echo "1..1"
	echo "not ok 1 the guest printed no TAP plan (zcguard vm exit $rc)"
	exit 1
fi
grep -E '^(ok|not ok|1\.\.|#)' "$out"
[ "$rc" = 0 ]
