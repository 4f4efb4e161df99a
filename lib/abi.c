/* SPDX-License-Identifier: MIT */
/*
 * abi.c - the Landlock ABI downgrade table and the kernel probe.
 *
 * The table is the single source of truth for "which kernel enforces what".
 * A control whose ABI the kernel lacks is a gap when the policy needs it;
 * in enforce mode a gap means nothing runs.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi.h"
#include "mountns.h"
#include "sys.h"

uint64_t jail_abi_fs_rights(int abi)
{
	uint64_t r = 0;

	if (abi >= 1)
		r = (JAIL_LL_FS_MAKE_SYM << 1) - 1;  /* bits 0..12 */
	if (abi >= 2)
		r |= JAIL_LL_FS_REFER;
	if (abi >= 3)
		r |= JAIL_LL_FS_TRUNCATE;
	if (abi >= 5)
		r |= JAIL_LL_FS_IOCTL_DEV;
	return r;
}

uint64_t jail_abi_net_rights(int abi)
{
	return abi >= 4 ? JAIL_LL_NET_BIND_TCP | JAIL_LL_NET_CONNECT_TCP : 0;
}

uint64_t jail_abi_scopes(int abi)
{
	return abi >= 6 ? JAIL_LL_SCOPE_ABSTRACT_UNIX_SOCKET |
			  JAIL_LL_SCOPE_SIGNAL : 0;
}

static bool always(const struct jail_policy *p)
{
	(void)p;
	return true;
}

static bool never(const struct jail_policy *p)
{
	(void)p;
	return false;
}

static bool tcp_ports(const struct jail_policy *p)
{
	return (p->net & JAIL_NET_CONNECT) && !(p->net & JAIL_NET_ALL);
}

static bool unix_sockets(const struct jail_policy *p)
{
	return (p->net & (JAIL_NET_UNIX | JAIL_NET_ALL)) != 0;
}

const struct jail_control jail_controls[] = {
	{ "filesystem", "writes outside the writable roots, reads of hidden paths, ptrace of processes outside the jail",
	  1, "5.13", always },
	{ "refer", "renames and links across directories (without it they are all refused)",
	  2, "5.19", never },
	{ "truncate", "truncating files outside the writable roots",
	  3, "6.2", always },
	{ "tcp-ports", "TCP connect limited to the granted ports",
	  4, "6.7", tcp_ports },
	{ "ioctl-dev", "ioctl on devices opened inside the jail",
	  5, "6.10", always },
	{ "signal-scope", "signals to processes outside the jail",
	  6, "6.12", always },
	{ "abstract-unix-scope", "abstract unix sockets of processes outside the jail",
	  6, "6.12", unix_sockets },
	{ "seccomp", "socket families, io_uring, TIOCSTI, foreign syscall ABIs, host-changing syscalls",
	  0, "3.5", always },
	{ "mount-namespace", "metadata writes (chmod, chown, utimes, xattrs) outside the writable roots, writes to protected paths (.git, .envrc ...) inside them; a private /tmp",
	  JAIL_ABI_MOUNTNS, "5.12", always },
	{ NULL, NULL, 0, NULL, NULL },
};

bool jail_control_enforced(const struct jail_control *c,
			   const struct jail_kernel *k)
{
	if (c->min_abi == JAIL_ABI_MOUNTNS)
		return k->mountns != JAIL_MOUNTNS_NO;
	if (c->min_abi == 0)
		return k->seccomp;
	return k->landlock_abi >= c->min_abi;
}

static bool seccomp_probe(void)
{
	unsigned action = SECCOMP_RET_ERRNO;

	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) < 0)
		return false;
	return syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0;
}

void jail_kernel_probe(struct jail_kernel *k)
{
	int abi = jail_sys_landlock_create_ruleset(NULL, 0,
						   JAIL_LL_CREATE_RULESET_VERSION);

	k->landlock_errno = abi < 0 ? errno : 0;
	k->landlock_abi = abi < 0 ? 0 : abi;
	k->errata = -1;
	if (abi >= 1) {
		int e = jail_sys_landlock_create_ruleset(NULL, 0,
							 JAIL_LL_CREATE_RULESET_ERRATA);
		k->errata = e < 0 ? -1 : e;
	}
	k->seccomp = seccomp_probe();
	k->mountns_why[0] = '\0';
	k->mountns = (int)jail_mountns_probe(k->mountns_why, sizeof(k->mountns_why));
}

static int add_gap(struct jail_strlist *gaps, const struct jail_control *c,
		   const struct jail_kernel *k)
{
	char line[512];

	if (c->min_abi == JAIL_ABI_MOUNTNS)
		snprintf(line, sizeof(line),
			 "%s (%s) needs a private mount namespace: %s",
			 c->name, c->what, k->mountns_why);
	else if (c->min_abi == 0)
		snprintf(line, sizeof(line),
			 "%s (%s) needs seccomp filters (Linux %s with CONFIG_SECCOMP_FILTER)",
			 c->name, c->what, c->linux);
	else if (k->landlock_abi == 0)
		snprintf(line, sizeof(line),
			 "%s (%s) needs Landlock ABI %d (Linux %s); Landlock is not available here (%s; boot with lsm=...,landlock)",
			 c->name, c->what, c->min_abi, c->linux,
			 k->landlock_errno == EOPNOTSUPP ? "disabled at boot" :
			 "not built into this kernel");
	else
		snprintf(line, sizeof(line),
			 "%s (%s) needs Landlock ABI %d (Linux %s); this kernel has ABI %d",
			 c->name, c->what, c->min_abi, c->linux, k->landlock_abi);
	return jail_strlist_add(gaps, line);
}

int jail_abi_gaps(const struct jail_policy *p, const struct jail_kernel *k,
		  struct jail_strlist *gaps)
{
	int n = 0;

	for (const struct jail_control *c = jail_controls; c->name; c++) {
		if (!c->needed(p) || jail_control_enforced(c, k))
			continue;
		if (add_gap(gaps, c, k) < 0)
			return -ENOMEM;
		n++;
	}
	return n;
}
