# tests/lib.sh - shared by every integration test script (bash).
#
#   . "$(dirname "$0")/../lib.sh"
#   t_require_landlock            # skip (or fail in CI) without Landlock
#   expect_status 0 "write inside works" "$JAILSH" -c 'echo x > f'
#   expect_status 1 "write outside refused" "$JAILSH" -c 'echo x > /etc/x'
#   expect_stderr "names the path" "cannot create" "$JAILSH" -c '...'
#   t_done                        # prints the summary line for this script
#
# Every script gets a private scratch directory $T (removed on exit) and
# runs from inside it, plus $T_OUT outside /tmp for "outside" targets. Results are counted per script and appended to
# $JAIL_TEST_RESULTS (one "pass fail skip" line) for tests/run-all.sh.
set -u

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
JAILSH=$BUILD/jailsh
JAILSO=$BUILD/jail.so
PROBE=$BUILD/tests/probe
T_NAME=$(basename "$0" .sh)
T_PASS=0 T_FAIL=0 T_SKIP=0
T=$(mktemp -d "${TMPDIR:-/tmp}/jailtest.$T_NAME.XXXXXX")
chmod 0755 "$T"
# Writes below /tmp land in the jail's private /tmp and never reach the
# host, so "outside" paths that must be refused outright live here.
T_OUT=$(mktemp -d /var/tmp/jailtest-out.$T_NAME.XXXXXX)
chmod 0755 "$T_OUT"
T_PIDS=()
t_cleanup() {
	local pid
	for pid in "${T_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
	wait 2>/dev/null
	chmod -R u+rwX "$T" "$T_OUT" 2>/dev/null
	rm -rf "$T" "$T_OUT"
}
trap t_cleanup EXIT
cd "$T" || exit 1

t_pass() { T_PASS=$((T_PASS + 1)); echo "ok - $T_NAME: $1"; }
t_fail() { T_FAIL=$((T_FAIL + 1)); echo "not ok - $T_NAME: $1"; shift; [ $# -gt 0 ] && printf '#   %s\n' "$@"; }
# In CI every tool the tests drive is installed by .ci/run from
# scripts/packages.test: a skip for a missing tool there is a failure, so
# a lost install step cannot hide behind a green run.
t_skip() {
	case "${CI:-}:$2" in
	true:*"not installed"*) t_fail "$1" "CI must have it: $2" ;;
	*) T_SKIP=$((T_SKIP + 1)); echo "skip - $T_NAME: $1 ($2)" ;;
	esac
}

t_done() {
	echo "# $T_NAME: $T_PASS passed, $T_FAIL failed, $T_SKIP skipped"
	[ -n "${JAIL_TEST_RESULTS:-}" ] && echo "$T_PASS $T_FAIL $T_SKIP" >>"$JAIL_TEST_RESULTS"
	[ "$T_FAIL" -eq 0 ]
}

# Landlock missing: a stated skip on a developer machine, a failure in CI.
t_require_landlock() {
	local abi
	abi=$("$JAILSH" --print-policy 2>/dev/null | sed -n 's/^kernel: Landlock ABI \([0-9]*\).*/\1/p')
	if [ "${abi:-0}" -ge 6 ]; then return 0; fi
	if [ "${CI:-}" = true ]; then
		t_fail "Landlock ABI 6+ required in CI" "this kernel reports ABI ${abi:-0}"
	else
		t_skip "all tests of $T_NAME" "this kernel has Landlock ABI ${abi:-0}; the jail needs 6 (Linux 6.12)"
	fi
	t_done
	exit $?
}

# run CMD...: sets OUT, ERR, STATUS.
run() {
	OUT=$("$@" 2>"$T/.stderr"); STATUS=$?
	ERR=$(cat "$T/.stderr")
}

# expect_status N NAME CMD...
expect_status() {
	local want=$1 name=$2; shift 2
	run "$@"
	if [ "$STATUS" -eq "$want" ]; then t_pass "$name"
	else t_fail "$name" "expected status $want, got $STATUS" "stdout: $OUT" "stderr: $ERR"; fi
}

# expect_stderr NAME TEXT CMD...: stderr contains TEXT (status not checked).
expect_stderr() {
	local name=$1 text=$2; shift 2
	run "$@"
	case $ERR in
	*"$text"*) t_pass "$name" ;;
	*) t_fail "$name" "stderr lacks: $text" "status: $STATUS" "stderr: $ERR" ;;
	esac
}

# expect_stdout NAME TEXT CMD...: stdout equals TEXT.
expect_stdout() {
	local name=$1 text=$2; shift 2
	run "$@"
	if [ "$OUT" = "$text" ]; then t_pass "$name"
	else t_fail "$name" "expected stdout: $text" "got: $OUT" "stderr: $ERR"; fi
}

# A free TCP port on 127.0.0.1 (never any other address).
free_port() {
	local p
	for p in $(shuf -i 20000-60000 -n 50); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "$p"; return; fi
	done
	echo 0
}

# start_listener PORT: a loopback TCP listener run by the test (probe tool).
start_listener() {
	"$PROBE" listen "$1" 30 >"$T/.listener.$1" 2>&1 &
	T_PIDS+=($!)
	local i
	for i in $(seq 50); do
		grep -q ready "$T/.listener.$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# The unprivileged user the suite runs as when started by root.
JAIL_TEST_USER=${JAIL_TEST_USER:-jailtest}
is_root() { [ "$(id -u)" -eq 0 ]; }
