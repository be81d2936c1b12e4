/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the zerocopy tracer's BPF programs (zctrace.bpf.c) hand to
 * `zcguard trace` (cmd_trace.c) through the ring buffer. Shared by both
 * sides, so only fixed-size __u* types.
 */
#ifndef ZCGUARD_TRACE_ZCTRACE_H
#define ZCGUARD_TRACE_ZCTRACE_H

#ifndef __bpf__
#include <linux/types.h>
#endif

#define ZCT_COMM_LEN 16

/* zct_event.kind */
enum {
	ZCT_CALL = 1,		/* one finished tcp_zerocopy_receive() call */
	ZCT_ENTRY_VIOLATION,	/* sent at entry, before the kernel acts */
};

/*
 * How much each traced call costs (rodata "level", set before load).
 * Every level checks the invariant at entry and sends a violation at once.
 */
enum {
	ZCT_LVL_ENTRY,		/* entries and violations, no return program */
	ZCT_LVL_COUNT,		/* counters only (--quiet) */
	ZCT_LVL_SUMMARY,	/* + duration and results, per CPU (--summary) */
	ZCT_LVL_EVENTS,		/* + one ring-buffer record per call */
};

/* zct_event.flags */
#define ZCT_F_VIOLATION	0x1	/* tcp_inq() > bytes really queued */
#define ZCT_F_OPTLEN	0x2	/* optlen was seen at the syscall */
#define ZCT_F_HEAD_GAP	0x4	/* head skb starts after copied_seq */

struct zct_event {
	__u64 ts_ns;		/* entry, CLOCK_MONOTONIC */
	__u64 dur_ns;		/* entry to return (0 for entry events) */
	__u64 address;		/* zc->address */
	__u32 kind;
	__u32 flags;
	__u32 pid;		/* tgid */
	__u32 tid;
	char comm[ZCT_COMM_LEN];
	__u16 family;		/* AF_INET or AF_INET6 */
	__u16 sport;		/* host order */
	__u16 dport;		/* host order */
	__u8 state;		/* sk_state */
	__u8 pad;
	__u8 saddr[16];		/* v4: first 4 bytes */
	__u8 daddr[16];
	__s32 optlen;		/* user's optlen at getsockopt() entry */
	__u32 inq;		/* tcp_inq() at entry */
	__u32 queued;		/* bytes in sk_receive_queue at entry */
	__u32 qlen;		/* skbs in sk_receive_queue at entry */
	__u32 rcv_nxt;
	__u32 copied_seq;
	__u32 req_len;		/* zc->length at entry */
	__u32 mapped_len;	/* zc->length at return */
	__u32 skip_hint;	/* zc->recv_skip_hint at return */
	__s32 copybuf_req;	/* zc->copybuf_len at entry */
	__s32 copybuf_used;	/* zc->copybuf_len at return */
	__s32 ret;		/* return value */
};

/*
 * Counters the BPF side keeps per CPU (map "counters"; user space sums
 * the CPUs). They let --summary and --quiet run without a ring-buffer
 * record per call: there only violations travel as records.
 */
struct zct_counters {
	__u64 entries;		/* calls seen at entry */
	__u64 returns;		/* of those, calls that returned */
	__u64 violations;
	__u64 dropped;		/* ring buffer full */
	__u64 errors;		/* returned < 0 */
	__u64 mapped;		/* bytes mapped (zc->length at return) */
	__u64 copybuf;		/* bytes copied to copybuf */
	__u64 skipped;		/* recv_skip_hint bytes */
	__u64 dur_sum;		/* ns, entry to return (summary mode) */
	__u64 dur_max;		/* ns, from map durmax, zeroed every second */
};

#endif
