#!/bin/bash
# tests/check.sh - what `make check` runs: the whole suite as the current
# user and, when that is root, again as an unprivileged user (nobody) from
# a world-readable copy of the tree. Prints a combined total last.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
totals=$(mktemp "${TMPDIR:-/tmp}/jailtotals.XXXXXX")
trap 'rm -f "$totals"' EXIT

"$TOP/tests/run-all.sh" "$@" | tee -a "$totals.log"
tail -n 1 "$totals.log" >>"$totals"
rm -f "$totals.log"
if [ "$(id -u)" -eq 0 ] && [ "${JAIL_TEST_NO_USER:-}" != 1 ]; then
	copy=$(mktemp -d /tmp/jail-user.XXXXXX)
	cp -a "$TOP/build" "$TOP/tests" "$copy/"
	[ -d "$TOP/scripts" ] && cp -a "$TOP/scripts" "$copy/"
	[ -d "$TOP/examples" ] && cp -a "$TOP/examples" "$copy/"
	mkdir -p "$copy/home"
	chown -R 65534:65534 "$copy"
	chmod 0755 "$copy"
	echo "# ---- again as an unprivileged user (uid 65534) ----"
	( cd "$copy" && env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$copy/home" \
		CI="${CI:-}" LANG=C.UTF-8 \
		setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		bash "$copy/tests/run-all.sh" "$@" ) | tee "$totals.log"
	tail -n 1 "$totals.log" >>"$totals"
	rm -rf "$copy" "$totals.log"
fi
awk '{p+=$1; f+=$3; s+=$5} END {printf "total: %d passed, %d failed, %d skipped\n", p, f, s; exit (f > 0 || p == 0)}' "$totals"
