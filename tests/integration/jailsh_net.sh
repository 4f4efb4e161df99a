#!/bin/bash
# jailsh_net.sh - the network controls with real sockets. The only
# listeners are the ones this test starts, on 127.0.0.1 (and unix sockets
# in $T); every denial has its unjailed twin.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work"
jw() { (cd "$T/work" && "$JAILSH" "$@" 2>/dev/null); }

p1=$(free_port)
p2=$(free_port)
while [ "$p2" = "$p1" ]; do p2=$(free_port); done
if ! start_listener "$p1" || ! start_listener "$p2"; then
	t_fail "listeners on 127.0.0.1:$p1 and :$p2 started"
	t_done; exit 1
fi
"$PROBE" unix-listen "$T/sock" 30 >"$T/.unix" 2>&1 &
T_PIDS+=($!)
"$PROBE" unix-listen "$T/work/sock" 30 >"$T/.unix2" 2>&1 &
T_PIDS+=($!)
abstract=@jailtest-$$-$RANDOM
"$PROBE" unix-listen "$abstract" 30 >"$T/.abstract" 2>&1 &
T_PIDS+=($!)
for i in $(seq 50); do
	grep -q ready "$T/.unix" 2>/dev/null && grep -q ready "$T/.unix2" 2>/dev/null &&
		grep -q ready "$T/.abstract" 2>/dev/null && break
	sleep 0.1
done

# --- positive controls: everything works unjailed ---
expect_status 0 "control: unjailed connect to :$p1" "$PROBE" connect 127.0.0.1 "$p1"
expect_status 0 "control: unjailed connect to :$p2" "$PROBE" connect 127.0.0.1 "$p2"
expect_status 0 "control: unjailed inet socket" "$PROBE" socket inet
expect_status 0 "control: unjailed inet socket with garbage in the upper 32 bits" "$PROBE" socket-hi inet
expect_status 0 "control: unjailed unix socket" "$PROBE" socket unix
expect_status 0 "control: unjailed UDP socket" "$PROBE" socket inet dgram
expect_status 0 "control: unjailed connect to the unix listener" "$PROBE" unix-connect "$T/sock"
expect_status 0 "control: unjailed connect to the abstract unix listener" "$PROBE" unix-connect "$abstract"

# --- default: none ---
expect_status 1 "none: inet socket refused" jw -- "$PROBE" socket inet
expect_status 1 "none: inet6 socket refused" jw -- "$PROBE" socket inet6
expect_status 1 "none: garbage in the upper 32 bits does not help" jw -- "$PROBE" socket-hi inet
expect_status 1 "none: unix socket refused" jw -- "$PROBE" socket unix
expect_status 0 "none: socketpair works" jw -- "$PROBE" socketpair
expect_status 1 "none: connect to the listener refused" jw -- "$PROBE" connect 127.0.0.1 "$p1"
expect_status 1 "none: connect to the unix listener refused" jw -- "$PROBE" unix-connect "$T/sock"
for fam in netlink packet vsock alg key; do
	expect_status 1 "none: $fam socket refused" jw -- "$PROBE" socket "$fam" dgram
done
expect_status 0 "none: a pipeline in sh works (socketpair/pipe)" jw -c 'echo x | cat >/dev/null'

# --- unix ---
expect_status 0 "unix: unix socket allowed" jw --net unix -- "$PROBE" socket unix
expect_status 0 "unix: connect to a unix socket in the writable root works" \
	jw --net unix -- "$PROBE" unix-connect "$T/work/sock"
# e.g. a compiler cache daemon's socket under /tmp
expect_status 0 "unix: connect to a unix socket elsewhere below /tmp works" \
	jw --net unix -- "$PROBE" unix-connect "$T/sock"
expect_status 1 "unix: inet socket still refused" jw --net unix -- "$PROBE" socket inet
expect_status 1 "unix: netlink still refused" jw --net unix -- "$PROBE" socket netlink dgram
expect_status 1 "unix: abstract socket of a process outside refused (scope)" \
	jw --net unix -- "$PROBE" unix-connect "$abstract"

# --- connect:PORT ---
expect_status 0 "connect:$p1 reaches the granted port" jw --net "connect:$p1" -- "$PROBE" connect 127.0.0.1 "$p1"
expect_status 1 "connect:$p1 does not reach another port" jw --net "connect:$p1" -- "$PROBE" connect 127.0.0.1 "$p2"
expect_status 0 "connect:$p1,$p2 reaches both (second)" jw --net "connect:$p1,$p2" -- "$PROBE" connect 127.0.0.1 "$p2"
expect_status 0 "JAIL_NET=connect:$p1 works like --net" env JAIL_NET="connect:$p1" bash -c \
	'cd "$1" && "$2" -- "$3" connect 127.0.0.1 "$4"' _ "$T/work" "$JAILSH" "$PROBE" "$p1"
expect_status 1 "connect: UDP refused" jw --net "connect:$p1" -- "$PROBE" socket inet dgram
expect_status 1 "connect: UDP over IPv6 refused" jw --net "connect:$p1" -- "$PROBE" socket inet6 dgram
expect_status 1 "connect: raw socket refused" jw --net "connect:$p1" -- "$PROBE" socket inet raw icmp
expect_status 1 "connect: SCTP refused" jw --net "connect:$p1" -- "$PROBE" socket inet stream sctp
expect_status 1 "connect: SCTP seqpacket refused" jw --net "connect:$p1" -- "$PROBE" socket inet seqpacket sctp
run "$PROBE" socket inet stream mptcp
if [ "$STATUS" -eq 0 ]; then
	t_pass "control: unjailed MPTCP socket works"
	expect_status 1 "connect: MPTCP refused" jw --net "connect:$p1" -- "$PROBE" socket inet stream mptcp
else
	t_skip "connect: MPTCP refused" "this kernel has no MPTCP ($OUT)"
	expect_status 1 "connect: MPTCP refused anyway" jw --net "connect:$p1" -- "$PROBE" socket inet stream mptcp
fi
expect_status 1 "connect: unix socket refused" jw --net "connect:$p1" -- "$PROBE" socket unix
expect_status 1 "connect: netlink refused" jw --net "connect:$p1" -- "$PROBE" socket netlink dgram
expect_status 1 "connect: io_uring refused (would bypass the socket filter)" jw --net "connect:$p1" -- "$PROBE" io_uring

# --- all ---
expect_status 0 "all: connect to :$p1" jw --net all -- "$PROBE" connect 127.0.0.1 "$p1"
expect_status 0 "all: connect to :$p2" jw --net all -- "$PROBE" connect 127.0.0.1 "$p2"
expect_status 0 "all: UDP socket" jw --net all -- "$PROBE" socket inet dgram
expect_status 0 "all: unix connect" jw --net all -- "$PROBE" unix-connect "$T/sock"
expect_status 1 "all: the filesystem jail stays on" jw --net all -- "$PROBE" read /proc/1/environ

t_done
