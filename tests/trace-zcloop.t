#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `zcguard trace` around a real TCP_ZEROCOPY_RECEIVE loop (zcguard-zcloop):
# exactly one event per getsockopt call, every call returned, nothing
# dropped, zero invariant violations; -p filters; bad arguments exit 2.
. "$(dirname "$0")/lib/tap.sh"
ZCG=$BUILD/zcguard
LOOP=$BUILD/zcguard-zcloop
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# result STATUS DESC FILE...: ok when STATUS is 0, else the files' tails
# and not ok.
result() {
	st=$1 desc=$2
	shift 2
	[ "$st" = 0 ] && ok "$desc" && return
	sed 's/^/# /' "$@" | tail -n 10
	nok "$desc"
}

# field NAME FILE and totals FILE: the tracer's {"type":"total"...} line.
. "$TOP/tests/trace/totals.sh"

# check NAME OUT LOOPOUT [EVENTS]: the totals agree with the loop's own
# count; EVENTS: the per-call records expected (calls: event mode, 0: -q
# and -s, which count in the kernel and send no record per call).
check() {
	calls=$(sed -n 's/^zcloop: calls=\([0-9]*\).*/\1/p' "$3")
	totals "$2"
	want_ev=${4:-$calls}
	echo "# $1: loop calls=$calls traced calls=$kc events=$ev entries=$ent returns=$ret dropped=$drop missed=$missed violations=$viol"
	if [ -n "$calls" ] && [ "$calls" -gt 0 ] && [ "$kc" = "$calls" ] &&
	   [ "$ev" = "$want_ev" ] &&
	   [ "$ent" = "$calls" ] && [ "$ret" = "$calls" ] &&
	   [ "$drop" = 0 ] && [ "$viol" = 0 ]; then
		ok "$1"
	else
		sed 's/^/# /' "$2" "$3" | tail -n 20
		nok "$1"
	fi
}

[ -x "$ZCG" ] && [ -x "$LOOP" ] || skip_all "build/zcguard or zcguard-zcloop missing (run make)"
[ "$(id -u)" = 0 ] || skip_all "needs root for BPF"
[ -r /sys/kernel/btf/vmlinux ] || skip_all "kernel has no BTF"

echo "1..9"

# 1+2: IPv4 loop as the traced command.
timeout 120 "$ZCG" trace -j -q -d 60 -- "$LOOP" -b 32M \
	>"$tmp/t1" 2>"$tmp/e1"
rc=$?
if [ "$rc" = 3 ]; then
	# Could not attach at all: nothing else can run either.
	skip "trace" "cannot attach: $(tail -n 1 "$tmp/e1")"
	skip_n 5 "cannot attach"
	attached=0
