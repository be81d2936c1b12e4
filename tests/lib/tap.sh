# Sourced by tests/*.t (not a test itself: not executable, not *.t).
# TOP and BUILD as tests/run exports them, with defaults so a .t can be
# run alone; TAP result lines numbered in $n, any failure leaves fail=1
# (a test ends with `exit $fail` or `[ "$fail" = 0 ]`).
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${BUILD:-$TOP/build}
n=0
fail=0

ok() { n=$((n + 1)); echo "ok $n $*"; }

# nok NAME [LOG]: a failed case; LOG's last 30 lines follow as comments.
nok() {
	n=$((n + 1))
	fail=1
	echo "not ok $n $1"
	[ -z "${2:-}" ] || sed 's/^/# /' "$2" | tail -n 30
}

skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }

# skip_n COUNT REASON [NAME]: COUNT skipped cases, all for REASON.
skip_n() {
	_sk=0
	while [ $_sk -lt "$1" ]; do
		skip "${3:-check}" "$2"
		_sk=$((_sk + 1))
	done
}

# skip_all REASON: the whole program skips (a "1..0 # SKIP" plan).
skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}
