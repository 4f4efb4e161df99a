#!/bin/bash
# jailsh_seccomp.sh - the seccomp controls with real syscalls: io_uring,
# TIOCSTI (and its upper-bits variant), foreign syscall ABIs (int $0x80,
# x32), host-changing syscalls (even for root), namespaces, clone3.
# Each refusal has its twin: the same call unjailed reaches the kernel.
. "$(dirname "$0")/../lib.sh"
t_require_landlock

mkdir -p "$T/work"
jw() { (cd "$T/work" && "$JAILSH" "$@" 2>/dev/null); }

# refused NAME OP...: unjailed OP works (0), jailed it is refused (1).
# When even the control fails, the jailed refusal proves nothing: skip.
refused() {
	local name=$1; shift
	run "$PROBE" "$@"
	if [ "$STATUS" -ne 0 ]; then
		t_skip "$name" "unjailed it fails too for uid $(id -u) ($OUT)"
		expect_status 1 "$name: refused jailed anyway" jw -- "$PROBE" "$@"
		return
	fi
	t_pass "control: unjailed $* ($OUT)"
	expect_status 1 "$name" jw -- "$PROBE" "$@"
}

refused "io_uring_setup refused" io_uring
expect_stdout "io_uring answers ENOSYS (liburing falls back)" "denied: ENOSYS" jw -- "$PROBE" io_uring

# --- TIOCSTI: on the jail's own terminal (script gives us a pty) ---
if command -v script >/dev/null; then
	tty_run() { script -qec "$*" /dev/null </dev/null 2>&1 | tr -d '\r'; }
	out=$(tty_run "$PROBE" tiocsti)
	case $out in
	*"ok (stdin terminal)"*)
		t_pass "control: unjailed TIOCSTI on the terminal works"
		out=$(cd "$T/work" && tty_run "$JAILSH" -- "$PROBE" tiocsti)
		case $out in *"denied: EPERM"*) t_pass "TIOCSTI on the terminal refused (seccomp)" ;;
		*) t_fail "TIOCSTI on the terminal refused (seccomp)" "$out" ;; esac
		out=$(tty_run "$PROBE" tiocsti hi)
		case $out in *"ok (stdin terminal)"*) t_pass "control: unjailed TIOCSTI with upper bits set works (the kernel uses the low 32)" ;;
		*) t_fail "control: unjailed TIOCSTI with upper bits set works" "$out" ;; esac
		out=$(cd "$T/work" && tty_run "$JAILSH" -- "$PROBE" tiocsti hi)
		case $out in *"denied: EPERM"*) t_pass "TIOCSTI with upper bits set refused (low-32 compare)" ;;
		*) t_fail "TIOCSTI with upper bits set refused (low-32 compare)" "$out" ;; esac
		;;
	*) t_skip "TIOCSTI on the terminal" "unjailed TIOCSTI fails here: $out" ;;
	esac
else
	t_skip "TIOCSTI on the terminal" "script(1) is not installed (bsdutils)"
fi
refused "TIOCSTI on a new pty refused" tiocsti

# --- foreign syscall ABIs ---
case $(uname -m) in
x86_64)
	refused "i386 socket via int \$0x80 refused" int80-socket
	refused "i386 socketcall via int \$0x80 refused" int80-socketcall
	run jw -- "$PROBE" int80-socket
	case $OUT in *SIGSYS*) t_pass "int \$0x80 kills with SIGSYS" ;; *) t_fail "int \$0x80 kills with SIGSYS" "$OUT" ;; esac
	refused "x32 socket refused" x32-socket
	run jw --net all -- "$PROBE" x32-socket
	case $OUT in *SIGSYS*) t_pass "x32 refused even with --net all" ;; *) t_fail "x32 refused even with --net all" "$OUT" ;; esac
	;;
*) t_skip "foreign ABIs" "not x86_64" ;;
esac

# --- host syscalls: with bad arguments so the control changes nothing ---
for op in mount umount2 bpf perf_event_open keyctl sethostname reboot chroot setns; do
	refused "$op refused" "$op"
done
if is_root; then
	for op in mount reboot sethostname bpf; do
		expect_status 0 "control: root unjailed $op reaches the kernel" "$PROBE" "$op"
	done
else
	t_skip "host syscalls as root" "not root"
fi

# --- namespaces and process creation ---
for ns in user mount net; do
	refused "unshare $ns refused" unshare "$ns"
done
refused "clone(CLONE_NEWUSER) refused" clone user
refused "clone3(CLONE_NEWUSER) refused" clone3 user
expect_status 0 "plain clone (fork) still works" jw -- "$PROBE" clone
expect_stdout "clone3 answers ENOSYS so glibc falls back" "denied: ENOSYS" jw -- "$PROBE" clone3
expect_stdout "posix_spawn-based tools still run (env)" "x" jw -- env sh -c 'echo x'

t_done
