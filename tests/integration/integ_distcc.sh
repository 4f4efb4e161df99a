#!/bin/bash
# integ_distcc.sh - a jailed `distcc gcc` reaches a real distccd on
# 127.0.0.1 through `--net connect:PORT` and nothing else: a second distccd
# on another port is refused by the jail (and reached without it).
# distcc keeps lock files in DISTCC_DIR (default ~/.distcc): grant it.
. "$(dirname "$0")/../lib.sh"
t_require_landlock
# Paths outside every writable root live in $V, not under /tmp: jailsh
# gives each command a private /tmp overlay, where a stray write would be
# discarded instead of refused.
V=$T_OUT
if ! command -v distcc >/dev/null || ! command -v distccd >/dev/null || ! command -v gcc >/dev/null; then
	t_skip "all tests of $T_NAME" "distcc or gcc is not installed (apt-get install distcc gcc)"
	t_done; exit $?
fi

mkdir -p proj "$V/distcc-dir" "$V/logs"
chmod 0777 "$V/logs"            # distccd started by root runs as nobody
export DISTCC_DIR=$V/distcc-dir DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1
printf 'int answer(void) { return 42; }\n' >proj/f.c
cd proj || exit 1

# start_distccd PORT LOG: a daemon on 127.0.0.1 only, accepting 127.0.0.1.
start_distccd() {
	local user=() i
	is_root && user=(--user nobody)
	distccd --daemon --no-detach --listen 127.0.0.1 --allow 127.0.0.1 -p "$1" \
		--log-stderr --log-level=info "${user[@]}" 2>"$2" &
	T_PIDS+=($!)
	for i in $(seq 50); do
		grep -q 'listening on' "$2" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

P=$(free_port)
if ! start_distccd "$P" "$V/logs/a.log"; then
	t_fail "distccd starts on 127.0.0.1:$P" "$(cat "$V/logs/a.log")"
	t_done; exit $?
fi
Q=$(free_port)
while [ "$Q" = "$P" ]; do Q=$(free_port); done
if ! start_distccd "$Q" "$V/logs/b.log"; then
	t_fail "a second distccd starts on 127.0.0.1:$Q" "$(cat "$V/logs/b.log")"
	t_done; exit $?
fi
jobs_on() { grep -c 'COMPILE_OK' "$V/logs/$1.log"; }

# Positive controls: both daemons compile for an unjailed client.
expect_status 0 "control: unjailed distcc compiles on port $P" \
	env DISTCC_HOSTS="127.0.0.1:$P" distcc gcc -c f.c -o control-a.o
expect_status 0 "control: unjailed distcc compiles on port $Q" \
	env DISTCC_HOSTS="127.0.0.1:$Q" distcc gcc -c f.c -o control-b.o
a0=$(jobs_on a) b0=$(jobs_on b)

JAIL=("$JAILSH" --write . --write "$DISTCC_DIR" --net "connect:$P" --)
expect_status 0 "jailed distcc with --net connect:$P compiles remotely" \
	env DISTCC_HOSTS="127.0.0.1:$P" "${JAIL[@]}" distcc gcc -c f.c -o jailed.o
[ -s jailed.o ] && t_pass "the object file was written" || t_fail "the object file was written" ""
if [ "$(jobs_on a)" -eq $((a0 + 1)) ]; then t_pass "distccd on $P logged the job"
else t_fail "distccd on $P logged the job" "$(cat "$V/logs/a.log")"; fi

expect_status 0 "JAIL_NET=connect:$P works the same" \
	env DISTCC_HOSTS="127.0.0.1:$P" JAIL_NET="connect:$P" \
	"$JAILSH" --write . --write "$DISTCC_DIR" -- distcc gcc -c f.c -o jailed-env.o

run env DISTCC_HOSTS="127.0.0.1:$Q" "${JAIL[@]}" distcc gcc -c f.c -o refused.o
if [ "$STATUS" -ne 0 ] && [ ! -e refused.o ]; then
	t_pass "the same jail cannot reach distccd on port $Q"
else
	t_fail "the same jail cannot reach distccd on port $Q" "status $STATUS" "$ERR"
fi
case $ERR in
*"failed to connect to 127.0.0.1:$Q: Permission denied"*) t_pass "... distcc reports Permission denied (the jail, not a refused connection)" ;;
*) t_fail "... distcc reports Permission denied (the jail, not a refused connection)" "$ERR" ;;
esac
if [ "$(jobs_on b)" -eq "$b0" ]; then t_pass "distccd on $Q saw no job from the jail"
else t_fail "distccd on $Q saw no job from the jail" "$(cat "$V/logs/b.log")"; fi

run env DISTCC_HOSTS="127.0.0.1:$P" "$JAILSH" --write . --write "$DISTCC_DIR" -- distcc gcc -c f.c -o nonet.o
case "$STATUS/$ERR" in
0/*) t_fail "without --net the jail has no sockets at all" "the compile succeeded" ;;
*"Permission denied"*) t_pass "without --net the jail has no sockets at all" ;;
*) t_fail "without --net the jail has no sockets at all" "status $STATUS" "$ERR" ;;
esac

mkdir "$V/distcc-fresh"
run env DISTCC_HOSTS="127.0.0.1:$P" DISTCC_DIR="$V/distcc-fresh" \
	"$JAILSH" --net "connect:$P" -- distcc gcc -c f.c -o nolock.o
case "$STATUS/$ERR" in
0/*) t_fail "without the DISTCC_DIR grant distcc cannot take its lock" "the compile succeeded" ;;
*"$V/distcc-fresh/"*) t_pass "without the DISTCC_DIR grant distcc cannot take its lock" ;;
*) t_fail "without the DISTCC_DIR grant distcc cannot take its lock" "status $STATUS" "$ERR" ;;
esac

t_done
