#!/bin/bash
# jailsh_env.sh - environment scrubbing: secrets and agent handles removed,
# build variables kept, --env / JAIL_ENV keep one on purpose.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work"
# envrun ARGS...: jailsh -- env, with a set of variables, from $T/work.
envrun() {
	(cd "$T/work" && env GITHUB_TOKEN=gh-secret AWS_SECRET_ACCESS_KEY=aws-secret \
		SSH_AUTH_SOCK=/nonexistent/agent.sock MY_API_KEY=k CC=mycc \
		MAKEFLAGS=" -j2" CFLAGS=-O1 LANG=C "$@")
}
has() { printf '%s\n' "$OUT" | grep -q "^$1="; }

run envrun env
if has GITHUB_TOKEN && has AWS_SECRET_ACCESS_KEY && has SSH_AUTH_SOCK; then
	t_pass "control: unjailed, the secrets are in the environment"
else
	t_fail "control: unjailed, the secrets are in the environment" "$OUT"
fi
run envrun "$JAILSH" -- env
for v in GITHUB_TOKEN AWS_SECRET_ACCESS_KEY SSH_AUTH_SOCK MY_API_KEY; do
	if has "$v"; then t_fail "$v removed" "$(printf '%s\n' "$OUT" | grep "^$v=")"
	else t_pass "$v removed"; fi
done
for v in PATH CC MAKEFLAGS CFLAGS LANG; do
	if has "$v"; then t_pass "$v kept"; else t_fail "$v kept" "$OUT"; fi
done
if printf '%s\n' "$OUT" | grep -qx 'CC=mycc'; then t_pass "CC kept with its value"
else t_fail "CC kept with its value" "$OUT"; fi
if printf '%s\n' "$OUT" | grep -q 'secret'; then t_fail "no secret value anywhere" "$OUT"
else t_pass "no secret value anywhere"; fi

run envrun "$JAILSH" --env GITHUB_TOKEN -- env
if has GITHUB_TOKEN && ! has AWS_SECRET_ACCESS_KEY; then t_pass "--env GITHUB_TOKEN keeps that one only"
else t_fail "--env GITHUB_TOKEN keeps that one only" "$OUT"; fi
run envrun env JAIL_ENV=SSH_AUTH_SOCK "$JAILSH" -- env
if has SSH_AUTH_SOCK && ! has GITHUB_TOKEN; then t_pass "JAIL_ENV=SSH_AUTH_SOCK keeps that one only"
else t_fail "JAIL_ENV=SSH_AUTH_SOCK keeps that one only" "$OUT"; fi
run envrun "$JAILSH" -c 'echo "[$GITHUB_TOKEN]"'
if [ "$OUT" = "[]" ]; then t_pass "a shell line does not see the token"
else t_fail "a shell line does not see the token" "$OUT"; fi

t_done
