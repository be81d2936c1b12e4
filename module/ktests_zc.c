// SPDX-License-Identifier: GPL-2.0
/*
 * The real thing: pages sent over loopback without copying, received by
 * getsockopt(TCP_ZEROCOPY_RECEIVE) into a mapping of the receiving socket
 * in the loading process's mm, and read back through that mapping.
 */
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "zcguard.h"

#define ZCG_ZC_PAGES	4

static u8 zcg_pattern(unsigned int page, unsigned int off)
{
	return (u8)(page * 131 + off * 7 + (off >> 8) + 0x5a);
}

static int zcg_fill_pages(struct page **pages)
{
	unsigned int i, off;

	for (i = 0; i < ZCG_ZC_PAGES; i++) {
		u8 *va;

		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i])
			return -ENOMEM;
		va = page_address(pages[i]);
		for (off = 0; off < PAGE_SIZE; off++)
			va[off] = zcg_pattern(i, off);
	}
	return 0;
}

static void zcg_put_pages(struct page **pages)
{
	unsigned int i;

	for (i = 0; i < ZCG_ZC_PAGES; i++)
		if (pages[i])
			put_page(pages[i]);
}

/* Compares what the mapping shows with what was sent, page by page. */
static enum zcg_verdict zcg_check_mapping(struct zcg_ctx *ctx,
					  unsigned long addr, u32 len)
{
	unsigned int i, off;
	enum zcg_verdict v = ZCG_PASS;
	u8 *buf;

	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return zcg_fail(ctx, "no memory");
	for (i = 0; i < len / PAGE_SIZE && v == ZCG_PASS; i++) {
		if (copy_from_user(buf, (void __user *)(addr + i * PAGE_SIZE),
				   PAGE_SIZE)) {
			v = zcg_fail(ctx, "mapped page %u unreadable", i);
			break;
		}
		for (off = 0; off < PAGE_SIZE; off++) {
			if (buf[off] != zcg_pattern(i, off)) {
				v = zcg_fail(ctx,
					     "page %u byte %u: %#x, sent %#x",
					     i, off, buf[off],
					     zcg_pattern(i, off));
				break;
			}
		}
	}
	kfree(buf);
	return v;
}

enum zcg_verdict zcg_t_zerocopy_maps_data(struct zcg_ctx *ctx)
{
	const u32 total = ZCG_ZC_PAGES * PAGE_SIZE;
	struct page *pages[ZCG_ZC_PAGES] = { };
	struct tcp_zerocopy_receive zc = { };
	enum zcg_verdict v;
	struct zcg_pair p;
	struct zcg_zmap m;
	struct sock *sk;
	int err;

	err = zcg_pair_open(ctx->net, &p);
	if (err)
		return zcg_fail(ctx, "loopback pair: %d", err);
	err = zcg_fill_pages(pages);
	if (!err)
		err = zcg_send_pages(p.cli, pages, ZCG_ZC_PAGES);
	zcg_put_pages(pages);	/* the skbs hold their own references */
	if (err) {
		v = zcg_fail(ctx, "send: %d", err);
		goto out_pair;
	}
	if (!zcg_wait_inq(p.srv, total, 2000)) {
		v = zcg_fail(ctx, "%u bytes not received within 2 s", total);
		goto out_pair;
	}

	sk = p.srv->sk;
	err = zcg_zmap_open(p.srv, total, &m);
	p.srv = NULL;		/* the file owns it now */
	if (err) {
		v = zcg_fail(ctx, "mmap of the socket: %d", err);
		goto out_pair;
	}
	zc.address = m.addr;
	zc.length = total;
	err = zcg_zc_getsockopt(sk, ctx->uscratch, &zc, sizeof(zc), 0, NULL);
	if (err)
		v = zcg_fail(ctx, "getsockopt: %d", err);
	else if (zc.length != total)
		v = zcg_fail(ctx, "mapped %u of %u bytes (skip hint %u)",
			     zc.length, total, zc.recv_skip_hint);
	else
		v = zcg_check_mapping(ctx, m.addr, zc.length);
	zcg_zmap_close(&m);
out_pair:
	zcg_pair_close(&p);
	return v;
}
