#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The one decision over a set of runs (userspace/verdict/decide.c), on a
# table of run results: the seed log's cases and the edges. Built here
# with the project's own compiler flags; prints the program's TAP.
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${BUILD:-$TOP/build}
out=$BUILD/tests/decide_test
mkdir -p "$BUILD/tests"
if ! cc -std=gnu11 -Wall -Wextra -Werror -fsanitize=address,undefined \
	-I"$TOP/userspace" -o "$out" "$TOP/tests/verdict/decide_test.c" \
	"$TOP/userspace/verdict/decide.c" 2>"$BUILD/tests/decide_test.log"; then
	echo "1..1"
	echo "not ok 1 decide_test builds"
	sed 's/^/# /' "$BUILD/tests/decide_test.log"
	exit 1
fi
exec "$out"
