#!/bin/bash
# tests/sanitize.sh - two extra builds CI runs before `make check`, each in a
# scratch copy of the tree (the working tree is never touched):
#   1. clang with the project's -Werror flags (catches what gcc lets by);
#   2. gcc with -fsanitize=address,undefined, then every unit test.
# Exits non-zero if either build fails or a unit test fails under ASan/UBSan.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/jail-sanitize.XXXXXX")
trap 'rm -rf "$work"' EXIT
unset MAKEFLAGS MFLAGS MAKELEVEL
status=0

copy() {
	mkdir -p "$work/$1"
	(cd "$TOP" && git ls-files -z 2>/dev/null || find . -type f -print0) |
		(cd "$TOP" && xargs -0 cp --parents -t "$work/$1")
}

units() {
	ls "$TOP"/tests/unit/test_*.c | sed 's|.*/tests/unit/|build/tests/|; s|\.c$||'
}

if command -v clang >/dev/null; then
	copy clang
	if make -s -C "$work/clang" -j2 CC=clang all $(units) >"$work/clang.log" 2>&1; then
		echo "# sanitize: clang -Werror build: ok"
	else
		echo "# sanitize: clang -Werror build FAILED:"; sed 's/^/#   /' "$work/clang.log" | head -40
		status=1
	fi
else
	echo "# sanitize: clang is not installed (apt-get install clang)"
	[ "${CI:-}" = true ] && status=1
fi

copy asan
san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
if make -s -C "$work/asan" -j2 STATIC=0 CFLAGS="$san" LDFLAGS="$san" all $(units) >"$work/asan.log" 2>&1; then
	for t in $(units); do
		if ! (cd "$work/asan" && "./$t") >"$work/unit.log" 2>&1; then
			echo "# sanitize: $t FAILED under ASan/UBSan:"; sed 's/^/#   /' "$work/unit.log" | tail -30
			status=1
		fi
	done
	[ "$status" -eq 0 ] && echo "# sanitize: unit tests under ASan/UBSan: ok"
else
	echo "# sanitize: ASan/UBSan build FAILED:"; sed 's/^/#   /' "$work/asan.log" | head -40
	status=1
fi
exit $status
