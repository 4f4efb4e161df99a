#!/bin/bash
# plugin_errors.sh - bad JAIL_* values stop make with FILE:LINE, the
# variable and the fix, and nothing runs; the same Makefile with a good
# value runs (the positive control for each).
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mk() { sed 's/^> /\t/' >"$1"; }
mkdir -p proj

# bad NAME 'VARIABLE = VALUE' TEXT GOOD-VALUE: a target-specific bad value
# is refused at the target's recipe line (Makefile:4); the good one runs.
bad() {
	local name=$1 assign=$2 text=$3 good=$4
	mk proj/Makefile <<EOF
load $JAILSO
t: $assign
t:
> @echo ran
EOF
	run make -C proj t
	if [ "$STATUS" -eq 2 ] && [[ $ERR == *"Makefile:4: *** jail.so: target 't': $text"* ]] && [[ $OUT != *ran* ]]; then
		t_pass "$name"
	else t_fail "$name" "status $STATUS" "stderr: $ERR" "stdout: $OUT"; fi
	sed -i "2s|.*|t: $good|" proj/Makefile
	run make -s -C proj t
	[ "$STATUS" -eq 0 ] && [ "$OUT" = ran ] && t_pass "control for: $name" || t_fail "control for: $name" "$ERR"
}

bad "unknown JAIL_NET value" "JAIL_NET = everything" \
	"JAIL_NET: unknown network spec 'everything'; use none, unix, all or connect:PORT" "JAIL_NET = all"
bad "JAIL_NET port out of range" "JAIL_NET = connect:99999" "JAIL_NET" "JAIL_NET = connect:443"
bad "missing JAIL_WRITE path" "JAIL_WRITE += no/such/dir" \
	"JAIL_WRITE path does not exist '$T/proj/no/such/dir'; create it first, or fix the path" "JAIL_WRITE += ."
bad "missing JAIL_READ path" "JAIL_READ = /no/such/dir" "JAIL_READ path does not exist '/no/such/dir'" "JAIL_READ = /"
bad "unknown JAIL_MODE" "JAIL_MODE = strict" "JAIL_MODE: unknown mode 'strict'" "JAIL_MODE = enforce"
bad "two JAIL_MODE values" "JAIL_MODE = enforce off" "JAIL_MODE takes one value" "JAIL_MODE = off"
bad "bad JAIL_ENV name" "JAIL_ENV = A=B" "JAIL_ENV" "JAIL_ENV = A_B"

# a global bad value used by $(shell) while reading: the $(shell) line
mk proj/Makefile <<EOF
load $JAILSO
JAIL_NET = udp

V := \$(shell echo hi)
all: ; @echo \$(V)
EOF
expect_stderr "global bad value: refused at the \$(shell) line" \
	"Makefile:4: *** jail.so: JAIL_NET: unknown network spec 'udp'" make -C proj
sed -i 's/^JAIL_NET = udp/JAIL_NET = unix/' proj/Makefile
expect_stdout "control: a good global value" hi make -s -C proj

# JAIL_SHELLFLAGS that would make make run /bin/sh to split it
mk proj/Makefile <<EOF
load $JAILSO
JAIL_SHELLFLAGS = -c 'x'
all:
> @echo ran
EOF
expect_stderr "JAIL_SHELLFLAGS with a quote is refused" \
	"Makefile:4: *** jail.so: JAIL_SHELLFLAGS '-c 'x'' is not a list of sh flags ending in -c" make -C proj
sed -i "s/^JAIL_SHELLFLAGS = .*/JAIL_SHELLFLAGS = -eu -c/" proj/Makefile
expect_stdout "control: JAIL_SHELLFLAGS = -eu -c" ran make -s -C proj

# a writable root holding a hidden credential store: refused, not weakened
mkdir -p home/.ssh
mk proj/Makefile <<EOF
load $JAILSO
JAIL_WRITE = . $T/home
all:
> @echo ran
EOF
run env HOME="$T/home" make -C proj
[[ $ERR == *"Makefile:4: *** jail.so: cannot enforce"*"JAIL_MODE = best-effort"* && $OUT != *ran* ]] &&
	t_pass "writable root over ~/.ssh: refused with file:line" || t_fail "writable root over ~/.ssh: refused" "$ERR"
run env HOME="$T/home" make -s -C proj JAIL_WRITE=.
[ "$OUT" = ran ] && t_pass "control: without that root it runs" || t_fail "control: without that root it runs" "$ERR"

t_done
