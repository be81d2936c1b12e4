// SPDX-License-Identifier: GPL-2.0
/*
 * THE table of oops kinds: "which title for this oops?" is answered
 * here and nowhere else. Rules are tried top to bottom among those whose
 * key is in the line; the first whose header matches wins. A key with
 * no matching rule falls back to its last rule (the line as printed).
 *
 *  key          what finds the line (anywhere in it: "usb 5-1: BUG: ...")
 *  header       POSIX ERE from the key on; %1..%3 are its groups
 *  title        %1..%3, %A = KASAN access (Read/Write), %F = guilty function
 *  from         where %F comes from (enum zcg_func_from in kinds.h);
 *               no surviving frame gives "in corrupted", marked corrupted
 *  skip         frames this kind never blames, on top of generic.c's list
 *  anchor       ZF_ANCHOR: the stack that names %F follows this line
 *  flags        ZR_CORRUPT: header alone means a lost report;
 *               ZR_NOSTACK: the kernel prints no stack for it;
 *               ZR_WEAK: the line follows other reports (a panic, the
 *               trap of a BUG()): seen inside a report it does not end
 *               it (first in a log, it titles the log as usual)
 *
 * The WARNING sub-kinds are told apart by the reporting file in the
 * header ("WARNING: CPU: 0 PID: 1 at lib/refcount.c:25 ..."); a WARNING
 * never takes the header's function, only the RIP line's or the trace's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "report/kinds.h"

#define SRC "[a-zA-Z0-9_/.-]+\\.[a-z]+:[0-9]+"

/* Frames ODEBUG's users share: the bug is in whoever freed the object. */
#define ODEBUG_SKIP "debug_|rcu|hrtimer_|timer_|work_|percpu_|vunmap|vfree|" \
		    "__free_|debug_check|kobject_"

