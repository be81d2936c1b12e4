#include "bench/opts.h"
int bench_check(const struct bench_opts *o) { return 3; }
