// SPDX-License-Identifier: GPL-2.0
/*
 * zcg_report_parse(): finds the first kernel crash in a console log,
 * decides where its report ends and which function is to blame.
 *
 * The log is walked line by line (lines.c takes the printk prefixes
 * off). When the log has timestamps, lines without one are user output
 * and are ignored; when the crash line carries a caller id ("[ T32]"),
 * lines of other callers (other CPUs, other tasks) are ignored as well.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "report/frames.h"
#include "report/header.h"
#include "report/lines.h"
#include "report/report.h"

/* Bounds for garbage input: a report is never longer than this. */
#define MAX_REPORT_LINES 4000
#define MAX_FRAMES 64

/* Candidate guilty frames, in the order the kernel printed them. */
struct frames {
	int n;
	char name[MAX_FRAMES][ZCG_FUNC_MAX];
};

static void add_frame(struct frames *f, const char *name)
{
	if (f->n < MAX_FRAMES)
		strcpy(f->name[f->n++], name);
}

/* Everything learnt while walking the report. */
struct walk {
	struct zcg_header hdr;
	char access[8];		/* KASAN: "Read" / "Write" */
	struct frames at;	/* lockdep "..., at: FUNC" */
	struct frames rip;	/* "RIP: 0010:FUNC" */
	struct frames trace;	/* Call Trace frames */
	struct frames anch;	/* frames after the rule's anchor line */
	struct frames after_rip;/* frames after the first RIP line */
	int anchored;		/* the anchor line was seen */
	int stack_closed;	/* past the stack we care about */
	int in_trace;		/* inside a Call Trace block */
	int trace_done;		/* a Call Trace block has ended */
	int frames_seen;
};

static int is_sep(const char *t)
{
	size_t n = strspn(t, "=");

	return n >= 20 && t[n] == '\0';
}

/* Register dump lines: "RAX: ...", "R10: ...", "FS:  ...", "CR2: ..." */
static int is_register(const char *t)
{
	static const char *const regs[] = {
		"RSP:", "RAX:", "RBX:", "RCX:", "RDX:", "RSI:", "RDI:", "RBP:",
		"R08:", "R09:", "R10:", "R11:", "R12:", "R13:", "R14:", "R15:",
		"FS:", "GS:", "CS:", "DS:", "ES:", "CR0:", "CR2:", "CR3:",
		"CR4:", "DR0:", "DR1:", "DR2:", "DR3:", "DR6:", "DR7:", "PKRU:",
		"EAX:", "EBX:", "ECX:", "EDX:", "ESI:", "EDI:", "EBP:", "ESP:",
		"EFLAGS:", NULL,
	};

	return zcg_starts_any(t, regs);
}

static const char *const terminal[] = {
	"Kernel Offset:", "---[ end Kernel panic", "Rebooting in ", NULL,
};

/* Lines that may follow "---[ end trace ]---" in the same oops. */
static const char *const tail[] = {
	"RIP:", "Code:", "EIP:", "note: ", "Disabling lock debugging",
	"---[ end trace", "Fixing recursive fault", "Dumping ftrace",
	NULL,
};

/* Lines that continue a report after its (first) Call Trace. */
static const char *const more[] = {
	"Modules linked in", "Call Trace", "Call trace", "CPU:",
	"Hardware name", "Workqueue:", "Code:", "RIP:", "task:",
	"Showing all locks", "Showing busy", "NMI backtrace",
	"Sending NMI", "INFO: lockdep", "lock held", "locks held",
	"other info", "stack backtrace", "irq event stamp", "hardirqs last",
	"softirqs last", "Preemption disabled at", "Disabling lock",
	"Not tainted", "Tainted:", "note:", "=====", "-----", "---[",
	"Allocated by", "Freed by", "Last potentially", "The buggy address",
	"Memory state", "Kernel panic", "<TASK>", "</TASK>", "<IRQ>",
	"</IRQ>", "<NMI>", "</NMI>", "<SOFTIRQ>", "</SOFTIRQ>", "Mem-Info",
	"rcu: ", "\"echo 0", "Dumping ftrace", "Object ", "Redzone ",
	"Padding ", "Read of size", "Write of size", "RIP", "Stack:",
	NULL,
};

