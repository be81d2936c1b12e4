#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fake-history.sh DIR: a tiny git history for the bisect driver's fast
# tests. The "kernel" is the file `code`: fake-build.sh turns it into an
# image (comment lines dropped, so a comment-only commit builds the same
# image), fake-test.sh crashes on a line BUG. Dates and names are fixed,
# so the SHAs are the same on every run.
#
#   c0 base          c5 BUG (the culprit, with trailers)
#   c1 comment only  c6 more code
#   c2 docs only     c7 more code (bad end)
#   c3 BROKEN build  c8 BUG removed (the fix)
#   c4 build fixed   c9 more code
# Prints "cN SHA" for each commit.
set -eu

dir=$1
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
git init -q -b master .
export GIT_AUTHOR_NAME="Ann Author" GIT_AUTHOR_EMAIL="Ann@Example.org"
export GIT_COMMITTER_NAME="Carl Committer" GIT_COMMITTER_EMAIL="carl@example.org"
n=0

commit() {
	export GIT_AUTHOR_DATE="2020-02-1$n 12:00:00 +0000"
	export GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
	git add -A
	git commit -q -m "$1" ${2:+-m "$2"}
	echo "c$n $(git rev-parse HEAD)"
	n=$((n + 1))
}

printf 'v1\n' >code
mkdir docs
echo "the fake kernel" >docs/README
commit "base"
printf '# the fake kernel\nv1\n' >code
commit "code: add a comment"
echo "more words" >>docs/README
commit "docs: more words"
printf '# the fake kernel\nv1\nBROKEN\n' >code
commit "code: v2 (does not build)"
printf '# the fake kernel\nv1\nv2\n' >code
commit "code: fix the build"
printf '# the fake kernel\nv1\nv2\nBUG\n' >code
commit "code: return inq with the data" "It breaks everything.

Reported-by: Rita Reporter <rita@example.org>
Reviewed-by: Rob Reviewer <rob@example.org>
Signed-off-by: Ann Author <ann@example.org>
Signed-off-by: Carl Committer <carl@example.org>"
printf '# the fake kernel\nv1\nv2\nBUG\nv3\n' >code
commit "code: v3"
printf '# the fake kernel\nv1\nv2\nBUG\nv3\nv4\n' >code
commit "code: v4"
printf '# the fake kernel\nv1\nv2\nv3\nv4\n' >code
commit "code: fix the bug" "Acked-by: Al Acker <al@example.org>
Signed-off-by: Carl Committer <carl@example.org>"
printf '# the fake kernel\nv1\nv2\nv3\nv4\nv5\n' >code
commit "code: v5"
