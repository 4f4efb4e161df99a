#!/bin/bash
# protect_cost.sh - what the private mount view and the creation guard
# cost: the mean wall time of `jailsh -c true` (a direct exec) with the
# view and without it (JAIL_MOUNTNS=off, best-effort), and unjailed; and
# the time of 1000 new files made by a jailed shell with the guard, without
# it (JAIL_GUARD=off, best-effort), from a nested jail, and unjailed. Only
# prints: no timing is asserted. JAIL_COST_N sets the number of runs
# (default 100).
. "$(dirname "$0")/../lib.sh"
t_require_landlock

n=${JAIL_COST_N:-100}
mkdir -p "$T/work" "$T/home"
ms_per_run() {  # CMD...: mean milliseconds over $n runs
	local start end i
	start=$(date +%s%N)
	for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1; done
	end=$(date +%s%N)
	echo "scale=3; ($end - $start) / $n / 1000000" | bc 2>/dev/null ||
		echo "$(( (end - start) / n / 1000 ))us"
}
cd "$T/work" || exit 1
export HOME=$T/home
with=$(ms_per_run "$JAILSH" -c true)
without=$(ms_per_run env JAIL_MOUNTNS=off "$JAILSH" --mode best-effort -c true)
bare=$(ms_per_run /bin/true)
echo "# per command, mean of $n ($(id -un)): jailsh with mount view ${with} ms," \
     "without ${without} ms, unjailed /bin/true ${bare} ms"
expect_status 0 "the jail with the mount view runs a command" "$JAILSH" -c true

# The guard: 1000 names made by one shell (each `: >fN` is one openat
# with O_CREAT), measured in the same run, alternating.
make1000='i=0; while [ $i -lt 1000 ]; do : >f$i; i=$((i+1)); done; rm -f f*'
ms_once() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
g=0 ng=0 nest=0 free=0
for r in 1 2 3; do
	g=$((g + $(ms_once "$JAILSH" -c "$make1000")))
	ng=$((ng + $(ms_once env JAIL_GUARD=off "$JAILSH" --mode best-effort -c "$make1000")))
	nest=$((nest + $(ms_once "$JAILSH" -c "'$JAILSH' -c '$make1000'")))
	free=$((free + $(ms_once sh -c "$make1000")))
done
echo "# 1000 new files, mean of 3 ($(id -un)): guarded $((g / 3)) ms, unguarded" \
     "(JAIL_GUARD=off) $((ng / 3)) ms, nested jail $((nest / 3)) ms, unjailed $((free / 3)) ms;" \
     "guard per file $(( (g - ng) / 3 )) us"
expect_status 0 "the guarded shell made 1000 files" "$JAILSH" -c "$make1000"
t_done
