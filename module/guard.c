// SPDX-License-Identifier: GPL-2.0
/*
 * The inq guard. tcp_zerocopy_receive() trusts tcp_inq(): it walks the
 * receive queue for that many bytes and never checks tcp_recv_skb() for
 * NULL. So at its entry (socket lock held by do_tcp_getsockopt()) this
 * kprobe checks that tcp_inq(sk) does not exceed the bytes really queued
 * from copied_seq on. Modes: off (nothing), warn (count and log), block
 * (also zero zc->length and zc->copybuf_len, so the call maps and copies
 * nothing and returns without walking the queue).
 *
 * Built into zcguard.ko (guard_main.c) and, as test_guard.c, into
 * zcguard_test.ko: two independent instances, each with its own kprobe,
 * mode and counters in its own module's debugfs directory.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/ptrace.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "zcguard.h"

static const char * const zcg_mode_names[] = {
	[ZCG_GUARD_OFF] = "off",
	[ZCG_GUARD_WARN] = "warn",
	[ZCG_GUARD_BLOCK] = "block",
};

/*
 * The mode a module starts in when loaded without guard=: warn for the
 * guard module, off for the test module (test_guard.c), which arms its
 * copy of the guard only when asked.
 */
#ifndef ZCG_GUARD_DEFAULT
#define ZCG_GUARD_DEFAULT	ZCG_GUARD_WARN
#endif

static int zcg_mode = ZCG_GUARD_DEFAULT;
static DEFINE_PER_CPU(long, zcg_calls);
static atomic_long_t zcg_violations, zcg_blocked;
static int zcg_probe_err = -ENODEV;
/* serialises mode changes with arming and disarming the kprobe */
static DEFINE_MUTEX(zcg_mode_lock);

static int zcg_pre(struct kprobe *kp, struct pt_regs *regs);

static struct kprobe zcg_kp = {
	.symbol_name = "tcp_zerocopy_receive",
	.pre_handler = zcg_pre,
};

int zcg_guard_get_mode(void)
{
	return READ_ONCE(zcg_mode);
}

/*
 * Mode off disarms the kprobe, so zerocopy calls do not trap at all; warn
 * and block arm it. Before the probe is registered (the module parameter
 * is parsed before init) only the mode is recorded.
 */
void zcg_guard_set_mode(int mode)
{
	int err = 0;

	mutex_lock(&zcg_mode_lock);
	WRITE_ONCE(zcg_mode, mode);
	if (!zcg_probe_err) {
		if (mode == ZCG_GUARD_OFF)
			err = disable_kprobe(&zcg_kp);
		else
			err = enable_kprobe(&zcg_kp);
	}
	mutex_unlock(&zcg_mode_lock);
	if (err)
		pr_warn("cannot %s the kprobe (%d)\n",
			mode == ZCG_GUARD_OFF ? "disarm" : "arm", err);
}

static int zcg_mode_param_set(const char *val, const struct kernel_param *kp)
{
	int mode = sysfs_match_string(zcg_mode_names, val);

	if (mode < 0)
		return mode;
	zcg_guard_set_mode(mode);
	return 0;
}

static int zcg_mode_param_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", zcg_mode_names[zcg_guard_get_mode()]);
}

static const struct kernel_param_ops zcg_mode_param_ops = {
	.set = zcg_mode_param_set,
	.get = zcg_mode_param_get,
};

/* read-only in sysfs: the run-time switch is debugfs guard_mode (root) */
module_param_cb(guard, &zcg_mode_param_ops, NULL, 0444);
MODULE_PARM_DESC(guard, "inq guard mode at load: off, warn, block");

/* Bytes queued at or after seq 'from'; stops counting at 'enough'. */
static u32 zcg_queued_bytes(const struct sock *sk, u32 from, u32 enough)
{
	const struct sk_buff *skb;
	u32 bytes = 0;

	skb_queue_walk(&sk->sk_receive_queue, skb) {
		u32 start = TCP_SKB_CB(skb)->seq;
		u32 end = TCP_SKB_CB(skb)->end_seq;

		/* a FIN takes a sequence number but holds no byte */
		if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)
			end--;
		if (after(from, start))
			start = from;
		if (after(end, start))
			bytes += end - start;
		if (bytes >= enough)
			break;
	}
	return bytes;
}

static void zcg_log_violation(struct sock *sk, int inq, u32 queued,
			      bool blocked)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct inet_sock *inet = inet_sk(sk);

#if IS_ENABLED(CONFIG_IPV6)
	if (sk->sk_family == AF_INET6) {
		pr_warn_ratelimited("inq %d > queued %u on [%pI6c]:%u -> [%pI6c]:%u rcv_nxt %u copied_seq %u%s\n",
				    inq, queued, &sk->sk_v6_rcv_saddr,
				    ntohs(inet->inet_sport), &sk->sk_v6_daddr,
				    ntohs(inet->inet_dport), tp->rcv_nxt,
				    tp->copied_seq,
				    blocked ? ", call blocked" : "");
		return;
	}
