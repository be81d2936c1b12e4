#!/bin/sh
# The modules (zcguard.ko, zcguard_test.ko, zcguard_inject.ko) build
# without a warning (W=1) against Debian's 6.1 and 6.12 cloud headers, each
# is what it claims (the guard has no tests or injector, the test module
# loads with its guard off), and module/ is checkpatch --strict clean.
. "$(dirname "$0")/module/lib.sh"

echo "1..5"
for k in 6.1 6.12; do
	eval kdir=\${KDIR$(echo $k | tr -d .)}
	if [ -z "$kdir" ]; then
		skip "W=1 build against $k headers" "no /lib/modules/$k.*-cloud-amd64/build (make deps)"
		continue
	fi
	out=$BUILD/module-$k
	if ! build_ko "$kdir" "$out"; then
		nok "W=1 build against $kdir failed:"
		tail -n 20 "$out/build.log" | sed 's/^/# /'
	elif [ -n "$(warnings "$out")" ]; then
		nok "W=1 build against $kdir has warnings:"
		warnings "$out" | sed 's/^/# /'
	else
		ok "W=1 build against $kdir: $(basename "$out")/{$(echo $MODULES | tr ' ' ,)}.ko, no warning"
	fi
done

# What each module offers, from its own metadata and symbols: the guard
# module has the guard parameter and no test, KTAP or injector code.
ko=$BUILD/module-6.1
if [ ! -e "$ko/zcguard.ko" ] || ! command -v modinfo >/dev/null; then
	skip "guard module holds the guard only" "no $ko/zcguard.ko or no modinfo"
else
	p=$(modinfo -F parm "$ko/zcguard.ko" | cut -d: -f1 | tr '\n' ' ')
	syms=$(nm "$ko/zcguard.ko" | grep -cE ' (zcg_ktests_run|zcg_inject_sk|zcg_cases|zcg_t_)' )
	if [ "$p" = "guard " ] && [ "$syms" = 0 ]; then
		ok "zcguard.ko: parameter 'guard' only, no test or injector symbol"
	else
		nok "zcguard.ko: parameters '$p', $syms test/injector symbols"
	fi
fi
if [ ! -e "$ko/zcguard_test.ko" ] || ! command -v modinfo >/dev/null; then
	skip "test module parameters" "no $ko/zcguard_test.ko or no modinfo"
else
	p=$(modinfo -F parm "$ko/zcguard_test.ko" | cut -d: -f1 | sort | tr '\n' ' ')
	ip=$(modinfo -F parm "$ko/zcguard_inject.ko" | cut -d: -f1 | tr '\n' ' ')
	if [ "$p" = "guard inject " ] && [ "$ip" = "inject " ]; then
		ok "zcguard_test.ko: parameters guard and inject; zcguard_inject.ko: inject"
	else
		nok "parameters: zcguard_test.ko '$p', zcguard_inject.ko '$ip'"
	fi
fi

cp=$BUILD/ksft/scripts/checkpatch.pl
if [ ! -r "$cp" ]; then
	skip "checkpatch module/" "no $cp (make ksft)"
else
	files=$(cd "$TOP" && git ls-files module 2>/dev/null)
	[ -n "$files" ] || files=$(cd "$TOP" && ls module/Kbuild module/*.[ch] | grep -v '\.mod\.c$')
	res=$(cd "$TOP" && for f in $files; do
		perl "$cp" --no-tree --strict -q -f "$f" 2>&1; done | grep -E '^(ERROR|WARNING|CHECK)')
	count=$(echo $files | wc -w)
	if [ -z "$res" ]; then
		ok "checkpatch --no-tree --strict -f: $count files in module/, no ERROR, WARNING or CHECK"
	else
		nok "checkpatch --no-tree --strict -f on module/:"
		printf '%s\n' "$res" | sed 's/^/# /'
	fi
fi
exit $fail
