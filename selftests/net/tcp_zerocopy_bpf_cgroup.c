// SPDX-License-Identifier: GPL-2.0
/*
 * getsockopt(TCP_ZEROCOPY_RECEIVE) under a cgroup BPF_CGROUP_GETSOCKOPT
 * program.
 *
 * TCP_ZEROCOPY_RECEIVE is the one option the kernel keeps off the generic
 * getsockopt hook (tcp_bpf_bypass_getsockopt()): do_tcp_getsockopt() runs
 * the cgroup programs itself, on the kernel copy of the argument
 * (BPF_CGROUP_RUN_PROG_GETSOCKOPT_KERN), with the socket still locked,
 * right after tcp_zerocopy_receive() returned and before inq, err and the
 * timestamp fields are filled in and the struct is copied out. So a
 * program sees: optval = the kernel struct, optlen = the (clamped) user
 * optlen, retval = tcp_zerocopy_receive()'s result; it can shrink optlen
 * (fewer bytes copied out) or reject (EPERM, nothing copied out; by then
 * the data has been mapped and consumed).
 *
 * The test creates and joins a cgroup v2 directory of its own (mounting
 * cgroup2 on a temporary directory when none is mounted), then checks
 * with programs built from struct bpf_insn arrays and loaded with the
 * raw bpf() syscall (no clang, no libbpf, so this file drops into a
 * kernel tree as it is):
 *  - attached vs detached: the same data is mapped and every returned
 *    field is the same, for several optlen values;
 *  - the program ran exactly once per call and recorded the kernel
 *    struct (address, mapped length, skip hint) and the optlen;
 *  - a program returning 0 makes the call fail with EPERM;
 *  - a program shrinking optlen limits what is copied out.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <linux/errqueue.h>

#include "../kselftest_harness.h"
#include "tcp_zerocopy_lib.h"

#define DATA_LEN	(16 * ZC_PAGE)
#define MAP_LEN		(32 * ZC_PAGE)
#define WAIT_MS		5000
#define SENTINEL	0x5a5a5a5au

/* What the recording program stores in its one-entry array map. */
struct zc_rec {
	__u32 calls;
	__s32 optlen;
	__s32 level;
	__s32 optname;
	__s32 retval;
	__u32 seen;		/* bytes of optval the program could read */
	__u64 address;	/* the kernel struct, first 24 bytes */
	__u32 length;
	__u32 recv_skip_hint;
	__u32 inq;
	__s32 err;
	__u32 pad[4];
};

/* One zerocopy call's visible outcome. */
struct zc_result {
	int ret;		/* 0 or -errno */
	socklen_t optlen;	/* optlen after the call */
	struct zc_arg zc;
	int inq_after;		/* SIOCINQ after the call */
	bool data_ok;		/* mapped bytes carry the right pattern */
};

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), \
			    .off = (o), .imm = (i) })
#define MOV64_IMM(d, i)		INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s)		INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i)		INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define LDX(sz, d, s, o)	INSN(BPF_LDX | BPF_MEM | (sz), d, s, o, 0)
#define STX(sz, d, s, o)	INSN(BPF_STX | BPF_MEM | (sz), d, s, o, 0)
#define ST(sz, d, o, i)		INSN(BPF_ST | BPF_MEM | (sz), d, 0, o, i)
#define JEQ_IMM(d, i, o)	INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define JGT_REG(d, s, o)	INSN(BPF_JMP | BPF_JGT | BPF_X, d, s, o, 0)
#define CALL(f)			INSN(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT()			INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
/* A 64-bit load takes two instructions; the second holds the high half. */
#define LD_MAP_FD(d, fd) \
	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_FD, 0, fd)
#define LD_IMM64_HI()		INSN(0, 0, 0, 0, 0)

#define CTX(f)		offsetof(struct bpf_sockopt, f)
#define REC(f)		offsetof(struct zc_rec, f)
#define ARG(f)		offsetof(struct zc_arg, f)

