#!/bin/bash
# protect_create.sh - protected names that do not exist yet (lib/guard.h):
# .envrc, .vscode, .idea, .git ... and --protect paths cannot be made by any
# call that makes a name (redirection, touch, mkdir, ln, ln -s, mv, mkfifo),
# not through a symlink, not onto an ancestor of a protected path, not by a
# thread racing the check, not from a nested jail; everything else that
# makes names keeps working, with the caller's umask, O_EXCL, FIFOs,
# /dev/stdout, parallel callers; a nested jail stays as narrow as it asked.
# Every refusal has a positive control and is checked on the host.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

RACER=$BUILD/tests/racer
mkdir -p "$T/work/sub" "$T/free"
jw() { (cd "$T/work" && "$JAILSH" "$@"); }
absent() { if [ -e "$2" ] || [ -L "$2" ]; then t_fail "$1" "$2 exists"; else t_pass "$1"; fi; }
present() { if [ -e "$2" ] || [ -L "$2" ]; then t_pass "$1"; else t_fail "$1" "$2 is missing" "stderr: $ERR"; fi; }

# Positive controls: every way of making a name works in the writable root.
expect_status 0 "control: redirection, mkdir, ln -s, ln, mv, mkfifo in the root" \
	jw -c 'echo a >made && mkdir madedir && ln -s made madelink && ln made madehard && mv madedir moved && mkfifo madefifo'
for f in made moved madelink madehard madefifo; do present "control: $f reached the host" "$T/work/$f"; done
expect_stdout "control: the content reached the host" "a" cat "$T/work/made"

# Each way of making a protected name is refused.
run jw -c 'echo x >.envrc'
absent ".envrc: a redirection (open O_CREAT) is refused" "$T/work/.envrc"
case $ERR in *"jailsh: refused: sh (pid "*"creating $T/work/.envrc"*"--write"*) t_pass "... and the refusal is named with the grant" ;;
*) t_fail "... and the refusal is named with the grant" "$ERR" ;; esac
run jw -c 'touch .envrc'
absent ".envrc: touch is refused" "$T/work/.envrc"
run jw -c 'mkdir .vscode'
absent ".vscode: mkdir is refused" "$T/work/.vscode"
run jw -c 'ln -s made .idea'
absent ".idea: a symlink is refused" "$T/work/.idea"
run jw -c 'ln made .envrc'
absent ".envrc: a hard link is refused" "$T/work/.envrc"
run jw -c 'mkdir d1 && mv d1 .git'
absent ".git: a rename onto it is refused" "$T/work/.git"
run jw -c 'mkfifo .envrc'
absent ".envrc: mknod (mkfifo) is refused" "$T/work/.envrc"
run jw -c 'cd sub && mkdir ../.devcontainer'
absent ".devcontainer: from a subdirectory, relative path" "$T/work/.devcontainer"

# Symlinks do not help: the guard resolves them itself.
run jw -c 'ln -s . self && echo x >self/.envrc'
absent ".envrc through a symlinked directory" "$T/work/.envrc"
expect_status 0 "control: a dangling symlink's target is made by a redirection" jw -c 'ln -s target1 dangling1 && echo x >dangling1'
present "control: ... the target exists" "$T/work/target1"
run jw -c 'ln -s .envrc dangling2 && echo x >dangling2'
absent ".envrc through a dangling symlink is refused" "$T/work/.envrc"
run jw -c 'cd sub && ln -s .. up && mkdir up/.vscode'
absent ".vscode through a symlink to the parent" "$T/work/.vscode"

# --protect of a deep path that does not exist: it, and its ancestors
# against a symlink or a rename onto them; mkdir of an ancestor is fine.
expect_status 0 "control: without --protect, gen0/config.mk can be made" jw -c 'mkdir -p gen0 && echo ok >gen0/config.mk'
run jw --protect gen/config.mk -c 'mkdir -p gen && echo evil >gen/config.mk'
absent "--protect: the absent file cannot be made" "$T/work/gen/config.mk"
present "--protect: its parent directory can" "$T/work/gen"
run jw --protect gen2/config.mk -c 'mkdir -p stage && echo evil >stage/config.mk && mv stage gen2'
absent "--protect: a directory cannot be renamed onto its ancestor" "$T/work/gen2"
run jw --protect gen3/config.mk -c "ln -s '$T/work/sub' gen3 && echo evil >gen3/config.mk"
absent "--protect: no symlink in place of its ancestor" "$T/work/gen3"
run sh -c "cd '$T/work' && JAIL_PROTECT=gen4/config.mk '$JAILSH' -c 'mkdir -p gen4 && echo evil >gen4/config.mk'"
absent "JAIL_PROTECT works like --protect" "$T/work/gen4/config.mk"

