// SPDX-License-Identifier: GPL-2.0
/*
 * BPF side of `zcguard trace`: watches every tcp_zerocopy_receive() call.
 *
 * At entry it snapshots the socket (the caller holds the socket lock, so
 * softirq input goes to the backlog and the snapshot is consistent) and
 * compares tcp_inq() with the bytes the receive queue really holds. The
 * zerocopy loop trusts tcp_inq(): when it is larger, tcp_recv_skb() runs
 * off the end of the queue and the loop dereferences a NULL skb. Such a
 * call is reported at ENTRY, before the kernel acts on it, because the
 * return may never come. At return the same record is completed with what
 * the call did and sent to user space.
 *
 * Attach flavours with one body: fentry/fexit (BPF trampolines),
 * kprobe/kretprobe for kernels without trampolines, and two syscall
 * flavours (below) for kernels with neither. User space enables one.
 * Everything is read with CO-RE, so an object built against a newer
 * kernel's BTF loads on 6.1.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

#include "trace/zctrace.h"

#define AF_INET		2
#define AF_INET6	10
#define SOL_TCP		6
#define TCP_ZEROCOPY_RECEIVE 35

char LICENSE[] SEC("license") = "GPL";

/* Only this process (tgid), 0 = all. Set by user space before load. */
const volatile __u32 targ_tgid;
/*
 * A control for measurements: the programs are attached but return at
 * once, so what remains is the cost of the attach point itself.
 */
const volatile __u32 attach_only;
/* ZCT_LVL_*: how much work each call gets (see zctrace.h). */
const volatile __u32 level = ZCT_LVL_EVENTS;
/*
 * Per-call records do not wake the reader (a wakeup is an irq_work, a
 * self-IPI and a scheduler wakeup: about 10 us per call on a VM, most of
 * the tracer's cost); user space polls with a short timeout instead, and
 * the reader is woken only when this much is queued. Violations always
 * wake it.
 */
const volatile __u64 wake_bytes = 256 << 10;

/* Per CPU, so the hot path never bounces a shared cache line. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct zct_counters);
} counters SEC(".maps");

/* Longest call per CPU; user space zeroes it every second. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} durmax SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} events SEC(".maps");

/*
 * A call between entry and return, per thread. Task storage rather than
 * a hash by tid: no hashing, no bucket lock, no delete per call (the
 * slot is reused; 'active' says a call is open).
 */
struct call {
	struct zct_event ev;
	struct tcp_zerocopy_receive *zc;	/* user pointer if 'user' */
	int *uoptlen;		/* syscall mode: the user's optlen */
	__u32 user;
	__u32 active;
	__s32 gso_optlen;	/* from __sys_getsockopt, if gso_set */
	__u32 gso_set;
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct call);
} calls SEC(".maps");

static __always_inline struct zct_counters *cnt(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&counters, &zero);
}

/* Atomic even per CPU: a PREEMPT_RCU kernel may preempt a program. */
#define CNT_ADD(n, field, v) __sync_fetch_and_add(&(n)->field, (v))

static __always_inline struct call *call_of_current(bool create)
{
	return bpf_task_storage_get(&calls, bpf_get_current_task_btf(), 0,
				    create ? BPF_LOCAL_STORAGE_GET_F_CREATE :
				    0);
}

/*
 * targ_tgid itself or a descendant (a shell running the workload). The
 * pid is only fetched when there is a target: a helper call per traced
 * call that the untargeted (always-on) tracer need not pay.
 */
static __always_inline bool wanted(void)
{
	struct task_struct *t;

	if (!targ_tgid ||
	    (__u32)(bpf_get_current_pid_tgid() >> 32) == targ_tgid)
		return true;
	t = (struct task_struct *)bpf_get_current_task();
	for (int i = 0; i < 8; i++) {
		t = BPF_CORE_READ(t, real_parent);
		if (!t)
			return false;
		if (BPF_CORE_READ(t, tgid) == targ_tgid)
			return true;
	}
	return false;
}

