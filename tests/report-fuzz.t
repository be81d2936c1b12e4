#!/bin/sh
# The console crash parser under garbage: truncated and mutated samples,
# random bytes, keyword soup, huge lines, an 8 MiB log (build/report-fuzz,
# source tests/report/fuzz.c). TAP comes from the program itself.
. "$(dirname "$0")/lib/tap.sh"
if [ ! -x "$BUILD/report-fuzz" ]; then
	echo "1..1"
	echo "not ok 1 build/report-fuzz exists (run make)"
	exit 1
fi
exec "$BUILD/report-fuzz" "$TOP/tests/report/samples" "$TOP/tests/report/real" \
	"$TOP/tests/report/zoo"
