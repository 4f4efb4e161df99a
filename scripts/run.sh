#!/bin/sh
# scripts/run.sh TARGET... - the README's entry point on a fresh machine:
# make sure the build dependencies (make and a C compiler included) are
# installed, then run make with the given targets (demo, check, bench...).
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh build
exec make -j2 "$@"
