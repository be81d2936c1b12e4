#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kernels/variants, the table of test kernels: well formed (variant.sh
# accepts it, names unique), every fragment and patch it names exists,
# every patch has a Subject: header and applies without fuzz to its
# pristine source (SKIP when build/kernels/src-SRC is not unpacked yet),
# every line has a [kernel NAME] section in plans/kernels.plan pointing
# at build/kernels/NAME/bzImage, and each built kernel's .config holds
# every option of its fragments.
. "$(dirname "$0")/lib/tap.sh"
V=$TOP/kernels/variant.sh
K=$BUILD/kernels
PLAN=$TOP/plans/kernels.plan

echo "1..5"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if names=$("$V" --list 2>"$tmp/err") && [ -n "$names" ]; then
	ok "variants: table parses ($(echo "$names" | wc -l) kernels)"
else
	nok "variants: table parses" "$tmp/err"
	names=
fi

bad=
for v in $names; do
	set -- $("$V" --show "$v")
	for f in $(echo "$2" | tr , ' ') $(echo "$3" | tr , ' '); do
		[ "$f" = - ] || [ -f "$TOP/kernels/$f" ] || bad="$bad $v:$f"
	done
	for p in $(echo "$3" | tr , ' '); do
		[ "$p" = - ] && continue
		grep -q '^Subject: ..........' "$TOP/kernels/$p" || bad="$bad $v:$p(no Subject: header)"
	done
done
if [ -z "$bad" ]; then
	ok "variants: every fragment and patch exists, every patch has a Subject: header"
else
	echo "# missing or undocumented:$bad"
	nok "variants: every fragment and patch exists"
fi

# Apply with --dry-run and --fuzz=0 to the pristine source.
bad= tried=0
for v in $names; do
	set -- $("$V" --show "$v")
	[ -f "$K/src-$1/.unpacked" ] || continue
	for p in $(echo "$3" | tr , ' '); do
		[ "$p" = - ] && continue
		tried=$((tried + 1))
		patch -p1 --dry-run --fuzz=0 -s -d "$K/src-$1" \
			<"$TOP/kernels/$p" >"$tmp/p" 2>&1 || {
			sed 's/^/# /' "$tmp/p"
			bad="$bad $v:$p"
		}
	done
done
if [ "$tried" = 0 ]; then
	skip "variants: patches apply without fuzz" "no pristine source unpacked (make kernels)"
elif [ -z "$bad" ]; then
	ok "variants: $tried patches apply without fuzz to their pristine source"
else
	echo "# do not apply:$bad"
	nok "variants: patches apply without fuzz"
fi

bad=
for v in $names; do
	awk -v s="[kernel $v]" -v img="build/kernels/$v/bzImage" '
		$0 == s { in_s = 1; next }
		/^\[/ { in_s = 0 }
		in_s && $1 == "image" && $3 == img { found = 1 }
		END { exit !found }' "$PLAN" || bad="$bad $v"
done
if [ -z "$bad" ]; then
	ok "variants: every kernel declared in plans/kernels.plan with its image"
else
	echo "# not declared (or wrong image):$bad"
	nok "variants: every kernel declared in plans/kernels.plan"
fi

# Kconfig drops what it cannot satisfy: build-kernel.sh refuses, check
# the result too.
bad= built=0
for v in $names; do
	cfg=$K/$v/obj/.config
	[ -f "$cfg" ] && [ -e "$K/$v/bzImage" ] || continue
	built=$((built + 1))
	set -- $("$V" --show "$v")
	for f in $(echo "$2" | tr , ' '); do
		grep -E '^(CONFIG_[A-Z0-9_]+=.*|# CONFIG_[A-Z0-9_]+ is not set)$' \
			"$TOP/kernels/$f"
	done | while IFS= read -r line; do
		grep -qxF "$line" "$cfg" || echo "$v: $line"
	done >>"$tmp/miss"
done
if [ "$built" = 0 ]; then
	skip "variants: built kernels hold their fragments' options" "no test kernel built (make kernels)"
elif [ ! -s "$tmp/miss" ]; then
	ok "variants: $built built kernels hold every option of their fragments"
else
	nok "variants: built kernels hold their fragments' options" "$tmp/miss"
fi
exit $fail