/* tcp_inq() of include/net/tcp.h, from fields read by the caller. */
static __always_inline __u32 inq_calc(unsigned long flags, __u8 state,
				      __u32 urg_seq, __u16 urg_data,
				      __u32 rcv_nxt, __u32 copied)
{
	__u32 done = bpf_core_enum_value(enum sock_flags, SOCK_DONE);
	__u32 inl = bpf_core_enum_value(enum sock_flags, SOCK_URGINLINE);
	__u32 answ;

	if (state == TCP_SYN_SENT || state == TCP_SYN_RECV)
		return 0;
	if ((flags & (1UL << inl)) || !urg_data ||
	    (__s32)(urg_seq - copied) < 0 || (__s32)(urg_seq - rcv_nxt) >= 0) {
		answ = rcv_nxt - copied;
		if (answ && (flags & (1UL << done)))
			answ--;
		return answ;
	}
	return urg_seq - copied;
}

/* tcp_inq(), read field by field with helper reads. */
static __always_inline __u32 inq_of(struct sock *sk, __u32 rcv_nxt,
				    __u32 copied)
{
	struct tcp_sock *tp = (struct tcp_sock *)sk;

	return inq_calc(BPF_CORE_READ(sk, __sk_common.skc_flags),
			BPF_CORE_READ(sk, __sk_common.skc_state),
			BPF_CORE_READ(tp, urg_seq), BPF_CORE_READ(tp, urg_data),
			rcv_nxt, copied);
}

/*
 * Direct loads, for the fast syscall flavour (below; kernels with the
 * bpf_rdonly_cast kfunc, 6.2+) and set_queued(): the same reads as
 * sock_of_fd() and snap_sock(), but through read-only casts, which the
 * JIT inlines with an exception table entry, instead of a
 * bpf_probe_read_kernel() call each. Measured
 * on the 6.18 host (cpu-clock profile of a pinned 64K zerocopy bench):
 * the 13 helper calls per traced call were a third of the tracer's
 * cost. One helper call is left: the fd slot is a pointer to pointer,
 * which no cast can name.
 */
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym __weak;

#define RDONLY(type, p) \
	((type *)bpf_rdonly_cast((p), bpf_core_type_id_kernel(type)))

/*
 * Bytes the receive queue holds past copied_seq, from its tail skb (tail
 * NULL or the queue head itself: empty). The in-order queue is
 * contiguous, so the tail's end_seq bounds it (a FIN counts one, which
 * tcp_inq() subtracts again); no walk needed. The tail's control block
 * is read with a direct load through a read-only cast (cast) or a helper
 * read. True when the queue holds an skb.
 */
static __always_inline bool set_queued(struct sock *sk, struct sk_buff *tail,
				       struct zct_event *e, bool cast)
{
	struct tcp_skb_cb *cb;
	__u32 end_seq;
	__s32 n;

	e->queued = 0;
	if (!tail ||
	    (unsigned long)tail == (unsigned long)&sk->sk_receive_queue)
		return false;
	if (cast) {
		cb = RDONLY(struct tcp_skb_cb, &tail->cb[0]);
		end_seq = cb->end_seq;
	} else {
		cb = (struct tcp_skb_cb *)&tail->cb[0];
		end_seq = BPF_CORE_READ(cb, end_seq);
	}
	n = end_seq - e->copied_seq;
	e->queued = n > 0 ? n : 0;
	return true;
}

/*
 * The invariant the tracer watches: tcp_zerocopy_receive() trusts
 * tcp_inq(), so it must not claim more than the queue holds. The guard
 * module checks the same in module/guard.c; the two cannot share the
 * code (a kernel module and a BPF program, built apart against different
 * headers) and do not count alike (the module walks the queue under the
 * socket lock, this reads the tail's end_seq), so each keeps its own.
 */
static __always_inline bool inq_exceeds_queue(const struct zct_event *e)
{
	return e->inq > e->queued;
}

