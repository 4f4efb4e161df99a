#!/bin/bash
# integ_npm.sh - npm runs package scripts as `script-shell -c LINE`:
# --script-shell=jailsh (or script-shell=... in the project's .npmrc) jails
# every script. npm itself stays outside the jail.
. "$(dirname "$0")/../lib.sh"
t_require_landlock
# Paths outside every writable root live in $V, not under /tmp: jailsh
# gives each command a private /tmp overlay, where a stray write would be
# discarded instead of refused.
V=$T_OUT
if ! command -v npm >/dev/null; then
	t_skip "all tests of $T_NAME" "npm is not installed"
	t_done; exit $?
fi

mkdir -p proj "$V/outside" "$V/home"
# npm writes its cache and logs under HOME: keep them in the scratch dir.
export HOME=$V/home npm_config_cache=$V/home/.npm npm_config_update_notifier=false \
	npm_config_fund=false npm_config_audit=false npm_config_offline=true
cd proj || exit 1
{
	printf '{ "name": "demo", "version": "1.0.0", "private": true,\n'
	printf '  "scripts": {\n'
	printf '    "build": "echo built > out.txt && awk %s /proc/self/status",\n' \
		"'/^Seccomp:/ {print \$2}'"
	printf '    "escape": "echo x > %s/outside/escaped" } }\n' "$V"
} >package.json

expect_status 0 "control: an unjailed script writes outside" npm run --silent escape
rm -f "$V/outside/escaped"
expect_stdout "control: an unjailed script runs free" 0 npm run --silent build
expect_stdout "--script-shell=jailsh: the script runs jailed" 2 \
	npm run --silent build --script-shell="$JAILSH"
expect_stdout "... and writes inside the project" built cat out.txt
run npm run --silent escape --script-shell="$JAILSH"
if [ "$STATUS" -ne 0 ] && [ ! -e "$V/outside/escaped" ]; then
	t_pass "--script-shell=jailsh: a script writing outside fails"
else
	t_fail "--script-shell=jailsh: a script writing outside fails" "status $STATUS" "$OUT" "$ERR"
fi
case $ERR in
*"cannot create $V/outside/escaped"*) t_pass "... with the shell's message" ;;
*) t_fail "... with the shell's message" "$ERR" ;;
esac
printf 'script-shell=%s\n' "$JAILSH" >.npmrc
expect_stdout ".npmrc script-shell=jailsh: the script runs jailed" 2 npm run --silent build
t_done
