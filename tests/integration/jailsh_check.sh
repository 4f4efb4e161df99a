#!/bin/bash
# jailsh_check.sh - jailsh --check: passes on this kernel; fails, naming
# the missing control and kernel, under a simulated older kernel.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

OLDKERNEL=$BUILD/tests/oldkernel
mkdir -p "$T/tmp"
run env TMPDIR="$T/tmp" "$JAILSH" --check
if [ "$STATUS" -eq 0 ]; then t_pass "--check passes on this kernel"
else t_fail "--check passes on this kernel" "status $STATUS" "$OUT" "$ERR"; fi
n=$(printf '%s\n' "$OUT" | grep -c ' enforced (')
if [ "$n" -ge 10 ]; then t_pass "--check: $n controls enforced"
else t_fail "--check: at least 10 controls enforced" "$OUT"; fi
for c in "write outside" "read hidden" "truncate outside" "inet socket" "unix socket" \
	 "io_uring" "signal outside" "ptrace/environ of parent" "mount" "namespace creation"; do
	if printf '%s\n' "$OUT" | grep -F "  $c " | grep -q ' enforced ('; then t_pass "--check: $c enforced"
	else t_fail "--check: $c enforced" "$(printf '%s\n' "$OUT" | grep -F "  $c ")"; fi
done
if is_root; then
	if printf '%s\n' "$OUT" | grep -F '  capabilities ' | grep -q ' enforced ('; then t_pass "--check: root's capabilities dropped"
	else t_fail "--check: root's capabilities dropped" "$OUT"; fi
else
	t_skip "--check: capabilities" "not root: nothing to drop"
fi
if printf '%s\n' "$OUT" | grep -q '^  .*NOT ENFORCED'; then t_fail "--check: nothing NOT ENFORCED" "$OUT"
else t_pass "--check: nothing NOT ENFORCED"; fi
expect_stdout "--check leaves no temporary directory" "" ls -A "$T/tmp"

# Under a simulated Linux 6.10 (ABI 5) the signal scope is missing.
run "$OLDKERNEL" --abi 5 -- "$JAILSH" --check
if [ "$STATUS" -ne 0 ]; then t_pass "--check fails under ABI 5 (status $STATUS)"
else t_fail "--check fails under ABI 5" "$OUT"; fi
line=$(printf '%s\n' "$OUT" | grep -F '  signal outside ')
case $line in
*"NOT ENFORCED"*"Landlock ABI 6"*"6.12"*) t_pass "--check under ABI 5 names the signal scope and Linux 6.12" ;;
*) t_fail "--check under ABI 5 names the signal scope and Linux 6.12" "$OUT" ;;
esac
if printf '%s\n' "$OUT" | grep -F '  write outside ' | grep -q ' enforced ('; then
	t_pass "--check under ABI 5: what the kernel has is still enforced"
else
	t_fail "--check under ABI 5: what the kernel has is still enforced" "$OUT"
fi
# ABI 2 lacks truncate: refused by Landlock on newer kernels; here it is
# either NOT ENFORCED or absorbed by the private mount view (host intact).
run "$OLDKERNEL" --abi 2 -- "$JAILSH" --check
case $(printf '%s\n' "$OUT" | grep -F '  truncate outside ') in
*"NOT ENFORCED"*"Landlock ABI 3"* | *"enforced (absorbed"*) t_pass "--check under ABI 2: truncate reported honestly" ;;
*) t_fail "--check under ABI 2: truncate reported honestly" "$OUT" ;;
esac
[ "$STATUS" -ne 0 ] && t_pass "--check under ABI 2 fails" || t_fail "--check under ABI 2 fails" "$OUT"
run "$OLDKERNEL" --no-landlock -- "$JAILSH" --check
case $(printf '%s\n' "$OUT" | grep -F '  signal outside ') in
*"NOT ENFORCED"*"Landlock ABI 6"*) [ "$STATUS" -ne 0 ] && t_pass "--check without Landlock: NOT ENFORCED, non-zero exit" ||
	t_fail "--check without Landlock: non-zero exit" "$STATUS" ;;
*) t_fail "--check without Landlock: signal scope NOT ENFORCED" "$OUT" ;;
esac

t_done
