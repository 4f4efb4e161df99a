/* SPDX-License-Identifier: MIT */
/*
 * landlock.h - the Landlock ruleset for a policy, applied to the caller.
 */
#ifndef JAIL_LANDLOCK_H
#define JAIL_LANDLOCK_H

#include "context.h"
#include "error.h"

/* System and toolchain directories readable when reads are strict. */
extern const char *const jail_system_dirs[];

/*
 * Build the ruleset for C at the kernel's ABI and restrict the calling
 * thread. no_new_privs must already be set. Returns 0 or a negative errno
 * with ERR naming the path or rule that failed. With no Landlock at all
 * (ABI 0) it returns -EOPNOTSUPP: the caller decides (best-effort skips).
 */
int jail_landlock_apply(const struct jail_context *c, struct jail_error *err);

/*
 * One more layer that only scopes signals (ABI 6): the caller can no
 * longer signal (nor trace) processes of its current domain, such as the
 * creation guard forked just before. Nothing before ABI 6. Returns 0 or
 * a negative errno with ERR filled.
 */
int jail_landlock_scope_signals(const struct jail_kernel *k, struct jail_error *err);

/*
 * Hidden paths that lie inside a writable root cannot be hidden (Landlock
 * cannot deny beneath a grant). Appends one line per conflict to GAPS.
 * Returns the number of conflicts or -ENOMEM.
 */
int jail_landlock_conflicts(const struct jail_policy *p,
			    struct jail_strlist *gaps);

#endif