static int load_prog(const struct bpf_insn *insns, size_t n, char *log,
		     size_t log_len)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_CGROUP_SOCKOPT;
	attr.expected_attach_type = BPF_CGROUP_GETSOCKOPT;
	attr.insns = (uintptr_t)insns;
	attr.insn_cnt = n;
	attr.license = (uintptr_t)"GPL";
	attr.log_buf = (uintptr_t)log;
	attr.log_size = log_len;
	attr.log_level = log ? 1 : 0;
	return sys_bpf(BPF_PROG_LOAD, &attr);
}

/*
 * Records ctx fields and the first 24 bytes of optval into map[0], counts
 * its runs, returns 1 (allow). With shrink_to > 0 it also sets optlen.
 */
static int load_recorder(int map_fd, int shrink_to, char *log, size_t len)
{
	struct bpf_insn p[] = {
		MOV64_REG(BPF_REG_6, BPF_REG_1),
		ST(BPF_W, BPF_REG_10, -4, 0),
		LD_MAP_FD(BPF_REG_1, map_fd),
		LD_IMM64_HI(),
		MOV64_REG(BPF_REG_2, BPF_REG_10),
		ADD64_IMM(BPF_REG_2, -4),
		CALL(BPF_FUNC_map_lookup_elem),
		JEQ_IMM(BPF_REG_0, 0, 26),		/* -> out */
		MOV64_REG(BPF_REG_7, BPF_REG_0),
		LDX(BPF_W, BPF_REG_1, BPF_REG_7, REC(calls)),
		ADD64_IMM(BPF_REG_1, 1),
		STX(BPF_W, BPF_REG_7, BPF_REG_1, REC(calls)),
		LDX(BPF_W, BPF_REG_1, BPF_REG_6, CTX(optlen)),
		STX(BPF_W, BPF_REG_7, BPF_REG_1, REC(optlen)),
		LDX(BPF_W, BPF_REG_1, BPF_REG_6, CTX(level)),
		STX(BPF_W, BPF_REG_7, BPF_REG_1, REC(level)),
		LDX(BPF_W, BPF_REG_1, BPF_REG_6, CTX(optname)),
		STX(BPF_W, BPF_REG_7, BPF_REG_1, REC(optname)),
		LDX(BPF_W, BPF_REG_1, BPF_REG_6, CTX(retval)),
		STX(BPF_W, BPF_REG_7, BPF_REG_1, REC(retval)),
		LDX(BPF_DW, BPF_REG_2, BPF_REG_6, CTX(optval)),
		LDX(BPF_DW, BPF_REG_3, BPF_REG_6, CTX(optval_end)),
		MOV64_REG(BPF_REG_4, BPF_REG_2),
		ADD64_IMM(BPF_REG_4, 24),
		JGT_REG(BPF_REG_4, BPF_REG_3, 9),	/* -> out */
		LDX(BPF_DW, BPF_REG_1, BPF_REG_2, ARG(address)),
		STX(BPF_DW, BPF_REG_7, BPF_REG_1, REC(address)),
		LDX(BPF_W, BPF_REG_1, BPF_REG_2, ARG(length)),
		STX(BPF_W, BPF_REG_7, BPF_REG_1, REC(length)),
		LDX(BPF_W, BPF_REG_1, BPF_REG_2, ARG(recv_skip_hint)),
		STX(BPF_W, BPF_REG_7, BPF_REG_1, REC(recv_skip_hint)),
		LDX(BPF_W, BPF_REG_1, BPF_REG_2, ARG(inq)),
		STX(BPF_W, BPF_REG_7, BPF_REG_1, REC(inq)),
		ST(BPF_W, BPF_REG_7, REC(seen), 24),
		/* out: */
		MOV64_IMM(BPF_REG_1, shrink_to),
		JEQ_IMM(BPF_REG_1, 0, 1),
		STX(BPF_W, BPF_REG_6, BPF_REG_1, CTX(optlen)),
		MOV64_IMM(BPF_REG_0, 1),
		EXIT(),
	};

	return load_prog(p, ARRAY_SIZE(p), log, len);
}

/* Returns 0: the kernel turns that into EPERM for the caller. */
static int load_rejecter(void)
{
	struct bpf_insn p[] = {
		MOV64_IMM(BPF_REG_0, 0),
		EXIT(),
	};

	return load_prog(p, 2, NULL, 0);
}

