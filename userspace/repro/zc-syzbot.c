// SPDX-License-Identifier: GPL-2.0
/*
 * zc-syzbot: syzkaller-style reproducer for
 *   "general protection fault in do_tcp_getsockopt" (syzbot, 5.6-rc1)
 *   = GPF in tcp_zerocopy_receive on a NULL skb.
 * Fixed by 6cd6cbf593bf ("tcp: repair: fix TCP_QUEUE_SEQ implementation").
 *
 * Standalone: gcc -O2 -static -o zc-syzbot zc-syzbot.c
 *
 *   zc-syzbot [--detect]   (default) ask SIOCINQ on an empty repair-mode
 *                          queue; never makes the crashing call.
 *                          exit 0 kernel honest, 1 kernel has the bug.
 *   zc-syzbot --crash [--iters N] [--time S]
 *                          the syzkaller loop: fork a child per iteration
 *                          that runs the call sequence below, kill it
 *                          after 5 s; at most N iterations (default 20)
 *                          and S seconds (default 20). Crashes a kernel
 *                          without the fix: run it only in a throwaway VM.
 *
 * Needs CAP_NET_ADMIN (TCP_REPAIR). Exit 4: cannot test here.
 * Raw syscalls and fixed addresses as in syzkaller's C reproducers, so
 * it builds against any libc headers.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FIX_COMMIT "6cd6cbf593bf (\"tcp: repair: fix TCP_QUEUE_SEQ implementation\")"

/* uapi values, spelled out so old headers do not matter */
#define SOL_TCP_		6
#define TCP_REPAIR_		19
#define TCP_REPAIR_QUEUE_	20
#define TCP_QUEUE_SEQ_		21
#define TCP_ZEROCOPY_RECEIVE_	35
#define TCP_RECV_QUEUE_		1
#define SIOCINQ_		0x541b
#define QUEUE_SEQ		0x12345678

/*
 * syzkaller's data area, where its programs' pointer arguments live
 * (0x7f0000000000 in the syz program below is this address). Current
 * syzkaller puts it at 0x200000000000; the older 0x20000000 can land on
 * the brk heap of a static binary (randomized up to 32 MiB past it) and
 * MAP_FIXED then wipes malloc's memory.
 */
#define DATA_ADDR	0x200000000000ul
#define DATA_SIZE	0x1000000ul
#define SOCK_MAP_ADDR	(DATA_ADDR + 0xffc000ul)	/* the socket's mmap */
#define SOCK_MAP_SIZE	0x4000ul

#define CHILD_LIMIT_MS	5000

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
	return syscall(nr, a, b, c, d, e, f);
}

/*
 * The call sequence. Same as syzkaller's program:
 *   r0 = socket$inet_tcp(0x2, 0x1, 0x0)
 *   setsockopt$inet_tcp_int(r0, 0x6, 0x13, &(0x7f0000000000)=0x1, 0x4)
 *   setsockopt$inet_tcp_int(r0, 0x6, 0x14, &(0x7f0000000000)=0x1, 0x4)
 *   setsockopt$inet_tcp_int(r0, 0x6, 0x15, &(0x7f0000000000)=0x12345678, 0x4)
 *   mmap(&(0x7f0000ffc000/0x4000)=nil, 0x4000, 0x1, 0x11, r0, 0x0)
 *   getsockopt$inet_tcp_TCP_ZEROCOPY_RECEIVE(r0, 0x6, 0x23,
 *       &(0x7f0000000100)={&(0x7f0000ffc000/0x4000)=nil, 0x4000}, &(0x7f0000000140)=0x40)
 */
static void execute_one(void)
{
	long r0;

	r0 = sys6(__NR_socket, 2, 1, 0, 0, 0, 0);
	if (r0 == -1)
		return;
	*(uint32_t *)(DATA_ADDR + 0x0) = 1;
	sys6(__NR_setsockopt, r0, SOL_TCP_, TCP_REPAIR_, DATA_ADDR, 4, 0);
	*(uint32_t *)(DATA_ADDR + 0x0) = TCP_RECV_QUEUE_;
	sys6(__NR_setsockopt, r0, SOL_TCP_, TCP_REPAIR_QUEUE_, DATA_ADDR, 4, 0);
	*(uint32_t *)(DATA_ADDR + 0x0) = QUEUE_SEQ;
	sys6(__NR_setsockopt, r0, SOL_TCP_, TCP_QUEUE_SEQ_, DATA_ADDR, 4, 0);
	/* PROT_READ, MAP_SHARED|MAP_FIXED */
	sys6(__NR_mmap, SOCK_MAP_ADDR, SOCK_MAP_SIZE, 0x1, 0x11, r0, 0);
	memset((void *)(DATA_ADDR + 0x100), 0, 0x40);
	*(uint64_t *)(DATA_ADDR + 0x100) = SOCK_MAP_ADDR;	/* address */
	*(uint32_t *)(DATA_ADDR + 0x108) = SOCK_MAP_SIZE;	/* length */
	*(uint32_t *)(DATA_ADDR + 0x140) = 0x40;		/* optlen */
	sys6(__NR_getsockopt, r0, SOL_TCP_, TCP_ZEROCOPY_RECEIVE_,
	     DATA_ADDR + 0x100, DATA_ADDR + 0x140, 0);
}

