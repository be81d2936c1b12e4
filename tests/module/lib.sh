# Shared by tests/module-*.t (sourced): TAP helpers (tests/lib/tap.sh),
# prerequisites and building the modules (zcguard.ko, the guard;
# zcguard_test.ko, the tests; zcguard_inject.ko, the test-only injector)
# for one kernel into build/module-V, as `make modules-V` does.
. "$(dirname "$0")/lib/tap.sh"

KDIR61=$(ls -d /lib/modules/6.1.*-cloud-amd64/build 2>/dev/null | sort -V | tail -n 1)
KDIR612=$(ls -d /lib/modules/6.12.*-cloud-amd64/build 2>/dev/null | sort -V | tail -n 1)
KERNEL61=$(ls /boot/vmlinuz-6.1.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)
KERNEL612=$(ls /boot/vmlinuz-6.12.*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)

MODULES="zcguard zcguard_test zcguard_inject"

# build_ko KDIR OUTDIR: a fresh W=1 build of the modules against KDIR
# with `make modules-V` (OUTDIR is build/module-V); the compiler's output
# is left in OUTDIR/build.log.
build_ko() {
	v=${2##*/module-}
	rm -rf "$2" && mkdir -p "$2" &&
	make -C "$TOP" "modules-$v" "KDIR_$v=$1" >"$2.log" 2>&1
	rc=$?
	mv "$2.log" "$2/build.log" 2>/dev/null
	return $rc
}

# stale OUTDIR: OUTDIR is missing a .ko or one is older than a source.
stale() {
	for m in $MODULES; do
		[ -e "$1/$m.ko" ] || return 0
		[ -z "$(find "$TOP/module" -newer "$1/$m.ko" \( -name '*.[ch]' -o -name Kbuild \) ! -name '*.mod.c')" ] || return 0
	done
	return 1
}

# ensure_ko KDIR OUTDIR: a current zcguard.ko in OUTDIR, built if stale.
ensure_ko() {
	! stale "$2" || build_ko "$1" "$2"
}

# warnings OUTDIR: the compiler warnings of a build_ko log, one a line.
warnings() {
	grep -E 'warning:|error:' "$1/build.log" || true
}
