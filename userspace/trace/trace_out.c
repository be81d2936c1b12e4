// SPDX-License-Identifier: GPL-2.0
/* Text and JSON output of `zcguard trace` (see trace_out.h). */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "lib/json.h"
#include "trace/trace_out.h"

static void fmt_addr(char *buf, size_t len, int family, const __u8 *a,
		     unsigned int port)
{
	char ip[INET6_ADDRSTRLEN] = "?";

	if (family == AF_INET)
		inet_ntop(AF_INET, a, ip, sizeof(ip));
	else if (family == AF_INET6)
		inet_ntop(AF_INET6, a, ip, sizeof(ip));
	if (family == AF_INET6)
		snprintf(buf, len, "[%s]:%u", ip, port);
	else
		snprintf(buf, len, "%s:%u", ip, port);
}

static void comm_of(char *buf, const struct zct_event *e)
{
	memcpy(buf, e->comm, ZCT_COMM_LEN);
	buf[ZCT_COMM_LEN] = '\0';
}

static double rel_sec(const struct zct_out *o, unsigned long long ns)
{
	return ns > o->t0_ns ? (ns - o->t0_ns) / 1e9 : 0.0;
}

/*
 * Every JSON record is one object a line (JSON Lines), its "type" first:
 * the writer j is inside it. zcg_json_end() ends the line.
 */
static void json_line(struct zct_out *o, struct zcg_json *j,
		      const char *type)
{
	zcg_json_start(j, o->f);
	zcg_json_inline(j);
	zcg_json_obj(j, NULL);
	zcg_json_kstr(j, "type", type);
}

static void json_event(struct zct_out *o, const struct zct_event *e,
		       const char *local, const char *peer)
{
	char comm[ZCT_COMM_LEN + 1];
	struct zcg_json j;

	comm_of(comm, e);
	json_line(o, &j, e->kind == ZCT_CALL ? "call" : "violation");
	zcg_json_knum(&j, "t", rel_sec(o, e->ts_ns), 6);
	zcg_json_kint(&j, "pid", e->pid);
	zcg_json_kint(&j, "tid", e->tid);
	zcg_json_kstr(&j, "comm", comm);
	zcg_json_kstr(&j, "local", local);
	zcg_json_kstr(&j, "peer", peer);
	zcg_json_kint(&j, "state", e->state);
	zcg_json_kint(&j, "optlen", e->optlen);
	zcg_json_kint(&j, "inq", e->inq);
	zcg_json_kint(&j, "queued", e->queued);
	zcg_json_kint(&j, "qlen", e->qlen);
	zcg_json_kint(&j, "rcv_nxt", e->rcv_nxt);
	zcg_json_kint(&j, "copied_seq", e->copied_seq);
	zcg_json_kbool(&j, "violation", e->flags & ZCT_F_VIOLATION);
	zcg_json_kint(&j, "address", (long long)e->address);
	zcg_json_kint(&j, "length", e->req_len);
	zcg_json_kint(&j, "copybuf_len", e->copybuf_req);
	if (e->kind == ZCT_CALL) {
		zcg_json_kint(&j, "mapped", e->mapped_len);
		zcg_json_kint(&j, "recv_skip_hint", e->skip_hint);
		zcg_json_kint(&j, "copybuf_used", e->copybuf_used);
		zcg_json_kint(&j, "ret", e->ret);
		zcg_json_kint(&j, "dur_ns", (long long)e->dur_ns);
	}
	zcg_json_end(&j);
}

static void text_event(struct zct_out *o, const struct zct_event *e,
		       const char *local, const char *peer)
{
	char comm[ZCT_COMM_LEN + 1];
	char optlen[16] = "?";
	FILE *f = o->f;

	comm_of(comm, e);
	if (e->optlen >= 0)
		snprintf(optlen, sizeof(optlen), "%d", e->optlen);
	if (e->kind == ZCT_ENTRY_VIOLATION) {
		fprintf(f, "%10.6f VIOLATION pid=%u comm=%s %s <- %s "
			"inq=%u queued=%u qlen=%u rcv_nxt=%u copied_seq=%u "
			"req=%u: tcp_inq exceeds the receive queue\n",
			rel_sec(o, e->ts_ns), e->pid, comm, local, peer,
			e->inq, e->queued, e->qlen, e->rcv_nxt, e->copied_seq,
			e->req_len);
		return;
	}
	if (!o->header_done) {
		fprintf(f, "%10s %7s %-15s %-22s %-22s %6s %8s %8s %8s %8s "
			"%6s %11s %5s %7s\n", "TIME(s)", "PID", "COMM",
			"LOCAL", "PEER", "OPTLEN", "INQ", "QUEUED", "REQ",
			"MAPPED", "SKIP", "COPYBUF", "RET", "DUR(us)");
		o->header_done = true;
	}
	fprintf(f, "%10.6f %7u %-15s %-22s %-22s %6s %8u %8u %8u %8u %6u "
		"%5d/%-5d %5d %7.1f%s\n", rel_sec(o, e->ts_ns), e->pid, comm,
		local, peer, optlen, e->inq, e->queued, e->req_len,
		e->mapped_len, e->skip_hint, e->copybuf_used, e->copybuf_req,
		e->ret, e->dur_ns / 1e3,
		(e->flags & ZCT_F_VIOLATION) ? " VIOLATION" : "");
}

