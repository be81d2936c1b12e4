#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# assemble.sh: turns the captured logs (build/zoo-logs/NAME.log, from
# capture.sh) into samples tests/report/zoo/NAME.log in syzkaller's
# format: "TITLE: ...", "CORRUPTED: Y|N", a blank line, the log. Titles
# come from kernels/zoo/expected ("NAME | TITLE | Y|N" per line), written
# by a person who read each log, never by the parser. A name without a
# log or a log without a title is reported and left out.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
logs=$top/build/zoo-logs
out=$top/tests/report/zoo
mkdir -p "$out"
grep -v '^#' "$here/expected" | grep -v '^[[:space:]]*$' |
while IFS='|' read -r name title corr; do
	name=$(echo "$name" | tr -d ' ')
	title=$(echo "$title" | sed 's/^ *//; s/ *$//')
	corr=$(echo "$corr" | tr -d ' ')
	if [ ! -s "$logs/$name.log" ]; then
		echo "assemble.sh: $name: no log in $logs" >&2
		continue
	fi
	{
		echo "TITLE: $title"
		echo "CORRUPTED: $corr"
		echo
		cat "$logs/$name.log"
	} >"$out/$name.log"
done
for l in "$logs"/*.log; do
	n=$(basename "$l" .log)
	grep -q "^$n " "$here/expected" || echo "assemble.sh: $n: not titled" >&2
done
