#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# scripts/run.sh (`make run`): the main job. Runs, each in fresh qemu VMs
# through `zcguard vm`:
#   Debian's 6.1 and 6.12 kernels: the module's KTAP tests (6.1, the
#     headers the module is built against), the selftests (static
#     builds), every reproducer variant with --crash (they have the fix);
#   the fixed test kernel: the syzbot reproducer and every variant;
#   the buggy test kernel (fix reverted): the syzbot reproducer must
#     crash it, --detect must name the missing fix, the selftests must
#     catch it;
# and prints one table: kernel | what ran | verdict. Missing parts show
# as "not built" instead of failing. Logs: build/run/<row>/.
#
#   scripts/run.sh [--no-kernels] [--runs N] [--variants]
#     --no-kernels  do not build the test kernels if they are missing
#                   (their rows say "not built"); else `make kernels`
#                   runs first (about 15 min cold on 2 cores)
#     --runs N      runs of the syzbot reproducer per test kernel (3)
#     --variants    also boot the buggy kernel once per reproducer
#                   variant (37 boots, about 5 min): each must crash it,
#                   except the two documented not to reach the bug
# Exit: 0 every verdict as expected, 1 otherwise, 2 bad arguments.
set -u

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
ZCG=$BUILD/zcguard
REPRO=$BUILD/repro
KERNELS=$BUILD/kernels
OUT=$BUILD/run
GPF="general protection fault in tcp_zerocopy_receive"

build_kernels=1
runs=3
variants=0
while [ $# -gt 0 ]; do
	case $1 in
	--no-kernels) build_kernels=0; shift ;;
	--variants) variants=1; shift ;;
	--runs)
		case ${2:-x} in
		''|*[!0-9]*|0) echo "run.sh: --runs needs a positive number" >&2; exit 2 ;;
		esac
		runs=$2; shift 2 ;;
	-h|--help) sed -n '4,/^set -u$/s/^# \{0,1\}//p' "$0" | sed '$d'; exit 0 ;;
	*) echo "run.sh: unknown argument '$1' (try -h)" >&2; exit 2 ;;
	esac
done

rm -rf "$OUT"
mkdir -p "$OUT"
table=$OUT/table
: >"$table"
unexpected=0

say() { echo "run.sh: $*" >&2; }

# row KERNEL WHAT VERDICT: one line of the final table.
row() { printf '%s|%s|%s\n' "$1" "$2" "$3" >>"$table"; }

# vmrow KERNEL_LABEL BZIMAGE WHAT EXPECT VM-ARGS... -- CMD...
# EXPECT: ok (all runs OK), crash (all runs crashed with the GPF title),
# bad (exit 1: the kernel must be caught), fail (all runs failed, no
# crash: the program itself reported the bug), crashzc (all runs crashed
# in tcp_zerocopy_receive, any title).
vmrow() {
	label=$1 kernel=$2 what=$3 expect=$4
	shift 4
	slug=$(printf '%02d-%s-%s' $(($(wc -l <"$table") + 1)) "${label%% *}" "$what" |
		tr -c 'A-Za-z0-9.\n-' '_' | cut -c1-80)
	say "$label: $what ..."
	"$ZCG" vm --kernel "$kernel" --keep-logs "$OUT/$slug" "$@" \
		>"$OUT/$slug.log" 2>&1
	rc=$?
	verdict=$(sed -n 's/^all runs: //p' "$OUT/$slug.log" | tail -n 1)
	if [ -z "$verdict" ]; then
		# The runs disagree: count them.
		verdict=$(sed -n 's/^run #[0-9]*: \([a-z ]*\).*/\1/p' "$OUT/$slug.log" |
			sort | uniq -c | awk '{c=$1; $1=""; printf "%s%d%s", s, c, $0; s=", "}')
		[ -n "$verdict" ] || verdict="no verdict (exit $rc, see $OUT/$slug.log)"
	fi
	case $expect in
	ok) [ "$rc" = 0 ] ;;
	crash) [ "$verdict" = "crashed: $GPF" ] ;;
	bad) [ "$rc" = 1 ] ;;
	fail) case $verdict in failed:*) true ;; *) false ;; esac ;;
	crashzc) case $verdict in crashed:*tcp_zerocopy_receive*) true ;; *) false ;; esac ;;
	esac
	if [ $? = 0 ]; then
		verdict="$verdict (expected)"
		case $expect in
		crash*) verdict="$verdict; s after /init: $(crash_times "$OUT/$slug")" ;;
		esac
	else
		verdict="$verdict  <-- UNEXPECTED, wanted $expect"
		unexpected=$((unexpected + 1))
	fi
	row "$label" "$what" "$verdict"
}

