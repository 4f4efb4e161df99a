#!/bin/bash
# jailsh_oldkernel.sh - older kernels, simulated with build/tests/oldkernel:
# enforce mode fails closed (nothing runs, exit 125, one line naming the
# missing control, the Linux version that has it and --mode best-effort);
# best-effort runs and lists exactly what is not enforced.
# The expected gaps are written out here, independently of lib/abi.c.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

OLDKERNEL=$BUILD/tests/oldkernel
mkdir -p "$T/work"
# ok ABI ARGS...: jailsh under the simulated kernel, from $T/work.
ok() { local abi=$1; shift; (cd "$T/work" && "$OLDKERNEL" $abi -- "$JAILSH" "$@"); }

# Positive control: the shim itself changes what jailsh sees.
run ok "--abi 3" --print-policy
case $OUT in *"kernel: Landlock ABI 3"*) t_pass "oldkernel --abi 3: jailsh sees ABI 3" ;;
*) t_fail "oldkernel --abi 3: jailsh sees ABI 3" "$OUT" ;; esac
run ok "--abi 7" -- "$PROBE" socket inet
[ "$STATUS" -eq 1 ] && t_pass "under the shim jailsh still installs its own filters" ||
	t_fail "under the shim jailsh still installs its own filters" "status $STATUS: $OUT"

# gaps ABI: control names the default policy misses, with the Linux version.
gaps() {
	case $1 in
	0) echo "filesystem:5.13 truncate:6.2 ioctl-dev:6.10 signal-scope:6.12" ;;
	1 | 2) echo "truncate:6.2 ioctl-dev:6.10 signal-scope:6.12" ;;
	3 | 4) echo "ioctl-dev:6.10 signal-scope:6.12" ;;
	5) echo "signal-scope:6.12" ;;
	*) echo "" ;;
	esac
}

# fail_closed NAME SHIMARGS EXPECTED-GAPS [JAILSH ARGS...]
fail_closed() {
	local name=$1 shim=$2 want=$3; shift 3
	rm -f "$T/work/marker"
	run ok "$shim" "$@" -c 'touch marker'
	local first=${want%% *} ctl ver
	ctl=${first%%:*} ver=${first#*:}
	if [ "$STATUS" -ne 125 ]; then t_fail "$name: exit 125" "status $STATUS" "$ERR"; else t_pass "$name: exit 125"; fi
	if [ -e "$T/work/marker" ]; then t_fail "$name: nothing ran" "marker created"; else t_pass "$name: nothing ran"; fi
	local line
	line=$(printf '%s\n' "$ERR" | head -n 1)
	case $line in
	*"$ctl"*"Linux $ver"*"--mode best-effort"*) t_pass "$name: the line names $ctl, Linux $ver and --mode best-effort" ;;
	*) t_fail "$name: the line names $ctl, Linux $ver and --mode best-effort" "$line" ;;
	esac
	for g in $want; do
		case $ERR in *"${g%%:*} ("*"Linux ${g#*:}"*) ;; *) t_fail "$name: names ${g%%:*}" "$ERR"; return ;; esac
	done
	t_pass "$name: names every missing control"
}

# best_effort NAME SHIMARGS EXPECTED-GAPS [JAILSH ARGS...]
best_effort() {
	local name=$1 shim=$2 want=$3; shift 3
	rm -f "$T/work/marker"
	run ok "$shim" --mode best-effort "$@" -c 'touch marker'
	if [ "$STATUS" -eq 0 ] && [ -e "$T/work/marker" ]; then t_pass "$name: best-effort runs"
	else t_fail "$name: best-effort runs" "status $STATUS" "$ERR"; fi
	local got expect
	got=$(printf '%s\n' "$ERR" | sed -n 's/^jailsh: best-effort: not enforced: \([a-z-]*\) .*/\1/p' | sort | tr '\n' ' ')
	expect=$(for g in $want; do echo "${g%%:*}"; done | sort | tr '\n' ' ')
	if [ "$got" = "$expect" ]; then t_pass "$name: best-effort lists exactly: ${expect:-nothing}"
	else t_fail "$name: best-effort lists exactly: ${expect:-nothing}" "got: $got" "$ERR"; fi
}

for abi in 0 1 2 3 4 5; do
	fail_closed "ABI $abi" "--abi $abi" "$(gaps "$abi")"
	best_effort "ABI $abi" "--abi $abi" "$(gaps "$abi")"
