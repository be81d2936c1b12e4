// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module that crashes the kernel it is loaded into, one way
 * per "mode=" parameter, so that capture.sh can record real console
 * logs for the report parser's samples. Load it ONLY inside a VM.
 */
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>

static char *mode = "none";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "warn bug ud2 null paging gpf divide list softlockup hung atomic timernull "
		 "circular recursive badunlock rcu lockheld odebugfree odebuginit vmbug "
		 "nonstatic shift kvmalloc leak");

static DEFINE_MUTEX(zcg_mutex);
static struct timer_list zcg_timer;

static noinline void zcg_crash_warn(void)
{
	WARN_ON(READ_ONCE(mode) != NULL);
}

static noinline void zcg_crash_bug(void)
{
	BUG_ON(READ_ONCE(mode) != NULL);
}

static noinline void zcg_crash_ud2(void)
{
	asm volatile("ud2");
}

static noinline int zcg_crash_null(int *base)
{
	return READ_ONCE(*(int *)((char *)base + 0x37));
}

static noinline int zcg_crash_paging(void)
{
	int *p = vmalloc(PAGE_SIZE);

	vfree(p);
	return READ_ONCE(*p);
}

static noinline int zcg_crash_gpf(void)
{
	unsigned long bad = 0xdead000000000100UL;

	return READ_ONCE(*(int *)bad);
}

/* volatile: the compiler must not see the zero and drop the division */
static volatile int zcg_zero, zcg_sink;

static noinline void zcg_crash_divide(void)
{
	zcg_sink = 1000 / zcg_zero;
}

static noinline void zcg_crash_list(void)
{
	static LIST_HEAD(head);
	static struct list_head a;

	list_add(&a, &head);
	list_add(&a, &head);
}

static noinline void zcg_spin(unsigned int secs)
{
	unsigned long end = jiffies + secs * HZ;

	preempt_disable();
	while (time_before(jiffies, end))
		cpu_relax();
	preempt_enable();
}

static noinline void zcg_crash_hung(void)
{
	mutex_lock(&zcg_mutex);
	mutex_lock(&zcg_mutex);
}

static noinline void zcg_crash_atomic(void)
{
	preempt_disable();
	msleep(1);
	preempt_enable();
}

/*
 * The debug checkers' kinds (lockdep, ODEBUG, DEBUG_VM, kmemleak,
 * UBSAN): they need the crash-zoo kernel (kernels/zoo/zoo.config).
 */
static DEFINE_MUTEX(zcg_mutex_a);
static DEFINE_MUTEX(zcg_mutex_b);

/* A then B, later B then A: lockdep reports the cycle at once. */
static noinline void zcg_crash_circular(void)
{
	mutex_lock(&zcg_mutex_a);
	mutex_lock(&zcg_mutex_b);
	mutex_unlock(&zcg_mutex_b);
	mutex_unlock(&zcg_mutex_a);
	mutex_lock(&zcg_mutex_b);
	mutex_lock(&zcg_mutex_a);
	mutex_unlock(&zcg_mutex_a);
	mutex_unlock(&zcg_mutex_b);
}

/* Two mutexes initialised at one place share a lockdep class. */
static noinline void zcg_crash_recursive(void)
{
	struct mutex m[2];
	int i;

	for (i = 0; i < 2; i++)
		mutex_init(&m[i]);
	mutex_lock(&m[0]);
	mutex_lock(&m[1]);
	mutex_unlock(&m[1]);
	mutex_unlock(&m[0]);
}

static noinline void zcg_crash_badunlock(void)
{
	mutex_unlock(&zcg_mutex_a);
}

static int __rcu *zcg_rcu_ptr;

static noinline int zcg_crash_rcu(void)
{
	int *p = rcu_dereference(zcg_rcu_ptr);

	return p ? *p : 0;
}

/* insmod returns to user space holding the mutex */
static noinline void zcg_crash_lockheld(void)
{
	mutex_lock(&zcg_mutex_b);
}

/* kfree() of an armed timer */
static noinline void zcg_crash_odebugfree(void)
{
	struct timer_list *t = kmalloc(sizeof(*t), GFP_KERNEL);

	timer_setup(t, NULL, 0);
	mod_timer(t, jiffies + 100 * HZ);
	kfree(t);
}

