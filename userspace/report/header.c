// SPDX-License-Identifier: GPL-2.0
/*
 * Recognizes the first line of a kernel crash report and turns it into a
 * syzkaller-style title. The kernel's own wording is matched as printed
 * by 4.x-6.x kernels (x86 mostly, a few arm64 forms).
 */
#include <stdio.h>
#include <string.h>

#include "report/header.h"
#include "report/lines.h"

/* Copies s[0..n) to dst[size], NUL-terminated, cut to fit. */
static void copy_n(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	/* Trailing blanks and punctuation never belong in a title. */
	while (n && strchr(" \t.:,;!", dst[n - 1]))
		dst[--n] = '\0';
}

/* "TYPE in REST": TYPE into what, the function at REST into func. */
static void type_in_func(const char *s, struct zcg_header *h)
{
	const char *in = strstr(s, " in ");

	if (!in) {
		copy_n(h->what, sizeof(h->what), s, strlen(s));
		return;
	}
	copy_n(h->what, sizeof(h->what), s, in - s);
	zcg_func_at(in + 4, h->func, sizeof(h->func));
}

/*
 * "BUG: WHAT: details", "BUG: WHAT at x", "BUG: WHAT - CPU#0 ...": keeps
 * the words that describe the bug, not the numbers after them.
 */
static void bug_what(const char *s, struct zcg_header *h)
{
	static const char *const cut[] = { " at ", " - ", " in ", " on ",
					   NULL };
	size_t n = strcspn(s, ":,!(");
	const char *p;
	int i;

	for (i = 0; cut[i]; i++) {
		p = strstr(s, cut[i]);
		if (p && (size_t)(p - s) < n)
			n = p - s;
	}
	copy_n(h->what, sizeof(h->what), s, n);
}

static int after(const char *s, const char *prefix, const char **rest)
{
	if (!zcg_starts(s, prefix))
		return 0;
	*rest = s + strlen(prefix);
	return 1;
}

static enum zcg_kind set(struct zcg_header *h, enum zcg_kind k)
{
	h->kind = k;
	return k;
}

/* "BUG: ..." reports syzkaller titles without a function. */
static const char *const nofunc[] = {
	"workqueue lockup", "Bad rss-counter state", "non-zero pgtables_bytes",
	"Bad page state", "Bad page map", NULL,
};

/* Kernel "WARNING:" lines that are not bug reports. */
static const char *const benign_warnings[] = {
	"workqueue cpumask", "/etc/ssh/moduli", NULL,
};

/* Lockdep's report headers that mean "possible deadlock". */
static const char *const deadlock[] = {
	"possible circular locking dependency detected",
	"possible recursive locking detected",
	"possible irq lock inversion dependency detected",
	"HARDIRQ-safe -> HARDIRQ-unsafe lock order detected",
	"SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected",
	NULL,
};

static enum zcg_kind warning(const char *r, struct zcg_header *h)
{
	int has_func;

	if (zcg_starts_any(r, deadlock))
		return set(h, ZK_DEADLOCK);
	/*
	 * __warn(): "CPU: 0 PID: 1 at FILE:LINE FUNC+0x1/0x2" (4.x-6.15),
	 * "FILE:LINE at FUNC+0x1/0x2, CPU#0: comm/1" (6.16+), "at FILE:LINE
	 * FUNC()" (old).
	 */
	has_func = zcg_func_in(r, h->func, sizeof(h->func));
	if (zcg_starts(r, "CPU: ") || zcg_starts(r, "at ") || has_func)
		return set(h, ZK_WARNING);
	/* Other lockdep/RCU/debug checks: "WARNING: WHAT detected!". */
	if (zcg_starts_any(r, benign_warnings))
		return ZK_NONE;
	bug_what(r, h);
	h->nostack = zcg_starts(r, "lock held when returning");
	if (!h->what[0])
		return ZK_NONE;
	if (!strcmp(h->what, "inconsistent lock state")) {
		/* syzkaller drops the "WARNING: " for this one */
	} else {
		char tmp[sizeof(h->what) + 16];

		snprintf(tmp, sizeof(tmp), "WARNING: %s", h->what);
		/* "bad unlock balance detected" -> "bad unlock balance" */
		if (strlen(tmp) > 9 && !strcmp(tmp + strlen(tmp) - 9,
					       " detected"))
			tmp[strlen(tmp) - 9] = '\0';
		copy_n(h->what, sizeof(h->what), tmp, strlen(tmp));
	}
	return set(h, ZK_LOCKDEP);
}

