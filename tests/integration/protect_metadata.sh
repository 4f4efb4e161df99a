#!/bin/bash
# protect_metadata.sh - metadata writes (chmod, chown, utimes, xattrs) that
# Landlock does not cover: refused outside the writable roots by the
# read-only mount view, working inside them. Each refusal has its positive
# control (the same call unjailed, or jailed on a file inside the root),
# and each refusal is checked on the host file, not only by exit status.
# Below /tmp the jail's private /tmp overlay may absorb a change into a
# throwaway copy instead of refusing it: there only the host file counts.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work" "$T/outside" "$T/home"
echo in >"$T/work/in"
echo out >"$T/outside/f"
chmod 0644 "$T/work/in" "$T/outside/f"
# O: a scratch directory outside /tmp (refusals there are outright).
O=$(mktemp -d /var/tmp/jailtest-meta.XXXXXX 2>/dev/null) || O=
if [ -n "$O" ]; then
	chmod 0755 "$O"
	trap 't_cleanup; rm -rf "$O"' EXIT
	echo out >"$O/f"; echo ctl >"$O/ctl"
	chmod 0644 "$O/f" "$O/ctl"
fi
jw() { (cd "$T/work" && HOME=$T/home "$JAILSH" "$@"); }
mode_of() { stat -c %a "$1"; }
mtime_of() { stat -c %Y "$1"; }
PY=/usr/bin/python3
xattr_cmd() { echo "$PY -c 'import os,sys; os.setxattr(sys.argv[1], \"user.jailtest\", b\"1\")' $1"; }

# chmod
expect_status 0 "chmod inside the writable root works" jw -c 'chmod 0600 in'
[ "$(mode_of "$T/work/in")" = 600 ] && t_pass "chmod inside changed the host file" ||
	t_fail "chmod inside changed the host file" "mode $(mode_of "$T/work/in")"
run jw -c "chmod 0600 '$T/outside/f'"
[ "$(mode_of "$T/outside/f")" = 644 ] && t_pass "chmod outside (under /tmp) leaves the host file alone" ||
	t_fail "chmod outside (under /tmp) leaves the host file alone" "mode $(mode_of "$T/outside/f")"
if [ -n "$O" ]; then
	chmod 0600 "$O/ctl" && [ "$(mode_of "$O/ctl")" = 600 ] &&
		t_pass "control: chmod outside /tmp works unjailed" ||
		t_fail "control: chmod outside /tmp works unjailed"
	expect_stderr "chmod outside /tmp is refused (read-only file system)" \
		"Read-only file system" jw -c "chmod 0600 '$O/f'"
	[ "$(mode_of "$O/f")" = 644 ] && t_pass "chmod outside /tmp left the mode" ||
		t_fail "chmod outside /tmp left the mode" "mode $(mode_of "$O/f")"
else
	t_skip "chmod outside /tmp" "/var/tmp is not usable"
fi

# chown (to our own ids: allowed to the owner, so only the mount can stop it)
ids="$(id -u):$(id -g)"
expect_status 0 "chown inside the writable root works" jw -c "chown $ids in"
if [ -n "$O" ]; then
	expect_status 0 "control: chown outside /tmp works unjailed" chown "$ids" "$O/ctl"
	expect_stderr "chown outside /tmp is refused" "Read-only file system" jw -c "chown $ids '$O/f'"
fi

# utimes
expect_status 0 "utimes inside the writable root works" jw -c 'touch -d 2001-01-01 in'
[ "$(mtime_of "$T/work/in")" -lt 1000000000 ] && t_pass "utimes inside changed the host file" ||
	t_fail "utimes inside changed the host file"
before=$(mtime_of "$T/outside/f")
run jw -c "touch -d 2001-01-01 '$T/outside/f'"
[ "$(mtime_of "$T/outside/f")" = "$before" ] && t_pass "utimes outside (under /tmp) leaves the host file alone" ||
	t_fail "utimes outside (under /tmp) leaves the host file alone"
if [ -n "$O" ]; then
	expect_status 0 "control: utimes outside /tmp works unjailed" touch -d 2001-01-01 "$O/ctl"
	before=$(mtime_of "$O/f")
	expect_stderr "utimes outside /tmp is refused" "Read-only file system" \
		jw -c "touch -d 2001-01-01 '$O/f'"
	[ "$(mtime_of "$O/f")" = "$before" ] && t_pass "utimes outside /tmp left the time" ||
		t_fail "utimes outside /tmp left the time"
fi

# extended attributes (user.*), when the file systems support them
if [ -x "$PY" ] && [ -n "$O" ] && eval "$(xattr_cmd "$O/ctl")" 2>/dev/null; then
	t_pass "control: setxattr outside /tmp works unjailed"
	expect_status 0 "setxattr inside the writable root works" jw -c "$(xattr_cmd in)"
	expect_stderr "setxattr outside /tmp is refused" "Read-only file system" jw -c "$(xattr_cmd "$O/f")"
	got=$($PY -c 'import os,sys; print(os.listxattr(sys.argv[1]))' "$O/f")
	[ "$got" = "[]" ] && t_pass "setxattr outside /tmp left no attribute" ||
		t_fail "setxattr outside /tmp left no attribute" "$got"
else
	t_skip "extended attributes" "no python3 or no user xattrs on /var/tmp"
