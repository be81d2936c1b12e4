#!/bin/sh
# Records real console logs for the report parser's samples: builds
# crasher.ko for Debian's 6.1 and 6.12 cloud kernels, crashes each kernel
# one way per VM run (via `zcguard vm`, so only ever inside qemu) and
# keeps the console from a few lines before the crash to the end.
#
#   tests/report/capture/capture.sh OUTDIR      (not run by `make check`)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../../.." && pwd)
ZCG=${ZCG:-$TOP/build/zcguard}
OUT=${1:?usage: capture.sh OUTDIR}
WORK=$(mktemp -d /tmp/zcg-capture.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# trim LOG DEST: keep 15 lines before the module's first message.
trim() {
	awk '/crasher: mode=|sysrq: |Run \/init/ && !s { s = NR }
	     { l[NR] = $0 } END { b = s > 15 ? s - 15 : 1;
	     for (i = b; i <= NR; i++) print l[i] }' "$1" >"$2"
}

# run KVER KIMAGE NAME SHELL-CMD
run() {
	ver=$1 kimg=$2 name=$3 cmd=$4
	echo "capture: $name"
	"$ZCG" vm --kernel "$kimg" --timeout 90 --idle-timeout 60 \
		--file "$WORK/$ver/crasher.ko:/bin/crasher.ko" \
		--keep-logs "$WORK/logs-$name" -- sh -c "$cmd" || true
	trim "$WORK/logs-$name/run-0.console" "$OUT/$name.log"
}

for kv in 6.1.0-56-cloud-amd64:6.1 6.12.117+deb12-cloud-amd64:6.12; do
	make -s -C "$HERE" KDIR="/lib/modules/${kv%%:*}/build" \
		OUT="$WORK/${kv##*:}" >/dev/null 2>&1
done
K61=/boot/vmlinuz-6.1.0-56-cloud-amd64
K612=/boot/vmlinuz-6.12.117+deb12-cloud-amd64
ins='insmod /bin/crasher.ko mode'
for m in warn bug ud2 null paging gpf divide list atomic timernull; do
	run 6.1 $K61 real-6.1-$m "$ins=$m"
done
run 6.1 $K61 real-6.1-softlockup "echo 1 > /proc/sys/kernel/watchdog_thresh;
	echo 1 > /proc/sys/kernel/softlockup_panic; $ins=softlockup"
run 6.1 $K61 real-6.1-hung "echo 2 > /proc/sys/kernel/hung_task_timeout_secs;
	echo 1 > /proc/sys/kernel/hung_task_panic; $ins=hung"
run 6.1 $K61 real-6.1-sysrq "echo c > /proc/sysrq-trigger"
for m in warn bug gpf null divide; do
	run 6.12 $K612 real-6.12-$m "$ins=$m"
done
run 6.12 $K612 real-6.12-hung "echo 2 > /proc/sys/kernel/hung_task_timeout_secs;
	echo 1 > /proc/sys/kernel/hung_task_panic; $ins=hung"

# An RCU stall needs a second CPU to run the grace-period kthread, which
# `zcguard vm` does not give: a busybox initramfs of our own, -smp 2.
echo "capture: real-6.1-rcustall"
mkdir -p "$WORK/ird/bin"
cp "$(command -v busybox)" "$WORK/ird/bin/busybox"
cp "$WORK/6.1/crasher.ko" "$WORK/ird/"
cat >"$WORK/ird/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
echo 3 > /sys/module/rcupdate/parameters/rcu_cpu_stall_timeout
echo 1 > /proc/sys/kernel/panic_on_rcu_stall
/bin/busybox insmod /crasher.ko mode=softlockup
/bin/busybox poweroff -f
INIT
chmod +x "$WORK/ird/init"
(cd "$WORK/ird" && find . | cpio -o -H newc 2>/dev/null) >"$WORK/rcu.cpio"
timeout -k 5 90 qemu-system-x86_64 -accel tcg -cpu max -m 512 -smp 2 \
	-nographic -no-reboot -nodefaults -serial stdio -kernel $K61 \
	-initrd "$WORK/rcu.cpio" -append "console=ttyS0 panic=-1" \
	</dev/null 2>&1 | tr -d '\r' >"$WORK/rcu.log" || true
trim "$WORK/rcu.log" "$OUT/real-6.1-rcustall.log"

# No initramfs at all: the kernel cannot mount a root file system.
echo "capture: real-6.1-vfs-panic"
timeout -k 5 60 qemu-system-x86_64 -accel tcg -cpu max -m 512 -nographic \
	-no-reboot -nodefaults -serial stdio -kernel $K61 \
	-append "console=ttyS0 panic=-1" </dev/null 2>&1 |
	tr -d '\r' >"$WORK/vfs.log" || true
awk '/VFS: Cannot open root|List of all partitions/ && !s { s = NR }
     { l[NR] = $0 } END { b = s > 15 ? s - 15 : 1;
     for (i = b; i <= NR; i++) print l[i] }' "$WORK/vfs.log" \
	>"$OUT/real-6.1-vfs-panic.log"
