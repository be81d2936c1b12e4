// SPDX-License-Identifier: GPL-2.0
/*
 * zcguard-bench: `zcguard bench` alone, linked statically for the VM's
 * initramfs, where the module guards can be measured:
 *   zcguard vm --module zcguard.ko --file build/guest/zcguard-bench \
 *       -- zcguard-bench --overhead module-warn,module-block
 */
#include "bench/bench.h"
#include "zcguard/cmd.h"

int main(int argc, char **argv)
{
	bench_is_guest = 1;
	bench_guest_setup();
	return cmd_bench(argc, argv);
}
