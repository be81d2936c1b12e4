#!/bin/sh
# zcguard.ko: builds without a warning (W=1) against Debian's 6.1 and 6.12
# cloud headers, and its tracked sources are checkpatch-clean.
. "$(dirname "$0")/module/lib.sh"

echo "1..3"
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
		ok "W=1 build against $kdir: $(basename "$out")/zcguard.ko, no warning"
	fi
done

cp=$BUILD/ksft/scripts/checkpatch.pl
if [ ! -r "$cp" ]; then
	skip "checkpatch module/" "no $cp (make ksft)"
else
	files=$(cd "$TOP" && git ls-files module 2>/dev/null)
	[ -n "$files" ] || files=$(cd "$TOP" && ls module/Kbuild module/*.[ch] | grep -v '\.mod\.c$')
	res=$(cd "$TOP" && for f in $files; do
		perl "$cp" --no-tree -q -f "$f" 2>&1; done | grep -E '^(ERROR|WARNING)')
	count=$(echo $files | wc -w)
	if [ -z "$res" ]; then
		ok "checkpatch --no-tree -f: $count files in module/, no ERROR or WARNING"
	else
		nok "checkpatch --no-tree -f on module/:"
		printf '%s\n' "$res" | sed 's/^/# /'
	fi
fi
exit $fail
