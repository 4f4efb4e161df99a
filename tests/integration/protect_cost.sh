#!/bin/bash
# protect_cost.sh - what the private mount view costs per command: prints
# the mean wall time of `jailsh -c true` (a direct exec) with the view and
# without it (JAIL_MOUNTNS=off, best-effort), and unjailed. Only prints:
# no timing is asserted. JAIL_COST_N sets the number of runs (default 100).
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
t_done
