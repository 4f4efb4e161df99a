#!/bin/bash
# integ_autotools.sh - an autoconf/Automake project jailed:
#   CONFIG_SHELL=jailsh ./configure   configure re-runs itself under jailsh
#                                     (script form: jailsh SCRIPT ARGS) and
#                                     its probes pass with the default policy;
#   make SHELL=jailsh                 every recipe line jailed, including
#                                     Automake's `$(SHELL) ./config.status`.
. "$(dirname "$0")/../lib.sh"
t_require_landlock
# Paths outside every writable root live in $V, not under /tmp: jailsh
# gives each command a private /tmp overlay, where a stray write would be
# discarded instead of refused.
V=$T_OUT
for tool in autoreconf automake make cc; do
	if ! command -v "$tool" >/dev/null; then
		t_skip "all tests of $T_NAME" "$tool is not installed (apt-get install autoconf automake make gcc)"
		t_done; exit $?
	fi
done

mkdir -p proj "$V/outside" "$V/home"
export HOME=$V/home
cd proj || exit 1
# The seccomp line shows where configure itself ran: 2 inside jailsh.
cat >configure.ac <<'EOF'
AC_INIT([greet], [1.0])
AM_INIT_AUTOMAKE([foreign])
AC_PROG_CC
AC_CHECK_HEADERS([stdio.h unistd.h sys/socket.h])
AC_CHECK_FUNCS([strdup socket])
AC_CHECK_LIB([m], [cos])
jail_seccomp=`awk '/^Seccomp:/ {print $2}' /proc/self/status`
AC_MSG_NOTICE([seccomp mode $jail_seccomp])
AC_CONFIG_HEADERS([config.h])
AC_CONFIG_FILES([Makefile])
AC_OUTPUT
EOF
cat >Makefile.am <<'EOF'
bin_PROGRAMS = greet
greet_SOURCES = greet.c
escape:
	echo x > $(OUTSIDE)/escaped
.PHONY: escape
EOF
printf '#include "config.h"\n#include <stdio.h>\nint main(void){puts("hello autotools");return 0;}\n' >greet.c
run autoreconf -i
if [ "$STATUS" -ne 0 ]; then
	t_fail "autoreconf -i" "$ERR"
	t_done; exit $?
fi

# Control: configure unjailed runs with seccomp mode 0.
cp -R "$T/proj" "$T/free"
run sh -c 'cd ../free && ./configure'
case "$STATUS/$OUT" in
0/*"seccomp mode 0"*) t_pass "control: unjailed configure runs free" ;;
*) t_fail "control: unjailed configure runs free" "status $STATUS" "$OUT" "$ERR" ;;
esac

run env CONFIG_SHELL="$JAILSH" ./configure
case "$STATUS/$OUT" in
0/*"seccomp mode 2"*) t_pass "CONFIG_SHELL=jailsh ./configure: passes, re-run under jailsh" ;;
*) t_fail "CONFIG_SHELL=jailsh ./configure: passes, re-run under jailsh" "status $STATUS" "$OUT" "$ERR" ;;
esac
conf=$OUT
for probe in "checking for stdio.h... yes" "checking for strdup... yes" \
	"checking for cos in -lm... yes" "checking whether the C compiler works... yes"; do
	case $conf in
	*"$probe"*) t_pass "jailed probe: $probe" ;;
	*) t_fail "jailed probe: $probe" "$conf" ;;
	esac
done
case $(grep '^SHELL = ' Makefile) in
"SHELL = $JAILSH") t_pass "the generated Makefile has SHELL = jailsh" ;;
*) t_fail "the generated Makefile has SHELL = jailsh" "$(grep '^SHELL' Makefile)" ;;
esac

expect_status 0 "make SHELL=jailsh builds" make SHELL="$JAILSH"
expect_stdout "the program runs" "hello autotools" ./greet

# Automake's rebuild rules: `$(SHELL) ./config.status` is jailsh's script form.
sleep 1
touch configure.ac
run make SHELL="$JAILSH"
case "$STATUS/$OUT" in
0/*"$JAILSH ./config.status"*) t_pass "rebuild: make re-runs config.status as jailsh SCRIPT" ;;
*) t_fail "rebuild: make re-runs config.status as jailsh SCRIPT" "status $STATUS" "$OUT" "$ERR" ;;
esac

expect_status 0 "control: unjailed make writes outside the tree" \
	make -C ../free SHELL=/bin/sh OUTSIDE="$V/outside" escape
rm -f "$V/outside/escaped"
expect_status 2 "make SHELL=jailsh: a recipe writing outside the tree fails" \
	make SHELL="$JAILSH" OUTSIDE="$V/outside" escape
expect_stderr "... with the shell's message naming the path" "cannot create $V/outside/escaped" \
	make SHELL="$JAILSH" OUTSIDE="$V/outside" escape
[ -e "$V/outside/escaped" ] && t_fail "nothing was written outside" "" || t_pass "nothing was written outside"
expect_status 0 "JAIL_WRITE grants the directory" \
	make SHELL="$JAILSH" OUTSIDE="$V/outside" JAIL_WRITE="$PWD:$V/outside" escape

t_done
