// SPDX-License-Identifier: GPL-2.0
/*
 * zcg-modload: loads one of the zcguard modules from inside the guest,
 * optionally from a network namespace of its own (zcguard_test.ko's
 * tests then run their loopback traffic there) and optionally unloads it
 * again.
 *
 *   zcg-modload [-n] [-u] MODULE.ko [PARAM...]
 *     -n  unshare(CLONE_NEWNET) and bring its lo up before loading
 *     -u  unload after loading (the KTAP stays on the console)
 */
#include <stdio.h>
#include <sys/socket.h>
#include <string.h>
#include <unistd.h>

#include "gutil.h"
#include "lib/netns.h"

static int bad_args(void)
{
	fprintf(stderr, "usage: zcg-modload [-n] [-u] MODULE.ko [PARAM...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	char params[512] = "", name[64], why[128];
	int opt, netns = 0, unload = 0, err;

	while ((opt = getopt(argc, argv, "nuh")) != -1) {
		switch (opt) {
		case 'n':
			netns = 1;
			break;
		case 'u':
			unload = 1;
			break;
		default:
			return bad_args();
		}
	}
	if (optind >= argc ||
	    g_join_params(params, sizeof(params), argc - optind - 1,
			  argv + optind + 1))
		return bad_args();
	if (netns && zcg_netns_lo(AF_INET, 0, NULL, why, sizeof(why))) {
		fprintf(stderr, "zcg-modload: new netns: %s\n", why);
		return 1;
	}
	err = g_load(argv[optind], params);
	if (err) {
		fprintf(stderr, "zcg-modload: finit_module %s: %s\n",
			argv[optind], strerror(-err));
		return 1;
	}
	printf("# zcg-modload: loaded %s%s%s\n", argv[optind],
	       params[0] ? " " : "", params);
	if (unload) {
		g_modname(argv[optind], name, sizeof(name));
		err = g_unload(name);
		if (err) {
			fprintf(stderr, "zcg-modload: delete_module: %s\n",
				strerror(-err));
			return 1;
		}
	}
	return 0;
}