static const struct zcg_kind_rule rules[] = {
/* ---- sanitizers ---------------------------------------------------- */
{ "BUG: KASAN:", "BUG: KASAN: (double-free or invalid-free|double-free|invalid-free) in ",
  ZK_SANITIZER, "KASAN: invalid-free in %F", ZF_HEADER_TRACE,
  "slab_|kfree|vunmap|vfree", NULL, 0 },
{ "BUG: KASAN:", "BUG: KASAN: ([a-z-]+) on address",
  ZK_SANITIZER, "KASAN: %1 %A", ZF_NONE, NULL, NULL, ZR_ACCESS },
{ "BUG: KASAN:", "BUG: KASAN: ([a-z-]+) in ",
  ZK_SANITIZER, "KASAN: %1 %A in %F", ZF_HEADER_TRACE, NULL, NULL, ZR_ACCESS },
{ "BUG: KASAN:", "BUG: KASAN: (.*)",
  ZK_SANITIZER, "KASAN: %1", ZF_NONE, NULL, NULL, ZR_CORRUPT },
{ "BUG: KMSAN:", "BUG: KMSAN: ([a-z-]+) in ",
  ZK_SANITIZER, "KMSAN: %1 in %F", ZF_TRACE,
  "alloc_skb|netlink_ack|netlink_rcv_skb|usb_submit_urb|usb_start_wait_urb|"
  "usb_bulk_msg|usb_interrupt_msg|usb_control_msg|_encrypt$|"
  "^(crypto|cipher|drbg|rng)_", NULL, 0 },
{ "BUG: KCSAN:", "BUG: KCSAN: (.*)",
  ZK_SANITIZER, "KCSAN: %1", ZF_NONE, NULL, NULL, 0 },
{ "BUG: KFENCE:", "BUG: KFENCE: (use-after-free|out-of-bounds) (read|write) in ",
  ZK_SANITIZER, "KFENCE: %1 %2 in %F", ZF_HEADER_TRACE, NULL, NULL, 0 },
{ "BUG: KFENCE:", "BUG: KFENCE: invalid free in ",
  ZK_SANITIZER, "KFENCE: invalid free in %F", ZF_HEADER_TRACE, NULL, NULL, 0 },
{ "BUG: KFENCE:", "BUG: KFENCE: invalid (read|write) in ",
  ZK_SANITIZER, "KFENCE: invalid %1 in %F", ZF_HEADER_TRACE, NULL, NULL, 0 },
{ "BUG: KFENCE:", "BUG: KFENCE: memory corruption in ",
  ZK_SANITIZER, "KFENCE: memory corruption in %F", ZF_HEADER_TRACE, NULL, NULL, 0 },
{ "UBSAN:", "UBSAN: Undefined behaviour in",
  ZK_SANITIZER, "UBSAN: undefined-behaviour in %F", ZF_TRACE,
  "ubsan|overflow", NULL, 0 },
{ "UBSAN:", "UBSAN: ([a-z-]+) in",
  ZK_SANITIZER, "UBSAN: %1 in %F", ZF_TRACE, "ubsan|overflow", NULL, 0 },

/* ---- faults and die() ---------------------------------------------- */
{ "BUG:", "BUG: (unable to handle kernel paging request|unable to handle page fault for address|Unable to handle kernel data access)",
  ZK_FAULT, "BUG: unable to handle kernel paging request in %F", ZF_RIP, NULL, NULL, 0 },
{ "BUG:", "BUG: (unable to handle kernel NULL pointer dereference|kernel NULL pointer dereference|Kernel NULL pointer dereference)",
  ZK_FAULT, "BUG: unable to handle kernel NULL pointer dereference in %F", ZF_RIP, NULL, NULL, 0 },
/* printed by two printk()s: the second half may be lost */
{ "BUG:", "BUG: (unable to handle kernel|Unable to handle kernel)",
  ZK_FAULT, "BUG: unable to handle kernel", ZF_NONE, NULL, NULL, ZR_CORRUPT },
{ "Unable to handle kernel", "Unable to handle kernel (paging request|NULL pointer dereference|access to user memory)",
  ZK_FAULT, "BUG: unable to handle kernel %1 in %F", ZF_RIP, NULL, NULL, 0 },
{ "general protection fault", "general protection fault.*:",
  ZK_OOPS, "general protection fault in %F", ZF_RIP, NULL, NULL, 0 },
{ "stack segment: ", "stack segment: ",
  ZK_OOPS, "stack segment fault in %F", ZF_RIP, NULL, NULL, 0 },
{ "divide error:", "divide error: ",
  ZK_OOPS, "divide error in %F", ZF_RIP, NULL, NULL, 0 },
{ "divide_error:", "divide_error: ",
  ZK_OOPS, "divide error in %F", ZF_RIP, NULL, NULL, 0 },
{ "invalid opcode:", "invalid opcode: ",
  ZK_OOPS, "invalid opcode in %F", ZF_RIP, NULL, NULL, ZR_WEAK },
{ "int3:", "int3: ",
  ZK_OOPS, "int3 in %F", ZF_RIP, NULL, NULL, 0 },
{ "PANIC: double fault", "PANIC: double fault",
  ZK_OOPS, "PANIC: double fault in %F", ZF_RIP, NULL, NULL, ZR_WEAK },
{ "Internal error:", "Internal error:",
  ZK_OOPS, "Internal error in %F", ZF_RIP, NULL, NULL, ZR_WEAK },
{ "Unhandled fault:", "Unhandled fault:",
  ZK_OOPS, "Unhandled fault in %F", ZF_RIP, NULL, NULL, 0 },
{ "Alignment trap:", "Alignment trap:",
  ZK_OOPS, "Alignment trap in %F", ZF_RIP, NULL, NULL, 0 },
{ "kernel BUG", "kernel BUG at mm/usercopy\\.c",
  ZK_BUG_AT, "BUG: bad usercopy in %F", ZF_RIP, "usercopy|__check", NULL, 0 },
{ "kernel BUG", "kernel BUG at lib/list_debug\\.c",
  ZK_BUG_AT, "BUG: corrupted list in %F", ZF_RIP, NULL, NULL, 0 },
{ "kernel BUG", "kernel BUG at ",
  ZK_BUG_AT, "kernel BUG in %F", ZF_RIP, "^skb_", NULL, 0 },
{ "Kernel BUG", "Kernel BUG (.*)",
  ZK_BUG_AT, "kernel BUG %1", ZF_NONE, NULL, NULL, 0 },
{ "BUG kmalloc-", "BUG kmalloc-.*: Object already free",
  ZK_OTHER, "BUG: Object already free", ZF_NONE, NULL, NULL, 0 },

/* ---- BUG: ---------------------------------------------------------- */
{ "BUG:", "BUG: (spinlock|rwlock) (lockup suspected|already unlocked|recursion|cpu recursion|bad magic|wrong owner|wrong CPU|trylock failure on UP)",
  ZK_LOCKDEP, "BUG: %1 %2 in %F", ZF_TRACE, "spin_|_lock|_unlock", NULL, 0 },
{ "BUG:", "BUG: soft lockup",
  ZK_STALL, "BUG: soft lockup in %F", ZF_STALL, NULL, NULL, 0 },
{ "BUG:", "BUG: .*still has locks held!",
  ZK_LOCKDEP, "BUG: still has locks held in %F", ZF_AT, NULL, NULL, 0 },
{ "BUG:", "BUG: scheduling while atomic",
  ZK_LOCKDEP, "BUG: scheduling while atomic in %F", ZF_TRACE, "schedule", NULL, 0 },
{ "BUG:", "BUG: lock held when returning to user space",
  ZK_LOCKDEP, "BUG: lock held when returning to user space in %F", ZF_AT, NULL, NULL, ZR_NOSTACK },
{ "BUG:", "BUG: bad unlock balance detected!",
  ZK_LOCKDEP, "BUG: bad unlock balance in %F", ZF_AT, NULL, NULL, 0 },
{ "BUG:", "BUG: held lock freed!",
  ZK_LOCKDEP, "BUG: held lock freed in %F", ZF_AT, NULL, NULL, 0 },
{ "BUG:", "BUG: Bad rss-counter state",
  ZK_OTHER, "BUG: Bad rss-counter state", ZF_NONE, NULL, NULL, ZR_NOSTACK },
{ "BUG:", "BUG: non-zero nr_ptes on freeing mm",
  ZK_OTHER, "BUG: non-zero nr_ptes on freeing mm", ZF_NONE, NULL, NULL, ZR_NOSTACK },
{ "BUG:", "BUG: non-zero nr_pmds on freeing mm",
  ZK_OTHER, "BUG: non-zero nr_pmds on freeing mm", ZF_NONE, NULL, NULL, ZR_NOSTACK },
{ "BUG:", "BUG: Dentry .* still in use \\([0-9]+\\) \\[(unmount) of ",
  ZK_OTHER, "BUG: Dentry still in use in %1", ZF_NONE, NULL, NULL, 0 },
{ "BUG:", "BUG: Bad page (state|cache)",
  ZK_OTHER, "BUG: Bad page %1 in %F", ZF_ANCHOR,
  "(free|put|get|update|release)_page|free_unref|^_*folio|truncate_inode_pages|"
  "page_frag_free|alloc|vmap|page_owner", "page last allocated", 0 },
{ "BUG:", "BUG: Bad page map",
  ZK_OTHER, "BUG: Bad page map", ZF_NONE, NULL, NULL, 0 },
{ "BUG:", "BUG: workqueue lockup",
  ZK_OTHER, "BUG: workqueue lockup", ZF_NONE, NULL, NULL, ZR_NOSTACK },
{ "BUG:", "BUG: sleeping function called from invalid context at ",
  ZK_LOCKDEP, "BUG: sleeping function called from invalid context in %F", ZF_TRACE, NULL, NULL, 0 },
{ "BUG:", "BUG: using ([a-z_]+)\\(\\) in preemptible",
  ZK_LOCKDEP, "BUG: using %1() in preemptible code in %F", ZF_TRACE,
  "dump_stack|preemption|preempt|debug_|processor_id|this_cpu", NULL, 0 },
{ "BUG:", "BUG: workqueue leaked lock or atomic",
  ZK_OTHER, "BUG: workqueue leaked lock or atomic in %F", ZF_ANCHOR, NULL,
  "last function: ", ZR_NOSTACK },
{ "BUG:", "BUG: memory leak",
  ZK_MEMLEAK, "memory leak in %F", ZF_ANCHOR,
  "kmemleak|mmap|kmem|slab|alloc|create_object|idr_get|list_lru_init|"
  "kasprintf|kvasprintf|pcpu_create|strdup|strndup|memdup", "backtrace", 0 },
{ "BUG:", "BUG: .*stack guard page was hit at",
  ZK_OOPS, "BUG: stack guard page was hit in %F", ZF_STALL, NULL, NULL, 0 },
{ "BUG:", "BUG: Invalid wait context",
  ZK_LOCKDEP, "WARNING: locking bug in %F", ZF_TRACE, "lock_sock|release_sock", NULL, 0 },
/* kmemleak.verbose=1 prints the leak itself, without syzkaller's line */
{ "kmemleak: unreferenced object", "kmemleak: unreferenced object",
  ZK_MEMLEAK, "memory leak in %F", ZF_ANCHOR,
  "kmemleak|mmap|kmem|slab|alloc|create_object|idr_get|list_lru_init|"
  "kasprintf|kvasprintf|pcpu_create|strdup|strndup|memdup", "backtrace", 0 },
{ "BUG:", "BUG:[[:space:]]*$",
  ZK_OTHER, "BUG: corrupted", ZF_NONE, NULL, NULL, ZR_CORRUPT },
{ "BUG:", "(BUG:.*)",
  ZK_OTHER, "%1", ZF_NONE, NULL, NULL, 0 },

/* ---- WARNING: by reporting file, then the generic forms ------------ */
{ "WARNING:", "WARNING: .*lib/debugobjects\\.c.* (debug_print|debug_check|at)",
  ZK_WARNING, "WARNING: ODEBUG bug in %F", ZF_RIP, ODEBUG_SKIP, NULL, 0 },
{ "WARNING:", "WARNING: .*mm/usercopy\\.c.* (usercopy_warn|at)",
  ZK_WARNING, "WARNING: bad usercopy in %F", ZF_RIP, "usercopy|__check", NULL, 0 },
{ "WARNING:", "WARNING: .*lib/kobject\\.c.* (kobject_|at)",
  ZK_WARNING, "WARNING: kobject bug in %F", ZF_RIP, "kobject_", NULL, 0 },
{ "WARNING:", "WARNING: .*fs/proc/generic\\.c.* (proc_register|at)",
  ZK_WARNING, "WARNING: proc registration bug in %F", ZF_RIP, "proc_", NULL, 0 },
{ "WARNING:", "WARNING: .*lib/refcount\\.c.* (refcount_|at)",
  ZK_WARNING, "WARNING: refcount bug in %F", ZF_RIP, "refcount|kobject_", NULL, 0 },
{ "WARNING:", "WARNING: .*kernel/locking/lockdep\\.c.*lock_",
  ZK_WARNING, "WARNING: locking bug in %F", ZF_RIP, "lock_sock|release_sock", NULL, 0 },
{ "WARNING:", "WARNING: .*still has locks held!",
  ZK_LOCKDEP, "WARNING: still has locks held in %F", ZF_AT, NULL, NULL, 0 },
{ "WARNING:", "WARNING: Nested lock was not taken",
  ZK_LOCKDEP, "WARNING: nested lock was not taken in %F", ZF_RIP, NULL, NULL, 0 },
{ "WARNING:", "WARNING: lock held when returning to user space",
  ZK_LOCKDEP, "WARNING: lock held when returning to user space in %F", ZF_AT, NULL, NULL, ZR_NOSTACK },
{ "WARNING:", "WARNING: .*mm/.*\\.c.* k?.?malloc",
  ZK_WARNING, "WARNING: kmalloc bug in %F", ZF_RIP, "kmalloc|krealloc|slab|kmem", NULL, 0 },
{ "WARNING:", "WARNING: .*mm/vmalloc\\.c.*__vmalloc_node",
  ZK_WARNING, "WARNING: zero-size vmalloc in %F", ZF_RIP, NULL, NULL, 0 },
{ "WARNING:", "WARNING: possible circular locking dependency detected",
  ZK_LOCKDEP, "possible deadlock in %F", ZF_AT,
  "process_one_work|flush_workqueue|drain_workqueue|destroy_workqueue", NULL, 0 },
{ "WARNING:", "WARNING: possible irq lock inversion dependency detected",
  ZK_LOCKDEP, "possible deadlock in %F", ZF_AT, NULL, NULL, 0 },
{ "WARNING:", "WARNING: .*-safe -> .*-unsafe lock order detected",
  ZK_LOCKDEP, "possible deadlock in %F", ZF_ANCHOR, NULL, "which became .* at:", 0 },
{ "WARNING:", "WARNING: possible recursive locking detected",
  ZK_LOCKDEP, "possible deadlock in %F", ZF_AT, NULL, NULL, 0 },
{ "WARNING:", "WARNING: inconsistent lock state",
  ZK_LOCKDEP, "inconsistent lock state in %F", ZF_TRACE, NULL, NULL, 0 },
{ "WARNING:", "WARNING: suspicious RCU usage",
  ZK_LOCKDEP, "WARNING: suspicious RCU usage in %F", ZF_TRACE, "rcu|kmem|slab", NULL, 0 },
{ "WARNING:", "WARNING: kernel stack regs at [0-9a-f]+ in [^ ]* has bad '([^']+)' value",
  ZK_OTHER, "WARNING: kernel stack regs has bad '%1' value", ZF_NONE, NULL, NULL, ZR_NOSTACK },
{ "WARNING:", "WARNING: kernel stack frame pointer at [0-9a-f]+ in [^ ]* has bad value",
  ZK_OTHER, "WARNING: kernel stack frame pointer has bad value", ZF_NONE, NULL, NULL, ZR_NOSTACK },
{ "WARNING:", "WARNING: bad unlock balance detected!",
  ZK_LOCKDEP, "WARNING: bad unlock balance in %F", ZF_AT, NULL, NULL, 0 },
{ "WARNING:", "WARNING: held lock freed!",
  ZK_LOCKDEP, "WARNING: held lock freed in %F", ZF_AT, NULL, NULL, 0 },
{ "WARNING:", "WARNING: .* usb_submit_urb",
  ZK_WARNING, "WARNING in %F/usb_submit_urb", ZF_RIP,
  "usb_submit_urb|usb_start_wait_urb|usb_bulk_msg|usb_interrupt_msg|usb_control_msg", NULL, 0 },
/* __warn(): 6.16+ "FILE:LINE at FUNC, CPU#0: comm/1", older "CPU: 0 PID: 1 at FILE:LINE FUNC" */
{ "WARNING:", "WARNING: " SRC " at ",
  ZK_WARNING, "WARNING in %F", ZF_RIP, NULL, NULL, 0 },
{ "WARNING:", "WARNING: .* at " SRC " ",
  ZK_WARNING, "WARNING in %F", ZF_RIP, NULL, NULL, 0 },
{ "WARNING:", "WARNING: .* at " SRC "$",
  ZK_WARNING, "WARNING in %F", ZF_RIP, NULL, NULL, 0 },
{ "WARNING:", "WARNING: at " SRC,
  ZK_WARNING, "WARNING in %F", ZF_RIP, NULL, NULL, 0 },
{ "WARNING:", "WARNING:[[:space:]]*$",
  ZK_OTHER, "WARNING: corrupted", ZF_NONE, NULL, NULL, ZR_CORRUPT },
{ "WARNING:", "(WARNING:.*)",
  ZK_OTHER, "%1", ZF_NONE, NULL, NULL, 0 },

/* ---- INFO: (and the old bracketed lockdep banners) ----------------- */
{ "INFO:", "INFO: possible circular locking dependency detected",
  ZK_LOCKDEP, "possible deadlock in %F", ZF_AT, NULL, NULL, 0 },
{ "INFO:", "INFO: possible irq lock inversion dependency detected",
  ZK_LOCKDEP, "possible deadlock in %F", ZF_AT, NULL, NULL, 0 },
{ "INFO:", "INFO: (SOFTIRQ|HARDIRQ)-safe -> (SOFTIRQ|HARDIRQ)-unsafe lock order detected",
  ZK_LOCKDEP, "possible deadlock in %F", ZF_AT, NULL, NULL, 0 },
{ "INFO:", "INFO: possible recursive locking detected",
  ZK_LOCKDEP, "possible deadlock in %F", ZF_AT, NULL, NULL, 0 },
{ "INFO:", "INFO: inconsistent lock state",
  ZK_LOCKDEP, "inconsistent lock state in %F", ZF_AT, NULL, NULL, 0 },
{ "INFO:", "INFO: rcu_(preempt|sched|bh|tasks) (self-)?detected( expedited)? stall",
  ZK_STALL, "INFO: rcu detected stall in %F", ZF_STALL, "apic_timer_interrupt|rcu", NULL, 0 },
{ "INFO:", "INFO: trying to register non-static key",
  ZK_LOCKDEP, "INFO: trying to register non-static key in %F", ZF_TRACE, "stack|lock|IRQ", NULL, 0 },
{ "INFO:", "INFO: suspicious RCU usage",
  ZK_LOCKDEP, "INFO: suspicious RCU usage in %F", ZF_TRACE, "rcu|kmem|slab", NULL, 0 },
{ "INFO:", "INFO: task .* blocked (in I/O wait )?for more than [0-9]+ seconds",
  ZK_HUNG, "INFO: task hung in %F", ZF_HUNG, NULL, NULL, 0 },
{ "INFO:", "INFO: task .* can't die for more than .* seconds",
  ZK_HUNG, "INFO: task can't die in %F", ZF_TRACE, "schedule", NULL, 0 },
{ "INFO:", "INFO: (Freed|Allocated) in ([a-zA-Z0-9_]+)",
  ZK_OTHER, "INFO: %1 in %2", ZF_NONE, NULL, NULL, ZR_CORRUPT },
{ "INFO:", "INFO:[[:space:]]*$",
  ZK_OTHER, "INFO: corrupted", ZF_NONE, NULL, NULL, ZR_CORRUPT },
{ "INFO:", "(INFO:.*)",
  ZK_OTHER, "%1", ZF_NONE, NULL, NULL, 0 },

/* ---- panics: the specific ones, follow-ups (corrupted), the rest --- */
/* 4.x+ name the function; very old kernels print only its address */
{ "Kernel panic", "Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: ",
  ZK_PANIC, "kernel panic: stack is corrupted in %F", ZF_HEADER_TRACE, "stack_chk", NULL, ZR_WEAK },
{ "Kernel panic", "Kernel panic - not syncing: corrupted stack end",
  ZK_PANIC, "kernel panic: corrupted stack end in %F", ZF_STALL, "schedule|retint_kernel", NULL, ZR_WEAK },
{ "Kernel panic", "Kernel panic - not syncing: kernel stack overflow",
  ZK_PANIC, "kernel stack overflow in %F", ZF_STALL, "bad_stack", NULL, ZR_WEAK },
{ "Kernel panic", "Kernel panic - not syncing: Attempted to kill init!",
  ZK_PANIC, "kernel panic: Attempted to kill init!", ZF_NONE, NULL, NULL, ZR_WEAK },
{ "Kernel panic", "Kernel panic - not syncing: Couldn't open N_TTY ldisc",
  ZK_PANIC, "kernel panic: Couldn't open N_TTY ldisc", ZF_NONE, NULL, NULL, ZR_WEAK },
{ "Kernel panic", "Kernel panic - not syncing: (Fatal exception|panic_on_warn set|hung_task: blocked tasks)",
  ZK_PANIC, "kernel panic: %1", ZF_NONE, NULL, NULL, ZR_CORRUPT | ZR_WEAK },
{ "Kernel panic", "Kernel panic - not syncing: (.*)",
  ZK_PANIC, "kernel panic: %1", ZF_NONE, NULL, NULL, ZR_WEAK },

/* ---- messages without a stack -------------------------------------- */
{ "unregister_netdevice: waiting for", "unregister_netdevice: waiting for .* to become free",
  ZK_OTHER, "unregister_netdevice: waiting for DEV to become free", ZF_NONE, NULL, NULL, ZR_NOSTACK | ZR_WEAK },
{ "VFS: Close: file count is 0", "VFS: Close: file count is 0",
  ZK_OTHER, "VFS: Close: file count is zero (use-after-free)", ZF_NONE, NULL, NULL, ZR_NOSTACK },
{ "VFS: Busy inodes after unmount", "VFS: Busy inodes after unmount",
  ZK_OTHER, "VFS: Busy inodes after unmount (use-after-free)", ZF_NONE, NULL, NULL, ZR_NOSTACK },
{ "SYZFAIL:", "SYZFAIL:(.*)",
  ZK_OTHER, "SYZFAIL:%1", ZF_NONE, NULL, NULL, ZR_NOSTACK },
{ "SYZFATAL:", "SYZFATAL:(.*)",
  ZK_OTHER, "SYZFATAL:%1", ZF_NONE, NULL, NULL, ZR_NOSTACK },
};