static enum zcg_kind bug(const char *r, struct zcg_header *h)
{
	const char *x;

	if (after(r, "KASAN: ", &x)) {
		type_in_func(x, h);
		/* syzkaller's name for the combined 5.x message */
		if (!strcmp(h->what, "double-free or invalid-free"))
			strcpy(h->what, "invalid-free");
		return set(h, ZK_KASAN);
	}
	if (after(r, "KFENCE: ", &x)) {
		type_in_func(x, h);
		return set(h, ZK_KFENCE);
	}
	if (after(r, "KMSAN: ", &x)) {
		type_in_func(x, h);
		return set(h, ZK_KMSAN);
	}
	if (after(r, "KCSAN: ", &x)) {
		copy_n(h->what, sizeof(h->what), x, strlen(x));
		return set(h, ZK_KCSAN);
	}
	if (zcg_starts(r, "kernel NULL pointer dereference") ||
	    zcg_starts(r, "unable to handle kernel NULL pointer dereference"))
		return set(h, ZK_NULL);
	if (zcg_starts(r, "unable to handle"))
		return set(h, ZK_PAGING);
	if (zcg_starts(r, "soft lockup"))
		return set(h, ZK_SOFTLOCKUP);
	if (zcg_starts(r, "memory leak"))
		return set(h, ZK_MEMLEAK);
	if (zcg_starts_any(r, nofunc)) {
		char tmp[sizeof(h->what) + 8];

		bug_what(r, h);
		snprintf(tmp, sizeof(tmp), "BUG: %s", h->what);
		copy_n(h->what, sizeof(h->what), tmp, strlen(tmp));
		/* the mm ones dump the page and a stack, the others not */
		h->nostack = !zcg_starts(r, "Bad page");
		return set(h, ZK_NOFUNC);
	}
	if (zcg_starts(r, "using smp_processor_id() in preemptible")) {
		strcpy(h->what, "using smp_processor_id() in preemptible code");
		return set(h, ZK_BUG_OTHER);
	}
	if (zcg_starts(r, "using __this_cpu_")) {
		strcpy(h->what, "using __this_cpu_* in preemptible code");
		return set(h, ZK_BUG_OTHER);
	}
	bug_what(r, h);
	if (!h->what[0])
		return ZK_NONE;
	return set(h, ZK_BUG_OTHER);
}

static enum zcg_kind ubsan(const char *r, struct zcg_header *h)
{
	const char *in = strstr(r, " in ");

	if (!in)
		return ZK_NONE;
	copy_n(h->what, sizeof(h->what), r, in - r);
	/* 4.x: "UBSAN: Undefined behaviour in FILE:LINE:COL" */
	if (!strcmp(h->what, "Undefined behaviour"))
		strcpy(h->what, "undefined-behaviour");
	in += 4;
	copy_n(h->file, sizeof(h->file), in, strcspn(in, ": "));
	return set(h, ZK_UBSAN);
}

/*
 * Panics that only follow another report (an oops, a WARNING with
 * panic_on_warn, a hung task): seen first, the real header was lost.
 */
static const char *const follow_up[] = {
	"Fatal exception", "panic_on_warn set", "kernel: panic_on_warn set",
	"hung_task: blocked tasks", "softlockup: hung tasks",
	"hardlockup: ", "Hard LOCKUP", NULL,
};

static enum zcg_kind panic(const char *r, struct zcg_header *h)
{
	const char *x;

