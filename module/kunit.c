// SPDX-License-Identifier: GPL-2.0
/*
 * The KUnit runner, built where the kernel has CONFIG_KUNIT: the cases of
 * kcases.c as one parameterized KUnit case (one result per case, named
 * after it), suite "zcguard". KUnit runs each in a kthread of its own:
 * the netns is init_net, and the user buffers come from kunit_vm_mmap(),
 * which gives the kthread an mm of its own (6.12; older kernels have no
 * kunit_vm_mmap() and every case skips with the reason).
 */
#include <kunit/test.h>
#include <linux/mman.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "compat.h"
#include "zcguard.h"

static const void *zcg_kunit_gen(const void *prev, char *desc)
{
	const struct zcg_case *c = prev ? (const struct zcg_case *)prev + 1 :
					  zcg_cases;

	if (c >= zcg_cases + zcg_ncases)
		return NULL;
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
}

static void zcg_kunit_case(struct kunit *test)
{
	const struct zcg_case *c = test->param_value;
	struct zcg_ctx ctx = { };
	enum zcg_verdict v;

	ctx.net = current->nsproxy ? current->nsproxy->net_ns : NULL;
#if ZCG_KERNEL_AT_LEAST(6, 12)
	ctx.uscratch = kunit_vm_mmap(test, NULL, 0, ZCG_USCRATCH,
				     PROT_READ | PROT_WRITE,
				     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(ctx.uscratch))
		ctx.uscratch = 0;
#endif
	v = zcg_case_run(c, &ctx);
	if (v == ZCG_SKIP)
		kunit_skip(test, "%s", ctx.reason);
	else if (v == ZCG_FAIL)
		KUNIT_FAIL(test, "%s", ctx.reason);
}

static struct kunit_case zcg_kunit_cases[] = {
	KUNIT_CASE_PARAM(zcg_kunit_case, zcg_kunit_gen),
	{}
};

static struct kunit_suite zcg_kunit_suite = {
	.name = "zcguard",
	.test_cases = zcg_kunit_cases,
};

kunit_test_suite(zcg_kunit_suite);