static int prog_attach(int cg_fd, int prog_fd, bool attach)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.target_fd = cg_fd;
	attr.attach_bpf_fd = prog_fd;
	attr.attach_type = BPF_CGROUP_GETSOCKOPT;
	return sys_bpf(attach ? BPF_PROG_ATTACH : BPF_PROG_DETACH, &attr);
}

static int map_create(void)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = sizeof(__u32);
	attr.value_size = sizeof(struct zc_rec);
	attr.max_entries = 1;
	return sys_bpf(BPF_MAP_CREATE, &attr);
}

static int map_rw(int map_fd, struct zc_rec *rec, bool write)
{
	__u32 key = 0;
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = map_fd;
	attr.key = (uintptr_t)&key;
	attr.value = (uintptr_t)rec;
	return sys_bpf(write ? BPF_MAP_UPDATE_ELEM : BPF_MAP_LOOKUP_ELEM,
		       &attr);
}

/* Where cgroup2 is mounted, from /proc/self/mountinfo; 0 if found. */
static int find_cgroup2(char *dir, size_t len)
{
	char line[4096], mnt[PATH_MAX];
	FILE *f = fopen("/proc/self/mountinfo", "r");
	int ret = -1;

	if (!f)
		return -1;
	while (ret && fgets(line, sizeof(line), f)) {
		char *sep = strstr(line, " - ");

		if (!sep || strncmp(sep, " - cgroup2 ", 11))
			continue;
		if (sscanf(line, "%*s %*s %*s %*s %4095s", mnt) == 1 &&
		    strlen(mnt) < len) {
			snprintf(dir, len, "%s", mnt);
			ret = 0;
		}
	}
	fclose(f);
	return ret;
}

/* This process's cgroup v2 path ("0::/path" in /proc/self/cgroup). */
static int own_cgroup(char *path, size_t len)
{
	char line[4096];
	FILE *f = fopen("/proc/self/cgroup", "r");
	int ret = -1;

	if (!f)
		return -1;
	while (ret && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "0::", 3))
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (strlen(line + 3) < len) {
			snprintf(path, len, "%s", line + 3);
			ret = 0;
		}
	}
	fclose(f);
	return ret;
}

static int join_cgroup(const char *dir)
{
	char path[PATH_MAX + 32], pid[32];
	int fd, n, ret = 0;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = snprintf(pid, sizeof(pid), "%d\n", getpid());
	if (write(fd, pid, n) != n)
		ret = -errno;
	close(fd);
	return ret;
}

/* Sends buf with MSG_ZEROCOPY (plain send if refused) and reaps it. */
static int send_zerocopy(int fd, const unsigned char *buf, size_t len)
{
	int one = 1, flags = 0;
	char ctrl[128];
	struct msghdr msg;
	size_t off = 0;
	ssize_t n;

	if (!setsockopt(fd, SOL_SOCKET, SO_ZEROCOPY, &one, sizeof(one)))
		flags = MSG_ZEROCOPY;
	while (off < len) {
		n = send(fd, buf + off, len - off, flags | MSG_NOSIGNAL);
		if (n < 0)
			return -errno;
		off += n;
	}
	/* Completions are bookkeeping only; the buffer stays unchanged. */
	for (int i = 0; i < 64; i++) {
		memset(&msg, 0, sizeof(msg));
		msg.msg_control = ctrl;
		msg.msg_controllen = sizeof(ctrl);
		if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
			break;
	}
	return 0;
}

/* What the helpers below work on (the fixture holds one). */
struct zc_cg_state {
	const char *skip;		/* set up, but nothing to test */
	char mnt[PATH_MAX];		/* cgroup2 root */
	char cg[PATH_MAX + 64];		/* our cgroup */
	char home[PATH_MAX];		/* where this process was */
	char tmpmnt[64];		/* our own cgroup2 mount, if any */
	int cg_fd;
	int map_fd;
	unsigned char *buf;		/* DATA_LEN bytes of pattern */
};

FIXTURE(zc_cg) {
	struct zc_cg_state st;
};

