#!/bin/bash
# tests/run-all.sh - run the unit tests and every integration script, print
# one summary line "N passed, N failed, N skipped" and fail if any failed.
# Usage: tests/run-all.sh [PATTERN]   (only integration scripts matching)
set -u
# Started from `make check` (maybe -j2): the tests drive make, bmake and
# ninja themselves and must not inherit this make's jobserver or flags.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES MAKE_TERMOUT MAKE_TERMERR GNUMAKEFLAGS
TOP=$(cd "$(dirname "$0")/.." && pwd)
RESULTS=$(mktemp "${TMPDIR:-/tmp}/jailresults.XXXXXX")
trap 'rm -f "$RESULTS"' EXIT
export JAIL_TEST_RESULTS=$RESULTS
pattern=${1:-}
cd "$TOP" || exit 1

echo "# running as $(id -un) (uid $(id -u)); kernel $(uname -r)"
for t in build/tests/test_*; do
	[ -x "$t" ] || continue
	[ -n "$pattern" ] && continue
	out=$("$t" 2>&1); rc=$?
	passed=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
	failed=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
	[ "$rc" -ne 0 ] && [ -z "$failed" ] && failed=1
	printf '%s\n' "$out" | grep -E '^\[  (FAILED|ERROR) ' | sed 's/^/# /'
	echo "# $(basename "$t"): ${passed:-0} passed, ${failed:-0} failed"
	echo "${passed:-0} ${failed:-0} 0" >>"$RESULTS"
done
for s in tests/integration/*.sh; do
	[ -e "$s" ] || continue
	case $s in *"$pattern"*) ;; *) continue ;; esac
	bash "$s" || true
done
awk '{p+=$1; f+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s; exit (f > 0 || p == 0)}' "$RESULTS"
