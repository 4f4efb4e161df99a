#!/bin/bash
# jailsh_fs.sh - filesystem controls with real processes: writes only
# inside the writable roots, default and explicit hides, strict reads,
# truncate, device nodes. Every denial has its positive control.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work" "$T/home/.ssh" "$T/outside" "$T/extra"
echo key >"$T/home/.ssh/id_x"
echo notes >"$T/home/notes"
echo data >"$T/outside/file"
echo extra >"$T/extra/file"
# jw ARGS...: jailsh started in $T/work (the default writable root) with a
# fake HOME, so nothing of the real home is involved.
jw() { (cd "$T/work" && HOME=$T/home "$JAILSH" "$@"); }
# absent NAME PATH: PATH must not exist.
absent() {
	if [ -e "$2" ]; then t_fail "$1" "$2 exists"; else t_pass "$1"; fi
}

# --- writes ---
expect_status 0 "write inside the working directory works" jw -- "$PROBE" write "$T/work/new"
expect_status 0 "shell redirect inside works" jw -c 'echo x > inside.txt'
expect_stdout "the file written inside is there" "x" cat "$T/work/inside.txt"

expect_status 0 "control: unjailed write into HOME works" "$PROBE" write "$T/home/control"
expect_status 1 "write into HOME refused" jw -- "$PROBE" write "$T/home/escape"
absent "nothing was created in HOME" "$T/home/escape"
expect_status 1 "write next to the working directory refused" jw -- "$PROBE" write "$T/outside/escape"
expect_status 2 "relative shell redirect outside refused" jw -c 'echo x > ../outside/rel'
absent "nothing was created outside" "$T/outside/rel"

tmpf=/tmp/jailtest-escape.$$
if "$PROBE" write "$tmpf" >/dev/null; then
	t_pass "control: unjailed write into /tmp works"
	rm -f "$tmpf"
	expect_status 1 "write into /tmp refused" jw -- "$PROBE" write "$tmpf"
	absent "nothing was created in /tmp" "$tmpf"
else
	t_skip "write into /tmp" "/tmp is not writable here even unjailed"
fi
if is_root && [ -w /etc ]; then
	t_pass "control: /etc is writable for root unjailed (access(2), nothing written)"
	expect_status 1 "root: write into /etc refused" jw -- "$PROBE" write /etc/jailtest-escape.$$
	absent "nothing was created in /etc" /etc/jailtest-escape.$$
else
	t_skip "write into /etc" "not root: /etc is not writable without the jail either"
fi
expect_status 0 "--write grants another root" jw --write "$T/extra" -- "$PROBE" write "$T/extra/granted"
expect_status 1 "without --write the same root is refused" jw -- "$PROBE" write "$T/extra/refused"

# --- hidden paths ---
expect_status 0 "control: unjailed read of ~/.ssh/id_x works" "$PROBE" read "$T/home/.ssh/id_x"
expect_status 0 "control: --no-default-hide reads ~/.ssh/id_x" jw --no-default-hide -- "$PROBE" read "$T/home/.ssh/id_x"
expect_status 1 "default hide: ~/.ssh/id_x unreadable" jw -- "$PROBE" read "$T/home/.ssh/id_x"
expect_status 1 "default hide: cat ~/.ssh/id_x fails" jw -c "cat $T/home/.ssh/id_x"
expect_status 0 "default hide leaves ~/notes readable" jw -- "$PROBE" read "$T/home/notes"
expect_status 0 "control: outside/file readable without --hide" jw -- "$PROBE" read "$T/outside/file"
expect_status 1 "--hide FILE makes it unreadable" jw --hide "$T/outside/file" -- "$PROBE" read "$T/outside/file"
expect_status 1 "--hide DIR makes what is inside unreadable" jw --hide "$T/outside" -- "$PROBE" read "$T/outside/file"
expect_status 1 "JAIL_HIDE works like --hide" env JAIL_HIDE="$T/outside/file" bash -c \
	'cd "$1/work" && HOME=$1/home "$2" -- "$3" read "$1/outside/file"' _ "$T" "$JAILSH" "$PROBE"

# --- strict reads ---
expect_status 0 "--read: the granted path is readable" jw --read "$T/extra" -- "$PROBE" read "$T/extra/file"
expect_status 1 "--read: a path not granted is unreadable" jw --read "$T/extra" -- "$PROBE" read "$T/outside/file"
expect_status 0 "--read: the writable root stays readable" jw --read "$T/extra" -- "$PROBE" read "$T/work/new"
expect_status 0 "--read: system files stay readable" jw --read "$T/extra" -- "$PROBE" read /etc/passwd
expect_status 0 "--read: a shell line still runs" jw --read "$T/extra" -c "cat $T/extra/file >/dev/null"

# --- truncate ---
cp "$T/outside/file" "$T/outside/control"
expect_status 0 "control: unjailed truncate works" "$PROBE" truncate "$T/outside/control"
expect_status 1 "truncate outside refused" jw -- "$PROBE" truncate "$T/outside/file"
expect_stdout "the file outside kept its content" "data" cat "$T/outside/file"
expect_status 0 "truncate inside works" jw -- "$PROBE" truncate "$T/work/new"

# --- device nodes and fifos ---
expect_status 0 "mkfifo inside works" jw -- "$PROBE" mknod "$T/work/fifo" fifo
if is_root; then
	expect_status 0 "control: root unjailed can make a char device" "$PROBE" mknod "$T/outside/null" char
	expect_status 1 "root: a char device in the writable root is refused" jw -- "$PROBE" mknod "$T/work/null" char
	absent "no device node was made" "$T/work/null"
else
	t_skip "char device in the writable root" "not root: mknod of a device needs CAP_MKNOD anyway"
fi

t_done