/*
 * Lines that hold a key and are not crashes: "ODEBUG:" holds "BUG:",
 * user-space segfaults print "general protection fault ... error:N in",
 * daemons and file systems say "WARNING:" about their own business.
 */
static const char *const suppressions[] = {
	"ODEBUG:", "Boot_DEBUG:", "xlog_status:", "DEBUG:",
	"BUG: no syscalls can create resource",
	"general protection fault .* error:[0-9]+ in ",
	"WARNING: /etc/ssh/moduli does not exist",
	"WARNING: workqueue cpumask: online intersect > possible intersect",
	"WARNING: [Tt]he mand mount option",
	"WARNING: Unsupported flag value\\(s\\) of 0x",
	"WARNING: Unprivileged eBPF is enabled with eIBRS",
	"WARNING: fbcon: Driver '.*' missed to adjust virtual screen size",
	"WARNING: See https.* for mitigation options",
	"WARNING: kernel not compiled with CPU_SRSO",
	"EXT4-[Ff][Ss]( \\(.*\\))?:",
	"[Ww]arning: .* uses (deprecated v2 capabilities|wireless extensions)",
	"XFS \\([a-zA-Z0-9_]+\\): WARNING",
	"INFO: lockdep is turned off", "INFO: Stall ended before state dump start",
	"INFO: NMI handler", "INFO: recovery required on readonly filesystem",
	"(handler|interrupt).*took too long",
	"INFO: sys_.* is not present in /proc/kallsyms",
	"INFO: no syscalls can create resource", "rmt_storage:INFO:", "_INFO:",
	"INFO: rcu_[a-z]+ detected stalls? on CPUs/tasks: \\{\\}",
	NULL,
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))

