#!/bin/sh
# The modules in VMs (zcguard vm, TCG), on Debian's 6.1 and 6.12 kernels:
# zcguard_test.ko alone prints its KTAP at load with its guard unarmed;
# asked (guard=block inject=1) all 17 cases pass; zcguard.ko alone with
# guard=block blocks the desync zcguard_inject.ko injects (the call
# returns, one violation; then both unload); with guard=off the VM must
# crash in tcp_zerocopy_receive; 2,000 hostile writes to each debugfs file
# of the three modules. ZCG_MODULE_LONG=1 adds 100 load/unload cycles of
# the guard module under a zerocopy loop.
. "$(dirname "$0")/module/lib.sh"

Z=$BUILD/zcguard
G=$BUILD/guest
LOGS=$BUILD/test-logs/module-vm
echo "1..7"

why=""
command -v qemu-system-x86_64 >/dev/null || why="no qemu-system-x86_64"
[ -n "$KDIR61" ] || why="no 6.1 cloud headers (make deps)"
[ -n "$KERNEL61" ] || why="no /boot/vmlinuz-6.1.*-cloud-amd64"
[ -x "$Z" ] || why="zcguard not built (make)"
for p in modload ktap inject fuzz cycles; do
	[ -x "$G/zcg-$p" ] || why="guest program $G/zcg-$p not built (make)"
done
if [ -n "$why" ]; then
	skip_n 7 "$why" "module VM check"
	exit 0
fi

KO61=$BUILD/module-6.1
if ! ensure_ko "$KDIR61" "$KO61"; then
	for i in 1 2 3 4 5 6 7; do nok "module VM check $i: the modules do not build"; done
	exit 1
fi

# vm NAME KERNEL KO ARGS... -- CMD: runs zcguard vm, keeps its logs in
# $LOGS/NAME and leaves its "all runs:" line in $verdict.
vm() {
	name=$1 kernel=$2 ko=$3
	shift 3
	rm -rf "${LOGS:?}/$name"
	verdict=$("$Z" vm --kernel "$kernel" --timeout 240 \
		--keep-logs "$LOGS/$name" \
		--file "$ko/zcguard.ko:/zcguard.ko" \
		--file "$ko/zcguard_test.ko:/zcguard_test.ko" \
		--file "$ko/zcguard_inject.ko:/zcguard_inject.ko" \
		--file "$G/zcg-modload" --file "$G/zcg-ktap" \
		--file "$G/zcg-inject" --file "$G/zcg-fuzz" \
		--file "$G/zcg-cycles" "$@" 2>&1 | tee "$LOGS/$name.log" | grep '^all runs:')
}

# out NAME PATTERN: the first line of the guest's output matching PATTERN
out() {
	grep -h -m 1 -- "$2" "$LOGS/$1"/run-*.output 2>/dev/null
}

mkdir -p "$LOGS"
K61=$KERNEL61

# The test module alone: 15 cases pass, the two guard cases skip
# (unarmed, no injector), its guard reads "off", no other module loaded.
vm ktap61 "$K61" "$KO61" -- sh -c 'zcg-modload -n /zcguard_test.ko && zcg-ktap -m 15 && grep -qx off /sys/kernel/debug/zcguard_test/guard_mode && ! grep -q "^zcguard " /proc/modules'
summary=$(out ktap61 '^# zcg-ktap:')
case $verdict in
"all runs: OK") ok "6.1 zcguard_test.ko alone, KTAP at load, guard unarmed: $verdict; ${summary#\# }" ;;
*) nok "6.1 zcguard_test.ko alone: ${verdict:-no verdict}; ${summary#\# }" ;;
esac

