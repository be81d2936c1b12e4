#!/bin/sh
# Generate the upstream series from selftests/net into build/patches/
# (against linux-source-6.12, the newest tree here, standing in for
# net-next) and build/patches-6.1/ (the same patches against 6.1: only
# the context of the TARGETS line differs). Nothing is kept by hand: each
# run rebuilds both from the sources, one commit per program, with
# git format-patch. docs/upstream.md says why net/tcp_zerocopy/.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
src=$top/selftests/net
work=$top/build/patches.work
dir=tools/testing/selftests/net/tcp_zerocopy
name="${ZCG_PATCH_AUTHOR:-Your Name <you@example.org>}"
# One identity for every commit and the cover letter, whatever the
# user's git config says: the Signed-off-by placeholder's.
GIT_AUTHOR_NAME=${name% <*}
GIT_AUTHOR_EMAIL=${name##*<}
GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL%>}
GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME
GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

# The programs, in the order the series adds them.
progs="tcp_zerocopy_abi tcp_zerocopy_empty tcp_zerocopy_repair
tcp_zerocopy_data tcp_zerocopy_bpf_cgroup tcp_zerocopy_seq_sanity
tcp_zerocopy_sendfile tcp_zerocopy_cmsg"

for p in $progs; do
	[ -f "$src/$p.c" ] || { echo "patches: $src/$p.c missing" >&2; exit 1; }
done

# The one file of the tree the series changes, from each tarball once.
base() {
	ver=$1
	out=$top/build/patches.base/$ver
	if [ ! -f "$out/tools/testing/selftests/Makefile" ]; then
		tarball=$(ls /usr/src/linux-source-"$ver".tar.* | head -n 1)
		d=$(tar -tf "$tarball" | head -n 1 | cut -d/ -f1)
		mkdir -p "$out"
		tar -xf "$tarball" -C "$out" --strip-components=1 \
			"$d/tools/testing/selftests/Makefile"
	fi
	echo "$out"
}

# $1: tree, $2..: programs so far. Writes the directory's Makefile,
# .gitignore, config and settings for those programs.
write_meta() {
	t=$1
	shift
	{
		echo "# SPDX-License-Identifier: GPL-2.0"
		echo
		echo "TEST_GEN_PROGS := \\"
		printf '%s\n' "$@" | sort | sed '$!s/$/ \\/; s/^/\t/'
		echo
		echo 'CFLAGS += -Wall -O2 -g $(KHDR_INCLUDES)'
		echo
		echo "LOCAL_HDRS += tcp_zerocopy_lib.h"
		echo
		echo "include ../../lib.mk"
	} > "$t/$dir/Makefile"
	printf '%s\n' "$@" | sort > "$t/$dir/.gitignore"
	grep '^CONFIG_' "$src/config" | sort > "$t/$dir/config"
	cp "$src/settings" "$t/$dir/settings"
}

# Copy one source into the tree: the harness is two levels up there.
put() {
	sed 's|#include "\.\./kselftest_harness\.h"|#include "../../kselftest_harness.h"|' \
		"$src/$1" > "$2/$dir/$1"
}

# The what/why of a program: the opening comment of its source.
about() {
	awk 'NR == 1 { next }
	     /^\/\*$/ { on = 1; next }
	     on && /^ \*\// { exit }
	     on { sub(/^ \* ?/, ""); print }' "$src/$1.c"
}

subject() {
	case $1 in
	tcp_zerocopy_abi) echo "add TCP_ZEROCOPY_RECEIVE ABI tests" ;;
	tcp_zerocopy_empty) echo "tcp_zerocopy: test the empty receive queue" ;;
	tcp_zerocopy_repair) echo "tcp_zerocopy: test TCP_QUEUE_SEQ in repair mode" ;;
	tcp_zerocopy_data) echo "tcp_zerocopy: test the mapped data path" ;;
	tcp_zerocopy_bpf_cgroup) echo "tcp_zerocopy: test the cgroup getsockopt hook" ;;
	tcp_zerocopy_seq_sanity) echo "tcp_zerocopy: test TCP_QUEUE_SEQ with queued data" ;;
	tcp_zerocopy_sendfile) echo "tcp_zerocopy: test that file pages are not mapped" ;;
	tcp_zerocopy_cmsg) echo "tcp_zerocopy: test the timestamp cmsg" ;;
	esac
}

