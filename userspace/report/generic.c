// SPDX-License-Identifier: GPL-2.0
/*
 * Functions that are never "the guilty frame" of a crash title. A crash
 * inside memcpy() or spin_lock() is a bug of whoever called it, and the
 * frames of KASAN, printk, BUG()/WARN() and panic() are the reporting
 * machinery itself. Entries ending in '*' match by prefix.
 */
#include <string.h>

#include "report/frames.h"

static const char *const common[] = {
	/* reporting machinery */
	"dump_stack*", "__dump_stack", "show_stack", "show_regs*",
	"show_trace_log_lvl", "print_*", "printk*", "_printk*", "vprintk*",
	"panic", "nmi_panic", "check_panic_on_warn", "__schedule_bug",
	"__warn*", "warn_*", "warn_slowpath*",
	"report_bug", "handle_bug", "fixup_bug", "do_error_trap",
	"do_trap", "do_invalid_op", "invalid_op", "exc_*", "asm_exc_*",
	"die", "__die*", "oops_*", "do_general_protection", "die_addr",
	"page_fault_oops", "no_context", "kernelmode_fixup_or_oops",
	"__bad_area_nosemaphore", "bad_area_nosemaphore", "bad_area",
	"do_user_addr_fault", "do_kern_addr_fault", "handle_page_fault",
	"__do_page_fault", "do_page_fault", "page_fault", "asm_exc_page_fault",
	"spurious_kernel_fault", "fixup_exception", "ex_handler_*",
	"kasan_*", "__kasan_*", "____kasan_*", "check_memory_region*",
	"__asan_*", "asan_*", "kmsan_*", "__msan_*", "kcsan_*", "__tsan_*",
	"ubsan_*", "__ubsan_*", "handle_overflow", "handle_null_ptr_deref",
	"handle_object_size_mismatch", "kfence_*", "__kfence_*", "kmemleak_*",
	"__sanitizer_*", "should_fail*", "fail_dump", "lockdep_*",
	"__lockdep_*", "lock_acquire*", "lock_release", "lock_is_held*",
	"__lock_acquire", "__lock_release", "check_*_usage", "mark_lock*",
	"validate_chain", "check_prev_add", "check_prevs_add",
	"check_noncircular", "print_circular_bug", "debug_check_no_locks*",
	"rcu_lockdep_*", "__might_sleep", "__might_resched", "___might_sleep",
	"__might_fault", "might_fault", "__cant_sleep", "bug_handler",
	"__bug", "__BUG", "ret_from_fork*", "x86_*_thunk*", "__x86_*",
	"srso_*", "entry_SYSCALL*", "do_syscall_*",
	/* string and memory helpers */
	"memcpy*", "__memcpy*", "memmove*", "__memmove*", "memset*",
	"__memset*", "memcmp", "__memcmp", "bcmp", "memchr*", "memscan",
	"memdup_user*", "kmemdup*", "strcpy", "strncpy", "strlcpy",
	"strscpy*", "strcat", "strncat", "strlcat", "strcmp", "strncmp",
	"strcasecmp", "strncasecmp", "strchr", "strrchr", "strnchr",
	"strchrnul", "strlen", "strnlen", "strstr", "strnstr", "strsep",
	"strpbrk", "strspn", "strcspn", "strreplace", "strim", "strndup*",
	"strdup*", "kstrdup*", "kstrndup", "__str*", "skip_spaces",
	"sized_strscpy", "bitmap_*", "__bitmap_*", "find_*bit*",
	"_find_*bit*", "__fortify_*", "fortify_*", "__read_once*",
	"__write_once*", "sprintf", "snprintf", "vsnprintf", "scnprintf",
	"vscnprintf", "sscanf", "vsscanf", "kstrto*", "_parse_integer*",
	/* user copies */
	"copy_user_*", "copy_to_user*", "copy_from_user*", "_copy_to_user",
	"_copy_from_user", "__copy_*", "raw_copy_*", "copyin", "copyout",
	"rep_movs_alternative", "copy_mc_*", "__get_user*", "__put_user*",
	"get_user*", "put_user*", "clear_user", "__clear_user",
	"_copy_to_iter", "_copy_from_iter*", "copy_page_to_iter*",
	"copy_page_from_iter*", "iov_iter_*", "csum_partial_copy*",
	"check_object_size", "__check_object_size", "check_heap_object",
	"usercopy_abort", "strncpy_from_user", "strnlen_user",
	"copy_to_sockptr*", "copy_from_sockptr*",
	/* skb helpers that BUG() on the caller's behalf */
	"skb_panic", "skb_over_panic", "skb_under_panic", "skb_put",
	"__skb_put", "skb_push", "__skb_push",
	/* locking */
	"_raw_*", "__raw_*", "do_raw_*", "raw_spin_*", "spin_*", "__spin_*",
	"queued_*", "native_queued_*", "__pv_queued_*", "pv_queued_*",
	"mutex_*", "__mutex_*", "ww_mutex_*", "__ww_mutex_*", "rt_mutex_*",
	"down", "down_*", "__down*", "up", "up_*", "__up*", "rwsem_*",
	"__rwsem_*", "percpu_down_*", "percpu_up_*", "read_lock*",
	"write_lock*", "read_unlock*", "write_unlock*", "__local_bh_*",
	"local_bh_*", "rcu_read_lock*", "rcu_read_unlock*", "__rcu_read_*",
	"lock_sock", "lock_sock_nested", "lock_sock_fast", "__lock_sock",
	"release_sock", "__release_sock", "lock_timer_base",
	"preempt_count_*", "refcount_*", "__refcount_*", "atomic_*",
	"arch_atomic*", "raw_atomic*", "__list_*_valid*", "__list_add*",
	"__list_del*", "list_del*",
	/* allocators: a crash inside them is the caller's bad pointer */
	"kfree", "kvfree", "__kfree*", "kmem_cache_*", "__kmem_cache_*",
	"kmalloc*", "__kmalloc*", "kvmalloc*", "__kvmalloc*", "kzalloc*",
	"kcalloc", "krealloc*", "slab_*", "__slab_*", "___slab_*",
	"free_*_slab", "__free_pages*", "free_pages*", "alloc_pages*",
	"__alloc_pages*", "get_page_from_freelist", "vfree", "vmalloc*",
	"__vmalloc*", "kfree_sensitive", "__put_page", "put_page",
	"folio_put", "__folio_put*",
	NULL,
};