# block NAME LABEL KERNEL KO: the test module asked to arm its guard and
# inject (all 17 pass), unloaded; then the guard module alone with
# guard=block and the injector: the injected call is blocked (one
# violation, one block); both unload.
block() {
	vm "$1" "$3" "$4" -- sh -c 'zcg-modload -n -u /zcguard_test.ko inject=1 guard=block && zcg-modload /zcguard.ko guard=block && zcg-modload /zcguard_inject.ko inject=1 && zcg-inject block && rmmod zcguard_inject && rmmod zcguard'
	summary=$(grep -h -m 1 '# zcguard: pass' "$LOGS/$1"/run-*.console 2>/dev/null)
	g=$(out "$1" '^ok 4 guard:')
	case "$verdict|$summary|$g" in
	"all runs: OK|"*"pass:17 fail:0"*"|"*"violations 1 blocked 1"*) ok "$2: $verdict; test module ${summary#*\# }; guard alone ${g#ok 4 }" ;;
	*) nok "$2: ${verdict:-no verdict}; ${summary:-no KTAP totals}; ${g:-no guard line}" ;;
	esac
}

block block61 "6.1 inject + guard block" "$K61" "$KO61"

vm crash61 "$K61" "$KO61" -- sh -c 'zcg-modload /zcguard.ko guard=off && zcg-modload /zcguard_inject.ko inject=1 && zcg-inject off'
case $verdict in
"all runs: crashed:"*tcp_zerocopy_receive*) ok "6.1 inject + guard off: $verdict" ;;
*) nok "6.1 inject + guard off: ${verdict:-no verdict} (want a crash in tcp_zerocopy_receive)" ;;
esac

# Hostile input: a bad guard= and the injector without inject=1 are
# refused at load and leave nothing loaded; then 2,000 writes per file.
vm fuzz61 "$K61" "$KO61" -- sh -c '! zcg-modload /zcguard.ko guard=bogus && ! zcg-modload /zcguard_inject.ko && ! grep -q "^zcguard" /proc/modules && echo "# refused: guard=bogus, zcguard_inject.ko without inject=1" && zcg-modload /zcguard.ko && zcg-modload -n /zcguard_test.ko inject=1 && zcg-modload /zcguard_inject.ko inject=1 && zcg-fuzz -n 2000'
f=$(grep -hc '^ok ' "$LOGS/fuzz61"/run-*.output 2>/dev/null)
case $verdict in
"all runs: OK") ok "6.1 bad load parameters refused, 2000 hostile writes to each debugfs file of the three modules: $verdict ($f checks ok)" ;;
*) nok "6.1 debugfs fuzz: ${verdict:-no verdict}"; grep -h '^not ok\|^# ' "$LOGS/fuzz61"/run-*.output | sed 's/^/# /' ;;
esac

if [ -z "$KDIR612" ] || [ -z "$KERNEL612" ]; then
	skip "6.12 KTAP + inject/block" "no 6.12 cloud headers or kernel"
else
	KO612=$BUILD/module-6.12
	if ! ensure_ko "$KDIR612" "$KO612"; then
		nok "6.12: the modules do not build"
	else
		block k612 "6.12 KTAP + inject/block" "$KERNEL612" "$KO612"
	fi
fi

if [ "${ZCG_MODULE_LONG:-0}" != 1 ]; then
	skip "6.1 100 load/unload cycles under a zerocopy loop" "long (~80 s); set ZCG_MODULE_LONG=1"
	skip "6.12 100 load/unload cycles under a zerocopy loop" "long (~80 s); set ZCG_MODULE_LONG=1"
else
	for k in 6.1 6.12; do
		if [ $k = 6.1 ]; then kern=$K61 ko=$KO61; else kern=${KERNEL612:-} ko=${KO612:-}; fi
		if [ -z "$kern" ] || [ ! -e "$ko/zcguard.ko" ]; then
			skip "$k cycles" "no kernel or module"; continue
		fi
		vm cycles$k "$kern" "$ko" --file "$G/zcguard-zcloop" --idle-timeout 300 --timeout 600 -- zcg-cycles -n 100 /zcguard.ko guard=block
		m=$(grep -h '^# SUnreclaim\|^# Slab ' "$LOGS/cycles$k"/run-*.output | tr -s ' ' | tr '\n' ';')
		case $verdict in
		"all runs: OK") ok "$k 100 load/unload cycles under a zerocopy loop: $verdict; $m" ;;
		*) nok "$k cycles: ${verdict:-no verdict}"; grep -h '^not ok\|^# ' "$LOGS/cycles$k"/run-*.output | sed 's/^/# /' ;;
		esac
	done
fi
exit $fail
