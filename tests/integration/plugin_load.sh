#!/bin/bash
# plugin_load.sh - loading jail.so: load, -load, --eval on an unedited
# Makefile (and its sub-makes), a CMake-generated build, the SHELL override
# surviving `SHELL = /bin/sh`, JAILSH, and refusing a missing, old or
# unsafe jailsh with file:line.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

# mk FILE: write a Makefile from stdin; a leading "> " becomes a tab.
mk() { sed 's/^> /\t/' >"$1"; }
X=$T/outside
mkdir -p "$X" proj

# --- only the two symbols make needs are exported
if command -v nm >/dev/null; then
	syms=$(nm -D --defined-only "$JAILSO" | awk '{print $3}' | sort | tr '\n' ' ')
	if [ "$syms" = "jail_gmk_setup plugin_is_GPL_compatible " ]; then t_pass "exports only setup and GPL symbol"
	else t_fail "exports only setup and GPL symbol" "got: $syms"; fi
else
	t_skip "exported symbols" "nm not installed"
fi

# --- load: a recipe cannot write outside CURDIR; unjailed it can
mk proj/Makefile <<EOF
LOADLINE
all:
> @echo in > inside
> @touch $X/\$(F)
EOF
sed -i "s|LOADLINE||" proj/Makefile
run make -s -C proj F=control
[ "$STATUS" -eq 0 ] && [ -e "$X/control" ] && t_pass "control: without jail.so the recipe writes outside" \
	|| t_fail "control: without jail.so the recipe writes outside" "$ERR"
sed -i "1s|^|load $JAILSO\n|" proj/Makefile
# (judged by the effect on the host: a jail may refuse the write or send it
# to a throw-away /tmp; either way the file must not appear)
run make -s -C proj F=denied
[ ! -e "$X/denied" ] && [ -e proj/inside ] && t_pass "load: inside written, outside not" \
	|| t_fail "load: inside written, outside not" "status $STATUS"

# --- -load and a second load of the same object (setup idempotent)
mk proj/Makefile <<EOF
-load $JAILSO
load $JAILSO
SHELL = /bin/sh
.SHELLFLAGS = -c
all:
> @echo in > inside2
> @touch $X/\$(F)
EOF
run make -s -C proj F=minus
if [ ! -e "$X/minus" ] && [ -e proj/inside2 ]; then
	t_pass "-load + second load + later SHELL = /bin/sh: still jailed"
else t_fail "-load + second load + later SHELL = /bin/sh: still jailed" "status $STATUS" "$ERR"; fi
run make -s -C proj F=cmdline SHELL=/bin/sh
if [ ! -e "$X/cmdline" ]; then t_pass "make SHELL=/bin/sh on the command line: still jailed"
else t_fail "make SHELL=/bin/sh on the command line: still jailed" "status $STATUS"; fi

# --- relative load path (dladdr gives it relative): resolved at setup
ln -s "$JAILSO" proj/jail.so
mk proj/Makefile <<EOF
load ./jail.so
all:
> @echo in > inside3
> @touch $X/\$(F)
EOF
run make -s -C proj F=relative
if [ ! -e "$X/relative" ] && [ -e proj/inside3 ]; then
	t_pass "load ./jail.so (symlink, relative) finds the sh beside the real jail.so"
else t_fail "load ./jail.so finds the sh beside the real jail.so" "status $STATUS" "$ERR"; fi

# --- --eval on a Makefile that knows nothing of the jail; sub-makes too
mkdir -p plain/sub
mk plain/Makefile <<EOF
all:
> @touch $X/top-\$(F)
> @\$(MAKE) -s -C sub F=\$(F)
EOF
mk plain/sub/Makefile <<EOF
all:
> -@touch $X/sub-\$(F)
> @echo sub-ran
EOF
run make -s -C plain F=ctl
[ -e "$X/top-ctl" ] && [ -e "$X/sub-ctl" ] && t_pass "control: unedited Makefile writes outside unjailed" \
	|| t_fail "control: unedited Makefile writes outside unjailed" "$ERR"
run make -s -C plain -i F=ev --eval="load $JAILSO"
if [ ! -e "$X/top-ev" ] && [ ! -e "$X/sub-ev" ] && [[ $OUT == *sub-ran* ]]; then
	t_pass "--eval='load jail.so': top and sub-make recipes jailed"
