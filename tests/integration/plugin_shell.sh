#!/bin/bash
# plugin_shell.sh - what runs through the jail: recipe lines, $(shell), !=,
# $(jail) (output and .SHELLSTATUS), .ONESHELL, the user's sh flags
# (JAIL_SHELLFLAGS, .POSIX), and directories whose names hold blanks, '$'
# and quotes.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mk() { sed 's/^> /\t/' >"$1"; }
X=$T/outside
mkdir -p "$X" proj
# Each process reports whether it runs under a seccomp filter: the jail
# always installs one; an unjailed process of this test has none.
SECCOMP='grep -c "^Seccomp:[[:space:]]*2" /proc/self/status'
[ "$(sh -c "$SECCOMP")" = 0 ] || t_fail "control: the test itself runs without seccomp" "run it unjailed"

# ------------------------------------------------ $(shell), != and $(jail)
mk proj/Makefile <<EOF
load $JAILSO
A := \$(shell $SECCOMP)
B != $SECCOMP
C := \$(jail $SECCOMP)
D := \$(jail printf 'a\nb\n\n'; exit 3)
D_STATUS := \$(.SHELLSTATUS)
E := \$(jail echo "\$\$0" '\$\$HOME' '\$(OPEN)x' ; exit 0)
E_STATUS := \$(.SHELLSTATUS)
\$(info E=[\$(E)] \$(E_STATUS))
OPEN := (
F := \$(jail touch $X/jail-f || echo denied)
all:
> @echo "A=\$(A) B=\$(B) C=\$(C)"
> @echo "D=[\$(D)] \$(D_STATUS)"
> @echo "F=\$(F)"
> @echo "G=\$(jail $SECCOMP)"
EOF
run make -s -C proj
if [[ $OUT == *"A=1 B=1 C=1"* ]]; then t_pass "\$(shell), != and \$(jail) run jailed"
else t_fail "\$(shell), != and \$(jail) run jailed" "$OUT" "$ERR"; fi
[[ $OUT == *"D=[a b] 3"* ]] && t_pass "\$(jail): newlines become spaces, trailing dropped, .SHELLSTATUS set" \
	|| t_fail "\$(jail): output rules and .SHELLSTATUS" "$OUT"
[[ $OUT == *"E=[/bin/sh \$HOME x] 0"* ]] && t_pass "\$(jail): \$\$ and quotes reach the shell unchanged" \
	|| t_fail "\$(jail): \$\$ and quotes reach the shell unchanged" "$OUT"
[ ! -e "$X/jail-f" ] && t_pass "\$(jail): writing outside denied" \
	|| t_fail "\$(jail): writing outside denied" "$OUT"
[[ $OUT == *"G=1"* ]] && t_pass "\$(jail) inside a recipe runs jailed" || t_fail "\$(jail) inside a recipe runs jailed" "$OUT"
mk proj/Makefile <<EOF
F := \$(shell touch $X/shell-f || echo denied)
all: ; @echo "F=\$(F)"
EOF
run make -s -C proj
[ -e "$X/shell-f" ] && t_pass "control: unjailed \$(shell) writes outside" || t_fail "control: unjailed \$(shell) writes outside" "$OUT"

# $(jail) refuses to run where the target took the jail away
mk proj/Makefile <<EOF
load $JAILSO
esc: SHELL := /bin/sh
esc:
> @echo \$(jail echo hi)
ok:
> @echo \$(jail echo hi)
EOF
expect_stderr "\$(jail) with a target-specific SHELL: error at the recipe line" \
	"Makefile:4: *** jail.so: \$(jail) here would run with SHELL '/bin/sh'" make -s -C proj esc
expect_stdout "control: \$(jail) in a normal target" hi make -s -C proj ok

# jailsh cannot set up the jail: make stops (status 125 from $(jail))
mkdir -p fake
printf '#!/bin/sh\n[ "$1" = --version ] && { echo "jailsh 9 (policy protocol 1)"; exit 0; }\nexit 125\n' >fake/jailsh
chmod +x fake/jailsh
mk proj/Makefile <<EOF
JAILSH = $T/fake/jailsh
load $JAILSO
V := \$(jail echo hi)
all: ; @:
EOF
expect_stderr "\$(jail) whose jail cannot be set up stops make" "Makefile:3: *** jail.so: \$(jail echo hi): jailsh could not set up the jail" make -s -C proj

# ------------------------------------------------------------- .ONESHELL
mk proj/Makefile <<EOF
load $JAILSO
.ONESHELL:
all:
> @x=kept
> -false
> echo "x=\$\$x \$\$($SECCOMP)"
> touch $X/oneshell || echo denied
EOF
run make -s -C proj
if [ "$STATUS" -eq 0 ] && [[ $OUT == *"x=kept 1"* && $OUT != *"@x"* ]] && [ ! -e "$X/oneshell" ]; then
	t_pass ".ONESHELL: one jailed shell, @ and - stripped (the sh link)"
else t_fail ".ONESHELL: one jailed shell, @ and - stripped" "status $STATUS" "$OUT" "$ERR"; fi

# ------------------------------------------------- the user's sh flags
mk proj/Makefile <<EOF
load $JAILSO
all:
> @false; echo went-on
EOF
expect_stdout "default flags -c: a failing command inside a line goes on" went-on make -s -C proj
run make -s -C proj JAIL_SHELLFLAGS=-ec
[ "$STATUS" -ne 0 ] && [ -z "$OUT" ] && t_pass "JAIL_SHELLFLAGS = -ec stops at the failing command" \
	|| t_fail "JAIL_SHELLFLAGS = -ec stops at the failing command" "$OUT"
mk proj/Makefile <<EOF
.POSIX:
load $JAILSO
all:
> @false; echo went-on
EOF
run make -s -C proj
[ "$STATUS" -ne 0 ] && [ -z "$OUT" ] && t_pass ".POSIX before load: its -ec is kept" || t_fail ".POSIX before load: its -ec is kept" "$OUT"
mk proj/Makefile <<EOF
.SHELLFLAGS := -e -c
load $JAILSO
\$(info \$(JAIL_SHELLFLAGS))
all:
> @false; echo went-on
EOF
run make -s -C proj
[ "$STATUS" -ne 0 ] && [ "$OUT" = "-e -c" ] && t_pass ".SHELLFLAGS set before load becomes JAIL_SHELLFLAGS" \
	|| t_fail ".SHELLFLAGS set before load becomes JAIL_SHELLFLAGS" "$OUT"

# ------------------------- names with blanks, '$' and quotes everywhere
W="$T/we ird\$HOME'q\"d (x)"
mkdir -p "$W/out dir" "$W/proj"
mk "$W/proj/Makefile" <<'EOF'
all: first second
first:
> @echo "line1 $$(SECCOMP_CHECK)"
> @echo in > 'inside file'
> -@touch OUTSIDE/first 2>/dev/null || echo first-denied
second:
> @echo "line2 $$(SECCOMP_CHECK)" ; echo x > ../'out dir'/granted
EOF
sed -i "s|SECCOMP_CHECK|$SECCOMP|; s|OUTSIDE|$X|" "$W/proj/Makefile"
run make -s -C "$W/proj" "--eval=load $JAILSO" 'JAIL_WRITE=. ../out\ dir'
if [ "$STATUS" -eq 0 ] && [[ $OUT == *"line1 1"* && $OUT == *"line2 1"* ]] &&
   [ -e "$W/proj/inside file" ] && [ -e "$W/out dir/granted" ] && [ ! -e "$X/first" ]; then
	t_pass "directory named with blank, \$, quotes, parens: every line jailed, grants work"
else t_fail "directory named with blank, \$, quotes, parens: every line jailed" "status $STATUS" "$OUT" "$ERR"; fi
run make -s -C "$W/proj" "--eval=load $JAILSO" --eval='$(info [$(.SHELLFLAGS)])' --eval='noop: ;' noop
[[ $OUT =~ ^\[--jail-policy=[0-9a-f]+\ -c\]$ ]] && t_pass ".SHELLFLAGS there is only hex and -c (make never runs /bin/sh for it)" \
	|| t_fail ".SHELLFLAGS there is only hex and -c" "$OUT"
rm -f "$W/proj/inside file"
run make -s -C "$W/proj" -i
[[ $OUT == *"line1 0"* ]] && [ -e "$X/first" ] && t_pass "control: the same build unjailed writes outside" \
	|| t_fail "control: the same build unjailed writes outside" "$OUT" "$ERR"

t_done
