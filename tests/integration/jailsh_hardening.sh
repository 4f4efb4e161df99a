#!/bin/bash
# Escapes found in review, each with its positive control: limits of
# processes outside the jail, a supervisor killed by SIGPIPE, a directory
# passed off as make's sync mutex, raw block devices as root.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

# prlimit on a process outside the jail (a CPU limit kills it).
sleep 60 &
victim=$!
T_PIDS+=("$victim")
expect_status 0 "unjailed: prlimit may set the limits of our own process" \
	prlimit --pid "$victim" --core=0:0
expect_status 1 "jailed: prlimit of a process outside is refused" \
	"$JAILSH" -c "prlimit --pid $victim --core=0:0"
expect_status 0 "jailed: a command may still set its own limits" \
	"$JAILSH" -c "ulimit -c 0"

# The supervisor outlives a closed stderr: no SIGPIPE death, no leftovers.
marker=$((RANDOM + 40000))
"$JAILSH" -c "sleep $marker.5 </dev/null >/dev/null 2>&1 & sleep 0.3; $PROBE socket inet; exit 3" 2>&1 >/dev/null | true
status=${PIPESTATUS[0]}
if [ "$status" -eq 3 ]; then t_pass "stderr closed: jailsh still reports the command's status"
else t_fail "stderr closed: jailsh still reports the command's status" "got $status (141 = SIGPIPE)"; fi
if pgrep -f "sleep $marker.5" >/dev/null; then
	t_fail "stderr closed: the background process was killed" "$(pgrep -af "sleep $marker.5")"
	pkill -f "sleep $marker.5"
else t_pass "stderr closed: the background process was killed"; fi

# A directory named as make's sync mutex is not made writable.
mkdir -p "$T_OUT/mx" && echo a >"$T_OUT/mx/f"
expect_status 0 "unjailed: chmod in the directory works" chmod 600 "$T_OUT/mx/f"
expect_status 1 "jailed: a --sync-mutex directory in MAKEFLAGS gains no writes" \
	env MAKEFLAGS=" --sync-mutex=fnm:$T_OUT/mx" "$JAILSH" -c "chmod 644 $T_OUT/mx/f"

# Raw block devices: as root, reading the disk would bypass hiding.
if ! is_root; then
	t_skip "block devices are hidden" "not root: no raw disk to read"
else
	dev=""
	for d in /dev/loop0 /dev/vda /dev/sda /dev/nvme0n1; do
		if [ -b "$d" ] && head -c 1 "$d" >/dev/null 2>&1; then dev=$d; break; fi
	done
	if [ -z "$dev" ]; then
		t_skip "block devices are hidden" "no block device readable here even unjailed"
	else
		t_pass "unjailed: root reads $dev"
		expect_status 1 "jailed: root cannot read $dev" "$JAILSH" -c "head -c 1 $dev >/dev/null"
	fi
fi
# A directory on standard input is on a host mount: calls relative to it
# (openat(0, ".git/config")) would bypass the jail's view. Refused.
expect_status 0 "control: a file on standard input is fine" sh -c "'$JAILSH' -c true <'$T_OUT/mx/f'"
run sh -c "'$JAILSH' -c 'echo ran' <'$T_OUT/mx'"
if [ "$STATUS" -eq 125 ] && [ -z "$OUT" ]; then t_pass "a directory on standard input: nothing runs (125)"
else t_fail "a directory on standard input: nothing runs (125)" "status $STATUS" "$OUT"; fi
case $ERR in *"standard input is a directory opened outside the jail"*"/dev/null"*) t_pass "... and the line says why and what to do" ;;
*) t_fail "... and the line says why and what to do" "$ERR" ;; esac
t_done
