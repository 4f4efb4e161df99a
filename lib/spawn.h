/* SPDX-License-Identifier: MIT */
/*
 * spawn.h - run one command jailed and supervise it.
 *
 * The jail is applied in a forked child just before execve; the parent
 * stays unjailed, forwards signals, waits, and kills every descendant
 * still alive when the command ends (it is a child subreaper).
 */
#ifndef JAIL_SPAWN_H
#define JAIL_SPAWN_H

#include <stdbool.h>

#include "context.h"
#include "error.h"
#include "notify.h"

/* Exit status when the jail could not be set up (documented contract). */
#define JAIL_EXIT_SETUP   125
#define JAIL_EXIT_NOEXEC  126
#define JAIL_EXIT_NOTFOUND 127

struct jail_run {
	struct jail_context ctx;
	char *const *argv;      /* argv[0]: a path, or a name looked up in envp's PATH */
	char *const *envp;      /* the explicit environment for execve */
	bool jail;              /* false: run as is (mode off) */
	bool landlock;          /* apply Landlock (false only in best-effort) */
	bool seccomp;           /* apply seccomp (false only in best-effort) */
	struct jail_watch *watch;       /* notified accesses go here, or NULL */
	bool guarded_above;     /* set by jail_run: an outer jailsh's guard
				 * makes our creations (lib/guard.h) */
	bool no_guard;          /* set by jail_run from JAIL_GUARD=off */
	int register_error;     /* set by jail_run: an outer guard refused
				 * our registration (errno), else 0 */
};

/*
 * Run R and wait for it and every descendant. On success returns 0 and
 * sets *STATUS the way sh reports it (exit code, or 128+N for signal N).
 * When the jail cannot be set up or the program cannot be executed,
 * returns a negative errno, fills ERR and sets *STATUS to 125, 126 or 127;
 * nothing of the command has run then.
 */
int jail_run(const struct jail_run *r, int *status, struct jail_error *err);

/*
 * Jail the calling process per R without exec (used by the child before
 * execve, and by jailsh --check to try escapes). Irreversible.
 * Returns 0 or a negative errno with ERR filled.
 */
int jail_child_apply(const struct jail_run *r, struct jail_error *err);

/*
 * The child side, exposed for tests: jail the calling process per R and
 * exec. Returns only on failure (negative errno, ERR filled, *STAGE set
 * to 1 for the jail and 2 for exec).
 */
int jail_child_exec(const struct jail_run *r, int *stage,
		    struct jail_error *err);

#endif