static __always_inline void read_addrs(struct sock *sk, struct zct_event *e)
{
	e->family = BPF_CORE_READ(sk, __sk_common.skc_family);
	e->sport = BPF_CORE_READ(sk, __sk_common.skc_num);
	e->dport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	e->state = BPF_CORE_READ(sk, __sk_common.skc_state);
	if (e->family == AF_INET) {
		BPF_CORE_READ_INTO(&e->saddr, sk, __sk_common.skc_rcv_saddr);
		BPF_CORE_READ_INTO(&e->daddr, sk, __sk_common.skc_daddr);
	} else if (e->family == AF_INET6 &&
		   bpf_core_field_exists(sk->__sk_common.skc_v6_daddr)) {
		BPF_CORE_READ_INTO(&e->saddr, sk,
				   __sk_common.skc_v6_rcv_saddr.in6_u.u6_addr8);
		BPF_CORE_READ_INTO(&e->daddr, sk,
				   __sk_common.skc_v6_daddr.in6_u.u6_addr8);
	}
}

/* The receive queue with helper reads: its head skb, or NULL if empty. */
static __always_inline struct sk_buff *read_queue(struct sock *sk,
						  struct zct_event *e)
{
	/* The head of struct sk_buff_head, in one read instead of three. */
	struct {
		struct sk_buff *next, *prev;
		__u32 qlen;
	} q = {};

	bpf_core_read(&q, sizeof(q), &sk->sk_receive_queue);
	e->qlen = q.qlen;
	return set_queued(sk, q.prev, e, false) ? q.next : NULL;
}

/* Informational (records only): the head skb starts past copied_seq. */
static __always_inline void head_gap(struct sk_buff *head, struct zct_event *e)
{
	struct tcp_skb_cb *cb = (struct tcp_skb_cb *)&head->cb[0];

	if (head && (__s32)(BPF_CORE_READ(cb, seq) - e->copied_seq) > 0)
		e->flags |= ZCT_F_HEAD_GAP;
}

/*
 * The invariant part of the entry snapshot, taken for every call:
 * rcv_nxt before the queue (softirq queues data, then moves rcv_nxt).
 */
static __always_inline struct sk_buff *snap_sock(struct sock *sk,
						 struct zct_event *e)
{
	struct tcp_sock *tp = (struct tcp_sock *)sk;

	e->rcv_nxt = BPF_CORE_READ(tp, rcv_nxt);
	e->copied_seq = BPF_CORE_READ(tp, copied_seq);
	e->inq = inq_of(sk, e->rcv_nxt, e->copied_seq);
	return read_queue(sk, e);
}

/* Who and where: only for records (every call in event mode). */
static __always_inline void fill_who(struct sock *sk, struct zct_event *e)
{
	__u64 id = bpf_get_current_pid_tgid();

	e->pid = id >> 32;
	e->tid = (__u32)id;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	read_addrs(sk, e);
}

/* Reads the first optlen bytes (at most the struct) of the user's zc. */
static __always_inline void read_user_zc(struct tcp_zerocopy_receive *dst,
					 const void *uptr, __s32 optlen)
{
	__u32 n = optlen;

	if (optlen < 0)
		return;
	if (n > sizeof(*dst))
		n = sizeof(*dst);
	bpf_probe_read_user(dst, n, uptr);
}

/* The request fields: from the kernel's zc, or the user's. */
static __always_inline void read_request(struct call *c)
{
	struct tcp_zerocopy_receive *zc = c->zc, uzc = {};
	struct zct_event *e = &c->ev;

	if (!c->user) {
		e->address = BPF_CORE_READ(zc, address);
		e->req_len = BPF_CORE_READ(zc, length);
		e->copybuf_req = BPF_CORE_READ(zc, copybuf_len);
	} else if (e->optlen >= 12) {
		read_user_zc(&uzc, c->zc, e->optlen);
		e->address = uzc.address;
		e->req_len = uzc.length;
		if (e->optlen >= 36)
			e->copybuf_req = uzc.copybuf_len;
	}
}

/*
 * The calling task's file for fd, or NULL. Task, files and fdtable are BTF
 * pointers: plain loads, no helper call. The fd array (a double pointer)
 * is not: fd_slot() gives the slot's address, which file_of_fd() reads
 * with bpf_probe_read_kernel().
 */
