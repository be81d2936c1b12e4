#!/bin/sh
# zcguard bench: a few-second smoke run, copy and zerocopy at 64K with the
# MSG_ZEROCOPY sender, checked for sane figures in the table and the JSON.
. "$(dirname "$0")/lib/tap.sh"
Z=$BUILD/zcguard
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

echo "1..6"
"$Z" bench -q --json "$tmp/r.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc = 4 ]; then
	skip_n 6 "$(cat "$tmp/err")" smoke
	exit 0
fi
sed 's/^/# /' "$tmp/out" "$tmp/err"
[ $rc = 0 ] && ok "quick run exits 0" || nok "quick run exits $rc"

# table columns: sender receiver chunk Gbit/s usec/MB range calls/MB mapped% reps
row() { awk -v m="$1" '$1 == "msg_zc" && $2 == m && $3 == "64K"' "$tmp/out"; }
zc=$(row zc)
cp=$(row copy)
[ -n "$zc" ] && [ -n "$cp" ] && ok "table has copy and zc rows at 64K" ||
	nok "table rows missing"
echo "$zc" | awk '{ exit !($8 > 90) }' &&
	ok "zc maps > 90% at 64K ($(echo "$zc" | awk '{print $8}')%)" ||
	nok "zc mapped% at 64K: '$zc'"
echo "$cp" | awk '{ exit !($8 == 0) }' &&
	ok "copy maps nothing" || nok "copy mapped%: '$cp'"
echo "$zc $cp" | awk '{ exit !($4 > 0 && $5 > 0 && $13 > 0 && $14 > 0 && $7 > 0) }' &&
	ok "throughput, usec/MB and calls/MB are positive" ||
	nok "non-positive figures: '$zc' / '$cp'"
# jq comes with make deps.
m=$(jq -r '.results[] | select(.receiver == "zc") | .mapped_pct.median' "$tmp/r.json")
k=$(jq -r '.kind' "$tmp/r.json")
[ "$k" = sweep ] && awk -v m="$m" 'BEGIN { exit !(m > 90) }' &&
	ok "JSON parses, kind sweep, zc mapped $m%" ||
	nok "JSON: kind '$k', zc mapped '$m'"
exit $fail
