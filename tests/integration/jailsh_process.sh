#!/bin/bash
# jailsh_process.sh - supervision: no process outlives its command, signals
# to jailsh reach the command, exit statuses follow the contract.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work"
jw() { (cd "$T/work" && "$JAILSH" "$@"); }
# alive PID: the process exists and is not a zombie.
alive() { [ -d "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
# wait_for FILE: until FILE exists (a readiness wait, not a timing assert).
wait_for() {
	local i
	for i in $(seq 300); do [ -e "$1" ] && return 0; sleep 0.1; done
	return 1
}

# --- leftovers ---
pid=$(sh -c 'sleep 300 >/dev/null 2>&1 & echo $!')
if alive "$pid"; then t_pass "control: unjailed, a backgrounded sleep outlives sh"; kill "$pid"
else t_fail "control: unjailed, a backgrounded sleep outlives sh"; fi
pid=$(jw -c 'sleep 300 >/dev/null 2>&1 & echo $!')
if [ -n "$pid" ] && ! alive "$pid"; then t_pass "a backgrounded sleep is killed with its command"
else t_fail "a backgrounded sleep is killed with its command" "pid $pid alive"; kill "$pid" 2>/dev/null; fi
jw -c 'setsid sh -c "echo \$\$ >daemon.pid; exec sleep 300" >/dev/null 2>&1 &
       while [ ! -s daemon.pid ]; do sleep 0.05; done'
pid=$(cat "$T/work/daemon.pid" 2>/dev/null)
if [ -n "$pid" ] && ! alive "$pid"; then t_pass "a setsid daemon is killed too"
else t_fail "a setsid daemon is killed too" "pid $pid alive"; kill "$pid" 2>/dev/null; fi

# --- signals ---
# jailsh in the background; the command sets a trap, says it is ready,
# and exits 7 from the trap: so status 7 proves the signal reached it.
signal_test() {
	local sig=$1 name=$2 ready=$T/work/ready.$1
	rm -f "$ready"
	(cd "$T/work" && exec env --default-signal="$sig" "$JAILSH" -c \
		"trap 'echo got $sig; exit 7' $sig; : >ready.$sig; sleep 300 & wait") >"$T/sig.$sig" 2>&1 &
	local jpid=$!
	T_PIDS+=("$jpid")
	if ! wait_for "$ready"; then t_fail "$name" "the command never got ready"; return; fi
	kill -s "$sig" "$jpid"
	wait "$jpid"
	local st=$?
	if [ "$st" -eq 7 ] && grep -q "got $sig" "$T/sig.$sig"; then t_pass "$name"
	else t_fail "$name" "status $st" "$(cat "$T/sig.$sig")"; fi
}
signal_test TERM "SIGTERM to jailsh reaches the command"
signal_test INT "SIGINT to jailsh reaches the command"
signal_test HUP "SIGHUP to jailsh reaches the command"

# Without a trap the command dies of the signal: 128+N.
(cd "$T/work" && exec env --default-signal=INT "$JAILSH" -c ': >ready.plain; exec sleep 300' 2>/dev/null) &
jpid=$!
T_PIDS+=("$jpid")
if wait_for "$T/work/ready.plain"; then
	kill -TERM "$jpid"; wait "$jpid"; st=$?
	if [ "$st" -eq 143 ]; then t_pass "a command killed by SIGTERM: jailsh exits 143"
	else t_fail "a command killed by SIGTERM: jailsh exits 143" "status $st"; fi
else
	t_fail "a command killed by SIGTERM: jailsh exits 143" "never ready"
fi

# --- exit statuses ---
printf '#!/bin/sh\necho no\n' >"$T/work/noexec"
chmod 0644 "$T/work/noexec"
expect_status 0 "status 0" jw -c 'true'
expect_status 7 "status 7 from a shell line" jw -c 'exit 7'
expect_status 7 "status 7 from a program" jw -- sh -c 'exit 7'
expect_status 137 "killed by SIGKILL: 137" jw -c 'kill -9 $$'
expect_status 126 "not executable: 126" jw -- "$T/work/noexec"
expect_status 126 "not executable as a simple line: 126" jw -c ./noexec
expect_status 127 "not found: 127" jw -- jail-no-such-command
expect_status 127 "not found as a simple line: 127" jw -c 'jail-no-such-command arg'
expect_stderr "not found names the command" "jail-no-such-command" jw -- jail-no-such-command
expect_status 2 "bad usage: 2" jw --no-such-option -c true
expect_status 125 "the jail cannot be set up: 125" "$BUILD/tests/oldkernel" --no-landlock -- "$JAILSH" -c true

t_done
