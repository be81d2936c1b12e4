#!/bin/sh
# `zcguard report` on the crash zoo: real console logs of the zoo kernel
# (kernels/zoo/), one crash each, in syzkaller's sample format ("TITLE:"
# and "CORRUPTED:" lines, a blank line, the log). The expected title was
# written by a person reading the log. Every sample must give its title
# and corrupted flag; the zoo must hold at least 60 samples of at least
# 30 kinds (a kind: the title without its " in FUNC").
. "$(dirname "$0")/lib/tap.sh"
ZCG=$BUILD/zcguard
ZOO=$TOP/tests/report/zoo
TMP=$(mktemp -d /tmp/zcg-zoo-t.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

if [ ! -x "$ZCG" ]; then
	echo "1..1"
	echo "not ok 1 build/zcguard exists (run make)"
	exit 1
fi

cnt=0
for s in "$ZOO"/*.log; do
	[ -f "$s" ] || continue
	name=$(basename "$s" .log)
	want=$(sed -n '1s/^TITLE: //p' "$s")
	wantc=$(sed -n '2s/^CORRUPTED: //p' "$s")
	tail -n +4 "$s" >"$TMP/log"
	"$ZCG" report --json "$TMP/log" >"$TMP/json" 2>/dev/null
	got=$(jq -r '.title // "(none)"' "$TMP/json" 2>/dev/null)
	gotc=$(jq -r 'if .corrupted then "Y" else "N" end' "$TMP/json" 2>/dev/null)
	if [ "$got" = "$want" ] && [ "$gotc" = "$wantc" ]; then
		ok "$name: $want"
	else
		nok "$name: $want (corrupted $wantc)"
		echo "# got '$got' (corrupted $gotc)"
	fi
	echo "$want" | sed 's/ in [^ ]*$//' >>"$TMP/kinds"
	cnt=$((cnt + 1))
done
kinds=$(sort -u "$TMP/kinds" 2>/dev/null | wc -l)
if [ "$cnt" -ge 60 ]; then
	ok "at least 60 zoo samples ($cnt)"
else
	nok "at least 60 zoo samples (only $cnt)"
fi
if [ "$kinds" -ge 30 ]; then
	ok "at least 30 kinds ($kinds)"
else
	nok "at least 30 kinds (only $kinds)"
fi
echo "1..$n"
exit $fail
