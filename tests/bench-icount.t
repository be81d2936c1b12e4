#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# zcguard bench --vm 6.1 --check: the deterministic regression check, one
# short VM boot each of Debian's 6.1 and 6.12 under qemu icount. The zc
# receiver's guest instructions per MB (64K, msg_zc sender) must stay
# within 1% of userspace/bench/baselines/debian-6.1.json (debian-6.12.json
# for 6.12) on an unchanged tree, and the
# verdict comes back as JSON. ZCG_BENCH_FULL=1 adds the two proofs that
# it catches regressions (three more boots): --inject-zc-calls 1 (one
# extra getsockopt per zc receive, about +2%), and the perf-6.1 test
# kernel (kernels/perf-0001-*.patch, about +10%) against the fixed-6.1
# baseline, which fixed-6.1 itself passes (that baseline holds the
# longer repetitions and the 2% tolerance a KASAN test kernel needs).
. "$(dirname "$0")/lib/tap.sh"
Z=$BUILD/zcguard
K61=$(ls /boot/vmlinuz-6.1.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
K612=$(ls /boot/vmlinuz-6.12.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
full=${ZCG_BENCH_FULL:-0}
echo "1..6"

why=""
command -v qemu-system-x86_64 >/dev/null || why="no qemu-system-x86_64"
[ -n "$K61" ] || why="no /boot/vmlinuz-6.1.*-cloud-amd64 (make deps)"
[ -x "$Z" ] && [ -x "$BUILD/guest/zcguard-bench" ] ||
	why="zcguard or the guest bench not built (make)"
if [ -n "$why" ]; then
	skip_n 6 "$why"
	exit 0
fi

$Z bench --vm 6.1 --check --json "$tmp/ok.json" >"$tmp/out" 2>&1; rc=$?
sed 's/^/# /' "$tmp/out"
[ $rc = 0 ] && grep -q '^verdict: OK' "$tmp/out" &&
	ok "unchanged tree on Debian 6.1: exit 0, verdict OK" ||
	nok "unchanged tree on Debian 6.1: exit $rc"
grep -q '"verdict": "ok"' "$tmp/ok.json" &&
	grep -q '"zc_kinsn_per_mb": [0-9]' "$tmp/ok.json" &&
	ok "JSON: verdict ok, zc_kinsn_per_mb" || nok "JSON verdict missing"

# 6.12 against its own baseline (debian-6.12.json): the guest's
# repeatable set-up (guest_setup.c) is what makes it deterministic.
if [ -z "$K612" ]; then
	skip "unchanged tree on Debian 6.12" "no /boot/vmlinuz-6.12.*"
else
	$Z bench --vm 6.12 --check >"$tmp/out" 2>&1; rc=$?
	sed 's/^/# /' "$tmp/out"
	[ $rc = 0 ] && grep -q '^verdict: OK' "$tmp/out" &&
		ok "unchanged tree on Debian 6.12: exit 0, verdict OK" ||
		nok "unchanged tree on Debian 6.12: exit $rc"
fi

if [ "$full" != 1 ]; then
	skip "injected 1 extra zc call caught" "ZCG_BENCH_FULL=1 (one more boot)"
	skip "fixed-6.1 passes its baseline" "ZCG_BENCH_FULL=1 (one more boot)"
	skip "perf-6.1 kernel caught" "ZCG_BENCH_FULL=1 (one more boot)"
	exit $fail
fi
$Z bench --vm 6.1 --check --inject-zc-calls 1 >"$tmp/out" 2>&1; rc=$?
sed 's/^/# /' "$tmp/out"
[ $rc = 1 ] && grep -q '^verdict: REGRESSION' "$tmp/out" &&
	ok "one extra syscall per zc receive: exit 1, REGRESSION" ||
	nok "injected regression not caught: exit $rc"
FB=$TOP/userspace/bench/baselines/fixed-6.1.json
F=$BUILD/kernels/fixed-6.1/bzImage
P=$BUILD/kernels/perf-6.1/bzImage
if [ ! -e "$F" ]; then
	skip "fixed-6.1 passes its baseline" "no $F (make kernel-fixed-6.1)"
else
	$Z bench --vm fixed-6.1 --check --baseline "$FB" >"$tmp/out" 2>&1
	rc=$?
	sed 's/^/# /' "$tmp/out"
	[ $rc = 0 ] && grep -q '^verdict: OK' "$tmp/out" &&
		ok "fixed-6.1 against its own baseline: exit 0, verdict OK" ||
		nok "fixed-6.1 against its own baseline: exit $rc"
fi
if [ ! -e "$P" ]; then
	skip "perf-6.1 kernel caught" "no $P (make kernel-perf-6.1)"
	exit $fail
fi
$Z bench --vm perf-6.1 --check \
	--baseline "$FB" \
	>"$tmp/out" 2>&1; rc=$?
sed 's/^/# /' "$tmp/out"
[ $rc = 1 ] && grep -q '^verdict: REGRESSION' "$tmp/out" &&
	ok "perf-6.1 kernel vs the fixed-6.1 baseline: exit 1, REGRESSION" ||
	nok "perf-6.1 kernel not caught: exit $rc"
exit $fail
