#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Writes the synthesized console samples of the report parser's tests.

Every sample is NAME.log (a console log as a serial port would record it)
plus NAME.title (the title `zcguard report -t` must print, or "(none)"
when the log holds no crash). The reports follow the kernel's own
printk formats (x86-64, 4.x to 6.x); the functions and values are made
up. Real captured logs (real-*.log) are made by capture/capture.sh.

    tests/report/make-samples.py [OUTDIR]    (default: tests/report/samples)
"""
import os
import random
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "samples")
rnd = random.Random(20261125)


class Log:
    """Builds a console log: kernel lines get a printk timestamp."""

    def __init__(self, t=2.5, ctx=None, ts=True):
        self.t = t
        self.ctx = ctx
        self.ts = ts
        self.lines = []

    def k(self, *lines, ctx=None):
        for line in lines:
            for sub in line.split("\n"):
                self.t += rnd.randint(30, 900) / 1e6
                pre = ""
                if self.ts:
                    sec = int(self.t)
                    usec = int(round((self.t - sec) * 1e6)) % 1000000
                    pre = "[%5d.%06d]" % (sec, usec)
                    c = ctx or self.ctx
                    if c:
                        pre += "[%7s]" % c
                    pre += " "
                self.lines.append(pre + sub)
        return self

    def user(self, *lines):
        self.lines.extend(lines)
        return self

    def text(self, crlf=False):
        nl = "\r\n" if crlf else "\n"
        return nl.join(self.lines) + nl


def boot(log, n=12):
    msgs = [
        "Linux version 6.1.192 (root@build) (gcc 12.2.0) #1 SMP PREEMPT_DYNAMIC",
        "Command line: console=ttyS0 oops=panic panic_on_warn=1 panic=-1",
        "x86/fpu: x87 FPU will use FXSAVE",
        "BIOS-provided physical RAM map:",
        "Memory: 473416K/523768K available",
        "SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=2, Nodes=1",
        "rcu: Hierarchical RCU implementation.",
        "NET: Registered PF_INET protocol family",
        "TCP: Hash tables configured (established 4096 bind 4096)",
        "Freeing unused kernel image (initmem) memory: 2612K",
        "Run /init as init process",
        "random: crng init done",
        "clocksource: Switched to clocksource tsc",
        "NET: Registered PF_INET6 protocol family",
    ]
    for m in msgs[:n]:
        log.k(m)
    return log


def hexw():
    return "%016x" % rnd.getrandbits(64)


def regs(log, user=False):
    cs = "0033" if user else "0010"
    if user:
        log.k("RIP: 0033:0x%x" % rnd.randint(0x401000, 0x4fffff))
        log.k("Code: " + " ".join("%02x" % rnd.getrandbits(8)
                                  for _ in range(20)) + " <0f> 05")
    log.k("RSP: %s:%s EFLAGS: 00000246%s" % (
        "002b" if user else "0018", "ffffc900" + hexw()[8:],
        " ORIG_RAX: 0000000000000037" if user else ""))
    log.k("RAX: %s RBX: %s RCX: %s" % (hexw(), hexw(), hexw()),
          "RDX: %s RSI: %s RDI: %s" % (hexw(), hexw(), hexw()),
          "RBP: %s R08: %s R09: %s" % (hexw(), hexw(), hexw()),
          "R10: %s R11: %s R12: %s" % (hexw(), hexw(), hexw()),
          "R13: %s R14: %s R15: %s" % (hexw(), hexw(), hexw()))
    if not user:
        log.k("FS:  00000000011a2380(0000) GS:ffff88801fc00000(0000) "
              "knlGS:0000000000000000",
              "CS:  %s DS: 0000 ES: 0000 CR0: 0000000080050033" % cs,
              "CR2: 0000000020000000 CR3: 000000000d4e6000 "
              "CR4: 0000000000750ef0",
              "PKRU: 55555554")


def rip(log, func):
    log.k("RIP: 0010:%s" % func)
    log.k("Code: 48 89 df e8 5b 2c ff ff 48 8b 44 24 08 48 85 c0 74 0a "
          "<48> 8b 40 70 48 89 44 24 10 31 c0 c3")
    regs(log)


def frames(log, names, header="Call Trace:", task=True):
    if header:
        log.k(header)
    if task:
        log.k(" <TASK>")
    for n in names:
        if "+0x" not in n and " " not in n and not n.startswith("<"):
            n += "+0x%x/0x%x" % (rnd.randint(0x10, 0x300),
                                 rnd.randint(0x310, 0x900))
        log.k(" " + n if not n.startswith(" ") else n)


SYSCALL_TAIL = ["__sys_getsockopt", "__x64_sys_getsockopt",
                "do_syscall_64", "entry_SYSCALL_64_after_hwframe"]


def syscall_end(log):
    for n in SYSCALL_TAIL:
        log.k(" %s+0x%x/0x%x" % (n, rnd.randint(0x10, 0x90),
                                 rnd.randint(0xa0, 0x200)))
    regs(log, user=True)
    log.k(" </TASK>")


def cpu(log, comm="repro", pid=312, ver="6.1.192", tainted=False):
    t = "Tainted: G        W" if tainted else "Not tainted"
    log.k("CPU: 0 PID: %d Comm: %s %s %s #1" % (pid, comm, t, ver),
          "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), "
          "BIOS 1.16.2-debian-1.16.2-1 04/01/2014")


def oops_end(log, msg="Fatal exception", rip_func=None, modules=""):
    log.k("Modules linked in:%s" % modules)
    log.k("---[ end trace 0000000000000000 ]---")
    if rip_func:
        rip(log, rip_func)
    if msg:
        log.k("Kernel panic - not syncing: %s" % msg)
        log.k("Kernel Offset: disabled")
        log.k("---[ end Kernel panic - not syncing: %s ]---" % msg)


SAMPLES = {}


def sample(name, title):
    def deco(fn):
        SAMPLES[name] = (fn, title)
        return fn
    return deco


# ---------------------------------------------------------------- GPF
@sample("gpf-kasan-6.1", "general protection fault in tcp_recv_skb")
def _():
    log = boot(Log())
    log.user("=== RUN zc_null", "SIOCINQ=4096")
    log.k("general protection fault, probably for non-canonical address "
          "0xdffffc000000000e: 0000 [#1] PREEMPT SMP KASAN",
          "KASAN: null-ptr-deref in range "
          "[0x0000000000000070-0x0000000000000077]")
    cpu(log)
    rip(log, "tcp_recv_skb+0x8a/0x3a0")
    frames(log, ["tcp_zerocopy_receive+0x21d/0xd30",
                 "? receive_fallback_to_copy+0x4a0/0x4a0",
                 "do_tcp_getsockopt+0x1422/0x1990", "tcp_getsockopt"])
    syscall_end(log)
    oops_end(log, rip_func="tcp_recv_skb+0x8a/0x3a0")
    return log.text()


@sample("gpf-memcpy-rip", "general protection fault in skb_copy_bits")
def _():
    log = boot(Log())
    log.k("general protection fault, probably for non-canonical address "
          "0xdead000000000122: 0000 [#1] PREEMPT SMP NOPTI")
    cpu(log)
    rip(log, "memcpy_orig+0x31/0x140")
    frames(log, ["skb_copy_bits+0x1b8/0x350", "skb_copy+0x8c/0x110",
                 "tcp_collapse_one", "tcp_prune_queue+0x14a/0x3c0",
                 "tcp_data_queue+0x6cb/0xe20", "tcp_rcv_established",
                 "tcp_v4_do_rcv", "__release_sock+0xb6/0x120",
                 "release_sock+0x30/0xa0", "tcp_recvmsg+0x94/0x1f0",
                 "inet_recvmsg", "sock_recvmsg", "__sys_recvfrom",
                 "__x64_sys_recvfrom", "do_syscall_64",
                 "entry_SYSCALL_64_after_hwframe"])
    regs(log, user=True)
    log.k(" </TASK>")
    oops_end(log, rip_func="memcpy_orig+0x31/0x140")
    return log.text()


@sample("gpf-old-4.19-isra", "general protection fault in tcp_v4_rcv")
def _():
    log = boot(Log(t=88.1))
    log.k("kasan: CONFIG_KASAN_INLINE enabled",
          "kasan: GPF could be caused by NULL-ptr deref or user memory "
          "access",
          "general protection fault: 0000 [#1] PREEMPT SMP KASAN",
          "CPU: 1 PID: 9 Comm: ksoftirqd/1 Not tainted 4.19.0+ #5",
          "Hardware name: Google Google Compute Engine/Google Compute "
          "Engine, BIOS Google 01/01/2011",
          "RIP: 0010:tcp_v4_rcv.isra.17+0x1d9a/0x3510")
    log.k("Code: 89 f8 48 c1 e8 03 42 80 3c 20 00 0f 85 <80> 3c 02 00")
    regs(log)
    log.k("Call Trace:",
          " <IRQ>",
          " ip_local_deliver_finish+0x2e9/0xda0",
          " ip_local_deliver+0x1e9/0x750",
          " ip_rcv_finish+0x1f9/0x300",
          " ip_rcv+0xed/0x600",
          " __netif_receive_skb_one_core+0x14d/0x200",
          " process_backlog+0x24c/0x6c0",
          " net_rx_action+0x4dd/0x1020",
          " __do_softirq+0x308/0xb7e",
          " run_ksoftirqd+0x5e/0x100",
          " smpboot_thread_fn+0x6ab/0xa10",
          " kthread+0x354/0x420",
          " ret_from_fork+0x24/0x30",
          "Modules linked in:",
          "---[ end trace 7a3c1e5a6fd44d92 ]---")
    return log.text()


@sample("gpf-oops-prefix-6.12-crlf",
        "general protection fault in tcp_zerocopy_vm_insert_batch")
def _():
    log = boot(Log(t=5.4))
    log.k("Oops: general protection fault, probably for non-canonical "
          "address 0xe01ffc0000000004: 0000 [#1] PREEMPT SMP KASAN NOPTI",
          "KASAN: maybe wild-memory-access in range "
          "[0x00ffe00000000020-0x00ffe00000000027]",
          "CPU: 0 UID: 0 PID: 77 Comm: repro Not tainted 6.12.0 #1",
          "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996)")
    rip(log, "tcp_zerocopy_vm_insert_batch.constprop.0+0x5c/0x2a0")
    frames(log, ["tcp_zerocopy_receive+0x7f1/0xd40",
                 "do_tcp_getsockopt+0x1422/0x1990"])
    syscall_end(log)
    oops_end(log)
    return log.text(crlf=True)


# -------------------------------------------------------------- KASAN
def kasan(log, kind, func, access, size, trace, alloc=True, addr=None):
    log.k("=" * 66)
    log.k("BUG: KASAN: %s in %s" % (kind, func))
    if access:
        log.k("%s of size %d at addr %s by task repro/312" % (
            access, size, addr or "ffff88800d5e4a70"))
    log.k("")
    cpu(log)
    frames(log, ["dump_stack_lvl+0x48/0x60",
                 "print_report+0x16e/0x4b0",
                 "? __virt_addr_valid+0x5e/0xf0",
                 "kasan_report+0xb4/0xe0"] + trace)
    syscall_end(log)
    if alloc:
        log.k("", "Allocated by task 312:",
              " kasan_save_stack+0x22/0x50",
              " kasan_set_track+0x25/0x30",
              " __kasan_kmalloc+0x7f/0x90",
              " __kmalloc_node_track_caller+0x5c/0x160",
              " kmalloc_reserve+0x6a/0x110",
              " __alloc_skb+0xc4/0x1b0",
              " tcp_stream_alloc_skb+0x2e/0x160",
              "", "Freed by task 312:",
              " kasan_save_stack+0x22/0x50",
              " kasan_set_track+0x25/0x30",
              " kasan_save_free_info+0x2b/0x50",
              " ____kasan_slab_free+0x13c/0x1b0",
              " __kmem_cache_free+0xc6/0x2c0",
              " skb_release_data+0x2c2/0x370",
              " __kfree_skb+0x12/0x30",
              " tcp_recvmsg_locked+0x8f4/0xd80",
              "",
              "The buggy address belongs to the object at "
              "ffff88800d5e4a00",
              " which belongs to the cache kmalloc-512 of size 512",
              "The buggy address is located 112 bytes inside of",
              " 512-byte region [ffff88800d5e4a00, ffff88800d5e4c00)",
              "", "Memory state around the buggy address:",
              " ffff88800d5e4a00: fa fb fb fb fb fb fb fb fb fb fb fb",
              ">ffff88800d5e4a80: fb fb fb fb fb fb fb fb fb fb fb fb",
              "                    ^")
    log.k("=" * 66)


@sample("kasan-uaf-read", "KASAN: use-after-free Read in tcp_zerocopy_receive")
def _():
    log = boot(Log())
    kasan(log, "use-after-free", "tcp_zerocopy_receive+0x7ad/0xd40",
          "Read", 4, ["? tcp_zerocopy_receive+0x7ad/0xd40",
                      "tcp_zerocopy_receive+0x7ad/0xd40",
                      "do_tcp_getsockopt+0x1422/0x1990", "tcp_getsockopt"])
    log.k("Disabling lock debugging due to kernel taint",
          "Kernel panic - not syncing: KASAN: panic_on_warn set ...")
    cpu(log, tainted=True)
    frames(log, ["dump_stack_lvl", "panic+0x1f5/0x4d0",
                 "check_panic_on_warn+0x5c/0x60", "end_report+0x9c/0xd0",
                 "kasan_report+0xc4/0xe0",
                 "tcp_zerocopy_receive+0x7ad/0xd40"])
    log.k(" </TASK>", "Kernel Offset: disabled",
          "---[ end Kernel panic - not syncing: KASAN: panic_on_warn set "
          "... ]---")
    return log.text()


@sample("kasan-uaf-write-memcpy",
        "KASAN: use-after-free Write in skb_copy_datagram_from_iter")
def _():
    log = boot(Log())
    kasan(log, "use-after-free", "memcpy+0x39/0x60", "Write", 1448,
          ["kasan_check_range+0x10a/0x1c0",
           "memcpy+0x39/0x60",
           "_copy_from_iter+0x1a9/0xdb0",
           "skb_copy_datagram_from_iter+0xc9/0x6b0",
           "tcp_sendmsg_locked+0x1322/0x2f20",
           "tcp_sendmsg+0x2b/0x40"])
    return log.text()


@sample("kasan-slab-oob-constprop",
        "KASAN: slab-out-of-bounds Read in tcp_parse_options")
def _():
    log = boot(Log())
    kasan(log, "slab-out-of-bounds",
          "tcp_parse_options.constprop.0+0x9d2/0xb30", "Read", 1,
          ["tcp_parse_options.constprop.0+0x9d2/0xb30",
           "tcp_rcv_state_process+0x4a1/0x3a70",
           "tcp_v4_do_rcv+0x37a/0x8b0"], alloc=False)
    return log.text()


@sample("kasan-null-ptr-deref",
        "KASAN: null-ptr-deref Read in tcp_inq_hint")
def _():
    log = boot(Log())
    kasan(log, "null-ptr-deref", "tcp_inq_hint+0x4f/0x150", "Read", 4,
          ["kasan_check_range+0x10a/0x1c0", "tcp_inq_hint+0x4f/0x150",
           "tcp_recvmsg+0x118/0x1f0", "inet_recvmsg+0x11c/0x5a0"],
          alloc=False, addr="0000000000000070")
    return log.text()


@sample("kasan-slab-uaf-6.6",
        "KASAN: slab-use-after-free Read in tcp_recvmsg_locked")
def _():
    log = boot(Log())
    kasan(log, "slab-use-after-free", "tcp_recvmsg_locked+0x1b7c/0x1d30",
          "Read", 8, ["tcp_recvmsg_locked+0x1b7c/0x1d30",
                      "tcp_recvmsg+0x118/0x1f0"])
    return log.text()


@sample("kasan-double-free", "KASAN: invalid-free in tcp_zc_finalize_rx")
def _():
    log = boot(Log())
    log.k("=" * 66,
          "BUG: KASAN: double-free in kfree+0x7a/0x120", "")
    cpu(log)
    frames(log, ["dump_stack_lvl+0x48/0x60", "print_report+0x16e/0x4b0",
                 "kasan_report_invalid_free+0x9e/0xc0",
                 "____kasan_slab_free+0x183/0x1b0",
                 "__kmem_cache_free+0xc6/0x2c0", "kfree+0x7a/0x120",
                 "tcp_zc_finalize_rx+0x6a/0x90",
                 "do_tcp_getsockopt+0x1422/0x1990"])
    syscall_end(log)
    log.k("=" * 66)
    return log.text()


@sample("kasan-invalid-free-5.x", "KASAN: invalid-free in tcp_close")
def _():
    log = boot(Log())
    log.k("=" * 66,
          "BUG: KASAN: double-free or invalid-free in "
          "kmem_cache_free+0xb3/0x2c0", "")
    cpu(log, ver="5.10.0")
    frames(log, ["dump_stack+0x107/0x163", "print_address_description",
                 "kasan_report_invalid_free+0x51/0x80",
                 "____kasan_slab_free+0x166/0x180",
                 "kmem_cache_free+0xb3/0x2c0", "tcp_close+0x2a/0xb0",
                 "inet_release+0x12e/0x280"], task=False)
    log.k("=" * 66)
    return log.text()


@sample("kasan-interleaved-ctx",
        "KASAN: use-after-free Read in tcp_zerocopy_receive")
def _():
    log = Log(ctx="T312")
    boot(log)
    log.k("=" * 66)
    log.k("BUG: KASAN: use-after-free in tcp_zerocopy_receive+0x7ad/0xd40")
    log.user("iteration 17 ok")
    log.k("Read of size 4 at addr ffff88800d5e4a70 by task repro/312")
    log.k("rcu: INFO: this line is from another CPU", ctx="C1")
    cpu(log)
    log.user("iteration 18 ok")
    frames(log, ["dump_stack_lvl+0x48/0x60", "print_report+0x16e/0x4b0",
                 "kasan_report+0xb4/0xe0"])
    log.k(" some_other_cpu_func+0x10/0x20", ctx="C1")
    frames(log, ["tcp_zerocopy_receive+0x7ad/0xd40",
                 "do_tcp_getsockopt+0x1422/0x1990"], header=None,
           task=False)
    syscall_end(log)
    log.k("=" * 66)
    return log.text()


# --------------------------------------------------------------- NULL
@sample("null-generic-rip-strlen",
        "BUG: unable to handle kernel NULL pointer dereference in "
        "tcp_get_info_chrono_stats")
def _():
    log = boot(Log())
    log.k("BUG: kernel NULL pointer dereference, address: 0000000000000000",
          "#PF: supervisor read access in kernel mode",
          "#PF: error_code(0x0000) - not-present page",
          "PGD 0 P4D 0 ",
          "Oops: 0000 [#1] PREEMPT SMP NOPTI")
    cpu(log)
    rip(log, "strlen+0x0/0x20")
    frames(log, ["tcp_get_info_chrono_stats+0x41/0xb0",
                 "tcp_get_info+0x2f1/0x4c0", "do_tcp_getsockopt"])
    syscall_end(log)
    oops_end(log, rip_func="strlen+0x0/0x20")
    return log.text()


@sample("null-old-4.9-ip",
        "BUG: unable to handle kernel NULL pointer dereference in "
        "tcp_rearm_rto")
def _():
    log = boot(Log(t=401.2))
    log.k("BUG: unable to handle kernel NULL pointer dereference at "
          "0000000000000030",
          "IP: [<ffffffff8172e9b1>] tcp_rearm_rto+0x31/0xb0",
          "PGD 3c2f5067 PUD 3c2f6067 PMD 0 ",
          "Oops: 0000 [#1] SMP",
          "CPU: 0 PID: 2112 Comm: repro Not tainted 4.9.0-8-amd64 #1",
          "task: ffff88003c0bc0c0 task.stack: ffffc90000d6c000",
          "RIP: 0010:[<ffffffff8172e9b1>]  [<ffffffff8172e9b1>] "
          "tcp_rearm_rto+0x31/0xb0")
    regs(log)
    log.k("Stack:",
          " ffff88003c2a8000 ffff88003c2a8000 0000000000000000",
          "Call Trace:",
          " [<ffffffff8172ab0e>] ? tcp_ack+0x5e/0x1690",
          " [<ffffffff8172d1a5>] tcp_rcv_state_process+0x5f5/0xe10",
          " [<ffffffff81736f0a>] tcp_v4_do_rcv+0xaa/0x1f0",
          " [<ffffffff816c8d35>] __release_sock+0x85/0xe0",
          " [<ffffffff816c8dbd>] release_sock+0x2d/0x90",
          "Code: 48 8b 87 30 01 00 00 <48> 8b 40 30 48 85 c0",
          "RIP  [<ffffffff8172e9b1>] tcp_rearm_rto+0x31/0xb0",
          " RSP <ffffc90000d6fd58>",
          "CR2: 0000000000000030",
          "---[ end trace 4cbd1e5a0cc65bf2 ]---")
    return log.text()


@sample("null-no-rip-truncated-regs",
        "BUG: unable to handle kernel NULL pointer dereference in "
        "tcp_zerocopy_receive")
def _():
    log = boot(Log())
    log.k("BUG: kernel NULL pointer dereference, address: 0000000000000037",
          "#PF: supervisor read access in kernel mode",
          "Oops: 0000 [#1] PREEMPT SMP NOPTI")
    cpu(log)
    # The RIP line was lost on the serial line.
    log.k("Call Trace:", " <TASK>",
          " ? __die+0x1f/0x70", " ? page_fault_oops+0x171/0x4e0",
          " ? exc_page_fault+0x7c/0x180",
          " ? asm_exc_page_fault+0x26/0x30",
          " tcp_zerocopy_receive+0x350/0x6f0",
          " do_tcp_getsockopt+0x38e/0x1460")
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("null-crlf-tcp_zerocopy_receive",
        "BUG: unable to handle kernel NULL pointer dereference in "
        "tcp_zerocopy_receive")
def _():
    log = boot(Log())
    log.user("SIOCINQ=65536")
    log.k("BUG: kernel NULL pointer dereference, address: 0000000000000037",
          "#PF: supervisor read access in kernel mode",
          "#PF: error_code(0x0000) - not-present page",
          "Oops: 0000 [#1] PREEMPT SMP NOPTI")
    cpu(log)
    rip(log, "tcp_zerocopy_receive+0x350/0x6f0")
    frames(log, ["? tcp_zerocopy_receive+0x5/0x6f0",
                 "do_tcp_getsockopt+0x38e/0x1460"])
    syscall_end(log)
    oops_end(log, rip_func="tcp_zerocopy_receive+0x350/0x6f0")
    return log.text(crlf=True)


# ------------------------------------------------------------- PAGING
@sample("paging-isra", "BUG: unable to handle kernel paging request in "
        "tcp_zc_handle_leftover")
def _():
    log = boot(Log())
    log.k("BUG: unable to handle page fault for address: ffff88807e5f8000",
          "#PF: supervisor read access in kernel mode",
          "#PF: error_code(0x0000) - not-present page",
          "PGD 1a01067 P4D 1a01067 PUD 1a02067 PMD 7fd1c063 PTE 0",
          "Oops: 0000 [#1] PREEMPT SMP KASAN NOPTI")
    cpu(log)
    rip(log, "tcp_zc_handle_leftover.isra.0+0x62/0x240")
    frames(log, ["tcp_zerocopy_receive+0x1f2/0xd40",
                 "do_tcp_getsockopt+0x1422/0x1990"])
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("paging-old-4.14", "BUG: unable to handle kernel paging request in "
        "sock_def_readable")
def _():
    log = boot(Log(t=1201.5))
    log.k("BUG: unable to handle kernel paging request at ffffc90001a3f000",
          "IP: sock_def_readable+0x7b/0x180",
          "PGD 3fc0b067 P4D 3fc0b067 PUD 3fc0c067 PMD 3a9f6067 PTE 0",
          "Oops: 0000 [#1] SMP",
          "CPU: 1 PID: 4242 Comm: repro Not tainted 4.14.0 #1",
          "RIP: 0010:sock_def_readable+0x7b/0x180")
    regs(log)
    log.k("Call Trace:",
          " tcp_data_queue+0x4b5/0xdd0",
          " tcp_rcv_established+0x235/0x6f0",
          " tcp_v4_do_rcv+0x11d/0x1f0",
          "Code: 8b 43 08 <48> 8b 00",
          "RIP: sock_def_readable+0x7b/0x180 RSP: ffffc90000c3bb98",
          "CR2: ffffc90001a3f000",
          "---[ end trace 1b2c3d4e5f607182 ]---")
    return log.text()


@sample("paging-memset-rip", "BUG: unable to handle kernel paging request "
        "in tcp_zerocopy_set_hint_for_skb")
def _():
    log = boot(Log())
    log.k("BUG: unable to handle page fault for address: ffffc90000a41000",
          "#PF: supervisor write access in kernel mode",
          "#PF: error_code(0x0002) - not-present page",
          "Oops: 0002 [#1] PREEMPT SMP NOPTI")
    cpu(log)
    rip(log, "memset_orig+0x72/0xb0")
    frames(log, ["? memset_orig+0x72/0xb0",
                 "tcp_zerocopy_set_hint_for_skb+0x9a/0x130",
                 "tcp_zerocopy_receive+0x5e1/0x6f0"])
    syscall_end(log)
    oops_end(log)
    return log.text()


# ------------------------------------------------------------ WARNING
def warning(log, at, func_off, trace, panic=True, ver="6.1.192"):
    log.k("------------[ cut here ]------------")
    log.k("WARNING: CPU: 0 PID: 312 at %s %s" % (at, func_off))
    log.k("Modules linked in:")
    cpu(log, ver=ver)
    rip(log, func_off)
    frames(log, trace)
    syscall_end(log)
    if panic:
        log.k("Kernel panic - not syncing: kernel: panic_on_warn set ...")
        cpu(log)
        frames(log, ["dump_stack_lvl+0x44/0x5c", "panic+0x118/0x2f4",
                     "check_panic_on_warn.cold+0xf/0x1e",
                     "__warn+0x89/0xc0", "report_bug+0xe2/0x150",
                     "handle_bug+0x41/0x70", "exc_invalid_op+0x13/0x60",
                     "asm_exc_invalid_op+0x16/0x20"])
        log.k("Kernel Offset: disabled",
              "---[ end Kernel panic - not syncing: kernel: panic_on_warn "
              "set ... ]---")
    else:
        log.k("---[ end trace 0000000000000000 ]---")


@sample("warning-panic-on-warn", "WARNING in tcp_recvmsg_locked")
def _():
    log = boot(Log())
    warning(log, "net/ipv4/tcp.c:2432", "tcp_recvmsg_locked+0x9b1/0xd80",
            ["tcp_recvmsg+0x94/0x1f0", "inet_recvmsg+0x53/0x120"])
    return log.text()


@sample("warning-refcount", "WARNING: refcount bug in tcp_zc_finalize_rx")
def _():
    log = boot(Log())
    log.k("refcount_t: underflow; use-after-free.")
    warning(log, "lib/refcount.c:28", "refcount_warn_saturate+0xba/0x110",
            ["tcp_zc_finalize_rx+0x45/0x90",
             "do_tcp_getsockopt+0x1422/0x1990"])
    return log.text()


@sample("warning-6.16-format", "WARNING in tcp_zerocopy_receive")
def _():
    log = boot(Log())
    log.k("------------[ cut here ]------------",
          "WARNING: net/ipv4/tcp.c:2087 at tcp_zerocopy_receive+0x5c2/0x6f0"
          ", CPU#0: repro/312",
          "Modules linked in:",
          "CPU: 0 UID: 0 PID: 312 Comm: repro Not tainted 6.16.0 #1")
    rip(log, "tcp_zerocopy_receive+0x5c2/0x6f0")
    frames(log, ["do_tcp_getsockopt+0x38e/0x1460"])
    syscall_end(log)
    log.k("---[ end trace 0000000000000000 ]---")
    return log.text()


@sample("warning-ctx-interleaved", "WARNING in tcp_mmap")
def _():
    log = Log(ctx="T312")
    boot(log)
    log.k("------------[ cut here ]------------")
    log.k("WARNING: CPU: 1 PID: 312 at net/ipv4/tcp.c:1931 "
          "tcp_mmap+0x4c/0x60")
    log.k("hrtimer: interrupt took 1053370 ns", ctx="C0")
    log.user("mmap: trying 4096 bytes")
    log.k("Modules linked in:")
    cpu(log)
    rip(log, "tcp_mmap+0x4c/0x60")
    log.k(" irq_work_run+0x10/0x40", ctx="C0")
    frames(log, ["sock_mmap+0x5a/0x70", "mmap_region+0x80f/0x1490",
                 "do_mmap+0x4d2/0x9f0", "vm_mmap_pgoff+0x1a9/0x270",
                 "ksys_mmap_pgoff+0x36a/0x5d0", "do_syscall_64",
                 "entry_SYSCALL_64_after_hwframe"])
    regs(log, user=True)
    log.k(" </TASK>", "---[ end trace 0000000000000000 ]---")
    return log.text()


@sample("warning-cold-no-panic", "WARNING in tcp_zerocopy_vm_insert_batch_error")
def _():
    log = boot(Log())
    warning(log, "net/ipv4/tcp.c:1980",
            "tcp_zerocopy_vm_insert_batch_error.cold+0x12/0x1e",
            ["tcp_zerocopy_vm_insert_batch+0x1b3/0x2a0",
             "tcp_zerocopy_receive+0x5e1/0x6f0"], panic=False)
    # The kernel carries on: later messages are not the report.
    log.k("ACPI: PM: Preparing to enter system sleep state S5",
          "random: crng init done",
          "EXT4-fs (vda): mounted filesystem with ordered data mode",
          "systemd[1]: Started Journal Service.")
    return log.text()


@sample("warning-no-timestamps", "WARNING in tcp_set_rcvlowat")
def _():
    log = boot(Log(ts=False))
    warning(log, "net/ipv4/tcp.c:1722", "tcp_set_rcvlowat+0x1a0/0x1d0",
            ["do_tcp_setsockopt+0xb8c/0x1370", "__sys_setsockopt"],
            panic=False)
    return log.text()


# --------------------------------------------------------- kernel BUG
@sample("bug-at-invalid-opcode", "kernel BUG in tcp_zerocopy_set_hint_for_skb")
def _():
    log = boot(Log())
    log.k("kernel BUG at net/ipv4/tcp.c:1905!",
          "invalid opcode: 0000 [#1] PREEMPT SMP KASAN")
    cpu(log)
    rip(log, "tcp_zerocopy_set_hint_for_skb+0x3c2/0x3d0")
    frames(log, ["tcp_zerocopy_receive+0x5e1/0x6f0",
                 "do_tcp_getsockopt+0x38e/0x1460"])
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("bug-skb-over-panic", "kernel BUG in tcp_collapse")
def _():
    log = boot(Log())
    log.k("skbuff: skb_over_panic: text:ffffffff8a1e0b7f len:4160 "
          "put:4096 head:ffff888019cf4000 data:ffff888019cf4010 tail:0x1040 "
          "end:0xec0 dev:<NULL>",
          "------------[ cut here ]------------",
          "kernel BUG at net/core/skbuff.c:113!",
          "invalid opcode: 0000 [#1] PREEMPT SMP KASAN")
    cpu(log)
    rip(log, "skb_panic+0x15c/0x160")
    frames(log, ["skb_over_panic+0x2f/0x30", "skb_put.cold+0x24/0x24",
                 "tcp_collapse+0x6d1/0xe40",
                 "tcp_prune_queue+0x2b6/0x3c0"])
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("bug-6.12-oops-invalid-opcode", "kernel BUG in tcp_shutdown")
def _():
    log = boot(Log())
    log.k("kernel BUG at net/ipv4/tcp.c:2899!",
          "Oops: invalid opcode: 0000 [#1] PREEMPT SMP NOPTI",
          "CPU: 0 UID: 0 PID: 312 Comm: repro Not tainted 6.12.0 #1")
    rip(log, "tcp_shutdown+0x8e/0x90")
    frames(log, ["inet_shutdown+0xb3/0x170", "__sys_shutdown+0x62/0xb0"])
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("bug-ud2-no-bug-line", "invalid opcode in tcp_check_sack_reordering")
def _():
    log = boot(Log())
    log.k("invalid opcode: 0000 [#1] PREEMPT SMP NOPTI")
    cpu(log)
    rip(log, "tcp_check_sack_reordering+0x120/0x128")
    frames(log, ["tcp_sacktag_write_queue+0x9c1/0xd30",
                 "tcp_ack+0x6c3/0x1620"])
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("bug-list-corruption", "BUG: corrupted list in inet_unhash")
def _():
    log = boot(Log())
    log.k("list_del corruption, ffff88801a2c4b48->next is LIST_POISON1 "
          "(dead000000000100)",
          "------------[ cut here ]------------",
          "kernel BUG at lib/list_debug.c:56!",
          "invalid opcode: 0000 [#1] PREEMPT SMP")
    cpu(log)
    rip(log, "__list_del_entry_valid.cold+0xf/0x6f")
    frames(log, ["inet_unhash+0x10c/0x230", "tcp_set_state+0x1de/0x5f0",
                 "tcp_close+0x6f/0xb0"])
    syscall_end(log)
    oops_end(log)
    return log.text()


# ----------------------------------------------------------- hung task
def hung(log, frames_, comm="repro", secs=143, panic=True):
    log.k("INFO: task %s:312 blocked for more than %d seconds." % (
        comm, secs),
        "      Not tainted 6.1.192 #1",
        "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables "
        "this message.",
        "task:%-15s state:D stack:27352 pid:312   ppid:1      "
        "flags:0x00004004" % comm)
    frames(log, frames_)
    log.k(" </TASK>")
    log.k("", "Showing all locks held in the system:",
          "1 lock held by khungtaskd/27:",
          " #0: ffffffff8c791da0 (rcu_read_lock){....}-{1:2}, at: "
          "debug_show_all_locks+0x53/0x2a0",
          "1 lock held by repro/312:",
          " #0: ffff888021b2c130 (sk_lock-AF_INET){+.+.}-{0:0}, at: "
          "tcp_recvmsg+0x86/0x1f0",
          "", "=============================================", "")
    log.k("NMI backtrace for cpu 0",
          "CPU: 0 PID: 27 Comm: khungtaskd Not tainted 6.1.192 #1",
          "Call Trace:", " <TASK>", " dump_stack_lvl+0x48/0x60",
          " nmi_cpu_backtrace+0x2a2/0x360", " watchdog+0xd8e/0xe10",
          " kthread+0x2ed/0x3a0", " ret_from_fork+0x1f/0x30", " </TASK>")
    if panic:
        log.k("Kernel panic - not syncing: hung_task: blocked tasks",
              "Kernel Offset: disabled",
              "---[ end Kernel panic - not syncing: hung_task: blocked "
              "tasks ]---")


@sample("hung-mutex", "INFO: task hung in tcp_zerocopy_receive")
def _():
    log = boot(Log(t=160.0))
    hung(log, ["__schedule+0xb4c/0x2fd0", "schedule+0xc3/0x180",
               "schedule_preempt_disabled+0x13/0x20",
               "__mutex_lock+0x925/0x1330",
               "tcp_zerocopy_receive+0x1c4/0x6f0",
               "do_tcp_getsockopt+0x38e/0x1460", "tcp_getsockopt",
               "__sys_getsockopt"])
    return log.text()


@sample("hung-synchronize-rcu", "INFO: task hung in synchronize_rcu")
def _():
    log = boot(Log(t=160.0))
    hung(log, ["__schedule+0xb4c/0x2fd0", "schedule+0xc3/0x180",
               "schedule_timeout+0x1df/0x250",
               "__wait_for_common+0x1f0/0x5c0",
               "__synchronize_srcu+0x19e/0x250",
               "synchronize_rcu_expedited+0x58b/0x8b0",
               "synchronize_net+0x3e/0x60", "tcp_ulp_unregister+0x2b/0x60",
               "cleanup_module"], comm="rmmod", panic=False)
    return log.text()


@sample("hung-old-4.14-brackets", "INFO: task hung in lock_sock_nested")
def _():
    log = boot(Log(t=240.0))
    log.k("INFO: task repro:4242 blocked for more than 120 seconds.",
          "      Not tainted 4.14.0 #1",
          "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables "
          "this message.",
          "repro           D27352  4242   4241 0x00000004",
          "Call Trace:",
          " [<ffffffff81a1b6c7>] __schedule+0x2f7/0x8a0",
          " [<ffffffff81a1bca2>] schedule+0x32/0x80",
          " [<ffffffff8177d9a5>] __lock_sock+0x75/0xc0",
          " [<ffffffff8177da8b>] lock_sock_nested+0x9b/0xb0",
          " [<ffffffff8181b99c>] do_tcp_getsockopt.isra.40+0x1c/0x960",
          " [<ffffffff81777e5a>] SYSC_getsockopt+0x7a/0xe0",
          " [<ffffffff81a2217b>] entry_SYSCALL_64_fastpath+0x1e/0xa9",
          "Kernel panic - not syncing: hung_task: blocked tasks",
          "CPU: 0 PID: 27 Comm: khungtaskd Not tainted 4.14.0 #1",
          "Call Trace:",
          " [<ffffffff81a0b7a6>] dump_stack+0x63/0x8b",
          " [<ffffffff81089d9c>] panic+0xe4/0x23f",
          " [<ffffffff8112c1aa>] watchdog+0x34a/0x3a0",
          "Kernel Offset: disabled")
    return log.text()


# ----------------------------------------------------------- RCU stall
def rcu_irq_frames():
    return ["<IRQ>", "dump_stack_lvl+0x48/0x60",
            "nmi_cpu_backtrace.cold+0x30/0x70",
            "nmi_trigger_cpumask_backtrace+0x2b3/0x2f0",
            "rcu_dump_cpu_stacks+0x1a5/0x240",
            "rcu_sched_clock_irq.cold+0x4f/0x4e0",
            "update_process_times+0x55/0x90",
            "tick_sched_handle+0x22/0x60", "tick_sched_timer+0x79/0xa0",
            "__hrtimer_run_queues+0x11f/0x2b0",
            "hrtimer_interrupt+0xfc/0x230",
            "__sysvec_apic_timer_interrupt+0x5f/0x140",
            "sysvec_apic_timer_interrupt+0x6d/0x90", "</IRQ>", "<TASK>",
            "asm_sysvec_apic_timer_interrupt+0x16/0x20"]


@sample("rcu-self-detected", "INFO: rcu detected stall in sys_getsockopt")
def _():
    log = boot(Log(t=30.0, ctx="C0"))
    log.k("rcu: INFO: rcu_preempt self-detected stall on CPU",
          "rcu: \t0-....: (2099 ticks this GP) idle=3f4c/1/0x4000000000000000"
          " softirq=1433/1433 fqs=1049",
          "\t(t=2100 jiffies g=1797 q=12 ncpus=1)",
          "NMI backtrace for cpu 0")
    cpu(log)
    log.k("Call Trace:")
    for f in rcu_irq_frames():
        log.k(" " + (f if f.startswith("<") else f))
    rip(log, "tcp_zerocopy_receive+0x2b4/0x6f0")
    log.k(" do_tcp_getsockopt+0x38e/0x1460", " tcp_getsockopt+0x35/0x50")
    syscall_end(log)
    log.k("Kernel panic - not syncing: RCU Stall",
          "Kernel Offset: disabled")
    return log.text()


@sample("rcu-detected-stalls-nmi", "INFO: rcu detected stall in sys_getsockopt")
def _():
    log = boot(Log(t=50.0))
    log.k("rcu: INFO: rcu_sched detected stalls on CPUs/tasks:",
          "rcu: \t1-...!: (1 GPs behind) idle=b26/1/0x4000000000000000 "
          "softirq=8812/8813 fqs=0",
          "\t(detected by 0, t=10502 jiffies, g=9197, q=241)",
          "Sending NMI from CPU 0 to CPUs 1:",
          "NMI backtrace for cpu 1",
          "CPU: 1 PID: 312 Comm: repro Not tainted 6.1.192 #1",
          "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996)")
    rip(log, "_raw_spin_lock_bh+0x31/0x40")
    log.k("Call Trace:", " <TASK>",
          " lock_sock_nested+0x39/0xf0",
          " tcp_sendmsg_locked+0x1c2a/0x2f20",
          " tcp_sendmsg+0x2b/0x40")
    syscall_end(log)
    return log.text()


@sample("rcu-old-4.x", "INFO: rcu detected stall in tcp_tasklet_func")
def _():
    log = boot(Log(t=90.0))
    log.k("INFO: rcu_sched self-detected stall on CPU",
          "\t0-...: (20999 ticks this GP) idle=f0e/140000000000001/0 "
          "softirq=5533/5533 fqs=5247 ",
          "\t (t=21000 jiffies g=2609 c=2608 q=56)",
          "NMI backtrace for cpu 0",
          "CPU: 0 PID: 0 Comm: swapper/0 Not tainted 4.14.0 #1",
          "Call Trace:",
          " <IRQ>",
          " dump_stack+0x63/0x8b",
          " nmi_cpu_backtrace+0xc0/0xe0",
          " nmi_trigger_cpumask_backtrace+0xed/0x130",
          " rcu_dump_cpu_stacks+0x9d/0xcd",
          " rcu_check_callbacks+0x7a9/0x8d0",
          " update_process_times+0x2f/0x60",
          " tick_sched_timer+0x38/0x70",
          " __hrtimer_run_queues+0xe7/0x220",
          " hrtimer_interrupt+0xa3/0x1d0",
          " smp_apic_timer_interrupt+0x6b/0x140",
          " apic_timer_interrupt+0x7d/0x90",
          " </IRQ>",
          "RIP: 0010:tcp_tasklet_func+0xa3/0x140",
          "RSP: 0018:ffff88003fc03e80 EFLAGS: 00000246 ORIG_RAX: "
          "ffffffffffffff10",
          " tasklet_action+0x5c/0xf0",
          " __do_softirq+0xde/0x2a0",
          " irq_exit+0xbb/0xc0")
    return log.text()


# ---------------------------------------------------------- soft lockup
@sample("softlockup-rip", "BUG: soft lockup in sys_getsockopt")
def _():
    log = boot(Log(t=40.0))
    log.k("watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [repro:312]",
          "Modules linked in:")
    cpu(log)
    rip(log, "tcp_zerocopy_receive+0x2b4/0x6f0")
    frames(log, ["do_tcp_getsockopt+0x38e/0x1460"])
    syscall_end(log)
    log.k("Kernel panic - not syncing: softlockup: hung tasks")
    cpu(log, tainted=True)
    frames(log, ["<IRQ>", "dump_stack_lvl+0x44/0x5c", "panic+0x118/0x2f4",
                 "watchdog_timer_fn.cold+0x1f/0x1f",
                 "__hrtimer_run_queues+0x112/0x2b0", "</IRQ>"])
    log.k("Kernel Offset: disabled")
    return log.text()


@sample("softlockup-spinlock-rip", "BUG: soft lockup in tcp_tasklet_func")
def _():
    log = boot(Log(t=40.0))
    log.k("watchdog: BUG: soft lockup - CPU#1 stuck for 26s! "
          "[ksoftirqd/1:21]", "Modules linked in:")
    cpu(log, comm="ksoftirqd/1", pid=21)
    rip(log, "native_queued_spin_lock_slowpath+0x6b/0x2c0")
    log.k("Call Trace:", " <TASK>",
          " _raw_spin_lock+0x2a/0x30",
          " tcp_tasklet_func+0x11d/0x1a0",
          " tasklet_action_common.constprop.0+0x9e/0xd0",
          " handle_softirqs+0xd7/0x2b0",
          " run_ksoftirqd+0x2a/0x40",
          " smpboot_thread_fn+0xd9/0x1d0",
          " kthread+0xe8/0x110",
          " ret_from_fork+0x34/0x50",
          " ret_from_fork_asm+0x1a/0x30",
          " </TASK>")
    return log.text()


@sample("softlockup-old-no-watchdog-prefix",
        "BUG: soft lockup in inet_recvmsg")
def _():
    log = boot(Log(t=40.0))
    log.k("BUG: soft lockup - CPU#0 stuck for 23s! [repro:4242]",
          "Modules linked in:",
          "CPU: 0 PID: 4242 Comm: repro Not tainted 4.4.0 #1",
          "RIP: 0010:[<ffffffff816e4b1a>]  [<ffffffff816e4b1a>] "
          "tcp_recvmsg+0x2aa/0xb80")
    regs(log)
    log.k("Call Trace:",
          " [<ffffffff81700a5e>] inet_recvmsg+0x7e/0xb0",
          " [<ffffffff8167cc2b>] sock_recvmsg+0x3b/0x50",
          " [<ffffffff8167e1f1>] SYSC_recvfrom+0xe1/0x160")
    return log.text()


# ------------------------------------------------------------ deadlock
@sample("deadlock-circular", "possible deadlock in tcp_sendpage_locked_caller")
def _():
    log = boot(Log())
    log.k("", "=" * 54,
          "WARNING: possible circular locking dependency detected",
          "6.1.192 #1 Not tainted",
          "-" * 54,
          "repro/312 is trying to acquire lock:",
          "ffff88801c9d1130 (sk_lock-AF_INET){+.+.}-{0:0}, at: "
          "tcp_sendpage_locked_caller+0x2e/0x80",
          "",
          "but task is already holding lock:",
          "ffff888019a1e0d8 (&pipe->mutex/1){+.+.}-{3:3}, at: "
          "pipe_lock+0x5a/0x70",
          "",
          "which lock already depends on the new lock.",
          "",
          "",
          "the existing dependency chain (in reverse order) is:",
          "",
          "-> #1 (sk_lock-AF_INET){+.+.}-{0:0}:",
          "       lock_acquire+0x1a4/0x4b0",
          "       lock_sock_nested+0x48/0x100",
          "       tcp_mmap+0x8a/0x150",
          "",
          "-> #0 (&pipe->mutex/1){+.+.}-{3:3}:",
          "       __lock_acquire+0x2a64/0x5ac0",
          "       lock_acquire+0x1a4/0x4b0",
          "       __mutex_lock+0x12f/0x1330",
          "       pipe_lock+0x5a/0x70",
          "",
          "other info that might help us debug this:",
          "",
          " Possible unsafe locking scenario:",
          "",
          "       CPU0                    CPU1",
          "       ----                    ----",
          "  lock(&pipe->mutex/1);",
          "                               lock(sk_lock-AF_INET);",
          "",
          " *** DEADLOCK ***",
          "",
          "1 lock held by repro/312:",
          " #0: ffff888019a1e0d8 (&pipe->mutex/1){+.+.}-{3:3}, at: "
          "pipe_lock+0x5a/0x70",
          "",
          "stack backtrace:")
    cpu(log)
    frames(log, ["dump_stack_lvl+0xd9/0x150",
                 "check_noncircular+0x25f/0x2e0",
                 "__lock_acquire+0x2a64/0x5ac0",
                 "lock_acquire+0x1a4/0x4b0", "lock_sock_nested+0x48/0x100",
                 "tcp_sendpage_locked_caller+0x2e/0x80"])
    syscall_end(log)
    log.k("clocksource: Switched to clocksource tsc")
    return log.text()


@sample("deadlock-recursive", "possible deadlock in tcp_zc_recursive_helper")
def _():
    log = boot(Log())
    log.k("", "=" * 45,
          "WARNING: possible recursive locking detected",
          "6.1.192 #1 Not tainted",
          "-" * 45,
          "repro/312 is trying to acquire lock:",
          "ffff88801c9d10b0 (slock-AF_INET){+.-.}-{2:2}, at: "
          "_raw_spin_lock_bh+0x35/0x40",
          "",
          "but task is already holding lock:",
          "ffff88801c9d10b0 (slock-AF_INET){+.-.}-{2:2}, at: "
          "tcp_zc_recursive_helper+0x21/0x90",
          "",
          "other info that might help us debug this:",
          " *** DEADLOCK ***",
          "",
          "stack backtrace:")
    cpu(log)
    frames(log, ["dump_stack_lvl+0xd9/0x150",
                 "__lock_acquire.cold+0x1b2/0x3c0",
                 "lock_acquire+0x1a4/0x4b0", "_raw_spin_lock_bh+0x35/0x40",
                 "tcp_zc_recursive_helper+0x45/0x90",
                 "tcp_zerocopy_receive+0x5e1/0x6f0"])
    syscall_end(log)
    return log.text()


@sample("deadlock-irq-inversion-ctx",
        "possible deadlock in tcp_write_timer_handler")
def _():
    log = Log(ctx="T18")
    boot(log)
    log.k("", "=" * 49,
          "WARNING: possible irq lock inversion dependency detected",
          "6.1.192 #1 Not tainted",
          "-" * 49,
          "ksoftirqd/0/18 just changed the state of lock:",
          "ffff88801c9d10b0 (slock-AF_INET){+.-.}-{2:2}, at: "
          "tcp_write_timer_handler+0x2a/0x4b0",
          "but this lock took another, SOFTIRQ-unsafe lock in the past:",
          " (&tp->zc_lock){+.+.}-{2:2}",
          "",
          "stack backtrace:")
    cpu(log, comm="ksoftirqd/0", pid=18)
    frames(log, ["dump_stack_lvl+0xd9/0x150", "mark_lock+0x1f4/0x1ad0",
                 "__lock_acquire+0xb5b/0x5ac0", "lock_acquire+0x1a4/0x4b0",
                 "_raw_spin_lock+0x2e/0x40",
                 "tcp_write_timer_handler+0x2a/0x4b0"])
    log.k(" </TASK>")
    return log.text()


# ------------------------------------------------------ other lockdep
def lockdep(log, header, body, trace):
    log.k("", "=" * len(header), header, "6.1.192 #1 Not tainted",
          "-" * len(header))
    log.k(*body)
    log.k("", "stack backtrace:")
    cpu(log)
    frames(log, ["dump_stack_lvl+0xd9/0x150"] + trace)
    syscall_end(log)


@sample("lockdep-inconsistent", "inconsistent lock state in tcp_zc_update_stats")
def _():
    log = boot(Log())
    lockdep(log, "WARNING: inconsistent lock state", [
        "inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.",
        "ksoftirqd/0/16 [HC0[0]:SC1[1]:HE1:SE0] takes:",
        "ffff88801c9d1388 (&tp->zc_stats_lock){+.?.}-{2:2}, at: "
        "tcp_zc_lock_stats+0x2a/0x80",
        "{SOFTIRQ-ON-W} state was registered at:",
        "  lock_acquire+0x1a4/0x4b0",
        "  _raw_spin_lock+0x2e/0x40",
        "  tcp_zc_update_stats+0x31/0x70",
        "irq event stamp: 14212",
        "hardirqs last  enabled at (14212): [<ffffffff8a1e0b7f>] "
        "_raw_spin_unlock_irq+0x29/0x50",
        "", "other info that might help us debug this:",
        " Possible unsafe locking scenario:",
        " *** DEADLOCK ***"],
        ["mark_lock+0x1f4/0x1ad0", "__lock_acquire+0xb5b/0x5ac0",
         "lock_acquire+0x1a4/0x4b0", "_raw_spin_lock+0x2e/0x40",
         "tcp_zc_lock_stats+0x2a/0x80"])
    return log.text()


@sample("lockdep-suspicious-rcu",
        "WARNING: suspicious RCU usage in tcp_zc_ulp_lookup")
def _():
    log = boot(Log())
    lockdep(log, "WARNING: suspicious RCU usage", [
        "net/ipv4/tcp_ulp.c:42 suspicious rcu_dereference_check() usage!",
        "", "other info that might help us debug this:", "",
        "rcu_scheduler_active = 2, debug_locks = 1",
        "1 lock held by repro/312:",
        " #0: ffff88801c9d1130 (sk_lock-AF_INET){+.+.}-{0:0}, at: "
        "do_tcp_getsockopt+0x8e/0x1990"],
        ["lockdep_rcu_suspicious+0x220/0x340",
         "tcp_zc_ulp_lookup+0x1b6/0x1f0",
         "do_tcp_getsockopt+0x1422/0x1990"])
    return log.text()


@sample("lockdep-bad-unlock",
        "WARNING: bad unlock balance in tcp_zc_release")
def _():
    log = boot(Log())
    lockdep(log, "WARNING: bad unlock balance detected!", [
        "repro/312 is trying to release lock (sk_lock-AF_INET) at:",
        "[<ffffffff8a1e0b7f>] tcp_zc_release+0x2f/0x90",
        "but there are no more locks to release!", "",
        "other info that might help us debug this:",
        "no locks held by repro/312."],
        ["print_unlock_imbalance_bug+0xf4/0x100",
         "lock_release+0x5a4/0x6c0", "release_sock+0x1e/0x1b0",
         "tcp_zc_release+0x2f/0x90"])
    return log.text()


@sample("lockdep-lock-held-user",
        "WARNING: lock held when returning to user space in "
        "tcp_zc_enter")
def _():
    log = boot(Log())
    log.k("", "=" * 48,
          "WARNING: lock held when returning to user space!",
          "6.1.192 #1 Not tainted",
          "-" * 48,
          "repro/312 is leaving the kernel with locks still held!",
          "1 lock held by repro/312:",
          " #0: ffff88801c9d1130 (sk_lock-AF_INET){+.+.}-{0:0}, at: "
          "tcp_zc_enter+0x2e/0x80",
          "ACPI: PM: Preparing to enter system sleep state S5")
    return log.text()


@sample("kasan-global-oob", "KASAN: global-out-of-bounds Read in "
        "tcp_zc_flag_name")
def _():
    log = boot(Log())
    kasan(log, "global-out-of-bounds", "strlen+0x93/0xa0", "Read", 1,
          ["strlen+0x93/0xa0", "tcp_zc_flag_name+0x44/0x70",
           "do_tcp_getsockopt+0x1422/0x1990"], alloc=False)
    return log.text()


@sample("bug-bad-page-state", "BUG: Bad page state in corrupted")
def _():
    log = boot(Log())
    log.k("BUG: Bad page state in process repro  pfn:1a2b3",
          "page:ffffea000068acc0 refcount:0 mapcount:1 "
          "mapping:0000000000000000 index:0x0 pfn:0x1a2b3",
          "flags: 0xfff00000000000(node=0|zone=1|lastcpupid=0x7ff)",
          "page dumped because: nonzero mapcount",
          "Modules linked in:")
    cpu(log)
    frames(log, ["dump_stack_lvl+0x44/0x5c", "bad_page.cold+0x63/0x94",
                 "free_pcp_prepare+0x1c8/0x2a0",
                 "free_unref_page+0x1d/0x120",
                 "tcp_zc_put_pages+0x4a/0x90"])
    syscall_end(log)
    log.k("Disabling lock debugging due to kernel taint",
          "ACPI: PM: Preparing to enter system sleep state S5")
    return log.text()


@sample("bug-spinlock-bad-magic", "BUG: spinlock bad magic in getsockopt")
def _():
    log = boot(Log())
    log.k("BUG: spinlock bad magic on CPU#0, repro/312",
          " lock: 0xffff88801c9d1388, .magic: 00000000, .owner: <none>/-1, "
          ".owner_cpu: 0")
    cpu(log)
    frames(log, ["dump_stack_lvl+0x44/0x5c", "do_raw_spin_lock+0x9d/0xc0",
                 "_raw_spin_lock+0x2e/0x40", "tcp_zc_lock_stats+0x2a/0x80"])
    syscall_end(log)
    return log.text()


@sample("bug-workqueue-lockup", "BUG: workqueue lockup")
def _():
    log = boot(Log(t=70.0))
    log.k("BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 "
          "stuck for 41s!",
          "Showing busy workqueues and worker pools:",
          "workqueue events: flags=0x0",
          "  pwq 0: cpus=0 node=0 flags=0x0 nice=0 active=1/256 refcnt=2",
          "    pending: tcp_zc_deferred_work",
          "ACPI: PM: Preparing to enter system sleep state S5")
    return log.text()


# ------------------------------------------- second of each rare kind
@sample("kasan-null-ptr-deref-write-caller",
        "KASAN: null-ptr-deref Write in tcp_zc_store_hint")
def _():
    log = boot(Log(ctx="T77"))
    kasan(log, "null-ptr-deref", "__asan_store4+0x20/0x90", "Write", 4,
          ["kasan_check_range+0x10a/0x1c0", "__asan_store4+0x20/0x90",
           "tcp_zc_store_hint.isra.0+0x33/0x70",
           "tcp_zerocopy_receive+0x5e1/0x6f0"], alloc=False,
          addr="0000000000000018")
    return log.text()


@sample("kasan-slab-oob-write-crlf",
        "KASAN: slab-out-of-bounds Write in tcp_zc_fill_frags")
def _():
    log = boot(Log())
    log.user("=== RUN frags")
    kasan(log, "slab-out-of-bounds", "tcp_zc_fill_frags.part.0+0x1d2/0x230",
          "Write", 8, ["tcp_zc_fill_frags.part.0+0x1d2/0x230",
                       "tcp_zerocopy_receive+0x5e1/0x6f0"])
    return log.text(crlf=True)


@sample("kasan-uaf-write-no-rip-user-interleaved",
        "KASAN: use-after-free Write in tcp_zc_finalize_rx")
def _():
    log = boot(Log())
    log.k("=" * 66,
          "BUG: KASAN: use-after-free in tcp_zc_finalize_rx+0x5a/0x90")
    log.user("child: done")
    log.k("Write of size 4 at addr ffff88801c9d1a18 by task repro/312", "")
    cpu(log)
    log.user("parent: waiting")
    frames(log, ["dump_stack_lvl+0x48/0x60", "print_report+0x16e/0x4b0",
                 "kasan_report+0xb4/0xe0", "tcp_zc_finalize_rx+0x5a/0x90"])
    syscall_end(log)
    log.k("=" * 66)
    return log.text()


@sample("ubsan-array-index-constprop-6.12",
        "UBSAN: array-index-out-of-bounds in tcp_zc_cmsg_slot")
def _():
    log = boot(Log(ctx="T312"))
    ubsan(log, "array-index-out-of-bounds", "net/ipv4/tcp.c:1877:17",
          "index 8 is out of range for type 'u32 [8]'",
          ["__ubsan_handle_out_of_bounds.cold+0x5e/0x7e",
           "tcp_zc_cmsg_slot.constprop.0+0x91/0xa0",
           "tcp_recv_timestamp+0x3d1/0x4a0"])
    return log.text()


@sample("kfence-oob-write-memset",
        "KFENCE: out-of-bounds write in tcp_zc_clear_copybuf")
def _():
    log = boot(Log())
    log.k("=" * 66,
          "BUG: KFENCE: out-of-bounds write in memset_orig+0x72/0xb0",
          "",
          "Out-of-bounds write at 0xffff88803fd9f040 (64B right of "
          "kfence-#9):",
          " memset_orig+0x72/0xb0",
          " tcp_zc_clear_copybuf+0x2e/0x60",
          " tcp_zerocopy_receive+0x5e1/0x6f0",
          "")
    cpu(log)
    log.k("=" * 66)
    return log.text()


@sample("stack-segment-6.12", "stack segment fault in tcp_zc_walk_frags")
def _():
    log = boot(Log())
    log.k("Oops: stack segment: 0000 [#1] PREEMPT SMP KASAN NOPTI",
          "CPU: 0 UID: 0 PID: 312 Comm: repro Not tainted 6.12.0 #1")
    rip(log, "tcp_zc_walk_frags.isra.0+0x11/0x80")
    frames(log, ["tcp_zerocopy_receive+0x5e1/0x6f0"])
    syscall_end(log)
    oops_end(log)
    return log.text()


# --------------------------------------------------------------- panic
@sample("panic-kill-init", "kernel panic: Attempted to kill init!")
def _():
    log = boot(Log())
    log.user("/init: line 12: mount: not found")
    log.k("Kernel panic - not syncing: Attempted to kill init! "
          "exitcode=0x00000100")
    cpu(log, comm="init", pid=1)
    frames(log, ["dump_stack_lvl+0x44/0x5c", "panic+0x118/0x2f4",
                 "do_exit.cold+0x15/0xb9", "do_group_exit+0x2d/0x80",
                 "__x64_sys_exit_group+0x14/0x20", "do_syscall_64",
                 "entry_SYSCALL_64_after_hwframe"])
    log.k(" </TASK>", "Kernel Offset: disabled",
          "---[ end Kernel panic - not syncing: Attempted to kill init! "
          "exitcode=0x00000100 ]---")
    return log.text()


@sample("panic-stack-protector", "kernel panic: stack is corrupted in "
        "tcp_zc_copybuf_fill")
def _():
    log = boot(Log())
    log.k("Kernel panic - not syncing: stack-protector: Kernel stack is "
          "corrupted in: tcp_zc_copybuf_fill+0x1d2/0x1e0")
    cpu(log)
    frames(log, ["dump_stack_lvl+0x44/0x5c", "panic+0x118/0x2f4",
                 "__stack_chk_fail+0x10/0x10",
                 "tcp_zc_copybuf_fill+0x1d2/0x1e0"])
    log.k("Kernel Offset: disabled")
    return log.text()


@sample("panic-oom", "kernel panic: System is deadlocked on memory")
def _():
    log = boot(Log())
    log.k("Out of memory and no killable processes...",
          "Kernel panic - not syncing: System is deadlocked on memory")
    cpu(log, comm="repro")
    frames(log, ["dump_stack_lvl+0x44/0x5c", "panic+0x118/0x2f4",
                 "out_of_memory.cold+0x6b/0x7e"])
    log.k("Kernel Offset: disabled")
    return log.text()


@sample("panic-fatal-exception-only", "kernel panic: Fatal exception")
def _():
    # The oops itself was lost: only the panic line made it.
    log = boot(Log())
    log.k("Kernel panic - not syncing: Fatal exception",
          "Kernel Offset: disabled",
          "---[ end Kernel panic - not syncing: Fatal exception ]---")
    return log.text()


# --------------------------------------------------------------- UBSAN
def ubsan(log, what, where, detail, trace):
    log.k("=" * 80)
    log.k("UBSAN: %s in %s" % (what, where))
    log.k(detail)
    cpu(log)
    frames(log, ["dump_stack_lvl+0x48/0x60", "ubsan_epilogue+0xa/0x40"] +
           trace)
    syscall_end(log)
    log.k("=" * 80)


@sample("ubsan-shift", "UBSAN: shift-out-of-bounds in tcp_zc_hint_shift")
def _():
    log = boot(Log())
    ubsan(log, "shift-out-of-bounds", "net/ipv4/tcp.c:1889:21",
          "shift exponent 64 is too large for 64-bit type 'long unsigned "
          "int'",
          ["__ubsan_handle_shift_out_of_bounds.cold+0x70/0x14c",
           "tcp_zc_hint_shift.cold+0x11/0x2a",
           "tcp_zerocopy_receive+0x5e1/0x6f0"])
    return log.text()


@sample("ubsan-array-index",
        "UBSAN: array-index-out-of-bounds in skb_frag_page")
def _():
    log = boot(Log())
    ubsan(log, "array-index-out-of-bounds", "include/linux/skbuff.h:3500:9",
          "index 17 is out of range for type 'skb_frag_t [17]'",
          ["__ubsan_handle_out_of_bounds+0xd1/0x110",
           "skb_frag_page+0x4c/0x60",
           "tcp_zc_frag_lookup.isra.0+0x1c/0x80",
           "tcp_zerocopy_receive+0x5e1/0x6f0"])
    return log.text()


@sample("ubsan-truncated-no-stack",
        "UBSAN: shift-out-of-bounds in corrupted")
def _():
    log = boot(Log())
    log.k("=" * 80,
          "UBSAN: shift-out-of-bounds in net/ipv4/tcp.c:1889:21",
          "shift exponent 64 is too large for 64-bit type 'long unsigned "
          "int'")
    return log.text()


@sample("ubsan-old-undefined-behaviour",
        "UBSAN: undefined-behaviour in tcp_rtt_estimator")
def _():
    log = boot(Log())
    log.k("=" * 80,
          "UBSAN: Undefined behaviour in net/ipv4/tcp_input.c:768:12",
          "signed integer overflow:",
          "2147483647 + 1 cannot be represented in type 'int'",
          "CPU: 0 PID: 9 Comm: ksoftirqd/0 Not tainted 4.19.0 #1",
          "Call Trace:", " <IRQ>",
          " dump_stack+0x1d3/0x2c6",
          " ubsan_epilogue+0x9/0x4f",
          " handle_overflow+0x1cc/0x21a",
          " __ubsan_handle_add_overflow+0x2a/0x31",
          " tcp_rtt_estimator+0x9f3/0xa60",
          " tcp_ack_update_rtt+0xb7/0x3a0",
          " </IRQ>",
          "=" * 80)
    return log.text()


# -------------------------------------------------------------- others
@sample("kfence-uaf", "KFENCE: use-after-free read in tcp_zc_read_frag")
def _():
    log = boot(Log())
    log.k("=" * 66,
          "BUG: KFENCE: use-after-free read in tcp_zc_read_frag+0x37/0x90",
          "",
          "Use-after-free read at 0xffff88803fd9ff00 (in kfence-#72):",
          " tcp_zc_read_frag+0x37/0x90",
          " tcp_zerocopy_receive+0x5e1/0x6f0",
          " do_tcp_getsockopt+0x38e/0x1460",
          "",
          "kfence-#72: 0xffff88803fd9ff00-0xffff88803fd9ff3f, size=64, "
          "cache=kmalloc-64",
          "",
          "allocated by task 312 on cpu 0 at 5.123456s:",
          " __kmem_cache_alloc_node+0x1b2/0x280",
          " kmalloc_trace+0x26/0x90",
          "")
    cpu(log)
    log.k("=" * 66)
    return log.text()


@sample("kmsan-uninit", "KMSAN: uninit-value in tcp_zc_finalize_rx")
def _():
    log = boot(Log())
    log.k("=" * 66,
          "BUG: KMSAN: uninit-value in tcp_zc_finalize_rx+0x1c3/0x230",
          " tcp_zc_finalize_rx+0x1c3/0x230",
          " tcp_zerocopy_receive+0x7f1/0xd40",
          " do_tcp_getsockopt+0x2c21/0x4d20",
          "",
          "Uninit was created at:",
          " __alloc_pages+0x9a7/0xe00",
          " tcp_zerocopy_receive+0x3e1/0xd40",
          "")
    cpu(log)
    log.k("=" * 66)
    return log.text()


@sample("divide-error", "divide error in tcp_tso_autosize")
def _():
    log = boot(Log())
    log.k("divide error: 0000 [#1] PREEMPT SMP KASAN")
    cpu(log)
    rip(log, "tcp_tso_autosize+0x5c/0x110")
    frames(log, ["tcp_tso_segs+0x1e/0x60", "tcp_write_xmit+0x1b9/0x5f70"])
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("divide-error-6.12", "divide error in __tcp_select_window")
def _():
    log = boot(Log())
    log.k("Oops: divide error: 0000 [#1] PREEMPT SMP NOPTI",
          "CPU: 0 UID: 0 PID: 312 Comm: repro Not tainted 6.12.0 #1")
    rip(log, "__tcp_select_window+0x2e1/0x3a0")
    frames(log, ["tcp_cleanup_rbuf+0x1b0/0x2f0", "tcp_recvmsg_locked"])
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("stack-segment", "stack segment fault in tcp_zc_pin_pages")
def _():
    log = boot(Log())
    log.k("stack segment: 0000 [#1] PREEMPT SMP KASAN")
    cpu(log)
    rip(log, "tcp_zc_pin_pages+0x8e/0x2c0")
    frames(log, ["tcp_zerocopy_receive+0x5e1/0x6f0"])
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("scheduling-while-atomic",
        "BUG: scheduling while atomic in msleep")
def _():
    log = boot(Log())
    log.k("BUG: scheduling while atomic: repro/312/0x00000002",
          "Modules linked in:",
          "Preemption disabled at:",
          "[<ffffffff8a1e0b7f>] tcp_zc_wait_for_pages+0x2f/0x90")
    cpu(log)
    frames(log, ["dump_stack_lvl+0x44/0x5c", "__schedule_bug.cold+0x3d/0x4e",
                 "__schedule+0x804/0xa00", "schedule+0x5a/0xd0",
                 "schedule_timeout+0x94/0x150", "msleep+0x29/0x40",
                 "tcp_zc_wait_for_pages+0x4a/0x90",
                 "tcp_zerocopy_receive+0x5e1/0x6f0"])
    syscall_end(log)
    log.k("zcguard: ok 1 done")
    return log.text()


@sample("sleeping-in-atomic",
        "BUG: sleeping function called from invalid context in "
        "tcp_zc_alloc_copybuf")
def _():
    log = boot(Log())
    log.k("BUG: sleeping function called from invalid context at "
          "include/linux/sched/mm.h:274",
          "in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 312, "
          "name: repro",
          "preempt_count: 201, expected: 0",
          "RCU nest depth: 0, expected: 0")
    cpu(log)
    frames(log, ["dump_stack_lvl+0x125/0x1b0", "__might_resched+0x3c3/0x5e0",
                 "__kmalloc+0x2e5/0x3e0",
                 "tcp_zc_alloc_copybuf+0x4a/0x90",
                 "tcp_zerocopy_receive+0x5e1/0x6f0"])
    syscall_end(log)
    return log.text()


@sample("memory-leak-debugfs", "memory leak in tcp_zc_build_hint")
def _():
    # What a syzkaller-style runner prints after reading
    # /sys/kernel/debug/kmemleak: no printk timestamps at all.
    log = Log(ts=False)
    log.k("BUG: memory leak",
          "unreferenced object 0xffff888109a3c000 (size 256):",
          "  comm \"repro\", pid 312, jiffies 4294945123 (age 13.920s)",
          "  hex dump (first 32 bytes):",
          "    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  "
          "................",
          "  backtrace:",
          "    [<ffffffff8160a6f3>] kmalloc_trace+0x23/0x90",
          "    [<ffffffff83b1c2e9>] tcp_zc_build_hint+0x39/0x120",
          "    [<ffffffff83b1d111>] tcp_zerocopy_receive+0x5e1/0x6f0",
          "")
    return log.text()


@sample("memory-leak-verbose", "memory leak in tcp_zerocopy_receive")
def _():
    log = boot(Log())
    log.k("kmemleak: 1 new suspected memory leaks (see "
          "/sys/kernel/debug/kmemleak)",
          "kmemleak: unreferenced object 0xffff888109a3c000 (size 4096):",
          "kmemleak:   comm \"repro\", pid 312, jiffies 4294945123",
          "kmemleak:   backtrace (crc 5a3b1c2d):",
          "kmemleak:     [<ffffffff8160a6f3>] __kmalloc+0x4b/0x150",
          "kmemleak:     [<ffffffff83b1c2e9>] "
          "tcp_zc_copybuf_alloc+0x39/0x120",
          "kmemleak:     [<ffffffff83b1d111>] "
          "tcp_zerocopy_receive+0x5e1/0x6f0")
    return log.text()


@sample("double-fault", "PANIC: double fault in tcp_zc_recurse")
def _():
    log = boot(Log())
    log.k("BUG: TASK stack guard page was hit at ffffc90000b67ff8 "
          "(stack is ffffc90000b68000..ffffc90000b6c000)")
    log.lines.pop()  # keep the sample about the double fault only
    log.k("PANIC: double fault, error_code: 0x0")
    cpu(log)
    rip(log, "tcp_zc_recurse+0x13/0x40")
    log.k("Kernel panic - not syncing: Machine halted.")
    return log.text()


# ------------------------------------------------ several / none / junk
@sample("two-crashes-first-wins", "WARNING in tcp_zerocopy_receive")
def _():
    log = boot(Log())
    warning(log, "net/ipv4/tcp.c:2087", "tcp_zerocopy_receive+0x5c2/0x6f0",
            ["do_tcp_getsockopt+0x38e/0x1460"], panic=False)
    log.k("general protection fault, probably for non-canonical address "
          "0xdffffc0000000006: 0000 [#1] PREEMPT SMP KASAN")
    cpu(log, tainted=True)
    rip(log, "tcp_recv_skb+0x8a/0x3a0")
    frames(log, ["tcp_zerocopy_receive+0x21d/0xd30"])
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("two-crashes-null-then-bug",
        "BUG: unable to handle kernel NULL pointer dereference in "
        "tcp_zc_finalize_rx")
def _():
    log = boot(Log())
    log.k("BUG: kernel NULL pointer dereference, address: 0000000000000008",
          "#PF: supervisor read access in kernel mode",
          "Oops: 0000 [#1] PREEMPT SMP NOPTI")
    cpu(log)
    rip(log, "tcp_zc_finalize_rx+0x21/0x90")
    frames(log, ["tcp_zerocopy_receive+0x7f1/0xd40"])
    syscall_end(log)
    log.k("Modules linked in:", "---[ end trace 0000000000000000 ]---")
    rip(log, "tcp_zc_finalize_rx+0x21/0x90")
    log.k("note: repro[312] exited with irqs disabled")
    log.k("kernel BUG at mm/slub.c:447!",
          "invalid opcode: 0000 [#2] PREEMPT SMP NOPTI")
    cpu(log, tainted=True)
    rip(log, "kfree+0x2a1/0x2b0")
    return log.text()


@sample("none-clean-boot", "(none)")
def _():
    log = boot(Log(), n=14)
    log.user("=== RUN tcp_zerocopy_abi", "ok 1 optlen_min",
             "ok 2 optlen_max", "# totals: pass:2 fail:0")
    log.k("ACPI: PM: Preparing to enter system sleep state S5",
          "reboot: Power down")
    return log.text()


@sample("none-user-says-bug", "(none)")
def _():
    # Test programs print crash-like words; only kernel lines count.
    log = boot(Log())
    log.user("WARNING: CPU: 0 PID: 1 at test.c:1 fake+0x1/0x2",
             "BUG: KASAN: use-after-free in user_program+0x10/0x20",
             "general protection fault expected by test 7: skipped",
             "Kernel panic - not syncing: just a string in a test")
    log.k("reboot: Power down")
    return log.text()


@sample("none-info-messages", "(none)")
def _():
    log = boot(Log())
    log.k("INFO: lockdep is turned off.",
          "traps: repro[312] general protection fault ip:401d2e "
          "sp:7ffc2c1d8e40 error:0 in repro[401000+9a000]",
          "traps: repro[313] trap divide error ip:401d41 sp:7ffc2c1d8e40 "
          "error:0 in repro[401000+9a000]",
          "repro[314]: segfault at 0 ip 0000000000401d55 sp "
          "00007ffc2c1d8e40 error 4 in repro[401000+9a000]",
          "WARNING: workqueue cpumask: online intersect > possible "
          "intersect",
          "kernel: BUG_ON tests skipped",
          "UBSAN enabled for: net/ipv4",
          "reboot: Power down")
    return log.text()


@sample("garbage-nul-bytes", "general protection fault in tcp_zc_read_frag")
def _():
    log = boot(Log())
    log.user("\x00\x00\x00\xff\xfe\x1b[0m\x07junk\x00")
    log.k("general protection fault, probably for non-canonical address "
          "0xdffffc0000000006: 0000 [#1] PREEMPT SMP KASAN")
    log.lines.append("\x00\x00\x00")
    cpu(log)
    log.lines.append("\x01\x02\x03 \xe2\x82 half-utf8")
    rip(log, "tcp_zc_read_frag+0x2a/0x90")
    frames(log, ["tcp_zerocopy_receive+0x5e1/0x6f0"])
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("user-output-same-line",
        "BUG: unable to handle kernel NULL pointer dereference in "
        "tcp_zerocopy_receive")
def _():
    log = boot(Log())
    log.k("BUG: kernel NULL pointer dereference, address: 0000000000000037")
    # The serial line merges a user write with the next kernel line.
    log.lines[-1] = "mmap ok " + log.lines[-1]
    log.k("#PF: supervisor read access in kernel mode",
          "Oops: 0000 [#1] PREEMPT SMP NOPTI")
    cpu(log)
    rip(log, "tcp_zerocopy_receive+0x350/0x6f0")
    log.lines[-3] = "SIOCINQ=65536" + log.lines[-3]
    frames(log, ["do_tcp_getsockopt+0x38e/0x1460"])
    syscall_end(log)
    oops_end(log)
    return log.text()


@sample("truncated-gpf-header-only", "general protection fault in corrupted")
def _():
    log = boot(Log())
    log.k("general protection fault, probably for non-canonical address "
          "0xdffffc0000000006: 0000 [#1] PREEMPT SMP KASAN",
          "KASAN: null-ptr-deref in range "
          "[0x0000000000000030-0x0000000000000037]",
          "CPU: 0 PID: 32 Comm: re")
    return log.text()[:-1]  # no final newline either


@sample("truncated-warning-mid-trace", "WARNING in corrupted")
def _():
    log = boot(Log())
    log.k("------------[ cut here ]------------",
          "WARNING: CPU: 0 PID: 312 at net/ipv4/tcp.c:2087 "
          "tcp_zerocopy_receive+0x5c2/0x6f0",
          "Modules linked in:")
    cpu(log)
    log.k("RIP: 0010:tcp_zerocopy_recei")
    return log.text()


@sample("symbolized-syzkaller-style", "KASAN: use-after-free Read in "
        "tcp_zerocopy_receive")
def _():
    log = boot(Log())
    log.k("=" * 66,
          "BUG: KASAN: use-after-free in tcp_zerocopy_receive+0x7ad/0xd40 "
          "net/ipv4/tcp.c:2087",
          "Read of size 4 at addr ffff88800d5e4a70 by task repro/312",
          "",
          "CPU: 0 PID: 312 Comm: repro Not tainted 6.1.192 #1",
          "Call Trace:",
          " <TASK>",
          " __dump_stack lib/dump_stack.c:88 [inline]",
          " dump_stack_lvl+0xd9/0x150 lib/dump_stack.c:106",
          " print_address_description mm/kasan/report.c:306 [inline]",
          " print_report+0xc1/0x5e0 mm/kasan/report.c:417",
          " kasan_report+0xba/0xf0 mm/kasan/report.c:517",
          " tcp_zerocopy_receive+0x7ad/0xd40 net/ipv4/tcp.c:2087",
          " do_tcp_getsockopt+0x1422/0x1990 net/ipv4/tcp.c:4212",
          " </TASK>",
          "=" * 66)
    return log.text()


# Kinds the crash zoo (tests/report/zoo, kernels/zoo) now has as real
# 6.1 console logs: their synthesized twins are no longer written.
RETIRED = {
    "kasan-global-oob", "kasan-uaf-read", "kasan-double-free",
    "kfence-uaf", "kfence-oob-write-memset", "ubsan-array-index",
    "ubsan-shift", "warning-refcount", "deadlock-circular",
    "deadlock-recursive", "lockdep-bad-unlock", "lockdep-suspicious-rcu",
    "scheduling-while-atomic", "divide-error", "lockdep-lock-held-user",
    "hung-mutex", "bug-at-invalid-opcode", "softlockup-rip",
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, (fn, title) in sorted(SAMPLES.items()):
        # built even when retired: the others' random values stay the same
        text = fn()
        if name in RETIRED:
            continue
        with open(os.path.join(OUT, name + ".log"), "wb") as f:
            f.write(text.encode("latin-1"))
        with open(os.path.join(OUT, name + ".title"), "w") as f:
            f.write(title + "\n")
    print("%d samples in %s" % (len(SAMPLES), OUT))


main()
