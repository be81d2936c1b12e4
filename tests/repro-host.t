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

echo "1..16"
for b in zc-syzbot zc-readable zc-connected zc-uring; do
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
	   "zc-connected --nope" "zc-uring --time x"; do
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
