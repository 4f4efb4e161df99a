#!/bin/bash
# integ_cmake.sh - CMake with jailsh as CMAKE_C_COMPILER_LAUNCHER and
# CMAKE_C_LINKER_LAUNCHER (the ;-list "jailsh;--") and as the
# RULE_LAUNCH_CUSTOM property (custom commands and targets), for the Ninja
# and the Unix Makefiles generators.
#
# The compiler is a spy script that prints its seccomp mode: 2 means it ran
# inside jailsh's filter, 0 that it ran free (the unjailed control build).
. "$(dirname "$0")/../lib.sh"
t_require_landlock
# Paths outside every writable root live in $V, not under /tmp: jailsh
# gives each command a private /tmp overlay, where a stray write would be
# discarded instead of refused.
V=$T_OUT
if ! command -v cmake >/dev/null || ! command -v cc >/dev/null; then
	t_skip "all tests of $T_NAME" "cmake or cc is not installed"
	t_done; exit $?
fi

mkdir -p proj/src "$V/outside" bin
cd proj || exit 1
cat >"$T/bin/spy-cc" <<'EOF'
#!/bin/sh
echo "spy: seccomp=$(sed -n 's/^Seccomp:[[:space:]]*//p' /proc/self/status) cc" >&2
exec cc "$@"
EOF
cat >src/custom.sh <<'EOF'
#!/bin/sh
echo "spy: seccomp=$(sed -n 's/^Seccomp:[[:space:]]*//p' /proc/self/status) custom $1" >&2
echo "$1" >>"$2"
EOF
chmod +x "$T/bin/spy-cc"
printf '#include <stdio.h>\nint main(void){puts("hello cmake");return 0;}\n' >src/hello.c
cat >src/CMakeLists.txt <<EOF
cmake_minimum_required(VERSION 3.21)
project(hello C)
add_custom_command(OUTPUT gen.txt
  COMMAND sh \${CMAKE_CURRENT_SOURCE_DIR}/custom.sh one gen.txt
  COMMAND sh \${CMAKE_CURRENT_SOURCE_DIR}/custom.sh two gen.txt
  VERBATIM)
add_custom_target(gen ALL DEPENDS gen.txt)
add_custom_target(escape COMMAND sh -c "echo x > $V/outside/escaped" VERBATIM)
add_executable(hello hello.c)
EOF
# RULE_LAUNCH_CUSTOM is a property, not a variable: set it from a file
# CMake includes right after project() (the project stays untouched).
printf 'set_property(GLOBAL PROPERTY RULE_LAUNCH_CUSTOM "%s --")\n' "$JAILSH" >"$T/launch-custom.cmake"

# spy_lines WHAT: how many "spy: seccomp=N ... WHAT" lines the last run
# printed, jailed (N=2) and free (N other).
spy_count() { printf '%s\n%s\n' "$OUT" "$ERR" | grep -c "^spy: seccomp=$1 $2"; }

gens=("Unix Makefiles")
command -v ninja >/dev/null && gens+=(Ninja) || t_skip "Ninja generator" "ninja is not installed"
for gen in "${gens[@]}"; do
	g=${gen// /-}
	# Control: the same project without launchers runs everything free.
	run cmake -S src -B "free-$g" -G "$gen" -DCMAKE_C_COMPILER="$T/bin/spy-cc"
	run cmake --build "free-$g"
	if [ "$STATUS" -eq 0 ] && [ "$(spy_count 0 cc)" -ge 2 ] && [ "$(spy_count 0 'custom one')" -eq 1 ]; then
		t_pass "$gen: control: unjailed build, compiler and custom command run free"
	else
		t_fail "$gen: control: unjailed build, compiler and custom command run free" "status $STATUS" "$OUT" "$ERR"
	fi
	expect_status 0 "$gen: control: unjailed custom target writes outside" cmake --build "free-$g" --target escape
	rm -f "$V/outside/escaped"

	expect_status 0 "$gen: configure with jailsh launchers" \
		cmake -S src -B "jail-$g" -G "$gen" -DCMAKE_C_COMPILER="$T/bin/spy-cc" \
		"-DCMAKE_C_COMPILER_LAUNCHER=$JAILSH;--" "-DCMAKE_C_LINKER_LAUNCHER=$JAILSH;--" \
		-DCMAKE_PROJECT_INCLUDE="$T/launch-custom.cmake"
	run cmake --build "jail-$g" --verbose
	if [ "$STATUS" -eq 0 ]; then t_pass "$gen: jailed build succeeds"
	else t_fail "$gen: jailed build succeeds" "status $STATUS" "$OUT" "$ERR"; fi
	n2=$(spy_count 2 cc) n0=$(spy_count '[^2]' '')
	if [ "$n2" -ge 2 ] && [ "$n0" -eq 0 ]; then
		t_pass "$gen: compile and link ran jailed ($n2 jailed, $n0 free)"
	else
		t_fail "$gen: compile and link ran jailed" "$n2 jailed, $n0 free" "$OUT" "$ERR"
	fi
	if [ "$(spy_count 2 'custom one')" -eq 1 ] && [ "$(spy_count 2 'custom two')" -eq 1 ]; then
		t_pass "$gen: both commands of a custom command ran jailed"
	else
		t_fail "$gen: both commands of a custom command ran jailed" "$OUT" "$ERR"
	fi
	case $OUT in
	*"$JAILSH -- "*cc*) t_pass "$gen: the verbose lines show the launcher" ;;
	*) t_fail "$gen: the verbose lines show the launcher" "$OUT" ;;
	esac
	expect_stdout "$gen: the program runs" "hello cmake" "./jail-$g/hello"
	run cmake --build "jail-$g" --target escape
	if [ "$STATUS" -ne 0 ] && [ ! -e "$V/outside/escaped" ]; then
		t_pass "$gen: a custom target writing outside the build tree is refused"
	else
		t_fail "$gen: a custom target writing outside the build tree is refused" "status $STATUS" "$OUT" "$ERR"
	fi
	case "$OUT$ERR" in
	*"cannot create $V/outside/escaped"*) t_pass "$gen: ... with the shell's message naming the path" ;;
	*) t_fail "$gen: ... with the shell's message naming the path" "$OUT" "$ERR" ;;
	esac
done

# The whole build in one jail: cmake --build under jailsh (the build tree
# is under the working directory, so it is writable).
if command -v ninja >/dev/null; then
	run cmake -S src -B whole -G Ninja -DCMAKE_C_COMPILER="$T/bin/spy-cc"
	run "$JAILSH" -- cmake --build whole
	if [ "$STATUS" -eq 0 ] && [ "$(spy_count 2 cc)" -ge 2 ] && [ "$(spy_count 0 cc)" -eq 0 ]; then
		t_pass "whole: jailsh -- cmake --build jails every command"
	else
		t_fail "whole: jailsh -- cmake --build jails every command" "status $STATUS" "$OUT" "$ERR"
	fi
	expect_status 1 "whole: a custom target writing outside is refused" \
		"$JAILSH" -- cmake --build whole --target escape
fi

t_done