static __always_inline unsigned long fd_slot(unsigned long fd)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct files_struct *files = t->files;
	struct fdtable *fdt;

	if (!files)
		return 0;
	fdt = files->fdt;
	if (!fdt || fd >= fdt->max_fds)
		return 0;
	return (unsigned long)fdt->fd + fd * sizeof(struct file *);
}

static __always_inline struct file *file_of_fd(unsigned long fd)
{
	unsigned long slot = fd_slot(fd);
	struct file *f = NULL;

	if (slot)
		bpf_probe_read_kernel(&f, sizeof(f), (void *)slot);
	return f;
}

/*
 * file_of_fd() without its helper call. The fd slot is a pointer to
 * pointer, which no cast can name; it is read as the first word of a
 * struct list_head instead (any struct whose first member is a pointer
 * would do: the cast only tells the verifier how far the load may reach).
 */
static __always_inline struct file *file_of_fd_fast(unsigned long fd)
{
	unsigned long addr = fd_slot(fd);
	struct list_head *slot;

	if (!addr)
		return NULL;
	slot = RDONLY(struct list_head, (void *)addr);
	return RDONLY(struct file, slot->next);
}

static __always_inline struct tcp_sock *tcp_of_fd_fast(unsigned long fd)
{
	struct file *f = file_of_fd_fast(fd);
	struct socket *sock;
	struct sock *sk;

	if (!f)
		return NULL;
	sock = RDONLY(struct socket, f->private_data);
	/* Not a socket unless the socket points back at this file. */
	if (!sock || (unsigned long)sock->file != (unsigned long)f)
		return NULL;
	sk = sock->sk;
	if (!sk || sk->sk_protocol != IPPROTO_TCP)
		return NULL;
	return RDONLY(struct tcp_sock, sk);
}

/* snap_sock() with direct loads: same order, same tcp_inq() logic. */
static __always_inline struct sk_buff *snap_sock_fast(struct tcp_sock *tp,
						      struct zct_event *e,
						      bool cast)
{
	struct sock *sk = &tp->inet_conn.icsk_inet.sk;
	struct sk_buff *next;

	e->rcv_nxt = tp->rcv_nxt;
	e->copied_seq = tp->copied_seq;
	/* As snap_sock(): rcv_nxt first, the compiler may not reorder. */
	asm volatile("" ::: "memory");
	e->inq = inq_calc(sk->__sk_common.skc_flags,
			  sk->__sk_common.skc_state, tp->urg_seq,
			  tp->urg_data, e->rcv_nxt, e->copied_seq);
	next = sk->sk_receive_queue.next;
	e->qlen = sk->sk_receive_queue.qlen;
	/* Without the cast (fentry on 6.1), one helper read of the tail. */
	return set_queued(sk, sk->sk_receive_queue.prev, e, cast) ? next :
	       NULL;
}

/*
 * Entry-only level: most calls find the socket consistent, and all such
 * a call needs is a count. The snapshot lives on the stack: no task
 * storage, no record. Direct loads where there is a tcp_sock to load
 * from (the fast syscall flavour; fentry, whose socket is a BTF
 * pointer), helper reads otherwise. A call that looks inconsistent
 * takes the full path, which re-reads before it flags.
 */
static __always_inline bool consistent(struct sock *sk, struct tcp_sock *tp,
				       bool cast)
{
	struct zct_counters *n;
	struct zct_event e;

	if (tp)
		snap_sock_fast(tp, &e, cast);
	else
		snap_sock(sk, &e);
	if (inq_exceeds_queue(&e))
		return false;
	n = cnt();
	if (n)
		CNT_ADD(n, entries, 1);
	return true;
}

#define NR_getsockopt 55	/* x86_64 */

/*
 * -e attaches no program on __sys_getsockopt: a violation record takes
 * the caller's optlen from the syscall's saved registers instead.
 */
static __always_inline void optlen_from_regs(struct zct_event *e)
{
	struct pt_regs *regs;

	regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	if (!regs || regs->orig_ax != NR_getsockopt)
		return;
	if (!bpf_probe_read_user(&e->optlen, sizeof(e->optlen),
				 (void *)regs->r8))
		e->flags |= ZCT_F_OPTLEN;
}