fi

# Through a descriptor opened outside the jail (stdout appended to a file
# outside the writable roots), or a /proc link to one: that file is on a
# host mount the read-only view does not cover. The guard refuses it.
if [ -n "$O" ] && [ -x "$PY" ]; then
	echo c2 >"$O/ctl2"; chmod 0644 "$O/ctl2" "$O/f"
	expect_status 0 "control: unjailed, fchmod(1) changes the file stdout is" \
		sh -c "'$PY' -c 'import os; os.fchmod(1, 0o600)' >>'$O/ctl2'"
	[ "$(mode_of "$O/ctl2")" = 600 ] && t_pass "control: ... the mode is 600" ||
		t_fail "control: ... the mode is 600" "mode $(mode_of "$O/ctl2")"
	run sh -c "cd '$T/work' && '$JAILSH' -c \"'$PY' -c 'import os; os.fchmod(1, 0o600)'\" >>'$O/f'"
	[ "$(mode_of "$O/f")" = 644 ] && t_pass "fchmod on an inherited stdout is refused" ||
		t_fail "fchmod on an inherited stdout is refused" "mode $(mode_of "$O/f")"
	case $ERR in *"changing the metadata of $O/f, a file outside the jail's view"*) t_pass "... and named" ;;
	*) t_fail "... and named" "$ERR" ;; esac
	run sh -c "cd '$T/work' && '$JAILSH' -c 'chmod 0600 /proc/self/fd/1' >>'$O/f'"
	[ "$(mode_of "$O/f")" = 644 ] && t_pass "chmod /proc/self/fd/1 (a host file) is refused" ||
		t_fail "chmod /proc/self/fd/1 (a host file) is refused" "mode $(mode_of "$O/f")"
	before=$(stat -c %Z "$O/f")
	sleep 1
	run sh -c "cd '$T/work' && '$JAILSH' -c 'chown $ids /proc/self/fd/1; touch -m -d 2001-01-01 /proc/self/fd/1' >>'$O/f'"
	[ "$(stat -c %Z "$O/f")" = "$before" ] && t_pass "chown and utimes through /proc/self/fd/1 are refused (ctime kept)" ||
		t_fail "chown and utimes through /proc/self/fd/1 are refused (ctime kept)"
	if eval "$(xattr_cmd "$O/ctl2")" 2>/dev/null; then
		run sh -c "cd '$T/work' && '$JAILSH' -c \"'$PY' -c 'import os; os.setxattr(1, \\\"user.jailtest\\\", b\\\"1\\\")'\" >>'$O/f'"
		got=$($PY -c 'import os,sys; print(os.listxattr(sys.argv[1]))' "$O/f")
		[ "$got" = "[]" ] && t_pass "fsetxattr on an inherited stdout is refused" ||
			t_fail "fsetxattr on an inherited stdout is refused" "$got"
	fi
else
	t_skip "metadata through inherited descriptors" "no python3 or /var/tmp is not usable"
fi
# The same calls on files of the writable root work, by path, through a
# /proc link, or on a descriptor; and the tools that copy metadata.
expect_status 0 "chmod through /proc/self/fd/3 of a file in the root works" \
	jw -c 'exec 3<>in && chmod 0640 /proc/self/fd/3'
[ "$(mode_of "$T/work/in")" = 640 ] && t_pass "... the host file is 640" ||
	t_fail "... the host file is 640" "mode $(mode_of "$T/work/in")"
if [ -x "$PY" ]; then
	expect_status 0 "fchmod of a descriptor opened in the root works" \
		jw -c "exec 3<>in && '$PY' -c 'import os; os.fchmod(3, 0o604)'"
	[ "$(mode_of "$T/work/in")" = 604 ] && t_pass "... the host file is 604" ||
		t_fail "... the host file is 604" "mode $(mode_of "$T/work/in")"
fi
expect_status 0 "cp -p, install -m, tar x keep working in the root" \
	jw -c 'touch -d 2001-01-01 in && cp -p in in.cp && install -m 0755 in in.inst && tar cf t.tar in && mkdir -p x && tar xf t.tar -C x'
[ "$(mtime_of "$T/work/in.cp")" = "$(mtime_of "$T/work/in")" ] && [ "$(mode_of "$T/work/in.inst")" = 755 ] &&
	[ "$(mtime_of "$T/work/x/in")" = "$(mtime_of "$T/work/in")" ] && t_pass "... with times and modes" ||
	t_fail "... with times and modes"

# Device nodes stay writable on the read-only tree.
expect_status 0 "writing /dev/null still works" jw -c 'echo x >/dev/null'

# Without the mount view, enforce mode refuses to run and says so.
expect_stderr "no mount namespace: enforce fails closed naming the control" \
	"cannot enforce mount-namespace" env JAIL_MOUNTNS=off "$JAILSH" -c true
expect_status 125 "no mount namespace: nothing ran (125)" env JAIL_MOUNTNS=off "$JAILSH" -c true
expect_stderr "no mount namespace: best-effort says what is open" \
	"best-effort: not enforced: mount-namespace" \
	env JAIL_MOUNTNS=off "$JAILSH" --mode best-effort -c true
expect_stdout "print-policy shows the control" "yes" \
	sh -c "'$JAILSH' --print-policy | grep -q '^  mount-namespace' && echo yes"
t_done
