# mk/bench.mk - `make bench`: performance ratios measured on this machine,
# printed and written to docs/performance.md (see bench/bench.sh).
#   BENCH_ROUNDS=N   rounds of whole builds (default 7)
#   BENCH_RUNS=N     runs per command for the per-command table (default 200)
#   BENCH_FILES=N    C files in the generated project (default 150)

build/bench:
	mkdir -p $@

build/bench/timeit: bench/timeit.c | build/bench
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

# libseccomp: setup also times building the filter with lib/filter_rules.c,
# as jailsh did per command before the filters were precompiled.
build/bench/setup: bench/setup.c lib/libjail.a | build/bench
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libjail.a -lseccomp

build/.deps-bench: scripts/packages.bench | build
	scripts/deps.sh bench
	touch $@

bench: all build/bench/timeit build/bench/setup | build/.deps-bench
	CC="$(CC)" bench/bench.sh docs/performance.md

-include $(wildcard build/bench/*.d)

.PHONY: bench
