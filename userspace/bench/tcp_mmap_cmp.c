// SPDX-License-Identifier: GPL-2.0
/*
 * --compare-tcp-mmap BIN: the kernel's own benchmark, tcp_mmap.c from
 * tools/testing/selftests/net (built as is into build/tcp_mmap), and
 * ours, in the same namespace, the same run, alternating repetitions:
 * copy mode (server without -z) and zerocopy mode (server -z), the
 * client always -z (MSG_ZEROCOPY, our msg_zc sender). tcp_mmap's client
 * sends 32 GiB; it is killed after --duration, which closes its socket
 * (FIN) and makes the server thread print its summary.
 */
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/opts.h"
#include "lib/json.h"
#include "lib/spawn.h"

#define PORT_BASE 8787
#define READY_MS 5000
#define SUMMARY_MS 15000
#define AGREE_PCT 10.0
#define MAX_REPS 100

struct tm_server {
	pid_t pid;
	int fd;			/* read end of its stdout + stderr */
	int port;
	char buf[4096];
	size_t len;
};

struct tm_sample {
	double usec_per_mb, mapped_pct, gbit;
};

/* Is anything listening on the port in our namespace? */
static int port_listening(int port)
{
	char line[256], want[16];
	FILE *f = fopen(bench_family == AF_INET6 ? "/proc/net/tcp6" :
			"/proc/net/tcp", "r");
	int found = 0;

	if (!f)
		return 0;
	/* local_address is ...:PORT in hex, state 0A is LISTEN */
	snprintf(want, sizeof(want), ":%04X 0", port);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, want) && strstr(line, " 0A "))
			found = 1;
	fclose(f);
	return found;
}

/* argv of "taskset -c CPU" to put in front of a command, or nothing. */
static int pin_prefix(char **argv, char *buf, size_t len, int cpu)
{
	if (cpu < 0)
		return 0;
	snprintf(buf, len, "%d", cpu);
	argv[0] = "taskset";
	argv[1] = "-c";
	argv[2] = buf;
	return 3;
}

static int server_start(struct tm_server *s, const struct bench_opts *o,
			int zc, int port)
{
	char cbuf[32], pbuf[16], cpu[16];
	char *argv[16];
	long long end = zcg_now_ms() + READY_MS;
	int p[2], i;

	i = pin_prefix(argv, cpu, sizeof(cpu), o->rx_cpu);
	/* line-buffered, or the summary would sit in a pipe buffer */
	argv[i++] = "stdbuf";
	argv[i++] = "-oL";
	argv[i++] = (char *)o->tcp_mmap;
	argv[i++] = bench_family == AF_INET6 ? "-6" : "-4";
	argv[i++] = "-s";
	argv[i++] = "-C";
	argv[i++] = cbuf;
	argv[i++] = "-p";
	argv[i++] = pbuf;
	if (zc)
		argv[i++] = "-z";
	argv[i] = NULL;
	snprintf(cbuf, sizeof(cbuf), "%zu", o->sizes[0]);
	snprintf(pbuf, sizeof(pbuf), "%d", port);
	memset(s, 0, sizeof(*s));
	s->port = port;
	if (pipe(p))
		return -1;
	s->pid = zcg_spawn(argv, NULL, p[1]);
	close(p[1]);
	s->fd = p[0];
	if (s->pid < 0)
		return -1;
	/* Bounded wait for the listening socket, in 10 ms steps. */
	while (!port_listening(port)) {
		if (zcg_now_ms() > end || zcg_reap(s->pid, NULL) == 0) {
			fprintf(stderr, "zcguard bench: tcp_mmap server not "
				"listening on port %d\n", port);
			return -1;
		}
		poll(NULL, 0, 10);
	}
	return 0;
}

static void server_stop(struct tm_server *s)
{
	if (s->pid > 0) {
		zcg_kill_group(s->pid);
		zcg_wait(s->pid, 5000, NULL);
	}
	if (s->fd > 0)
		close(s->fd);
}

