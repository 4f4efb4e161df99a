#!/bin/bash
# integ_ninja.sh - ninja jailed whole (`jailsh -- ninja -C build`, one jail
# for every command) and per command (a launcher variable in the rules).
# ninja ignores SHELL and runs each command with /bin/sh -c.
. "$(dirname "$0")/../lib.sh"
t_require_landlock
# Paths outside every writable root live in $V, not under /tmp: jailsh
# gives each command a private /tmp overlay, where a stray write would be
# discarded instead of refused.
V=$T_OUT
if ! command -v ninja >/dev/null || ! command -v cc >/dev/null; then
	t_skip "all tests of $T_NAME" "ninja or cc is not installed (apt-get install ninja-build gcc)"
	t_done; exit $?
fi

# expect_output NAME TEXT CMD...: stdout or stderr contains TEXT (ninja
# prints a command's output on its own stdout).
expect_output() {
	local name=$1 text=$2; shift 2
	run "$@"
	case "$OUT$ERR" in
	*"$text"*) t_pass "$name" ;;
	*) t_fail "$name" "output lacks: $text" "status: $STATUS" "stdout: $OUT" "stderr: $ERR" ;;
	esac
}

mkdir -p proj/build "$V/outside" "$V/home/.ssh"
export HOME=$V/home
echo secret >"$V/home/.ssh/id_test"
printf '#include <stdio.h>\nint main(void){puts("hello ninja");return 0;}\n' >proj/hello.c

# rules.ninja: $launcher goes before every command; empty means unjailed.
cat >proj/rules.ninja <<EOF
rule cc
  command = \$launcher cc -o \$out \$in
rule escape
  command = \$launcher sh -c 'echo x > $V/outside/\$out'
rule peek
  command = \$launcher cat $V/home/.ssh/id_test
rule script
  command = \$launcher $JAILSH -c 'echo one > \$out && echo two >> \$out'
build hello: cc ../hello.c
build lines.txt: script
build escaped: escape
build peeked: peek
default hello
EOF
printf 'launcher =\ninclude ../rules.ninja\n' >proj/build/build.ninja
printf 'launcher = %s --\ninclude ../rules.ninja\n' "$JAILSH" >proj/build/jailed.ninja
printf 'launcher = %s --write %s --\ninclude ../rules.ninja\n' "$JAILSH" "$V/outside" >proj/build/granted.ninja
cd proj || exit 1

# --- the whole build in one jail ---------------------------------------
expect_status 0 "whole: jailsh -- ninja -C build builds" "$JAILSH" -- ninja -C build
expect_stdout "whole: the program runs" "hello ninja" ./build/hello
expect_status 0 "control: unjailed ninja writes outside the tree" ninja -C build escaped
rm -f "$V/outside/escaped"
expect_status 1 "whole: a command writing outside the tree fails" "$JAILSH" -- ninja -C build escaped
expect_output "whole: ... with the shell's own message" "cannot create $V/outside/escaped" \
	"$JAILSH" -- ninja -C build escaped
[ -e "$V/outside/escaped" ] && t_fail "whole: nothing was written outside" "$V/outside/escaped exists" \
	|| t_pass "whole: nothing was written outside"
expect_status 0 "control: unjailed ninja reads ~/.ssh" ninja -C build peeked
expect_output "whole: ~/.ssh is hidden from every command" "Permission denied" \
	"$JAILSH" -- ninja -C build peeked
expect_status 0 "whole: --write grants the outside dir" \
	"$JAILSH" --write . --write "$V/outside" -- ninja -C build escaped

# --- per command: the launcher in the rules -----------------------------
rm -rf build/hello build/.ninja_log build/.ninja_deps "$V/outside/escaped"
expect_status 0 "launcher: builds with every command jailed" ninja -C build -f jailed.ninja
expect_stdout "launcher: the program runs" "hello ninja" ./build/hello
expect_status 1 "launcher: a command writing outside the tree fails" ninja -C build -f jailed.ninja escaped
expect_output "launcher: ~/.ssh is hidden" "Permission denied" ninja -C build -f jailed.ninja peeked
expect_status 0 "launcher: a grant in the launcher lets it write" ninja -C build -f granted.ninja escaped
# A command with shell syntax: the -c form (launcher before jailsh -c nests).
expect_status 0 "launcher: the -c form runs a shell line jailed" ninja -C build -f jailed.ninja lines.txt
expect_stdout "launcher: ... with its output" "one
two" cat build/lines.txt

# --- nested: a jailed ninja whose commands jail themselves again --------
rm -f build/hello "$V/outside/escaped"
expect_status 0 "nested: jailsh -- ninja with launchers builds" "$JAILSH" -- ninja -C build -f jailed.ninja
expect_status 1 "nested: the inner jails still refuse writes outside" \
	"$JAILSH" -- ninja -C build -f jailed.ninja escaped

t_done
