#!/bin/bash
# jailsh_privs.sh - privileges and reach: no_new_privs, capabilities
# dropped (root), /proc/PID/environ and ptrace of processes outside the
# jail, signals outside, inherited descriptors (jobserver fds kept).
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work"
jw() { (cd "$T/work" && "$JAILSH" "$@" 2>/dev/null); }

# --- no_new_privs ---
run "$PROBE" status NoNewPrivs
if [ "$OUT" = 0 ]; then t_pass "control: unjailed NoNewPrivs is 0"
else t_skip "control: unjailed NoNewPrivs is 0" "this test already runs with no_new_privs"; fi
expect_stdout "jailed: NoNewPrivs is 1" "1" jw -- "$PROBE" status NoNewPrivs
expect_stdout "jailed: a seccomp filter is on (Seccomp: 2)" "2" jw -- "$PROBE" status Seccomp

# --- capabilities ---
if is_root; then
	run "$PROBE" status CapEff
	if [ "$OUT" != 0000000000000000 ]; then t_pass "control: root unjailed has capabilities ($OUT)"
	else t_fail "control: root unjailed has capabilities" "$OUT"; fi
	for f in CapEff CapPrm CapInh CapAmb CapBnd; do
		expect_stdout "root jailed: $f is 0" 0000000000000000 jw -- "$PROBE" status "$f"
	done
	expect_stdout "root jailed: CapEff is 0 under a shell line too" 0000000000000000 \
		jw -c "$PROBE status CapEff"
else
	expect_stdout "jailed: CapEff is 0" 0000000000000000 jw -- "$PROBE" status CapEff
	t_skip "root capabilities dropped" "not root"
fi

# --- processes outside the jail ---
sleep 300 &
victim=$!
T_PIDS+=("$victim")
expect_status 0 "control: unjailed read of /proc/$victim/environ works" "$PROBE" read-environ "$victim"
expect_status 1 "jailed: /proc/PID/environ of a process outside is unreadable" jw -- "$PROBE" read-environ "$victim"
expect_status 0 "control: unjailed ptrace(SEIZE) of a process outside works" "$PROBE" ptrace "$victim"
expect_status 1 "jailed: ptrace of a process outside refused" jw -- "$PROBE" ptrace "$victim"
expect_status 0 "jailed: its own environ is readable" jw -c "$PROBE read-environ \$\$"
expect_status 0 "control: unjailed kill -0 of the test shell works" "$PROBE" kill $$
expect_status 1 "jailed: kill -0 of the test shell refused" jw -- "$PROBE" kill $$
expect_status 1 "jailed: kill -0 of a process outside refused" jw -- "$PROBE" kill "$victim"
expect_status 0 "jailed: signals inside the jail work" jw -c "sleep 30 & $PROBE kill \$!; st=\$?; kill \$!; exit \$st"
if kill -0 "$victim" 2>/dev/null; then t_pass "the process outside is still alive"
else t_fail "the process outside is still alive"; fi

# --- inherited descriptors ---
mkfifo "$T/js"
exec 7>"$T/fd7" 8<>"$T/js" 9<>"$T/js"
expect_status 0 "control: unjailed fd 7 is open" "$PROBE" fd-open 7
expect_status 3 "jailed: fd 7 is closed" jw -- "$PROBE" fd-open 7
expect_status 3 "jailed: fd 8 is closed without a jobserver in MAKEFLAGS" jw -- "$PROBE" fd-open 8
export MAKEFLAGS=" -j4 --jobserver-auth=8,9"
expect_status 0 "jobserver read fd named in MAKEFLAGS stays open" jw -- "$PROBE" fd-open 8
expect_status 0 "jobserver write fd named in MAKEFLAGS stays open" jw -- "$PROBE" fd-open 9
expect_status 3 "other fds still closed with a jobserver" jw -- "$PROBE" fd-open 7
expect_stdout "the jobserver pipe works through the jail" "+" \
	jw -c 'printf + >&9; dd bs=1 count=1 <&8 2>/dev/null'
export MAKEFLAGS=" -j4 --jobserver-auth=7,12"
expect_status 3 "a jobserver fd that is not open is not invented" jw -- "$PROBE" fd-open 12
unset MAKEFLAGS
exec 7>&- 8>&- 9>&-

t_done
