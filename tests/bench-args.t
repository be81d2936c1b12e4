#!/bin/sh
# zcguard bench: help, argument errors (exit 2, one line on stderr, no
# run) and the "not permitted" exit (4) of an unprivileged user.
. "$(dirname "$0")/lib/tap.sh"
Z=$BUILD/zcguard

if [ ! -x "$Z" ]; then
	echo "1..1"; echo "not ok 1 zcguard not built ($Z)"; exit 1
fi
echo "1..13"
out=$("$Z" bench -h); rc=$?
lines=$(printf '%s\n' "$out" | wc -l)
[ $rc = 0 ] && [ "$lines" -le 24 ] && printf '%s' "$out" | grep -q -- '--check' &&
	ok "-h exits 0 and fits a screen ($lines lines)" || nok "-h ($rc, $lines lines)"

# each bad command line: exit 2, exactly one line on stderr, nothing on stdout
bad() {
	desc=$1; shift
	err=$("$Z" bench "$@" 2>&1 >/dev/null); rc=$?
	so=$("$Z" bench "$@" 2>/dev/null)
	if [ $rc = 2 ] && [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] && [ -z "$so" ]; then
		ok "$desc -> exit 2: $err"
	else
		nok "$desc -> exit $rc, stderr '$err', stdout '$so'"
	fi
}
bad "unknown option" --bogus
bad "size not a page multiple" -s 3K
bad "size too large" -s 64M
bad "unknown mode" -m zerocopy
bad "unknown sender" -S sendfile
bad "reps 0" -r 0
bad "duration not a number" -d fast
bad "missing argument" -r
bad "stray argument" extra
bad "--check with --overhead" --check --overhead cgroup

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	err=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$Z" bench -q 2>&1 >/dev/null); rc=$?
	if [ $rc = 4 ] && printf '%s' "$err" | grep -q "network namespace"; then
		ok "unprivileged: exit 4: $err"
	else
		nok "unprivileged: exit $rc: $err"
	fi
else
	skip "unprivileged exit 4" "needs root and setpriv to drop privileges"
fi
# An unwritable --json fails at once, before any measuring.
start=$(date +%s)
err=$("$Z" bench -q --json /proc/zcg-no-such-dir/x.json 2>&1); rc=$?
[ $rc = 3 ] && [ $(($(date +%s) - start)) -lt 2 ] &&
	printf '%s' "$err" | grep -q -- '--json /proc/zcg-no-such-dir' &&
	ok "--json to an unwritable path: exit 3 before the run: $err" ||
	nok "--json unwritable: exit $rc: $err"
exit $fail
