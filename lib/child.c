/* SPDX-License-Identifier: MIT */
/*
 * child.c - what the forked child does between fork and execve.
 *
 * Order matters; each step says why it is where it is:
 *   close fds -> no_new_privs -> Landlock -> capabilities -> seccomp -> execve
 * Nothing here parses the policy: the parent prepared everything.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "caps.h"
#include "fds.h"
#include "filter.h"
#include "landlock.h"
#include "spawn.h"

static const char *env_path(char *const *envp)
{
	for (size_t i = 0; envp && envp[i]; i++)
		if (strncmp(envp[i], "PATH=", 5) == 0)
			return envp[i] + 5;
	return "/usr/local/bin:/usr/bin:/bin";
}

/* execve with a PATH search in the command's own environment. */
static int exec_program(char *const *argv, char *const *envp,
			struct jail_error *err)
{
	const char *name = argv[0], *p;
	char full[PATH_MAX];
	int saw_eacces = 0;

	if (strchr(name, '/')) {
		execve(name, argv, envp);
		return jail_error_set(err, errno, name, NULL, "cannot execute");
	}
	for (p = env_path(envp); ; p++) {
		size_t n = strcspn(p, ":");

		if (snprintf(full, sizeof(full), "%.*s%s%s", (int)n, p,
			     n ? "/" : "", name) < (int)sizeof(full)) {
			execve(full, argv, envp);
			saw_eacces |= errno == EACCES;
		}
		p += n;
		if (*p == '\0')
			break;
	}
	if (saw_eacces)
		return jail_error_set(err, EACCES, name, NULL, "cannot execute");
	return jail_error_set(err, ENOENT, name, NULL, "command not found");
}

int jail_child_apply(const struct jail_run *r, struct jail_error *err)
{
	int rc;

	/* Descriptors first: Landlock does not re-check already-open files. */
	rc = jail_fds_close_except(r->ctx.keep_fds);
	if (rc < 0)
		return jail_error_set(err, rc, NULL, NULL,
				      "cannot close inherited file descriptors");
	/* no_new_privs: Landlock and seccomp need it, and no exec may ever
	 * gain privileges (setuid, file capabilities) inside the jail. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return jail_error_set(err, errno, NULL, NULL,
				      "cannot set no_new_privs");
	if (r->landlock) {
		rc = jail_landlock_apply(&r->ctx, err);
		if (rc < 0)
			return rc;
	}
	/* Capabilities after Landlock: dropping them cannot undo a domain,
	 * and root must lose CAP_SYS_ADMIN, CAP_DAC_* and friends. */
	rc = jail_caps_drop(err);
	if (rc < 0)
		return rc;
	/* seccomp is the last thing before execve: it also refuses calls
	 * the steps above make (unshare, mount). */
	if (r->seccomp)
		return jail_filter_load(r->ctx.policy, err);
	return 0;
}

int jail_child_exec(const struct jail_run *r, int *stage,
		    struct jail_error *err)
{
	int rc;

	*stage = 1;
	if (r->jail) {
		rc = jail_child_apply(r, err);
		if (rc < 0)
			return rc;
	}
	*stage = 2;
	return exec_program(r->argv, r->envp, err);
}
