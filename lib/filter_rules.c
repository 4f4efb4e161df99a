/* SPDX-License-Identifier: MIT */
/*
 * filter_rules.c - the seccomp filter's rules (libseccomp), a deny list
 * over ALLOW. Run at build time only (lib/gen/mkfilter.c); lib/filter.c
 * loads the programs exported from here.
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
 * The notify kinds send refused sockets to the listener instead, plus
 * what the supervisor watches (lib/notify.c answers).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "access.h"
#include "filter_rules.h"

#define LOW32 0xffffffffull
#define FAMILY_LIMIT 128    /* above AF_MAX of any kernel for years */

/* Syscalls newer than the libseccomp that builds the filters may know:
 * numbers shared by every architecture since Linux 5.1. */
#define NR_FCHMODAT2    452
#define NR_SETXATTRAT   463
#define NR_REMOVEXATTRAT 466
#define NR_OPEN_TREE_ATTR 467
#define NR_FILE_SETATTR 469

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

static bool family_allowed(unsigned net, int family)
{
	if (net & JAIL_NET_ALL)
		return true;
	if (family == AF_UNIX)
		return (net & JAIL_NET_UNIX) != 0;
	if (family == AF_INET || family == AF_INET6)
		return (net & JAIL_NET_CONNECT) != 0;
	return false;
}

static int deny_families(scmp_filter_ctx ctx, unsigned net, uint32_t act)
{
	int rc = 0;

	for (int fam = 0; fam < FAMILY_LIMIT && rc == 0; fam++) {
		if (family_allowed(net, fam))
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
static int tcp_only(scmp_filter_ctx ctx, unsigned net, uint32_t act)
{
	const int families[] = { AF_INET, AF_INET6 };
	int rc = 0;

	if (!(net & JAIL_NET_CONNECT) || (net & JAIL_NET_ALL))
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
					      SCMP_A2(SCMP_CMP_GT, IPPROTO_TCP, 0));
	}
	return rc;
}

/* Add one rule unless an earlier one failed; keeps the first error. */
#define ADD(rc, ...) do { if ((rc) == 0) (rc) = seccomp_rule_add(__VA_ARGS__); } while (0)

/* ACT on every call in NAMES the native ABI has (open, rename ... are
 * missing on some architectures). */
static int add_all(scmp_filter_ctx ctx, uint32_t act, const char *const names[])
{
	int rc = 0;

	for (size_t i = 0; names[i] && rc == 0; i++) {
		int nr = seccomp_syscall_resolve_name(names[i]);

		if (nr != __NR_SCMP_ERROR)
			rc = seccomp_rule_add(ctx, act, nr, 0);
	}
	return rc;
}

/* FS_IOC_SETFLAGS, FS_IOC32_SETFLAGS, FS_IOC_FSSETXATTR,
 * FS_IOC_SETVERSION, FS_IOC32_SETVERSION, EXT4_IOC_MIGRATE */
static const uint64_t setattr_ioctls[] = {
	0x40086602, 0x40046602, 0x401c5820, 0x40087602, 0x40047602, 0x6609,
};

static int deny_misc(scmp_filter_ctx ctx)
{
	const uint64_t ns_flags[] = {
		CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
		CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWCGROUP,
	};
	uint32_t eperm = SCMP_ACT_ERRNO(EPERM), enosys = SCMP_ACT_ERRNO(ENOSYS);
	int rc = 0;

	/* Setting another process's limits (prlimit --pid): Landlock's
	 * signal scope does not cover it, and a CPU or file-size limit kills
	 * the target. glibc's setrlimit passes pid 0. */
	ADD(rc, ctx, eperm, SCMP_SYS(prlimit64), 2,
	    SCMP_A0(SCMP_CMP_NE, 0, 0), SCMP_A2(SCMP_CMP_NE, 0, 0));
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
	/* chattr (inode flags, project ids): a metadata write that the
	 * read-only view misses on a descriptor from outside the jail. */
	for (size_t i = 0; i < sizeof(setattr_ioctls) / sizeof(setattr_ioctls[0]); i++)
		ADD(rc, ctx, eperm, SCMP_SYS(ioctl), 1,
		    SCMP_A1(SCMP_CMP_MASKED_EQ, LOW32, setattr_ioctls[i]));
	ADD(rc, ctx, eperm, NR_OPEN_TREE_ATTR, 0);
	return rc == 0 ? add_all(ctx, eperm, host_syscalls) : rc;
}

/* Every metadata call goes to the guard too (lib/guard_meta.c): through
 * a descriptor from outside the jail, or a /proc link to one, it would
 * reach a host mount that the read-only view does not cover. */
static int meta_rules(scmp_filter_ctx ctx)
{
	static const char *const meta[] = {
		"chmod", "fchmod", "fchmodat", "chown", "fchown", "lchown",
		"fchownat", "utimensat", "setxattr", "lsetxattr", "fsetxattr",
		"removexattr", "lremovexattr", "fremovexattr", NULL,
	};
	/* Older forms glibc no longer uses, and the *at xattr calls (6.13)
	 * and file_setattr (6.17) the guard does not make: callers fall
	 * back (utimes to utimensat) or get the error of an older kernel. */
	static const char *const old[] = { "utime", "utimes", "futimesat", NULL };
	int rc = add_all(ctx, SCMP_ACT_NOTIFY, meta);

	ADD(rc, ctx, SCMP_ACT_NOTIFY, NR_FCHMODAT2, 0);
	if (rc == 0)
		rc = add_all(ctx, SCMP_ACT_ERRNO(ENOSYS), old);
	ADD(rc, ctx, SCMP_ACT_ERRNO(ENOSYS), NR_SETXATTRAT, 0);
	ADD(rc, ctx, SCMP_ACT_ERRNO(ENOSYS), NR_REMOVEXATTRAT, 0);
	ADD(rc, ctx, SCMP_ACT_ERRNO(ENOSYS), NR_FILE_SETATTR, 0);
	return rc;
}

