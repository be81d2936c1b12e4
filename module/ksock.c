// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel sockets over loopback and user memory borrowed from the loading
 * process (vm_mmap() into current->mm, as lib/test_user_copy.c does), so
 * the tests go through the real tcp_getsockopt() with real user pointers.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bvec.h>
#include <linux/file.h>
#include <linux/in.h>
#include <linux/mman.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/wait.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "compat.h"
#include "zcguard.h"

/* No test may hang module load: every wait is bounded by this. */
#define ZCG_SOCK_TIMEOUT	(2 * HZ)

bool zcg_lo_up(struct net *net)
{
	return net->loopback_dev && (net->loopback_dev->flags & IFF_UP);
}

int zcg_sock_new(struct net *net, struct socket **res)
{
	int err;

	err = sock_create_kern(net, AF_INET, SOCK_STREAM, IPPROTO_TCP, res);
	if (err)
		return err;
	(*res)->sk->sk_rcvtimeo = ZCG_SOCK_TIMEOUT;
	(*res)->sk->sk_sndtimeo = ZCG_SOCK_TIMEOUT;
	return 0;
}

/* Close with RST, not FIN: no TIME_WAIT left behind after unload. */
void zcg_sock_close(struct socket *sock)
{
	if (!sock)
		return;
	sock_no_linger(sock->sk);
	sock_release(sock);
}

int zcg_pair_open(struct net *net, struct zcg_pair *p)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int err;

	memset(p, 0, sizeof(*p));
	err = zcg_sock_new(net, &p->lsn);
	if (err)
		return err;
	err = kernel_bind(p->lsn, (struct sockaddr *)&sin, sizeof(sin));
	if (!err)
		err = kernel_listen(p->lsn, 1);
	if (!err)
		err = kernel_getsockname(p->lsn, (struct sockaddr *)&sin);
	if (err < 0)
		goto fail;
	err = zcg_sock_new(net, &p->cli);
	if (err)
		goto fail;
	err = kernel_connect(p->cli, (struct sockaddr *)&sin, sizeof(sin), 0);
	if (err)
		goto fail;
	/* bounded by the listener's sk_rcvtimeo */
	err = kernel_accept(p->lsn, &p->srv, 0);
	if (err)
		goto fail;
	p->srv->sk->sk_rcvtimeo = ZCG_SOCK_TIMEOUT;
	return 0;
fail:
	zcg_pair_close(p);
	return err;
}

void zcg_pair_close(struct zcg_pair *p)
{
	zcg_sock_close(p->srv);
	zcg_sock_close(p->cli);
	zcg_sock_close(p->lsn);
	memset(p, 0, sizeof(*p));
}

int zcg_setsockopt_int(struct socket *sock, int level, int opt, int val)
{
	return sock->ops->setsockopt(sock, level, opt, KERNEL_SOCKPTR(&val),
				     sizeof(val));
}

/*
 * Attach whole pages to the send queue without copying them, so the
 * receiver's skbs carry page-sized, page-aligned frags: the only ones
 * tcp_zerocopy_receive() can map.
 */
static int zcg_send_page(struct socket *sock, struct page *page, bool more)
{
	int flags = more ? MSG_MORE : 0;
#if ZCG_HAVE_SPLICE_PAGES
	struct msghdr msg = { .msg_flags = MSG_SPLICE_PAGES | flags };
	struct bio_vec bv;

	bvec_set_page(&bv, page, PAGE_SIZE, 0);
	iov_iter_bvec(&msg.msg_iter, ITER_SOURCE, &bv, 1, PAGE_SIZE);
	return sock_sendmsg(sock, &msg);
#else
	return kernel_sendpage(sock, page, 0, PAGE_SIZE, flags);
#endif
}

int zcg_send_pages(struct socket *sock, struct page **pages, int n)
{
	int i, ret;

	for (i = 0; i < n; i++) {
		ret = zcg_send_page(sock, pages[i], i + 1 < n);
		if (ret != PAGE_SIZE)
			return ret < 0 ? ret : -EIO;
	}
	return 0;
}

