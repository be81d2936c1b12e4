// SPDX-License-Identifier: GPL-2.0
/*
 * Robustness test of the console crash parser (built as build/report-fuzz,
 * run by tests/report-fuzz.t): the parser sees every truncation of every
 * sample, mutated samples, random bytes, keyword soup, huge logs and
 * huge lines, and must always return a sane result. Each input lives in
 * an exact-size heap buffer, so a sanitizer build catches any read past
 * the end. Deterministic (fixed seed); prints TAP.
 *
 *   report-fuzz SAMPLE_DIR...
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/file.h"
#include "report/report.h"

struct sample {
	char *data;
	size_t len;
	char name[256];
};

static struct sample samples[512];
static int nsamples;
static unsigned long long rng = 0x2026112508300000ULL;
static int failures;
static char why[512];

static unsigned int next_rand(void)
{
	/* xorshift64*: good enough and the same everywhere */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned int)((rng * 2685821657736338717ULL) >> 32);
}

/* Parses buf[0..len) from an exact-size copy and checks the result. */
static int check(const char *buf, size_t len, const char *what)
{
	struct zcg_report rep, again;
	char *copy = malloc(len ? len : 1), *text;
	size_t tl;
	int ret;

	if (!copy)
		return 0;
	memcpy(copy, buf, len);
	ret = zcg_report_parse(copy, len, &rep);
	if (ret != 0 && ret != 1) {
		snprintf(why, sizeof(why), "%s: returned %d", what, ret);
		goto bad;
	}
	if (ret == 1) {
		tl = strnlen(rep.title, sizeof(rep.title));
		if (tl == 0 || tl == sizeof(rep.title) ||
		    strnlen(rep.guilty, sizeof(rep.guilty)) ==
		    sizeof(rep.guilty)) {
			snprintf(why, sizeof(why), "%s: bad title", what);
			goto bad;
		}
		if (rep.start >= rep.end || rep.end > len ||
		    (rep.start && copy[rep.start - 1] != '\n') ||
		    (rep.corrupted != 0 && rep.corrupted != 1)) {
			snprintf(why, sizeof(why), "%s: bad range %zu..%zu/%zu",
				 what, rep.start, rep.end, len);
			goto bad;
		}
		text = zcg_report_text(copy, len, &rep);
		if (!text || strlen(text) > rep.end - rep.start + 1) {
			snprintf(why, sizeof(why), "%s: bad text", what);
			free(text);
			goto bad;
		}
		free(text);
	}
	/* Same input, same answer. */
	if (zcg_report_parse(copy, len, &again) != ret ||
	    (ret == 1 && (strcmp(again.title, rep.title) ||
			  again.start != rep.start || again.end != rep.end))) {
		snprintf(why, sizeof(why), "%s: not deterministic", what);
		goto bad;
	}
	free(copy);
	return 1;
bad:
	free(copy);
	return 0;
}

static void tap(int *n, int good, const char *desc)
{
	++*n;
	if (good) {
		printf("ok %d %s\n", *n, desc);
	} else {
		printf("not ok %d %s\n# %s\n", *n, desc, why);
		failures++;
	}
}

