#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kernel-history.sh OUT: a small git history on Debian's linux-source-6.1
# for the end-to-end bisect test, in OUT/src (generated, never committed;
# the kernel build directory the test uses is OUT/obj, so the layout
# X/{src,obj} is the one kernels/Makefile uses and ccache entries are
# shared with `make kernels`). Names, dates and contents are fixed, so
# the SHAs are the same on every machine. Reused when already made by
# this version of the script. Prints "cN SHA SUBJECT" per commit.
#
#   c0  linux-source-6.1 as shipped (has the TCP_QUEUE_SEQ fix)
#   c1  Documentation only                      (same kernel as c0)
#   c2  a comment in net/ipv4/tcp.c, same lines (same kernel as c0)
#   c3  a typo in net/ipv4/tcp.c                (does not build)
#   c4  typo fixed                              (same kernel as c0)
#   c5  Revert the TCP_QUEUE_SEQ fix            (the culprit)
#   c6  a tcp.c log message reworded            (bad end of the cause run)
#   c7  the fix re-applied                      (the fix for --fix)
#   c8  Documentation only                      (good end of the --fix run)
#   c9  a tcp.c comment reworded                (same kernel as c8)
#   c10 Revert the TCP_QUEUE_SEQ sanity tests   (the second culprit,
#       8811f4a9836e: kernels/revert-8811f4a9836e-seq-sanity.patch)
#   c11 Documentation only                      (bad end of the second run)
set -eu

