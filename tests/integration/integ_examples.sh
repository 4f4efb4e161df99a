#!/bin/bash
# integ_examples.sh - the projects under examples/: each one's misbehaving
# step works unjailed (the control), is stopped by the jail with the
# step's own message, and works again with the one explicit grant. Then
# scripts/demo-examples.sh, which must leave the source tree untouched.
. "$(dirname "$0")/../lib.sh"
t_require_landlock
# Paths outside every writable root live in $V, not under /tmp: jailsh
# gives each command a private /tmp overlay, where a stray write would be
# discarded instead of refused.
V=$T_OUT
EX=$TOP/examples
if [ ! -d "$EX" ]; then
	t_skip "all tests of $T_NAME" "no examples/ directory next to tests/"
	t_done; exit $?
fi
if ! command -v cc >/dev/null; then
	t_skip "all tests of $T_NAME" "no C compiler (cc)"
	t_done; exit $?
fi

export HOME=$V/home
mkdir -p "$HOME/.ssh"
echo "ssh-ed25519 AAAAtest test@example" >"$HOME/.ssh/id_ed25519.pub"
echo "fake private key" >"$HOME/.ssh/id_ed25519"

# fresh NAME: a clean copy of examples/NAME in $T/NAME, entered.
fresh() { cd "$T" && rm -rf "$1" && cp -R "$EX/$1" "$1" && cd "$1"; }

# --- make: a recipe writes to $HOME ------------------------------------
if command -v make >/dev/null; then
	fresh make
	expect_status 0 "make: control: unjailed, the step writes to \$HOME" make
	rm -rf "$HOME/.cache"
	fresh make
	expect_status 2 "make: jailed (SHELL=jailsh), the build stops" make SHELL="$JAILSH"
	# mkdir's message: cannot create directory '$HOME/.cache': <reason>
	expect_stderr "make: ... at the step, naming the path" \
		"$HOME/.cache" make SHELL="$JAILSH"
	[ -e "$HOME/.cache" ] && t_fail "make: nothing was written to \$HOME" "" \
		|| t_pass "make: nothing was written to \$HOME"
	mkdir -p "$HOME/.cache/greet"
	expect_status 0 "make: fixed with JAIL_WRITE=\$PWD:\$HOME/.cache/greet" \
		make SHELL="$JAILSH" JAIL_WRITE="$PWD:$HOME/.cache/greet"
	expect_stdout "make: the program runs" "greet 1.0" ./greet
	rm -rf "$HOME/.cache"
else
	t_skip "make example" "make is not installed"
fi

# --- ninja: a step reads ~/.ssh ----------------------------------------
if command -v ninja >/dev/null; then
	fresh ninja
	expect_status 0 "ninja: control: unjailed, the step reads ~/.ssh" ninja
	fresh ninja
	expect_status 1 "ninja: jailed (jailsh -- ninja), the build stops" "$JAILSH" -- ninja
	run "$JAILSH" -- ninja
	case $OUT in
	*"$HOME/.ssh/id_ed25519.pub: Permission denied"*) t_pass "ninja: ... at the step, naming the path" ;;
	*) t_fail "ninja: ... at the step, naming the path" "$OUT" "$ERR" ;;
	esac
	expect_status 0 "ninja: fixed with --read ~/.ssh/id_ed25519.pub" \
		"$JAILSH" --read "$HOME/.ssh/id_ed25519.pub" -- ninja
	expect_stdout "ninja: the program runs" "greet 1.0 (built by test@example)" ./greet
	expect_status 1 "ninja: the private key stays hidden under that grant" \
		"$JAILSH" --read "$HOME/.ssh/id_ed25519.pub" -- cat "$HOME/.ssh/id_ed25519"
else
	t_skip "ninja example" "ninja is not installed"
fi

# --- cmake: a custom command opens a socket ----------------------------
start_http() {
	local i
	mkdir -p "$T/www"
	echo "served by the test" >"$T/www/motd.txt"
	PORT=$(free_port)
	python3 -m http.server --bind 127.0.0.1 --directory "$T/www" "$PORT" >"$T/www.log" 2>&1 &
	T_PIDS+=($!)
	for i in $(seq 50); do
		(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
if ! command -v cmake >/dev/null; then
	t_skip "cmake example" "cmake is not installed"
elif ! command -v python3 >/dev/null; then
	t_skip "cmake example" "python3 (the test's HTTP server) is not installed"
elif ! start_http; then
	t_fail "cmake: an HTTP server starts on 127.0.0.1" "$(cat "$T/www.log")"
else
	gen=()
	command -v ninja >/dev/null && gen=(-G Ninja)
	url=http://127.0.0.1:$PORT/motd.txt
	fresh cmake
	run cmake -S . -B free "${gen[@]}" -DMOTD_URL="$url"
	expect_status 0 "cmake: control: unjailed, the step downloads" cmake --build free
	expect_status 0 "cmake: configure with jail.cmake" \
		cmake -S . -B build "${gen[@]}" -DCMAKE_PROJECT_INCLUDE="$PWD/jail.cmake" \
		-DJAILSH="$JAILSH" -DMOTD_URL="$url"
	run cmake --build build
	if [ "$STATUS" -ne 0 ]; then t_pass "cmake: jailed, the build stops"
	else t_fail "cmake: jailed, the build stops" "the build succeeded" "$OUT"; fi
	case "$OUT$ERR" in
	*"fetch.cmake: cannot download $url"*) t_pass "cmake: ... at the step, with its message" ;;
	*) t_fail "cmake: ... at the step, with its message" "$OUT" "$ERR" ;;
	esac
	case "$OUT" in
	*"$JAILSH -- "*) t_pass "cmake: ... and the step ran under jailsh" ;;
	*) t_fail "cmake: ... and the step ran under jailsh" "$OUT" ;;
	esac
	expect_status 0 "cmake: reconfigure with JAIL_OPTIONS=--net;connect:PORT" \
		cmake -S . -B build "-DJAIL_OPTIONS=--net;connect:$PORT"
	expect_status 0 "cmake: fixed, the build downloads through the grant" cmake --build build
	expect_stdout "cmake: the program runs" "greet 1.0 (served by the test)" ./build/greet
fi

# --- the demo script -----------------------------------------------------
DEMO=$TOP/scripts/demo-examples.sh
if [ ! -x "$DEMO" ]; then
	t_skip "scripts/demo-examples.sh" "not in this copy of the tree"
else
	before=$(cd "$EX" && find . -printf '%p %s %T@\n' | sort | md5sum)
	run env JAILSH="$JAILSH" "$DEMO"
	case "$STATUS/$OUT" in
	0/*"0 unexpected"*) t_pass "demo-examples.sh: every example shown behaved as described" ;;
	*) t_fail "demo-examples.sh: every example shown behaved as described" "status $STATUS" "$OUT" "$ERR" ;;
	esac
	after=$(cd "$EX" && find . -printf '%p %s %T@\n' | sort | md5sum)
	[ "$before" = "$after" ] && t_pass "demo-examples.sh: the source tree is untouched" \
		|| t_fail "demo-examples.sh: the source tree is untouched" "examples/ changed"
	[ -z "$(ls -A "$HOME/.cache" 2>/dev/null)" ] && t_pass "demo-examples.sh: the caller's HOME is untouched" \
		|| t_fail "demo-examples.sh: the caller's HOME is untouched" "$(ls -A "$HOME/.cache")"
fi

t_done
