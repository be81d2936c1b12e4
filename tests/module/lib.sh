# Shared by tests/module-*.t (sourced): TAP helpers (tests/lib/tap.sh),
# prerequisites and building zcguard.ko for one kernel into its own directory.
. "$(dirname "$0")/lib/tap.sh"

KDIR61=$(ls -d /lib/modules/6.1.*-cloud-amd64/build 2>/dev/null | sort -V | tail -n 1)
KDIR612=$(ls -d /lib/modules/6.12.*-cloud-amd64/build 2>/dev/null | sort -V | tail -n 1)
KERNEL61=$(ls /boot/vmlinuz-6.1.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
KERNEL612=$(ls /boot/vmlinuz-6.12.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)

# build_ko KDIR OUTDIR: copies module/'s tracked sources to OUTDIR and
# builds there with W=1 (so 6.1 and 6.12 builds do not clobber each other
# or the tree); the compiler's output is left in OUTDIR/build.log.
build_ko() {
	rm -rf "$2" && mkdir -p "$2" &&
	cp "$TOP"/module/Kbuild "$TOP"/module/*.[ch] "$2"/ &&
	rm -f "$2"/*.mod.c &&
	make -C "$1" M="$2" W=1 modules >"$2/build.log" 2>&1
}

# stale OUTDIR: OUTDIR is missing its .ko or older than a source file.
stale() {
	[ ! -e "$1/zcguard.ko" ] ||
	[ -n "$(find "$TOP/module" -newer "$1/zcguard.ko" \( -name '*.[ch]' -o -name Kbuild \) ! -name '*.mod.c')" ]
}

# ensure_ko KDIR OUTDIR: a current zcguard.ko in OUTDIR, built if stale.
ensure_ko() {
	! stale "$2" || build_ko "$1" "$2"
}

# warnings OUTDIR: the compiler warnings of a build_ko log, one a line.
warnings() {
	grep -E 'warning:|error:' "$1/build.log" || true
}
