#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The mutants of kernels/mutants/ (the mutation run, kernels/mutate.sh):
# at least 25, each with its one-line "Mutant:" reason, each touching
# only net/ipv4/tcp.c and applying without fuzz to the pristine 6.1
# source (SKIP when build/kernels/src-6.1 is not unpacked), no two alike.
. "$(dirname "$0")/lib/tap.sh"
M=$TOP/kernels/mutants
SRC=$BUILD/kernels/src-6.1

echo "1..4"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count=$(ls "$M"/*.patch 2>/dev/null | wc -l)
if [ "$count" -ge 25 ]; then
	ok "mutants: $count (at least 25)"
else
	nok "mutants: $count, fewer than 25"
fi

bad=
for p in "$M"/*.patch; do
	head -n 1 "$p" | grep -q '^Mutant: ..........' || bad="$bad $(basename "$p")"
	files=$(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$p" | sort -u)
	[ "$files" = net/ipv4/tcp.c ] || bad="$bad $(basename "$p")(touches $files)"
done
if [ -z "$bad" ]; then
	ok "mutants: each has a reason line and touches net/ipv4/tcp.c only"
else
	echo "# bad:$bad"
	nok "mutants: each has a reason line and touches net/ipv4/tcp.c only"
fi

if [ ! -f "$SRC/.unpacked" ]; then
	skip "mutants: apply without fuzz to 6.1" "build/kernels/src-6.1 not unpacked (make kernels)"
else
	bad=
	for p in "$M"/*.patch; do
		patch -p1 --dry-run --fuzz=0 -s -d "$SRC" <"$p" >"$tmp/o" 2>&1 || {
			sed 's/^/# /' "$tmp/o"
			bad="$bad $(basename "$p")"
		}
	done
	if [ -z "$bad" ]; then
		ok "mutants: all $count apply without fuzz to 6.1"
	else
		nok "mutants: do not apply:$bad"
	fi
fi

# Two mutants with the same change would count one weakness twice.
for p in "$M"/*.patch; do
	sed -n '/^[-+][^-+]/p' "$p" | sha1sum
done | sort | uniq -d >"$tmp/dup"
if [ -s "$tmp/dup" ]; then
	nok "mutants: no two make the same change"
else
	ok "mutants: no two make the same change"
fi
exit $fail
