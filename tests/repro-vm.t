#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The syzbot-style reproducer on the two test kernels (`make kernels`),
# one VM run each: it must crash the buggy kernel with syzbot's title and
# leave the fixed one alone; on the buggy kernel --detect must exit 1
# naming the fix without crashing. SKIPs when the kernels are not built.
. "$(dirname "$0")/lib/tap.sh"
ZCG=$BUILD/zcguard
R=$BUILD/repro/zc-syzbot
K=$BUILD/kernels
GPF="general protection fault in tcp_zerocopy_receive"

echo "1..3"
why=
[ -e "$K/buggy-6.1/bzImage" ] && [ -e "$K/fixed-6.1/bzImage" ] ||
	why="test kernels not built (make kernels)"
[ -n "$why" ] || [ -x "$R" ] || why="reproducer not built (make)"
[ -n "$why" ] || "$ZCG" vm -h >/dev/null 2>&1 || why="zcguard vm not available"
if [ -n "$why" ]; then
	for t in "buggy: zc-syzbot --crash crashes" "fixed: zc-syzbot --crash OK" \
		 "buggy: zc-syzbot --detect names the fix"; do
		skip "$t" "$why"
	done
	exit 0
fi

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# vm NAME KERNEL CMD...: one VM run, prints the verdict line.
vm() {
	name=$1 kernel=$2
	shift 2
	timeout 300 "$ZCG" vm --kernel "$kernel" --file "$R" --timeout 120 \
		--keep-logs "$logs/$name" -- "$@" >"$logs/$name.out" 2>&1
	echo $? >"$logs/$name.rc"
	sed 's/^/# /' "$logs/$name.out"
}

vm buggy-crash "$K/buggy-6.1/bzImage" zc-syzbot --crash
if grep -qxF "all runs: crashed: $GPF" "$logs/buggy-crash.out"; then
	ok "buggy: zc-syzbot --crash: crashed: $GPF"
else
	nok "buggy: zc-syzbot --crash crashes with '$GPF'"
fi

vm fixed-crash "$K/fixed-6.1/bzImage" zc-syzbot --crash
if grep -qxF "all runs: OK" "$logs/fixed-crash.out" &&
   [ "$(cat "$logs/fixed-crash.rc")" = 0 ]; then
	ok "fixed: zc-syzbot --crash: all runs: OK"
else
	nok "fixed: zc-syzbot --crash: all runs: OK"
fi

vm buggy-detect "$K/buggy-6.1/bzImage" zc-syzbot --detect
if [ "$(cat "$logs/buggy-detect.rc")" = 1 ] &&
   grep -q '^run #[0-9]*: failed' "$logs/buggy-detect.out" &&
   cat "$logs/buggy-detect"/run-*.output 2>/dev/null | grep -q '6cd6cbf593bf'; then
	ok "buggy: zc-syzbot --detect fails naming 6cd6cbf593bf, no crash"
else
	nok "buggy: zc-syzbot --detect fails naming 6cd6cbf593bf, no crash"
fi