TAR=${ZCG_LINUX_TAR:-/usr/src/linux-source-6.1.tar.xz}
[ $# = 1 ] || { echo "usage: kernel-history.sh OUT" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
src=$out/src
here=$(cd "$(dirname "$0")" && pwd)
me=$(cat "$0" "$here/../../kernels/revert-8811f4a9836e-seq-sanity.patch" |
	sha256sum | cut -c1-64)

if [ -f "$out/history.list" ] && [ "$(cat "$out/history.stamp" 2>/dev/null)" = "$me" ] &&
   [ -z "$(git -C "$src" status --porcelain 2>/dev/null)" ] &&
   git -C "$src" rev-parse -q --verify HEAD >/dev/null 2>&1; then
	cat "$out/history.list"
	exit 0
fi
[ -r "$TAR" ] || { echo "kernel-history.sh: $TAR missing (make deps)" >&2; exit 1; }

rm -rf "$src" "$out/history.list" "$out/history.stamp" "$out/linux-source-6.1"
tar -xJf "$TAR" -C "$out"
mv "$out/linux-source-6.1" "$src"
cd "$src"
git init -q -b master .
git config gc.auto 0
git config core.autocrlf false
export GIT_AUTHOR_NAME="Dana Dev" GIT_AUTHOR_EMAIL="dana@example.org"
export GIT_COMMITTER_NAME="Nick Netdev" GIT_COMMITTER_EMAIL="nick@example.org"
n=0
list=$out/history.list.tmp
: >"$list"

# commit SUBJECT [BODY]
commit() {
	export GIT_AUTHOR_DATE="2024-03-$(printf %02d $((n + 1))) 10:00:00 +0000"
	export GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
	# -f: Debian's top-level .gitignore ignores everything ("/*")
	git add -A -f .
	git commit -q --no-verify -m "$1" ${2:+-m "$2"}
	echo "c$n $(git rev-parse HEAD) $1" >>"$list"
	n=$((n + 1))
}

# edit FILE SED-SCRIPT: in-place edit that must change the file
edit() {
	cp "$1" "$1.orig"
	sed "$2" "$1.orig" >"$1"
	if cmp -s "$1" "$1.orig"; then
		echo "kernel-history.sh: '$2' did not change $1" >&2
		exit 1
	fi
	rm "$1.orig"
}

tcp=net/ipv4/tcp.c
fixline='				WRITE_ONCE(tp->copied_seq, val);'
grep -qxF "$fixline" $tcp || { echo "kernel-history.sh: no fix line in $tcp" >&2; exit 1; }

commit "Linux 6.1 (Debian linux-source-6.1)"

printf '\nTCP_ZEROCOPY_RECEIVE reports the receive queue length in inq.\n' \
	>>Documentation/networking/tcp-thin.rst
commit "Documentation: networking: mention TCP_ZEROCOPY_RECEIVE inq" \
"Signed-off-by: Dana Dev <dana@example.org>"

edit $tcp 's/Alan Cox\t:\tSet the ACK bit on a reset/Alan Cox\t:\tSets the ACK bit on a reset/'
commit "tcp: fix a comment typo" \
"Signed-off-by: Dana Dev <dana@example.org>"

edit $tcp 's/WRITE_ONCE(tp->rcv_nxt, val);/WRITE_ONCE(tp->rcv_next, val);/'
commit "tcp: repair: tidy TCP_QUEUE_SEQ" \
"Signed-off-by: Dana Dev <dana@example.org>"

edit $tcp 's/WRITE_ONCE(tp->rcv_next, val);/WRITE_ONCE(tp->rcv_nxt, val);/'
commit "tcp: repair: fix the build" \
"Reported-by: Bob Builder <bob@example.org>
Signed-off-by: Dana Dev <dana@example.org>"

grep -vxF "$fixline" $tcp >$tcp.new
mv $tcp.new $tcp
commit 'Revert "tcp: repair: fix TCP_QUEUE_SEQ implementation"' \
"This reverts commit 6cd6cbf593bfa3ae6fc3ed34ac21da4d35045425.

The copied_seq update looks redundant in repair mode.

Reviewed-by: Rita Reviewer <rita@example.org>
Acked-by: Alice Acker <alice@example.org>
Signed-off-by: Dana Dev <dana@example.org>
Signed-off-by: Nick Netdev <nick@example.org>"

edit $tcp 's/pr_info("Hash tables configured/pr_info("TCP hash tables configured/'
commit "tcp: say which hash tables are configured" \
"Signed-off-by: Dana Dev <dana@example.org>"

awk -v fix="$fixline" '{ print } /^\t\t\t\tWRITE_ONCE\(tp->rcv_nxt, val\);$/ { print fix }' \
	$tcp >$tcp.new
mv $tcp.new $tcp
grep -qxF "$fixline" $tcp
commit "tcp: repair: fix TCP_QUEUE_SEQ implementation" \
"tcp_inq() trusts rcv_nxt - copied_seq: setting only rcv_nxt makes it
report data the receive queue does not hold, and TCP_ZEROCOPY_RECEIVE
then dereferences a NULL skb.

Reported-by: syzbot <syzbot@example.org>
Signed-off-by: Eric Fixer <eric@example.org>
Signed-off-by: Nick Netdev <nick@example.org>"

printf '\nIn repair mode TCP_QUEUE_SEQ sets both rcv_nxt and copied_seq.\n' \
	>>Documentation/networking/tcp-thin.rst
commit "Documentation: networking: TCP_QUEUE_SEQ in repair mode" \
"Signed-off-by: Dana Dev <dana@example.org>"

edit $tcp 's/Alan Cox\t:\tSets the ACK bit on a reset/Alan Cox\t:\tSet the ACK bit on a reset/'
commit "tcp: restore the comment as written" \
"Signed-off-by: Dana Dev <dana@example.org>"

# The patch's own header is no commit message here: only its diff.
sed -n '/^--- a\//,$p' "$here/../../kernels/revert-8811f4a9836e-seq-sanity.patch" |
	patch -s -p1 --no-backup-if-mismatch
commit 'Revert "tcp: add sanity tests to TCP_QUEUE_SEQ"' \
"This reverts commit 8811f4a9836e31c14ecdf79d9f3cb7c5d463265d.

The checks look redundant: repair mode is for CLOSE sockets anyway.

Acked-by: Alice Acker <alice@example.org>
Signed-off-by: Dana Dev <dana@example.org>
Signed-off-by: Nick Netdev <nick@example.org>"

printf '\nTCP_QUEUE_SEQ needs the socket in repair mode.\n' \
	>>Documentation/networking/tcp-thin.rst
commit "Documentation: networking: TCP_QUEUE_SEQ needs repair mode" \
"Signed-off-by: Dana Dev <dana@example.org>"

mv "$list" "$out/history.list"
echo "$me" >"$out/history.stamp"
cat "$out/history.list"