/* A task that hangs waits in one of these; its caller is what hangs. */
static const char *const hung[] = {
	"__schedule", "schedule", "schedule_*", "preempt_schedule*",
	"io_schedule*", "wait_for_completion*", "__wait_for_common",
	"do_wait_for_common", "wait_woken", "__wait_event*", "wait_event*",
	"prepare_to_wait*", "finish_wait", "bit_wait*", "out_of_line_wait*",
	"__wait_on_bit*", "wait_on_bit*", "wait_on_page*", "folio_wait*",
	"__folio_lock*", "__lock_page*", "synchronize_rcu*", "__lock_sock",
	"synchronize_srcu*", "__synchronize_srcu", "rcu_barrier*",
	"msleep*", "usleep_range*", "schedule_hrtimeout*", "do_nanosleep",
	"context_switch", "__switch_to*", "flush_work", "__flush_work",
	"__flush_workqueue", "flush_workqueue", "kthread_stop*",
	NULL,
};

/* A stall or lockup is reported from a timer interrupt on top of it. */
static const char *const stall[] = {
	"apic_timer_interrupt", "smp_apic_timer_interrupt",
	"__sysvec_*", "sysvec_*", "asm_sysvec_*", "asm_common_interrupt",
	"common_interrupt", "__common_interrupt", "irq_exit*", "__irq_exit*",
	"irq_enter*", "hrtimer_*", "__hrtimer_*", "__run_hrtimer",
	"tick_*", "update_process_times", "rcu_*", "__rcu_*",
	"print_cpu_stall*", "print_other_cpu_stall", "check_cpu_stall",
	"nmi_*", "arch_trigger_*", "trigger_*", "watchdog*",
	"__watchdog*", "softlockup_*", "lapic_*", "x2apic_*",
	"native_apic_*", "default_send_IPI*", "arch_cpu_idle*",
	"default_idle*", "native_safe_halt", "cpu_idle*", "do_idle",
	"cpu_startup_entry", "__do_softirq", "handle_softirqs",
	"do_softirq*", "run_ksoftirqd", "__irq_exit_rcu",
	"sched_clock_tick", "scheduler_tick", "account_process_tick",
	"run_timer_softirq", "__run_timers", "call_timer_fn",
	"smpboot_thread_fn", "kthread", "asm_*", "cpuidle_*",
	NULL,
};

static int match(const char *name, const char *const *table)
{
	size_t n;

	for (; *table; table++) {
		n = strlen(*table);
		if ((*table)[n - 1] == '*') {
			if (!strncmp(name, *table, n - 1))
				return 1;
		} else if (!strcmp(name, *table)) {
			return 1;
		}
	}
	return 0;
}

int zcg_frame_generic(const char *name, enum zcg_skip skip)
{
	if (match(name, common))
		return 1;
	if (skip == ZCG_SKIP_HUNG)
		return match(name, hung);
	if (skip == ZCG_SKIP_STALL)
		return match(name, hung) || match(name, stall);
	return 0;
}
