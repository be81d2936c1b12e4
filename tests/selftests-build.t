#!/bin/sh
# selftests/net: built with gcc and clang against the kselftest harness of
# linux-source-6.1 and of 6.12 (build/ksft, build/ksft-6.12), no warning
# allowed; every program exits 4 when all its cases skip (run as nobody:
# the privileged programs must say skip, not pass); checkpatch.pl from
# 6.12 --strict --max-line-length=80 and codespell on the sources.
. "$(dirname "$0")/lib/tap.sh"
ST=$TOP/selftests/net

echo "TAP version 13"
echo "1..8"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE
chmod 755 "$tmp"

if ! sh "$TOP/scripts/ksft-unpack.sh" >"$tmp/unpack" 2>&1; then
	skip_n 8 "harness not unpacked: $(tail -n 1 "$tmp/unpack")"
	exit 0
fi

for h in ksft ksft-6.12; do
	for cc in gcc clang; do
		name="build, $cc, harness of $h"
		if ! command -v $cc >/dev/null; then
			skip "$name" "no $cc"
			continue
		fi
		o=$tmp/$h-$cc
		mkdir -p "$o"
		make -s -C "$ST" KSFT_DIR="$BUILD/$h/tools/testing/selftests" \
			OUTPUT="$o" CC=$cc >"$o.log" 2>&1
		rc=$?
		w=$(grep -c 'warning:\|error:' "$o.log")
		progs=$(ls "$o" | wc -l)
		if [ "$rc" = 0 ] && [ "$w" = 0 ] && [ "$progs" -ge 8 ]; then
			ok "$name: $progs programs, 0 warnings"
		else
			nok "$name (rc=$rc, $w warnings, $progs programs)"
			sed 's/^/# /' "$o.log" | head -n 20
		fi
	done
done

# All skipped -> exit 4, on both harnesses (as nobody, nothing can run
# in repair, data, seq_sanity, bpf_cgroup; those must exit 4).
for h in ksft ksft-6.12; do
	name="unprivileged: all-skip programs exit 4 ($h)"
	if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
		skip "$name" "needs root and setpriv to drop to nobody"
		continue
	fi
	bad=""
	for p in tcp_zerocopy_repair tcp_zerocopy_data \
		 tcp_zerocopy_seq_sanity tcp_zerocopy_bpf_cgroup; do
		timeout 120 setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$tmp/$h-gcc/$p" >"$tmp/$p.out" 2>&1
		rc=$?
		[ "$rc" = 4 ] || bad="$bad $p=$rc"
	done
	if [ -z "$bad" ]; then
		ok "$name"
	else
		nok "$name:$bad"
	fi
done

cp=$BUILD/ksft-6.12/scripts/checkpatch.pl
$cp --no-tree --strict --max-line-length=80 --show-types -f \
	"$ST"/*.c "$ST"/*.h >"$tmp/cp" 2>&1
errs=$(grep -c '^ERROR' "$tmp/cp")
warns=$(grep -c '^WARNING' "$tmp/cp")
checks=$(grep -c '^CHECK' "$tmp/cp")
# The one accepted check: ZC_END() names the member twice (offsetofend).
other=$(grep '^CHECK' "$tmp/cp" | grep -vc 'MACRO_ARG_REUSE')
if [ "$errs" = 0 ] && [ "$warns" = 0 ] && [ "$other" = 0 ]; then
	ok "checkpatch 6.12 --strict: 0 errors, 0 warnings, $checks checks (ZC_END)"
else
	nok "checkpatch 6.12 --strict: $errs errors, $warns warnings, $checks checks"
	grep -A3 '^\(ERROR\|WARNING\|CHECK\)' "$tmp/cp" | sed 's/^/# /' | head -n 30
fi

if command -v codespell >/dev/null; then
	if codespell "$ST" >"$tmp/cs" 2>&1; then
		ok "codespell selftests/net: 0"
	else
		nok "codespell selftests/net: $(wc -l <"$tmp/cs")"
		sed 's/^/# /' "$tmp/cs"
	fi
else
	skip "codespell" "not installed"
fi
exit $fail
