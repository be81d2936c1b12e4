#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The mutation machinery (kernels/mutate.sh) on one mutant: applied to
# the one reusable mutant object dir, built incrementally, all
# selftests run in a VM through `zcguard run`, the verdict read back from
# its JSON. The mutant is one no test can miss (a listening socket gets
# 0 instead of ENOTCONN, checked by tcp_zerocopy_empty): it must be
# reported killed with a not-ok test, and the mutant tree's tcp.c must be
# back to pristine afterwards. The full run is
# `make -C kernels mutate` (a soak, not part of make check).
# SKIPs when fixed-6.1 is not built (its objects make the mutant build
# ccache-warm) or the selftests are not built for the guest.
. "$(dirname "$0")/lib/tap.sh"
K=$BUILD/kernels
MUT=02-zc-listen-not-enotconn

echo "1..3"
why=
[ -e "$K/fixed-6.1/bzImage" ] || why="fixed-6.1 not built (make kernels)"
[ -n "$why" ] || [ -x "$BUILD/guest-ksft/tcp_zerocopy_abi" ] || why="selftests not built for the guest (make guest-ksft)"
[ -n "$why" ] || "$BUILD/zcguard" run -h >/dev/null 2>&1 || why="zcguard run not available"
[ -n "$why" ] || command -v jq >/dev/null || why="jq missing (make deps)"
if [ -n "$why" ]; then
	skip_n 3 "$why"
	exit 0
fi

out=$BUILD/test-logs/mutate-one.out
mkdir -p "$(dirname "$out")"
timeout 1500 "$TOP/kernels/mutate.sh" -O "$K" -t 600 "$MUT" >"$out" 2>&1
rc=$?
sed 's/^/# /' "$out" | tail -n 5
if [ "$rc" = 0 ] && grep -q "^mutants: 1, killed 1, survived 0, errors 0, kill rate 100%" "$out"; then
	ok "mutate.sh: $MUT built, run and killed"
else
	nok "mutate.sh: $MUT built, run and killed (exit $rc)" "$out"
fi
if grep -q "^$MUT .*killed.*not ok: .*tcp_zerocopy" "$out"; then
	ok "mutate.sh: the killing selftest named"
else
	nok "mutate.sh: the killing selftest named"
fi
if cmp -s "$K/mutant-6.1/src/net/ipv4/tcp.c" "$K/src-6.1/net/ipv4/tcp.c"; then
	ok "mutate.sh: tcp.c reverted to pristine"
else
	nok "mutate.sh: tcp.c reverted to pristine"
fi
exit $fail
