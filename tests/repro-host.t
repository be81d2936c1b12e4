#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The reproducers on this machine's own kernel, --detect mode only (the
# crashing call is never made here): every one must find the kernel
# honest (exit 0), refuse bad arguments (exit 2) and be linked -static so
# it runs from a VM initramfs. Needs root for TCP_REPAIR, else SKIP.
. "$(dirname "$0")/lib/tap.sh"
R=$BUILD/repro

# check NAME CMD...: runs CMD (--detect), expects exit 0.
check() {
	name=$1
	shift
	out=$(timeout 60 "$@" 2>&1)
	rc=$?
	echo "$out" | sed 's/^/# /'
	case $rc in
	0) ok "$name" ;;
	4) skip "$name" "cannot test here: $(echo "$out" | tail -n 1)" ;;
	*) nok "$name (exit $rc)" ;;
	esac
}

echo "1..31"
for b in zc-syzbot zc-readable zc-connected zc-uring zc-seq-sanity zc-map-frag \
	 zc-cmsg-user; do
	if [ ! -x "$R/$b" ]; then
		nok "$b built (run make)"
		continue
	fi
	if file -L "$R/$b" | grep -q 'statically linked'; then
		ok "$b is linked static"
	else
		nok "$b is linked static"
	fi
done

check "zc-syzbot --detect: SIOCINQ honest" "$R/zc-syzbot"
check "zc-readable --detect IPv4" "$R/zc-readable" --detect
check "zc-readable --detect IPv6" "$R/zc-readable" --detect -6
check "zc-connected --detect IPv4" "$R/zc-connected"
check "zc-connected --detect IPv6" "$R/zc-connected" --detect -6
check "zc-uring --detect IPv4, 3 s of io_uring rounds" "$R/zc-uring" --time 3
uring_out=$out uring_rc=$rc
check "zc-uring --detect IPv6, 2 s" "$R/zc-uring" -6 --time 2

# One reproducer per later fix of the path: each must find this kernel
# fixed (they name the fix when it is missing).
for b in zc-seq-sanity zc-map-frag zc-cmsg-user; do
	check "$b --detect IPv4" "$R/$b"
	check "$b --detect IPv6" "$R/$b" --detect -6
done

# The IPv4 io_uring run must really have raced: some zerocopy calls
# while io_uring ops were in flight, and every round set up.
out=$uring_out rc=$uring_rc
raced=$(echo "$out" | sed -n 's/.*in flight \([0-9]*\);.*/\1/p')
if [ "$rc" = 0 ] && [ "${raced:-0}" -gt 0 ]; then
	ok "zc-uring raced $raced zerocopy calls with io_uring ops"
elif echo "$out" | grep -q 'cannot test'; then
	skip "zc-uring raced" "$(echo "$out" | tail -n 1)"
else
	echo "$out" | sed 's/^/# /'
	nok "zc-uring raced zerocopy calls with io_uring ops"
fi

# Bad arguments: exit 2, one line on stderr.
for cmd in "zc-syzbot --iters 0" "zc-readable --optlen 8" \
	   "zc-connected --nope" "zc-uring --time x" "zc-seq-sanity -x" \
	   "zc-map-frag --nope" "zc-cmsg-user 1"; do
	set -- $cmd
	b=$1
	shift
	"$R/$b" "$@" >/dev/null 2>&1
	rc=$?
	if [ "$rc" = 2 ]; then
		ok "$cmd: exit 2"
	else
		nok "$cmd: exit $rc, want 2"
	fi
done

# Every reproducer has its rows in the plans that zcguard run reads: a
# --crash row on a kernel it must crash and one on a kernel it must not.
for b in zc-seq-sanity zc-map-frag zc-cmsg-user; do
	rows=$(grep -c "^run *= *$b --crash" "$TOP/plans/bugs.plan" 2>/dev/null)
	if [ "${rows:-0}" -ge 2 ]; then
		ok "$b: $rows --crash rows in plans/bugs.plan"
	else
		nok "$b: --crash rows in plans/bugs.plan (found ${rows:-0}, want 2 or more)"
	fi
done