FIXTURE_SETUP(zc_cg)
{
	struct zc_cg_state *st = &self->st;
	char log[1 << 14];
	int prog, ret;

	st->skip = NULL;
	st->cg_fd = -1;
	st->map_fd = -1;
	st->cg[0] = '\0';
	st->tmpmnt[0] = '\0';
	if (geteuid()) {
		st->skip = "needs root (cgroup and BPF)";
		return;
	}
	if (find_cgroup2(st->mnt, sizeof(st->mnt))) {
		snprintf(st->tmpmnt, sizeof(st->tmpmnt), "%s",
			 "/tmp/zc_bpf_cg.XXXXXX");
		if (!mkdtemp(st->tmpmnt)) {
			st->skip = "no cgroup2 mounted, no mount point made";
			st->tmpmnt[0] = '\0';
			return;
		}
		if (mount("none", st->tmpmnt, "cgroup2", 0, NULL)) {
			rmdir(st->tmpmnt);
			st->tmpmnt[0] = '\0';
			st->skip = "no cgroup2 mounted and mounting it failed";
			return;
		}
		snprintf(st->mnt, sizeof(st->mnt), "%s", st->tmpmnt);
	}
	if (own_cgroup(st->home, sizeof(st->home)))
		snprintf(st->home, sizeof(st->home), "/");
	snprintf(st->cg, sizeof(st->cg), "%s/zc_bpf_cg.%d", st->mnt,
		 getpid());
	if (mkdir(st->cg, 0755)) {
		st->cg[0] = '\0';
		st->skip = "cannot create a cgroup v2 directory";
		return;
	}
	st->cg_fd = open(st->cg, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, st->cg_fd);
	ret = join_cgroup(st->cg);
	if (ret) {
		st->skip = "cannot join the new cgroup";
		return;
	}
	st->map_fd = map_create();
	if (st->map_fd < 0) {
		st->skip = "bpf(BPF_MAP_CREATE) refused (no BPF syscall?)";
		return;
	}
	/* Probe: can this kernel load a getsockopt program at all? */
	prog = load_recorder(st->map_fd, 0, log, sizeof(log));
	if (prog < 0) {
		TH_LOG("verifier: %s", log);
		st->skip = "cannot load a BPF_CGROUP_GETSOCKOPT program";
		return;
	}
	if (prog_attach(st->cg_fd, prog, true)) {
		close(prog);
		st->skip = "cannot attach BPF_CGROUP_GETSOCKOPT to a cgroup";
		return;
	}
	ASSERT_EQ(0, prog_attach(st->cg_fd, prog, false));
	close(prog);

	st->buf = mmap(NULL, DATA_LEN, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, st->buf);
	zc_fill(st->buf, 0, DATA_LEN);
}

FIXTURE_TEARDOWN(zc_cg)
{
	struct zc_cg_state *st = &self->st;
	char home[PATH_MAX * 2 + 2];

	if (st->map_fd >= 0)
		close(st->map_fd);
	if (st->cg_fd >= 0)
		close(st->cg_fd);
	if (st->cg[0]) {
		/* Leave the cgroup, or it cannot be removed. */
		snprintf(home, sizeof(home), "%s%s", st->mnt, st->home);
		join_cgroup(home);
		rmdir(st->cg);
	}
	if (st->tmpmnt[0]) {
		umount2(st->tmpmnt, MNT_DETACH);
		rmdir(st->tmpmnt);
	}
}

/*
 * A fresh loopback connection created inside the cgroup (a socket
 * belongs to the cgroup of its creator), DATA_LEN bytes queued, one
 * zerocopy call with optlen, then the rest read and checked.
 */
static void one_call(struct __test_metadata *_metadata,
		     struct zc_cg_state *st, int family, socklen_t optlen,
		     struct zc_result *r)
{
	unsigned char big[128] = { 0 };
	struct zc_arg *zc = (struct zc_arg *)big;
	unsigned char rest[DATA_LEN];
	int cli, srv, inq;
	size_t left;
	void *map;

