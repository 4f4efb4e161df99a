#!/bin/bash
# protect_tmp.sh - the private /tmp: writable in the jail, nothing reaches
# the host's /tmp, the host's /tmp stays readable, hidden paths under /tmp
# stay hidden, and `make -j4 -O` with a recursive sub-make inside a jailed
# recipe works (make 4.3 calls tmpfile() in /tmp whatever TMPDIR says).
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work" "$T/home/.ssh"
echo key >"$T/home/.ssh/id_x"
echo visible >"$T/visible"
jw() { (cd "$T/work" && HOME=$T/home "$JAILSH" "$@"); }
name=jailtest-private-$$-$RANDOM

expect_status 0 "a file can be made directly in /tmp" jw -c "echo x >/tmp/$name && cat /tmp/$name"
if [ -e "/tmp/$name" ]; then t_fail "it did not reach the host's /tmp"; rm -f "/tmp/$name"
else t_pass "it did not reach the host's /tmp"; fi
expect_stdout "the host's /tmp stays readable" visible jw -c "cat '$T/visible'"
expect_status 0 "TMPDIR is writable and under the private view" jw -c 'echo x >"$TMPDIR/f" && cat "$TMPDIR/f"'
expect_status 0 "control: the hidden key is readable unjailed" cat "$T/home/.ssh/id_x"
expect_status 1 "a hidden path under /tmp stays unreadable" jw -c "cat '$T/home/.ssh/id_x'"

# make -j4 -O with a recursive make in a jailed recipe.
if command -v make >/dev/null; then
	mkdir -p "$T/work/m/sub"
	printf 'SHELL := %s\nall: a b\n\t$(MAKE) -C sub\na:\n\t@echo a\nb:\n\t@echo b\n' "$JAILSH" >"$T/work/m/Makefile"
	printf 'all: x y\nx:\n\t@echo x\ny:\n\t@echo y\n' >"$T/work/m/sub/Makefile"
	expect_status 0 "make -j4 -O: a sub-make in a jailed recipe works" \
		sh -c "cd '$T/work/m' && HOME='$T/home' make -s -j4 -O"
	expect_status 0 "make -j4 -O: every recipe jailed, sub-make included" \
		sh -c "cd '$T/work/m' && HOME='$T/home' make -s -j4 -O SHELL='$JAILSH'"
else
	t_skip "make -j4 -O" "make is not installed"
fi
t_done