/*
 * Common entry: c->ev holds the zeroed record with optlen set. Checks
 * the invariant (every level), flags a violation at once, then marks
 * the call open until it returns.
 */
static __always_inline void on_entry_common(struct call *c, struct sock *sk,
					    struct tcp_sock *fast_tp)
{
	struct zct_counters *n = cnt();
	struct zct_event *e = &c->ev;
	struct sk_buff *head;
	bool viol;

	if (!n)
		return;
	CNT_ADD(n, entries, 1);
	if (level >= ZCT_LVL_SUMMARY)
		e->ts_ns = bpf_ktime_get_ns();
	/* fast_tp: the same socket, for direct loads (fast flavour). */
	head = fast_tp ? snap_sock_fast(fast_tp, e, true) : snap_sock(sk, e);
	/*
	 * The syscall flavours hold no socket lock, and tcp_queue_rcv()
	 * moves rcv_nxt BEFORE it queues the skb: a snapshot can fall in
	 * between and see one skb too few (seen with the fast reads: 1 in
	 * 600 calls of a 64K bench, queued short by exactly one skb). A
	 * real violation is a lasting state, so re-read (helper reads,
	 * slower) and flag only if every snapshot shows it.
	 */
	for (int i = 0; i < 4 && c->user && inq_exceeds_queue(e); i++)
		head = snap_sock(sk, e);
	viol = inq_exceeds_queue(e);
	/* Below event level a record is made only for a violation (rare). */
	if (viol && level != ZCT_LVL_EVENTS) {
		if (!e->ts_ns)
			e->ts_ns = bpf_ktime_get_ns();
		if (c->user && !(e->flags & ZCT_F_OPTLEN) &&
		    !bpf_probe_read_user(&e->optlen, sizeof(e->optlen),
					 c->uoptlen))
			e->flags |= ZCT_F_OPTLEN;
		if (level == ZCT_LVL_ENTRY && !c->user)
			optlen_from_regs(e);
	}
	if (viol || level == ZCT_LVL_EVENTS) {
		head_gap(head, e);
		fill_who(sk, e);
		read_request(c);
	}
	if (viol) {
		e->flags |= ZCT_F_VIOLATION;
		e->kind = ZCT_ENTRY_VIOLATION;
		CNT_ADD(n, violations, 1);
		if (bpf_ringbuf_output(&events, e, sizeof(*e),
				       BPF_RB_FORCE_WAKEUP))
			CNT_ADD(n, dropped, 1);
	}
	e->kind = ZCT_CALL;
	c->active = 1;
}

static __always_inline int on_entry(struct sock *sk,
				    struct tcp_zerocopy_receive *zc, bool btf)
{
	struct call *c;

	if (attach_only)
		return 0;
	if (!wanted())
		return 0;
	if (level == ZCT_LVL_ENTRY &&
	    consistent(sk, btf ? bpf_skc_to_tcp_sock(sk) : NULL, false))
		return 0;
	c = call_of_current(true);
	if (!c)
		return 0;
	__builtin_memset(&c->ev, 0, sizeof(c->ev));
	c->zc = zc;
	c->user = 0;
	c->ev.optlen = -1;
	if (c->gso_set) {
		c->ev.optlen = c->gso_optlen;
		c->ev.flags |= ZCT_F_OPTLEN;
		c->gso_set = 0;
	}
	on_entry_common(c, sk, NULL);
	return 0;
}

/* Only wake the reader once a good part of the ring is queued. */
static __always_inline __u64 wake_flag(void)
{
	return bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= wake_bytes ?
	       BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
}

