#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of tests/trace-vm.t, run by busybox sh inside `zcguard vm`
# (Debian's 6.1 kernel). Prints TAP; the plan comes last.
#  - zcguard-trace in each attach mode (fentry, kprobe, syscall,
#    raw-syscall) around
#    zcguard-zcloop, in event mode: one record per call (records are
#    taken by polling, not wakeups), the kernel counters agree, every
#    call returned, nothing dropped, no violation; and with -e (entry
#    only), every call counted at entry;
#  - tcp_zerocopy_bpf_cgroup (the cgroup getsockopt selftest), if given;
#  - if zcguard.ko, zcguard_inject.ko and zcg-inject are given: the guard
#    module and the injector (inject=1), guard in
#    block mode, per mode, as is, with -q and with -e (entry only): the
#    tracer flags the injected socket's call at entry (inq 65536,
#    queued 0), the guard blocks it, both count one.
# Arguments: the attach modes to test (default: all four).
MODES=${*:-fentry kprobe syscall raw-syscall}
n=0

ok() { n=$((n + 1)); echo "ok $n $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n $*"; }

# field NAME FILE and totals FILE: the tracer's {"type":"total"...} line
# (totals.sh, given to the VM next to this script).
. "$(dirname "$0")/totals.sh"

for mode in $MODES; do
	out=/tmp/loop-$mode.out
	zcguard-trace -m "$mode" -j -d 120 -- zcguard-zcloop -b 8M \
		>"$out" 2>/tmp/loop-$mode.err
	rc=$?
	calls=$(sed -n 's/^zcloop: calls=\([0-9]*\).*/\1/p' "$out")
	totals "$out"
	sed 's/^/# /' /tmp/loop-$mode.err
	echo "# $mode: loop calls=$calls traced=$kc events=$ev entries=$ent returns=$ret dropped=$drop violations=$viol rc=$rc"
	if [ "$rc" = 0 ] && [ -n "$calls" ] && [ "$calls" -gt 0 ] &&
	   [ "$ev" = "$calls" ] && [ "$kc" = "$calls" ] &&
	   [ "$ent" = "$calls" ] &&
	   [ "$ret" = "$calls" ] && [ "$drop" = 0 ] && [ "$viol" = 0 ]; then
		ok "trace -m $mode around zcloop: one event per call, no violation"
	else
		not_ok "trace -m $mode around zcloop"
	fi
	# -e: no return program, every call counted at entry.
	zcguard-trace -m "$mode" -e -j -d 120 -- zcguard-zcloop -b 4M \
		>"$out" 2>/tmp/loop-$mode.err
	rc=$?
	calls=$(sed -n 's/^zcloop: calls=\([0-9]*\).*/\1/p' "$out")
	echo "# $mode -e: loop calls=$calls entries=$(field entries "$out") returns=$(field returns "$out") violations=$(field violations "$out") rc=$rc"
	if [ "$rc" = 0 ] && [ -n "$calls" ] && [ "$calls" -gt 0 ] &&
	   [ "$(field entries "$out")" = "$calls" ] &&
	   [ "$(field returns "$out")" = 0 ] &&
	   [ "$(field violations "$out")" = 0 ]; then
		ok "trace -m $mode -e around zcloop: every call counted at entry"
	else
		sed 's/^/# /' /tmp/loop-$mode.err
		not_ok "trace -m $mode -e around zcloop"
	fi
done

if [ -x /bin/tcp_zerocopy_bpf_cgroup ]; then
	tcp_zerocopy_bpf_cgroup >/tmp/cg.out 2>&1
	rc=$?
	sed 's/^/# /' /tmp/cg.out
	case $rc in
	0) ok "tcp_zerocopy_bpf_cgroup selftest" ;;
	4) ok "tcp_zerocopy_bpf_cgroup selftest # SKIP $(grep SKIP /tmp/cg.out | head -n 1)" ;;
	*) not_ok "tcp_zerocopy_bpf_cgroup selftest (exit $rc)" ;;
	esac
fi

if [ -e /bin/zcguard.ko ] && [ -e /bin/zcguard_inject.ko ] &&
   [ -x /bin/zcg-inject ]; then
	if ! insmod /bin/zcguard.ko || ! insmod /bin/zcguard_inject.ko inject=1; then
		not_ok "insmod zcguard.ko, zcguard_inject.ko inject=1"
		echo "1..$n"
		exit 1
	fi
	stats=/sys/kernel/debug/zcguard/guard_stats
	# Each mode with a record per call, with -q (counts in the kernel,
	# violation records only) and with -e (no return program at all):
	# all must flag it at entry.
	for run in $(for m in $MODES; do echo "$m" "$m,-q" "$m,-e"; done); do
		mode=${run%%,*}
		q=${run#"$mode"}
		q=${q#,}
		out=/tmp/inj-$mode$q.out
		# shellcheck disable=SC2086
		zcguard-trace -m "$mode" $q -d 60 >"$out" 2>&1 &
		tp=$!
		i=0
		while ! grep -q attached "$out" && [ $i -lt 300 ] &&
		      kill -0 $tp; do
			sleep 0.1
			i=$((i + 1))
		done
		before=$(sed -n 's/.*violations \([0-9]*\).*/\1/p' "$stats")
		zcg-inject block 65536 >/tmp/inject.out 2>&1
		irc=$?
		after=$(sed -n 's/.*violations \([0-9]*\).*/\1/p' "$stats")
		kill -INT $tp
		wait $tp
		trc=$?
		sed 's/^/# /' "$out" /tmp/inject.out
		echo "# guard_stats: $(tr "\n" " " <"$stats")"
		if [ $irc = 0 ]; then
			ok "$mode${q:+ $q}: the guard blocked the injected call"
		else
			not_ok "$mode${q:+ $q}: zcg-inject block exited $irc"
		fi
		v=$(grep -c 'VIOLATION pid=[0-9]* comm=zcg-inject .*inq=65536 queued=0 ' "$out")
		# 6.2+ has bpf_rdonly_cast: the syscall mode must use it.
		case "$mode $(uname -r)" in
		"syscall 6.1."*) ;;
		syscall*) grep -q 'attached (.*direct loads' "$out" || v="no direct loads" ;;
		esac
		total=$(sed -n 's/.*violations: \([0-9]*\)$/\1/p' "$out")
		if [ "$v" = 1 ] && [ "$total" = 1 ] && [ $trc = 1 ]; then
			ok "$mode${q:+ $q}: the tracer flagged the call at entry (inq 65536, queued 0), exit 1"
		else
			not_ok "$mode${q:+ $q}: tracer VIOLATION lines=$v total=$total exit=$trc"
		fi
		if [ -n "$before" ] && [ -n "$after" ] &&
		   [ $((after - before)) = "$total" ]; then
			ok "$mode${q:+ $q}: tracer and guard agree ($total violation)"
		else
			not_ok "$mode${q:+ $q}: guard counted $before -> $after, tracer $total"
		fi
	done
fi
echo "1..$n"
