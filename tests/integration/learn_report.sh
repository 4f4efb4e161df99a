#!/bin/bash
# learn_report.sh - learn mode names what the jail would refuse and the
# grants that allow it: a command that writes outside the writable roots,
# reads a hidden file and connects to a TCP listener this test starts on
# 127.0.0.1. The grants learn mode prints make it pass in enforce mode;
# without any one of them it fails (positive/negative pairs). JAIL_REPORT
# lines are valid JSON. Enforce mode names a refused socket or port when
# it happens and says how to rerun in learn mode when the command fails.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work" "$T/home/.ssh"
echo key >"$T/home/.ssh/id_test"
# The write target lies outside /tmp: below /tmp the jail's private
# overlay absorbs writes instead of refusing them.
O=$(mktemp -d /var/tmp/jailtest-learn.XXXXXX 2>/dev/null) || O=
if [ -z "$O" ]; then
	t_skip "all learn report tests" "/var/tmp is not usable here"
	t_done; exit $?
fi
trap 't_cleanup; rm -rf "$O"' EXIT
chmod 0755 "$O"
mkdir "$O/out"

port=$(free_port)
other=$(free_port)
while [ "$other" = "$port" ]; do other=$(free_port); done
if ! start_listener "$port"; then
	t_fail "listener on 127.0.0.1:$port started"
	t_done; exit 1
fi

CMD="echo x > '$O/out/result' && cat '$T/home/.ssh/id_test' && '$PROBE' connect 127.0.0.1 $port"
jw() { (cd "$T/work" && HOME=$T/home "$JAILSH" "$@"); }
# expect_refused NAME WRITTEN CMD...: CMD fails (sh says 2 for a refused
# redirect, cat and the probe 1); the file outside exists iff WRITTEN=1.
expect_refused() {
	local name=$1 written=$2 seen=0; shift 2
	run "$@"
	[ -e "$O/out/result" ] && seen=1
	if [ "$STATUS" -ne 0 ] && [ "$seen" = "$written" ]; then t_pass "$name (status $STATUS)"
	else t_fail "$name" "status $STATUS" "stderr: $ERR"; fi
	rm -f "$O/out/result"
}

# --- positive control: the command works unjailed ---
expect_status 0 "control: the command works unjailed" sh -c "$CMD"
rm -f "$O/out/result"

# --- enforce mode without grants: refused, and said so ---
expect_refused "enforce: the command fails in the jail" 0 jw -c "$CMD"
case $ERR in
*"JAIL_MODE=learn"*"--mode learn"*) t_pass "enforce: the failure line says how to rerun in learn mode" ;;
*) t_fail "enforce: the failure line says how to rerun in learn mode" "stderr: $ERR" ;;
esac
expect_stderr "enforce: a refused socket is named when it happens" \
	"jailsh: refused: probe (pid" jw -- "$PROBE" connect 127.0.0.1 "$port"
case $ERR in
*"socket inet stream"*"--net connect:PORT"*) t_pass "enforce: the socket line names family, type and grant" ;;
*) t_fail "enforce: the socket line names family, type and grant" "stderr: $ERR" ;;
esac
expect_stderr "enforce: a refused port is named when it happens" \
	"connect inet 127.0.0.1:$port" jw --net "connect:$other" -- "$PROBE" connect 127.0.0.1 "$port"
case $ERR in
*"--net connect:$port"*) t_pass "enforce: the port line names the grant" ;;
*) t_fail "enforce: the port line names the grant" "stderr: $ERR" ;;
esac
expect_status 0 "control: a granted port is not named" jw --net "connect:$port" -- "$PROBE" connect 127.0.0.1 "$port"
case $ERR in
*"refused"*) t_fail "control: no refusal line for a granted port" "stderr: $ERR" ;;
*) t_pass "control: no refusal line for a granted port" ;;
esac

# --- learn mode: runs unblocked, names all three, prints working grants ---
rm -f "$T/report.json"
run env JAIL_REPORT="$T/report.json" bash -c 'cd "$1" && HOME=$2 "$3" --mode learn -c "$4"' \
	_ "$T/work" "$T/home" "$JAILSH" "$CMD"
if [ "$STATUS" -eq 0 ] && [ -f "$O/out/result" ]; then t_pass "learn: the command ran unblocked"
else t_fail "learn: the command ran unblocked" "status $STATUS" "stderr: $ERR"; fi
rm -f "$O/out/result"
for want in "--write $O/out" "--unhide $T/home/.ssh" "--net connect:$port"; do
	case $ERR in
	*"$want"*) t_pass "learn: suggests $want" ;;
	*) t_fail "learn: suggests $want" "stderr: $ERR" ;;
	esac
done
grants=$(printf '%s\n' "$ERR" | sed -n 's/^jailsh: learn: rerun with: //p')
if [ -n "$grants" ]; then t_pass "learn: one line holds every grant"
else t_fail "learn: one line holds every grant" "stderr: $ERR"; fi

# --- the grants make it pass; without any one of them it fails ---
# shellcheck disable=SC2086 # the grants are words; the paths hold no blanks
expect_status 0 "enforce with the learned grants passes" jw $grants -c "$CMD"
expect_stdout "the granted command wrote its file" "x" cat "$O/out/result"
rm -f "$O/out/result"
expect_refused "without --write it fails" 0 jw --unhide "$T/home/.ssh" --net "connect:$port" -c "$CMD"
expect_refused "without --unhide it fails" 1 jw --write "$O/out" --net "connect:$port" -c "$CMD"
expect_refused "without --net it fails" 1 jw --write "$O/out" --unhide "$T/home/.ssh" -c "$CMD"

# --- JAIL_REPORT: one valid JSON object per line, naming each access ---
if [ -s "$T/report.json" ]; then t_pass "learn: JAIL_REPORT was written"
else t_fail "learn: JAIL_REPORT was written"; fi
bad=0
while IFS= read -r line; do
	if command -v jq >/dev/null; then
		printf '%s\n' "$line" | jq -e . >/dev/null 2>&1 || bad=$((bad + 1))
	else
		printf '%s\n' "$line" | python3 -m json.tool >/dev/null 2>&1 || bad=$((bad + 1))
	fi
done <"$T/report.json"
if [ "$bad" -eq 0 ]; then t_pass "JAIL_REPORT: every line is valid JSON"
else t_fail "JAIL_REPORT: every line is valid JSON" "$bad bad lines" "$(cat "$T/report.json")"; fi
if command -v jq >/dev/null; then
	expect_stdout "JAIL_REPORT names the write" "$O/out/result" \
		jq -r 'select(.op == "create") | .path' "$T/report.json"
	expect_stdout "JAIL_REPORT names the hidden read" "$T/home/.ssh/id_test" \
		jq -r 'select(.op == "read") | .path' "$T/report.json"
	expect_stdout "JAIL_REPORT names address and port" "127.0.0.1 $port --net connect:$port" \
		jq -r 'select(.op == "connect") | "\(.address) \(.port) \(.grant)"' "$T/report.json"
else
	t_skip "JAIL_REPORT field checks" "jq is not installed"
fi

# --- JAIL_MODE=learn works like --mode learn ---
expect_stderr "JAIL_MODE=learn reports too" "--write $O/out" \
	env JAIL_MODE=learn bash -c 'cd "$1" && HOME=$2 "$3" -c "$4"' _ "$T/work" "$T/home" "$JAILSH" "$CMD"
rm -f "$O/out/result"
expect_stderr "learn: a clean command is said to need nothing" "nothing would be denied" \
	jw --mode learn -c 'echo ok > inside.txt'

t_done
