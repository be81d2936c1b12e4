#!/bin/sh
# make intree: the series applied with git am to linux-source 6.12 and
# 6.1, built and installed with the tree's own kselftest make, then (VM
# part) the installed run_kselftest.sh on Debian 6.1 and 6.12 and every
# test kernel present. Minutes of CPU and two partial trees (~260 MB):
# only with ZCG_INTREE=1. Figures: docs/upstream.md.
. "$(dirname "$0")/lib/tap.sh"

echo "TAP version 13"
echo "1..3"
if [ "${ZCG_INTREE:-0}" != 1 ]; then
	skip_n 3 "ZCG_INTREE=1 runs the in-tree flow (minutes)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE

sh "$TOP/scripts/ksft-unpack.sh" >/dev/null 2>&1
sh "$TOP/scripts/patches.sh" >/dev/null 2>&1
vm=0
[ -x "$BUILD/zcguard" ] && vm=1
ZCG_INTREE_VM=$vm sh "$TOP/scripts/intree.sh" >"$tmp/out" 2>&1
sed 's/^/# /' "$tmp/out"

if [ "$(grep -c 'git am applied 8 patches' "$tmp/out")" = 2 ]; then
	ok "git am: 8 patches on linux-6.12 and linux-6.1"
else
	nok "git am"
fi
if [ "$(grep -c 'built and installed in .* 0 warnings: 8 programs' "$tmp/out")" = 2 ]; then
	ok "tree's make builds and installs 8 programs, 0 warnings, both trees"
else
	nok "in-tree build/install"
fi
if [ "$vm" = 0 ]; then
	skip "run_kselftest.sh in VMs" "build/zcguard not built"
	exit $fail
fi
# Each kernel: all 8 pass, or exactly its own program fails.
bad=""
for d in "$BUILD"/intree/vm/*; do
	k=$(basename "$d")
	notok=$(grep '^not ok' "$d/run-0.output" 2>/dev/null |
		sed 's/.*: //; s/ #.*//' | tr '\n' ' ')
	case $k in
	buggy-*) want="tcp_zerocopy_repair " ;;
	bug-seq-sanity-*) want="tcp_zerocopy_seq_sanity " ;;
	bug-can-map-frag-*) want="tcp_zerocopy_sendfile " ;;
	bug-cmsg-user-*) continue ;;	# oopses: no safe detection
	*) want="" ;;
	esac
	[ "$notok" = "$want" ] || bad="$bad $k:[$notok]"
	jq -e '.verdict.decision == "good" or .verdict.kind == "failed"' \
		"$d/vm.json" >/dev/null 2>&1 || bad="$bad $k:verdict"
done
if [ -z "$bad" ]; then
	ok "run_kselftest.sh: each kernel fails exactly its own program"
else
	nok "run_kselftest.sh:$bad"
fi
exit $fail