	memset(r, 0, sizeof(*r));
	ASSERT_EQ(0, zc_pair(family, 0, &cli, &srv));
	map = mmap(NULL, MAP_LEN, PROT_READ, MAP_SHARED, srv, 0);
	ASSERT_NE(MAP_FAILED, map);
	ASSERT_EQ(0, send_zerocopy(cli, st->buf, DATA_LEN));
	ASSERT_EQ((int)DATA_LEN, zc_wait_inq(srv, DATA_LEN, WAIT_MS));

	zc->address = (uintptr_t)map;
	zc->length = MAP_LEN;
	zc->inq = SENTINEL;
	zc->err = (__s32)SENTINEL;
	r->optlen = optlen;
	r->ret = zc_call(srv, big, &r->optlen);
	memcpy(&r->zc, zc, sizeof(r->zc));
	ASSERT_EQ(0, zc_siocinq(srv, &r->inq_after));

	r->data_ok = r->ret || zc_check(map, 0, zc->length) < 0;
	/* The rest (skip hint and beyond) by read(): same pattern. */
	left = DATA_LEN - (r->ret ? 0 : zc->length);
	if (!r->ret && left) {
		ASSERT_EQ(0, zc_read_all(srv, rest, left));
		r->data_ok = r->data_ok &&
			     zc_check(rest, zc->length, left) < 0;
	}
	ASSERT_EQ(0, zc_siocinq(srv, &inq));
	munmap(map, MAP_LEN);
	close(cli);
	close(srv);
}

static void expect_same(struct __test_metadata *_metadata,
			const struct zc_result *a, const struct zc_result *b)
{
	EXPECT_EQ(a->ret, b->ret);
	EXPECT_EQ(a->optlen, b->optlen);
	EXPECT_EQ(a->zc.length, b->zc.length);
	EXPECT_EQ(a->zc.recv_skip_hint, b->zc.recv_skip_hint);
	EXPECT_EQ(a->zc.inq, b->zc.inq);
	EXPECT_EQ(a->zc.err, b->zc.err);
	EXPECT_EQ(a->zc.copybuf_len, b->zc.copybuf_len);
	EXPECT_EQ(a->zc.msg_flags, b->zc.msg_flags);
	EXPECT_EQ(a->inq_after, b->inq_after);
	EXPECT_TRUE(a->data_ok);
	EXPECT_TRUE(b->data_ok);
}

/*
 * Attached vs detached, per optlen: the same result, and the program saw
 * the kernel struct and the (clamped) optlen, exactly once per call.
 */
static void same_with_program(struct __test_metadata *_metadata,
			      struct zc_cg_state *st, int family)
{
	static const socklen_t lens[] = {
		ZC_END(length), ZC_END(recv_skip_hint), ZC_END(err),
		ZC_END(copybuf_len), sizeof(struct zc_arg),
		sizeof(struct zc_arg) + 16,
	};
	struct zc_result off, on;
	struct zc_rec rec;
	char log[1 << 14];
	int prog;
	size_t i;

	prog = load_recorder(st->map_fd, 0, log, sizeof(log));
	ASSERT_LE(0, prog) TH_LOG("verifier: %s", log);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		one_call(_metadata, st, family, lens[i], &off);
		if (!off.ret && !off.zc.length)
			SKIP(goto out, "loopback data is not mappable here");

		memset(&rec, 0, sizeof(rec));
		ASSERT_EQ(0, map_rw(st->map_fd, &rec, true));
		ASSERT_EQ(0, prog_attach(st->cg_fd, prog, true));
		one_call(_metadata, st, family, lens[i], &on);
		ASSERT_EQ(0, prog_attach(st->cg_fd, prog, false));
		ASSERT_EQ(0, map_rw(st->map_fd, &rec, false));