/* Every call that makes a name goes to the guard (lib/guard.h). */
static int guard_rules(scmp_filter_ctx ctx)
{
	static const char *const makers[] = {
		"creat", "mkdir", "mkdirat", "mknod", "mknodat", "link", "linkat",
		"symlink", "symlinkat", "rename", "renameat", "renameat2", NULL,
	};
	int rc = add_all(ctx, SCMP_ACT_NOTIFY, makers);
	int open_nr = seccomp_syscall_resolve_name("open");

	/* open and openat only with O_CREAT: reads stay off the listener. */
	if (rc == 0 && open_nr != __NR_SCMP_ERROR)
		rc = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, open_nr, 1,
				      SCMP_A1(SCMP_CMP_MASKED_EQ, O_CREAT, O_CREAT));
	ADD(rc, ctx, SCMP_ACT_NOTIFY, SCMP_SYS(openat), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, O_CREAT, O_CREAT));
	/* openat2's flags are behind a pointer: callers fall back to openat. */
	ADD(rc, ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(openat2), 0);
	return rc == 0 ? meta_rules(ctx) : rc;
}

/* What the supervisor watches besides refused sockets. */
static int notify_rules(scmp_filter_ctx ctx, enum jail_filter_kind kind,
			unsigned net)
{
	int rc = 0;

	if (kind == JAIL_FILTER_LEARN) {
		rc = add_all(ctx, SCMP_ACT_NOTIFY, jail_access_file_calls);
		if (rc == 0)
			rc = add_all(ctx, SCMP_ACT_NOTIFY, jail_access_net_calls);
	} else if ((kind == JAIL_FILTER_ENFORCE || kind == JAIL_FILTER_GUARD) &&
		   (net & JAIL_NET_CONNECT) && !(net & JAIL_NET_ALL)) {
		/* Landlock refuses the port; we only name it. connect() is rare. */
		rc = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, SCMP_SYS(connect), 0);
	}
	if (rc == 0 && kind == JAIL_FILTER_GUARD)
		rc = guard_rules(ctx);
	return rc;
}

static int rules(scmp_filter_ctx ctx, enum jail_filter_kind kind, unsigned net)
{
	uint32_t socket_act = kind == JAIL_FILTER_PLAIN ?
		SCMP_ACT_ERRNO(JAIL_FILTER_SOCKET_ERRNO) : SCMP_ACT_NOTIFY;
	/* Foreign ABIs (i386, x32) fail every call instead of slipping by. */
	int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
				  SCMP_ACT_KILL_PROCESS);

	if (rc == 0)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (rc == 0)
		rc = deny_families(ctx, net, socket_act);
	if (rc == 0)
		rc = tcp_only(ctx, net, socket_act);
	if (rc == 0)
		rc = deny_misc(ctx);
	if (rc == 0)
		rc = notify_rules(ctx, kind, net);
	return rc;
}

/* The exported program, read back from the temporary file F. */
static int read_program(FILE *f, struct sock_filter **insns, size_t *len)
{
	long size;

	if (fseek(f, 0, SEEK_END) < 0 || (size = ftell(f)) < 0)
		return -errno;
	if (size == 0 || size % sizeof(struct sock_filter) != 0 ||
	    size / sizeof(struct sock_filter) > BPF_MAXINSNS)
		return -EINVAL;
	*insns = malloc(size);
	if (*insns == NULL)
		return -ENOMEM;
	rewind(f);
	if (fread(*insns, 1, size, f) != (size_t)size) {
		free(*insns);
		*insns = NULL;
		return -EIO;
	}
	*len = size / sizeof(struct sock_filter);
	return 0;
}

int jail_filter_rules_export(enum jail_filter_kind kind, unsigned net,
			     struct sock_filter **insns, size_t *len)
{
	scmp_filter_ctx ctx = NULL;
	FILE *f = NULL;
	int rc;

	*insns = NULL;
	*len = 0;
	if ((unsigned)kind >= JAIL_FILTER_KINDS || (net & ~JAIL_FILTER_NET_BITS))
		return -EINVAL;
	/* The same program whatever the kernel that builds it supports. */
	rc = seccomp_api_set(JAIL_FILTER_API_LEVEL);
	if (rc == 0) {
		f = tmpfile();
		if (f == NULL)
			rc = -errno;
	}
	if (rc == 0) {
		ctx = seccomp_init(SCMP_ACT_ALLOW);
		if (ctx == NULL)
			rc = -ENOMEM;
	}
	if (rc == 0)
		rc = rules(ctx, kind, net);
	if (rc == 0)
		rc = seccomp_export_bpf(ctx, fileno(f));
	if (rc == 0)
		rc = read_program(f, insns, len);
	if (f)
		fclose(f);
	if (ctx)
		seccomp_release(ctx);
	return rc;
}
