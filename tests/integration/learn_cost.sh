#!/bin/bash
# learn_cost.sh - what seccomp user notification costs: the same work
# unjailed, in enforce mode and in learn mode, printed as ratios (no
# timing is asserted; VMs are noisy). Checks only that every mode
# produces the same output and that learn mode finds nothing to report.
# Workloads: 3000 open() calls in one shell (each one a round trip to the
# supervisor in learn mode, none in enforce mode) and, with a compiler,
# five compiles of a small C file (a realistic mix of exec, open, mmap).
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work"
printf '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n' >"$T/work/m.c"
opens='i=0; while [ $i -lt 3000 ]; do : <m.c; i=$((i+1)); done; echo done'
compile='for i in 1 2 3 4 5; do cc -c m.c -o m.o || exit 1; done; echo done'

ns() { date +%s%N; }
# cost NAME SCRIPT: run SCRIPT off, enforce, learn; print ratios.
cost() {
	local name=$1 script=$2 mode t0 t1 out
	local -A took
	for mode in off enforce learn; do
		t0=$(ns)
		out=$(cd "$T/work" && "$JAILSH" --mode "$mode" -c "$script" 2>"$T/.err.$mode")
		t1=$(ns)
		took[$mode]=$(( (t1 - t0) / 1000 ))
		if [ "$out" = done ]; then t_pass "$name: runs in $mode mode"
		else t_fail "$name: runs in $mode mode" "stdout: $out" "stderr: $(cat "$T/.err.$mode")"; fi
	done
	if grep -q "nothing would be denied" "$T/.err.learn"; then t_pass "$name: learn mode finds nothing to grant"
	else t_fail "$name: learn mode finds nothing to grant" "$(cat "$T/.err.learn")"; fi
	awk -v n="$name" -v o="${took[off]}" -v e="${took[enforce]}" -v l="${took[learn]}" 'BEGIN {
		printf "# cost %s: off %.1f ms, enforce %.1f ms (x%.2f), learn %.1f ms (x%.2f of enforce)\n",
			n, o / 1000, e / 1000, e / o, l / 1000, l / e }'
}

cost "3000 opens" "$opens"
if command -v cc >/dev/null; then
	cost "5 compiles" "$compile"
else
	t_skip "compile cost" "no C compiler"
fi

t_done