else
	attached=1
	grep '"type":"total"' "$tmp/t1" | sed 's/^/# /'
	if [ "$rc" = 0 ] && grep -q '"type":"total"' "$tmp/t1"; then
		ok "trace runs the loop and exits 0 ($(sed -n 's/.*attached (\(.*\)).*/\1/p' "$tmp/e1"))"
	else
		sed 's/^/# /' "$tmp/e1"
		nok "trace runs the loop and exits 0 (rc=$rc)"
	fi
	grep '^zcloop:' "$tmp/t1" >"$tmp/l1"
	check "IPv4 loop, -q: every call counted in the kernel, no per-call record, no violation" "$tmp/t1" "$tmp/l1" 0

	# 3: IPv6, loop started by a shell (descendants are traced), with
	# per-call events printed: the event lines must match too.
	timeout 120 "$ZCG" trace -j -d 60 -- sh -c "'$LOOP' -6 -b 8M" \
		>"$tmp/t3" 2>"$tmp/e3"
	grep '^zcloop:' "$tmp/t3" >"$tmp/l3"
	lines=$(grep -c '"type":"call"' "$tmp/t3")
	v6=$(grep '"type":"call"' "$tmp/t3" | grep -c '"local":"\[::1\]')
	echo "# IPv6: call lines=$lines with [::1]=$v6"
	if [ "$lines" = "$(field events "$tmp/t3")" ] && [ "$v6" = "$lines" ]; then
		check "IPv6 loop via sh: one event per call, no violation" "$tmp/t3" "$tmp/l3"
	else
		nok "IPv6 loop via sh: call lines $lines, v6 $v6"
	fi

	# 4: -p another process: the loop's calls must not show up.
	sleep 60 &
	other=$!
	timeout 60 "$ZCG" trace -j -q -p "$other" >"$tmp/t4" 2>"$tmp/e4" &
	tr=$!
	i=0
	while ! grep -q attached "$tmp/e4" && [ $i -lt 200 ] &&
	      kill -0 $tr 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	"$LOOP" -b 4M >"$tmp/l4"
	kill -INT $tr
	wait $tr
	rc=$?
	kill $other
	wait $other 2>/dev/null
	ev=$(field calls "$tmp/t4")
	echo "# -p $other while the loop ran: events=$ev rc=$rc"
	if [ "$rc" = 0 ] && [ "$ev" = 0 ] && grep -q '^zcloop:' "$tmp/l4"; then
		ok "-p PID sees only that process; SIGINT ends it cleanly"
	else
		nok "-p PID sees only that process (events=$ev rc=$rc)"
	fi

	# 5: --duration ends a longer loop; the counts still agree (the
	# command is stopped before the totals are read). With the raw
	# sys_enter/sys_exit flavour, the fallback of the syscall mode.
	timeout 60 "$ZCG" trace -m raw-syscall -j -q -d 2 -- "$LOOP" -t 60 \
		>"$tmp/t5" 2>"$tmp/e5"
	grep '^zcloop:' "$tmp/t5" >"$tmp/l5"
	check "--duration 2 stops a 60 s loop, counts agree ($(sed -n 's/.*attached (\([^;]*\);.*/\1/p' "$tmp/e5"))" "$tmp/t5" "$tmp/l5" 0

	# 6: --summary counts in the kernel: the per-second lines add up
	# to the loop's calls and bytes mapped, and no per-call record.
	timeout 120 "$ZCG" trace -j -s -d 60 -- "$LOOP" -b 16M \
		>"$tmp/t6" 2>"$tmp/e6"
	grep '^zcloop:' "$tmp/t6" >"$tmp/l6"
	sc=$(grep '"type":"summary"' "$tmp/t6" |
		sed -n 's/.*"calls":\([0-9]*\).*/\1/p' | awk '{s += $1} END {print s + 0}')
	sm=$(grep '"type":"summary"' "$tmp/t6" |
		sed -n 's/.*"mapped":\([0-9]*\).*/\1/p' | awk '{s += $1} END {print s + 0}')
	lm=$(sed -n 's/^zcloop: .*mapped=\([0-9]*\).*/\1/p' "$tmp/l6")
	echo "# --summary: lines add up to calls=$sc mapped=$sm (loop mapped=$lm)"
	if [ "$sm" = "$lm" ] &&
	   [ "$sc" = "$(sed -n 's/^zcloop: calls=\([0-9]*\).*/\1/p' "$tmp/l6")" ]; then
		check "--summary: per-second lines and totals agree with the loop" "$tmp/t6" "$tmp/l6" 0
	else
		sed 's/^/# /' "$tmp/t6" | tail -n 10
		nok "--summary: lines add up to calls=$sc mapped=$sm"
	fi
fi

# 7: -e, entry only: no return program, so the calls are the entries,
# nothing returned is counted, and the invariant is still checked.
if [ "$attached" = 1 ]; then
	timeout 120 "$ZCG" trace -j -e -d 60 -- "$LOOP" -b 16M \
		>"$tmp/t7" 2>"$tmp/e7"
	rc=$?
	grep '^zcloop:' "$tmp/t7" >"$tmp/l7"
	calls=$(sed -n 's/^zcloop: calls=\([0-9]*\).*/\1/p' "$tmp/l7")
	echo "# -e: loop calls=$calls traced=$(field calls "$tmp/t7") entries=$(field entries "$tmp/t7") returns=$(field returns "$tmp/t7") violations=$(field violations "$tmp/t7") rc=$rc"
	[ "$rc" = 0 ] && [ -n "$calls" ] && [ "$calls" -gt 0 ] &&
	   [ "$(field calls "$tmp/t7")" = "$calls" ] &&
	   [ "$(field entries "$tmp/t7")" = "$calls" ] &&
	   [ "$(field returns "$tmp/t7")" = 0 ] &&
	   [ "$(field violations "$tmp/t7")" = 0 ] &&
	   grep -q 'attached (.*entry only' "$tmp/e7"
	result $? "-e: every call counted at entry, no return program, no violation" "$tmp/e7" "$tmp/t7"
	# 8: --attach-only, the measuring control: attached, nothing
	# counted, and the loop runs as before.
	timeout 120 "$ZCG" trace -j -e --attach-only -d 60 -- "$LOOP" -b 4M \
		>"$tmp/t8" 2>"$tmp/e8"
	rc=$?
	[ "$rc" = 0 ] && grep -q '^zcloop: calls=[1-9]' "$tmp/t8" &&
	   [ "$(field entries "$tmp/t8")" = 0 ] &&
	   grep -q 'attached (.*attach only' "$tmp/e8"
	result $? "--attach-only: attached, the loop ran, nothing counted" "$tmp/e8" "$tmp/t8"
else
	skip_n 2 "cannot attach"
fi

# 9: bad arguments: one line on stderr, exit 2.
bad=0
for args in "-p 0" "-d x" "--nope" "-p 1 -- true" "-e -s"; do
	# shellcheck disable=SC2086
	"$ZCG" trace $args >/dev/null 2>"$tmp/e5"
	rc=$?
	[ "$rc" = 2 ] && [ "$(wc -l <"$tmp/e5")" -ge 1 ] || {
		echo "# '$args' exited $rc"
		bad=1
	}
done
[ $bad = 0 ] && ok "bad arguments exit 2" || nok "bad arguments exit 2"