# A thread flipping the path between the check and the call cannot win:
# the guard makes the call on the path it read, once.
mkdir -p "$T/free/race"
expect_status 0 "control: unjailed, the racer makes .envrc" sh -c "cd '$T/free/race' && '$RACER' open .envrc .envrc 10"
present "control: ... .envrc exists" "$T/free/race/.envrc"
for mode in open rename mkdir; do
	rm -rf "$T/work/decoy1"
	run jw -- "$RACER" $mode .envrc decoy1 3000
	absent "a racing thread cannot make .envrc ($mode, 3000 calls)" "$T/work/.envrc"
	present "control: ... the same calls made the decoy ($mode)" "$T/work/decoy1"
done
expect_stdout "control: unjailed, openat2(O_CREAT) works" "ok" sh -c "cd '$T/free' && '$RACER' openat2 o2"
expect_stdout "openat2 gets ENOSYS in the jail (its flags are behind a pointer)" "denied: ENOSYS" jw -- "$RACER" openat2 o2

# What the guard makes looks as if the caller had made it.
jw -c 'umask 077 && echo x >private && umask 022 && echo x >public'
expect_stdout "the caller's umask applies (077)" "600" stat -c %a "$T/work/private"
expect_stdout "the caller's umask applies (022)" "644" stat -c %a "$T/work/public"
run jw -c 'set -C; echo x >made'
if [ "$STATUS" -ne 0 ] && [ "$(cat "$T/work/made")" = a ]; then t_pass "O_EXCL (set -C) still refuses an existing file"
else t_fail "O_EXCL (set -C) still refuses an existing file" "status $STATUS" "$(cat "$T/work/made")"; fi
jw -c 'echo b >>made'
expect_stdout "appending (>>) to an existing file" "a
b" cat "$T/work/made"
expect_stdout "/dev/stdout is the caller's" "hi" sh -c "cd '$T/work' && '$JAILSH' -c 'echo hi >/dev/stdout' | cat"
expect_stdout "/dev/stderr is the caller's" "e" sh -c "cd '$T/work' && '$JAILSH' -c 'echo e >/dev/stderr' 2>&1 >/dev/null | cat"
expect_status 0 "a FIFO opened for writing does not stall the guard" \
	timeout 30 sh -c "cd '$T/work' && '$JAILSH' -c 'mkfifo p && (echo through >p &) && cat p >fromfifo'"
expect_stdout "... and the data went through" "through" cat "$T/work/fromfifo"
jw -c 'seq 1 200 | xargs -P 8 -I{} sh -c "echo {} >par{}"'
expect_stdout "200 files made by 8 parallel callers" "200" sh -c "ls '$T/work' | grep -c '^par'"

# Nested jails: the outer guard makes the inner jail's calls with the inner
# policy's Landlock layer, so the inner jail stays as narrow as it asked.
expect_status 0 "nested: control: the inner jail makes a file in its root" jw -c "cd sub && '$JAILSH' -c 'echo in >inside'"
present "nested: control: ... on the host" "$T/work/sub/inside"
expect_status 0 "nested: control: the outer jail may write next to sub" jw -c 'echo o >outer-ok'
run jw -c "cd sub && '$JAILSH' -c 'echo out >../outside-inner'"
absent "nested: the inner jail cannot make a file outside its root" "$T/work/outside-inner"
run jw -c "cd sub && '$JAILSH' -c 'echo x >.envrc'"
absent "nested: the inner root's own .envrc is protected" "$T/work/sub/.envrc"
run jw -c "'$JAILSH' -c 'echo x >.envrc'"
absent "nested: the outer root's .envrc stays protected" "$T/work/.envrc"
expect_status 0 "nested: three levels make a file" jw -c "'$JAILSH' -c \"'$JAILSH' -c 'echo deep >deep3'\""
present "nested: ... on the host" "$T/work/deep3"
rm -rf "$T/work/decoy2"
run jw -c "'$JAILSH' -- '$RACER' open .envrc decoy2 2000"
absent "nested: a racing thread cannot make .envrc" "$T/work/.envrc"
present "nested: control: ... the decoy was made" "$T/work/decoy2"

# What a red-team pass found, each with its control.
# A registration far up the process tree is still found (a chain of 70
# forks inside an inner jail cannot reach past its narrowing).
expect_status 0 "nested: control: 3 forks deep, the inner root is writable" \
	jw -c "cd sub && '$JAILSH' -- '$RACER' deep 3 inside-deep"
run jw -c "cd sub && '$JAILSH' -- '$RACER' deep 70 ../outside-deep"
absent "nested: 70 forks deep, still no file outside the inner root" "$T/work/outside-deep"
# The guard opens no /proc entry but the caller's own for it.
export JAILTEST_SECRET=s3cr3t-$$
expect_stdout "control: unjailed, /proc environ files show the test's secret" "yes" \
	sh -c "'$RACER' procscan \"\$JAILTEST_SECRET\" | grep -q found && echo yes"