/* re-initialising an armed timer */
static noinline void zcg_crash_odebuginit(void)
{
	static struct timer_list t;

	timer_setup(&t, NULL, 0);
	mod_timer(&t, jiffies + 100 * HZ);
	timer_setup(&t, NULL, 0);
}

/* put_page() on a page nobody holds: DEBUG_VM's VM_BUG_ON_PAGE */
static noinline void zcg_crash_vmbug(void)
{
	struct page *pg = alloc_page(GFP_KERNEL);

	__free_page(pg);
	put_page(pg);
}

/* a zeroed, never initialised spinlock */
static noinline void zcg_crash_nonstatic(void)
{
	spinlock_t *l = kzalloc(sizeof(*l), GFP_KERNEL);

	spin_lock(l);
	spin_unlock(l);
	kfree(l);
}

static volatile int zcg_shift = 40;

static noinline void zcg_crash_shift(void)
{
	zcg_sink = 1 << zcg_shift;
}

/* kvmalloc() warns on sizes above INT_MAX */
static noinline void zcg_crash_kvmalloc(void)
{
	kvfree(kvmalloc((size_t)INT_MAX + 4096, GFP_KERNEL));
}

static void *zcg_leak;

/* the only pointer to it is overwritten: kmemleak's next scan sees it */
static noinline void zcg_crash_leak(void)
{
	zcg_leak = kmalloc(64, GFP_KERNEL);
	zcg_leak = NULL;
}

static noinline void zcg_timer_fn(struct timer_list *t)
{
	zcg_crash_null(NULL);
}

static int __init crasher_init(void)
{
	pr_info("crasher: mode=%s\n", mode);
	if (!strcmp(mode, "warn"))
		zcg_crash_warn();
	else if (!strcmp(mode, "bug"))
		zcg_crash_bug();
	else if (!strcmp(mode, "ud2"))
		zcg_crash_ud2();
	else if (!strcmp(mode, "null"))
		zcg_crash_null(NULL);
	else if (!strcmp(mode, "paging"))
		zcg_crash_paging();
	else if (!strcmp(mode, "gpf"))
		zcg_crash_gpf();
	else if (!strcmp(mode, "divide"))
		zcg_crash_divide();
	else if (!strcmp(mode, "list"))
		zcg_crash_list();
	else if (!strcmp(mode, "softlockup"))
		zcg_spin(12);
	else if (!strcmp(mode, "hung"))
		zcg_crash_hung();
	else if (!strcmp(mode, "atomic"))
		zcg_crash_atomic();
	else if (!strcmp(mode, "timernull")) {
		timer_setup(&zcg_timer, zcg_timer_fn, 0);
		mod_timer(&zcg_timer, jiffies + 1);
		msleep(1000);
	} else if (!strcmp(mode, "circular"))
		zcg_crash_circular();
	else if (!strcmp(mode, "recursive"))
		zcg_crash_recursive();
	else if (!strcmp(mode, "badunlock"))
		zcg_crash_badunlock();
	else if (!strcmp(mode, "rcu"))
		zcg_crash_rcu();
	else if (!strcmp(mode, "lockheld"))
		zcg_crash_lockheld();
	else if (!strcmp(mode, "odebugfree"))
		zcg_crash_odebugfree();
	else if (!strcmp(mode, "odebuginit"))
		zcg_crash_odebuginit();
	else if (!strcmp(mode, "vmbug"))
		zcg_crash_vmbug();
	else if (!strcmp(mode, "nonstatic"))
		zcg_crash_nonstatic();
	else if (!strcmp(mode, "shift"))
		zcg_crash_shift();
	else if (!strcmp(mode, "kvmalloc"))
		zcg_crash_kvmalloc();
	else if (!strcmp(mode, "leak"))
		zcg_crash_leak();
	return 0;
}

static void __exit crasher_exit(void)
{
	del_timer_sync(&zcg_timer);
}

module_init(crasher_init);
module_exit(crasher_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("zcguard: crashes on purpose to capture console samples");
