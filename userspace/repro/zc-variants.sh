#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# zc-variants.sh [--detect | --crash | --list] [DIR]
#
# Runs every reproducer variant (zc-syzbot, zc-readable for IPv4/IPv6 x
# each optlen x copybuf off/short/covering, zc-connected, zc-uring) from
# DIR (default: the directory of this script, else $PATH) and prints TAP.
# Busybox sh is enough: this runs inside the VM initramfs as well as on
# a host (--detect only there: --crash crashes a kernel without
# 6cd6cbf593bf). --list prints one variant command line per line, for a
# caller that boots one VM per variant on a kernel expected to crash.
# Exit: 0 every variant passed (or skipped), 1 otherwise.
set -u

mode=--detect
dir=
for a in "$@"; do
	case $a in
	--detect|--crash|--list) mode=$a ;;
	-h|--help) sed -n '4,13p' "$0"; exit 0 ;;
	-*) echo "zc-variants.sh: unknown option '$a'" >&2; exit 2 ;;
	*) dir=$a ;;
	esac
done
[ -n "$dir" ] || dir=$(dirname "$0")
[ -x "$dir/zc-readable" ] || dir=

variants() {
	echo "zc-syzbot --iters 3 --time 10"
	for fam in "" "-6"; do
		# Each optlen selects a different set of out-fields (72: the
		# kernel checks the tail is zero and clamps to 64).
		for len in 12 16 20 24 32 36 40 48 56 60 64 72; do
			echo "zc-readable $fam --optlen $len"
		done
		# copybuf_len only reaches the kernel with optlen >= 36.
		# 4096 < inq: the mapping path (crashes a buggy kernel);
		# 65536 = inq: the copy fallback, a read that repair mode
		# refuses (EPERM): reports the lie, does not crash.
		for len in 36 64; do
			echo "zc-readable $fam --optlen $len --copybuf 4096"
			echo "zc-readable $fam --optlen $len --copybuf 65536"
		done
		echo "zc-connected $fam"
		echo "zc-uring $fam --time 5"
	done
}

if [ "$mode" = --list ]; then
	variants | sed 's/  */ /g'
	exit 0
fi

n=0
fail=0
echo "1..$(variants | wc -l)"
variants | sed 's/  */ /g' | {
	while read -r prog args; do
		n=$((n + 1))
		cmd="${dir:+$dir/}$prog $mode $args"
		echo "# $prog $mode $args"
		# shellcheck disable=SC2086
		out=$($cmd 2>&1)
		rc=$?
		echo "$out" | sed 's/^/# /'
		case $rc in
		0) echo "ok $n $prog $mode $args" ;;
		4) echo "ok $n $prog $mode $args # SKIP $(echo "$out" | tail -n 1)" ;;
		*) echo "not ok $n $prog $mode $args (exit $rc)"; fail=1 ;;
		esac
	done
	exit $fail
}
