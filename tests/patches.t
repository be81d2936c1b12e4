#!/bin/sh
# make patches: the upstream series generated from selftests/net, for
# 6.12 (build/patches) and 6.1 (build/patches-6.1). Checks what netdev's
# CI checks on a selftest patch: subjects, Signed-off-by, checkpatch.pl
# of 6.12 --strict --max-line-length=80 (only the MAINTAINERS warning),
# codespell, sorted single-block Makefile/.gitignore/config, and that the
# series reproduces the sources exactly. The full in-tree flow (git am,
# the tree's make, run_kselftest.sh in VMs) is tests/intree.t.
. "$(dirname "$0")/lib/tap.sh"

echo "TAP version 13"
echo "1..8"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE

if ! sh "$TOP/scripts/ksft-unpack.sh" >"$tmp/u" 2>&1 ||
   ! sh "$TOP/scripts/patches.sh" >"$tmp/p" 2>&1; then
	nok "make patches"
	sed 's/^/# /' "$tmp/u" "$tmp/p"
	skip_n 7 "no series"
	exit 1
fi
ok "make patches: $(ls "$BUILD"/patches/*.patch | wc -l) + $(ls "$BUILD"/patches-6.1/*.patch | wc -l) files"

for d in patches patches-6.1; do
	bad=""
	total=$(ls "$BUILD/$d"/0*.patch | wc -l)
	for f in "$BUILD/$d"/0*.patch; do
		grep -q '^Subject: \[PATCH net-next [0-9]*/[0-9]*\] selftests: net: ' "$f" ||
			bad="$bad $(basename "$f"):subject"
		grep -q '^Signed-off-by: ' "$f" || bad="$bad $(basename "$f"):sob"
	done
	if [ -z "$bad" ] && [ "$total" -ge 2 ]; then
		ok "$d: $total files, netdev subjects and Signed-off-by"
	else
		nok "$d:$bad"
	fi
done

cp=$BUILD/ksft-6.12/scripts/checkpatch.pl
# One checkpatch per patch, all at once (the patches are independent).
for d in patches patches-6.1; do
	mkdir -p "$tmp/$d"
	for f in "$BUILD/$d"/0*.patch; do
		$cp --no-tree --strict --max-line-length=80 --show-types "$f" \
			>"$tmp/$d/$(basename "$f")" 2>&1 &
	done
done
wait
for d in patches patches-6.1; do
	cat "$tmp/$d"/* >"$tmp/cp"
	e=$(grep -c '^ERROR' "$tmp/cp")
	w=$(grep '^WARNING' "$tmp/cp" | grep -vc 'FILE_PATH_CHANGES')
	c=$(grep '^CHECK' "$tmp/cp" | grep -vc 'MACRO_ARG_REUSE')
	if [ "$e" = 0 ] && [ "$w" = 0 ] && [ "$c" = 0 ]; then
		ok "$d: checkpatch 0 errors, $(grep -c '^WARNING' "$tmp/cp") warnings (MAINTAINERS), $(grep -c '^CHECK' "$tmp/cp") checks (ZC_END)"
	else
		nok "$d: checkpatch $e errors, $w other warnings, $c other checks"
		grep -A3 '^\(ERROR\|WARNING\|CHECK\)' "$tmp/cp" | sed 's/^/# /' | head -n 30
	fi
done

if command -v codespell >/dev/null; then
	if codespell "$BUILD/patches" "$BUILD/patches-6.1" >"$tmp/cs" 2>&1; then
		ok "codespell: 0"
	else
		nok "codespell: $(wc -l <"$tmp/cs")"
		sed 's/^/# /' "$tmp/cs"
	fi
else
	skip "codespell" "not installed"
fi

# The generated tree (the series applied to its base) against the sources.
t=$BUILD/patches.work/6.12/tools/testing/selftests/net/tcp_zerocopy
bad=""
for f in "$TOP"/selftests/net/*.c "$TOP"/selftests/net/*.h; do
	b=$(basename "$f")
	sed 's|"\.\./kselftest_harness\.h"|"../../kselftest_harness.h"|' "$f" |
		cmp -s - "$t/$b" || bad="$bad $b"
done
if [ -z "$bad" ]; then
	ok "the series carries selftests/net exactly (harness include moved)"
else
	nok "differs from selftests/net:$bad"
fi

# One sorted block each: Makefile TEST_GEN_PROGS, .gitignore, config,
# and the TARGETS line in sorted place in the selftests Makefile.
bad=""
sed -n '/^TEST_GEN_PROGS := /,/^$/p' "$t/Makefile" | sed '1d;/^$/d;s/[ \\\t]//g' >"$tmp/mk"
sort -c "$tmp/mk" 2>/dev/null || bad="$bad Makefile"
[ "$(grep -c 'TEST_GEN_PROGS' "$t/Makefile")" = 1 ] || bad="$bad Makefile-blocks"
cmp -s "$tmp/mk" "$t/.gitignore" || bad="$bad .gitignore"
sort -c "$t/config" 2>/dev/null || bad="$bad config"
for v in 6.12 6.1; do
	grep '^TARGETS += ' "$BUILD/patches.work/$v/tools/testing/selftests/Makefile" |
		sed 's/^TARGETS += //' >"$tmp/targets"
	grep -qx 'net/tcp_zerocopy' "$tmp/targets" || bad="$bad TARGETS-$v"
	prev=$(grep -B1 -x 'net/tcp_zerocopy' "$tmp/targets" | head -n 1)
	next=$(grep -A1 -x 'net/tcp_zerocopy' "$tmp/targets" | tail -n 1)
	{ [ "$prev" \< net/tcp_zerocopy ] && [ net/tcp_zerocopy \< "$next" ]; } ||
		bad="$bad TARGETS-order-$v"
done
if [ -z "$bad" ]; then
	ok "Makefile, .gitignore, config sorted in one block; TARGETS in place (6.12, 6.1)"
else
	nok "order:$bad"
fi
exit $fail