/* Reads the server's output until one connection's summary is there. */
static int server_summary(struct tm_server *s, struct tm_sample *out)
{
	long long end = zcg_now_ms() + SUMMARY_MS;
	double mb, secs, user, sys;
	struct pollfd p;
	char *r, *c;
	ssize_t n;
	int left;

	for (;;) {
		s->buf[s->len] = 0;
		r = strstr(s->buf, "received ");
		c = r ? strstr(r, "usec per MB") : NULL;
		if (c && sscanf(r, "received %lg MB (%lg %% mmap'ed) in %lg s, "
				"%lg Gbit", &mb, &out->mapped_pct, &secs,
				&out->gbit) == 4) {
			c = strstr(r, "cpu usage");
			if (c && sscanf(c, "cpu usage user:%lg sys:%lg, %lg",
					&user, &sys, &out->usec_per_mb) == 3) {
				/* consume up to the end of that line */
				c = strchr(c, '\n');
				if (c) {
					s->len -= c + 1 - s->buf;
					memmove(s->buf, c + 1, s->len);
					return 0;
				}
			}
		}
		p.fd = s->fd;
		p.events = POLLIN;
		left = (int)(end - zcg_now_ms());
		if (left <= 0 || poll(&p, 1, left) != 1)
			break;
		if (s->len >= sizeof(s->buf) - 1)	/* keep the tail */
			s->len = 0;
		n = read(s->fd, s->buf + s->len, sizeof(s->buf) - 1 - s->len);
		if (n <= 0)
			break;
		s->len += n;
	}
	fprintf(stderr, "zcguard bench: no summary from tcp_mmap server: %s\n",
		s->buf);
	return -1;
}

static int client_run(const struct bench_opts *o, int port)
{
	char cbuf[32], pbuf[16], cpu[16];
	char *argv[16];
	double duration = o->duration;
	pid_t pid;
	int st, i;

	i = pin_prefix(argv, cpu, sizeof(cpu), o->tx_cpu);
	argv[i++] = (char *)o->tcp_mmap;
	argv[i++] = bench_family == AF_INET6 ? "-6" : "-4";
	argv[i++] = "-H";
	argv[i++] = bench_family == AF_INET6 ? "::1" : "127.0.0.1";
	argv[i++] = "-z";
	argv[i++] = "-C";
	argv[i++] = cbuf;
	argv[i++] = "-p";
	argv[i++] = pbuf;
	argv[i] = NULL;
	snprintf(cbuf, sizeof(cbuf), "%zu", o->sizes[0]);
	snprintf(pbuf, sizeof(pbuf), "%d", port);
	pid = zcg_spawn(argv, "/dev/null", -1);
	if (pid < 0)
		return -1;
	/* The client sends 32 GiB: the duration ends it, not the data. */
	if (zcg_wait(pid, (int)(duration * 1000), &st) == 0) {
		fprintf(stderr, "zcguard bench: tcp_mmap client ended early "
			"(status %d)\n", st);
		return -1;
	}
	zcg_kill_group(pid);
	zcg_wait(pid, 5000, &st);
	return 0;
}

static int ours(const struct bench_opts *o, enum bench_rx rx,
		struct bench_sample *s)
{
	return bench_run_zc(o, rx, NULL, s);
}

static int theirs(const struct bench_opts *o, struct tm_server *srv,
		  struct tm_sample *t)
{
	if (client_run(o, srv->port))
		return -1;
	return server_summary(srv, t);
}

static void report(FILE *f, struct zcg_json *js, const char *mode,
		   const double *a, const double *b, const double *ma,
		   const double *mb, int n, int *agree)
{
	struct bench_stat sa, sb, sr, pa, pb;
	double ratio[MAX_REPS];
	int i, ok;

	for (i = 0; i < n; i++)
		ratio[i] = a[i] / b[i];
	bench_stat_of(a, n, &sa);
	bench_stat_of(b, n, &sb);
	bench_stat_of(ratio, n, &sr);
	bench_stat_of(ma, n, &pa);
	bench_stat_of(mb, n, &pb);
	fprintf(f, "%-5s zcguard %7.1f usec/MB [%.1f..%.1f] mapped %6.2f%%  "
		"tcp_mmap %7.1f usec/MB [%.1f..%.1f] mapped %6.2f%%\n", mode,
		sa.med, sa.min, sa.max, pa.med, sb.med, sb.min, sb.max,
		pb.med);
	/*
	 * The verdict is on the median of the per-pair ratios (one zcguard
	 * and one tcp_mmap repetition side by side), like --check and
	 * --overhead: pairing cancels the slow drift of a shared machine.
	 * The ratios of the medians and of the minimums are shown as well;
	 * on a loaded machine copy mode is often bimodal and they move.
	 */
	ok = sr.med > 1 - AGREE_PCT / 100 && sr.med < 1 + AGREE_PCT / 100;
	fprintf(f, "%-5s zcguard/tcp_mmap per pair: median %.3f [%.3f..%.3f] "
		"IQR %.3f..%.3f -> %s (within %.0f%%); ratio of medians "
		"%.3f, of minimums %.3f\n", mode, sr.med, sr.min, sr.max,
		sr.q1, sr.q3, ok ? "agree" : "DISAGREE", AGREE_PCT,
		sa.med / sb.med, sa.min / sb.min);
	if (!ok)
		*agree = 0;
	if (!js)
		return;
	zcg_json_obj(js, NULL);
	zcg_json_kstr(js, "mode", mode);
	bench_json_stat(js, "zcguard_usec_per_mb", &sa);
	bench_json_stat(js, "tcp_mmap_usec_per_mb", &sb);
	bench_json_stat(js, "pair_ratio", &sr);
	zcg_json_knum(js, "zcguard_mapped_pct", pa.med, 2);
	zcg_json_knum(js, "tcp_mmap_mapped_pct", pb.med, 2);
	zcg_json_kbool(js, "agree", ok);
	zcg_json_end(js);
}