# crash_times DIR: seconds from "Run /init" to the oops, per run.
crash_times() {
	for c in "$1"/run-*.console; do
		[ -f "$c" ] || continue
		sed -n 's/^\[ *\([0-9.]*\)\] \(Run \/init\|general protection\|BUG: \)\(.\).*/\1 \2/p' "$c" |
			awk '/Run/ { s = $1 } !/Run/ && s != "" { printf "%.2f\n", $1 - s; exit }'
	done | paste -sd' ' -
}

# The guest-side selftest runner: one TAP line per program, the
# program's own TAP indented so only ours is top-level. Exit 4 = skip.
ksft_runner() {
	cat >"$OUT/ksft-run.sh" <<'EOF'
#!/bin/sh
n=0; bad=0
echo "1..$#"
for p in "$@"; do
	n=$((n + 1))
	out=$("$p" 2>&1); rc=$?
	echo "$out" | sed 's/^/    /'
	case $rc in
	0) echo "ok $n $p" ;;
	4) echo "ok $n $p # SKIP" ;;
	*) echo "not ok $n $p (exit $rc)"; bad=1 ;;
	esac
done
exit $bad
EOF
	chmod +x "$OUT/ksft-run.sh"
}

# --- what is built -------------------------------------------------------
if [ ! -x "$ZCG" ]; then
	say "build/zcguard missing: make"
	make -C "$TOP" all >&2 || exit 1
fi
if [ "$build_kernels" = 1 ] &&
   { [ ! -e "$KERNELS/fixed-6.1/bzImage" ] || [ ! -e "$KERNELS/buggy-6.1/bzImage" ]; }; then
	say "test kernels missing: make kernels (about 15 min cold on 2 cores)"
	make -C "$TOP" kernels >"$OUT/kernels.log" 2>&1 ||
		say "make kernels failed, see $OUT/kernels.log"
fi

