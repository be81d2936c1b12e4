#!/bin/sh
# zcguard vm end to end on Debian's 6.1 cloud kernel under qemu: one OK run,
# TAP and exit-status failures, a crash, a hang, a boot failure, Ctrl-C;
# each verdict line, exit code and that no qemu is left behind.
. "$(dirname "$0")/lib/tap.sh"
Z=$BUILD/zcguard
N=12

echo "TAP version 13"
echo "1..$N"
skip=""
[ -x "$Z" ] || skip="$Z not built"
command -v qemu-system-x86_64 >/dev/null || skip="no qemu-system-x86_64"
ls /boot/vmlinuz-6.1.*-cloud-amd64 >/dev/null 2>&1 ||
	skip="no Debian 6.1 cloud kernel in /boot"
[ -x /bin/busybox ] || skip="no /bin/busybox (busybox-static)"
if [ -n "$skip" ]; then
	skip_n $N "$skip"
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE
export TMPDIR=$tmp/t
mkdir -p "$TMPDIR"

# vm NAME WANT_RC WANT_LINE ARGS...: runs zcguard vm, checks both.
vm() {
	name=$1 want_rc=$2 want=$3
	shift 3
	start=$(date +%s)
	"$Z" vm "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	secs=$(( $(date +%s) - start ))
	if [ "$rc" = "$want_rc" ] && grep -qE "$want" "$tmp/out"; then
		ok "$name (${secs}s)"
		return 0
	fi
	nok "$name (rc=$rc, want $want_rc and /$want/)"
	sed 's/^/# /' "$tmp/out" "$tmp/err"
	return 1
}

if vm "true: all runs OK" 0 '^all runs: OK$' --keep-logs "$tmp/logs" \
	--json "$tmp/s.json" -- /bin/true &&
   grep -q '^run #0: OK$' "$tmp/out"; then
	if [ -s "$tmp/logs/run-0.console" ] && [ -s "$tmp/logs/summary.json" ] &&
	   { ! command -v python3 >/dev/null ||
	     python3 -m json.tool "$tmp/s.json" >/dev/null; } &&
	   grep -q '"exit": 0' "$tmp/s.json" &&
	   grep -q '"summary": "all runs: OK"' "$tmp/s.json"; then
		ok "logs and JSON summary kept"
	else
		nok "logs and JSON summary kept"
	fi
else
	nok "logs and JSON summary kept (no OK run)"
fi

# wait_qemus COUNT: polls (at most 30 s) until COUNT of our qemus run.
wait_qemus() {
	i=0
	while [ $i -lt 300 ] && [ "$(pgrep -f "$TMPDIR" | wc -l)" != "$1" ]; do
		i=$((i + 1))
		sleep 0.1
	done
}

# zcguard itself dies (SIGKILL, like a crash): PR_SET_PDEATHSIG ends qemu.
# Its work directory stays until the next zcguard vm removes it (checked
# at the end).
"$Z" vm -- sleep 600 >"$tmp/out" 2>&1 &
pid=$!
wait_qemus 1
kill -KILL $pid
wait $pid 2>/dev/null
wait_qemus 0
if ! pgrep -f "$TMPDIR" >/dev/null; then
	ok "zcguard killed: its qemu dies too"
else
	nok "zcguard killed: $(pgrep -f "$TMPDIR" | wc -l) processes left"
fi

if vm "TAP not ok in output: failed" 1 '^run #0: failed: not ok 2 b$' -- \
	sh -c 'echo "ok 1 a"; echo "not ok 2 b"; echo "ok 3 c # SKIP why"'; then
	if grep -q '^tests: 1 ok, 1 not ok, 1 skipped$' "$tmp/out"; then
		ok "TAP counts"
	else
		nok "TAP counts"
		sed 's/^/# /' "$tmp/out"
	fi
else
	nok "TAP counts (run failed)"
fi

# KTAP printed by the kernel (as a module's would be) is read on the console.
if vm "exit status: failed" 1 '^all runs: failed: exit status 3$' -- \
	sh -c 'echo "ok 1 from_printk" >/dev/kmsg; exit 3' &&
   grep -q '^tests: 1 ok, 0 not ok, 0 skipped$' "$tmp/out"; then
	ok "console KTAP counted"
else
	nok "console KTAP counted"
fi

vm "guest crash: crashed, exit 1" 1 '^all runs: crashed: .*sysrq' -- \
	sh -c 'echo c >/proc/sysrq-trigger'

vm "hanging guest: timed out, exit 125" 125 \
	'^all runs: timed out: no output for 3s$' --idle-timeout 3 -- sleep 600

vm "init killed: boot failed, exit 125" 125 '^all runs: boot failed: ' \
	--append rdinit=/bin/false -- /bin/true

# Ctrl-C while two VMs run: both killed at once, exit 130.
"$Z" vm --runs 2 --parallel 2 -- sleep 600 >"$tmp/out" 2>&1 &
pid=$!
wait_qemus 2
kill -INT $pid
wait $pid
rc=$?
if [ "$rc" = 130 ] && ! pgrep -f "$TMPDIR" >/dev/null; then
	ok "SIGINT: exit 130, no qemu left"
else
	nok "SIGINT (rc=$rc, $(pgrep -f "$TMPDIR" | wc -l) processes left)"
fi

left=$(pgrep -f "$TMPDIR" | wc -l)
files=$(ls -A "$TMPDIR" | wc -l)
if [ "$left" = 0 ] && [ "$files" = 0 ]; then
	ok "no qemu and no work files left"
else
	nok "$left processes and $files work files left"
	for p in $(pgrep -f "$TMPDIR"); do kill -KILL "$p"; done
fi
exit $fail
