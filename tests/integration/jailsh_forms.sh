#!/bin/bash
# jailsh_forms.sh - the four invocation forms, sh flag clusters, the sh
# link, direct exec of simple lines, paths with spaces, relative paths,
# and bad input (one line, exit 2, nothing run).
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work" "$T/with space/inner" "$T/rel"
jw() { (cd "$T/work" && "$JAILSH" "$@"); }

# --- -c with NAME ARG... ---
expect_stdout "-c LINE NAME ARG...: \$0 and \$1.. are set" "name a b c" \
	jw -c 'echo "$0 $1 $2 $3"' name a b 'c'
expect_stdout "-c LINE: output passes through" "hello" jw -c 'echo hello'

# --- flag clusters as make and sh users write them ---
expect_status 1 "-ec: errexit stops at the first failure" jw -ec 'false; echo not-reached'
expect_stdout "-ec: nothing after the failure ran" "" jw -ec 'false; echo not-reached'
expect_stdout "-c without -e goes on" "reached" jw -c 'false; echo reached'
expect_status 1 "-e -c: separate flags work too" jw -e -c 'false; echo not-reached'
run jw -eu -c 'echo "$JAIL_TEST_UNSET_VAR"; echo after'
if [ "$STATUS" -ne 0 ] && [ -z "$OUT" ]; then t_pass "-eu: unset variable is an error"
else t_fail "-eu: unset variable is an error" "status $STATUS" "out: $OUT"; fi
expect_stderr "-x -c: the line is traced" "+ echo traced" jw -x -c 'echo traced'
expect_stdout "-ex -c: both flags apply" "one" jw -ex -c 'echo one'

# --- SCRIPT ARG... ---
printf 'echo "script $1 $2"\n' >"$T/work/script.sh"
chmod +x "$T/work/script.sh"
expect_stdout "SCRIPT ARG...: the script runs with its arguments" "script a b" jw script.sh a b
printf 'echo "spaced $1"\n' >"$T/with space/s p.sh"
expect_stdout "a script path with spaces" "spaced x" jw "$T/with space/s p.sh" x

# --- commands on stdin ---
run bash -c 'cd "$1" && printf "echo from stdin\necho second\n" | "$2"' _ "$T/work" "$JAILSH"
if [ "$STATUS" -eq 0 ] && [ "$OUT" = "from stdin
second" ]; then t_pass "commands on standard input"
else t_fail "commands on standard input" "status $STATUS" "out: $OUT" "err: $ERR"; fi
expect_status 1 "stdin commands are jailed" bash -c \
	'cd "$1" && echo "\"$3\" socket inet" | "$2"' _ "$T/work" "$JAILSH" "$PROBE"

# --- -- PROGRAM ARG... ---
expect_stdout "-- PROGRAM ARG...: argv passes as is" "a b;c" jw -- printf '%s %s\n' 'a' 'b;c'
expect_status 1 "-- PROGRAM is jailed" jw -- "$PROBE" socket inet

# --- the sh link ---
if [ -L "$BUILD/sh" ]; then
	expect_stdout "build/sh -c works" "via sh" bash -c 'cd "$1" && "$2" -c "echo via sh"' _ "$T/work" "$BUILD/sh"
	expect_status 1 "build/sh jails too" bash -c 'cd "$1" && "$2" -c "$3 socket inet"' _ "$T/work" "$BUILD/sh" "$PROBE"
else
	t_fail "build/sh is a link to jailsh" "$BUILD/sh missing"
fi

# --- simple lines are exec'd without /bin/sh ---
case $PROBE in
*[!a-zA-Z0-9_./,:=+@%-]*) t_skip "simple lines without /bin/sh" "the probe path has characters that need a shell" ;;
*)
	expect_stdout "a simple line's program is jailsh's own child" "jailsh" jw -c "$PROBE parent-comm"
	expect_stdout "-ec simple line: also direct" "jailsh" jw -ec "$PROBE parent-comm"
	run jw -c "$PROBE parent-comm; true"
	if [ "$STATUS" -eq 0 ] && [ -n "$OUT" ] && [ "$OUT" != jailsh ]; then
		t_pass "control: a line with shell syntax goes through /bin/sh ($OUT)"
	else
		t_fail "control: a line with shell syntax goes through /bin/sh" "out: $OUT"
	fi
	;;
esac

# --- paths with spaces, relative paths ---
expect_status 0 "working directory with spaces is the writable root" bash -c \
	'cd "$1" && "$2" -c "echo x > f"' _ "$T/with space" "$JAILSH"
expect_status 0 "--write with spaces" jw --write "$T/with space/inner" -- "$PROBE" write "$T/with space/inner/f"
expect_status 0 "relative --write resolves against the starting dir" jw --write ../rel -- "$PROBE" write "$T/rel/f"
jw -- "$PROBE" write "$T/rel/g" >/dev/null 2>&1
if [ -e "$T/rel/g" ]; then t_fail "control: without it ../rel is not written on the host"
else t_pass "control: without it ../rel is not written on the host"; fi
echo secret >"$T/rel/s"
expect_status 1 "relative --hide resolves against the starting dir" jw --hide ../rel/s -- "$PROBE" read "$T/rel/s"
expect_stdout "relative program path runs (no #!: under sh, as sh would)" "script x " jw -- ./script.sh x
expect_stdout "a simple line with a #!-less script runs it under sh" "script y " jw -c './script.sh y'

# --- bad input: one line on stderr, exit 2, nothing run ---
bad_input() {
	local name=$1; shift
	rm -f "$T/work/marker"
	run jw "$@" -c 'touch marker'
	local lines
	lines=$(printf '%s\n' "$ERR" | grep -c .)
	if [ "$STATUS" -eq 2 ] && [ "$lines" -eq 1 ] && [ "${ERR#jailsh: }" != "$ERR" ] &&
	   [ ! -e "$T/work/marker" ]; then
		t_pass "bad input: $name"
	else
		t_fail "bad input: $name" "status $STATUS" "stderr: $ERR" \
			"marker: $([ -e "$T/work/marker" ] && echo created || echo absent)"
	fi
}
bad_input "unknown option" --no-such-option
bad_input "unknown short option" -Q
bad_input "--net with a bad value" --net bogus
bad_input "--net connect: without a port" --net connect:
bad_input "--net connect: port out of range" --net connect:70000
bad_input "--net connect: port not a number" --net connect:http
bad_input "--write of a path that does not exist" --write "$T/no-such-dir"
bad_input "--write with an empty value" --write ''
bad_input "--read with an empty value" --read ''
bad_input "--env with an empty value" --env ''
bad_input "--mode with a bad value" --mode sometimes
bad_input "--write without a value at the end" --net none --write
run env JAIL_NET=bogus bash -c 'cd "$1" && "$2" -c "touch marker"' _ "$T/work" "$JAILSH"
if [ "$STATUS" -eq 2 ] && [ ! -e "$T/work/marker" ]; then t_pass "bad input: JAIL_NET=bogus"
else t_fail "bad input: JAIL_NET=bogus" "status $STATUS" "$ERR"; fi
expect_status 2 "-c without a command string" jw -c
expect_status 2 "-- without a program" jw --
expect_stderr "the message names the bad value" "bogus" jw --net bogus -c true

t_done