/*
 * "ACPI: PM: ...", "random: crng init done": a column-0 "word: " line
 * is some other subsystem talking, unless it is a report's own line.
 */
static int other_subsystem(const char *raw)
{
	static const char word[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";
	size_t n = strspn(raw, word);

	return n && raw[n] == ':' && raw[n + 1] == ' ' &&
	       !is_register(raw) && !zcg_starts_any(raw, more);
}

static int continues(const char *raw)
{
	const char *t = zcg_skip_blanks(raw);

	if (t != raw || !*t || is_register(t) || zcg_starts_any(t, more))
		return 1;
	/* "1 lock held by khungtaskd/25:" */
	if (*t >= '0' && *t <= '9' && strstr(t, " held by "))
		return 1;
	return 0;
}

/* Where the faulting instruction is printed, per architecture/age. */
static const char *rip_line(const char *t)
{
	static const char *const pfx[] = {
		"RIP: ", "EIP: ", "IP: ", "pc : ", "PC is at ", "NIP: ", NULL,
	};
	int i;

	for (i = 0; pfx[i]; i++)
		if (zcg_starts(t, pfx[i]))
			return t + strlen(pfx[i]);
	return NULL;
}

/* Collects frames and facts from one line of the report. */
static void learn(struct walk *w, const char *raw)
{
	const char *t, *p;
	char name[ZCG_FUNC_MAX];
	int unreliable;

	/* kmemleak prefixes each line of its report */
	if (zcg_starts(raw, "kmemleak: "))
		raw += 10;
	t = zcg_skip_blanks(raw);

	if (!w->anchored && zcg_kind_anchor(w->hdr.rule) &&
	    !regexec(zcg_kind_anchor(w->hdr.rule), t, 0, NULL, 0)) {
		w->anchored = 1;
		return;
	}
	if (!w->access[0] && (w->hdr.rule->flags & ZR_ACCESS)) {
		if (zcg_starts(t, "Read of size") || zcg_starts(t, "Read at"))
			strcpy(w->access, "Read");
		else if (zcg_starts(t, "Write of size") ||
			 zcg_starts(t, "Write at"))
			strcpy(w->access, "Write");
	}
	/* A KASAN/hung-task report goes on with other, unrelated stacks. */
	if (zcg_starts(t, "Allocated by task") ||
	    zcg_starts(t, "Freed by task") ||
	    zcg_starts(t, "The buggy address") ||
	    zcg_starts(t, "Showing all locks") ||
	    (w->hdr.kind == ZK_HUNG && zcg_starts(t, "NMI backtrace")))
		w->stack_closed = 1;
	if (w->stack_closed)
		return;

	/*
	 * Lockdep names the lock site: "..., at: FUNC+0x1/0x2", or "at:"
	 * then "[<ffffffff81234567>] FUNC+0x1/0x2" on a line of its own.
	 */
	/* 4.x: "..., at: [<ffffffff81234567>] FUNC+0x1/0x2" on one line */
	p = strstr(t, ", at: ");
	if (p && zcg_frame_line(p + 6, name, sizeof(name), &unreliable))
		add_frame(&w->at, name);
	else if (zcg_starts(t, "at: ") &&
		 zcg_frame_line(t + 4, name, sizeof(name), &unreliable))
		add_frame(&w->at, name);
	else if (t == raw && zcg_starts(t, "[<") &&
		 zcg_frame_line(t, name, sizeof(name), &unreliable))
		add_frame(&w->at, name);

	p = rip_line(t);
	if (p) {
		/* Only kernel mode: CS 0010 (user is 0033 or 0023). */
		if (zcg_starts(p, "0010:"))
			p += 5;
		else if (p[0] >= '0' && p[0] <= '9' && p[4] == ':')
			return;
		if (zcg_frame_line(p, name, sizeof(name), &unreliable))
			add_frame(&w->rip, name);
		return;
	}

	/* Frames are indented; column-0 text is never one. */
	if (t != raw && zcg_frame_line(t, name, sizeof(name), &unreliable)) {
		w->frames_seen = 1;
		if (!unreliable) {
			add_frame(&w->trace, name);
			if (w->rip.n)
				add_frame(&w->after_rip, name);
			if (w->anchored)
				add_frame(&w->anch, name);
		}
	}
}

/*
 * Follows Call Trace blocks: a report without an end marker (lockdep,
 * hung task, scheduling while atomic) ends after its stack.
 */
static void track_trace(struct walk *w, const char *raw)
{
	const char *t;
	char name[ZCG_FUNC_MAX];
	int unreliable;

	if (zcg_starts(raw, "kmemleak: "))
		raw += 10;
	t = zcg_skip_blanks(raw);
	if (zcg_starts(t, "Call Trace") || zcg_starts(t, "Call trace") ||
	    zcg_starts(t, "backtrace")) {
		w->in_trace = 1;
		return;
	}
	if (!w->in_trace)
		return;
	if (!strcmp(t, "</TASK>")) {
		w->in_trace = 0;
		w->trace_done = 1;
		return;
	}
	if ((t != raw && zcg_frame_line(t, name, sizeof(name), &unreliable)) ||
	    *t == '<' || is_register(t) || rip_line(t) ||
	    zcg_starts(t, "Code:"))
		return;
	w->in_trace = 0;
	w->trace_done = 1;
}

/* The first frame of f (from index from) that the kind may blame. */
static const char *first_ok(const struct frames *f, int from, int max,
			    const regex_t *skip)
{
	int i;

	for (i = from; i < f->n && i < from + max; i++)
		if (!zcg_frame_skipped(f->name[i], skip))
			return zcg_frame_strip(f->name[i]);
	return NULL;
}

/*
 * Where a stall or lockup is found is a random point of a loop; what
 * identifies it is the frame that dispatched the work: the one before
 * the first syscall entry, work item, softirq, timer or kthread frame
 * (a few entry points that tell protocols or devices apart stand in).
 */
static const char *const dispatch[] = {
	"process_one_work", "do_syscall_", "do_fast_syscall_",
	"sysenter_dispatch", "tracesys_phase2", "el0_svc_handler",
	"invoke_syscall", "ret_fast_syscall", "netif_receive_skb",
	"do_softirq", "call_timer_fn", "_run_timers", "run_timer_softirq",
	"hrtimer_run", "run_ksoftirqd", "smpboot_thread_fn", "^kthread$",
	"start_secondary", "cpu_startup_entry", "ret_from_fork", "vfs_write",
	"vfs_read", "vfs_iter_read", "vfs_iter_write", "do_iter_read",
	"do_iter_write", "call_read_iter", "call_write_iter",
	"new_sync_read", "new_sync_write", "vfs_ioctl", "ksys_ioctl",
	"compat_ioctl", "compat_sys_ioctl", "blkdev_driver_ioctl",
	"blkdev_ioctl", "do_iter_readv_writev", "^call_mmap", "mmap_region",
	"do_mmap", "do_dentry_open", "vfs_open", "^sock_sendmsg",
	"^sock_recvmsg", "^sock_release", "^__sock_release", "^setsockopt$",
	"kernel_setsockopt", "sock_common_setsockopt", "^listen$",
	"kernel_listen", "sk_common_release", "^sock_mmap", "^accept$",
	"kernel_accept", "^sock_do_ioctl", "^sock_ioctl",
	"^compat_sock_ioctl", "^nfnetlink_rcv_msg", "^rtnetlink_rcv_msg",
	"^netlink_dump", "^(sys_)?(socketpair|connect|ioctl)", "__do_fault",
	"do_page_fault", "^page_fault$", "__fput", "task_work_run",
	"exit_to_usermode", "smp_call_function", "tasklet_action",
	"tasklet_hi_action", NULL,
};

static int is_dispatch(const char *name)
{
	static regex_t re[sizeof(dispatch) / sizeof(dispatch[0])];
	static int ready;
	int i;

	if (!ready) {
		for (i = 0; dispatch[i]; i++)
			if (regcomp(&re[i], dispatch[i], REG_EXTENDED | REG_NOSUB))
				regcomp(&re[i], "$^", REG_EXTENDED | REG_NOSUB);
		ready = 1;
	}
	for (i = 0; dispatch[i]; i++)
		if (!regexec(&re[i], name, 0, NULL, 0))
			return 1;
	return 0;
}

static const char *stall_frame(const struct walk *w, const regex_t *skip)
{
	const char *list[2 * MAX_FRAMES];
	const struct frames *f = &w->trace;
	const char *prev = NULL;
	int n = 0, i, from = 0;

	/* the interrupted context: its RIP and the stack below it */
	if (w->rip.n) {
		if (!zcg_frame_skipped(w->rip.name[0], skip))
			list[n++] = zcg_frame_strip(w->rip.name[0]);
		f = &w->after_rip;
	} else {
		for (i = 0; i < f->n; i++)
			if (strstr(f->name[i], "apic_timer_interrupt"))
				from = i + 1;
	}
	for (i = from; i < f->n; i++)
		if (!zcg_frame_skipped(f->name[i], skip))
			list[n++] = zcg_frame_strip(f->name[i]);
	for (i = 0; i < n; i++) {
		if (is_dispatch(list[i])) {
			if (strstr(list[i], "smp_call_function"))
				return "smp_call_function";
			return prev ? prev : list[i];
		}
		prev = list[i];
	}
	return NULL;
}

/*
 * A hang shows in whatever task waits: hangs under rtnl_lock() or in an
 * RCU grace period are one bug each, the others blame the first frame
 * that is not a wait, lock or scheduler function.
 */
static const char *hung_frame(const struct frames *f)
{
	static const char *const waits[] = {
		"sched", "_lock", "_slowlock", "down", "rwsem", "completion",
		"kthread", "wait", "synchronize", "context_switch",
		"__switch_to", "cancel_delayed_work", "rcu_barrier", NULL,
	};
	const char *name;
	int i, j;

	for (i = 0; i < f->n; i++) {
		name = f->name[i];
		if (zcg_frame_skipped(name, NULL))
			continue;
		if (strstr(name, "rtnl_lock"))
			return zcg_frame_strip(name);
		if (strstr(name, "synchronize_rcu") ||
		    strstr(name, "synchronize_srcu") ||
		    strstr(name, "synchronize_net") ||
		    strstr(name, "synchronize_sched"))
			return "synchronize_rcu";
	}
	for (i = 0; i < f->n; i++) {
		name = f->name[i];
		if (zcg_frame_skipped(name, NULL))
			continue;
		for (j = 0; waits[j] && !strstr(name, waits[j]); j++)
			;
		if (!waits[j])
			return zcg_frame_strip(name);
	}
	return NULL;
}

static const char *pick_guilty(const struct walk *w)
{
	const struct zcg_kind_rule *r = w->hdr.rule;
	const regex_t *skip = zcg_kind_skip(r);
	const char *g = NULL;

	switch (r->from) {
	case ZF_NONE:
		return "";
	case ZF_HEADER:
		return w->hdr.func;
	case ZF_HEADER_TRACE:
		if (w->hdr.func[0] && !zcg_frame_skipped(w->hdr.func, skip))
			return zcg_frame_strip(w->hdr.func);
		g = first_ok(&w->trace, 0, MAX_FRAMES, skip);
		break;
	case ZF_RIP:
		g = first_ok(&w->rip, 0, 1, skip);
		if (!g)
			g = first_ok(&w->trace, 0, MAX_FRAMES, skip);
		break;
	case ZF_TRACE:
		g = first_ok(&w->trace, 0, MAX_FRAMES, skip);
		break;
	case ZF_AT:
		g = first_ok(&w->at, 0, 2, skip);
		if (!g)
			g = first_ok(&w->trace, 0, MAX_FRAMES, skip);
		break;
	case ZF_ANCHOR:
		g = first_ok(&w->anch, 0, MAX_FRAMES, skip);
		break;
	case ZF_STALL:
		g = stall_frame(w, skip);
		break;
	case ZF_HUNG:
		g = hung_frame(&w->trace);
		break;
	}
	return g ? g : "";
}

/*
 * Finds the first crash line. Returns its offset or (size_t)-1; sets
 * *has_ts when the log has printk timestamps (then only timestamped
 * lines may start a crash: user output saying "WARNING:" is not one).
 */
static size_t find_start(const char *log, size_t len, struct zcg_line *ln,
			 int *has_ts)
{
	struct zcg_header h;
	size_t pos = 0, plain = (size_t)-1;

	*has_ts = 0;
	while (!zcg_line_read(log, len, pos, ln)) {
		pos = ln->next;
		if (ln->has_ts)
			*has_ts = 1;
		if (zcg_header_parse(ln->text, &h) == ZK_NONE)
			continue;
		if (ln->has_ts)
			return ln->off;
		if (plain == (size_t)-1)
			plain = ln->off;
	}
	return *has_ts ? (size_t)-1 : plain;
}

/* May the crash line h appear inside a report of kind cur? */
static int part_of(enum zcg_kind cur, const struct zcg_header *h)
{
	/* a panic line or a bare trap never starts a second report */
	if (h->kind == ZK_PANIC || (h->rule->flags & ZR_WEAK))
		return 1;
	/* BUG() is ud2: "kernel BUG at" then "invalid opcode: 0000" */
	if (cur == ZK_BUG_AT && zcg_starts(h->rule->title, "invalid opcode"))
		return 1;
	/* rcu prints one INFO line per flavour/CPU group */
	return cur == ZK_STALL && h->kind == ZK_STALL;
}

enum state { BODY, TAIL, PANIC, TERM };

int zcg_report_parse(const char *log, size_t len, struct zcg_report *rep)
{
	struct zcg_line *ln;
	struct walk *w;
	struct zcg_header h2;
	char ctx[sizeof(ln->ctx)];
	enum state st = BODY;
	size_t start, pos;
	int has_ts, lines = 0, complete, ended = 0;
	const char *t, *g;

	if (!rep || (!log && len))
		return -1;
	memset(rep, 0, sizeof(*rep));
	ln = malloc(sizeof(*ln));
	w = calloc(1, sizeof(*w));
	if (!ln || !w) {
		free(ln);
		free(w);
		return -1;
	}
	start = find_start(log, len, ln, &has_ts);
	if (start == (size_t)-1) {
		free(ln);
		free(w);
		return 0;
	}
	zcg_line_read(log, len, start, ln);
	zcg_header_parse(ln->text, &w->hdr);
	strcpy(ctx, ln->ctx);
	/* Report text starts at the message, after any user output. */
	rep->start = ln->off;
	rep->end = ln->next;
	learn(w, ln->text);
	track_trace(w, ln->text);

	for (pos = ln->next; !zcg_line_read(log, len, pos, ln);
	     pos = ln->next) {
		if (zcg_line_foreign(ln, has_ts, ctx))
			continue;
		if (++lines > MAX_REPORT_LINES)
			break;
		t = zcg_skip_blanks(ln->text);
		track_trace(w, ln->text);
		if (zcg_header_parse(t, &h2) != ZK_NONE &&
		    !part_of(w->hdr.kind, &h2) && st != TERM) {
			/* The next crash: this report is over. */
			ended = 1;
			break;
		}
		if (st == TERM) {
			if (!zcg_starts_any(t, terminal))
				break;
		} else if (zcg_starts_any(t, terminal)) {
			st = TERM;
		} else if (h2.kind == ZK_PANIC) {
			st = PANIC;
		} else if (st == TAIL) {
			if (!is_register(t) && !zcg_starts_any(t, tail) && *t)
				break;
		} else if (st == BODY) {
			if (zcg_starts(t, "---[ end trace") ||
			    (zcg_header_sep_closed(w->hdr.kind) &&
			     is_sep(t))) {
				st = TAIL;
				ended = 1;
			} else if (w->trace_done && !w->in_trace &&
				   !zcg_header_sep_closed(w->hdr.kind) &&
				   !continues(ln->text)) {
				/* Past its stack: the report is over. */
				ended = 1;
				break;
			} else if (w->hdr.nostack &&
				   other_subsystem(ln->text)) {
				ended = 1;
				break;
			}
		}
		if (st != BODY)
			ended = 1;
		learn(w, ln->text);
		/* Trailing blank lines are not part of the report. */
		if (*t)
			rep->end = ln->next;
	}

	g = pick_guilty(w);
	complete = zcg_header_title(&w->hdr, w->access, g, rep->title,
				    sizeof(rep->title));
	snprintf(rep->guilty, sizeof(rep->guilty), "%s", g);
	/*
	 * Truncated: the title lacks its function, or the log stopped in
	 * the middle of a report that never showed a stack.
	 */
	rep->corrupted = !complete || (!ended && !w->frames_seen &&
				       w->hdr.kind != ZK_PANIC &&
				       !w->hdr.nostack);
	free(ln);
	free(w);
	return 1;
}
