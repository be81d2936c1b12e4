#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# --test-cmd for the fast tests, with `git bisect run`'s exit codes: an
# image with a BUG line crashes every run (a console log per run in
# $ZCG_LOGS, which the driver reads as a VM's), others pass. Knobs:
#   FAKE_NOBOOT=SHA     that commit does not boot (skip)
#   FAKE_STOP=SHA FAKE_STOP_MARK=FILE   on that commit, once, SIGTERM the
#                       bisect driver ($ZCG_BISECT_PID) as Ctrl-C would
set -eu
if [ -n "${FAKE_STOP:-}" ] && [ "$ZCG_COMMIT" = "$FAKE_STOP" ] &&
   [ ! -e "$FAKE_STOP_MARK" ]; then
	: >"$FAKE_STOP_MARK"
	kill -TERM "$ZCG_BISECT_PID"
	exec sleep 60	# the driver must kill us: the test would time out
fi
i=0
if [ "$ZCG_COMMIT" = "${FAKE_NOBOOT:-}" ]; then
	exit 125
fi
if grep -q BUG "$ZCG_KERNEL"; then
	while [ $i -lt "$ZCG_RUNS" ]; do
		cat >"$ZCG_LOGS/run-$i.console" <<EOC
[    1.000000] init: running
[    1.100000] general protection fault, probably for non-canonical address 0xdffffc000000000e: 0000 [#1] PREEMPT SMP KASAN
[    1.100000] KASAN: null-ptr-deref in range [0x0000000000000070-0x0000000000000077]
[    1.100000] CPU: 0 PID: 42 Comm: repro Not tainted 6.1.0 #1
[    1.100000] RIP: 0010:tcp_zerocopy_receive+0x1f57/0x2c40
[    1.100000] Call Trace:
[    1.100000]  <TASK>
[    1.100000]  do_tcp_getsockopt+0x114/0x280
[    1.100000]  __sys_getsockopt+0x114/0x280
[    1.100000]  do_syscall_64+0xc6/0x5e0
[    1.100000]  entry_SYSCALL_64_after_hwframe+0x49/0xbe
[    1.100000]  </TASK>
[    1.100000] Modules linked in:
[    1.100000] ---[ end trace 0000000000000000 ]---
[    1.100000] Kernel panic - not syncing: Fatal exception
EOC
		i=$((i + 1))
	done
	exit 1
fi
exit 0
