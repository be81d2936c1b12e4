// SPDX-License-Identifier: GPL-2.0
/*
 * Frames that are never "the guilty frame" of a title, whatever the
 * kind: a crash inside memcpy() or spin_lock() is its caller's bug, and
 * the frames of KASAN, printk, BUG()/WARN() and panic() are the
 * reporting machinery itself. Like syzkaller, a pattern matches anywhere
 * in the name ("kasan" skips __kasan_check_read and kasan_report alike);
 * ^ and $ pin it. kinds.c adds each kind's own list on top.
 */
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "report/frames.h"

static const char *const generic[] = {
	/* sanitizers and checkers */
	"__sanitizer", "__asan", "kasan", "hwasan", "__msan", "kmsan",
	"kcsan_setup_watchpoint", "check_memory_region", "check_heap_object",
	"check_object", "read_word_at_a_time", "(read|write)_once_.*nocheck",
	"print_address_description", "__fortify_report",
	/* BUG()/WARN()/panic() and the traps that carry them */
	"panic", "invalid_op", "report_bug", "fixup_bug", "print_report",
	"print_usage_bug", "do_error", "_trap$|do_trap", "show_stack",
	"dump_stack", "walk_stack", "dump_backtrace", "warn_slowpath",
	"warn_alloc", "warn_bogus", "__warn", "print_tainted", "^get_taint$",
	"stack_trace_consume_entry", "arch_stack_walk", "stack_trace_save",
	"hex_dump_to_buffer", "print_hex_dump", "assertfail",
	/* allocators and the page cache's allocating lookups */
	"alloc_page", "k?v?(m|z|c)alloc", "krealloc", "kmem_cache",
	"allocate_slab", "__alloc_frozen_pages_noprof", "folio_(alloc|unlock)",
	"filemap_alloc_folio", "__filemap_get_folio", "find_or_create_page",
	"do_read_cache_folio", "read_cache_page", "pagecache_get_page",
	"grab_cache_page_write_begin", "slab_", "^kv?free$", "kfree_skb",
	"memdup", "ida_free",
	/* debug objects, lockdep and the locking primitives */
	"debug_object", "timer_is_static_object", "work_is_static_object",
	"print_unlock", "imbalance_bug", "lockdep", "bh_enable", "bh_disable",
	"perf_trace", "lock_acquire", "lock_release", "lock_class",
	"mark_lock", "(reacquire|mark)_held_locks", "raw_spin_rq",
	"spin_lock", "spin_trylock", "spin_unlock", "read_lock",
	"read_trylock", "write_lock", "write_trylock", "read_unlock",
	"write_unlock", "^down$", "down_read", "down_write",
	"down_read_trylock", "down_write_trylock", "down_trylock", "up_read",
	"up_write", "^mutex_", "^__mutex_", "^rt_mutex_", "owner_on_cpu",
	"osq_lock", "osq_unlock", "(trace|lockdep)_(hard|soft)irq",
	"^(un)?lock_page", "seqprop_assert",
	/* atomics, bits, refcounts */
	"atomic(64)?_(dec|inc|read|set|or|xor|and|add|sub|fetch|xchg|cmpxchg|try)",
	"(set|clear|change|test)_bit", "^refcount_", "^kref_", "ref_tracker",
	/* string, memory and formatting helpers */
	"memcpy", "memcmp", "memset", "memchr", "memmove", "strcmp",
	"strncmp", "strcpy", "strlcpy", "strncpy", "strscpy", "strlen",
	"strstr", "strnstr", "strnlen", "strchr", "strdup", "strndup",
	"string", "pointer", "snprintf", "scnprintf", "kasprintf",
	"kvasprintf", "printk", "va_format",
	"dev_(info|notice|warn|err|alert|crit|emerg)",
	"^crc[0-9]+", "crc_itu_t",
	/* user copies and the fault that checks them */
	"copy_to_user", "copy_from_user", "copy_to_iter", "copy_from_iter",
	"copy_page_to_iter", "copy_page_from_iter", "copy_folio_to_iter",
	"^copyin$", "^copyout$", "put_user", "get_user", "might_fault",
	"__might_fault", "might_sleep", "__might_resched",
	"extract_(user|iter)_to_sg",
	/* lists and trees: their checks fire on the caller's corruption */
	"list_add", "list_del", "list_replace", "list_move", "list_splice",
	"^rb_", "^__rb_", "^klist_", "xas_(start|load|find)",
	"rhashtable_lookup",
	/* retpolines */
	"_indirect_thunk_",
	/* timers and work: the waiters, not the bug */
	"del_timer", "lock_timer_base", "__timer_delete_sync",
	"sk_stop_timer_sync", "__mod_timer", "flush_work",
	"__cancel_work_timer", "cancel_work_sync", "try_to_grab_pending",
	"flush_workqueue", "drain_workqueue", "destroy_workqueue",
	"queue_work", "insert_work", "__queue_delayed_work",
	"queue_delayed_work_on", "finish_wait", "kthread_stop", "__wake_up",
	"^complete$", "wait_for_completion", "cleanup_srcu_struct",
	/* the device model and its users' teardown paths */
	"kobject_", "add_uevent_var", "get_device_parent", "device_add",
	"device_del", "device_unregister", "device_destroy", "device_release",
	"devres_release_all", "hwrng_unregister", "i2c_del_adapter",
	"__unregister_client", "device_for_each_child", "rollback_registered",
	"unregister_netdev", "sysfs_remove", "device_remove_file",
	"tty_unregister_device", "^put_device$",
	/* USB: the transfer helpers, not the driver */
	"dummy_urb_enqueue", "usb_kill_urb", "usb_kill_anchored_urbs",
	"usb_control_msg", "usb_hcd_submit_urb", "usb_submit_urb",
	/* MMIO accessors */
	"readb$", "readw$", "readl$", "readq$", "writeb$", "writew$",
	"writel$", "writeq$", "logic_in", "logic_out",
	/* VFS reference and page-cache teardown */
	"^iput$", "^iput_final$", "^ihold$", "fast_dput", "dput",
	"drop_nlink", "find_lock_entries", "truncate_inode_pages_range",
	"mark_buffer_dirty", "__phys_addr",
	/* other architectures' fault and trap paths */
	"program_check_exception", "program_check_common",
	"do_(kernel|translation)_fault", "do_mem_abort", "el1_abort",
	"el1h_64_sync(_handler)?",
	NULL,
};

