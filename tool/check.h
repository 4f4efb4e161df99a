/* SPDX-License-Identifier: MIT */
/*
 * check.h - what jailsh --check shares between the runner (check.c) and
 * the escape attempts (check_attempts.c).
 */
#ifndef JAILSH_CHECK_H
#define JAILSH_CHECK_H

#include <limits.h>
#include <stdbool.h>

/* What every attempt can see (paths prepared by the unjailed parent). */
struct scene {
	char base[PATH_MAX];       /* removed at the end */
	char root[PATH_MAX];       /* the writable root */
	char outside[PATH_MAX];    /* readable, not writable */
	char file[PATH_MAX];       /* inside the root, for truncate */
	char victim[PATH_MAX];     /* outside, for truncate */
	char visible[PATH_MAX];    /* outside, readable */
	char hidden[PATH_MAX];     /* outside, hidden */
	int tty;                   /* pty slave for TIOCSTI, or -1 */
	int tty_err;               /* why there is none */
};

/* Each returns 0 when the operation worked, else a positive errno. */
typedef int (*attempt_fn)(const struct scene *s);

struct check {
	const char *name;
	const char *control;       /* jail_controls entry enforcing it, or NULL */
	const char *lacks;         /* what the kernel lacks when the escape
				      fails even unjailed */
	attempt_fn twin, escape;
	bool needs_tty;
	/* Did an escape that "worked" in the jail change the host? NULL:
	 * yes by definition. A private view (overlay /tmp, read-only
	 * mounts) may absorb writes that never reach the host. */
	bool (*landed)(const struct scene *s);
};

/* The escapes tried, each with its allowed twin; ends with name NULL. */
extern const struct check jailsh_checks[];

#endif
