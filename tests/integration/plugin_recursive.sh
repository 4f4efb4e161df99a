#!/bin/bash
# plugin_recursive.sh - recursive $(MAKE) inside jailed recipes: the
# jobserver reaches the sub-make (-j4, no "jobserver unavailable"), output
# sync (-O) gives the unjailed output, and a sub-make that loads jail.so
# again can narrow the jail but never widen it.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mk() { sed 's/^> /\t/' >"$1"; }
mkdir -p proj/sub

mk proj/Makefile <<EOF
all: x y
> @\$(MAKE) -s -C sub
x y:
> @echo "top \$@ start"; echo "top \$@ end"
EOF
mk proj/sub/Makefile <<EOF
all: a b c d
a b c d:
> @echo "sub \$@ start"; echo "sub \$@ end"
EOF

# Lines grouped per target (as -O promises), compared as sorted sets.
grouped() { awk '/start$/ { s = $0; sub(/ start$/, "", s); next }
	/end$/ { e = $0; sub(/ end$/, "", e); print (s == e ? "pair " e : "split " e); s = "" }' | sort; }

run make -s -C proj -j4
[ "$STATUS" -eq 0 ] && control=$(printf '%s\n' "$OUT" | sort) || t_fail "control: unjailed -j4 build" "$ERR"
run make -s -C proj -j4 "--eval=load $JAILSO"
if [ "$STATUS" -eq 0 ] && [ "$(printf '%s\n' "$OUT" | sort)" = "$control" ] && [[ $ERR != *jobserver* ]]; then
	t_pass "recursive make -j4 under the jail: same output, no jobserver warning"
else t_fail "recursive make -j4 under the jail" "status $STATUS" "$OUT" "$ERR"; fi

# -O: make 4.3 puts its sync files in /tmp with tmpfile(), ignoring TMPDIR;
# a sub-make needs a writable /tmp (jailsh's private /tmp gives one).
run make -s -C proj -j4 -O
control=$(printf '%s\n' "$OUT" | grouped)
if [ "$STATUS" -eq 0 ] && [[ $control != *split* ]]; then t_pass "control: unjailed -j4 -O groups output"
else t_fail "control: unjailed -j4 -O groups output" "$OUT" "$ERR"; fi
if "$JAILSH" -c 'f=$(mktemp /tmp/jailtest-tmp.XXXXXX) && rm -f "$f"' 2>/dev/null; then
	run make -s -C proj -j4 -O "--eval=load $JAILSO"
	if [ "$STATUS" -eq 0 ] && [ "$(printf '%s\n' "$OUT" | grouped)" = "$control" ] && [[ $ERR != *jobserver* ]]; then
		t_pass "recursive make -j4 -O under the jail: same grouped output"
	else t_fail "recursive make -j4 -O under the jail" "status $STATUS" "$OUT" "$ERR"; fi
else
	t_skip "recursive make -j4 -O under the jail" "expected gap: this jailsh gives no writable /tmp (private mount namespace), which make 4.3's -O needs"
fi

# ------------------------------------------- nested jails only narrow
mkdir -p nest/inner
mk nest/Makefile <<EOF
load $JAILSO
JAIL_WRITE = inner
all:
> @\$(MAKE) -s -C inner
EOF
mk nest/inner/Makefile <<EOF
load $JAILSO
JAIL_WRITE = $T
all:
> @echo in > inner-file
> @echo wide > $T/nest/wide-file || echo wide-denied
EOF
run make -s -C nest/inner
[ "$STATUS" -eq 0 ] && [ -e nest/wide-file ] && t_pass "control: the inner Makefile alone may write its wider root" \
	|| t_fail "control: the inner Makefile alone may write its wider root" "$OUT" "$ERR"
rm -f nest/wide-file nest/inner/inner-file
run make -s -C nest -j2
if [ "$STATUS" -eq 0 ] && [ -e nest/inner/inner-file ] && [ ! -e nest/wide-file ]; then
	t_pass "a sub-make loading jail.so with a wider JAIL_WRITE stays inside the outer jail"
else t_fail "a sub-make with a wider JAIL_WRITE stays inside the outer jail" "status $STATUS" "$OUT" "$ERR"; fi
sed -i "s|^JAIL_WRITE = $T\$|JAIL_WRITE = .|; s|> @echo wide.*|> @echo wide > ../wide-file \|\| echo wide-denied|" nest/inner/Makefile
sed -i 's|^JAIL_WRITE = inner$|JAIL_WRITE = .|' nest/Makefile
rm -f nest/inner/inner-file
run make -s -C nest
[ "$STATUS" -eq 0 ] && [ -e nest/inner/inner-file ] && [ ! -e nest/wide-file ] &&
	t_pass "a sub-make can narrow: its own JAIL_WRITE holds inside a wider outer jail" \
	|| t_fail "a sub-make can narrow" "status $STATUS" "$OUT" "$ERR"

t_done