	if (after(r, "stack-protector: Kernel stack is corrupted in: ", &x)) {
		strcpy(h->what, "stack is corrupted");
		zcg_func_at(x, h->func, sizeof(h->func));
		return set(h, ZK_PANIC);
	}
	/* "Attempted to kill init! exitcode=0x00000009": drop the code */
	if (zcg_starts(r, "Attempted to kill init!")) {
		strcpy(h->what, "Attempted to kill init!");
		return set(h, ZK_PANIC);
	}
	if (zcg_starts_any(r, follow_up))
		h->corrupt = 1;
	copy_n(h->what, sizeof(h->what), r, strlen(r));
	return set(h, ZK_PANIC);
}

enum zcg_kind zcg_header_parse(const char *text, struct zcg_header *h)
{
	const char *s = zcg_skip_blanks(text), *r;
	int oops = 0;

	memset(h, 0, sizeof(*h));
	/* 6.10+ prefixes die() titles with "Oops: ". */
	if (after(s, "Oops: ", &r)) {
		s = r;
		oops = 1;
	}
	if (zcg_starts(s, "general protection fault"))
		return set(h, ZK_GPF);
	if (zcg_starts(s, "invalid opcode: "))
		return set(h, ZK_INVOP);
	if (zcg_starts(s, "divide error: "))
		return set(h, ZK_DIVIDE);
	if (zcg_starts(s, "stack segment: "))
		return set(h, ZK_STACKSEG);
	if (oops)
		return ZK_NONE;
	if (after(s, "Kernel panic - not syncing: ", &r))
		return panic(r, h);
	if (after(s, "kernel BUG at ", &r)) {
		copy_n(h->file, sizeof(h->file), r, strcspn(r, ":!"));
		return set(h, ZK_BUG_AT);
	}
	if (!strcmp(s, "kernel BUG!"))
		return set(h, ZK_BUG_AT);
	if (zcg_starts(s, "PANIC: double fault"))
		return set(h, ZK_DOUBLEFAULT);
	if (after(s, "watchdog: ", &r) || after(s, "NMI watchdog: ", &r))
		s = r;
	/* kmemleak.verbose=1 prints leaks to the console */
	if (zcg_starts(s, "kmemleak: unreferenced object"))
		return set(h, ZK_MEMLEAK);
	if (zcg_starts(s, "Watchdog detected hard LOCKUP"))
		return set(h, ZK_HARDLOCKUP);
	if (after(s, "BUG: ", &r))
		return bug(r, h);
	if (after(s, "WARNING: ", &r))
		return warning(r, h);
	if (zcg_starts(s, "INFO: task ") && strstr(s, " blocked for more than"))
		return set(h, ZK_HUNG);
	if (after(s, "rcu: ", &r))
		s = r;
	if ((zcg_starts(s, "INFO: rcu_") || zcg_starts(s, "INFO: rcu ")) &&
	    (strstr(s, "detected stall") ||
	     strstr(s, "detected expedited stall")))
		return set(h, ZK_RCU);
	if (after(s, "UBSAN: ", &r))
		return ubsan(r, h);
	/* arm64 spells the page faults differently */
	if (zcg_starts(s, "Unable to handle kernel NULL pointer dereference"))
		return set(h, ZK_NULL);
	if (zcg_starts(s, "Unable to handle kernel paging request"))
		return set(h, ZK_PAGING);
	return ZK_NONE;
}

