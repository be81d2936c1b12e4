#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mkimage.sh OUT OUTCOME...: a fake "kernel" for tests/fake-qemu/qemu.
# OUT is a real x86 bzImage as far as the boot protocol's setup header
# goes (Documentation/arch/x86/boot.rst), so `zcguard vm` accepts it and
# reads its release like a built kernel's; what would be the compressed
# kernel holds the table of outcomes instead, one word per run, run 0
# first: ok, crashed, failed, boot, timeout. The fake qemu plays run N
# as the table's word N.
#
#   offset 0x1f1 setup_sects = 1      -> the setup code ends at 1024
#   offset 0x1f4 syssize = 0x100      -> 4096 bytes of "kernel" follow
#   offset 0x1fe boot_flag 0xaa55, 0x202 "HdrS", 0x206 protocol 2.15
#   offset 0x20e kernel_version = 0x100 -> the string at 0x300
set -eu
[ $# -ge 2 ] || { echo "usage: mkimage.sh OUT OUTCOME..." >&2; exit 2; }
out=$1
shift
for w in "$@"; do
	case $w in
	ok|crashed|failed|boot|timeout) ;;
	*) echo "mkimage.sh: unknown outcome '$w'" >&2; exit 2 ;;
	esac
done
table="zcg-fake-runs: $*"
[ ${#table} -lt 4000 ] || { echo "mkimage.sh: table too long" >&2; exit 2; }
release="6.1.0-zcg-fake (zcguard@tests) #1 SMP PREEMPT_DYNAMIC"

# put OFFSET PRINTF-FORMAT: bytes at OFFSET of $out, in place.
put() {
	printf "$2" | dd of="$out" bs=1 seek=$(($1)) conv=notrunc status=none
}

head -c 5120 /dev/zero >"$out"
put 0x1f1 '\001'
put 0x1f4 '\000\001\000\000'
put 0x1fe '\125\252'
put 0x202 'HdrS\017\002'
put 0x20e '\000\001'
put 0x300 "$release"
put 1024 "\n$table\n"
