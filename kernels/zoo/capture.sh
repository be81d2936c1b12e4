#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# capture.sh [BOOT...]
#
# Boots the crash-zoo kernel (build.sh) in qemu through `zcguard vm` and
# keeps one console log per crash in build/zoo-logs/NAME.log. Nothing is
# titled here: a person reads each log and writes its title into
# kernels/zoo/expected (assemble.sh then makes tests/report/zoo/).
#
# A boot under TCG with KASAN and lockdep takes more than a minute, so
# crashes that leave the kernel running (WARNINGs, KASAN and UBSAN
# reports, ODEBUG, kmemleak; the KASAN and KFENCE KUnit suites) share a
# boot: each trigger writes "zoo: trigger NAME" to /dev/kmsg first and
# split() cuts the console there. An oops panics (CONFIG_PANIC_ON_OOPS),
# and lockdep turns itself off after its first report: one boot each.
# With BOOT names (see boots()), only those. PAR (default 2) boots at once.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
zcg=$top/build/zcguard
kimg=$top/build/kernels/zoo-6.1/arch/x86/boot/bzImage
ko=$top/build/kernels/zoo-crasher/crasher.ko
out=$top/build/zoo-logs
par=${PAR:-2}
mkdir -p "$out"
[ -f "$kimg" ] && [ -f "$ko" ] ||
	{ echo "capture.sh: run kernels/zoo/build.sh first" >&2; exit 2; }

# No KUnit suite runs unless asked; warnings and KASAN reports do not
# end the boot; kmemleak prints what it finds on the console.
base="kunit.filter_glob=none panic_on_warn=0 kasan_multi_shot kmemleak.verbose=1"

# split CONSOLE: one NAME.log per "zoo: trigger NAME" section
split() {
	awk -v out="$out" '
	/zoo: trigger / { if (f) close(f); n = $0; sub(/.*zoo: trigger /, "", n);
			  sub(/[ \r]*$/, "", n); f = out "/" n ".log" }
	f { print > f }' "$1"
}

# ksplit CONSOLE SUITE: one kunit-SUITE-TEST.log per KUnit test case
ksplit() {
	awk -v out="$out" -v suite="$2" '
	/# Subtest: / && !go { go = 1; buf = ""; next }
	go { buf = buf $0 "\n" }
	go && /^(\[[^]]*\] *)? *(not )?ok [0-9]+ / {
		t = $0; gsub(/\r/, "", t); sub(/.*ok [0-9]+ /, "", t); sub(/[ #].*/, "", t);
		f = out "/kunit-" suite "-" t ".log"; gsub(/_/, "-", f);
		sub(/.*\//, "", f); f = out "/" f;
		printf "%s", buf > f; close(f); buf = "" }' "$1"
}

# boot NAME APPEND SHELL-CMD: the raw console in run-NAME/run-0.console
boot() {
	d=$out/run-$1
	rm -rf "$d"
	"$zcg" vm --kernel "$kimg" --timeout 400 --idle-timeout 90 \
		--boot-timeout 200 --append "$base $2" \
		--file "$ko:/bin/crasher.ko" --keep-logs "$d" \
		-- sh -c "$3" >"$d.verdict" 2>&1
	echo "capture: $1: $(tail -1 "$d.verdict")"
}

mark='echo "zoo: trigger $n" > /dev/kmsg'
# one boot, LKDTM types that leave the kernel running
lkdtm_many() {
	cmd=
	for t in "$@"; do
		cmd="$cmd n=lkdtm-$(echo "$t" | tr 'A-Z_' 'a-z-'); $mark;
		echo $t > /sys/kernel/debug/provoke-crash/DIRECT; sleep 1;"
	done
	boot "$1" "" "$cmd" && split "$out/run-$1/run-0.console"
}
# one boot, one crash that ends it
lkdtm_one() {
	n=lkdtm-$(echo "$1" | tr 'A-Z_' 'a-z-')
	boot "$n" "${3:-}" "${2:-}n=$n; $mark;
		echo $1 > /sys/kernel/debug/provoke-crash/DIRECT; sleep 30" &&
		split "$out/run-$n/run-0.console"
}
crasher_many() {
	cmd=
	for m in "$@"; do
		cmd="$cmd n=crasher-$m; $mark; insmod /bin/crasher.ko mode=$m;
		sleep 1; rmmod crasher;"
	done
	# kmemleak ignores objects younger than 5 s: two scans, later
	boot "crasher-$1" "" "$cmd sleep 6; n=crasher-leak; $mark;
		insmod /bin/crasher.ko mode=leak; rmmod crasher; sleep 6;
		echo scan > /sys/kernel/debug/kmemleak; sleep 1;
		echo scan > /sys/kernel/debug/kmemleak; sleep 2" &&
		split "$out/run-crasher-$1/run-0.console"
}
crasher_one() {
	n=crasher-$1
	boot "$n" "" "${2:-}n=$n; $mark; insmod /bin/crasher.ko mode=$1; sleep 30" &&
		split "$out/run-$n/run-0.console"
}
kunit_suite() {
	boot "kunit-$1" "kunit.filter_glob=$1" "sleep 1" &&
		ksplit "$out/run-kunit-$1/run-0.console" "$1"
}

hung='echo 3 > /proc/sys/kernel/hung_task_timeout_secs;
	echo 1 > /proc/sys/kernel/hung_task_panic; '
soft='echo 1 > /proc/sys/kernel/softlockup_panic;
	echo 2 > /proc/sys/kernel/watchdog_thresh; '

boots() {
	cat <<'B'
kunit_suite kasan
kunit_suite kfence
lkdtm_many WARNING WARNING_MESSAGE REFCOUNT_INC_OVERFLOW REFCOUNT_DEC_ZERO REFCOUNT_DEC_NEGATIVE REFCOUNT_INC_ZERO ARRAY_BOUNDS SLAB_LINEAR_OVERFLOW READ_AFTER_FREE WRITE_AFTER_FREE READ_BUDDY_AFTER_FREE WRITE_BUDDY_AFTER_FREE SLAB_FREE_DOUBLE SLAB_FREE_CROSS SLAB_FREE_PAGE
lkdtm_one VMALLOC_LINEAR_OVERFLOW
crasher_many odebugfree odebuginit shift kvmalloc atomic rcu
crasher_one circular
crasher_one recursive
crasher_one badunlock
crasher_one lockheld
crasher_one nonstatic
lkdtm_one PANIC
lkdtm_one BUG
lkdtm_one EXCEPTION
lkdtm_one CORRUPT_STACK
lkdtm_one CORRUPT_LIST_ADD
lkdtm_one STACK_GUARD_PAGE_LEADING
lkdtm_one WRITE_RO
lkdtm_one EXEC_NULL
lkdtm_one USERCOPY_KERNEL
lkdtm_one HUNG_TASK "$hung"
lkdtm_one SOFTLOCKUP "$soft"
crasher_one divide
crasher_one ud2
crasher_one vmbug
crasher_one timernull
lkdtm_one DOUBLE_FAULT
lkdtm_one FORTIFY_MEM_MEMBER
lkdtm_one ACCESS_USERSPACE
B
}

boots | while IFS= read -r b; do
	if [ $# -gt 0 ]; then
		w=0
		for a in "$@"; do
			case " $b " in *" $a "*) w=1 ;; esac
		done
		[ $w = 1 ] || continue
	fi
	echo "$b"
done >"$out/.boots"
i=0
while [ $i -lt "$par" ]; do
	awk -v i=$i -v p="$par" 'NR % p == i' "$out/.boots" |
		while IFS= read -r b; do eval "$b"; done &
	i=$((i + 1))
done
wait