static __always_inline int on_return(int ret)
{
	struct tcp_zerocopy_receive *zc, uzc = {};
	struct zct_counters *n;
	__s32 len;
	struct zct_event *e;
	__u32 zero = 0;
	struct call *c;
	__u64 *max;

	if (attach_only)
		return 0;
	c = call_of_current(false);
	if (!c || !c->active)
		return 0;
	c->active = 0;
	n = cnt();
	if (!n)
		return 0;
	CNT_ADD(n, returns, 1);
	if (ret < 0)
		CNT_ADD(n, errors, 1);
	if (level == ZCT_LVL_COUNT)
		return 0;
	e = &c->ev;
	e->dur_ns = bpf_ktime_get_ns() - e->ts_ns;
	e->ret = ret;
	zc = c->zc;
	if (!c->user) {
		e->mapped_len = BPF_CORE_READ(zc, length);
		e->skip_hint = BPF_CORE_READ(zc, recv_skip_hint);
		e->copybuf_used = BPF_CORE_READ(zc, copybuf_len);
	} else if (!ret) {
		/*
		 * The kernel copied only optlen bytes back, and on success
		 * wrote that length (clamped to the struct) to *optlen.
		 */
		len = e->optlen;
		if (level != ZCT_LVL_EVENTS &&
		    bpf_probe_read_user(&len, sizeof(len), c->uoptlen))
			len = -1;
		read_user_zc(&uzc, c->zc, len);
		e->mapped_len = uzc.length;
		if (len >= 16)
			e->skip_hint = uzc.recv_skip_hint;
		if (len >= 36)
			e->copybuf_used = uzc.copybuf_len;
	}
	CNT_ADD(n, mapped, e->mapped_len);
	if (e->copybuf_used > 0)
		CNT_ADD(n, copybuf, e->copybuf_used);
	CNT_ADD(n, skipped, e->skip_hint);
	CNT_ADD(n, dur_sum, e->dur_ns);
	max = bpf_map_lookup_elem(&durmax, &zero);
	/* Racy by design: a lost maximum only blurs one second's line. */
	if (max && e->dur_ns > *max)
		*max = e->dur_ns;
	if (level == ZCT_LVL_EVENTS &&
	    bpf_ringbuf_output(&events, e, sizeof(*e), wake_flag()))
		CNT_ADD(n, dropped, 1);
	return 0;
}

static __always_inline int on_getsockopt(int level_, int optname,
					 int *uoptlen)
{
	struct call *c;
	__s32 len = -1;

	if (attach_only)
		return 0;
	if (level_ != SOL_TCP || optname != TCP_ZEROCOPY_RECEIVE ||
	    !wanted())
		return 0;
	c = call_of_current(true);
	if (!c)
		return 0;
	bpf_probe_read_user(&len, sizeof(len), uoptlen);
	c->gso_optlen = len;
	c->gso_set = 1;
	return 0;
}

SEC("fentry/tcp_zerocopy_receive")
int BPF_PROG(zc_fentry, struct sock *sk, struct tcp_zerocopy_receive *zc)
{
	return on_entry(sk, zc, true);
}

SEC("fexit/tcp_zerocopy_receive")
int BPF_PROG(zc_fexit, struct sock *sk, struct tcp_zerocopy_receive *zc,
	     void *tss, int ret)
{
	return on_return(ret);
}

SEC("kprobe/tcp_zerocopy_receive")
int BPF_KPROBE(zc_kprobe, struct sock *sk, struct tcp_zerocopy_receive *zc)
{
	return on_entry(sk, zc, false);
}

SEC("kretprobe/tcp_zerocopy_receive")
int BPF_KRETPROBE(zc_kretprobe, int ret)
{
	return on_return(ret);
}

/* The syscall is where the caller's optlen is: do_tcp_getsockopt reads it. */
SEC("fentry/__sys_getsockopt")
int BPF_PROG(gso_fentry, int fd, int level, int optname, char *optval,
	     int *optlen)
{
	return on_getsockopt(level, optname, optlen);
}

SEC("kprobe/__sys_getsockopt")
int BPF_KPROBE(gso_kprobe, int fd, int level, int optname, char *optval,
	       int *optlen)
{
	return on_getsockopt(level, optname, optlen);
}

/*
 * Syscall flavour, for kernels where neither trampolines nor kprobes can
 * be used (seen: fentry -EPERM, no CONFIG_KPROBES). The BTF raw syscall
 * tracepoints see getsockopt() before the kernel does anything: the
 * socket comes from the fd table, the request from user memory. No socket
 * lock is held here; reading rcv_nxt before the queue keeps concurrent
 * input from looking like a violation. One event per getsockopt(SOL_TCP,
 * TCP_ZEROCOPY_RECEIVE) call, including calls the option parsing rejects.
 */