static void load_dir(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	char path[4096];

	if (!d)
		return;
	while ((de = readdir(d)) && nsamples < 512) {
		size_t n = strlen(de->d_name);

		if (n < 5 || strcmp(de->d_name + n - 4, ".log"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		samples[nsamples].data = zcg_read_file(path,
						       &samples[nsamples].len);
		if (!samples[nsamples].data)
			continue;
		snprintf(samples[nsamples].name, sizeof(samples[0].name),
			 "%s", de->d_name);
		nsamples++;
	}
	closedir(d);
}

static int all_truncations(void)
{
	int i;
	size_t cut, step;

	for (i = 0; i < nsamples; i++) {
		step = samples[i].len / 300 + 1;
		for (cut = 0; cut <= samples[i].len; cut += step)
			if (!check(samples[i].data, cut, samples[i].name))
				return 0;
		/* every byte near the crash start too */
		if (!check(samples[i].data, samples[i].len, samples[i].name))
			return 0;
	}
	return 1;
}

static int mutations(int rounds)
{
	static const char bytes[] = "\n\r\0 :+[]<>?=-x0/.";
	char *buf;
	int r, k, flips;

	for (r = 0; r < rounds; r++) {
		struct sample *s = &samples[next_rand() % nsamples];

		buf = malloc(s->len + 1);
		if (!buf)
			return 0;
		memcpy(buf, s->data, s->len);
		flips = 1 + next_rand() % 64;
		for (k = 0; k < flips && s->len; k++) {
			size_t at = next_rand() % s->len;

			buf[at] = next_rand() % 2 ?
				  (char)next_rand() :
				  bytes[next_rand() % (sizeof(bytes) - 1)];
		}
		if (!check(buf, s->len, s->name)) {
			free(buf);
			return 0;
		}
		free(buf);
	}
	return 1;
}

static int random_bytes(int rounds)
{
	size_t len, k;
	char *buf;
	int r;

	for (r = 0; r < rounds; r++) {
		len = next_rand() % 65536;
		buf = malloc(len + 1);
		if (!buf)
			return 0;
		for (k = 0; k < len; k++)
			buf[k] = (char)next_rand();
		if (!check(buf, len, "random bytes")) {
			free(buf);
			return 0;
		}
		free(buf);
	}
	return 1;
}

/* Crash-report words in random order: the parser's worst case. */
static int keyword_soup(int rounds)
{
	static const char *const words[] = {
		"BUG: ", "KASAN: ", "WARNING: ", "CPU: 0 PID: 1 at x.c:1 ",
		"general protection fault", "kernel BUG at ", "invalid opcode: ",
		"INFO: task ", " blocked for more than ", "rcu: INFO: rcu_",
		" self-detected stall", "watchdog: BUG: soft lockup",
		"Kernel panic - not syncing: ", "UBSAN: ", " in ",
		"Call Trace:", "<TASK>", "</TASK>", "<IRQ>", "RIP: 0010:",
		"RIP: 0033:", " func+0x1/0x2", " ? f.isra.0+0x10/0x20",
		"[<ffffffff81000000>] ", "=====================", "---[ end trace",
		"Kernel Offset:", "---[ end Kernel panic", "[    1.000000] ",
		"[   12.345678][  T123] ", "[ C0]", "\n", "\r\n", "\n", "\n",
		"Read of size 8", "Write of size 8", ", at: ", "at: ", "\t",
		"Oops: ", "stack-protector: Kernel stack is corrupted in: ",
		"kmemleak: ", "backtrace:", "Allocated by task 1:", "",
	};
	const int nw = sizeof(words) / sizeof(words[0]);
	char *buf;
	size_t len, cap = 1 << 16, w;
	int r, k, n;

	buf = malloc(cap);
	if (!buf)
		return 0;
	for (r = 0; r < rounds; r++) {
		len = 0;
		n = next_rand() % 400;
		for (k = 0; k < n; k++) {
			const char *s = words[next_rand() % nw];

			w = strlen(s);
			if (len + w + 1 >= cap)
				break;
			memcpy(buf + len, s, w);
			len += w;
			if (next_rand() % 16 == 0)
				buf[len++] = '\0';
		}
		if (!check(buf, len, "keyword soup")) {
			free(buf);
			return 0;
		}
	}
	free(buf);
	return 1;
}

/* An 8 MiB log: boot noise, then the crash at the very end. */
static int big_log(double *secs)
{
	static const char noise[] =
		"[    1.234567] clocksource: tsc: mask: 0xffffffffffffffff "
		"max_cycles: 0x256c00b2aae, max_idle_ns: 440795315360 ns\n"
		"user output without a timestamp, WARNING: not a crash\n";
	struct sample *s = NULL;
	struct zcg_report rep;
	size_t len = 0, cap = 8 << 20;
	struct timespec a, b;
	char *buf;
	int i, ret;

	for (i = 0; i < nsamples; i++)
		if (!strcmp(samples[i].name, "gpf-kasan-6.1.log"))
			s = &samples[i];
	if (!s) {
		snprintf(why, sizeof(why), "gpf-kasan-6.1.log not found");
		return 0;
	}
	buf = malloc(cap + s->len);
	if (!buf)
		return 0;
	while (len + sizeof(noise) < cap) {
		memcpy(buf + len, noise, sizeof(noise) - 1);
		len += sizeof(noise) - 1;
	}
	memcpy(buf + len, s->data, s->len);
	len += s->len;
	clock_gettime(CLOCK_MONOTONIC, &a);
	ret = zcg_report_parse(buf, len, &rep);
	clock_gettime(CLOCK_MONOTONIC, &b);
	*secs = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	free(buf);
	if (ret != 1 ||
	    strcmp(rep.title, "general protection fault in tcp_recv_skb")) {
		snprintf(why, sizeof(why), "big log: %d '%s'", ret,
			 ret == 1 ? rep.title : "");
		return 0;
	}
	return 1;
}

/* One 4 MiB line, and a report with 200000 frames: bounded work. */
static int huge_lines(void)
{
	static const char head[] =
		"[    2.000000] general protection fault: 0000 [#1] SMP\n"
		"[    2.000001] Call Trace:\n";
	static const char frame[] = "[    2.000002]  f+0x1/0x2\n";
	size_t len, k, cap = 8 << 20;
	char *buf = malloc(cap);
	int ok;

	if (!buf)
		return 0;
	memset(buf, 'A', 4 << 20);
	ok = check(buf, 4 << 20, "4 MiB line");
	memcpy(buf, head, sizeof(head) - 1);
	len = sizeof(head) - 1;
	for (k = 0; k < 200000 && len + sizeof(frame) < cap; k++) {
		memcpy(buf + len, frame, sizeof(frame) - 1);
		len += sizeof(frame) - 1;
	}
	ok = ok && check(buf, len, "200000 frames");
	free(buf);
	return ok;
}

int main(int argc, char **argv)
{
	int n = 0, i;
	double secs = 0;
	char desc[128];

	for (i = 1; i < argc; i++)
		load_dir(argv[i]);
	if (nsamples < 10) {
		printf("1..1\nnot ok 1 samples loaded (%d)\n", nsamples);
		return 1;
	}
	tap(&n, all_truncations(), "every sample, truncated at ~300 points");
	tap(&n, mutations(3000), "3000 mutated samples");
	tap(&n, random_bytes(300), "300 buffers of random bytes");
	tap(&n, keyword_soup(3000), "3000 logs of crash-report keywords");
	tap(&n, huge_lines(), "a 4 MiB line and a 200000-frame report");
	i = big_log(&secs);
	snprintf(desc, sizeof(desc), "8 MiB log, crash at the end (%.3f s)",
		 secs);
	if (i && secs > 10) {
		snprintf(why, sizeof(why), "too slow: %.1f s", secs);
		i = 0;
	}
	tap(&n, i, desc);
	printf("1..%d\n", n);
	for (i = 0; i < nsamples; i++)
		free(samples[i].data);
	return failures ? 1 : 0;
}
