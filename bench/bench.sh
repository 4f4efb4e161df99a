#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/bench.sh OUT.md - measure jailsh's cost on this machine, print the
# tables and write them to OUT.md. Run through `make bench` (it builds
# build/jailsh, build/bench/timeit and build/bench/setup first).
#
# Every comparison is measured in the same run with alternating rounds
# (bench/timeit.c) and reported as medians; ratios are against the unjailed
# baseline of the same round set. The benchmark reports; it never fails on
# a number. Besides build/jailsh (static-pie) it times a dynamic jailsh built here, the
# mount view and the hide plan switched off (the former only in best-effort
# mode), jail.so, bwrap and firejail; bench/setup.c times the in-process
# phases. Environment: BENCH_RUNS (per-command runs, default 200),
# BENCH_ROUNDS (whole-build rounds, default 7), BENCH_FILES (source files
# in the generated project, default 150), CC.
set -euo pipefail

out=${1:-docs/performance.md}
root=$(cd "$(dirname "$0")/.." && pwd)
J=$root/build/jailsh
SO=$root/build/jail.so
TIMEIT=$root/build/bench/timeit
SETUP=$root/build/bench/setup
RUNS=${BENCH_RUNS:-200}
ROUNDS=${BENCH_ROUNDS:-7}
FILES=${BENCH_FILES:-150}
JOBS=2
CC=${CC:-cc}
T=$(mktemp -d "${TMPDIR:-/tmp}/jail-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
declare -A MED P25 P75 FAIL

say() { printf 'bench: %s\n' "$*" >&2; }

# timeit output "KEY MED P25 P75 FAILS" into the tables.
collect() {
	local key med p25 p75 fails
	while read -r key med p25 p75 fails; do
		MED[$key]=$med; P25[$key]=$p25; P75[$key]=$p75; FAIL[$key]=$fails
	done
}
have() { [[ -n "${MED[$1]:-}" && "${FAIL[$1]:-1}" == 0 ]]; }
ms() { have "$1" && awk -v v="${MED[$1]}" 'BEGIN { printf "%.3f", v / 1000 }' || echo "n/a"; }
sec() { have "$1" && awk -v v="${MED[$1]}" 'BEGIN { printf "%.2f", v / 1e6 }' || echo "n/a"; }
spread() {
	have "$1" && awk -v a="${P25[$1]}" -v b="${P75[$1]}" -v d="$2" \
		'BEGIN { printf "%.*f–%.*f", d == 1e6 ? 2 : 3, a / d, d == 1e6 ? 2 : 3, b / d }' || echo "-"
}
ratio() {
	have "$1" && have "$2" && awk -v a="${MED[$1]}" -v b="${MED[$2]}" \
		'BEGIN { printf "%.3f", a / b }' || echo "n/a"
}
# Overhead of $1 over $3 divided by the overhead of $2 over $3.
over_ratio() {
	have "$1" && have "$2" && have "$3" && awk -v a="${MED[$1]}" -v b="${MED[$2]}" -v c="${MED[$3]}" \
		'BEGIN { printf "%.2f", (a - c) / (b - c) }' || echo "n/a"
}

# --- tools and variants ----------------------------------------------------
# Copies, so that a rebuild of build/ during the run changes nothing here;
# jail.so finds jailsh as the `sh` beside it.
mkdir -p "$T/bin"
cp "$J" "$T/bin/jailsh"
ln -s jailsh "$T/bin/sh"
[[ -e "$SO" ]] && cp "$SO" "$T/bin/jail.so"
J=$T/bin/jailsh
[[ -e "$SO" ]] && SO=$T/bin/jail.so
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# jailsh links only libc (the seccomp filters are precompiled into it);
# the dynamic variant shows what the dynamic loader costs per command
# (build/jailsh is linked static-pie).
say "building a dynamically linked jailsh in $T"
JS=$T/jailsh-dynamic
$CC -o "$JS" "$root"/tool/*.o "$root/lib/libjail.a" 2>/dev/null ||
	{ say "dynamic link failed: dynamic rows are n/a"; rm -f "$JS"; }
ERR=$T/stderr.log    # the timed commands' stderr (best-effort warnings)

# --- machine ---------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
cores=$(nproc)
kernel=$(uname -r)
abi=$("$SETUP" -n 1 | awk -F'\t' '/^landlock ABI/ { print $2 }')
ver() { "$@" 2>&1 | head -n1 || true; }
tools="$(ver make --version); ninja $(ver ninja --version); $(ver "$CC" --version | sed 's/ (.*)//')"
command -v bwrap >/dev/null && tools+="; $(ver bwrap --version)"
command -v firejail >/dev/null && tools+="; $(ver firejail --version)"

# --- per command -----------------------------------------------------------
mkdir -p "$T/cmd"
cd "$T/cmd"
# A simple line is /bin/true (jailsh execs it directly; a bare `true` is a
# shell builtin and goes to /bin/sh); the compound line uses builtins only.
# Mount view and hide plan are isolated by switching each off: the mount
# view only with JAIL_MOUNTNS=off, which enforce mode refuses (exit 125),
# so both rows of that pair run with --mode best-effort.
BE=(--mode best-effort)
args=(-- true /bin/true ";;" sh_simple /bin/sh -c /bin/true ";;"
	jailsh_simple "$J" -c /bin/true ";;" sh_compound /bin/sh -c "true; true" ";;"
	jailsh_compound "$J" -c "true; true" ";;" jailsh_launch "$J" -- /bin/true ";;"
	jailsh_off "$J" --mode off -c /bin/true ";;"
	jailsh_nohide "$J" --no-default-hide -c /bin/true ";;"
	jailsh_best "$J" "${BE[@]}" -c /bin/true ";;"
	jailsh_best_nomnt JAIL_MOUNTNS=off "$J" "${BE[@]}" -c /bin/true ";;"
	jailsh_best_nohide "$J" "${BE[@]}" --no-default-hide -c /bin/true ";;"
	jailsh_bare JAIL_MOUNTNS=off "$J" "${BE[@]}" --no-default-hide -c /bin/true)
[[ -x "$JS" ]] && args+=(";;" jailsh_dynamic "$JS" -c /bin/true)
command -v bwrap >/dev/null && args+=(";;" bwrap bwrap --ro-bind / / --dev /dev
	--bind "$T/cmd" "$T/cmd" --unshare-net --die-with-parent /bin/true)
command -v firejail >/dev/null && args+=(";;" firejail firejail --quiet --noprofile
	--net=none --read-only=/ --read-write="$T/cmd" /bin/true)
say "per command: $RUNS alternating rounds"
collect < <("$TIMEIT" -n "$RUNS" -w 10 -e "$ERR" "${args[@]}")

# --- exec count per recipe line ------------------------------------------------
# Successful execve calls for one make recipe line, make's own exec excluded.
execs() {  # SHELL TARGET -> "OK FAILED"
	strace -f -qq -e trace=execve -o "$T/strace.log" make -s -f "$T/one.mk" SHELL="$1" "$2" >/dev/null 2>&1 || true
	awk '/execve\(/ { if ($0 ~ /= 0$/) ok++; else if ($0 ~ /= -1/) bad++ }
	     END { printf "%d %d", ok - 1, bad }' "$T/strace.log"
}
printf 'simple: ; /bin/true\ncompound: ; /bin/true; /bin/true\npath: ; true\n' > "$T/one.mk"
declare -A EX
if command -v strace >/dev/null; then
	for s in /bin/sh "$J"; do
		for tg in simple compound path; do EX[$s,$tg]=$(execs "$s" "$tg"); done
	done
fi
exn() { local v=${EX[$1,$2]:-}; [[ -n "$v" ]] && echo "${v% *}" || echo "n/a"; }
exf() { local v=${EX[$1,$2]:-}; [[ -n "$v" ]] && echo "${v#* }" || echo "n/a"; }

# --- setup phases ---------------------------------------------------------
say "in-process setup phases: 200 forked children"
"$SETUP" -n 200 > "$T/phases.txt"
phase() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$T/phases.txt"; }

# --- whole builds ------------------------------------------------------------
P=$T/proj
mkdir -p "$P/src"
for ((i = 1; i <= FILES; i++)); do
	printf 'static int v%d[8];\n\nint f%d(int x)\n{\n\tfor (int i = 0; i < 8; i++)\n\t\tv%d[i] += x * i;\n\treturn v%d[x & 7];\n}\n' \
		"$i" "$i" "$i" "$i" > "$P/src/f$i.c"
done
cat > "$P/Makefile" <<'MK'
SRCS := $(wildcard src/*.c)
OBJS := $(SRCS:src/%.c=obj/%.o)
all: $(OBJS)
obj/%.o: src/%.c
	cc -O1 -c $< -o $@
MK
ninja_file() {  # LAUNCHER
	printf 'rule cc\n  command = %scc -O1 -c $in -o $out\n' "$1"
	for ((i = 1; i <= FILES; i++)); do printf 'build obj/f%d.o: cc src/f%d.c\n' "$i" "$i"; done
}
ninja_file "" > "$P/build.ninja"
ninja_file "$J -- " > "$P/launch.ninja"
cd "$P"
bargs=(-- make make -s -j$JOBS ";;" make_jailsh make -s -j$JOBS SHELL="$J" ";;"
	make_jailsh_nomnt JAIL_MODE=best-effort JAIL_MOUNTNS=off make -s -j$JOBS SHELL="$J" ";;"
	jailsh_make "$J" -- make -s -j$JOBS ";;"
	jailsh_make_noguard env JAIL_GUARD=off "$J" --mode best-effort -- make -s -j$JOBS ";;"
	ninja ninja -j$JOBS ";;" ninja_launch ninja -j$JOBS -f launch.ninja ";;"
	jailsh_ninja "$J" -- ninja -j$JOBS ";;"
	jailsh_ninja_noguard env JAIL_GUARD=off "$J" --mode best-effort -- ninja -j$JOBS)
[[ -x "$JS" ]] && bargs+=(";;" make_jailsh_dynamic make -s -j$JOBS SHELL="$JS")
[[ -e "$SO" ]] && bargs+=(";;" make_so make -s -j$JOBS --eval="load $SO")
say "whole builds: $FILES files, make/ninja -j$JOBS, $ROUNDS alternating rounds (+1 warm-up)"
collect < <("$TIMEIT" -n "$ROUNDS" -w 1 -e "$ERR" -p 'rm -rf obj .ninja_log .ninja_deps && mkdir obj' "${bargs[@]}")
cd "$root"

# --- report ---------------------------------------------------------------
r_make=$(ratio make_jailsh make)
r_ninja=$(ratio ninja_launch ninja)
r_jmake=$(ratio jailsh_make make)
r_jninja=$(ratio jailsh_ninja ninja)
r_so=$([[ -e "$SO" ]] && ratio make_so make || echo n/a)
o_bwrap=$(over_ratio jailsh_launch bwrap true)
extra() {  # TARGET -> execs jailsh adds to a recipe line
	local a b
	a=$(exn "$J" "$1") b=$(exn /bin/sh "$1")
	[[ $a != n/a && $b != n/a ]] && echo $((a - b)) || echo n/a
}
extra_simple=$(extra simple) extra_compound=$(extra compound)
# (A - B) in ms.
dms() {
	have "$1" && have "$2" && awk -v a="${MED[$1]}" -v b="${MED[$2]}" \
		'BEGIN { printf "%.2f", (a - b) / 1000 }' || echo "n/a"
}
# (A - B) / (C - D) in percent.
share() {
	have "$1" && have "$2" && have "$3" && have "$4" &&
		awk -v a="${MED[$1]}" -v b="${MED[$2]}" -v c="${MED[$3]}" -v d="${MED[$4]}" \
		'BEGIN { printf "%.0f%%", 100 * (a - b) / (c - d) }' || echo "n/a"
}
# Wall time of build A over build B per recipe line, in ms of a job slot.
per_line() {
	have "$1" && have "$2" && awk -v a="${MED[$1]}" -v b="${MED[$2]}" -v j="$JOBS" -v n="$FILES" \
		'BEGIN { printf "%.2f", (a - b) * j / n / 1000 }' || echo "n/a"
}
# What LIMIT (a fraction) of build B's time leaves per recipe line.
line_budget() {
	have "$1" && awk -v b="${MED[$1]}" -v l="$2" -v j="$JOBS" -v n="$FILES" \
		'BEGIN { printf "%.2f", b * l * j / n / 1000 }' || echo "n/a"
}
# (A - B) / (LIMIT * B): how many times over its budget build A is.
over_budget() {
	have "$1" && have "$2" && awk -v a="${MED[$1]}" -v b="${MED[$2]}" -v l="$3" \
		'BEGIN { printf "%.1f", (a - b) / (l * b) }' || echo "n/a"
}
verdict() {  # VALUE LIMIT: met, or by how much it is missed
	[[ "$1" == n/a ]] && { echo "not measured"; return; }
	awk -v v="$1" -v l="$2" 'BEGIN {
		if (v <= l) print "met"; else printf "NOT met: %.3f over\n", v - l }'
}
phase() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$T/phases.txt"; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
filter_gen=$(phase "seccomp generate with libseccomp (per command before; export, no load)")
filter_load=$(phase "seccomp load with listener (precompiled, as jailsh)")
total=$(phase "total in-process setup")
ruleset=$(phase "landlock ruleset + restrict (incl. hide plan)")
mnt_us=$(phase "private mount view (mountns)")
walk=$(phase "hide plan walk only")
walk_all=$(phase "hide plan walk, every configured hidden path (as before)")
grants=$(phase "hide plan grants")
grants_all=$(phase "hide plan grants, every configured hidden path (as before)")
bwrap_need=$(have bwrap && have true && awk -v b="${MED[bwrap]}" -v t="${MED[true]}" \
	'BEGIN { printf "%.2f", (b - t) / 3 / 1000 }' || echo n/a)
mnt_build=$(have make_jailsh_nomnt && have make_jailsh && have make &&
	awk -v a="${MED[make_jailsh]}" -v b="${MED[make_jailsh_nomnt]}" -v m="${MED[make]}" \
	'BEGIN { printf "%.1f%%", 100 * (a - b) / m }' || echo n/a)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
# The load at the end includes this benchmark's own -j$JOBS builds.
busy=$(awk -v a="${load_start%% *}" 'BEGIN { print (a >= 1) }')
busy_note=
[[ $busy == 1 ]] && busy_note="
The machine was busy (1-minute load ≥ 1 at the start): expect noisier
figures and wider p25–p75 ranges than on an idle machine.
"
row() {  # KEY DESCRIPTION BASEKEY [ms|s]
	local unit=${4:-ms} d=1000
	[[ $unit == s ]] && d=1e6
	printf '| %s | %s | %s | %s |\n' "$2" \
		"$([[ $unit == s ]] && sec "$1" || ms "$1")" "$(spread "$1" "$d")" \
		"$([[ -n "$3" ]] && ratio "$1" "$3" || echo -)"
}
part() {  # DESCRIPTION HOW A B
	printf '| %s | %s | %s | %s |\n' "$1" "$2" "$(dms "$3" "$4")" \
		"$(share "$3" "$4" jailsh_simple sh_simple)"
}
for k in "${!FAIL[@]}"; do
	[[ ${FAIL[$k]} == 0 ]] && continue
	say "$k failed ${FAIL[$k]} times (n/a in the tables); the timed commands' stderr ends:"
	grep -v 'best-effort: not enforced' "$ERR" 2>/dev/null | tail -n 5 >&2 || true
done

{
cat <<EOF
# Performance

Generated by \`make bench\` (bench/bench.sh) on $(date -u +%Y-%m-%d); rerun it to
refresh. All numbers were measured in the same run: the commands of a table
run in alternating rounds and each figure is the median (p25–p75 beside it),
so ratios compare like with like. The benchmark reports; nothing here is a
test.

## Machine

| | |
|---|---|
| CPU | $cpu |
| cores | $cores |
| kernel | $kernel |
| Landlock ABI | $abi |
| load average (1, 5, 15 min) | $load_start at the start, $load_end at the end (after this benchmark's own -j$JOBS builds) |
| tools | $tools |
$busy_note
## Targets

| target | measured | verdict |
|---|---|---|
| at most one extra exec per recipe line | simple line +$extra_simple, compound line +$extra_compound | $( [[ $extra_simple != n/a && $extra_compound != n/a && $extra_simple -le 1 && $extra_compound -le 1 ]] && echo met || echo "NOT met or n/a") |
| whole build, per-recipe jail (make \`SHELL=jailsh\`) ≤ 1.04 | $r_make | $(verdict "$r_make" 1.04) |
| whole build, per-recipe jail (\`load jail.so\`) ≤ 1.04 | $r_so | $(verdict "$r_so" 1.04) |
| whole build, per-command launcher (ninja, \`jailsh --\`) ≤ 1.04 | $r_ninja | $(verdict "$r_ninja" 1.04) |
| whole-build jail (\`jailsh -- make\`) ≤ 1.01 | $r_jmake | $(verdict "$r_jmake" 1.01) |
| whole-build jail (\`jailsh -- ninja\`) ≤ 1.01 | $r_jninja | $(verdict "$r_jninja" 1.01) |
| per command ≤ ⅓ of bwrap's cost (overhead over a bare exec of /bin/true) | $o_bwrap of bwrap's ($(dms jailsh_launch true) ms against $(dms bwrap true) ms) | $(verdict "$o_bwrap" 0.334) |

For the 1.04 targets a recipe line may cost $(line_budget make 0.04) ms more (of a job
slot) than under plain make here; it costs $(per_line make_jailsh make) ms with \`SHELL=jailsh\`,
$(per_line make_so make) ms with jail.so and $(per_line ninja_launch ninja) ms as a ninja launcher. For the bwrap
target jailsh's overhead over a bare exec would have to be at most $bwrap_need ms.

## Per command ($RUNS alternating runs, cwd a scratch dir, stdout to /dev/null)

| command | median ms | p25–p75 ms | ratio |
|---|---|---|---|
$(row true "\`/bin/true\` (one fork + exec)" "")
$(row sh_simple "\`sh -c /bin/true\` (dash execs it in place)" "")
$(row jailsh_simple "\`jailsh -c /bin/true\` (simple line: exec'd directly)" sh_simple)
$(row jailsh_dynamic "\`jailsh -c /bin/true\`, dynamically linked jailsh" sh_simple)
$(row jailsh_off "\`jailsh --mode off -c /bin/true\` (no jail: process cost only)" sh_simple)
$(row jailsh_nohide "\`jailsh --no-default-hide -c /bin/true\` (no hide plan)" sh_simple)
$(row jailsh_best "\`jailsh --mode best-effort -c /bin/true\` (with the mount view)" sh_simple)
$(row jailsh_best_nomnt "\`JAIL_MOUNTNS=off jailsh --mode best-effort -c /bin/true\` (no mount view: the hide plan hides)" sh_simple)
$(row jailsh_best_nohide "\`jailsh --mode best-effort --no-default-hide -c /bin/true\` (mount view, nothing hidden)" sh_simple)
$(row jailsh_bare "\`JAIL_MOUNTNS=off jailsh --mode best-effort --no-default-hide -c /bin/true\`" sh_simple)
$(row sh_compound "\`sh -c 'true; true'\`" "")
$(row jailsh_compound "\`jailsh -c 'true; true'\` (→ /bin/sh)" sh_compound)
$(row jailsh_launch "\`jailsh -- /bin/true\`" true)
$(row bwrap "\`bwrap --ro-bind / / --dev /dev --bind CWD CWD --unshare-net --die-with-parent /bin/true\`" true)
$(row firejail "\`firejail --quiet --noprofile --net=none --read-only=/ --read-write=CWD /bin/true\`" true)

Ratios: jailsh rows against \`sh -c\` with the same line; the launcher, bwrap and
firejail rows against a bare \`/bin/true\`. bwrap and firejail get a comparable
policy (read-only root, writable working directory, no network); neither hides
\`~/.ssh\` nor filters syscalls the way jailsh does, and firejail also applies its
own default seccomp filter. Missing tools show n/a.

The mount view can only be switched off with \`JAIL_MOUNTNS=off\`, which the
default enforce mode refuses (exit 125, nothing runs). Its cost is therefore
measured as the difference of two \`--mode best-effort\` runs, with the view and
with \`JAIL_MOUNTNS=off\`; with the view available, best-effort enforces the
same as the default.

### What each part costs per command

| part | isolated as | ms | share of jailsh's overhead over \`sh -c\` |
|---|---|---|---|
$(part "everything jailsh adds" "default − \`sh -c\`" jailsh_simple sh_simple)
$(part "the process (exec, loader, fork of the supervised child)" "\`--mode off\` − \`sh -c\`" jailsh_off sh_simple)
$(part "the jail (policy, TMPDIR, Landlock, mount view, seccomp)" "default − \`--mode off\`" jailsh_simple jailsh_off)
$(part "hiding (masks in the mount view)" "default − \`--no-default-hide\`" jailsh_simple jailsh_nohide)
$(part "the private mount view, nothing hidden" "best-effort − \`JAIL_MOUNTNS=off\`, both \`--no-default-hide\`" jailsh_best_nohide jailsh_bare)
$(part "the jail without hiding and mount view" "both off − \`--mode off\`" jailsh_bare jailsh_off)

## Execs per recipe line (strace -f, GNU make, one line)

| line | SHELL=/bin/sh | SHELL=jailsh | failed execve (PATH search) with jailsh |
|---|---|---|---|
| \`/bin/true\` | $(exn /bin/sh simple) | $(exn "$J" simple) | $(exf "$J" simple) |
| \`/bin/true; /bin/true\` | $(exn /bin/sh compound) | $(exn "$J" compound) | $(exf "$J" compound) |
| \`true\` (PATH lookup) | $(exn /bin/sh path) | $(exn "$J" path) | $(exf "$J" path) |

make runs a simple line itself without a shell when SHELL is /bin/sh; with
SHELL=jailsh every line costs jailsh's exec plus the command's (or /bin/sh's).

## jailsh's in-process setup (bench/setup.c, medians of 200 forked children, µs)

| phase | µs |
|---|---|
$(awk -F'\t' '$1 != "landlock ABI" { printf "| %s | %s |\n", $1, $2 }' "$T/phases.txt")

Phases follow jailsh's order (policy from the environment plus defaults,
kernel probe, private TMPDIR, environment, then in the child: close fds,
private mount view, no_new_privs, Landlock, capabilities, seccomp). The
seccomp program is the one jailsh loads, precompiled at build time
(build/filter_bpf.c). The two "hide plan walk" rows are the directory walk
alone, without Landlock calls: over the hidden paths that exist (as jailsh
does) and, for comparison, over every configured one (as before); neither is
in the total, jailsh's own walk is inside the Landlock row. The libseccomp
row times, in a separate child, building the same filter with libseccomp,
as jailsh did for every command before the filters were precompiled. The
getppid rows show the steady cost the loaded filter adds to every system call.

## Whole builds ($FILES generated C files, one \`cc -O1 -c\` each, -j$JOBS, $ROUNDS alternating rounds)

| build | median s | p25–p75 s | ratio |
|---|---|---|---|
$(row make "\`make -j$JOBS\`" "" s)
$(row make_jailsh "\`make -j$JOBS SHELL=jailsh\` (every recipe line jailed)" make s)
$(row make_jailsh_dynamic "\`make -j$JOBS SHELL=\` dynamically linked jailsh" make s)
$(row make_jailsh_nomnt "\`make -j$JOBS SHELL=jailsh\`, best-effort with \`JAIL_MOUNTNS=off\` (no mount view)" make s)
$(if [[ -e "$SO" ]]; then row make_so "\`make -j$JOBS --eval='load jail.so'\`" make s; else echo "| \`make -j$JOBS --eval='load jail.so'\` | n/a | - | n/a (build/jail.so not built) |"; fi)
$(row jailsh_make "\`jailsh -- make -j$JOBS\` (one jail around the build)" make s)
$(row jailsh_make_noguard "\`jailsh -- make -j$JOBS\`, best-effort with \`JAIL_GUARD=off\` (no creation guard)" make s)
$(row ninja "\`ninja -j$JOBS\`" "" s)
$(row ninja_launch "\`ninja -j$JOBS\`, commands prefixed with \`jailsh --\`" ninja s)
$(row jailsh_ninja "\`jailsh -- ninja -j$JOBS\`" ninja s)
$(row jailsh_ninja_noguard "\`jailsh -- ninja -j$JOBS\`, best-effort with \`JAIL_GUARD=off\`" ninja s)

Each compile here makes three names (the assembler's temporary in
\`/tmp\`, twice, and the object file): with the creation guard each is a
trip from the caller to jailsh, to the guard process, which answers the
caller
(docs/protect.md). The \`JAIL_GUARD=off\` rows show the build without it.

## Static linking

jailsh links only libc (the seccomp filters are compiled in), and
build/jailsh is linked static-pie (\`STATIC=0\` builds it dynamically). The
dynamic variant (\`cc tool/*.o lib/libjail.a\`) is built by this benchmark
only, to show what the dynamic loader would cost.

| variant | \`jailsh -c /bin/true\` ms | vs static-pie | \`make -j$JOBS SHELL=…\` s | vs static-pie |
|---|---|---|---|---|
| static-pie (build/jailsh) | $(ms jailsh_simple) | 1.000 | $(sec make_jailsh) | 1.000 |
| dynamic | $(ms jailsh_dynamic) | $(ratio jailsh_dynamic jailsh_simple) | $(sec make_jailsh_dynamic) | $(ratio make_jailsh_dynamic make_jailsh) |

## Done, and what remains

Done:

- **Seccomp filters precompiled at build time** (lib/gen/mkfilter.c writes
  build/filter_bpf.c; lib/filter.c loads the program with seccomp(2)).
  Building the filter with libseccomp cost ${filter_gen} µs per command
  (measured above); loading the precompiled program costs ${filter_load} µs, and
  jailsh and jail.so no longer load libseccomp. The last run of this
  benchmark before this and the hide plan change (docs/performance.md at
  commit 5f87865, this machine, load 2–2.8) measured 7.98 ms for
  \`jailsh -c /bin/true\`, a 737 µs walk and a 1585 µs Landlock ruleset; this
  run measures $(ms jailsh_simple) ms.
- **A smaller hide plan**: only hidden paths that exist shape it
  ($(phase "hidden paths present (of configured)") here), and entry types come from readdir (no
  fstat per rule). The walk takes ${walk} µs for ${grants} grants, against
  ${walk_all} µs for ${grants_all} grants when every configured path counts; the gain
  is largest when a directory such as \`\$HOME\` or \`~/.config\` holds no
  existing hidden path at all.
- **Hidden paths masked by the mount view**: where the private mount view
  exists (the normal case), every existing hidden path is covered by an
  empty unreadable mount, and Landlock grants reads of / with one rule: the
  hide plan (the walk measured above) only runs without the view (nested
  jails, best-effort, learn mode). As root this took a command from about
  4.7 ms to 3.6 ms when it was introduced.

What remains, per command ($(dms jailsh_simple sh_simple) ms over \`sh -c /bin/true\` in all):

- **Hiding**: end to end, without the default hide list a command is
  $(dms jailsh_simple jailsh_nohide) ms cheaper (with the mount view this is the cost of the
  masks). The in-process Landlock phase above (${ruleset} µs of ${total} µs) is
  measured after the mount view, so with the masks in place; the walk rows
  show what the hide plan costs where there is no view.
- **The private mount view**: $(dms jailsh_best_nohide jailsh_bare) ms per command end to end
  with nothing hidden (without the view, hiding falls back to the hide plan:
  $(dms jailsh_best_nomnt jailsh_best) ms more than with masks)
  (${mnt_us} µs inside the child; the namespace's teardown at exit comes on
  top). In the whole make build, switching it off changes the time by
  $mnt_build of the plain build's (compare the p25–p75 ranges).
- **The process itself**: $(dms jailsh_off sh_simple) ms (\`--mode off\` against \`sh -c\`): the
  extra exec and the fork of the supervised child. build/jailsh is linked
  static-pie; a dynamically linked one costs $(dms jailsh_dynamic jailsh_simple) ms more per command.
- **The creation guard** (every call that makes a name or changes
  metadata goes caller → jailsh → guard process, which answers the
  caller): in the whole builds above, \`jailsh -- make\` takes
  $(ratio jailsh_make jailsh_make_noguard) times the build without it and \`jailsh -- ninja\`
  $(ratio jailsh_ninja jailsh_ninja_noguard) times. The next step is to
  take jailsh out of that path: the guard (made an ancestor of the
  command, so that it may read the caller's memory) would own the
  listener, one process switch less per call.
- **Smaller phases**: private TMPDIR $(phase "tmpdir create") + $(phase "tmpdir remove") µs, policy
  defaults $(phase "policy (env + defaults)") µs, kernel probe $(phase "kernel probe") µs, capabilities
  $(phase "caps drop") µs, seccomp load ${filter_load} µs.

Against the targets: a jailed recipe line costs $(per_line make_jailsh make) ms of a job slot
where 1.04 allows $(line_budget make 0.04) ms, so the per-recipe jail
(\`SHELL=jailsh\`) uses $(over_budget make_jailsh make 0.04) times its budget; the bwrap target
needs jailsh's overhead at $bwrap_need ms or less, against $(dms jailsh_launch true) ms now.
A whole-build jail pays one setup (a few ms) plus the steady cost of
Landlock and the filter on every system call (1000 getppid(): $(phase "1000 getppid() unfiltered") µs
unfiltered, $(phase "1000 getppid() filtered") µs filtered); compare its ratios ($r_jmake, $r_jninja)
with the p25–p75 ranges before reading much into them.
EOF
} > "$T/report.md"
cp "$T/report.md" "$out"
cat "$out"
say "written to $out"