static __always_inline struct sock *sock_of_fd(unsigned long fd)
{
	struct file *f = file_of_fd(fd);
	struct socket *sock;

	if (!f)
		return NULL;
	sock = BPF_CORE_READ(f, private_data);
	/* Not a socket unless the socket points back at this file. */
	if (!sock || BPF_CORE_READ(sock, file) != f)
		return NULL;
	return BPF_CORE_READ(sock, sk);
}

/* The syscall flavours' entry, from getsockopt()'s arguments. */
static __always_inline int syscall_entry(unsigned long fd, long lvl,
					 long optname, unsigned long optval,
					 unsigned long uoptlen, bool fast)
{
	struct tcp_sock *tp = NULL;
	struct call *c;
	struct sock *sk;

	if (attach_only || lvl != SOL_TCP || optname != TCP_ZEROCOPY_RECEIVE)
		return 0;
	if (!wanted())
		return 0;
	if (fast) {
		tp = tcp_of_fd_fast(fd);
		sk = tp ? &tp->inet_conn.icsk_inet.sk : NULL;
	} else {
		sk = sock_of_fd(fd);
		if (sk && BPF_CORE_READ(sk, sk_protocol) != IPPROTO_TCP)
			sk = NULL;
	}
	if (!sk)
		return 0;
	if (level == ZCT_LVL_ENTRY && consistent(sk, tp, fast))
		return 0;
	c = call_of_current(true);
	if (!c)
		return 0;
	__builtin_memset(&c->ev, 0, sizeof(c->ev));
	c->user = 1;
	c->zc = (void *)optval;
	c->uoptlen = (int *)uoptlen;
	c->ev.optlen = -1;
	/*
	 * Only records show the caller's optlen; counting and the summary
	 * skip this user read (the summary reads the written-back optlen
	 * at return instead).
	 */
	if (level == ZCT_LVL_EVENTS &&
	    !bpf_probe_read_user(&c->ev.optlen, sizeof(c->ev.optlen),
				 c->uoptlen))
		c->ev.flags |= ZCT_F_OPTLEN;
	on_entry_common(c, sk, tp);
	return 0;
}

/*
 * Per-syscall tracepoints (ftrace syscall events): the kernel runs these
 * programs for getsockopt() only; every other system call pays just the
 * syscall slow path and a bitmap test. Measured here (empty-queue
 * getsockopt loop): the raw sys_enter/sys_exit pair costs ~200 ns per
 * system call of the machine, the slow path alone ~40 ns. Preferred;
 * needs tracefs for the event ids (user space mounts it privately).
 */
SEC("tracepoint/syscalls/sys_enter_getsockopt")
int gso_enter_tp(struct trace_event_raw_sys_enter *ctx)
{
	return syscall_entry(ctx->args[0], ctx->args[1], ctx->args[2],
			     ctx->args[3], ctx->args[4], false);
}

/* The same with direct loads; user space tries it first. */
SEC("tracepoint/syscalls/sys_enter_getsockopt")
int gso_enter_fast(struct trace_event_raw_sys_enter *ctx)
{
	return syscall_entry(ctx->args[0], ctx->args[1], ctx->args[2],
			     ctx->args[3], ctx->args[4], true);
}

SEC("tracepoint/syscalls/sys_exit_getsockopt")
int gso_exit_tp(struct trace_event_raw_sys_exit *ctx)
{
	return on_return(ctx->ret);
}

/* Raw syscall tracepoints: run on every system call, the fallback. */
SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_zc, struct pt_regs *regs, long nr)
{
	/* Cheapest test first; registers read directly (BTF pointer). */
	if (nr != NR_getsockopt)
		return 0;
	return syscall_entry(regs->di, regs->si, regs->dx, regs->r10,
			     regs->r8, false);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_zc, struct pt_regs *regs, long ret)
{
	if (regs->orig_ax != NR_getsockopt)
		return 0;
	return on_return(ret);
}