void zct_out_event(struct zct_out *o, const struct zct_event *e)
{
	char local[64], peer[64];

	if (e->kind == ZCT_CALL) {
		o->events++;
		/* Only event mode sends calls; -q there only counts. */
		if (o->summary || o->quiet)
			return;
	}
	fmt_addr(local, sizeof(local), e->family, e->saddr, e->sport);
	fmt_addr(peer, sizeof(peer), e->family, e->daddr, e->dport);
	if (o->json)
		json_event(o, e, local, peer);
	else
		text_event(o, e, local, peer);
	fflush(o->f);
}

void zct_out_tick(struct zct_out *o, double t_sec,
		  const struct zct_counters *d)
{
	unsigned long long calls = d->returns;
	double avg = calls ? d->dur_sum / 1e3 / calls : 0;

	if (!o->summary)
		return;
	if (o->json) {
		struct zcg_json j;

		json_line(o, &j, "summary");
		zcg_json_knum(&j, "t", t_sec, 1);
		zcg_json_kint(&j, "calls", (long long)calls);
		zcg_json_kint(&j, "mapped", (long long)d->mapped);
		zcg_json_kint(&j, "copybuf", (long long)d->copybuf);
		zcg_json_kint(&j, "skipped", (long long)d->skipped);
		zcg_json_kint(&j, "errors", (long long)d->errors);
		zcg_json_kint(&j, "violations", (long long)d->violations);
		zcg_json_knum(&j, "avg_us", avg, 1);
		zcg_json_knum(&j, "max_us", d->dur_max / 1e3, 1);
		zcg_json_end(&j);
	} else {
		fprintf(o->f, "%6.1fs calls=%llu mapped=%llu copybuf=%llu "
			"skipped=%llu errors=%llu violations=%llu "
			"avg=%.1fus max=%.1fus\n", t_sec, calls,
			(unsigned long long)d->mapped,
			(unsigned long long)d->copybuf,
			(unsigned long long)d->skipped,
			(unsigned long long)d->errors,
			(unsigned long long)d->violations, avg,
			d->dur_max / 1e3);
	}
	fflush(o->f);
}

/*
 * calls: finished calls as the kernel side counted them; events: the
 * per-call records user space received (event mode only, else 0), so a
 * test can check that every call arrived as a record.
 */
void zct_out_totals(struct zct_out *o, const char *mode,
		    const struct zct_counters *c)
{
	const char *counting = o->per_call ? "events" : "kernel counters";
	/* Without a return program only entries are known. */
	unsigned long long calls = o->entry_only ? c->entries : c->returns;

	if (o->json) {
		struct zcg_json j;

		json_line(o, &j, "total");
		zcg_json_kstr(&j, "mode", mode);
		zcg_json_kstr(&j, "counting", counting);
		zcg_json_kint(&j, "calls", (long long)calls);
		zcg_json_kint(&j, "events", (long long)o->events);
		zcg_json_kint(&j, "violations", (long long)c->violations);
		zcg_json_kint(&j, "errors", (long long)c->errors);
		zcg_json_kint(&j, "entries", (long long)c->entries);
		zcg_json_kint(&j, "returns", (long long)c->returns);
		zcg_json_kint(&j, "dropped", (long long)c->dropped);
		zcg_json_kint(&j, "missed", (long long)o->missed);
		zcg_json_end(&j);
	} else {
		fprintf(o->f, "zcguard trace: %llu calls traced (%llu entered, "
			"%s%llu returned, %llu per-call records), %llu errors, "
			"%llu dropped, %llu missed, violations: %llu\n",
			calls, (unsigned long long)c->entries,
			o->entry_only ? "entry only, " : "",
			(unsigned long long)c->returns, o->events,
			(unsigned long long)c->errors,
			(unsigned long long)c->dropped, o->missed,
			(unsigned long long)c->violations);
	}
	fflush(o->f);
}
