// SPDX-License-Identifier: GPL-2.0
/*
 * The plot: receiver CPU (usec per MB, median with min..max error bars)
 * against chunk size, one line per sender/receiver mode, drawn by
 * gnuplot (Debian's gnuplot-nox) into an SVG or PNG chosen by the file
 * name. The data travel inside the script as gnuplot data blocks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/bench.h"
#include "lib/spawn.h"

#define GNUPLOT_MS 30000

static int is_png(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && !strcmp(path + n - 4, ".png");
}

/* One data block per mode seen, in the order first seen. */
/* Tics at the measured sizes, labelled as the table does (4K, 2M). */
static void write_xtics(FILE *f, const struct bench_result *r, int n)
{
	char sz[16];
	int i, j;

	fprintf(f, "set xtics (");
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (r[j].c.chunk == r[i].c.chunk)
				break;
		if (j < i)
			continue;
		fprintf(f, "%s\"%s\" %zu", i ? ", " : "",
			bench_size_str(r[i].c.chunk, sz, sizeof(sz)),
			r[i].c.chunk);
	}
	fprintf(f, ")\n");
}

static int same_series(const struct bench_result *r, int tx, int rx)
{
	return (int)r->c.tx == tx && (int)r->c.rx == rx;
}

/* "sender / receiver", and for zerocopy how much of the data mapped. */
static void series_title(char *buf, size_t len, int tx, int rx,
			 const struct bench_result *r, int n)
{
	double lo = 101, hi = -1, m;
	int i, l;

	l = snprintf(buf, len, "%s / %s", bench_tx_names[tx],
		     bench_rx_names[rx]);
	if (rx == RX_COPY)
		return;
	for (i = 0; i < n; i++) {
		if (!same_series(&r[i], tx, rx))
			continue;
		m = r[i].mapped_pct.med;
		lo = m < lo ? m : lo;
		hi = m > hi ? m : hi;
	}
	if ((int)(lo + 0.5) == (int)(hi + 0.5))
		snprintf(buf + l, len - l, " (%.0f%% mapped)", hi);
	else
		snprintf(buf + l, len - l, " (%.0f-%.0f%% mapped)", lo, hi);
}

static int write_script(FILE *f, const char *path, const char *note,
			const struct bench_result *r, int n)
{
	int tx, rx, i, blocks = 0, first = 1;
	char title[96];

	fprintf(f, "set terminal %s size 900,640 font ',12'\n",
		is_png(path) ? "pngcairo" : "svg dynamic background '#ffffff'");
	fprintf(f, "set output '%s'\n", path);
	fprintf(f, "set termoption noenhanced\n"
		"set title \"zcguard bench: receiver CPU per MB on loopback "
		"(median, bars min..max)\\n%s\"\n"
		"set xlabel 'chunk size (bytes per send and per receive)'\n"
		"set ylabel '%s'\n"
		"set logscale x 2\nset logscale y\nset grid\n"
		"set key below maxrows 4\n"
		"set offsets graph 0.03, graph 0.03, 0, 0\n", note,
		bench_icount ? "receiver kinsn per MB (guest instructions, "
		"qemu icount)" : "receiver usec per MB (user+sys)");
	write_xtics(f, r, n);
	for (tx = 0; tx < TX_NR; tx++)
		for (rx = 0; rx < RX_NR; rx++) {
			int any = 0;

			for (i = 0; i < n; i++) {
				if (!same_series(&r[i], tx, rx))
					continue;
				if (!any)
					fprintf(f, "$d%d_%d << EOD\n", tx, rx);
				any = 1;
				fprintf(f, "%zu %f %f %f\n", r[i].c.chunk,
					r[i].usec_per_mb.med,
					r[i].usec_per_mb.min,
					r[i].usec_per_mb.max);
			}
			if (any) {
				fprintf(f, "EOD\n");
				blocks++;
			}
		}
	if (!blocks)
		return -1;
	fprintf(f, "plot ");
	for (tx = 0; tx < TX_NR; tx++)
		for (rx = 0; rx < RX_NR; rx++) {
			for (i = 0; i < n; i++)
				if (same_series(&r[i], tx, rx))
					break;
			if (i == n)
				continue;
			series_title(title, sizeof(title), tx, rx, r, n);
			fprintf(f, "%s$d%d_%d using 1:2:3:4 with yerrorlines "
				"lw 2 title '%s'", first ? "" : ", \\\n  ",
				tx, rx, title);
			first = 0;
		}
	fprintf(f, "\n");
	return 0;
}

int bench_plot(const char *path, const char *note,
	       const struct bench_result *r, int n)
{
	char script[] = "/tmp/zcguard-plot-XXXXXX";
	char *argv[] = { "gnuplot", script, NULL };
	char *out = NULL;
	int fd, st, timed_out = 0, ret = -1;
	FILE *f;

	if (strchr(path, '\'') || strchr(path, '\n') || strchr(note, '"')) {
		fprintf(stderr, "zcguard bench: no quotes in the plot path\n");
		return -1;
	}
	fd = mkstemp(script);
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		perror("zcguard bench: plot script");
		if (fd >= 0) {
			close(fd);
			unlink(script);
		}
		return -1;
	}
	if (write_script(f, path, note, r, n)) {
		fclose(f);
		fprintf(stderr, "zcguard bench: nothing to plot\n");
		goto out;
	}
	fclose(f);
	st = zcg_run_capture(argv, GNUPLOT_MS, 1, 4096, &out, &timed_out);
	if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "zcguard bench: gnuplot failed%s: %s\n",
			timed_out ? " (timed out)" : "", out ? out : "");
		goto out;
	}
	ret = 0;
out:
	free(out);
	unlink(script);
	return ret;
}