static void kill_and_wait(pid_t pid, int *status)
{
	kill(pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
}

/* syzkaller's repeat loop, bounded in iterations and wall time. */
static int loop(int iters, int seconds)
{
	uint64_t end = now_ms() + (uint64_t)seconds * 1000;
	int i, status;

	for (i = 0; i < iters && now_ms() < end; i++) {
		uint64_t start = now_ms();
		pid_t pid = fork();

		if (pid < 0) {
			perror("zc-syzbot: fork");
			return 4;
		}
		if (pid == 0) {
			execute_one();
			_exit(0);
		}
		for (;;) {
			if (waitpid(pid, &status, WNOHANG) == pid)
				break;
			sleep_ms(1);
			if (now_ms() - start < CHILD_LIMIT_MS)
				continue;
			kill_and_wait(pid, &status);
			break;
		}
	}
	printf("zc-syzbot: %d iterations, kernel survived\n", i);
	return 0;
}

/* Empty receive queue: SIOCINQ must say 0 whatever TCP_QUEUE_SEQ set. */
static int detect(void)
{
	int one = 1, q = TCP_RECV_QUEUE_, seq = QUEUE_SEQ, inq = -1;
	long fd;

	fd = sys6(__NR_socket, 2, 1, 0, 0, 0, 0);
	if (fd < 0) {
		perror("zc-syzbot: socket");
		return 4;
	}
	if (sys6(__NR_setsockopt, fd, SOL_TCP_, TCP_REPAIR_, (long)&one, 4, 0)) {
		fprintf(stderr, "zc-syzbot: cannot test: TCP_REPAIR: %s (needs CAP_NET_ADMIN)\n",
			strerror(errno));
		return 4;
	}
	if (sys6(__NR_setsockopt, fd, SOL_TCP_, TCP_REPAIR_QUEUE_, (long)&q, 4, 0) ||
	    sys6(__NR_setsockopt, fd, SOL_TCP_, TCP_QUEUE_SEQ_, (long)&seq, 4, 0) ||
	    sys6(__NR_ioctl, fd, SIOCINQ_, (long)&inq, 0, 0, 0)) {
		fprintf(stderr, "zc-syzbot: cannot test: %s\n", strerror(errno));
		return 4;
	}
	close(fd);
	if (inq != 0) {
		printf("zc-syzbot: BUG: SIOCINQ=%d on an empty receive queue after TCP_QUEUE_SEQ: this kernel lacks %s; getsockopt(TCP_ZEROCOPY_RECEIVE) would dereference a NULL skb\n",
		       inq, FIX_COMMIT);
		return 1;
	}
	printf("zc-syzbot: OK: SIOCINQ=0 on an empty receive queue (kernel has %s)\n",
	       FIX_COMMIT);
	return 0;
}

static int usage(const char *msg)
{
	fprintf(stderr, "zc-syzbot: %s (try -h)\n", msg);
	return 2;
}

static int parse_pos(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s ? s : "", &end, 10);
	if (errno || !s || end == s || *end || v <= 0 || v > 1000000)
		return -1;
	*out = (int)v;
	return 0;
}

int main(int argc, char **argv)
{
	int crash = 0, iters = 20, seconds = 20, i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--detect")) {
			crash = 0;
		} else if (!strcmp(argv[i], "--crash")) {
			crash = 1;
		} else if (!strcmp(argv[i], "--iters")) {
			if (parse_pos(argv[++i], &iters))
				return usage("--iters needs a positive number");
		} else if (!strcmp(argv[i], "--time")) {
			if (parse_pos(argv[++i], &seconds))
				return usage("--time needs a positive number of seconds");
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: zc-syzbot [--detect | --crash [--iters N] [--time S]]\n");
			return 0;
		} else {
			return usage("unknown argument");
		}
	}
	if (!crash)
		return detect();

	setvbuf(stdout, NULL, _IONBF, 0);
	/* syzkaller maps its data area at fixed addresses first. */
	sys6(__NR_mmap, DATA_ADDR - 0x1000, 0x1000, 0, 0x32, -1, 0);
	if (sys6(__NR_mmap, DATA_ADDR, DATA_SIZE, 7, 0x32, -1, 0) != (long)DATA_ADDR) {
		perror("zc-syzbot: mmap data area");
		return 4;
	}
	sys6(__NR_mmap, DATA_ADDR + DATA_SIZE, 0x1000, 0, 0x32, -1, 0);
	printf("zc-syzbot: running the call sequence (up to %d iterations, %d s)\n",
	       iters, seconds);
	return loop(iters, seconds);
}