else t_fail "--eval='load jail.so': top and sub-make recipes jailed" "stdout: $X" "stderr: $ERR"; fi

# --- CMake-generated Makefiles (SHELL = /bin/sh, recursive make)
if command -v cmake >/dev/null && command -v cc >/dev/null; then
	mkdir -p cm/src
	cat >cm/src/CMakeLists.txt <<EOF
cmake_minimum_required(VERSION 3.13)
project(hello C)
add_executable(hello hello.c)
add_custom_target(escape ALL COMMAND touch $X/cmake-\${ESC} || echo ESCAPE-DENIED)
EOF
	printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' >cm/src/hello.c
	cmake -S cm/src -B cm/ctl -G "Unix Makefiles" -DESC=ctl >/dev/null 2>&1
	cmake -S cm/src -B cm/jailed -G "Unix Makefiles" -DESC=jailed >/dev/null 2>&1
	run make -C cm/ctl -j2
	[ -e "$X/cmake-ctl" ] && t_pass "control: CMake build escapes unjailed" || t_fail "control: CMake build escapes unjailed" "$ERR"
	run make -C cm/jailed -j2 --eval="load $JAILSO"
	if [ "$STATUS" -eq 0 ] && [ "$(cm/jailed/hello)" = hello ] && [ ! -e "$X/cmake-jailed" ]; then
		t_pass "CMake build with --eval: compiles, links, cannot escape"
	else t_fail "CMake build with --eval: compiles, links, cannot escape" "status $STATUS" "$OUT" "$ERR"; fi
else
	t_skip "CMake build" "cmake or cc not installed"
fi

# --- JAILSH: a working override, then missing, too old, unsafe path
mk proj/Makefile <<EOF
all:
> @touch $X/\$(F)
EOF
run make -s -C proj F=jailsh --eval="JAILSH = $JAILSH" --eval="load $JAILSO"
[ ! -e "$X/jailsh" ] && t_pass "JAILSH = path/to/jailsh is used" \
	|| t_fail "JAILSH = path/to/jailsh is used" "status $STATUS" "$ERR"

mk proj/Makefile <<EOF
# line 1
JAILSH = /nonexistent/jailsh
load $JAILSO
all: ; @echo ran
EOF
expect_stderr "missing jailsh: file:line, names JAILSH" "Makefile:3: *** jail.so: jailsh not found at '/nonexistent/jailsh' (from JAILSH)" make -C proj
[[ $OUT == *ran* ]] && t_fail "missing jailsh: nothing ran" || t_pass "missing jailsh: nothing ran"

mkdir -p old
printf '#!/bin/sh\necho "jailsh 0.0.1 (policy protocol 0)"\n' >old/jailsh
chmod +x old/jailsh
sed -i "s|/nonexistent/jailsh|$T/old/jailsh|" proj/Makefile
expect_stderr "too old jailsh: file:line and the fix" "Makefile:3: *** jail.so: '$T/old/jailsh --version' said 'jailsh 0.0.1 (policy protocol 0)'" make -C proj
printf '#!/bin/sh\necho "jailsh 9.9 (policy protocol 1)"\n' >old/jailsh
printf 'JAILSH = %s\nload %s\n$(info loaded)\nall: ;\n' "$T/old/jailsh" "$JAILSO" >proj/Makefile
run make -s -C proj
[ "$STATUS" -eq 0 ] && [ "$OUT" = loaded ] && t_pass "control: protocol 1 is accepted" || t_fail "control: protocol 1 is accepted" "$ERR"

# jail.so installed under a path make would hand to /bin/sh
mkdir -p "$T/with space" "$T/plain dir ok/../plainlib"
cp "$JAILSO" "$JAILSH" "$T/with space/"
ln -s jailsh "$T/with space/sh"
cp "$JAILSO" "$JAILSH" "$T/plainlib/"
ln -s jailsh "$T/plainlib/sh"
mk proj/Makefile <<EOF
all: ; @echo ran
EOF
expect_stderr "jailsh under a path with a blank is refused" "holds a blank or a shell character" make -C proj "--eval=load $T/with\\ space/jail.so"
[[ $OUT == *ran* ]] && t_fail "unsafe jailsh path: nothing ran" || t_pass "unsafe jailsh path: nothing ran"
expect_stdout "control: the same files under a plain path work" ran make -s -C proj "--eval=load $T/plainlib/jail.so"

t_done
