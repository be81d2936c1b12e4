#include "bench/opts.h"
int bench_overhead(const struct bench_opts *o) { return 3; }