run jw -- "$RACER" procscan "$JAILTEST_SECRET"
[ "$OUT" = "not found" ] && t_pass "no /proc/PID/environ with the secret opens through the guard (O_CREAT)" ||
	t_fail "no /proc/PID/environ with the secret opens through the guard (O_CREAT)" "$OUT"
unset JAILTEST_SECRET
# A FIFO reached through /proc/self/fd/N does not stall the guard.
expect_status 0 "a FIFO opened with O_CREAT through /proc/self/fd/N does not wedge the guard" \
	timeout 60 sh -c "cd '$T/work' && '$JAILSH' -- '$RACER' wedge"
# Protected names that are symlinks: the name itself, and what it leads to.
echo ok >"$T/work/envrc.real"
ln -s envrc.real "$T/work/.envrc"
run jw -c 'rm -f .envrc && echo "echo PWNED" >.envrc'
[ ! -f "$T/work/.envrc" ] || [ -L "$T/work/.envrc" ] && t_pass "a protected symlink name cannot be replaced by a file" ||
	t_fail "a protected symlink name cannot be replaced by a file" "$(ls -l "$T/work/.envrc")"
rm -f "$T/work/.envrc"
ln -s envrc.local "$T/work/.envrc"
run jw -c 'echo PWNED >.envrc'
absent "a dangling protected symlink cannot be written through" "$T/work/envrc.local"
run jw -c 'echo PWNED >envrc.local'
absent "... nor its target made by its own name" "$T/work/envrc.local"
rm -f "$T/work/.envrc"
expect_status 0 "control: through a plain dangling symlink the target is made" jw -c 'ln -s plain.local plainlink && echo x >plainlink'
# O_TMPFILE published with linkat(AT_EMPTY_PATH) works; as .envrc it does not.
expect_status 0 "O_TMPFILE + linkat(AT_EMPTY_PATH) publishes a file" jw -- "$RACER" tmpfile published
present "... on the host" "$T/work/published"
run jw -- "$RACER" tmpfile .envrc
absent "... but not as .envrc" "$T/work/.envrc"
# No whiteout device nodes.
touch "$T/free/wo" "$T/work/wo"
if (cd "$T/free" && "$RACER" whiteout wo wo2 >/dev/null 2>&1); then
	t_pass "control: unjailed, RENAME_WHITEOUT works here"
	run jw -- "$RACER" whiteout wo wo2
	absent "rename with RENAME_WHITEOUT is refused" "$T/work/wo2"
else
	t_skip "RENAME_WHITEOUT" "unjailed it fails too on this file system"
fi
# The command cannot stop its guard (or its supervisor), though it can
# stop its own processes.
expect_stdout "control: the command can stop a process of its own" "stopped" \
	jw -c 'sleep 30 & kill -STOP $! && echo stopped; kill -KILL $!'
run jw -c 'for p in /proc/[0-9]*; do [ "$(cat $p/comm 2>/dev/null)" = jailsh ] || continue; echo found; kill -STOP ${p#/proc/} 2>/dev/null && echo stopped; done; true'
case $OUT in *stopped*) t_fail "jailsh processes (the guard too) cannot be stopped from inside" "$OUT" ;;
*found*) t_pass "jailsh processes (the guard too) cannot be stopped from inside" ;;
*) t_fail "jailsh processes (the guard too) cannot be stopped from inside" "no jailsh process was seen: $OUT" ;; esac

# A guard killed from outside: the build fails closed and says so.
expect_status 0 "control: with its guard, the delayed file is made" jw -c 'sleep 1; echo x >delayed1'
present "control: ... on the host" "$T/work/delayed1"
(cd "$T/work" && exec "$JAILSH" -c 'sleep 2; echo x >delayed2') 2>"$T/gone.err" &
sup=$!
guard=
for i in $(seq 50); do
	guard=$(pgrep -P "$sup" -x jailsh | head -n1)
	[ -n "$guard" ] && break
	sleep 0.05
done
[ -n "$guard" ] && kill -KILL "$guard"
wait "$sup"
absent "a killed guard: the next creation fails, not let through" "$T/work/delayed2"
case $(cat "$T/gone.err") in *"the creation guard is gone"*) t_pass "... and jailsh says the guard is gone" ;;
*) t_fail "... and jailsh says the guard is gone" "guard pid '${guard}'" "$(cat "$T/gone.err")" ;; esac

# git init in a root that is not a repository would plant .git.
if command -v git >/dev/null; then
	expect_status 0 "control: git init in a subdirectory works" jw -c 'git init -q sub/repo'
	present "control: ... sub/repo/.git exists" "$T/work/sub/repo/.git"
	run jw -c 'git init -q .'
	absent "git init cannot plant .git in the root" "$T/work/.git"
else
	t_skip "git init" "git is not installed"
fi
t_done