series() {
	ver=$1
	out=$2
	b=$(base "$ver")
	t=$work/$ver
	rm -rf "$t" "$out"
	mkdir -p "$t/tools/testing/selftests"
	cp "$b/tools/testing/selftests/Makefile" "$t/tools/testing/selftests/"
	git -C "$t" init -q
	git -C "$t" add -A
	git -C "$t" commit -q -m "linux-source-$ver: tools/testing/selftests/Makefile"

	mkdir -p "$t/$dir"
	sofar=""
	for p in $progs; do
		sofar="$sofar $p"
		# shellcheck disable=SC2086
		write_meta "$t" $sofar
		put "$p.c" "$t"
		msg=$work/$ver.msg
		{
			echo "selftests: net: $(subject "$p")"
			echo
			if [ "$p" = tcp_zerocopy_abi ]; then
				echo "Add tools/testing/selftests/net/tcp_zerocopy/, the tests of"
				echo "getsockopt(TCP_ZEROCOPY_RECEIVE) and the mmap()ed receive it"
				echo "drives, with their shared helpers, config and settings, and"
				echo "the first test:"
				echo
				put tcp_zerocopy_lib.h "$t"
				awk -v tl="TARGETS += net/tcp_zerocopy" '
				    !done && /^TARGETS \+= / && substr($0, 12) > "net/tcp_zerocopy" {
					print tl; done = 1 }
				    { print }' "$t/tools/testing/selftests/Makefile" > "$t/.mk"
				mv "$t/.mk" "$t/tools/testing/selftests/Makefile"
			fi
			about "$p"
			echo
			echo "Signed-off-by: $name"
		} > "$msg"
		git -C "$t" add -A
		git -C "$t" commit -q -F "$msg"
		rm -f "$msg"
	done

	n=$(printf '%s\n' $progs | wc -l)
	git -C "$t" format-patch -q --cover-letter -o "$out" \
		--subject-prefix="PATCH net-next" HEAD~"$n"
	cover=$(ls "$out"/0000-*)
	mv "$cover" "$cover.orig"
	{
		sed -n '1,/^Subject:/p' "$cover.orig" | sed '$d'
		echo "Subject: [PATCH net-next 0/$n] selftests: net: TCP_ZEROCOPY_RECEIVE tests"
		echo
		cat <<EOT
getsockopt(TCP_ZEROCOPY_RECEIVE) has no selftest upstream besides the
tcp_mmap benchmark, and its history has several fixes that a patch could
undo without any test noticing. This series adds
tools/testing/selftests/net/tcp_zerocopy/: eight programs on
kselftest_harness.h, IPv4 and IPv6.

The ABI (every optlen, out-fields, guard bytes), the empty queue in ten
states, the mapped data path, and the cgroup getsockopt hook come first.
Then one program per known bug, each failing with a message that names
the missing fix:

  tcp_zerocopy_repair      6cd6cbf593bf ("tcp: repair: fix
                           TCP_QUEUE_SEQ implementation")
  tcp_zerocopy_seq_sanity  8811f4a9836e ("tcp: add sanity tests to
                           TCP_QUEUE_SEQ")
  tcp_zerocopy_sendfile    577e4432f3ac ("tcp: add sanity checks to
                           rx zerocopy")
  tcp_zerocopy_cmsg        a6f8ee58a8e3 ("tcp: Specify cmsgbuf is user
                           pointer for receive zerocopy")

The first three detect their bug before the call that would crash or
warn. The last cannot: without its fix the kernel oopses in put_cmsg()
on SMAP hardware before userspace can look.

Tested with run_kselftest.sh on this tree, and on kernels with each fix
reverted: each such kernel fails exactly the program for its fix.

Signed-off-by: $name

EOT
		sed -n '/^\*\*\* BLURB HERE \*\*\*$/,$p' "$cover.orig" | sed 1d
	} > "$cover.new"
	mv "$cover.new" "$cover"
	rm -f "$cover.orig"
	echo "patches: $n patches and a cover letter in $out (linux-source-$ver)"
}

series 6.12 "$top/build/patches"
series 6.1 "$top/build/patches-6.1"