done
fail_closed "no Landlock (ENOSYS)" "--no-landlock --errno ENOSYS" "$(gaps 0)"
fail_closed "Landlock disabled (EOPNOTSUPP)" "--no-landlock --errno EOPNOTSUPP" "$(gaps 0)"
best_effort "no Landlock" "--no-landlock" "$(gaps 0)"
run ok "--no-landlock --errno EOPNOTSUPP" -c true
case $ERR in *"disabled at boot"*) t_pass "EOPNOTSUPP is reported as disabled at boot" ;;
*) t_fail "EOPNOTSUPP is reported as disabled at boot" "$ERR" ;; esac

# ABI 6 passes with the default policy: nothing missing, it runs.
rm -f "$T/work/marker"
run ok "--abi 6" -c 'touch marker'
if [ "$STATUS" -eq 0 ] && [ -e "$T/work/marker" ] && [ -z "$ERR" ]; then t_pass "ABI 6: the default policy runs, no gap"
else t_fail "ABI 6: the default policy runs, no gap" "status $STATUS" "$ERR"; fi

# Policy-specific gaps.
port=$(free_port)
fail_closed "ABI 3 with --net connect:$port" "--abi 3" "tcp-ports:6.7 ioctl-dev:6.10 signal-scope:6.12" --net "connect:$port"
best_effort "ABI 3 with --net connect:$port" "--abi 3" "tcp-ports:6.7 ioctl-dev:6.10 signal-scope:6.12" --net "connect:$port"
run ok "--abi 4" --net "connect:$port" -c true
case $ERR in *tcp-ports*) t_fail "ABI 4: connect:PORT is no gap" "$ERR" ;; *) t_pass "ABI 4: connect:PORT is no gap" ;; esac
best_effort "ABI 5 with --net unix" "--abi 5" "signal-scope:6.12 abstract-unix-scope:6.12" --net unix
rm -f "$T/work/marker"
run env JAIL_MODE=best-effort bash -c 'cd "$1" && "$2" --abi 5 -- "$3" -c "touch marker"' _ "$T/work" "$OLDKERNEL" "$JAILSH"
if [ "$STATUS" -eq 0 ] && [ -e "$T/work/marker" ]; then t_pass "JAIL_MODE=best-effort works like --mode"
else t_fail "JAIL_MODE=best-effort works like --mode" "status $STATUS" "$ERR"; fi

# Best-effort still enforces what the kernel has.
expect_status 1 "ABI 3 best-effort: sockets still refused" ok "--abi 3" --mode best-effort -- "$PROBE" socket inet
echo s >"$T/hidden"
expect_status 1 "ABI 3 best-effort: hidden files still hidden" ok "--abi 3" --mode best-effort --hide "$T/hidden" -- "$PROBE" read "$T/hidden"
expect_status 0 "control: ABI 5 best-effort: the signal gap is real (kill -0 outside works)" \
	ok "--abi 5" --mode best-effort -- "$PROBE" kill $$

# Under a foreign supervisor (the shim's --listener holds the one listener
# a filter chain may have) the creation guard cannot run: enforce mode runs
# nothing and says why; best-effort names the gap. The --abi runs above
# show the control: the shim's tracing takes no listener, the guard runs.
foreign() { (cd "$T/work" && "$OLDKERNEL" --listener -- "$JAILSH" "$@"); }
expect_status 0 "control: under the shim's tracing (no listener) the command runs" ok "--abi 7" -c 'touch marker'
expect_status 2 "control: ... and the guard refuses .envrc (sh: cannot create)" ok "--abi 7" -c 'echo x >.envrc'
rm -f "$T/work/marker"
run foreign -c 'touch marker'
if [ "$STATUS" -eq 125 ] && [ ! -e "$T/work/marker" ]; then t_pass "no guard possible: enforce runs nothing (125)"
else t_fail "no guard possible: enforce runs nothing (125)" "status $STATUS" "$ERR"; fi
case $ERR in *"cannot start the creation guard (another seccomp supervisor (not a jailsh) holds the listener)"*"--mode best-effort"*)
	t_pass "... and the line names the reason and the fix" ;;
*) t_fail "... and the line names the reason and the fix" "$ERR" ;; esac
run foreign --mode best-effort -c 'touch marker'
if [ "$STATUS" -eq 0 ] && [ -e "$T/work/marker" ]; then t_pass "no guard possible: best-effort runs"
else t_fail "no guard possible: best-effort runs" "status $STATUS" "$ERR"; fi
case $ERR in *"not enforced: guard (creating protected names"*) t_pass "... and names the guard as not enforced" ;;
*) t_fail "... and names the guard as not enforced" "$ERR" ;; esac
[ -e "$T/work/.envrc" ] && t_fail "setup: .envrc exists" || t_pass "the refused .envrc does not exist"

t_done
