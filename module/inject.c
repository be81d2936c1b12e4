// SPDX-License-Identifier: GPL-2.0
/*
 * The test-only injector: recreates on a fixed kernel the state the
 * pre-6cd6cbf593bf TCP_QUEUE_SEQ left behind, rcv_nxt ahead of
 * copied_seq with nothing queued, so the crash path (and the guard) can
 * be exercised. Off unless loaded with inject=1, which taints the kernel.
 *
 * debugfs "inject" (root, 0600) takes one write "FD BYTES[\n]": FD is one
 * of the WRITER's own file descriptors and must be a TCP socket that is
 * not listening and has an empty receive queue; BYTES is 1..1048576.
 * Errors: malformed text or a non-TCP or listening socket -EINVAL; no
 * such fd -EBADF; not a socket -ENOTSOCK; data queued -EBUSY; more than
 * 16 MiB of desync in total -ERANGE; no CAP_NET_ADMIN -EPERM. A failed
 * write changes nothing. Reading shows how many writes were applied.
 *
 * Built into zcguard_inject.ko (inject_main.c, which loads only with
 * inject=1) and, as test_inject.c, into zcguard_test.ko.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/net.h>
#include <linux/panic.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "compat.h"
#include "zcguard.h"

#define ZCG_INJECT_TOTAL	SZ_16M

static bool inject;
module_param(inject, bool, 0444);
MODULE_PARM_DESC(inject, "enable the test-only rcv_nxt injector (taints)");

static atomic_long_t zcg_injections;

int zcg_inject_init(void)
{
	if (inject) {
		add_taint(ZCG_TAINT, LOCKDEP_STILL_OK);
		pr_warn("test-only injector enabled: kernel tainted\n");
	}
	return 0;
}

bool zcg_inject_enabled(void)
{
	return inject;
}

int zcg_inject_sk(struct sock *sk, u32 bytes)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int err = 0;

	if (!bytes || bytes > ZCG_INJECT_MAX)
		return -EINVAL;
	lock_sock(sk);
	if (sk->sk_state == TCP_LISTEN)
		err = -EINVAL;
	else if (!skb_queue_empty(&sk->sk_receive_queue))
		err = -EBUSY;
	else if (tp->rcv_nxt - tp->copied_seq > ZCG_INJECT_TOTAL - bytes)
		err = -ERANGE;
	else
		WRITE_ONCE(tp->rcv_nxt, tp->rcv_nxt + bytes);
	release_sock(sk);
	if (!err)
		atomic_long_inc(&zcg_injections);
	return err;
}

void zcg_inject_undo(struct sock *sk, u32 bytes)
{
	struct tcp_sock *tp = tcp_sk(sk);

	lock_sock(sk);
	WRITE_ONCE(tp->rcv_nxt, tp->rcv_nxt - bytes);
	release_sock(sk);
}

/* "FD BYTES" with an optional newline: digits, one space, digits. */
static int zcg_parse_request(char *buf, size_t len, int *fd, u32 *bytes)
{
	char *sp = NULL;
	size_t i;

	if (len && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	for (i = 0; i < len; i++) {
		if (buf[i] == ' ' && !sp && i > 0)
			sp = &buf[i];
		else if (!isdigit(buf[i]))
			return -EINVAL;
	}
	if (!sp || sp == &buf[len - 1])
		return -EINVAL;
	*sp = '\0';
	if (kstrtoint(buf, 10, fd) || kstrtou32(sp + 1, 10, bytes))
		return -EINVAL;
	if (!*bytes || *bytes > ZCG_INJECT_MAX)
		return -EINVAL;
	return 0;
}

static ssize_t zcg_inject_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct socket *sock;
	char buf[24];
	u32 bytes;
	int fd, err;

	if (*ppos || !count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	err = zcg_parse_request(buf, count, &fd, &bytes);
	if (err)
		return err;
	if (!capable(CAP_NET_ADMIN))
		return -EPERM;

	/* current's own fd table: another process's sockets are unreachable */
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (!sock->sk || !sk_is_tcp(sock->sk))
		err = -EINVAL;
	else
		err = zcg_inject_sk(sock->sk, bytes);
	sockfd_put(sock);
	if (err)
		return err;
	pr_info("fd %d of pid %d: rcv_nxt moved %u bytes ahead\n", fd,
		task_pid_nr(current), bytes);
	return count;
}

static ssize_t zcg_inject_read(struct file *file, char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	char buf[40];
	int len;

	len = scnprintf(buf, sizeof(buf), "injections %ld\n",
			atomic_long_read(&zcg_injections));
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct file_operations zcg_inject_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = zcg_inject_read,
	.write = zcg_inject_write,
	.llseek = default_llseek,
};

void zcg_inject_debugfs(struct dentry *dir)
{
	if (inject)
		debugfs_create_file("inject", 0600, dir, NULL,
				    &zcg_inject_fops);
}
