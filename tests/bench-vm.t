#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# zcguard bench --overhead with the module's guards, which only run in a
# VM: zcguard.ko (built for Debian's 6.1 by tests/module-*.t, or here)
# under `zcguard vm`, the static guest bench switching guard_mode between
# off, warn and block in alternating repetitions. Each guard's ratio is
# printed, its kprobe saw the benchmark's calls, and the "none"
# repetitions (guard off) saw none.
. "$(dirname "$0")/module/lib.sh"

Z=$BUILD/zcguard
GB=$BUILD/guest/zcguard-bench
KO=$BUILD/module-6.1
LOG=$BUILD/test-logs/bench-vm
echo "1..3"

# skip_cases REASON: all three checks skip.
skip_cases() {
	for c in "module-warn ratio" "module-block ratio" "guard off in none"; do
		skip "$c" "$1"
	done
	exit 0
}

K61=$KERNEL61
why=""
command -v qemu-system-x86_64 >/dev/null || why="no qemu-system-x86_64"
[ -n "$K61" ] || why="no /boot/vmlinuz-6.1.*-cloud-amd64 (make deps)"
[ -x "$Z" ] && [ -x "$GB" ] || why="zcguard or the guest bench not built (make)"
if [ -z "$why" ] && stale "$KO"; then
	if [ -z "$KDIR61" ]; then
		why="no 6.1 cloud headers to build zcguard.ko (make deps)"
	elif ! build_ko "$KDIR61" "$KO"; then
		why="zcguard.ko does not build (see $KO/build.log)"
	fi
fi
[ -z "$why" ] || skip_cases "$why"

rm -rf "$LOG"
mkdir -p "$LOG"
"$Z" vm --kernel "$K61" --timeout 300 --keep-logs "$LOG" \
	--module "$KO/zcguard.ko" --file "$GB" -- \
	zcguard-bench --overhead null,module-warn,module-block -r 2 -d 0.2 \
	>"$LOG/vm.log" 2>&1
rc=$?
# The guest's output, progress lines (\r, erase-line) split off.
out=$LOG/bench.txt
tr '\r' '\n' <"$LOG/run-0.output" 2>/dev/null |
	sed 's/\x1b\[K//g' >"$out"
sed 's/^/# /' "$LOG/vm.log"
grep -E '^(zcguard bench|guard|none|null|module)' "$out" | sed 's/^/# /'
[ $rc != 125 ] || skip_cases "zcguard vm could not test (exit 125)"

# guard_line NAME: its ratio line, with the kprobe's count of calls > 0
guard_line() {
	grep -Eq "^$1 .* -> [+-][0-9.]+%  \[kprobe counted [1-9][0-9]* calls\]" "$out"
}
[ $rc = 0 ] && guard_line module-warn &&
	ok "module-warn: a ratio, the kprobe counted the calls" ||
	nok "module-warn ratio (zcguard vm exit $rc)" "$out"
[ $rc = 0 ] && guard_line module-block &&
	ok "module-block: a ratio, the kprobe counted the calls" ||
	nok "module-block ratio (zcguard vm exit $rc)" "$out"
grep -q '^none ' "$out" && ! grep -q '^none .*kprobe counted' "$out" &&
	ok "guard off in the none repetitions: the kprobe counted nothing" ||
	nok "guard off in none" "$out"
exit $fail
