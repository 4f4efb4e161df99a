#!/bin/bash
# integ_ccache.sh - a jailed `ccache gcc` needs write access to the cache
# (CCACHE_DIR; default ~/.cache/ccache): `--write . --write $CCACHE_DIR`
# (an explicit --write replaces the default writable root, so the build
# tree is listed too). Without the grant ccache 4.x stops with an error
# and compiles nothing; with it the second compile is a cache hit.
. "$(dirname "$0")/../lib.sh"
t_require_landlock
# Paths outside every writable root live in $V, not under /tmp: jailsh
# gives each command a private /tmp overlay, where a stray write would be
# discarded instead of refused.
V=$T_OUT
if ! command -v ccache >/dev/null || ! command -v gcc >/dev/null; then
	t_skip "all tests of $T_NAME" "ccache or gcc is not installed (apt-get install ccache gcc)"
	t_done; exit $?
fi

mkdir -p proj "$V/cache" "$V/home/.cache"
export HOME=$V/home CCACHE_DIR=$V/cache
unset CCACHE_DISABLE CCACHE_READONLY CCACHE_RECACHE
printf 'int answer(void) { return 42; }\n' >proj/f.c
cd proj || exit 1

stat_of() { ccache --print-stats 2>/dev/null | awk -v k="$1" '$1 == k {print $2}'; }
files_in_cache() { find "$CCACHE_DIR" -type f ! -name '*.conf' ! -name stats | wc -l; }

ccache -z >/dev/null 2>&1
# Without the grant: refused, nothing compiled, nothing cached.
run "$JAILSH" -- ccache gcc -c f.c -o nogrant.o
if [ "$STATUS" -ne 0 ] && [ ! -e nogrant.o ]; then
	t_pass "without the grant the jailed ccache compile fails"
else
	t_fail "without the grant the jailed ccache compile fails" "status $STATUS" "$ERR"
fi
case $ERR in
*"ccache: error:"*"$CCACHE_DIR"*) t_pass "... with ccache's message naming CCACHE_DIR" ;;
*) t_fail "... with ccache's message naming CCACHE_DIR" "$ERR" ;;
esac
n=$(files_in_cache)
[ "$n" -eq 0 ] && t_pass "... and nothing was stored in the cache" || t_fail "... and nothing was stored in the cache" "$n files"

# With the grant: a miss, then a hit.
JAIL=("$JAILSH" --write . --write "$CCACHE_DIR" --)
expect_status 0 "with --write \$CCACHE_DIR the first compile works" "${JAIL[@]}" ccache gcc -c f.c -o a.o
[ "$(files_in_cache)" -gt 0 ] && t_pass "... and stores its result in the cache" \
	|| t_fail "... and stores its result in the cache" "$(find "$CCACHE_DIR")"
expect_status 0 "the second jailed compile works" "${JAIL[@]}" ccache gcc -c f.c -o b.o
hits=$(stat_of direct_cache_hit)
if [ "${hits:-0}" -ge 1 ] && cmp -s a.o b.o; then t_pass "... and is a cache hit ($hits)"
else t_fail "... and is a cache hit" "direct_cache_hit=${hits:-none}" "$(ccache --print-stats 2>&1)"; fi

# The default cache under $HOME is not writable in the jail: grant it.
unset CCACHE_DIR
mkdir -p "$HOME/.cache/ccache"
run "$JAILSH" -- ccache gcc -c f.c -o home-nogrant.o
case "$STATUS/$ERR" in
0/*) t_fail "the default cache in \$HOME needs a grant" "the compile succeeded" ;;
*"$HOME/.cache/ccache"*) t_pass "the default cache in \$HOME needs a grant" ;;
*) t_fail "the default cache in \$HOME needs a grant" "status $STATUS" "$ERR" ;;
esac
expect_status 0 "--write ~/.cache/ccache grants it" \
	"$JAILSH" --write . --write "$HOME/.cache/ccache" -- ccache gcc -c f.c -o home.o

t_done
