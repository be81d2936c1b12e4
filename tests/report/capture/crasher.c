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

static char *mode = "none";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "warn bug ud2 null paging gpf divide list softlockup hung atomic timernull");

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
	}
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
