/* SPDX-License-Identifier: MIT */
/*
 * mountns.h - what Landlock cannot do, done with a private mount view.
 *
 * Landlock does not cover chmod, chown, utimes or extended attributes, and
 * cannot deny a path beneath a path it allows. In the child, before
 * no_new_privs and Landlock, jail_mountns_apply() moves the command into a
 * private mount namespace (root: CLONE_NEWNS; others: a user namespace
 * mapping only their own uid and gid) where:
 *   - every mount is read-only, so metadata writes outside the writable
 *     roots fail with EROFS (device nodes stay usable: the kernel does not
 *     check the mount for them);
 *   - each writable root and the private TMPDIR is re-attached read-write
 *     from a clone taken before the tree was made read-only (a root that
 *     was read-only on the host stays so);
 *   - each existing protected path inside a writable root (.git, .envrc,
 *     .vscode ... and --protect paths) is bound read-only onto itself, and
 *     every directory between the root and it is bound onto itself so that
 *     it cannot be renamed away (a mount point cannot be renamed);
 *   - /tmp is an overlay: the host's /tmp stays readable, anything written
 *     there lands in a tmpfs that dies with the command (make 4.3's -O
 *     calls tmpfile() in /tmp whatever TMPDIR says).
 * Protected names that do not exist cannot be covered by a mount: they are
 * reported (jail_protect_plan) and documented in docs/protect.md.
 */
#ifndef JAIL_MOUNTNS_H
#define JAIL_MOUNTNS_H

#include <stdbool.h>
#include <stddef.h>

#include "context.h"
#include "error.h"
#include "protect.h"
#include "strlist.h"

/* Can this process get the private mount view? */
enum jail_mountns_state {
	JAIL_MOUNTNS_NO = 0,    /* no: WHY says which setting stops it */
	JAIL_MOUNTNS_ROOT,      /* root with CAP_SYS_ADMIN: CLONE_NEWNS */
	JAIL_MOUNTNS_USERNS,    /* an unprivileged user namespace */
	JAIL_MOUNTNS_NESTED,    /* inside a jail whose view already protects */
};

/*
 * Probe, cheaply, whether the child will get a private mount view. Fills
 * WHY (size N) with a short reason when the answer is JAIL_MOUNTNS_NO.
 * Under a seccomp filter that is not a jail's, it forks once to try.
 * JAIL_MOUNTNS=off in the environment answers NO (to measure the cost,
 * and to test the fail-closed path).
 */
enum jail_mountns_state jail_mountns_probe(char *why, size_t n);

/* What the mount view did, for the Landlock step after it. */
struct jail_mountns_out {
	const char *private_tmp;  /* "/tmp" when it is the private overlay
				     (Landlock must then grant it), else NULL */
	bool hidden_masked;       /* every existing hidden path is covered by
				     an empty unreadable mount: no hide plan */
};

/*
 * In the child, after closing descriptors and before no_new_privs: enter
 * the private mount view described above and fill OUT. Nested jails (the outer filter refuses unshare) keep the outer
 * view after checking that it protects what this policy needs.
 * Returns 0 or a negative errno with ERR filled; nothing is half-applied
 * in a way that widens access (the view only gets narrower).
 */
int jail_mountns_apply(const struct jail_context *c, struct jail_mountns_out *out,
		       struct jail_error *err);

/* Does P get a private /tmp overlay when the mount view is available?
 * (Not with strict reads, unix/all network grants, or / or /tmp writable.) */
bool jail_mountns_private_tmp_wanted(const struct jail_policy *p);

#endif
