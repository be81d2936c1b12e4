#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mutate.sh [-s 6.1|6.12] [-O DIR] [-d TREE] [-t SECS] [-l] [MUTANT...]
#
# Mutation testing of the selftests: for each mutant of net/ipv4/tcp.c
# (kernels/mutants/*.patch for 6.1, kernels/mutants/6.12/*.patch for
# 6.12; the first line of each says what it breaks) build it into ONE
# reusable object dir per series, DIR/mutant-SERIES/obj
# (apply, incremental build, revert: only tcp.o and the link are redone),
# run every selftest in a VM on it (`zcguard run` on a generated plan:
# one `ksft = all` row expecting OK) and read the verdict from the run's
# JSON. A crash, a timeout, a hang (booted, then silent) or any
# `not ok` kills the mutant; all tests passing means it survived. A
# mutant that does not build or boot is an error, counted in neither.
#
#   MUTANT      names (with or without .patch) of the series' set, or
#               paths; default: all of the set
#   -s SERIES   6.1 (default) or 6.12: the mutant set and the base kernel
#   -O DIR      kernel build dir (default: build/kernels of the project)
#   -d TREE     mutate this already built tree of the series instead
#               (TREE/src, TREE/obj of an earlier build: its own config
#               is kept)
#   -t SECS     timeout of one VM run (default 900)
#   -l          list the mutants and their reasons, build nothing
#
# Results: one line per mutant on stdout (NAME killed|survived|error
# VERDICT [not ok: TESTS]), then "mutants: N, killed K, survived S,
# errors E, kill rate P%". DIR/mutant-SERIES/results.tsv keeps them, the
# VM logs are under DIR/mutant-SERIES/run/.
# The base is the fixed-SERIES line of kernels/variants (same fragments,
# so the first build is ccache-warm). A long soak: not part of make check
# (tests/mutate-one.t runs one mutant).
# Exit: 0 ran (whatever the kill rate), 1 infrastructure failure,
# 2 bad arguments.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
O=$top/build/kernels
timeout=900
list=0
tree=
series=6.1

usage() {
	echo "usage: mutate.sh [-s 6.1|6.12] [-O DIR] [-d TREE] [-t SECS] [-l] [MUTANT...]" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	-s) [ $# -ge 2 ] || usage; series=$2; shift 2 ;;
	-O) [ $# -ge 2 ] || usage; O=$2; shift 2 ;;
	-d) [ $# -ge 2 ] || usage; tree=$2; shift 2 ;;
	-t) [ $# -ge 2 ] || usage; timeout=$2; shift 2 ;;
	-l) list=1; shift ;;
	-h|--help) sed -n '3,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) usage ;;
	*) break ;;
	esac
done
case $timeout in ''|*[!0-9]*) usage ;; esac
# 6.1's set predates the series: it stays at the top of mutants/.
case $series in
6.1) set_dir=$here/mutants ;;
6.12) set_dir=$here/mutants/6.12 ;;
*) echo "mutate.sh: no mutant set for series '$series' (6.1 or 6.12)" >&2
   exit 2 ;;
esac

reason() {
	sed -n '1s/^Mutant: //p' "$1"
}