struct compiled {
	regex_t header, skip, anchor;
	int ok;
};

static struct compiled *cre;
static regex_t *sup;
static int nsup;

static int comp(regex_t *re, const char *pat, int anchored)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s%s", anchored ? "^" : "", pat);
	return regcomp(re, buf, REG_EXTENDED) == 0;
}

/* Compiled once, on first use; a pattern that does not compile is a bug. */
static int init(void)
{
	size_t i;

	if (cre)
		return 1;
	cre = calloc(NRULES, sizeof(*cre));
	for (nsup = 0; suppressions[nsup]; nsup++)
		;
	sup = calloc(nsup, sizeof(*sup));
	if (!cre || !sup) {
		free(cre);
		free(sup);
		cre = NULL;
		return 0;
	}
	for (i = 0; i < NRULES; i++) {
		cre[i].ok = comp(&cre[i].header, rules[i].header, 1);
		if (rules[i].skip && !comp(&cre[i].skip, rules[i].skip, 0))
			cre[i].ok = 0;
		if (rules[i].anchor && !comp(&cre[i].anchor, rules[i].anchor, 0))
			cre[i].ok = 0;
		/* a table bug: loud, so every test run shows it */
		if (!cre[i].ok)
			fprintf(stderr, "report: kinds.c: rule '%s' does not "
				"compile\n", rules[i].header);
	}
	for (i = 0; i < (size_t)nsup; i++)
		if (!comp(&sup[i], suppressions[i], 0))
			regcomp(&sup[i], "$^", REG_EXTENDED);
	return 1;
}

