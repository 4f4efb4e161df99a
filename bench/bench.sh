#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/bench.sh OUT.md - measure jailsh's cost on this machine, print the
# tables and write them to OUT.md. Run through `make bench` (it builds
# build/jailsh, build/bench/timeit and build/bench/setup first).
#
# Every comparison is measured in the same run with alternating rounds
# (bench/timeit.c) and reported as medians; ratios are against the unjailed
# baseline of the same round set. The benchmark reports; it never fails on
# a number. Environment: BENCH_RUNS (per-command runs, default 200),
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
verdict() {  # VALUE OP LIMIT
	[[ "$1" == n/a ]] && { echo "not measured"; return; }
	awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
		ok = op == "<=" ? v <= l : v >= l; print ok ? "met" : "NOT met" }'
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
# the static variant shows what the dynamic loader costs per command.
say "building a static jailsh in $T"
JS=$T/jailsh-static
$CC -static -o "$JS" "$root"/tool/*.o "$root/lib/libjail.a" 2>/dev/null ||
	{ say "static link failed: static rows are n/a"; rm -f "$JS"; }
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
	jailsh_bare JAIL_MOUNTNS=off "$J" "${BE[@]}" --no-default-hide -c /bin/true)
[[ -x "$JS" ]] && args+=(";;" jailsh_static "$JS" -c /bin/true)
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
bargs=(-- make make -s -j2 ";;" make_jailsh make -s -j2 SHELL="$J" ";;"
	make_jailsh_nomnt JAIL_MODE=best-effort JAIL_MOUNTNS=off make -s -j2 SHELL="$J" ";;"
	jailsh_make "$J" -- make -s -j2 ";;"
	ninja ninja -j2 ";;" ninja_launch ninja -j2 -f launch.ninja ";;"
	jailsh_ninja "$J" -- ninja -j2)
[[ -x "$JS" ]] && bargs+=(";;" make_jailsh_static make -s -j2 SHELL="$JS")
[[ -e "$SO" ]] && bargs+=(";;" make_so make -s -j2 --eval="load $SO")
say "whole builds: $FILES files, make/ninja -j2, $ROUNDS alternating rounds (+1 warm-up)"
collect < <("$TIMEIT" -n "$ROUNDS" -w 1 -e "$ERR" -p 'rm -rf obj .ninja_log .ninja_deps && mkdir obj' "${bargs[@]}")
cd "$root"

# --- report ---------------------------------------------------------------
r_simple=$(ratio jailsh_simple sh_simple)
r_compound=$(ratio jailsh_compound sh_compound)
r_make=$(ratio make_jailsh make)
r_ninja=$(ratio ninja_launch ninja)
r_jmake=$(ratio jailsh_make make)
r_jninja=$(ratio jailsh_ninja ninja)
r_so=$([[ -e "$SO" ]] && ratio make_so make || echo n/a)
o_bwrap=$(over_ratio jailsh_launch bwrap true)
extra_simple=$([[ $(exn "$J" simple) != n/a ]] && echo $(( $(exn "$J" simple) - $(exn /bin/sh simple) )) || echo n/a)
extra_compound=$([[ $(exn "$J" compound) != n/a ]] && echo $(( $(exn "$J" compound) - $(exn /bin/sh compound) )) || echo n/a)
filter_gen=$(phase "seccomp generate only with libseccomp (export, no load)")
filter_pre=$(phase "seccomp load precompiled BPF with listener")
total=$(phase "total in-process setup")
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
row() {  # KEY DESCRIPTION BASEKEY [ms|s]
	local unit=${4:-ms} d=1000
	[[ $unit == s ]] && d=1e6
	printf '| %s | %s | %s | %s |\n' "$2" \
		"$([[ $unit == s ]] && sec "$1" || ms "$1")" "$(spread "$1" "$d")" \
		"$([[ -n "$3" ]] && ratio "$1" "$3" || echo -)"
}

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
| load average (1, 5, 15 min) | $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end |
| tools | $tools |

## Targets

| target | measured | verdict |
|---|---|---|
| at most one extra exec per recipe line | simple line +$extra_simple, compound line +$extra_compound | $( [[ $extra_simple != n/a && $extra_simple -le 1 && $extra_compound -le 1 ]] && echo met || echo "NOT met or n/a") |
| whole build, per-recipe jail (make \`SHELL=jailsh\`) ≤ 1.04 | $r_make | $(verdict "$r_make" "<=" 1.04) |
| whole build, per-command launcher (ninja) ≤ 1.04 | $r_ninja | $(verdict "$r_ninja" "<=" 1.04) |
| whole build, per-recipe jail (\`load jail.so\`) ≤ 1.04 | $r_so | $(verdict "$r_so" "<=" 1.04) |
| whole-build jail (\`jailsh -- make\`) ≤ 1.01 | $r_jmake | $(verdict "$r_jmake" "<=" 1.01) |
| whole-build jail (\`jailsh -- ninja\`) ≤ 1.01 | $r_jninja | $(verdict "$r_jninja" "<=" 1.01) |
| per command ≤ ⅓ of bwrap's cost (overhead over a bare exec of /bin/true) | $o_bwrap of bwrap's | $(verdict "$o_bwrap" "<=" 0.334) |

## Per command ($RUNS alternating runs, cwd a scratch dir, stdout to /dev/null)

| command | median ms | p25–p75 ms | ratio |
|---|---|---|---|
$(row true "\`/bin/true\` (one fork + exec)" "")
$(row sh_simple "\`sh -c /bin/true\` (dash execs it in place)" "")
$(row jailsh_simple "\`jailsh -c /bin/true\` (simple line: exec'd directly)" sh_simple)
$(row jailsh_static "\`jailsh -c /bin/true\`, static jailsh" sh_simple)
$(row jailsh_prebpf "\`jailsh -c /bin/true\`, precompiled filter (prototype)" sh_simple)
$(row jailsh_static_prebpf "\`jailsh -c /bin/true\`, static + precompiled filter" sh_simple)
$(row jailsh_off "\`jailsh --mode off -c /bin/true\` (no jail: process cost only)" sh_simple)
$(row jailsh_nohide "\`jailsh --no-default-hide -c /bin/true\` (no hide plan)" sh_simple)
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
private mount view, no_new_privs, Landlock, capabilities, seccomp). "hide plan walk only" is the
directory walk without Landlock calls; it is not part of the total. The
getppid rows show the steady cost the loaded filter adds to every system call.

## Whole builds ($FILES generated C files, one \`cc -O1 -c\` each, -j2, $ROUNDS alternating rounds)

| build | median s | p25–p75 s | ratio |
|---|---|---|---|
$(row make "\`make -j2\`" "" s)
$(row make_jailsh "\`make -j2 SHELL=jailsh\` (every recipe line jailed)" make s)
$(row make_jailsh_best "\`make -j2 SHELL=\` static + precompiled-filter jailsh (prototype)" make s)
$(if [[ -e "$SO" ]]; then row make_so "\`make -j2 --eval='load jail.so'\`" make s; else echo "| \`make -j2 --eval='load jail.so'\` | n/a | - | n/a (build/jail.so not built) |"; fi)
$(row jailsh_make "\`jailsh -- make -j2\` (one jail around the build)" make s)
$(row ninja "\`ninja -j2\`" "" s)
$(row ninja_launch "\`ninja -j2\`, commands prefixed with \`jailsh --\`" ninja s)
$(row jailsh_ninja "\`jailsh -- ninja -j2\`" ninja s)

## Static linking and a precompiled seccomp filter

| variant | \`jailsh -c /bin/true\` ms | vs dynamic jailsh |
|---|---|---|
| dynamic (build/jailsh) | $(ms jailsh_simple) | 1.000 |
| static | $(ms jailsh_static) | $(ratio jailsh_static jailsh_simple) |
| precompiled filter | $(ms jailsh_prebpf) | $(ratio jailsh_prebpf jailsh_simple) |
| static + precompiled filter | $(ms jailsh_static_prebpf) | $(ratio jailsh_static_prebpf jailsh_simple) |

The precompiled filter is a prototype (bench/prebpf.c, linked with
\`-Wl,--wrap=jail_filter_load_notify\` in place of lib/filter.c's libseccomp
build): the default policy's BPF, as libseccomp builds it, is exported once
with \`seccomp_export_bpf\` and each child loads it with \`seccomp(2)\` and
\`SECCOMP_FILTER_FLAG_NEW_LISTENER\`.
In-process: generating and loading with libseccomp takes ${filter_gen} µs, loading
the precompiled program ${filter_pre} µs, of a ${total} µs setup
($(pct "$filter_gen" "$total") of it is the filter).

## Where the time goes

- **seccomp filter generation** dominates: libseccomp builds the filter in the
  child for every command (${filter_gen} µs, $(pct "$filter_gen" "$total") of the in-process
  setup). The rules depend only on the network policy, so the BPF can be
  generated once (at build time for the few network policies, or cached)
  and loaded directly (${filter_pre} µs).
- **the hide plan** reads directories for every command: every directory
  on the way to a hidden path (/, \$HOME, /etc ...) is listed and each of
  its entries gets its own Landlock rule ($(phase "hide plan grants") grants here;
  walk $(phase "hide plan walk only") µs, whole ruleset $(phase "landlock ruleset + restrict (incl. hide plan)") µs).
- **the private mount view** (a mount namespace per command) takes
  $(phase "private mount view (mountns)") µs.
- **the private TMPDIR** is created and removed around every command
  ($(phase "tmpdir create") + $(phase "tmpdir remove") µs; on ext4 \`mkdir\` after many
  removals is slow), the policy defaults resolve every default hidden path
  ($(phase "policy (env + defaults)") µs).
- **the process itself**: \`jailsh --mode off\` (no jail at all) costs
  $(ms jailsh_off) ms against $(ms sh_simple) ms for \`sh -c /bin/true\`: the extra exec, the
  dynamic loader (libseccomp) and the fork for the supervised child.
EOF
} > "$T/report.md"
cp "$T/report.md" "$out"
cat "$out"
say "written to $out"
