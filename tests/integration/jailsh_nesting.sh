#!/bin/bash
# jailsh_nesting.sh - jailsh inside jailsh: works, and the inner jail can
# only narrow (a grant outside the outer roots stays refused);
# --print-policy shows the kernel ABI and what is enforced.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work/sub" "$T/outer-only" "$T/elsewhere"
O=$(mktemp -d /var/tmp/jailtest-out.XXXXXX 2>/dev/null) || O=
[ -n "$O" ] && { chmod 0755 "$O"; trap 't_cleanup; rm -rf "$O"' EXIT; }
jw() { (cd "$T/work" && "$JAILSH" "$@" 2>/dev/null); }

expect_stdout "jailsh inside jailsh runs the command" "nested" jw -- "$JAILSH" -c 'echo nested'
expect_stdout "three levels" "deep" jw -- "$JAILSH" -- "$JAILSH" -c 'echo deep'
expect_status 0 "the inner jail can write in the outer root" jw -- "$JAILSH" -- "$PROBE" write "$T/work/inner"
expect_status 0 "an inner jail in a subdirectory writes there" \
	jw -c "cd sub && $JAILSH -- $PROBE write $T/work/sub/f"
expect_status 0 "the inner TMPDIR works" jw -- "$JAILSH" -c 'echo x >"$TMPDIR/f" && cat "$TMPDIR/f" >/dev/null'

# Narrowing: the inner grants a root the outer does not have.
if [ -n "$O" ]; then
	expect_status 0 "control: unjailed, jailsh --write $O can write there" \
		bash -c 'cd "$1" && "$2" --write "$3" -- "$4" write "$3/control"' _ "$T/work" "$JAILSH" "$O" "$PROBE"
	expect_status 1 "nested: --write $O given to the inner jail is still refused" \
		jw -- "$JAILSH" --write "$O" -- "$PROBE" write "$O/escape"
	if [ -e "$O/escape" ]; then t_fail "nothing was written by the inner jail"; else t_pass "nothing was written by the inner jail"; fi
fi
jw -- "$JAILSH" --write "$T/elsewhere" -- "$PROBE" write "$T/elsewhere/escape" >/dev/null
if [ -e "$T/elsewhere/escape" ]; then t_fail "nested: --write below /tmp outside the outer roots does not reach the host"
else t_pass "nested: --write below /tmp outside the outer roots does not reach the host"; fi
expect_status 1 "nested: --net all inside --net none still has no sockets" \
	jw -- "$JAILSH" --net all -- "$PROBE" socket inet
expect_status 1 "nested: outer --net all, inner none: the inner has no sockets" \
	jw --net all -- "$JAILSH" -- "$PROBE" socket inet
expect_status 0 "control: outer --net all alone allows the socket" jw --net all -- "$PROBE" socket inet
echo s >"$T/outer-only/secret"
expect_status 0 "control: the outer jail alone reads outer-only/secret" jw -- "$PROBE" read "$T/outer-only/secret"
expect_status 1 "nested: the inner can hide more" jw -- "$JAILSH" --hide "$T/outer-only/secret" -- "$PROBE" read "$T/outer-only/secret"

# --- --print-policy ---
run "$JAILSH" --print-policy
abi=$(printf '%s\n' "$OUT" | sed -n 's/^kernel: Landlock ABI \([0-9]*\).*/\1/p')
if [ -n "$abi" ] && [ "$abi" -ge 6 ]; then t_pass "--print-policy shows the Landlock ABI ($abi)"
else t_fail "--print-policy shows the Landlock ABI" "$OUT"; fi
for c in filesystem truncate signal-scope seccomp; do
	if printf '%s\n' "$OUT" | grep -E "^  $c " | grep -q enforced; then t_pass "--print-policy: $c enforced"
	else t_fail "--print-policy: $c enforced" "$(printf '%s\n' "$OUT" | grep -E "^  $c ")"; fi
done
if printf '%s\n' "$OUT" | grep -q 'NOT ENFORCED'; then t_fail "--print-policy: nothing NOT ENFORCED on this kernel" "$OUT"
else t_pass "--print-policy: nothing NOT ENFORCED on this kernel"; fi
expect_status 0 "--print-policy runs nothing and exits 0" "$JAILSH" --print-policy
run jw -- "$JAILSH" --print-policy
case $OUT in *"kernel: Landlock ABI"*) t_pass "--print-policy works nested" ;; *) t_fail "--print-policy works nested" "$OUT" ;; esac

t_done