/* Syscall wrappers: the title names the syscall, not its wrapper. */
static const char *const prefixes[] = {
	"SYSC_", "SyS_", "sys_", "__x64_", "__ia32_", "__arm64_", "____sys_",
	"___sys_", "__sys_", "__se_", "__se_sys_", "__do_sys_",
	"compat_SYSC_", "compat_SyS_", "ksys_", NULL,
};

static regex_t all;
static int ready = -1;

static int init(void)
{
	char buf[8192];
	size_t n = 0;
	int i;

	if (ready >= 0)
		return ready;
	for (i = 0; generic[i] && n + strlen(generic[i]) + 4 < sizeof(buf);
	     i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s(%s)",
			      i ? "|" : "", generic[i]);
	ready = regcomp(&all, buf, REG_EXTENDED | REG_NOSUB) == 0;
	return ready;
}

int zcg_frame_skipped(const char *name, const regex_t *extra)
{
	if (init() && !regexec(&all, name, 0, NULL, 0))
		return 1;
	return extra && !regexec(extra, name, 0, NULL, 0);
}

const char *zcg_frame_strip(const char *name)
{
	size_t n, best = 0;
	int i;

	/* One prefix, the longest that fits: "__x64_sys_foo" -> "sys_foo". */
	for (i = 0; prefixes[i]; i++) {
		n = strlen(prefixes[i]);
		if (n > best && !strncmp(name, prefixes[i], n) && name[n])
			best = n;
	}
	return name + best;
}
