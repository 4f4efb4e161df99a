#!/bin/bash
# install_make.sh - `make install` / `make uninstall` with DESTDIR and
# PREFIX: the files, the sh link beside jail.so, the pkg-config variables,
# the man pages rendering without warnings, a makefile that loads the
# installed plugin, and uninstall removing everything.
#
# Runs from a copy of the source tree in $T (never writes into the tree);
# skipped when the suite runs from a copy that has no source tree.
. "$(dirname "$0")/../lib.sh"

if [ ! -f "$TOP/Makefile" ] || [ ! -f "$TOP/mk/install.mk" ]; then
	t_skip "all tests of $T_NAME" "no source tree at $TOP (this copy of the suite has only build/ and tests/)"
	t_done
	exit $?
fi

SRC=$T/src
mkdir -p "$SRC"
tar -C "$TOP" --exclude=./.git -cf - . | tar -C "$SRC" -xf -

# files_under DIR: every file and link below DIR, one per line.
files_under() { find "$1" \( -type f -o -type l \) 2>/dev/null | sort; }

# --- install into DESTDIR with PREFIX=/usr ----------------------------------
R=$T/root
expect_status 0 "make install DESTDIR PREFIX=/usr succeeds" \
	make -s -C "$SRC" install DESTDIR="$R" PREFIX=/usr
if [ "$STATUS" -ne 0 ]; then  # nothing below can mean anything
	t_done
	exit $?
fi
for f in usr/bin/jailsh usr/lib/pkgconfig/jail.pc \
	 usr/share/man/man1/jailsh.1 usr/share/man/man7/jail.so.7; do
	if [ -f "$R/$f" ]; then t_pass "installed /$f"
	else t_fail "installed /$f" "missing: $R/$f" "$(files_under "$R")"; fi
done
if [ -x "$R/usr/bin/jailsh" ]; then t_pass "jailsh is executable"
else t_fail "jailsh is executable" "$(ls -l "$R/usr/bin/jailsh" 2>&1)"; fi
if [ -n "$(ls "$SRC"/plugin/*.c 2>/dev/null)" ]; then
	if [ -f "$R/usr/lib/jail/jail.so" ]; then t_pass "installed /usr/lib/jail/jail.so"
	else t_fail "installed /usr/lib/jail/jail.so" "$(files_under "$R")"; fi
else
	t_skip "installed /usr/lib/jail/jail.so" "the tree has no plugin sources yet"
fi

# The sh link: relative, so it resolves inside DESTDIR too, to jailsh.
link=$(readlink "$R/usr/lib/jail/sh")
case $link in
/*) t_fail "sh link is relative" "it is $link" ;;
"") t_fail "sh link is relative" "no link at $R/usr/lib/jail/sh" ;;
*) t_pass "sh link is relative ($link)" ;;
esac
if [ -f "$R/usr/bin/jailsh" ] &&
   [ "$(realpath "$R/usr/lib/jail/sh" 2>/dev/null)" = "$(realpath "$R/usr/bin/jailsh")" ]; then
	t_pass "sh beside jail.so resolves to the installed jailsh"
else
	t_fail "sh beside jail.so resolves to the installed jailsh" \
		"resolves to $(realpath "$R/usr/lib/jail/sh" 2>&1)"
fi
expect_stdout "installed sh link runs jailsh" "jailsh" \
	bash -c '"$1" --version | cut -d" " -f1' _ "$R/usr/lib/jail/sh"

# --- pkg-config: the final paths, never DESTDIR -------------------------------
if command -v pkg-config >/dev/null; then
	export PKG_CONFIG_PATH=$R/usr/lib/pkgconfig
	expect_status 0 "pkg-config finds jail" pkg-config --exists jail
	expect_stdout "pkg-config plugin variable" "/usr/lib/jail/jail.so" \
		pkg-config --variable=plugin jail
	expect_stdout "pkg-config jailsh variable" "/usr/bin/jailsh" \
		pkg-config --variable=jailsh jail
	want=$(sed -n 's/^#define JAILSH_VERSION "\(.*\)"/\1/p' "$SRC/tool/jailsh.h")
	expect_stdout "pkg-config version is jailsh's" "$want" pkg-config --modversion jail
	unset PKG_CONFIG_PATH
else
	t_skip "pkg-config variables" "pkg-config is not installed (apt-get install pkgconf)"
fi

# --- man pages render cleanly --------------------------------------------------
if command -v groff >/dev/null; then
	for m in "$R"/usr/share/man/man1/*.1 "$R"/usr/share/man/man7/*.7; do
		[ -f "$m" ] || continue
		run groff -ww -z -man "$m"
		if [ "$STATUS" -eq 0 ] && [ -z "$OUT$ERR" ]; then
			t_pass "groff -ww renders $(basename "$m") silently"
		else
			t_fail "groff -ww renders $(basename "$m") silently" "status $STATUS" "$ERR"
		fi
	done
else
	t_skip "man pages render" "groff is not installed (apt-get install groff-base)"
fi

# --- a makefile that loads the installed plugin jails its recipes ----------------
landlock_abi=$("$R/usr/bin/jailsh" --print-policy 2>/dev/null |
	sed -n 's/^kernel: Landlock ABI \([0-9]*\).*/\1/p')
