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
