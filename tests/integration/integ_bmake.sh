#!/bin/bash
# integ_bmake.sh - bmake ignores the SHELL variable; its shell is set by
# the .SHELL special target. With `.SHELL: name=sh path=jailsh` bmake runs
# each line as `jailsh -c LINE` (compat mode) and, with -j, feeds a whole
# recipe to `jailsh` on standard input (the stdin form).
. "$(dirname "$0")/../lib.sh"
t_require_landlock
# Paths outside every writable root live in $V, not under /tmp: jailsh
# gives each command a private /tmp overlay, where a stray write would be
# discarded instead of refused.
V=$T_OUT
if ! command -v bmake >/dev/null; then
	t_skip "all tests of $T_NAME" "bmake is not installed (apt-get install bmake)"
	t_done; exit $?
fi

mkdir -p proj "$V/outside"
cd proj || exit 1
printf '.SHELL: name=sh path=%s\n' "$JAILSH" >jail.mk
{
	printf 'all: a.out b.out\n'
	printf 'a.out:\n\techo a > a.tmp\n\tmv a.tmp a.out\n'
	printf 'b.out:\n\tawk %s /proc/self/status > b.out\n' "'/^Seccomp:/ {print \$\$2}'"
	printf 'escape:\n\t@echo one\n\techo x > %s/outside/escaped\n\t@echo three\n' "$V"
} >Makefile

for mode in compat -j2; do
	flags=()
	[ "$mode" = -j2 ] && flags=(-j2)
	rm -f a.out b.out "$V/outside/escaped"
	expect_status 0 "$mode: control: unjailed bmake writes outside" bmake "${flags[@]}" escape
	rm -f "$V/outside/escaped"
	expect_status 0 "$mode: jailed bmake builds" bmake "${flags[@]}" -f jail.mk -f Makefile
	expect_stdout "$mode: its lines ran inside the seccomp filter" 2 cat b.out
	run bmake "${flags[@]}" -f jail.mk -f Makefile escape
	if [ "$STATUS" -ne 0 ] && [ ! -e "$V/outside/escaped" ]; then
		t_pass "$mode: a line writing outside the tree stops the build"
	else
		t_fail "$mode: a line writing outside the tree stops the build" "status $STATUS" "$OUT" "$ERR"
	fi
	case "$OUT$ERR" in
	*"cannot create $V/outside/escaped"*) t_pass "$mode: ... with the shell's message" ;;
	*) t_fail "$mode: ... with the shell's message" "$OUT" "$ERR" ;;
	esac
	case $OUT in
	*three*) t_fail "$mode: the line after the failure did not run" "$OUT" ;;
	*) t_pass "$mode: the line after the failure did not run" ;;
	esac
done
t_done
