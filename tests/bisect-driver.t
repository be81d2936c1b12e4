#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Fast tests of `zcguard bisect`'s driver logic on a fake ten-commit
# history (tests/bisect/fake-history.sh) with a fake build and a fake VM
# run (--build-cmd/--test-cmd): culprit, log format, build failures
# skipped, same-signature verdict reuse, a range when skips hide the
# culprit, endpoint errors, --fix, interrupt + --resume, --reset, refusals
# and the user's HEAD restored. A few seconds in all.
. "$(dirname "$0")/lib/tap.sh"
ZCG=${ZCGUARD:-$BUILD/zcguard}
FX=$TOP/tests/bisect
tmp=$(mktemp -d /tmp/zcg-bisect-t.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# check NAME LOGFILE CMD...: ok when CMD succeeds
check() {
	name=$1 log=$2
	shift 2
	if "$@"; then ok "$name"; else nok "$name" "$log"; fi
}
has() { grep -qF -- "$2" "$1"; }
hasnt() { ! grep -qF -- "$2" "$1"; }

[ -x "$ZCG" ] || skip_all "$ZCG not built (make)"
echo "1..36"

repo=$tmp/repo
"$FX/fake-history.sh" "$repo" >"$tmp/shas" || { echo "Bail out! fake history"; exit 1; }
c() { sed -n "s/^c$1 //p" "$tmp/shas"; }
fake="--build-cmd $FX/fake-build.sh --test-cmd $FX/fake-test.sh --runs 2"
head0=$(git -C "$repo" rev-parse HEAD)

# restored: the user's branch and HEAD are back, no bisection, tree clean
restored() {
	[ "$(git -C "$repo" symbolic-ref -q HEAD)" = refs/heads/master ] &&
	[ "$(git -C "$repo" rev-parse HEAD)" = "$head0" ] &&
	! git -C "$repo" bisect log >/dev/null 2>&1 &&
	[ -z "$(git -C "$repo" status --porcelain)" ]
}
run() {	# run OUT ARGS...: zcguard bisect, exit code in $rc
	out=$1
	shift
	"$ZCG" bisect --repo "$repo" "$@" >"$out" 2>&1
	rc=$?
}

# 1. Cause bisection: c5 broke it; c3 does not build.
run "$tmp/cause" --good "$(c 0)" --bad "$(c 7)" $fake
L=$tmp/cause
check "cause: exit 0" "$L" [ "$rc" = 0 ]
check "cause: names c5" "$L" has "$L" "$(c 5) is the first bad commit"
check "cause: first bad commit line" "$L" \
	has "$L" "first bad commit: $(c 5) code: return inq with the data"
check "cause: starts like syzbot" "$L" \
	has "$L" "bisecting cause commit starting from $(c 7)"
check "cause: testing line with compiler" "$L" \
	grep -q "^testing commit $(c 0) with gcc (" "$L"
check "cause: git bisect start line" "$L" \
	has "$L" "# git bisect start $(c 7) $(c 0)"
check "cause: Bisecting lines from git" "$L" \
	grep -q '^Bisecting: [0-9]* revisions* left to test after this' "$L"
check "cause: build failure skipped and said" "$L" sh -c \
	"grep -q '^failed building $(c 3): code:3:1: error: BROKEN' '$L' &&
	 grep -q '^# git bisect skip $(c 3)\$' '$L'"
check "cause: verdict lines" "$L" sh -c \
	"grep -q '^all runs: OK\$' '$L' &&
	 grep -q '^all runs: crashed: general protection fault in tcp_zerocopy_receive\$' '$L'"
check "cause: culprit and parent signatures" "$L" sh -c \
	"grep -Eq '^culprit signature: [0-9a-f]{64}\$' '$L' &&
	 grep -Eq '^parent  signature: [0-9a-f]{64}\$' '$L'"
check "cause: times" "$L" grep -Eq \
	'^revisions tested: 5, total time: [0-9.hms]+ \(build: [0-9.hms]+, test: [0-9.hms]+\)$' "$L"
check "cause: cc from author and trailers" "$L" has "$L" \
	'cc: ["ann@example.org" "carl@example.org" "rita@example.org" "rob@example.org"]'
check "cause: crash title and report" "$L" sh -c \
	"grep -q '^crash: general protection fault in tcp_zerocopy_receive\$' '$L' &&
	 grep -q '^RIP: 0010:tcp_zerocopy_receive' '$L'"
check "cause: HEAD and branch restored" "$L" restored

# 2. Same kernel, same verdict: c2 (docs) builds c0's image (c1 only
# adds a comment); git picks c2 first in c0..c5.
run "$tmp/sig" --good "$(c 0)" --bad "$(c 5)" $fake
check "signature: docs-only commit reuses the verdict, said so" "$tmp/sig" sh -c \
	"grep -A1 '^kernel signature: ' '$tmp/sig' | grep -q '^the same kernel was already tested at commit $(c 0), reusing its verdict\$'"
check "signature: still names c5" "$tmp/sig" sh -c \
	"[ $rc = 0 ] && grep -q '^first bad commit: $(c 5)' '$tmp/sig'"

# 3. Endpoints that do not hold: clear error, no culprit, tree restored.
run "$tmp/swap" --good "$(c 7)" --bad "$(c 0)" $fake
check "swapped: exit 1, says swapped, no culprit" "$tmp/swap" sh -c \
	"[ $rc = 1 ] && grep -q 'good and bad swapped' '$tmp/swap' &&
	 ! grep -q 'first bad commit' '$tmp/swap'"
run "$tmp/gcrash" --good "$(c 5)" --bad "$(c 7)" $fake
check "good crashes: exit 1 and said" "$tmp/gcrash" sh -c \
	"[ $rc = 1 ] && grep -q '^the good commit $(c 5) crashes' '$tmp/gcrash' &&
	 ! grep -q 'first bad commit' '$tmp/gcrash'"
check "good crashes: HEAD restored" "$tmp/gcrash" restored

# 4. --fix: c8 removed the bug.
run "$tmp/fix" --fix --bad "$(c 5)" --good "$(c 9)" $fake
L=$tmp/fix
check "fix: exit 0, names c8" "$L" sh -c \
	"[ $rc = 0 ] && grep -q '^$(c 8) is the first fixed commit' '$L' &&
	 grep -q '^first fixed commit: $(c 8) code: fix the bug' '$L'"
check "fix: git bisect terms broken/fixed" "$L" sh -c \
	"grep -q '^# git bisect start --term-new=fixed --term-old=broken $(c 9) $(c 5)' '$L' &&
	 grep -Eq '^# git bisect (broken|fixed) ' '$L'"
check "fix: starts like syzbot" "$L" has "$L" "bisecting fixing commit since $(c 5)"
run "$tmp/fixswap" --fix --bad "$(c 9)" --good "$(c 5)" $fake
check "fix: swapped endpoints refused" "$tmp/fixswap" sh -c \
	"[ $rc = 1 ] && grep -q 'swapped' '$tmp/fixswap'"

# 5. Skipped commits hiding the culprit: a range, not a culprit.
FAKE_NOBOOT=$(c 5) run "$tmp/range" --good "$(c 0)" --bad "$(c 7)" $fake
L=$tmp/range
check "range: exit 3, no culprit" "$L" sh -c \
	"[ $rc = 3 ] && ! grep -q '^first bad commit' '$L'"
check "range: lists c5 and c6" "$L" sh -c \
	"grep -q 'The first bad commit could be any of:' '$L' &&
	 grep -q '^  $(c 5) code: return inq with the data' '$L' &&
	 grep -q '^  $(c 6) code: v3' '$L'"
check "range: boot failures skipped" "$L" sh -c \
	"grep -q '^all runs: boot failed: test command exited 125' '$L' && grep -q '^# git bisect skip $(c 5)' '$L'"

# 6. Interrupted (SIGTERM during a test), then resumed.
FAKE_STOP=$(c 4) FAKE_STOP_MARK=$tmp/stopped \
	run "$tmp/int" --good "$(c 0)" --bad "$(c 7)" $fake --build-dir "$tmp/obj"
rm -f "$tmp/obj/image"
check "interrupt: exit 130, says how to resume" "$tmp/int" sh -c \
	"[ $rc = 130 ] && grep -q -- '--resume. continues' '$tmp/int'"
check "interrupt: tree restored" "$tmp/int" restored
run "$tmp/again" --good "$(c 0)" --bad "$(c 7)" $fake
check "interrupt: new start refused while resumable" "$tmp/again" sh -c \
	"[ $rc = 1 ] && grep -q 'already in progress' '$tmp/again'"
run "$tmp/res" --resume
check "resume: finishes with c5, no endpoint retest" "$tmp/res" sh -c \
	"[ $rc = 0 ] && grep -q '^first bad commit: $(c 5)' '$tmp/res' &&
	 ! grep -q 'testing commit $(c 7)' '$tmp/res' &&
	 grep -q '^revisions tested: 5,' '$tmp/res'"
check "resume: HEAD restored" "$tmp/res" restored
check "resume: same build directory" "$tmp/res" [ -f "$tmp/obj/image" ]

# 7. Refusals: dirty tree, a foreign bisection, bad arguments.
echo dirty >>"$repo/code"
run "$tmp/dirty" --good "$(c 0)" --bad "$(c 7)" $fake
git -C "$repo" checkout -q -- code
check "refuses a dirty tree" "$tmp/dirty" sh -c \
	"[ $rc = 1 ] && grep -q 'uncommitted changes' '$tmp/dirty'"
git -C "$repo" bisect start >/dev/null 2>&1
run "$tmp/busy" --good "$(c 0)" --bad "$(c 7)" $fake
run "$tmp/reset" --reset
check "refuses a bisection in progress; --reset ends it" "$tmp/busy" sh -c \
	"grep -q 'already in progress' '$tmp/busy' && [ $rc = 0 ]"
check "--reset: HEAD restored" "$tmp/reset" restored
run "$tmp/args" --good "$(c 0)" --bad nosuchrev $fake
check "unknown revision: exit 2, one line" "$tmp/args" sh -c \
	"[ $rc = 2 ] && [ \$(wc -l <'$tmp/args') = 1 ]"

[ "$fail" = 0 ]
