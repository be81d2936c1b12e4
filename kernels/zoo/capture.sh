#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# capture.sh [NAME...]
#
# Boots the crash-zoo kernel (build.sh) in qemu, one crash per boot, and
# keeps each console log in build/zoo-logs/NAME.log, from 15 lines before
# the trigger to the end. Nothing is titled here: a person reads each log
# and writes its title into kernels/zoo/expected (assemble.sh then makes
# tests/report/zoo/NAME.log). Only ever boots in qemu (`zcguard vm`, and
# plain qemu with two CPUs for the RCU stall). With names, only those.
# Environment: PAR (default 2) boots at once.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
zcg=$top/build/zcguard
kimg=$top/build/kernels/zoo-6.1/arch/x86/boot/bzImage
ko=$top/build/kernels/zoo-crasher/crasher.ko
out=$top/build/zoo-logs
par=${PAR:-2}
mkdir -p "$out"
[ -f "$kimg" ] || { echo "capture.sh: no $kimg (run build.sh)" >&2; exit 2; }

# No kunit suite runs unless a name asks for it; warnings do not panic.
base="kunit.filter_glob=none panic_on_warn=0"

trim() {
	awk '/lkdtm: Performing|crasher: mode=|# Subtest: |zoo: trigger/ && !s { s = NR }
	     { l[NR] = $0 } END { b = s > 15 ? s - 15 : 1;
	     for (i = b; i <= NR; i++) print l[i] }' "$1" >"$2"
}

# boot NAME APPEND SHELL-CMD
boot() {
	name=$1 app=$2 cmd=$3
	d=$out/run-$name
	rm -rf "$d"
	"$zcg" vm --kernel "$kimg" --timeout 150 --idle-timeout 60 \
		--boot-timeout 120 --append "$base $app" \
		--file "$ko:/bin/crasher.ko" --keep-logs "$d" \
		-- sh -c "echo zoo: trigger; $cmd" >"$d.verdict" 2>&1
	trim "$d/run-0.console" "$out/$name.log"
	echo "capture: $name: $(tail -1 "$d.verdict")"
}

lkdtm() { boot "lkdtm-$(echo "$1" | tr 'A-Z_' 'a-z-')" "${2:-}" \
	"${3:-}echo $1 > /sys/kernel/debug/provoke-crash/DIRECT; sleep 5"; }
crasher() { boot "crasher-$1" "${2:-}" \
	"${3:-}insmod /bin/crasher.ko mode=$1; sleep ${4:-3}"; }
kunit() { boot "kunit-$1-$(echo "$2" | tr _ -)" \
	"kunit.filter_glob=$1.$2" "sleep 1"; }

hung='echo 3 > /proc/sys/kernel/hung_task_timeout_secs;
	echo 1 > /proc/sys/kernel/hung_task_panic; '
soft='echo 1 > /proc/sys/kernel/softlockup_panic; '

jobs_list() {
	for t in PANIC BUG WARNING WARNING_MESSAGE EXCEPTION CORRUPT_STACK \
		CORRUPT_STACK_STRONG ARRAY_BOUNDS CORRUPT_LIST_ADD \
		CORRUPT_LIST_DEL STACK_GUARD_PAGE_LEADING \
		STACK_GUARD_PAGE_TRAILING EXHAUST_STACK DOUBLE_FAULT \
		UNSET_SMEP SLAB_LINEAR_OVERFLOW VMALLOC_LINEAR_OVERFLOW \
		WRITE_AFTER_FREE READ_AFTER_FREE WRITE_BUDDY_AFTER_FREE \
		READ_BUDDY_AFTER_FREE SLAB_FREE_DOUBLE SLAB_FREE_CROSS \
		SLAB_FREE_PAGE WRITE_RO WRITE_RO_AFTER_INIT WRITE_KERN \
		EXEC_DATA EXEC_STACK EXEC_KMALLOC EXEC_VMALLOC EXEC_RODATA \
		EXEC_USERSPACE EXEC_NULL ACCESS_USERSPACE ACCESS_NULL \
		REFCOUNT_INC_OVERFLOW REFCOUNT_DEC_ZERO REFCOUNT_DEC_NEGATIVE \
		REFCOUNT_INC_ZERO REFCOUNT_ADD_SATURATED \
		USERCOPY_SLAB_SIZE_TO USERCOPY_STACK_FRAME_FROM \
		USERCOPY_KERNEL FORTIFY_STR_OBJECT FORTIFY_MEM_MEMBER; do
		echo "lkdtm $t"
	done
	echo "lkdtm HUNG_TASK|panic_on_warn=0|$hung"
	echo "lkdtm SOFTLOCKUP|watchdog_thresh=2|$soft"
	echo "lkdtm SPINLOCKUP|watchdog_thresh=2|$soft"
	for m in warn bug ud2 null paging gpf divide list atomic timernull \
		circular recursive badunlock rcu odebugfree odebuginit vmbug \
		nonstatic shift kvmalloc; do
		echo "crasher $m"
	done
	echo "crasher lockheld||"
	echo "crasher hung||$hung"
	echo "crasher leak|kmemleak.verbose=1||"
	for t in kmalloc_oob_right kmalloc_oob_left kmalloc_uaf \
		kmalloc_double_kzfree kmem_cache_invalid_free \
		kasan_global_oob_right kasan_stack_oob kasan_alloca_oob_left \
		vmalloc_oob kasan_memchr kasan_bitops_generic \
		kmalloc_memmove_negative_size ksize_uaf \
		kmalloc_pagealloc_invalid_free kfree_via_page; do
		echo "kunit kasan $t"
	done
	for t in test_out_of_bounds_read test_use_after_free_read \
		test_double_free test_invalid_addr_free test_corruption \
		test_invalid_access; do
		echo "kunit kfence $t"
	done
}

# one job line: "lkdtm TYPE|APPEND|PRE" etc.
run_job() {
	kind=${1%% *} rest=${1#* }
	case $kind in
	lkdtm)	IFS='|' read -r t a p <<X
$rest
X
		lkdtm "$t" "$a" "$p" ;;
	crasher) IFS='|' read -r m a p <<X
$rest
X
		if [ "$m" = leak ]; then
			# kmemleak ignores objects younger than 5 s
			boot crasher-leak "$a" "insmod /bin/crasher.ko mode=leak;
				sleep 8; echo scan > /sys/kernel/debug/kmemleak;
				sleep 2; echo scan > /sys/kernel/debug/kmemleak"
		else
			crasher "$m" "$a" "$p"
		fi ;;
	kunit)	kunit ${rest% *} ${rest#* } ;;
	esac
}

want() {
	[ $# -eq 0 ] && return 0
	n=$1
	shift
	for w in "$@"; do
		case "$n" in *"$w"*) return 0 ;; esac
	done
	return 1
}

jobs_list | while IFS= read -r j; do
	want "$(echo "$j" | cut -d'|' -f1 | tr 'A-Z_ ' 'a-z--')" "$@" || continue
	echo "$j"
done >"$out/.jobs"
# PAR workers, each takes every PAR-th job
i=0
while [ $i -lt "$par" ]; do
	awk -v i=$i -v p="$par" 'NR % p == i' "$out/.jobs" |
		while IFS= read -r j; do run_job "$j"; done &
	i=$((i + 1))
done
wait
