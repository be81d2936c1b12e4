#!/bin/sh
# `zcguard report`: every console sample in tests/report/samples
# (synthesized) and tests/report/real (captured in qemu) must give the
# title in its NAME.title ("(none)": no crash, exit 1); so must the
# shared fixtures; and the CLI must handle its arguments. One TAP case
# per sample.
. "$(dirname "$0")/lib/tap.sh"
ZCG=$BUILD/zcguard
TMP=$(mktemp -d /tmp/zcg-report-t.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# not_ok NAME [MSG...]: nok with each MSG as a comment line.
not_ok() {
	nok "$1"
	shift
	for m; do echo "# $m"; done
}

if [ ! -x "$ZCG" ]; then
	echo "1..1"
	echo "not ok 1 build/zcguard exists (run make)"
	exit 1
fi

# title_case NAME LOG EXPECTED
title_case() {
	got=$("$ZCG" report -t "$2" 2>"$TMP/err")
	rc=$?
	if [ "$3" = "(none)" ]; then
		if [ $rc = 1 ] && [ -z "$got" ]; then
			ok "$1: no crash (exit 1)"
		else
			not_ok "$1: no crash" "exit $rc, title '$got'"
		fi
	elif [ $rc = 0 ] && [ "$got" = "$3" ]; then
		ok "$1: $3"
	else
		not_ok "$1: $3" "exit $rc, got '$got'" "$(head -c 300 "$TMP/err")"
	fi
}

count=0
for dir in samples real; do
	for log in "$TOP/tests/report/$dir"/*.log; do
		[ -f "$log" ] || continue
		name=${log%.log}
		title_case "$dir/$(basename "$name")" "$log" "$(cat "$name.title")"
		count=$((count + 1))
	done
done
if [ "$count" -ge 40 ]; then
	ok "at least 40 samples ($count)"
else
	not_ok "at least 40 samples" "only $count"
fi

FIX=$TOP/../shared/fixtures/console
for pair in \
	"linux-6.1-kasan-gpf-tcp_zerocopy_receive.log|general protection fault in tcp_zerocopy_receive" \
	"debian-6.1-null-deref-tcp_zerocopy_receive.log|BUG: unable to handle kernel NULL pointer dereference in tcp_zerocopy_receive"; do
	f=${pair%%|*}
	if [ -f "$FIX/$f" ]; then
		title_case "fixture $f" "$FIX/$f" "${pair#*|}"
	else
		skip "fixture $f" "$FIX/$f not present"
	fi
done

# The full output: title, blank line, then the report without
# timestamps and without the user output that was interleaved.
S=$TOP/tests/report/samples
"$ZCG" report "$S/null-crlf-tcp_zerocopy_receive.log" >"$TMP/out" 2>&1
if [ "$(sed -n 3p "$TMP/out")" = \
     "BUG: kernel NULL pointer dereference, address: 0000000000000037" ] &&
   [ -z "$(sed -n 2p "$TMP/out")" ] &&
   ! grep -q '^\[ *[0-9]*\.[0-9]*\]' "$TMP/out" &&
   ! grep -q "$(printf '\r')" "$TMP/out" &&
   ! grep -q 'SIOCINQ' "$TMP/out" &&
   grep -q '^RIP: 0010:tcp_zerocopy_receive+0x350/0x6f0$' "$TMP/out" &&
   tail -n 1 "$TMP/out" | grep -q '^---\[ end Kernel panic'; then
	ok "report text: stripped, CRLF gone, user output left out, ends at the panic"
else
	not_ok "report text" "$(head -n 5 "$TMP/out")"
fi

# A WARNING without panic: the boot messages after it are not the report.
"$ZCG" report "$S/warning-cold-no-panic.log" >"$TMP/out"
if tail -n 1 "$TMP/out" | grep -q '^---\[ end trace' &&
   ! grep -q 'systemd' "$TMP/out"; then
	ok "report ends at its end marker"
else
	not_ok "report ends at its end marker" "$(tail -n 3 "$TMP/out")"
fi

# stdin, both spellings
t1=$("$ZCG" report -t - <"$S/kasan-slab-uaf-6.6.log")
t2=$(cat "$S/kasan-slab-uaf-6.6.log" | "$ZCG" report --title-only)
if [ "$t1" = "KASAN: slab-use-after-free Read in tcp_recvmsg_locked" ] &&
   [ "$t1" = "$t2" ]; then
	ok "reads stdin ('-' with a file, no FILE with a pipe)"
else
	not_ok "reads stdin" "'$t1' '$t2'"
fi

# JSON: one object; valid JSON when python3 is there to say so.
"$ZCG" report --json "$S/garbage-nul-bytes.log" >"$TMP/json"
rc=$?
if command -v python3 >/dev/null 2>&1; then
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["crashed"] is True
assert d["title"] == "general protection fault in tcp_zc_read_frag"
assert d["guilty"] == "tcp_zc_read_frag"
assert d["corrupted"] is False and d["start"] < d["end"]
assert d["report"].startswith("general protection fault")
' "$TMP/json" 2>"$TMP/err"
	jrc=$?
else
	grep -q '"title": "general protection fault in tcp_zc_read_frag"' \
		"$TMP/json"
	jrc=$?
fi
if [ $rc = 0 ] && [ $jrc = 0 ]; then
	ok "--json on a log with NUL and non-UTF-8 bytes"
else
	not_ok "--json" "exit $rc" "$(cat "$TMP/err")"
fi
"$ZCG" report --json "$S/none-clean-boot.log" >"$TMP/json"
rc=$?
if [ $rc = 1 ] && [ "$(jq -r .crashed "$TMP/json")" = false ]; then
	ok "--json without a crash: crashed false, exit 1"
else
	not_ok "--json without a crash" "exit $rc: $(cat "$TMP/json")"
fi

# truncated report: flagged on stderr and in JSON
"$ZCG" report -t "$S/truncated-gpf-header-only.log" >/dev/null 2>"$TMP/err"
rc=$?
"$ZCG" report --json "$S/truncated-gpf-header-only.log" >"$TMP/json"
if [ $rc = 0 ] && grep -q truncated "$TMP/err" &&
   [ "$(jq -r .corrupted "$TMP/json")" = true ]; then
	ok "a truncated report is flagged"
else
	not_ok "a truncated report is flagged" "exit $rc"
fi

: >"$TMP/empty"
"$ZCG" report "$TMP/empty" >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ $rc = 1 ] && [ ! -s "$TMP/out" ] && grep -q 'no kernel crash' "$TMP/err"; then
	ok "empty log: exit 1, nothing on stdout, a note on stderr"
else
	not_ok "empty log" "exit $rc"
fi

# errors: exit 2, one line on stderr, nothing on stdout
errcase() {
	desc=$1
	shift
	"$ZCG" report "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	if [ $rc = 2 ] && [ ! -s "$TMP/out" ] &&
	   [ "$(wc -l <"$TMP/err")" = 1 ]; then
		ok "error: $desc (exit 2)"
	else
		not_ok "error: $desc" "exit $rc" "$(cat "$TMP/err")"
	fi
}
errcase "missing file" "$TMP/does-not-exist"
errcase "a directory" "$TMP"
errcase "unknown option" --frobnicate
errcase "two files" "$S/kasan-slab-uaf-6.6.log" "$S/kasan-slab-uaf-6.6.log"
# a device never ends and a FIFO blocks in open(): both refused at once
mkfifo "$TMP/fifo"
errcase "a FIFO, refused without blocking" "$TMP/fifo"
errcase "/dev/zero, not a regular file" /dev/zero

# stdin is read up to 64 MiB, not without bound, and says so
head -c 70000000 /dev/zero | "$ZCG" report -t - >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ $rc = 1 ] && grep -q 'only the first 64 MiB' "$TMP/err"; then
	ok "a 70 MB pipe: 64 MiB read, a note on stderr, exit 1"
else
	not_ok "a 70 MB pipe" "exit $rc" "$(cat "$TMP/err")"
fi

"$ZCG" report -h >"$TMP/out" 2>&1
rc=$?
lines=$(wc -l <"$TMP/out")
if [ $rc = 0 ] && [ "$lines" -le 24 ] && grep -q 'usage: zcguard report' "$TMP/out"; then
	ok "-h: usage on $lines lines"
else
	not_ok "-h" "exit $rc, $lines lines"
fi

echo "1..$n"
