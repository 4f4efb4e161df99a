#!/bin/bash
# scripts/demo-examples.sh - build each project under examples/ jailed:
# first as it is (its misbehaving step is stopped, with the message the
# step printed), then with the one explicit grant that fixes it.
#
#   scripts/demo-examples.sh [make|ninja|cmake ...]
#
# Each example is copied to a temp directory first and HOME points at a
# fake home in that directory: nothing is written into the source tree or
# the real home. An example whose tool is missing is skipped with a line
# saying so. Exit status: 0 when every example shown behaved as described
# (refused, then fixed), 1 otherwise.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
JAILSH=${JAILSH:-$TOP/build/jailsh}
EXAMPLES=$TOP/examples

if [ ! -x "$JAILSH" ]; then
	echo "demo-examples: $JAILSH not found; run make first" >&2
	exit 1
fi

# Not under /tmp: jailsh gives each command a private /tmp overlay, where
# a write to a fake home would be discarded rather than refused.
D=$(mktemp -d "${JAIL_DEMO_DIR:-/var/tmp}/jail-demo.XXXXXX") || exit 1
SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	rm -rf "$D"
}
trap cleanup EXIT

# A fake home with the kind of files a build must not touch.
export HOME=$D/home
mkdir -p "$HOME/.ssh"
chmod 0700 "$HOME/.ssh"
echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAdemo demo@example" >"$HOME/.ssh/id_ed25519.pub"
echo "-----BEGIN OPENSSH PRIVATE KEY----- (fake) -----END OPENSSH PRIVATE KEY-----" >"$HOME/.ssh/id_ed25519"

SHOWN=0 SKIPPED=0 BAD=0
if [ -t 1 ]; then B=$'\e[1m' R=$'\e[0m'; else B= R=; fi

say() { printf '\n%s%s%s\n' "$B" "$*" "$R"; }
skip() { echo "skip: $1 example: $2"; SKIPPED=$((SKIPPED + 1)); }
need() { command -v "$1" >/dev/null 2>&1; }

# expect ok|refused TEXT CMD...: show the command and its output, check
# that it succeeded or failed as described.
expect() {
	local want=$1 what=$2 status; shift 2
	printf '$'; printf ' %q' "$@"; echo
	"$@" 2>&1 | sed 's/^/    /'
	status=${PIPESTATUS[0]}
	case $want/$status in
	ok/0) echo "=> $what (exit 0)" ;;
	refused/0) echo "=> UNEXPECTED: the build succeeded; the jail did not stop it"; BAD=$((BAD + 1)) ;;
	refused/*) echo "=> $what (exit $status)" ;;
	ok/*) echo "=> UNEXPECTED: the fixed build failed (exit $status)"; BAD=$((BAD + 1)) ;;
	esac
}

copy() { rm -rf "${D:?}/$1"; cp -R "$EXAMPLES/$1" "$D/$1" && cd "$D/$1"; }

demo_make() {
	need make || { skip make "make is not installed"; return; }
	need cc || { skip make "no C compiler (cc)"; return; }
	say "== make: a recipe line writes to \$HOME/.cache/greet (make SHELL=jailsh)"
	copy make || return
	expect refused "refused: the line could not create a directory in \$HOME" \
		make SHELL="$JAILSH"
	say "-- fixed: grant that one directory (JAIL_WRITE lists the tree too)"
	mkdir -p "$HOME/.cache/greet"
	expect ok "built; the grant let the step write its log" \
		make SHELL="$JAILSH" JAIL_WRITE="$PWD:$HOME/.cache/greet"
	echo "    log: $(cat "$HOME/.cache/greet/builds.log" 2>/dev/null)"
	SHOWN=$((SHOWN + 1))
}

demo_ninja() {
	need ninja || { skip ninja "ninja is not installed (apt-get install ninja-build)"; return; }
	need cc || { skip ninja "no C compiler (cc)"; return; }
	say "== ninja: a build step reads ~/.ssh (jailsh -- ninja, one jail for the build)"
	copy ninja || return
	expect refused "refused: ~/.ssh is hidden from the build" \
		"$JAILSH" -- ninja
	say "-- fixed: grant read access to the one public key"
	expect ok "built; version.h names the key" \
		"$JAILSH" --read "$HOME/.ssh/id_ed25519.pub" -- ninja
	echo "    ./greet: $(./greet)"
	expect refused "the private key stays hidden under the same grant" \
		"$JAILSH" --read "$HOME/.ssh/id_ed25519.pub" -- cat "$HOME/.ssh/id_ed25519"
	SHOWN=$((SHOWN + 1))
}

# A loopback HTTP server for the CMake example (python3's http.server).
start_server() {
	local port i
	mkdir -p "$D/www"
	echo "Hello from the build's HTTP server" >"$D/www/motd.txt"
	for port in $(shuf -i 20000-60000 -n 20); do
		python3 -m http.server --bind 127.0.0.1 --directory "$D/www" "$port" \
			>"$D/www.log" 2>&1 &
		SERVER_PID=$!
		for i in $(seq 50); do
			if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
				PORT=$port
				return 0
			fi
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null
		SERVER_PID=
	done
	return 1
}

demo_cmake() {
	need cmake || { skip cmake "cmake is not installed"; return; }
	need cc || { skip cmake "no C compiler (cc)"; return; }
	need python3 || { skip cmake "python3 (the example's HTTP server) is not installed"; return; }
	local gen=()
	need ninja && gen=(-G Ninja)
	start_server || { skip cmake "could not start an HTTP server on 127.0.0.1"; return; }
	say "== cmake: a custom command downloads a file (launchers via jail.cmake)"
	copy cmake || return
	echo "(a test HTTP server listens on 127.0.0.1:$PORT)"
	expect ok "configured: compiler, linker and custom-command launchers set" \
		cmake -S . -B build "${gen[@]}" -DCMAKE_PROJECT_INCLUDE="$PWD/jail.cmake" \
		-DJAILSH="$JAILSH" -DMOTD_URL="http://127.0.0.1:$PORT/motd.txt"
	expect refused "refused: the jailed step may not open a socket" \
		cmake --build build
	say "-- fixed: grant TCP connect to port $PORT only"
	expect ok "reconfigured with JAIL_OPTIONS" \
		cmake -S . -B build -DJAIL_OPTIONS="--net;connect:$PORT"
	expect ok "built; the step reached the server" \
		cmake --build build
	echo "    ./build/greet: $(./build/greet)"
	SHOWN=$((SHOWN + 1))
}

list=("$@")
[ ${#list[@]} -eq 0 ] && list=(make ninja cmake)
for ex in "${list[@]}"; do
	case $ex in
	make) demo_make ;;
	ninja) demo_ninja ;;
	cmake) demo_cmake ;;
	*) echo "demo-examples: no example named '$ex'; choose make, ninja or cmake" >&2; exit 2 ;;
	esac
	cd "$D" || exit 1
done

echo
echo "demo: $SHOWN shown, $SKIPPED skipped, $BAD unexpected"
[ "$BAD" -eq 0 ]
