#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# One table of run results, three commands, one verdict: `zcguard vm`,
# a one-row plan through `zcguard run` and `zcguard bisect` (bad endpoint
# = the table, good endpoint = all OK) are fed the same runs by the fake
# qemu (tests/fake-qemu/qemu through ZCG_QEMU; the table rides in the
# fake bzImage, built per commit by bisect's --build-cmd) and must give
# the same decision, exit code and verdict text. No kernel boots.
#
# The expected decisions are syzkaller's bisection rule as a person
# applies it to each table (README, "One verdict"): more than half the
# runs infrastructure failures is an error; at least max(2, usable/6)
# crashed or failed runs is bad, named by the first run of the most
# common bad kind; no bad run and at least half OK is good; else
# undecided. Exit codes are git bisect run's: 0 good, 1 bad, 125 the
# rest. vm's and run's verdicts are read from their JSON (vm --json,
# OUT/PLAN.json); bisect writes none, so its log lines are what it said.
. "$(dirname "$0")/lib/tap.sh"
ZCG=${ZCGUARD:-$BUILD/zcguard}
FQ=$TOP/tests/fake-qemu
GPF="general protection fault in tcp_zerocopy_receive"

[ -x "$ZCG" ] || skip_all "$ZCG not built (make)"
command -v jq >/dev/null 2>&1 || skip_all "jq missing (apt-get install jq)"
command -v git >/dev/null 2>&1 || skip_all "git missing"
[ -x /bin/busybox ] || skip_all "/bin/busybox missing (busybox-static)"

tmp=$(mktemp -d /tmp/zcg-verdict-e2e.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export ZCG_QEMU=$FQ/qemu
# Nothing to run in the guest: the fake plays the outcomes. A regular
# file, as --file and --repro want one.
printf '#!/bin/sh\nexit 0\n' >"$tmp/zc-syzbot"
chmod +x "$tmp/zc-syzbot"

echo "1..43"

# words N WORD: WORD N times
words() {
	_i=0
	while [ $_i -lt "$1" ]; do printf '%s ' "$2"; _i=$((_i + 1)); done
}

# bisect_repo DIR OUTCOMES...: c0 runs all OK, c1 runs OUTCOMES; the
# "kernel source" is the file runs. Prints c0's and c1's SHAs.
bisect_repo() {
	_d=$1
	shift
	rm -rf "$_d"
	mkdir -p "$_d"
	(
		cd "$_d" || exit 1
		export GIT_AUTHOR_NAME="Ann Author"
		export GIT_AUTHOR_EMAIL="ann@example.org"
		export GIT_COMMITTER_NAME="Carl Committer"
		export GIT_COMMITTER_EMAIL="carl@example.org"
		export GIT_AUTHOR_DATE="2020-02-10 12:00:00 +0000"
		export GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
		git init -q -b master . &&
		words $# ok >runs && git add runs &&
		git commit -q -m "base: every run passes" &&
		git rev-parse HEAD &&
		echo "$*" >runs &&
		GIT_AUTHOR_DATE="2020-02-11 12:00:00 +0000" \
		GIT_COMMITTER_DATE="2020-02-11 12:00:00 +0000" \
		git commit -q -a -m "code: the runs of the table" &&
		git rev-parse HEAD
	)
}

# One bisect build: the commit's runs file into a fake bzImage.
BUILD_CMD="mkdir -p \"\$ZCG_OUT\" && \"$FQ/mkimage.sh\" \"\$ZCG_OUT/bzImage\" \$(cat \"\$ZCG_SRC/runs\") && echo \"\$ZCG_OUT/bzImage\""

# case NAME DECISION EXIT TEXT PARALLEL TIMEOUT OUTCOMES...
#   DECISION/EXIT/TEXT: what a person expects; TEXT is a shell pattern.
#   TIMEOUT: vm --timeout and the row's timeout ("" for the default);
#   a table with timeouts is not bisected (bisect keeps vm's 300 s).
case_() {
	name=$1 want=$2 want_rc=$3 want_text=$4 par=$5 tmo=$6
	shift 6
	nruns=$#
	d=$tmp/$(echo "$name" | tr A-Z a-z | tr -c "a-z0-9\n" -)
	mkdir -p "$d"
	"$FQ/mkimage.sh" "$d/bzImage" "$@" || { echo "Bail out! mkimage"; exit 1; }

	# zcguard vm
	"$ZCG" vm --kernel "$d/bzImage" --runs "$nruns" --parallel "$par" \
		${tmo:+--timeout "$tmo"} --file "$tmp/zc-syzbot" \
		--json "$d/vm.json" -- /bin/sh -c "zc-syzbot --crash" \
		>"$d/vm.out" 2>&1
	vm_rc=$?
	vm_text=$(jq -r .verdict.text "$d/vm.json" 2>/dev/null)
	if [ "$vm_rc" = "$want_rc" ] &&
	   [ "$(jq -r '.verdict.decision, .exit' "$d/vm.json" | tr '\n' ' ')" = "$want $want_rc " ]; then
		ok "$name: vm: $want, exit $want_rc"
	else
		nok "$name: vm: $want, exit $want_rc (rc $vm_rc)" "$d/vm.out"
	fi
	# shellcheck disable=SC2254
	case $vm_text in
	$want_text) ok "$name: vm: verdict '$vm_text'" ;;
	*) nok "$name: vm: verdict '$vm_text', wanted '$want_text'" "$d/vm.out" ;;
	esac

	# zcguard run: one row on the same image and options
	{
		echo "[kernel fake]"
		echo "label = fake kernel, $name"
		echo "image = $d/bzImage"
		echo "[row table]"
		echo "kernel = fake"
		echo "what = $name"
		echo "file = $tmp/zc-syzbot"
		echo "run = zc-syzbot --crash"
		echo "runs = $nruns"
		echo "parallel = $par"
		[ -z "$tmo" ] || echo "timeout = $tmo"
		# run's own verdict vs. expectation is not what is tested here
		echo "expect = OK"
	} >"$d/e2e.plan"
	"$ZCG" run --no-build --out "$d/run" "$d/e2e.plan" >"$d/run.out" 2>&1
	J=$d/run/e2e.json
	if [ -f "$J" ] &&
	   [ "$(jq -S .verdict "$d/vm.json")" = "$(jq -S '.rows[0].vm.verdict' "$J")" ] &&
	   [ "$(jq -r '.rows[0].verdict' "$J")" = "$vm_text" ] &&
	   [ "$(jq -r '.rows[0].vm.exit' "$J")" = "$want_rc" ]; then
		ok "$name: run: the same verdict and exit code as vm"
	else
		nok "$name: run: the same verdict and exit code as vm" "$d/run.out"
	fi
	if [ -f "$J" ] && [ "$(jq -c '[.results[].result.verdict]' "$d/vm.json")" = \
	     "$(jq -c '[.rows[0].vm.results[].result.verdict]' "$J")" ]; then
		ok "$name: run: the same run results as vm"
	else
		nok "$name: run: the same run results as vm" "$d/run.out"
	fi

	# zcguard bisect: c1 is the table, c0 passes
	if [ -n "$tmo" ]; then
		skip "$name: bisect: same decision" "its runs time out only after 300 s"
		skip "$name: bisect: same runs" "its runs time out only after 300 s"
		return
	fi
	bisect_repo "$d/repo" "$@" >"$d/shas" || { echo "Bail out! git"; exit 1; }
	c0=$(sed -n 1p "$d/shas")
	c1=$(sed -n 2p "$d/shas")
	"$ZCG" bisect --repo "$d/repo" --good "$c0" --bad "$c1" \
		--runs "$nruns" --repro "$tmp/zc-syzbot" \
		--build-cmd "$BUILD_CMD" >"$d/bisect.out" 2>&1
	b_rc=$?
	L=$d/bisect.out
	case $want in
	bad)	# named the culprit, by the verdict's title
		title=$(jq -r .verdict.title "$d/vm.json")
		[ "$b_rc" = 0 ] && grep -qx "$c1 is the first bad commit" "$L" &&
			grep -qxF "crash: $title" "$L" ;;
	good)	# the bad endpoint passes: nothing to bisect
		[ "$b_rc" = 1 ] &&
			grep -qxF "the bad commit $c1 does not crash: nothing to bisect" "$L" ;;
	*)	# undecided, error: the endpoint could not be tested, and why
		[ "$b_rc" = 1 ] &&
			grep -qxF "could not test the bad commit $c1: $vm_text" "$L" ;;
	esac
	if [ $? = 0 ]; then
		ok "$name: bisect: same decision ($want)"
	else
		nok "$name: bisect: same decision ($want, rc $b_rc)" "$L"
	fi
	# syzkaller's log form: "all runs: X" when they agree, else each run
	summary=$(jq -r .verdict.runs_line "$d/vm.json")
	case $summary in
	"all runs: "*) echo "$summary" ;;
	*) jq -r '.results[] | "run #\(.run): \(.result.verdict)"' "$d/vm.json" ;;
	esac >"$d/want-lines"
	if awk -v c1="$c1" '
		/^testing commit / { cur = $3 }
		cur == c1 && (/^all runs: / || /^run #[0-9]+: /) { print }
	   ' "$L" | cmp -s - "$d/want-lines"; then
		ok "$name: bisect: the same runs as vm"
	else
		nok "$name: bisect: the same runs as vm" "$L"
	fi
}