mutants=
if [ $# -eq 0 ]; then
	mutants=$(ls "$set_dir"/*.patch)
else
	for m in "$@"; do
		if [ -f "$m" ]; then
			p=$m
		else
			p=$set_dir/${m%.patch}.patch
		fi
		[ -f "$p" ] || {
			echo "mutate.sh: no mutant $m in $set_dir" >&2
			exit 2
		}
		mutants="$mutants $(cd "$(dirname "$p")" && pwd)/$(basename "$p")"
	done
fi

if [ "$list" = 1 ]; then
	for p in $mutants; do
		printf '%-36s %s\n' "$(basename "$p" .patch)" "$(reason "$p")"
	done
	exit 0
fi

mkdir -p "$O"
O=$(cd "$O" && pwd)
zcg=$top/build/zcguard
[ -x "$zcg" ] || make -s -C "$top" userspace >&2 || exit 1
if [ ! -x "$top/build/guest-ksft/tcp_zerocopy_abi" ] ||
   [ ! -x "$top/build/guest/zcg-tap-run" ]; then
	mkdir -p "$top/build/guest-ksft"
	make -s -C "$top" guest-ksft all >&2 || exit 1
fi

# The base: fixed-SERIES's source and fragments under another name.
set -- $("$here/variant.sh" --show "fixed-$series")
base_src=$1
base_frags=$2
name=mutant-$base_src
if [ -n "$tree" ]; then
	mdir=$(cd "$tree" && pwd)
	frag=$mdir/obj/zcguard.config.applied
	[ -f "$frag" ] && [ -f "$mdir/src/net/ipv4/tcp.c" ] || {
		echo "mutate.sh: $tree is not a built tree (src/, obj/)" >&2
		exit 2
	}
	[ -f "$O/src-$base_src/.unpacked" ] || {
		echo "mutate.sh: no pristine $O/src-$base_src" >&2
		exit 1
	}
else
	mdir=$O/$name
	frag=$mdir/fragment.config
	table=$O/.$name.variants
	echo "$name $base_src $base_frags -" >"$table"
	VARIANTS=$table nice -n 5 "$here/variant.sh" "$O" "$name" || exit 1
fi
pristine=$O/src-$base_src/net/ipv4/tcp.c
tcp=$mdir/src/net/ipv4/tcp.c

restore() {
	cp --remove-destination "$pristine" "$tcp"
}
trap restore EXIT INT TERM

results=$mdir/results.tsv
: >"$results"
runs=$mdir/run
mkdir -p "$runs"
n=0 killed=0 survived=0 errors=0
start=$(date +%s)

for p in $mutants; do
	m=$(basename "$p" .patch)
	n=$((n + 1))
	restore
	verdict= notok=
	if ! patch -s -p1 -d "$mdir/src" --no-backup-if-mismatch <"$p" >/dev/null; then
		verdict="error: does not apply"
	elif ! JOBS=${JOBS:-2} CCACHE_BASEDIR=$O nice -n 5 \
		"$here/build-kernel.sh" "$mdir/src" "$mdir/obj" \
		"$frag" >"$runs/$m.build.log" 2>&1; then
		verdict="error: build failed ($runs/$m.build.log)"
	fi
	restore
	if [ -z "$verdict" ]; then
		plan=$runs/$m.plan
		cat >"$plan" <<-EOF
		# generated by kernels/mutate.sh: mutant $m
		[kernel $name]
		label  = $series KASAN, mutant $m
		image  = $mdir/obj/arch/x86/boot/bzImage

		[row $m]
		kernel  = $name
		what    = all selftests on mutant $m
		ksft    = all
		timeout = $timeout
		expect  = OK
		EOF
		"$zcg" run --no-build --out "$runs" "$plan" \
			>"$runs/$m.run.log" 2>&1 || :
		json=$runs/$m.json
		if [ -f "$json" ]; then
			verdict=$(jq -r '.rows[0].verdict // "error: no verdict"' "$json")
			# A kernel that booted, then went silent until the idle
			# timeout, hung the tests (a leaked lock): for the
			# run's decision that is infrastructure, here a kill.
			hung=$(jq -r '[.rows[0].vm.results[]?.result |
				select(.booted and .kind == "timed out")][0].detail // empty' "$json")
			case $verdict in
			error:*) [ -z "$hung" ] || verdict="hung: $hung" ;;
			esac
			logs=$(jq -r '.rows[0].logs // empty' "$json")
			if [ -n "$logs" ] && [ -d "$logs" ]; then
				notok=$(cat "$logs"/*.output 2>/dev/null |
					tr -d '\r' | sed -n 's/^not ok [0-9]* \([^ ]*\).*/\1/p' |
					sort -u | tr '\n' ' ')
			fi
		else
			verdict="error: no $json (see $runs/$m.run.log)"
		fi
	fi
	case $verdict in
	OK*) state=survived; survived=$((survived + 1)) ;;
	crashed*|failed*|"timed out"*|hung*) state=killed; killed=$((killed + 1)) ;;
	*) state=error; errors=$((errors + 1)) ;;
	esac
	line="$m	$state	$verdict${notok:+	not ok: $notok}"
	echo "$line" >>"$results"
	printf '%-36s %-8s %s%s\n' "$m" "$state" "$verdict" \
		"${notok:+ [not ok: $notok]}"
done

counted=$((killed + survived))
rate=0
[ "$counted" -eq 0 ] || rate=$((100 * killed / counted))
echo "mutants: $n, killed $killed, survived $survived, errors $errors, kill rate $rate% ($(($(date +%s) - start)) s)"