		TH_LOG("optlen %u: ret %d length %u skip %u inq %u;",
		       lens[i], on.ret, on.zc.length, on.zc.recv_skip_hint,
		       on.zc.inq);
		TH_LOG("program saw optlen %d length %u skip %u inq 0x%x",
		       rec.optlen, rec.length, rec.recv_skip_hint, rec.inq);
		expect_same(_metadata, &off, &on);
		EXPECT_EQ(0, on.ret);
		/* Once per call: the generic hook is bypassed. */
		EXPECT_EQ(1U, rec.calls);
		EXPECT_EQ(IPPROTO_TCP, rec.level);
		EXPECT_EQ(TCP_ZEROCOPY_RECEIVE, rec.optname);
		EXPECT_EQ(0, rec.retval);
		/* Clamped to the kernel's struct, as the caller sees it. */
		EXPECT_EQ((int)on.optlen, rec.optlen);
		if (on.optlen >= 24) {
			EXPECT_EQ(24U, rec.seen);
			EXPECT_EQ(on.zc.address, rec.address);
			EXPECT_EQ(on.zc.length, rec.length);
			EXPECT_EQ(on.zc.recv_skip_hint, rec.recv_skip_hint);
			/*
			 * inq is filled in after the program runs: it sees
			 * what the caller passed in (6.1 to 6.18).
			 */
			EXPECT_TRUE(rec.inq == SENTINEL ||
				    rec.inq == on.zc.inq);
		} else {
			/* optval ends at optlen: the program sees no more. */
			EXPECT_EQ(0U, rec.seen);
		}
	}
out:
	close(prog);
}

TEST_F(zc_cg, same_result_ipv4)
{
	if (self->st.skip)
		SKIP(return, "%s", self->st.skip);
	same_with_program(_metadata, &self->st, AF_INET);
}

TEST_F(zc_cg, same_result_ipv6)
{
	if (self->st.skip)
		SKIP(return, "%s", self->st.skip);
	same_with_program(_metadata, &self->st, AF_INET6);
}

/* A program returning 0 turns the call into EPERM, attached only. */
TEST_F(zc_cg, reject_is_eperm)
{
	struct zc_result off, on, again;
	int prog;

	if (self->st.skip)
		SKIP(return, "%s", self->st.skip);
	prog = load_rejecter();
	ASSERT_LE(0, prog);
	ASSERT_EQ(0, prog_attach(self->st.cg_fd, prog, true));
	one_call(_metadata, &self->st, AF_INET, sizeof(struct zc_arg), &on);
	ASSERT_EQ(0, prog_attach(self->st.cg_fd, prog, false));
	one_call(_metadata, &self->st, AF_INET, sizeof(struct zc_arg), &off);
	close(prog);

	EXPECT_EQ(-EPERM, on.ret);
	/* Nothing copied out: the caller's struct is as it was. */
	EXPECT_EQ(MAP_LEN, on.zc.length);
	EXPECT_EQ(SENTINEL, on.zc.inq);
	EXPECT_EQ(0, off.ret);
	TH_LOG("rejected call: SIOCINQ after %d of %lu queued", on.inq_after,
	       DATA_LEN);
	TH_LOG("(the kernel mapped before the program ran)");
	/* And the same call detached again agrees with a detached one. */
	one_call(_metadata, &self->st, AF_INET, sizeof(struct zc_arg), &again);
	expect_same(_metadata, &off, &again);
}

/* A program shrinking optlen to 16 limits the copy-out to 16 bytes. */
TEST_F(zc_cg, shrunk_optlen)
{
	struct zc_result on;
	char log[1 << 14];
	int prog;

	if (self->st.skip)
		SKIP(return, "%s", self->st.skip);
	prog = load_recorder(self->st.map_fd, ZC_END(recv_skip_hint), log,
			     sizeof(log));
	ASSERT_LE(0, prog) TH_LOG("verifier: %s", log);
	ASSERT_EQ(0, prog_attach(self->st.cg_fd, prog, true));
	one_call(_metadata, &self->st, AF_INET, sizeof(struct zc_arg), &on);
	ASSERT_EQ(0, prog_attach(self->st.cg_fd, prog, false));
	close(prog);

	EXPECT_EQ(0, on.ret);
	EXPECT_TRUE(on.data_ok);
	/* inq and err were never written back. */
	EXPECT_EQ(SENTINEL, on.zc.inq);
	EXPECT_EQ((__s32)SENTINEL, on.zc.err);
	TH_LOG("optlen after the call: %u", on.optlen);
}

/* TEST_HARNESS_MAIN, with exit 4 when every case skipped. */
int main(int argc, char **argv)
{
	atexit(zc_exit_skip_if_all_skipped);
	return test_harness_run(argc, argv);
}