static int suppressed(const char *text)
{
	int i;

	for (i = 0; i < nsup; i++)
		if (!regexec(&sup[i], text, 0, NULL, 0))
			return 1;
	return 0;
}

const struct zcg_kind_rule *zcg_kind_match(const char *text,
					   regmatch_t m[ZCG_GROUPS],
					   size_t *at)
{
	const char *best = NULL, *p;
	size_t i, first = NRULES;

	if (!init())
		return NULL;
	/* The key found earliest in the line names the kind. */
	for (i = 0; i < NRULES; i++) {
		p = strstr(text, rules[i].key);
		if (p && (!best || p < best)) {
			best = p;
			first = i;
		}
	}
	if (!best || suppressed(text))
		return NULL;
	for (i = first; i < NRULES; i++) {
		if (!cre[i].ok || strncmp(best, rules[i].key,
					  strlen(rules[i].key)))
			continue;
		if (regexec(&cre[i].header, best, ZCG_GROUPS, m, 0))
			continue;
		*at = best - text;
		return &rules[i];
	}
	return NULL;
}

const regex_t *zcg_kind_skip(const struct zcg_kind_rule *r)
{
	return r && r->skip && init() ? &cre[r - rules].skip : NULL;
}

const regex_t *zcg_kind_anchor(const struct zcg_kind_rule *r)
{
	return r && r->anchor && init() ? &cre[r - rules].anchor : NULL;
}