#endif
	pr_warn_ratelimited("inq %d > queued %u on %pI4:%u -> %pI4:%u rcv_nxt %u copied_seq %u%s\n",
			    inq, queued, &inet->inet_rcv_saddr,
			    ntohs(inet->inet_sport), &inet->inet_daddr,
			    ntohs(inet->inet_dport), tp->rcv_nxt,
			    tp->copied_seq, blocked ? ", call blocked" : "");
}

static int zcg_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct sock *sk = (struct sock *)regs_get_kernel_argument(regs, 0);
	struct tcp_zerocopy_receive *zc =
		(struct tcp_zerocopy_receive *)regs_get_kernel_argument(regs, 1);
	int mode = READ_ONCE(zcg_mode);
	u32 queued;
	int inq;

	if (mode == ZCG_GUARD_OFF)
		return 0;
	this_cpu_inc(zcg_calls);
	if (sk->sk_state == TCP_LISTEN)
		return 0;
	inq = tcp_inq(sk);
	if (inq <= 0)
		return 0;
	queued = zcg_queued_bytes(sk, tcp_sk(sk)->copied_seq, inq);
	if (queued >= inq)
		return 0;

	atomic_long_inc(&zcg_violations);
	if (mode == ZCG_GUARD_BLOCK) {
		zc->length = 0;
		zc->copybuf_len = 0;
		atomic_long_inc(&zcg_blocked);
	}
	zcg_log_violation(sk, inq, queued, mode == ZCG_GUARD_BLOCK);
	return 0;
}

int zcg_guard_init(void)
{
	mutex_lock(&zcg_mode_lock);
	/* loaded with guard=off: registered, but not armed */
	if (READ_ONCE(zcg_mode) == ZCG_GUARD_OFF)
		zcg_kp.flags |= KPROBE_FLAG_DISABLED;
	zcg_probe_err = register_kprobe(&zcg_kp);
	mutex_unlock(&zcg_mode_lock);
	if (zcg_probe_err)
		pr_warn("no kprobe on %s (%d): guard inactive\n",
			zcg_kp.symbol_name, zcg_probe_err);
	return zcg_probe_err;
}

void zcg_guard_exit(void)
{
	if (!zcg_probe_err)
		unregister_kprobe(&zcg_kp);
	zcg_probe_err = -ENODEV;
}

int zcg_guard_probe_err(void)
{
	return zcg_probe_err;
}

/* Called once the load-time tests are done: userspace sees only its own. */
void zcg_guard_reset_stats(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		per_cpu(zcg_calls, cpu) = 0;
	atomic_long_set(&zcg_violations, 0);
	atomic_long_set(&zcg_blocked, 0);
}

void zcg_guard_stats(struct zcg_guard_stats *st)
{
	int cpu;

	st->calls = 0;
	for_each_possible_cpu(cpu)
		st->calls += per_cpu(zcg_calls, cpu);
	st->violations = atomic_long_read(&zcg_violations);
	st->blocked = atomic_long_read(&zcg_blocked);
}

static ssize_t zcg_mode_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	const char *name = zcg_mode_names[zcg_guard_get_mode()];
	char buf[8];
	int len;

	len = scnprintf(buf, sizeof(buf), "%s\n", name);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

/*
 * One whole mode name per write(), at offset 0, optionally followed by one
 * newline; anything else (an embedded NUL too): EINVAL.
 */
static ssize_t zcg_mode_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	char buf[9];
	int mode;

	if (*ppos || !count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	if (memchr(buf, '\0', count))
		return -EINVAL;
	buf[count] = '\0';
	mode = sysfs_match_string(zcg_mode_names, buf);
	if (mode < 0)
		return mode;
	zcg_guard_set_mode(mode);
	return count;
}

static const struct file_operations zcg_mode_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = zcg_mode_read,
	.write = zcg_mode_write,
	.llseek = default_llseek,
};

static ssize_t zcg_stats_read(struct file *file, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	struct zcg_guard_stats st;
	char buf[160];
	int len;

	zcg_guard_stats(&st);
	len = scnprintf(buf, sizeof(buf),
			"calls %ld\nviolations %ld\nblocked %ld\nprobe %d\n",
			st.calls, st.violations, st.blocked, zcg_probe_err);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct file_operations zcg_stats_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = zcg_stats_read,
	.llseek = default_llseek,
};

void zcg_guard_debugfs(struct dentry *dir)
{
	debugfs_create_file("guard_mode", 0600, dir, NULL, &zcg_mode_fops);
	debugfs_create_file("guard_stats", 0400, dir, NULL, &zcg_stats_fops);
}