int zcg_header_title(const struct zcg_header *h, const char *access,
		     const char *func, char *title, size_t size)
{
	const char *fmt = NULL;
	const char *what = h->what;
	char kind[200];

	switch (h->kind) {
	case ZK_NONE:
		title[0] = '\0';
		return 0;
	case ZK_PANIC:
		if (h->func[0])
			snprintf(title, size, "kernel panic: %s in %s",
				 h->what, h->func);
		else
			snprintf(title, size, "kernel panic: %s", h->what);
		return !h->corrupt;
	case ZK_NOFUNC:
		snprintf(title, size, "%s", h->what);
		return 1;
	case ZK_KCSAN:
		snprintf(title, size, "KCSAN: %s", h->what);
		return 1;
	case ZK_GPF:
		fmt = "general protection fault";
		break;
	case ZK_KASAN:
		snprintf(kind, sizeof(kind), "KASAN: %s%s%s", what,
			 *access ? " " : "", access);
		fmt = kind;
		break;
	case ZK_KFENCE:
		snprintf(kind, sizeof(kind), "KFENCE: %s", what);
		fmt = kind;
		break;
	case ZK_KMSAN:
		snprintf(kind, sizeof(kind), "KMSAN: %s", what);
		fmt = kind;
		break;
	case ZK_UBSAN:
		snprintf(kind, sizeof(kind), "UBSAN: %s", what);
		fmt = kind;
		/* No stack: the header's file is the best we have. */
		if (!*func && h->file[0]) {
			snprintf(title, size, "%s in %s", kind, h->file);
			return 0;
		}
		break;
	case ZK_NULL:
		fmt = "BUG: unable to handle kernel NULL pointer dereference";
		break;
	case ZK_PAGING:
		fmt = "BUG: unable to handle kernel paging request";
		break;
	case ZK_WARNING:
		/* refcount_warn_saturate() speaks for its caller */
		fmt = zcg_starts(h->func, "refcount_") ?
		      "WARNING: refcount bug" : "WARNING";
		break;
	case ZK_LOCKDEP:
		fmt = what;
		break;
	case ZK_DEADLOCK:
		fmt = "possible deadlock";
		break;
	case ZK_BUG_AT:
		/* BUG()s in checkers name the checker, not the bug */
		if (!strcmp(h->file, "lib/list_debug.c"))
			fmt = "BUG: corrupted list";
		else if (!strcmp(h->file, "mm/usercopy.c"))
			fmt = "BUG: bad usercopy";
		else
			fmt = "kernel BUG";
		break;
	case ZK_INVOP:
		fmt = "kernel BUG";
		break;
	case ZK_DOUBLEFAULT:
		fmt = "PANIC: double fault";
		break;
	case ZK_HUNG:
		fmt = "INFO: task hung";
		break;
	case ZK_RCU:
		fmt = "INFO: rcu detected stall";
		break;
	case ZK_SOFTLOCKUP:
		fmt = "BUG: soft lockup";
		break;
	case ZK_HARDLOCKUP:
		fmt = "BUG: hard lockup";
		break;
	case ZK_DIVIDE:
		fmt = "divide error";
		break;
	case ZK_STACKSEG:
		fmt = "stack segment fault";
		break;
	case ZK_MEMLEAK:
		fmt = "memory leak";
		break;
	case ZK_BUG_OTHER:
		snprintf(kind, sizeof(kind), "BUG: %s", what);
		fmt = kind;
		break;
	}
	if (*func)
		snprintf(title, size, "%s in %s", fmt, func);
	else
		snprintf(title, size, "%s", fmt);
	return *func != '\0';
}

enum zcg_skip zcg_header_skip(const struct zcg_header *h)
{
	switch (h->kind) {
	case ZK_HUNG:
		return ZCG_SKIP_HUNG;
	case ZK_BUG_OTHER:
		/* reported from inside schedule(): the caller slept */
		return zcg_starts(h->what, "scheduling while atomic") ?
		       ZCG_SKIP_HUNG : ZCG_SKIP_COMMON;
	case ZK_RCU:
	case ZK_SOFTLOCKUP:
	case ZK_HARDLOCKUP:
		return ZCG_SKIP_STALL;
	default:
		return ZCG_SKIP_COMMON;
	}
}

int zcg_header_sep_closed(enum zcg_kind kind)
{
	return kind == ZK_KASAN || kind == ZK_UBSAN || kind == ZK_KFENCE ||
	       kind == ZK_KMSAN || kind == ZK_KCSAN;
}
