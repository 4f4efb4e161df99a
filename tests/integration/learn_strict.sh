#!/bin/bash
# learn_strict.sh - strict reads catch an undeclared input: a C file that
# includes a header nobody declared. With jailsh (--strict, --read) and,
# when jail.so is built, with make (JAIL_STRICT = 1): learn mode names the
# header ("add inc/extra.h as a prerequisite of bld/main.o" under make);
# enforce mode refuses the build without it and passes once it is
# declared (positive/negative pairs).
. "$(dirname "$0")/../lib.sh"
t_require_landlock

if ! command -v cc >/dev/null; then
	t_skip "all strict read tests" "no C compiler"
	t_done; exit $?
fi
# The project lies outside /tmp: the jail's private /tmp overlay is
# readable and writable, so strict reads cannot be seen there.
P=$(mktemp -d /var/tmp/jailtest-strict.XXXXXX 2>/dev/null) || P=
if [ -z "$P" ]; then
	t_skip "all strict read tests" "/var/tmp is not usable here"
	t_done; exit $?
fi
trap 't_cleanup; rm -rf "$P"' EXIT
chmod 0755 "$P"
mkdir -p "$P/src" "$P/inc" "$P/bld"
echo '#define EXTRA 42' >"$P/inc/extra.h"
printf '#include "../inc/extra.h"\nint extra(void) { return EXTRA; }\n' >"$P/src/main.c"
export HOME=$T/home
mkdir -p "$HOME"

js() { (cd "$P" && "$JAILSH" --strict --write bld --read src/main.c "$@" -- cc -c src/main.c -o bld/main.o); }

# --- jailsh ---
expect_status 0 "control: the compile works unjailed" sh -c "cd '$P' && cc -c src/main.c -o bld/main.o"
rm -f "$P/bld/main.o"
expect_status 0 "learn: the compile runs unblocked" js --mode learn
expect_stderr "learn: names the undeclared header" "--read $P/inc/extra.h" js --mode learn
case $ERR in
*"not a declared input"*) t_pass "learn: says why" ;;
*) t_fail "learn: says why" "stderr: $ERR" ;;
esac
rm -f "$P/bld/main.o"
expect_status 1 "enforce: the undeclared header is refused" js
expect_status 0 "enforce: declared with --read, it compiles" js --read inc/extra.h

# --- make with jail.so ---
if [ ! -f "$JAILSO" ] || ! command -v make >/dev/null; then
	t_skip "strict reads with make" "jail.so or make is missing"
	t_done; exit $?
fi
cat >"$P/Makefile" <<EOF
load $JAILSO
JAIL_WRITE = bld
JAIL_STRICT = 1
bld/main.o: src/main.c
	cc -c src/main.c -o \$@
EOF
mk() { rm -f "$P/bld/main.o"; run make -s -C "$P" "$@"; }
mk
if [ "$STATUS" -ne 0 ] && [ ! -e "$P/bld/main.o" ]; then t_pass "make: the undeclared header is refused"
else t_fail "make: the undeclared header is refused" "status $STATUS" "stderr: $ERR"; fi
case $ERR in
*"--mode learn"*) t_pass "make: the failure says how to rerun in learn mode" ;;
*) t_fail "make: the failure says how to rerun in learn mode" "stderr: $ERR" ;;
esac
mk JAIL_MODE=learn JAIL_REPORT="$T/report.json"
if [ "$STATUS" -eq 0 ]; then t_pass "make learn: the build runs"
else t_fail "make learn: the build runs" "status $STATUS" "stderr: $ERR"; fi
case $ERR in
*"add inc/extra.h as a prerequisite of bld/main.o"*) t_pass "make learn: names header and target" ;;
*) t_fail "make learn: names header and target" "stderr: $ERR" ;;
esac
if command -v jq >/dev/null; then
	expect_stdout "make learn: the JSON line names target and rule" "bld/main.o: $P/inc/extra.h" \
		jq -r 'select(.op == "read") | .make' "$T/report.json"
fi
echo 'bld/main.o: inc/extra.h' >>"$P/Makefile"
mk
if [ "$STATUS" -eq 0 ] && [ -e "$P/bld/main.o" ]; then t_pass "make: declared as a prerequisite, it builds"
else t_fail "make: declared as a prerequisite, it builds" "status $STATUS" "stderr: $ERR"; fi
mk JAIL_MODE=learn
case $ERR in
*"nothing would be denied"*) t_pass "make learn: nothing left to declare" ;;
*) t_fail "make learn: nothing left to declare" "stderr: $ERR" ;;
esac

t_done