# The seed log's two endpoints (syzbot's 9 crashed + 1 boot failure is
# bad, 10 OK is good), then the edges of the rule.
case_ "10 OK" good 0 "OK" 1 "" $(words 10 ok)
if [ "$(jq -r '.release, .accel' "$tmp/10-ok/vm.json" | tr '\n' ' ')" = "6.1.0-zcg-fake tcg " ]; then
	ok "the fake image reads as a bzImage (release 6.1.0-zcg-fake), no KVM"
else
	nok "the fake image reads as a bzImage (release 6.1.0-zcg-fake), no KVM" \
		"$tmp/10-ok/vm.out"
fi
case_ "seed log: 1 boot failure, 9 crashed" bad 1 "crashed: $GPF" 1 "" \
	boot $(words 9 crashed)
# max(2, 10/6) = 2 bad runs needed
case_ "1 crash in 10" undecided 125 "undecided:*" 1 "" \
	$(words 4 ok) crashed $(words 5 ok)
case_ "2 crashes in 10" bad 1 "crashed: $GPF" 1 "" \
	$(words 6 ok) crashed ok crashed ok
# 3 usable of 10: fewer than half could test
case_ "7 boot failures, 3 OK" error 125 "error:*" 1 "" \
	$(words 3 boot) ok boot ok $(words 3 boot) ok
# the program saw the bug without an oops: bad, named by the failure
case_ "3 failed, 7 OK" bad 1 "failed: exit status 1" 1 "" \
	$(words 5 ok) failed failed ok failed ok
# 3 of 4 hung until the 1 s timeout (in parallel: 1 s in all)
case_ "3 timed out, 1 OK" error 125 "error:*" 4 1 \
	timeout ok timeout timeout

[ "$fail" = 0 ]
