#!/bin/bash
# integ_meson.sh - Meson with the compiler wrapped in jailsh: CC="jailsh --
# cc" in the environment, or a native file listing ['jailsh', '--', 'cc'].
# Meson's own compiler checks then run jailed too. The compiler is a spy
# that prints its seccomp mode (2: inside jailsh's filter, 0: free).
. "$(dirname "$0")/../lib.sh"
t_require_landlock
# Paths outside every writable root live in $V, not under /tmp: jailsh
# gives each command a private /tmp overlay, where a stray write would be
# discarded instead of refused.
V=$T_OUT
if ! command -v meson >/dev/null || ! command -v ninja >/dev/null || ! command -v cc >/dev/null; then
	t_skip "all tests of $T_NAME" "meson, ninja or cc is not installed (apt-get install meson ninja-build)"
	t_done; exit $?
fi

mkdir -p proj "$V/outside" bin "$V/home/.ssh"
export HOME=$V/home
echo "#define SECRET 1" >"$V/home/.ssh/secret.h"
cat >bin/spy-cc <<'EOF'
#!/bin/sh
echo "spy: seccomp=$(sed -n 's/^Seccomp:[[:space:]]*//p' /proc/self/status) cc" >&2
exec cc "$@"
EOF
chmod +x bin/spy-cc
cat >proj/meson.build <<'EOF'
project('hello', 'c')
executable('hello', 'hello.c')
EOF
printf '#include <stdio.h>\nint main(void){puts("hello meson");return 0;}\n' >proj/hello.c
cat >native.ini <<EOF
[binaries]
c = ['$JAILSH', '--', '$T/bin/spy-cc']
EOF
cd proj || exit 1

spy_count() { printf '%s\n%s\n' "$OUT" "$ERR" | grep -c "^spy: seccomp=$1 cc"; }

# Control: the spy compiler unwrapped runs free.
run env CC="$T/bin/spy-cc" meson setup free
run ninja -C free -v
if [ "$STATUS" -eq 0 ] && [ "$(spy_count 0)" -ge 2 ]; then
	t_pass "control: unwrapped compiles and links run free"
else
	t_fail "control: unwrapped compiles and links run free" "status $STATUS" "$OUT" "$ERR"
fi

expect_status 0 'CC="jailsh -- cc": meson setup passes its compiler checks jailed' \
	env CC="$JAILSH -- $T/bin/spy-cc" meson setup cc-env
run ninja -C cc-env -v
if [ "$STATUS" -eq 0 ] && [ "$(spy_count 2)" -ge 2 ] && [ "$(spy_count 0)" -eq 0 ]; then
	t_pass 'CC="jailsh -- cc": every compile and link ran jailed'
else
	t_fail 'CC="jailsh -- cc": every compile and link ran jailed' "status $STATUS" "$OUT" "$ERR"
fi
expect_stdout 'CC="jailsh -- cc": the program runs' "hello meson" ./cc-env/hello
case $(cat cc-env/meson-logs/meson-log.txt 2>/dev/null) in
*"spy: seccomp=2"*) t_pass 'CC="jailsh -- cc": the compiler checks of meson setup ran jailed' ;;
*) t_fail 'CC="jailsh -- cc": the compiler checks of meson setup ran jailed' "no jailed spy line in meson-log.txt" ;;
esac

expect_status 0 "native file: meson setup --native-file" meson setup --native-file "$T/native.ini" native
run ninja -C native -v
if [ "$STATUS" -eq 0 ] && [ "$(spy_count 2)" -ge 2 ] && [ "$(spy_count 0)" -eq 0 ]; then
	t_pass "native file: every compile and link ran jailed"
else
	t_fail "native file: every compile and link ran jailed" "status $STATUS" "$OUT" "$ERR"
fi

# A compile that reads a hidden file: works free, refused jailed (meson's
# sanity check compiles with CFLAGS, so a jailed setup stops right there).
expect_status 0 "control: an unjailed compile reads ~/.ssh/secret.h" \
	"$T/bin/spy-cc" -include "$HOME/.ssh/secret.h" -c hello.c -o "$V/outside/h.o"
run env CFLAGS="-include $HOME/.ssh/secret.h" CC="$JAILSH -- $T/bin/spy-cc" meson setup hidden
log=$(cat hidden/meson-logs/meson-log.txt 2>/dev/null)
case "$STATUS/$log" in
0/*) t_fail "a jailed compile cannot read ~/.ssh" "meson setup succeeded" "$OUT" "$ERR" ;;
*"secret.h: Permission denied"*) t_pass "a jailed compile cannot read ~/.ssh" ;;
*) t_fail "a jailed compile cannot read ~/.ssh" "status $STATUS; meson-log.txt lacks 'secret.h: Permission denied'" "$OUT" ;;
esac

t_done