/* Loopback delivers in softirq; wait on the socket's own wait queue. */
bool zcg_wait_inq(struct socket *sock, int bytes, unsigned int ms)
{
	return wait_event_timeout(sock->wq.wait,
				  tcp_inq(sock->sk) >= bytes,
				  msecs_to_jiffies(ms)) > 0;
}

bool zcg_wait_done(struct socket *sock, unsigned int ms)
{
	return wait_event_timeout(sock->wq.wait,
				  sock_flag(sock->sk, SOCK_DONE),
				  msecs_to_jiffies(ms)) > 0;
}

/*
 * The socket becomes a file (which owns it from now on) so that vm_mmap()
 * reaches tcp_mmap() and the VMA gets the tcp_vm_ops zerocopy requires.
 */
int zcg_zmap_open(struct socket *sock, size_t len, struct zcg_zmap *m)
{
	unsigned long addr;

	memset(m, 0, sizeof(*m));
	sock_no_linger(sock->sk);
	m->file = sock_alloc_file(sock, 0, NULL);
	if (IS_ERR(m->file)) {
		int err = PTR_ERR(m->file);

		/* sock_alloc_file() released the socket */
		m->file = NULL;
		return err;
	}
	addr = vm_mmap(m->file, 0, len, PROT_READ, MAP_SHARED, 0);
	if (IS_ERR_VALUE(addr)) {
		fput(m->file);
		m->file = NULL;
		return (int)addr;
	}
	m->addr = addr;
	m->len = len;
	return 0;
}

void zcg_zmap_close(struct zcg_zmap *m)
{
	if (m->addr)
		vm_munmap(m->addr, m->len);
	if (m->file)
		fput(m->file);
	memset(m, 0, sizeof(*m));
}

unsigned long zcg_umap_anon(size_t len)
{
	unsigned long addr;

	if (!current->mm)
		return 0;
	addr = vm_mmap(NULL, 0, len, PROT_READ | PROT_WRITE,
		       MAP_ANONYMOUS | MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(addr) || addr >= TASK_SIZE)
		return 0;
	return addr;
}

void zcg_umap_free(unsigned long addr, size_t len)
{
	if (addr)
		vm_munmap(addr, len);
}

/*
 * getsockopt(TCP_ZEROCOPY_RECEIVE) through tcp_getsockopt() with both
 * pointers in user memory: optlen at uscratch, optval one page further.
 * Bytes of optval past the struct are zero except the last, tail_byte.
 * The struct is copied back (as far as optlen reached) on return.
 */
int zcg_zc_getsockopt(struct sock *sk, unsigned long uscratch,
		      struct tcp_zerocopy_receive *zc, int optlen,
		      u8 tail_byte, int *optlen_after)
{
	int __user *uoptlen = (int __user *)uscratch;
	char __user *uval = (char __user *)(uscratch + PAGE_SIZE);
	size_t room = ZCG_USCRATCH - PAGE_SIZE;
	size_t in = min_t(size_t, max(optlen, 0), sizeof(*zc));
	int ret, len;

	if (optlen > (int)room)
		return -E2BIG;
	if (clear_user(uval, room) || copy_to_user(uval, zc, in) ||
	    put_user(optlen, uoptlen))
		return -EFAULT;
	if (optlen > (int)sizeof(*zc) && put_user(tail_byte, uval + optlen - 1))
		return -EFAULT;

	/* tcp_getsockopt(), through the proto: 6.12 no longer exports it */
	ret = sk->sk_prot->getsockopt(sk, SOL_TCP, TCP_ZEROCOPY_RECEIVE, uval,
				      uoptlen);

	if (get_user(len, uoptlen))
		return -EFAULT;
	if (optlen_after)
		*optlen_after = len;
	if (copy_from_user(zc, uval, in))
		return -EFAULT;
	return ret;
}
