#!/bin/bash
# integ_npm.sh - npm runs package scripts as `script-shell -c LINE`:
# --script-shell=jailsh (or script-shell=... in the project's .npmrc) jails
# every script. npm itself stays outside the jail.
. "$(dirname "$0")/../lib.sh"
t_require_landlock
if ! command -v npm >/dev/null; then
	t_skip "all tests of $T_NAME" "npm is not installed"
	t_done; exit $?
fi

mkdir -p proj outside home
# npm writes its cache and logs under HOME: keep them in the scratch dir.
export HOME=$T/home npm_config_cache=$T/home/.npm npm_config_update_notifier=false \
	npm_config_fund=false npm_config_audit=false npm_config_offline=true
cd proj || exit 1
{
	printf '{ "name": "demo", "version": "1.0.0", "private": true,\n'
	printf '  "scripts": {\n'
	printf '    "build": "echo built > out.txt && awk %s /proc/self/status",\n' \
		"'/^Seccomp:/ {print \$2}'"
	printf '    "escape": "echo x > %s/outside/escaped" } }\n' "$T"
} >package.json

expect_status 0 "control: an unjailed script writes outside" npm run --silent escape
rm -f "$T/outside/escaped"
expect_stdout "control: an unjailed script runs free" 0 npm run --silent build
expect_stdout "--script-shell=jailsh: the script runs jailed" 2 \
	npm run --silent build --script-shell="$JAILSH"
expect_stdout "... and writes inside the project" built cat out.txt
run npm run --silent escape --script-shell="$JAILSH"
if [ "$STATUS" -ne 0 ] && [ ! -e "$T/outside/escaped" ]; then
	t_pass "--script-shell=jailsh: a script writing outside fails"
else
	t_fail "--script-shell=jailsh: a script writing outside fails" "status $STATUS" "$OUT" "$ERR"
fi
case $ERR in
*"cannot create $T/outside/escaped: Permission denied"*) t_pass "... with the shell's message" ;;
*) t_fail "... with the shell's message" "$ERR" ;;
esac
printf 'script-shell=%s\n' "$JAILSH" >.npmrc
expect_stdout ".npmrc script-shell=jailsh: the script runs jailed" 2 npm run --silent build
t_done
