/* SPDX-License-Identifier: MIT */
/*
 * filter.c - the seccomp filter (libseccomp), a deny list over ALLOW.
 *
 * What it refuses, and why (docs/threat-model.md has the long form):
 * - socket()/socketpair() of any family the net policy does not grant;
 *   for TCP grants, only SOCK_STREAM with protocol 0 or IPPROTO_TCP
 *   (SCTP and MPTCP are stream sockets Landlock does not cover).
 *   Integer arguments are compared on their low 32 bits: the kernel
 *   ignores the upper half, and a filter that did not would be bypassed.
 * - io_uring: its SQEs open sockets and files without passing here.
 * - ioctl TIOCSTI/TIOCLINUX: typing into the user's terminal.
 * - syscalls that change the host or open new namespaces, even for root.
 * - every foreign architecture (i386 int $0x80) and x32 numbers: they
 *   would reach the same kernel code under other numbers.
 */
#include <errno.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <seccomp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "filter.h"

#define LOW32 0xffffffffull
#define FAMILY_LIMIT 128    /* above AF_MAX of any kernel for years */

static const char *const host_syscalls[] = {
	"init_module", "finit_module", "delete_module", "kexec_load",
	"kexec_file_load", "reboot", "swapon", "swapoff", "mount", "umount2",
	"mount_setattr", "move_mount", "open_tree", "fsopen", "fsmount",
	"fsconfig", "fspick", "pivot_root", "chroot", "sethostname",
	"setdomainname", "settimeofday", "clock_settime", "clock_adjtime",
	"adjtimex", "bpf", "perf_event_open", "add_key", "request_key",
	"keyctl", "unshare", "setns", "acct", "quotactl", "quotactl_fd",
	"vhangup", "iopl", "ioperm", "syslog", "userfaultfd",
	"open_by_handle_at", "lookup_dcookie", "nfsservctl", "uselib",
	"fanotify_init", "kcmp", NULL,
};

static bool family_allowed(const struct jail_policy *p, int family)
{
	if (p->net & JAIL_NET_ALL)
		return true;
	if (family == AF_UNIX)
		return (p->net & JAIL_NET_UNIX) != 0;
	if (family == AF_INET || family == AF_INET6)
		return (p->net & JAIL_NET_CONNECT) != 0;
	return false;
}

static int deny_families(scmp_filter_ctx ctx, const struct jail_policy *p,
			 uint32_t act)
{
	int rc = 0;

	for (int fam = 0; fam < FAMILY_LIMIT && rc == 0; fam++) {
		if (family_allowed(p, fam))
			continue;
		rc = seccomp_rule_add(ctx, act, SCMP_SYS(socket), 1,
				      SCMP_A0(SCMP_CMP_MASKED_EQ, LOW32, fam));
	}
	/* socketpair makes only connected local pairs: AF_UNIX is fine. */
	for (int fam = 0; fam < FAMILY_LIMIT && rc == 0; fam++) {
		if (fam != AF_UNIX)
			rc = seccomp_rule_add(ctx, act, SCMP_SYS(socketpair), 1,
					      SCMP_A0(SCMP_CMP_MASKED_EQ, LOW32, fam));
	}
	return rc;
}

/* With a TCP grant: inet sockets must be TCP streams. */
static int tcp_only(scmp_filter_ctx ctx, const struct jail_policy *p,
		    uint32_t act)
{
	const int families[] = { AF_INET, AF_INET6 };
	int rc = 0;

	if (!(p->net & JAIL_NET_CONNECT) || (p->net & JAIL_NET_ALL))
		return 0;
	for (int i = 0; i < 2 && rc == 0; i++) {
		for (int type = 0; type <= 0xf && rc == 0; type++) {
			if (type == SOCK_STREAM)
				continue;
			rc = seccomp_rule_add(ctx, act, SCMP_SYS(socket), 2,
					      SCMP_A0(SCMP_CMP_MASKED_EQ, LOW32, families[i]),
					      SCMP_A1(SCMP_CMP_MASKED_EQ, 0xf, type));
		}
		if (rc == 0)  /* protocols above IPPROTO_TCP: SCTP, MPTCP ... */
			rc = seccomp_rule_add(ctx, act, SCMP_SYS(socket), 2,
					      SCMP_A0(SCMP_CMP_MASKED_EQ, LOW32, families[i]),
					      SCMP_A2(SCMP_CMP_GT, IPPROTO_TCP));
	}
	return rc;
}