deb61=$(ls /boot/vmlinuz-6.1.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
deb612=$(ls /boot/vmlinuz-6.12.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
fixed=$KERNELS/fixed-6.1/bzImage
buggy=$KERNELS/buggy-6.1/bzImage
l61="Debian $(basename "${deb61:-6.1}" | sed 's/^vmlinuz-//')"
l612="Debian $(basename "${deb612:-6.12}" | sed 's/^vmlinuz-//')"
lfix="fixed 6.1 KASAN (test kernel)"
lbug="buggy 6.1 KASAN, fix reverted"

# Reproducers: every static binary plus the variant driver.
repro_files=
for f in "$REPRO"/zc-*; do
	[ -x "$f" ] && repro_files="$repro_files --file $f"
done

# Selftests: static builds for the guest.
ksft_files=
ksft_names=
mkdir -p "$BUILD/guest-ksft"
if make -s -C "$TOP/selftests/net" KSFT_DIR="$BUILD/ksft/tools/testing/selftests" \
	OUTPUT="$BUILD/guest-ksft" LDFLAGS=-static >"$OUT/selftests-build.log" 2>&1; then
	ksft_runner
	ksft_files="--file $OUT/ksft-run.sh"
	for p in $(make -s -C "$TOP/selftests/net" KSFT_DIR="$BUILD/ksft/tools/testing/selftests" \
		   emit_tests 2>/dev/null | sed 's/^[^:]*://'); do
		[ -x "$BUILD/guest-ksft/$p" ] || continue
		ksft_files="$ksft_files --file $BUILD/guest-ksft/$p"
		ksft_names="$ksft_names $p"
	done
	nksft=$(echo $ksft_names | wc -w)
fi

# Module: the modules for Debian 6.1 (make module: build/module-6.1) with
# the module area's static guest programs: zcg-modload loads them, zcg-ktap
# checks the KTAP zcguard_test.ko printed, zcg-inject drives the test-only
# injector (zcguard_inject.ko) against the guard module (zcguard.ko).
moddir=$BUILD/module-6.1
mod_ok=1
for p in zcg-modload zcg-ktap zcg-inject; do
	[ -x "$BUILD/guest/$p" ] || mod_ok=0
done
for m in zcguard zcguard_test zcguard_inject; do
	[ -f "$moddir/$m.ko" ] || mod_ok=0
done
mod_files="--file $moddir/zcguard.ko:/zcguard.ko --file $moddir/zcguard_test.ko:/zcguard_test.ko --file $moddir/zcguard_inject.ko:/zcguard_inject.ko --file $BUILD/guest/zcg-modload --file $BUILD/guest/zcg-ktap --file $BUILD/guest/zcg-inject"

# --- the runs ------------------------------------------------------------
for k in "$deb61" "$deb612"; do
	[ -n "$k" ] || continue
	label=$l61
	[ "$k" = "$deb612" ] && label=$l612
	if [ "$k" = "$deb61" ]; then
		if [ "$mod_ok" = 1 ]; then
			# shellcheck disable=SC2086
			vmrow "$label" "$k" "module zcguard_test.ko: KTAP tests at load" ok \
				$mod_files -- sh -c 'zcg-modload -n /zcguard_test.ko && zcg-ktap'
			# shellcheck disable=SC2086
			vmrow "$label" "$k" "module zcguard.ko: injected desync, guard blocks the call" ok \
				$mod_files -- sh -c 'zcg-modload /zcguard.ko guard=block && zcg-modload /zcguard_inject.ko inject=1 && zcg-inject block'
			# shellcheck disable=SC2086
			vmrow "$label" "$k" "module zcguard.ko: injected desync, guard off" crashzc \
				$mod_files -- sh -c 'zcg-modload /zcguard.ko guard=off && zcg-modload /zcguard_inject.ko inject=1 && zcg-inject off'
		else
			row "$label" "modules" "not built (make module; make for build/guest/zcg-*)"
		fi
	fi
	if [ -n "$ksft_names" ]; then
		# shellcheck disable=SC2086
		vmrow "$label" "$k" "selftests/net ($nksft programs)" ok $ksft_files -- ksft-run.sh $ksft_names
	else
		row "$label" "selftests/net" "not built (see $OUT/selftests-build.log)"
	fi
	if [ -n "$repro_files" ]; then
		# shellcheck disable=SC2086
		vmrow "$label" "$k" "every reproducer variant --crash" ok $repro_files -- zc-variants.sh --crash
	else
		row "$label" "reproducers" "not built (make)"
	fi
done

if [ -e "$fixed" ] && [ -x "$REPRO/zc-syzbot" ]; then
	vmrow "$lfix" "$fixed" "zc-syzbot --crash, $runs runs" ok --runs "$runs" \
		--file "$REPRO/zc-syzbot" -- zc-syzbot --crash
	# shellcheck disable=SC2086
	vmrow "$lfix" "$fixed" "every reproducer variant --crash" ok $repro_files -- zc-variants.sh --crash
	if [ -n "$ksft_names" ]; then
		# shellcheck disable=SC2086
		vmrow "$lfix" "$fixed" "selftests/net ($nksft programs)" ok $ksft_files -- ksft-run.sh $ksft_names
	fi
else
	row "$lfix" "zc-syzbot" "not built (make kernels)"
fi

if [ -e "$buggy" ] && [ -x "$REPRO/zc-syzbot" ]; then
	vmrow "$lbug" "$buggy" "zc-syzbot --crash, $runs runs" crash --runs "$runs" \
		--file "$REPRO/zc-syzbot" -- zc-syzbot --crash
	vmrow "$lbug" "$buggy" "zc-syzbot --detect (names 6cd6cbf593bf)" bad \
		--file "$REPRO/zc-syzbot" -- zc-syzbot --detect
	if [ -n "$ksft_names" ]; then
		# shellcheck disable=SC2086
		vmrow "$lbug" "$buggy" "selftests/net ($nksft programs): must catch it" bad \
			$ksft_files -- ksft-run.sh $ksft_names
	fi
	if [ "$variants" = 1 ]; then
		# One VM per variant: each --crash run ends the kernel.
		"$REPRO/zc-variants.sh" --list >"$OUT/variants.list"
		while read -r prog args; do
			case "$prog $args" in
			# copybuf_len >= the phantom inq: the copy fallback
			# walks the real queue; repair mode refuses the read
			# (EPERM) and the program reports the lie.
			*"--copybuf 65536"*) want=fail ;;
			# connect() resyncs copied_seq: the bug is unreachable.
			zc-connected*) want=ok ;;
			*) want=crash ;;
			esac
			# shellcheck disable=SC2086
			vmrow "$lbug" "$buggy" "$prog --crash $args" $want \
				--file "$REPRO/$prog" -- $prog --crash $args
		done <"$OUT/variants.list"
	fi
else
	row "$lbug" "zc-syzbot" "not built (make kernels)"
fi

# --- the table -----------------------------------------------------------
echo
awk -F'|' '
	{ k[NR] = $1; w[NR] = $2; v[NR] = $3
	  if (length($1) > a) a = length($1); if (length($2) > b) b = length($2) }
	END {
		printf "%-*s | %-*s | %s\n", a, "kernel", b, "what ran", "verdict"
		s = ""; for (i = 0; i < a + b + 16; i++) s = s "-"; print s
		for (i = 1; i <= NR; i++) printf "%-*s | %-*s | %s\n", a, k[i], b, w[i], v[i]
	}' "$table"
echo
echo "logs: $OUT"
if [ "$unexpected" != 0 ]; then
	echo "run: $unexpected verdict(s) not as expected"
	exit 1
fi
echo "run: every verdict as expected"
