/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zcguard: what the modules' files offer each other. Each file does one
 * job: guard_main.c, test_main.c, inject_main.c (one module each: init,
 * exit, debugfs dir), guard.c (the kprobe), inject.c (the test-only
 * injector), kcases.c (the list of cases), ktests.c and kunit.c (its two
 * runners), ktap.c (KTAP output), ksock.c (kernel sockets and user
 * buffers), ktests_*.c (the cases).
 */
#ifndef ZCGUARD_H
#define ZCGUARD_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/sizes.h>

struct dentry;
struct file;
struct net;
struct sock;
struct socket;
struct tcp_zerocopy_receive;

/* ktap.c: results printed one per printk line and kept for debugfs */
int zcg_ktap_init(void);
void zcg_ktap_exit(void);
void zcg_ktap_debugfs(struct dentry *dir);
__printf(1, 2) void zcg_ktap_line(const char *fmt, ...);

/* ktests.c: the KTAP runner, every case at load */
void zcg_ktests_run(void);

/* One test's verdict; reason explains a failure or a skip. */
enum zcg_verdict { ZCG_PASS, ZCG_FAIL, ZCG_SKIP };

struct zcg_ctx {
	struct net *net;	/* the loading process's netns */
	unsigned long uscratch;	/* ZCG_USCRATCH bytes in current->mm */
	char reason[128];
};

#define ZCG_USCRATCH		(4 * PAGE_SIZE)

/* the whole struct tcp_zerocopy_receive, as an int optlen */
#define ZC_SIZE			((int)sizeof(struct tcp_zerocopy_receive))

/* kcases.c: the one list of cases, for both runners */
struct zcg_case {
	const char *name;
	enum zcg_verdict (*fn)(struct zcg_ctx *ctx);
	bool needs_lo;		/* needs loopback up in the netns */
};

extern const struct zcg_case zcg_cases[];
extern const unsigned int zcg_ncases;

/* Checks what the case needs (user mm, netns, lo), then runs it. */
enum zcg_verdict zcg_case_run(const struct zcg_case *c, struct zcg_ctx *ctx);

__printf(2, 3)
enum zcg_verdict zcg_fail(struct zcg_ctx *ctx, const char *fmt, ...);
__printf(2, 3)
enum zcg_verdict zcg_skip(struct zcg_ctx *ctx, const char *fmt, ...);

/* the tests, one function each, grouped by file */
enum zcg_verdict zcg_t_optlen_short(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_optlen_each_size(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_optlen_long_zero_tail(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_optlen_long_dirty_tail(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_reserved_set(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_bad_msg_flags(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_unaligned_address(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_connected_no_data(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_peer_fin(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_listening(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_close_state(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_repair_queue_seq(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_repair_then_zerocopy(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_zerocopy_maps_data(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_guard_probe(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_guard_counts_clean(struct zcg_ctx *ctx);
enum zcg_verdict zcg_t_guard_blocks_desync(struct zcg_ctx *ctx);

/* ksock.c: loopback TCP over kernel sockets */
struct zcg_pair {
	struct socket *lsn;	/* listener on 127.0.0.1 */
	struct socket *cli;	/* connected client */
	struct socket *srv;	/* accepted server side */
};

int zcg_sock_new(struct net *net, struct socket **res);
void zcg_sock_close(struct socket *sock);
int zcg_pair_open(struct net *net, struct zcg_pair *p);
void zcg_pair_close(struct zcg_pair *p);
bool zcg_lo_up(struct net *net);
int zcg_send_pages(struct socket *sock, struct page **pages, int n);
bool zcg_wait_inq(struct socket *sock, int bytes, unsigned int ms);
bool zcg_wait_done(struct socket *sock, unsigned int ms);
int zcg_setsockopt_int(struct socket *sock, int level, int opt, int val);

/* A socket turned into a file and mmap()ed into current->mm. */
struct zcg_zmap {
	struct file *file;
	unsigned long addr;
	size_t len;
};

int zcg_zmap_open(struct socket *sock, size_t len, struct zcg_zmap *m);
void zcg_zmap_close(struct zcg_zmap *m);

unsigned long zcg_umap_anon(size_t len);
void zcg_umap_free(unsigned long addr, size_t len);
int zcg_zc_getsockopt(struct sock *sk, unsigned long uscratch,
		      struct tcp_zerocopy_receive *zc, int optlen,
		      u8 tail_byte, int *optlen_after);

/* guard.c: the kprobe on tcp_zerocopy_receive */
enum zcg_guard_mode { ZCG_GUARD_OFF, ZCG_GUARD_WARN, ZCG_GUARD_BLOCK };

struct zcg_guard_stats {
	long calls;
	long violations;
	long blocked;
};

int zcg_guard_init(void);
void zcg_guard_exit(void);
void zcg_guard_debugfs(struct dentry *dir);
int zcg_guard_probe_err(void);
int zcg_guard_get_mode(void);
void zcg_guard_set_mode(int mode);
void zcg_guard_stats(struct zcg_guard_stats *st);
void zcg_guard_reset_stats(void);

/* inject.c: test-only rcv_nxt desync */
#define ZCG_INJECT_MAX		SZ_1M

int zcg_inject_init(void);
void zcg_inject_debugfs(struct dentry *dir);
bool zcg_inject_enabled(void);
int zcg_inject_sk(struct sock *sk, u32 bytes);
void zcg_inject_undo(struct sock *sk, u32 bytes);

#endif /* ZCGUARD_H */
