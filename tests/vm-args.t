#!/bin/sh
# zcguard vm: argument errors and pre-boot checks (no qemu needed).
# Each bad invocation must exit 2 with one line on stderr and leave no
# file behind; a broken kernel image gives "boot failed" and exit 125.
. "$(dirname "$0")/lib/tap.sh"
Z=$BUILD/zcguard

echo "TAP version 13"
echo "1..14"
if [ ! -x "$Z" ]; then
	skip_n 14 "$Z not built"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE
export TMPDIR=$tmp/t
mkdir -p "$TMPDIR"

# bad_args NAME ARGS...: exit 2, exactly one stderr line, nothing created.
bad_args() {
	name=$1
	shift
	"$Z" vm "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	lines=$(wc -l <"$tmp/err")
	left=$(ls -A "$TMPDIR" | wc -l)
	if [ "$rc" = 2 ] && [ "$lines" = 1 ] && [ "$left" = 0 ] &&
	   [ ! -s "$tmp/out" ]; then
		ok "$name"
	else
		nok "$name (rc=$rc, $lines stderr lines, $left files)"
		sed 's/^/# /' "$tmp/err"
	fi
}

bad_args "unknown option" --bogus -- /bin/true
bad_args "option without argument" --runs
bad_args "runs not a number" --runs x -- /bin/true
bad_args "runs zero" --runs 0 -- /bin/true
bad_args "negative timeout" --timeout -1 -- /bin/true
bad_args "missing kernel" --kernel "$tmp/nope" -- /bin/true
bad_args "missing module" --module "$tmp/nope.ko" -- /bin/true
bad_args "missing file" --file "$tmp/nope" -- /bin/true
bad_args "relative file destination" --file "$Z:bin/x" -- /bin/true
bad_args "keep-logs under a file" --keep-logs "$Z/sub" -- /bin/true

"$Z" vm -h >"$tmp/out" 2>&1
rc=$?
lines=$(wc -l <"$tmp/out")
if [ "$rc" = 0 ] && [ "$lines" -le 24 ] && grep -q -- --parallel "$tmp/out"; then
	ok "-h fits a screen ($lines lines)"
else
	nok "-h (rc=$rc, $lines lines)"
fi

# A fake bzImage: valid boot header, far shorter than it claims to be.
python3 - "$tmp/short.bz" <<'PY' 2>/dev/null || printf '' >"$tmp/short.bz"
import struct, sys
d = bytearray(0x400)
d[0x1f1] = 1                       # setup_sects
d[0x1f4:0x1f8] = struct.pack('<I', 0x10000)  # syssize: 1 MiB
d[0x202:0x206] = b'HdrS'
open(sys.argv[1], 'wb').write(d)
PY
"$Z" vm --kernel "$tmp/short.bz" --runs 2 -- /bin/true >"$tmp/out" 2>&1
rc=$?
if [ "$rc" = 125 ] && grep -q '^run #1: boot failed: kernel image truncated' "$tmp/out" &&
   grep -q '^all runs: boot failed: kernel image truncated' "$tmp/out"; then
	ok "truncated bzImage: boot failed, exit 125"
else
	nok "truncated bzImage (rc=$rc)"
	sed 's/^/# /' "$tmp/out"
fi

printf 'not a kernel\n' >"$tmp/text.bz"
"$Z" vm --kernel "$tmp/text.bz" -- /bin/true >"$tmp/out" 2>&1
rc=$?
if [ "$rc" = 125 ] && grep -q '^all runs: boot failed: .*not an x86 bzImage' "$tmp/out"; then
	ok "not a bzImage: boot failed, exit 125"
else
	nok "not a bzImage (rc=$rc)"
	sed 's/^/# /' "$tmp/out"
fi

left=$(ls -A "$TMPDIR" | wc -l)
if [ "$left" = 0 ]; then
	ok "nothing left in TMPDIR"
else
	nok "files left in TMPDIR: $(ls -A "$TMPDIR")"
fi
exit $fail
