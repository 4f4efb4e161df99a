#!/bin/bash
# jailsh_tmpdir.sh - the private TMPDIR: made per command, 0700, exported
# as TMPDIR/TMP/TEMP, writable, and removed afterwards (even when the
# command left files and locked subdirectories in it).
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work" "$T/base"
jw() { (cd "$T/work" && TMPDIR=$T/base "$JAILSH" "$@"); }

# One line records what the command saw; everything is checked after.
line='echo "$TMPDIR" >seen; stat -c %a "$TMPDIR" >>seen; echo "$TMP" >>seen; echo "$TEMP" >>seen;
mkdir "$TMPDIR/sub" && echo x >"$TMPDIR/sub/f" && chmod 000 "$TMPDIR/sub" && echo wrote >>seen'
expect_status 0 "a command using TMPDIR runs" jw -c "$line"
tmp=$(sed -n 1p "$T/work/seen")
case $tmp in
"$T/base/"?*) t_pass "TMPDIR is a fresh directory under the caller's TMPDIR" ;;
*) t_fail "TMPDIR is a fresh directory under the caller's TMPDIR" "got: $tmp" ;;
esac
expect_stdout "TMPDIR was mode 0700" "700" sed -n 2p "$T/work/seen"
expect_stdout "TMP is the same directory" "$tmp" sed -n 3p "$T/work/seen"
expect_stdout "TEMP is the same directory" "$tmp" sed -n 4p "$T/work/seen"
expect_stdout "the command could write in TMPDIR" "wrote" sed -n 5p "$T/work/seen"
if [ -n "$tmp" ] && [ ! -e "$tmp" ]; then t_pass "TMPDIR is removed afterwards (locked subdir too)"
else t_fail "TMPDIR is removed afterwards (locked subdir too)" "$tmp still exists"; fi
expect_stdout "nothing is left in the caller's TMPDIR" "" ls -A "$T/base"

# Two commands never share one.
jw -c 'echo "$TMPDIR" >a' && jw -c 'echo "$TMPDIR" >b'
if [ -s "$T/work/a" ] && ! cmp -s "$T/work/a" "$T/work/b"; then t_pass "each command gets its own TMPDIR"
else t_fail "each command gets its own TMPDIR" "a=$(cat "$T/work/a" 2>/dev/null) b=$(cat "$T/work/b" 2>/dev/null)"; fi

# Removed also when the command is killed by a signal.
expect_status 137 "a command killed by SIGKILL reports 137" jw -c 'echo "$TMPDIR" >killed; kill -9 $$'
tmp=$(cat "$T/work/killed" 2>/dev/null)
if [ -n "$tmp" ] && [ ! -e "$tmp" ]; then t_pass "TMPDIR removed after a killed command"
else t_fail "TMPDIR removed after a killed command" "$tmp"; fi

t_done
