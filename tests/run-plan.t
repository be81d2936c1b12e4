#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# zcguard run's plans: the project's plans load; a bad plan is refused
# with its file and line before anything boots (exit 2, nothing written);
# and one real row runs end to end on Debian's 6.1 kernel (OK and failed
# as expected, the JSON says so).
. "$(dirname "$0")/lib/tap.sh"
Z=$BUILD/zcguard
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..15"

if out=$("$Z" run -l 2>&1) && [ "$(echo "$out" | wc -l)" -ge 20 ]; then
	ok "project plans load: $(echo "$out" | wc -l) rows"
else
	nok "project plans load"
	echo "$out" | sed 's/^/# /' | tail -5
fi

K="[kernel k]
image = /boot/vmlinuz-6.1.*-cloud-amd64
"
# bad NAME WANT_IN_MESSAGE PLAN_TEXT: refused, exit 2, message says why.
bad() {
	printf '%s' "$3" >"$tmp/p.plan"
	"$Z" run --out "$tmp/out" "$tmp/p.plan" >"$tmp/o" 2>&1
	rc=$?
	if [ "$rc" = 2 ] && grep -q -- "$2" "$tmp/o" && [ ! -e "$tmp/out" ]; then
		ok "bad plan refused: $1 ($(head -n 1 "$tmp/o" | cut -c1-100))"
	else
		nok "bad plan refused: $1 (rc=$rc)" "$tmp/o"
	fi
}
bad "unknown key" "p.plan:4: unknown key 'colour'" "$K[row r]
colour = red
"
bad "unknown kernel" "no kernel named nope" "$K[row r]
kernel = nope
what = x
run = true
"
bad "expectation without why" "gives no why" "$K[row r]
kernel = k
what = x
run = false
expect = failed
"
bad "duplicate row" "row r is already declared at" "$K[row r]
kernel = k
what = x
run = true
[row r]
kernel = k
what = y
run = true
"
bad "bad expect" "OK, failed, crashed or crashed: GLOB" "$K[row r]
kernel = k
what = x
run = true
expect = maybe
"
bad "runs out of range" "a whole number from 1 to 1000" "$K[row r]
kernel = k
what = x
run = true
runs = 0
"
bad "no run" "needs run (or ksft)" "$K[row r]
kernel = k
what = x
"
mkfifo "$tmp/fifo.plan"
if timeout 10 "$Z" run -l "$tmp/fifo.plan" >"$tmp/o" 2>&1; then
	nok "a FIFO plan is refused"
elif grep -q "not a regular file" "$tmp/o"; then
	ok "a FIFO plan is refused, without blocking"
else
	nok "a FIFO plan is refused" "$tmp/o"
fi
head -c 4096 /dev/urandom >"$tmp/bin.plan"
if ! "$Z" run -l "$tmp/bin.plan" >"$tmp/o" 2>&1; then
	ok "a binary plan is refused ($(head -n 1 "$tmp/o" | cut -c1-80))"
else
	nok "a binary plan is refused" "$tmp/o"
fi
if "$Z" run --bogus >"$tmp/o" 2>&1; [ $? = 2 ]; then
	ok "unknown option: exit 2"
else
	nok "unknown option: exit 2" "$tmp/o"
fi

deb=$(ls /boot/vmlinuz-6.1.*-cloud-amd64 2>/dev/null | head -n 1)
if [ -z "$deb" ] || [ ! -x /bin/busybox ]; then
	skip_n 4 "no Debian 6.1 kernel or busybox-static (make deps)"
	exit "$fail"
fi
cat >"$tmp/e2e.plan" <<EOP
$K
[row ok]
kernel = k
what = true passes
run = true

[row fails]
kernel = k
what = false must fail
run = false
expect = failed
why = false exits 1

[row wrong]
kernel = k
what = true, wrongly expected to crash
run = true
expect = crashed: *
why = a wrong expectation: this row must come out UNEXPECTED
EOP
"$Z" run --out "$tmp/res" "$tmp/e2e.plan" >"$tmp/o" 2>"$tmp/e"
rc=$?
if [ "$rc" = 1 ] && grep -q "run: 1 of 3 verdicts not as expected" "$tmp/o"; then
	ok "end to end: exit 1, one unexpected row of three"
else
	nok "end to end: exit 1, one unexpected row of three (rc=$rc)" "$tmp/o"
fi
if grep -q "UNEXPECTED: wanted crashed: \*" "$tmp/o" &&
   grep -q "false must fail .*| failed: exit status 1 (expected)" "$tmp/o"; then
	ok "end to end: table rows"
else
	nok "end to end: table rows" "$tmp/o"
fi
j=$tmp/res/e2e.json
if [ -s "$j" ] && jq -e '.rows_run == 3 and .as_expected == 2 and
	(.rows[0].vm.verdict.decision == "good") and
	(.rows[1].vm.verdict.decision == "bad") and
	(.rows[1].vm.verdict.kind == "failed") and
	(.rows[2].as_expected == false)' "$j" >/dev/null; then
	ok "end to end: the JSON holds the decisions"
else
	nok "end to end: the JSON holds the decisions" "$j"
fi
# Each row's VM record is its own, written after all rows ran: the
# command it ran and the release of the image (was a dangling pointer).
rel=$(strings "$deb" | sed -n 's/^\(6\.1\.[0-9]*-[^ ]*\) .*/\1/p' | head -n 1)
if [ -s "$j" ] && jq -e --arg rel "$rel" '[.rows[].vm.command[2]] == ["true", "false", "true"] and
	all(.rows[]; .vm.release == $rel)' "$j" >/dev/null; then
	ok "end to end: each row keeps its own command and release ($rel)"
else
	nok "end to end: each row keeps its own command and release ($rel)" "$j"
fi
exit "$fail"