if [ ! -f "$R/usr/lib/jail/jail.so" ]; then
	t_skip "recipe jailed by the installed plugin" "jail.so was not installed"
elif [ "${landlock_abi:-0}" -lt 6 ]; then
	t_skip "recipe jailed by the installed plugin" "this kernel has Landlock ABI ${landlock_abi:-0}; the jail needs 6"
else
	mkdir -p "$T/proj" "$T_OUT/outside"
	cat >"$T/proj/recipes.mk" <<EOF
all:
	@echo "\$\$TMPDIR" >tmpdir.txt
	@touch inside.txt
	@touch $T_OUT/outside/escaped.txt
EOF
	printf 'load %s\ninclude recipes.mk\n' "$R/usr/lib/jail/jail.so" >"$T/proj/jailed.mk"
	# Positive control: without the plugin both writes succeed.
	expect_status 0 "unjailed control: recipe writes outside" \
		make -s -C "$T/proj" -f recipes.mk
	if [ -f "$T_OUT/outside/escaped.txt" ]; then t_pass "unjailed control created the outside file"
	else t_fail "unjailed control created the outside file"; fi
	rm -f "$T_OUT/outside/escaped.txt" "$T/proj/inside.txt" "$T/proj/tmpdir.txt"
	run make -s -C "$T/proj" -f jailed.mk
	if [ "$STATUS" -ne 0 ] && [ -f "$T/proj/inside.txt" ] && [ ! -e "$T_OUT/outside/escaped.txt" ]; then
		t_pass "installed plugin: write inside works, write outside refused"
	else
		t_fail "installed plugin: write inside works, write outside refused" \
			"status $STATUS" "$ERR" "$(ls "$T/proj" "$T_OUT/outside")"
	fi
	case $(cat "$T/proj/tmpdir.txt" 2>/dev/null) in
	*/jail.*) t_pass "installed plugin: recipe got a private TMPDIR" ;;
	*) t_fail "installed plugin: recipe got a private TMPDIR" \
		"TMPDIR was: $(cat "$T/proj/tmpdir.txt" 2>&1)" ;;
	esac
fi

# --- uninstall removes everything ------------------------------------------------
expect_status 0 "make uninstall succeeds" \
	make -s -C "$SRC" uninstall DESTDIR="$R" PREFIX=/usr
left=$(files_under "$R")
if [ -z "$left" ]; then t_pass "uninstall left no file behind"
else t_fail "uninstall left no file behind" "$left"; fi
if [ ! -d "$R/usr/lib/jail" ]; then t_pass "uninstall removed /usr/lib/jail"
else t_fail "uninstall removed /usr/lib/jail"; fi

# --- another layout: BINDIR and LIBDIR apart from PREFIX --------------------------
R2=$T/root2
expect_status 0 "make install with BINDIR, LIBDIR, MANDIR" \
	make -s -C "$SRC" install DESTDIR="$R2" PREFIX=/opt/j \
	BINDIR=/opt/j/sbin LIBDIR=/opt/j/lib64 MANDIR=/opt/j/man
if [ -f "$R2/opt/j/sbin/jailsh" ] &&
   [ "$(realpath "$R2/opt/j/lib64/jail/sh" 2>/dev/null)" = "$(realpath "$R2/opt/j/sbin/jailsh")" ] &&
   [ -f "$R2/opt/j/man/man1/jailsh.1" ]; then
	t_pass "custom layout: sh link and man page in place"
else
	t_fail "custom layout: sh link and man page in place" "$(files_under "$R2")"
fi
if command -v pkg-config >/dev/null; then
	expect_stdout "custom layout: pkg-config plugin variable" "/opt/j/lib64/jail/jail.so" \
		env PKG_CONFIG_PATH="$R2/opt/j/lib64/pkgconfig" pkg-config --variable=plugin jail
fi
expect_status 0 "make uninstall with the same variables" \
	make -s -C "$SRC" uninstall DESTDIR="$R2" PREFIX=/opt/j \
	BINDIR=/opt/j/sbin LIBDIR=/opt/j/lib64 MANDIR=/opt/j/man
left=$(files_under "$R2")
if [ -z "$left" ]; then t_pass "custom layout: uninstall left no file behind"
else t_fail "custom layout: uninstall left no file behind" "$left"; fi

t_done
