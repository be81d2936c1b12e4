// SPDX-License-Identifier: GPL-2.0
/*
 * The "cgroup" guard of --overhead (cgroup_prog.c attaches it): a cgroup
 * getsockopt program that does nothing but let the kernel's answer
 * through. Attached to a cgroup, it makes every getsockopt() of its
 * processes, TCP_ZEROCOPY_RECEIVE included, run the cgroup hook: its cost
 * is the hook's, as small as a BPF guard on the path can be.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/*
 * Return 1: allow, with optval, optlen and the return value the kernel
 * gave (0 would fail the call with EPERM); the context is not touched.
 */
SEC("cgroup/getsockopt")
int zcg_bench_gso(struct bpf_sockopt *ctx)
{
	return 1;
}
