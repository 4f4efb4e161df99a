#!/bin/bash
# plugin_vars.sh - the policy from Make variables: JAIL_WRITE, JAIL_READ,
# JAIL_HIDE, JAIL_NET, JAIL_ENV and JAIL_MODE at global, target-specific
# and pattern-specific scope, +=, private, relative paths; every denial
# next to its positive control.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mk() { sed 's/^> /\t/' >"$1"; }
X=$T/outside          # never writable unless granted
S=$T/secret           # readable unless hidden or reads are limited
mkdir -p "$X" "$S" proj
echo s3cret >"$S/file"

# ok NAME TARGET...: the make run succeeds; no NAME TARGET...: it fails.
ok() { local n=$1; shift; run make -s -C proj "$@"
	if [ "$STATUS" -eq 0 ]; then t_pass "$n"; else t_fail "$n" "status $STATUS" "$OUT" "$ERR"; fi; }
no() { local n=$1; shift; run make -s -C proj "$@"
	if [ "$STATUS" -ne 0 ]; then t_pass "$n"; else t_fail "$n" "status 0 (expected a denial)" "$OUT"; fi; }
# Writes and reads are judged by their effect on the host: a jail may
# refuse a write or send it to a throw-away /tmp; either way the file must
# not appear. wrote/kept_out NAME FILE ARGS...; reads/no_read NAME ARGS...
wrote() { local n=$1 f=$2; shift 2; run make -s -C proj "$@"
	if [ "$STATUS" -eq 0 ] && [ -e "$f" ]; then t_pass "$n"; else t_fail "$n" "status $STATUS, $f missing" "$ERR"; fi; }
kept_out() { local n=$1 f=$2; shift 2; run make -s -C proj "$@"
	if [ ! -e "$f" ]; then t_pass "$n"; else t_fail "$n" "$f was written (status $STATUS)"; fi; }
reads() { local n=$1; shift; run make -s -C proj "$@"
	if [[ $OUT == *s3cret* ]]; then t_pass "$n"; else t_fail "$n" "status $STATUS" "$OUT" "$ERR"; fi; }
no_read() { local n=$1; shift; run make -s -C proj "$@"
	if [[ $OUT != *s3cret* ]]; then t_pass "$n"; else t_fail "$n" "the secret was read (status $STATUS)"; fi; }

# ---------------------------------------------------------------- JAIL_WRITE
mk proj/Makefile <<EOF
load $JAILSO
w-%:
> touch $X/\$(F)
cur:
> touch \$(F)
tgt: JAIL_WRITE += $X
tgt:
> touch $X/\$(F)
priv: private JAIL_WRITE += $X
priv: w-prereq
> touch $X/\$(F)-priv
%.pat: JAIL_WRITE += $X
%.pat:
> touch $X/\$(F)
EOF
wrote "JAIL_WRITE default: CURDIR is writable" proj/c1 cur F=c1
kept_out "JAIL_WRITE default: outside is kept out" "$X/w1" w-a F=w1
wrote "JAIL_WRITE global = $X: granted" "$X/w2" w-b F=w2 JAIL_WRITE="$X"
kept_out "JAIL_WRITE global = outside only: CURDIR no longer writable" proj/c2 cur F=c2 JAIL_WRITE="$X"
wrote "JAIL_WRITE target-specific +=: granted" "$X/w3" tgt F=w3
kept_out "control: the same recipe in another target is kept out" "$X/w4" w-tgt F=w4
wrote "JAIL_WRITE pattern-specific +=: granted" "$X/w5" x.pat F=w5
kept_out "private JAIL_WRITE: the prerequisite does not inherit it" "$X/w6" priv F=w6 -k
sed -i 's/^priv: private /priv: /' proj/Makefile
wrote "control: without private the prerequisite inherits the grant" "$X/w7" priv F=w7
[ -e "$X/w7-priv" ] || t_fail "control: priv itself wrote" "missing $X/w7-priv"

# relative paths are relative to the directory make runs in (after -C)
mkdir -p rel/out
mk proj/Makefile <<EOF
load $JAILSO
JAIL_WRITE = . ../rel/out
all:
> touch ../rel/out/r
EOF
wrote "JAIL_WRITE relative path resolved against make's directory" rel/out/r all

# ----------------------------------------------------------------- JAIL_READ
mk proj/Makefile <<EOF
load $JAILSO
r-%:
> -cat $S/file
tgt: JAIL_READ = .
tgt:
> -cat $S/file
%.pat: JAIL_READ = .
%.pat:
> -cat $S/file
EOF
reads "control: reads are open by default" r-a
no_read "JAIL_READ global limits reads" r-b JAIL_READ=.
reads "control: JAIL_READ that names the directory allows it" r-c "JAIL_READ=. $S"
no_read "JAIL_READ target-specific limits reads" tgt
no_read "JAIL_READ pattern-specific limits reads" x.pat

