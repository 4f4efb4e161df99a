/* SPDX-License-Identifier: MIT */
/*
 * env.h - the environment a jailed command gets: the caller's, less
 * secrets and agent/session handles, with TMPDIR pointing at the private
 * directory. Built as an explicit array handed to execve.
 */
#ifndef JAIL_ENV_H
#define JAIL_ENV_H

#include <stdbool.h>

#include "policy.h"
#include "strlist.h"

/* Would the scrubber remove variable NAME (ignoring --env keeps)? */
bool jail_env_is_scrubbed(const char *name);

/*
 * Append to OUT every entry of ENVP ("NAME=value") the policy keeps, then
 * TMPDIR, TMP and TEMP set to TMPDIR (when not NULL).
 * Returns 0 or -ENOMEM.
 */
int jail_env_build(const struct jail_policy *p, char *const *envp,
		   const char *tmpdir, struct jail_strlist *out);

#endif
