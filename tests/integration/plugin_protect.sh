#!/bin/bash
# jail.so: JAIL_PROTECT keeps a path inside the writable root read-only;
# JAIL_UNHIDE from the environment is split at ':' like the other lists.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p proj && cd proj || exit 1
echo original >settings.cfg
printf 'all:\n\techo changed >settings.cfg\n' >plain.mk
printf 'load %s\ninclude plain.mk\n' "$JAILSO" >Makefile

# Positive control: without JAIL_PROTECT the jailed recipe may write it.
expect_status 0 "without JAIL_PROTECT the recipe writes settings.cfg" make -s
if [ "$(cat settings.cfg)" = changed ]; then t_pass "settings.cfg changed without JAIL_PROTECT"
else t_fail "settings.cfg changed without JAIL_PROTECT"; fi

echo original >settings.cfg
expect_status 2 "JAIL_PROTECT=settings.cfg on the command line: the recipe fails" \
	make -s JAIL_PROTECT=settings.cfg
if [ "$(cat settings.cfg)" = original ]; then t_pass "JAIL_PROTECT kept settings.cfg unchanged"
else t_fail "JAIL_PROTECT kept settings.cfg unchanged" "$(cat settings.cfg)"; fi

printf 'load %s\nJAIL_PROTECT = settings.cfg\ninclude plain.mk\n' "$JAILSO" >Makefile
expect_status 2 "JAIL_PROTECT set in the Makefile: the recipe fails" make -s
if [ "$(cat settings.cfg)" = original ]; then t_pass "settings.cfg still unchanged"
else t_fail "settings.cfg still unchanged" "$(cat settings.cfg)"; fi

# JAIL_UNHIDE from the environment: two hidden stores, both readable again.
mkdir -p "$T/home/.ssh" "$T/home/.aws" "$T/up"
echo k1 >"$T/home/.ssh/k"
echo k2 >"$T/home/.aws/k"
printf 'load %s\nall:\n\t@cat %s %s\n' "$JAILSO" "$T/home/.ssh/k" "$T/home/.aws/k" >"$T/up/Makefile"
cd "$T/up" || exit 1
expect_status 2 "hidden stores are unreadable by default" env HOME="$T/home" make -s
expect_stdout "JAIL_UNHIDE=a:b from the environment unhides both" "k1
k2" env HOME="$T/home" JAIL_UNHIDE="$T/home/.ssh:$T/home/.aws" make -s
t_done
