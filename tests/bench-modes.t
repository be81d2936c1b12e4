#!/bin/sh
# zcguard bench: the other run kinds, briefly: --overhead with the cgroup
# getsockopt program (ratio printed, cgroup directory gone afterwards), the
# tracer and its attach point alone, and
# --plot (gnuplot writes an SVG with one line per receiver mode).
. "$(dirname "$0")/lib/tap.sh"
Z=$BUILD/zcguard
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

echo "1..6"
"$Z" bench --overhead cgroup -r 2 -d 0.2 --json "$tmp/o.json" \
	>"$tmp/out" 2>"$tmp/err"; rc=$?
sed 's/^/# /' "$tmp/out" "$tmp/err"
if [ $rc = 4 ]; then
	skip "overhead cgroup" "$(cat "$tmp/err")"
	skip "overhead JSON" "no network namespace"
	skip "cgroup directory removed" "no network namespace"
elif grep -Eq 'no cgroup v2 hierarchy|mkdir .*zcguard-bench|move into' "$tmp/err"; then
	skip "overhead cgroup" "no usable cgroup v2: $(cat "$tmp/err")"
	skip "overhead JSON" "no cgroup v2"
	skip "cgroup directory removed" "no cgroup v2"
else
	[ $rc = 0 ] && grep -Eq '^cgroup .* -> [+-][0-9.]+%' "$tmp/out" &&
		ok "overhead cgroup: exit 0 and a ratio line" ||
		nok "overhead cgroup: exit $rc"
	grep -q '"guard": "cgroup"' "$tmp/o.json" &&
		grep -q '"ratio_to_none"' "$tmp/o.json" &&
		ok "overhead JSON has the cgroup ratio" || nok "overhead JSON"
	left=$(find /sys/fs/cgroup -maxdepth 4 -name 'zcguard-bench-*' \
		2>/dev/null | head -n 1)
	[ -z "$left" ] && ok "cgroup directory removed" ||
		nok "cgroup directory left behind: $left"
fi

# The tracer guards, with the default pinning: "trace" is `trace -e`,
# "trace-floor" its attach point alone.
"$Z" bench --overhead trace,trace-floor -r 2 -d 0.2 >"$tmp/out" 2>"$tmp/err"
rc=$?
sed 's/^/# /' "$tmp/out" "$tmp/err"
if [ $rc = 4 ]; then
	skip "overhead trace, trace-floor" "no network namespace"
elif grep -q 'did not attach' "$tmp/err"; then
	skip "overhead trace, trace-floor" "the tracer cannot attach here"
else
	pinned=$(nproc)
	[ $rc = 0 ] && grep -Eq '^trace .* -> [+-][0-9.]+%' "$tmp/out" &&
		grep -Eq '^trace-floor .* -> [+-][0-9.]+%' "$tmp/out" &&
		grep -q 'attached (.*entry only' "$tmp/out" &&
		grep -q 'attached (.*attach only' "$tmp/out" &&
		{ [ "$pinned" -lt 2 ] || grep -q 'rx CPU [0-9]*, tx CPU' "$tmp/out"; } &&
		ok "overhead trace,trace-floor: both ratios, pinned on $pinned CPUs" ||
		nok "overhead trace,trace-floor: exit $rc"
fi

if ! command -v gnuplot >/dev/null; then
	skip "plot" "gnuplot not installed (Debian: gnuplot-nox)"
	skip "plot lines" "gnuplot not installed"
	exit $fail
fi
"$Z" bench -s 64K,512K -m copy,zc -r 1 -d 0.2 --plot "$tmp/p.svg" \
	>"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc = 4 ]; then
	skip "plot" "$(cat "$tmp/err")"
	skip "plot lines" "no network namespace"
	exit $fail
fi
[ $rc = 0 ] && grep -q '<svg' "$tmp/p.svg" && ok "--plot writes an SVG" ||
	nok "--plot: exit $rc: $(cat "$tmp/err")"
grep -q 'msg_zc / copy' "$tmp/p.svg" && grep -q 'msg_zc / zc' "$tmp/p.svg" &&
	ok "the SVG has the copy and zc lines" || nok "SVG lacks a line"
exit $fail
