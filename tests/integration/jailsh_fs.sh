#!/bin/bash
# jailsh_fs.sh - filesystem controls with real processes: writes only
# inside the writable roots, default and explicit hides, strict reads,
# truncate, device nodes. Every denial has its positive control.
#
# The contract checked for writes is "nothing outside the writable roots
# changes on the host": below /tmp the jail may absorb a write in a
# throwaway overlay instead of refusing it, so those tests look at the host
# file. A second scratch directory under /var/tmp (not /tmp) also checks
# that a write is refused outright.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work" "$T/home/.ssh" "$T/outside" "$T/extra"
echo key >"$T/home/.ssh/id_x"
echo notes >"$T/home/notes"
echo data >"$T/outside/file"
echo extra >"$T/extra/file"
# O: outside /tmp, when /var/tmp is usable; removed with $T.
O=$(mktemp -d /var/tmp/jailtest-out.XXXXXX 2>/dev/null) || O=
if [ -n "$O" ]; then
	chmod 0755 "$O"
	trap 't_cleanup; rm -rf "$O"' EXIT
	echo data >"$O/file"
fi
# jw ARGS...: jailsh started in $T/work (the default writable root) with a
# fake HOME, so nothing of the real home is involved.
jw() { (cd "$T/work" && HOME=$T/home "$JAILSH" "$@" 2>/dev/null); }
# absent NAME PATH: PATH must not exist on the host.
absent() {
	if [ -e "$2" ]; then t_fail "$1" "$2 exists"; else t_pass "$1"; fi
}
# no_host_write NAME PATH CMD...: after CMD, PATH does not exist on the host.
no_host_write() {
	local name=$1 path=$2; shift 2
	run "$@"
	if [ -e "$path" ]; then t_fail "$name" "$path was created (status $STATUS)" "$OUT"
	else t_pass "$name (status $STATUS)"; fi
}

# --- writes ---
expect_status 0 "write inside the working directory works" jw -- "$PROBE" write "$T/work/new"
expect_status 0 "shell redirect inside works" jw -c 'echo x > inside.txt'
expect_stdout "the file written inside is there" "x" cat "$T/work/inside.txt"

expect_status 0 "control: unjailed write into HOME works" "$PROBE" write "$T/home/control"
no_host_write "write into HOME does not reach the host" "$T/home/escape" jw -- "$PROBE" write "$T/home/escape"
no_host_write "write next to the working directory does not reach the host" "$T/outside/escape" \
	jw -- "$PROBE" write "$T/outside/escape"
no_host_write "relative shell redirect outside does not reach the host" "$T/outside/rel" \
	jw -c 'echo x > ../outside/rel'
if [ -n "$O" ]; then
	expect_status 0 "control: unjailed write into $O works" "$PROBE" write "$O/control"
	expect_status 1 "write outside /tmp is refused" jw -- "$PROBE" write "$O/escape"
	absent "nothing was created outside /tmp" "$O/escape"
else
	t_skip "write outside /tmp refused" "/var/tmp is not usable here"
fi

tmpf=/tmp/jailtest-escape.$$
if "$PROBE" write "$tmpf" >/dev/null; then
	t_pass "control: unjailed write into /tmp works"
	rm -f "$tmpf"
	no_host_write "write into /tmp does not reach the host" "$tmpf" jw -- "$PROBE" write "$tmpf"
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
no_host_write "without --write the same root is not written" "$T/extra/refused" \
	jw -- "$PROBE" write "$T/extra/refused"

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

# The same from a working directory outside /tmp (then /tmp itself may be
# a private overlay): what is hidden below /tmp must stay hidden.
if [ -n "$O" ]; then
	mkdir -p "$O/work"
	expect_status 1 "--hide below /tmp, working outside /tmp" bash -c \
		'cd "$1" && "$2" --hide "$3" -- "$4" read "$3"' _ "$O/work" "$JAILSH" "$T/outside/file" "$PROBE"
	expect_status 1 "--read, working outside /tmp: a path below /tmp not granted is unreadable" bash -c \
		'cd "$1" && "$2" --read "$3" -- "$4" read "$5"' _ "$O/work" "$JAILSH" "$T/extra" "$PROBE" "$T/outside/file"
fi

# --- strict reads ---
expect_status 0 "--read: the granted path is readable" jw --read "$T/extra" -- "$PROBE" read "$T/extra/file"
expect_status 1 "--read: a path not granted is unreadable" jw --read "$T/extra" -- "$PROBE" read "$T/outside/file"
[ -n "$O" ] && expect_status 1 "--read: a path outside /tmp not granted is unreadable" \
	jw --read "$T/extra" -- "$PROBE" read "$O/file"
expect_status 0 "--read: the writable root stays readable" jw --read "$T/extra" -- "$PROBE" read "$T/work/new"
expect_status 0 "--read: system files stay readable" jw --read "$T/extra" -- "$PROBE" read /etc/passwd
expect_status 0 "--read: a shell line still runs" jw --read "$T/extra" -c "cat $T/extra/file >/dev/null"

# --- truncate ---
cp "$T/outside/file" "$T/outside/control"
expect_status 0 "control: unjailed truncate works" "$PROBE" truncate "$T/outside/control"
jw -- "$PROBE" truncate "$T/outside/file" >/dev/null
expect_stdout "truncate outside: the file kept its content on the host" "data" cat "$T/outside/file"
if [ -n "$O" ]; then
	expect_status 1 "truncate outside /tmp is refused" jw -- "$PROBE" truncate "$O/file"
	expect_stdout "the file outside /tmp kept its content" "data" cat "$O/file"
fi
expect_status 0 "truncate inside works" jw -- "$PROBE" truncate "$T/work/new"

# --- device nodes and fifos ---
expect_status 0 "mkfifo inside works" jw -- "$PROBE" mknod "$T/work/fifo" fifo
if is_root; then
	expect_status 0 "control: root unjailed can make a char device" "$PROBE" mknod "$T/outside/null" char
	expect_status 1 "root: a char device in the writable root is refused" jw -- "$PROBE" mknod "$T/work/null" char
	[ -n "$O" ] && expect_status 1 "root: --write $O: a char device there is refused" \
		jw --write "$O" -- "$PROBE" mknod "$O/null" char
	absent "no device node was made" "$T/work/null"
else
	t_skip "char device in the writable root" "not root: mknod of a device needs CAP_MKNOD anyway"
fi

t_done