# ----------------------------------------------------------------- JAIL_HIDE
mk proj/Makefile <<EOF
load $JAILSO
h-%:
> -cat $S/file
tgt: JAIL_HIDE = $S
tgt:
> -cat $S/file
%.pat: JAIL_HIDE += $S/file
%.pat:
> -cat $S/file
EOF
reads "control: the file is readable" h-a
no_read "JAIL_HIDE global hides it" h-b JAIL_HIDE="$S"
no_read "JAIL_HIDE target-specific hides it" tgt
no_read "JAIL_HIDE pattern-specific += hides it" x.pat

# ------------------------------------------------------------------ JAIL_NET
PORT=$(free_port)
if start_listener "$PORT"; then
	mk proj/Makefile <<EOF
load $JAILSO
n-%:
> $PROBE connect 127.0.0.1 $PORT
deploy: JAIL_NET = all
deploy:
> $PROBE connect 127.0.0.1 $PORT
%.pat: JAIL_NET = connect:$PORT
%.pat:
> $PROBE connect 127.0.0.1 $PORT
EOF
	expect_status 0 "control: the listener answers unjailed" "$PROBE" connect 127.0.0.1 "$PORT"
	no "JAIL_NET default: connect denied" n-a
	ok "JAIL_NET global connect:PORT" n-b JAIL_NET="connect:$PORT"
	no "JAIL_NET global connect to another port: denied" n-c JAIL_NET="connect:$((PORT == 65535 ? 1 : PORT + 1))"
	ok "JAIL_NET target-specific escape hatch: deploy: JAIL_NET = all" deploy
	ok "JAIL_NET pattern-specific connect:PORT" x.pat
else
	t_fail "listener on 127.0.0.1:$PORT" "did not start"
fi

# ------------------------------------------------------------------ JAIL_ENV
mk proj/Makefile <<EOF
load $JAILSO
export MY_API_TOKEN = t0k
e-%:
> test "\$\$MY_API_TOKEN" = t0k
tgt: JAIL_ENV += MY_API_TOKEN
tgt:
> test "\$\$MY_API_TOKEN" = t0k
%.pat: JAIL_ENV = MY_API_TOKEN
%.pat:
> test "\$\$MY_API_TOKEN" = t0k
EOF
no "JAIL_ENV default: a secret-looking variable is scrubbed" e-a
ok "JAIL_ENV global keeps it" e-b JAIL_ENV=MY_API_TOKEN
ok "JAIL_ENV target-specific += keeps it" tgt
ok "JAIL_ENV pattern-specific keeps it" x.pat

# ----------------------------------------------------------------- JAIL_MODE
mk proj/Makefile <<EOF
load $JAILSO
m-%:
> touch $X/\$(F)
tgt: JAIL_MODE = off
tgt:
> touch $X/\$(F)
%.pat: JAIL_MODE = off
%.pat:
> touch $X/\$(F)
EOF
kept_out "JAIL_MODE default enforce: outside kept out" "$X/m1" m-a F=m1
wrote "JAIL_MODE = off globally runs unjailed" "$X/m2" m-b F=m2 JAIL_MODE=off
wrote "JAIL_MODE = best-effort runs, with its grants" "$X/m3" m-c F=m3 JAIL_MODE=best-effort JAIL_WRITE="$X"
kept_out "control: best-effort still jails (outside not granted)" "$X/m4" m-d F=m4 JAIL_MODE=best-effort
wrote "JAIL_MODE target-specific off" "$X/m5" tgt F=m5
wrote "JAIL_MODE pattern-specific off" "$X/m6" x.pat F=m6

# ------------------------------------------------- printing the policy
mk proj/Makefile <<EOF
load $JAILSO
deploy: JAIL_NET = all
deploy:
> @echo '\$(jail-policy)'
build:
> @:
EOF
run make -s -C proj deploy
[[ $OUT == *"net: all"* && $OUT == "write: $T/proj;"* ]] && t_pass "\$(jail-policy) in a recipe shows the target's policy" \
	|| t_fail "\$(jail-policy) in a recipe shows the target's policy" "$OUT"
run make -s -C proj build deploy JAIL_PRINT=1
[[ $ERR == *"Makefile:6: jail.so: policy for target 'build': write: $T/proj; "*"net: none"* &&
   $ERR == *"policy for target 'deploy': "*"net: all"* ]] && t_pass "JAIL_PRINT=1 prints each target's policy with file:line" \
	|| t_fail "JAIL_PRINT=1 prints each target's policy with file:line" "$ERR"
run make -s -C proj build
[ -z "$ERR" ] && t_pass "control: nothing printed without JAIL_PRINT" || t_fail "control: nothing printed without JAIL_PRINT" "$ERR"
run make -s -C proj --eval='show: ; @$(SHELL) --jail-policy=$(jail-policy-token) --print-policy'  show
[[ $OUT == *"write:"*"$T/proj"* ]] && t_pass "jailsh --print-policy with \$(jail-policy-token) in a recipe" \
	|| t_fail "jailsh --print-policy with \$(jail-policy-token) in a recipe" "$OUT" "$ERR"

t_done