int bench_compare_tcp_mmap(const struct bench_opts *o)
{
	double a[2][MAX_REPS], b[2][MAX_REPS], ma[2][MAX_REPS];
	double mb[2][MAX_REPS];
	struct tm_server srv[2];
	struct bench_sample s;
	struct tm_sample t;
	struct zcg_json jdoc, *js = NULL;
	char sz[16], what[64];
	int m, rep, k, agree = 1, ret = 3;

	if (access(o->tcp_mmap, X_OK)) {
		fprintf(stderr, "zcguard bench: %s: %s (build it with "
			"`make`: build/tcp_mmap)\n", o->tcp_mmap,
			strerror(errno));
		return 3;
	}
	memset(srv, 0, sizeof(srv));
	for (m = 0; m < 2; m++)
		if (server_start(&srv[m], o, m, PORT_BASE + m))
			goto out;
	for (rep = 0; rep < o->reps; rep++)
		for (m = 0; m < 2; m++)
			/* Who goes first alternates between repetitions. */
			for (k = 0; k < 2; k++) {
				int mine = (k + rep) % 2 == 0;

				snprintf(what, sizeof(what), "rep %d/%d: %s %s",
					 rep + 1, o->reps, m ? "zc" : "copy",
					 mine ? "zcguard" : "tcp_mmap");
				bench_progress((rep * 2 + m) * 2 + k,
					       o->reps * 4, what);
				if (mine) {
					if (ours(o, m ? RX_ZC : RX_COPY, &s))
						goto out;
					a[m][rep] = s.usec_per_mb;
					ma[m][rep] = s.mapped_pct;
				} else {
					if (theirs(o, &srv[m], &t))
						goto out;
					b[m][rep] = t.usec_per_mb;
					mb[m][rep] = t.mapped_pct;
				}
			}
	bench_progress_end();
	bprintf("zcguard bench vs tcp_mmap (%s), chunk %s, %d alternating "
		"rep(s) x %.2f s, MSG_ZEROCOPY senders, lo mtu %u%s\n",
		o->tcp_mmap, bench_size_str(o->sizes[0], sz, sizeof(sz)),
		o->reps, o->duration, bench_lo_mtu(),
		o->rx_cpu >= 0 ? ", pinned" : "");
	if (o->json && !bench_json_open(o, "compare_tcp_mmap", &jdoc)) {
		js = &jdoc;
		zcg_json_kint(js, "chunk", o->sizes[0]);
		zcg_json_kint(js, "reps", o->reps);
		zcg_json_knum(js, "duration_s", o->duration, 3);
		zcg_json_knum(js, "tolerance_pct", AGREE_PCT, 1);
		zcg_json_arr(js, "modes");
	}
	for (m = 0; m < 2; m++)
		report(bench_out, js, m ? "zc" : "copy", a[m], b[m], ma[m],
		       mb[m], o->reps, &agree);
	if (js) {
		zcg_json_end(js);
		bench_json_close(js);
	}
	bprintf("verdict: %s\n", agree ? "agree" : "DISAGREE");
	ret = agree ? 0 : 1;
out:
	bench_progress_end();
	for (m = 0; m < 2; m++)
		server_stop(&srv[m]);
	return ret;
}
