/* SPDX-License-Identifier: MIT */
/*
 * abi.h - what this kernel can enforce, and what a policy needs from it.
 *
 * One table (abi.c) says, for every control, the Landlock ABI and Linux
 * version that brought it and whether a given policy needs it. Everything
 * else (the ruleset, --print-policy, fail-closed messages) reads that table.
 */
#ifndef JAIL_ABI_H
#define JAIL_ABI_H

#include <stdbool.h>
#include <stdint.h>

#include "policy.h"
#include "strlist.h"

struct jail_kernel {
	int landlock_abi;       /* 0: no Landlock */
	int landlock_errno;     /* why not, when landlock_abi == 0 */
	int errata;             /* errata bits, -1 if unknown */
	bool seccomp;           /* seccomp filters with ERRNO work */
	int mountns;            /* enum jail_mountns_state (mountns.h) */
	char mountns_why[160];  /* why not, when mountns == 0 */
};

#define JAIL_ABI_MOUNTNS (-1)

struct jail_control {
	const char *name;       /* short name, e.g. "truncate" */
	const char *what;       /* what it stops */
	int min_abi;            /* Landlock ABI, 0 for seccomp controls,
				   JAIL_ABI_MOUNTNS for the mount namespace */
	const char *linux;      /* first Linux version, e.g. "6.2" */
	bool (*needed)(const struct jail_policy *p);
};

/* Probe the running kernel. Never fails; fills K. */
void jail_kernel_probe(struct jail_kernel *k);

/* Landlock rights known at ABI (0 if none). */
uint64_t jail_abi_fs_rights(int abi);
uint64_t jail_abi_net_rights(int abi);
uint64_t jail_abi_scopes(int abi);

/* The control table, terminated by an entry with name NULL. */
extern const struct jail_control jail_controls[];

/* Is control C enforceable on kernel K? */
bool jail_control_enforced(const struct jail_control *c,
			   const struct jail_kernel *k);

/*
 * Append one line per control that P needs and K cannot enforce to GAPS,
 * e.g. "truncate (truncating files outside the writable roots) needs
 * Landlock ABI 3 (Linux 6.2); this kernel has ABI 1". Returns the number
 * of gaps or -ENOMEM.
 */
int jail_abi_gaps(const struct jail_policy *p, const struct jail_kernel *k,
		  struct jail_strlist *gaps);

#endif