/* Add one rule unless an earlier one failed; keeps the first error. */
#define ADD(rc, ...) do { if ((rc) == 0) (rc) = seccomp_rule_add(__VA_ARGS__); } while (0)

static int deny_misc(scmp_filter_ctx ctx)
{
	const uint64_t ns_flags[] = {
		CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
		CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWCGROUP,
	};
	uint32_t eperm = SCMP_ACT_ERRNO(EPERM), enosys = SCMP_ACT_ERRNO(ENOSYS);
	int rc = 0;

	/* ENOSYS so that liburing users and glibc fall back cleanly. */
	ADD(rc, ctx, enosys, SCMP_SYS(io_uring_setup), 0);
	ADD(rc, ctx, enosys, SCMP_SYS(io_uring_enter), 0);
	ADD(rc, ctx, enosys, SCMP_SYS(io_uring_register), 0);
	/* clone3 hides its flags behind a pointer; glibc falls back to clone. */
	ADD(rc, ctx, enosys, SCMP_SYS(clone3), 0);
	for (size_t i = 0; i < sizeof(ns_flags) / sizeof(ns_flags[0]); i++)
		ADD(rc, ctx, eperm, SCMP_SYS(clone), 1,
		    SCMP_A0(SCMP_CMP_MASKED_EQ, ns_flags[i], ns_flags[i]));
	ADD(rc, ctx, eperm, SCMP_SYS(ioctl), 1,
	    SCMP_A1(SCMP_CMP_MASKED_EQ, LOW32, TIOCSTI));
	ADD(rc, ctx, eperm, SCMP_SYS(ioctl), 1,
	    SCMP_A1(SCMP_CMP_MASKED_EQ, LOW32, TIOCLINUX));
	for (size_t i = 0; host_syscalls[i] && rc == 0; i++) {
		int nr = seccomp_syscall_resolve_name(host_syscalls[i]);

		if (nr != __NR_SCMP_ERROR)
			ADD(rc, ctx, eperm, nr, 0);
	}
	return rc;
}

/* Refused sockets get SOCKET_ACT; EXTRA adds rules; *LISTENER gets the
 * notification fd when LISTENER is not NULL. */
static int load(const struct jail_policy *p, uint32_t socket_act,
		jail_filter_extra_fn extra, int *listener, struct jail_error *err)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int rc;

	if (ctx == NULL)
		return jail_error_set(err, ENOMEM, NULL, NULL,
				      "cannot create the seccomp filter");
	/* Foreign ABIs (i386, x32) fail every call instead of slipping by. */
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (rc == 0)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (rc == 0)
		rc = deny_families(ctx, p, socket_act);
	if (rc == 0)
		rc = tcp_only(ctx, p, socket_act);
	if (rc == 0)
		rc = deny_misc(ctx);
	if (rc == 0 && extra)
		rc = extra(ctx, p);
	if (rc == 0)
		rc = seccomp_load(ctx);
	if (rc == 0 && listener) {
		*listener = seccomp_notify_fd(ctx);
		if (*listener < 0)
			rc = *listener;
	}
	seccomp_release(ctx);
	if (rc < 0)
		return jail_error_set(err, -rc, NULL, NULL,
				      "cannot build or load the seccomp filter");
	return 0;
}

int jail_filter_load(const struct jail_policy *p, struct jail_error *err)
{
	return load(p, SCMP_ACT_ERRNO(JAIL_FILTER_SOCKET_ERRNO), NULL, NULL, err);
}

int jail_filter_load_notify(const struct jail_policy *p,
			    jail_filter_extra_fn extra, int *listener,
			    struct jail_error *err)
{
	return load(p, SCMP_ACT_NOTIFY, extra, listener, err);
}
