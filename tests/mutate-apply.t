#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The mutant sets of the mutation run (kernels/mutate.sh -s SERIES):
# kernels/mutants/ for 6.1, kernels/mutants/6.12/ for 6.12. Each set has
# at least 25, each mutant its one-line "Mutant:" reason, touches only
# net/ipv4/tcp.c and applies to that series' pristine tcp.c with neither
# fuzz nor offset (a mutant that lands a few lines away may no longer
# break what its reason says), and no two of a set alike. The pristine
# tcp.c is build/kernels/src-SERIES when unpacked, else read from the
# Debian tarball (SKIP when that is missing too). A 6.12 mutant numbered
# like a 6.1 one is its port: same name, same reason.
. "$(dirname "$0")/lib/tap.sh"
M=$TOP/kernels/mutants
srcdir=${SRC_DIR:-/usr/src}

echo "1..9"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# pristine SERIES: src= a directory holding SERIES's pristine
# net/ipv4/tcp.c, or empty and the reason in why=.
pristine() {
	src= why=
	if [ -f "$BUILD/kernels/src-$1/.unpacked" ]; then
		src=$BUILD/kernels/src-$1
		return
	fi
	tarball=$srcdir/linux-source-$1.tar.xz
	if [ ! -f "$tarball" ]; then
		why="neither build/kernels/src-$1 nor $tarball"
		return
	fi
	mkdir -p "$tmp/src-$1/net/ipv4"
	if ! tar --occurrence=1 -xOf "$tarball" \
		"linux-source-$1/net/ipv4/tcp.c" \
		>"$tmp/src-$1/net/ipv4/tcp.c" 2>"$tmp/tar.err" ||
	   [ ! -s "$tmp/src-$1/net/ipv4/tcp.c" ]; then
		why="no net/ipv4/tcp.c in $tarball: $(head -n 1 "$tmp/tar.err")"
		return
	fi
	src=$tmp/src-$1
}

# check_set SERIES DIR: four cases on the set in DIR.
check_set() {
	s=$1 d=$2
	count=$(ls "$d"/*.patch 2>/dev/null | wc -l)
	if [ "$count" -ge 25 ]; then
		ok "$s mutants: $count (at least 25)"
	else
		nok "$s mutants: $count, fewer than 25"
	fi

	bad=
	for p in "$d"/*.patch; do
		head -n 1 "$p" | grep -q '^Mutant: ..........' ||
			bad="$bad $(basename "$p")"
		files=$(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$p" | sort -u)
		[ "$files" = net/ipv4/tcp.c ] ||
			bad="$bad $(basename "$p")(touches $files)"
	done
	if [ -z "$bad" ]; then
		ok "$s mutants: each has a reason line and touches net/ipv4/tcp.c only"
	else
		echo "# bad:$bad"
		nok "$s mutants: each has a reason line and touches net/ipv4/tcp.c only"
	fi

	pristine "$s"
	if [ -z "$src" ]; then
		skip "$s mutants: apply without fuzz or offset" "$why"
	else
		bad=
		for p in "$d"/*.patch; do
			# patch says "Hunk #1 succeeded at L (offset N lines)"
			# for an offset: any line but "checking file" is bad.
			patch -p1 --dry-run --fuzz=0 -d "$src" <"$p" \
				>"$tmp/o" 2>&1 &&
			! grep -qv '^checking file net/ipv4/tcp.c$' "$tmp/o" || {
				sed 's/^/# /' "$tmp/o"
				bad="$bad $(basename "$p")"
			}
		done
		if [ -z "$bad" ]; then
			ok "$s mutants: all $count apply without fuzz or offset"
		else
			nok "$s mutants: do not apply exactly:$bad"
		fi
	fi

	# Two mutants with the same change would count one weakness twice.
	for p in "$d"/*.patch; do
		sed -n '/^[-+][^-+]/p' "$p" | sha1sum
	done | sort | uniq -d >"$tmp/dup"
	if [ -s "$tmp/dup" ]; then
		nok "$s mutants: no two make the same change"
	else
		ok "$s mutants: no two make the same change"
	fi
}

check_set 6.1 "$M"
check_set 6.12 "$M/6.12"

# A port keeps its number, name and reason, so the two tables line up;
# a 6.12-only mutant takes a number the 6.1 set does not use.
bad=
for p in "$M"/6.12/*.patch; do
	b=$(basename "$p")
	twin=$(ls "$M"/"${b%%-*}"-*.patch 2>/dev/null)
	[ -n "$twin" ] || continue
	if [ "$(basename "$twin")" != "$b" ]; then
		bad="$bad $b(6.1 has $(basename "$twin"))"
	elif [ "$(head -n 1 "$p")" != "$(head -n 1 "$twin")" ]; then
		bad="$bad $b(reason differs)"
	fi
done
if [ -z "$bad" ]; then
	ok "6.12 mutants: ports keep the 6.1 number, name and reason"
else
	nok "6.12 mutants: ports keep the 6.1 number, name and reason:$bad"
fi
exit $fail
