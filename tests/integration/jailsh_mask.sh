#!/bin/bash
# Hidden paths under the private mount view: each existing one is covered
# by an empty unreadable mount (no names listed, nothing read), it cannot
# be renamed away, and an explicit --read of a file inside a hidden
# directory still works (the hide plan takes over then).
. "$(dirname "$0")/../lib.sh"
t_require_landlock

H=$T_OUT/home
mkdir -p "$H/.ssh" proj
echo key >"$H/.ssh/id_test"
echo pub >"$H/.ssh/id_test.pub"
cd proj || exit 1

# Positive controls: unjailed the directory lists and the key reads.
expect_stdout "unjailed: ~/.ssh lists its files" "id_test
id_test.pub" ls "$H/.ssh"
expect_stdout "unjailed: the key reads" "key" cat "$H/.ssh/id_test"

expect_status 1 "jailed: the key cannot be read" env HOME="$H" "$JAILSH" -c "cat $H/.ssh/id_test"
run env HOME="$H" "$JAILSH" -c "ls $H/.ssh"
if [ "$STATUS" -ne 0 ] && [ -z "$OUT" ]; then t_pass "jailed: ~/.ssh shows no names"
else t_fail "jailed: ~/.ssh shows no names" "status $STATUS" "stdout: $OUT"; fi
expect_status 0 "jailed: the rest of HOME's parent still lists" env HOME="$H" "$JAILSH" -c "ls $T_OUT >/dev/null"

# Renaming the hidden directory away would expose it: refused.
# Positive control: unjailed, such a rename works.
mkdir -p "$T_OUT/ctl/.ssh" "$T_OUT/w"
expect_status 0 "unjailed: a directory like ~/.ssh can be renamed" mv "$T_OUT/ctl/.ssh" "$T_OUT/ctl/moved"
expect_status 1 "jailed with HOME's parent writable: ~/.ssh cannot be renamed" \
	env HOME="$H" "$JAILSH" --mode best-effort --write "$T_OUT/w" --write "$H" \
	-- mv "$H/.ssh" "$H/ssh-moved"
if [ -d "$H/.ssh" ] && [ ! -e "$H/ssh-moved" ]; then t_pass "~/.ssh is still in place"
else t_fail "~/.ssh is still in place"; fi

# An explicit read grant of one file inside the hidden directory.
expect_stdout "--read of the public key inside ~/.ssh works" "pub" \
	env HOME="$H" "$JAILSH" --read "$H/.ssh/id_test.pub" -c "cat $H/.ssh/id_test.pub"
expect_status 1 "... while the private key next to it stays hidden" \
	env HOME="$H" "$JAILSH" --read "$H/.ssh/id_test.pub" -c "cat $H/.ssh/id_test"
t_done
