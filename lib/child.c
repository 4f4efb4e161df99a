/* SPDX-License-Identifier: MIT */
/*
 * child.c - what the forked child does between fork and execve.
 *
 * Order matters; each step says why it is where it is:
 *   close fds -> mount view -> no_new_privs -> Landlock -> capabilities
 *   -> seccomp -> execve
 * Nothing here parses the policy: the parent prepared everything.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "caps.h"
#include "fds.h"
#include "filter.h"
#include "landlock.h"
#include "mountns.h"
#include "spawn.h"

static const char *env_path(char *const *envp)
{
	for (size_t i = 0; envp && envp[i]; i++)
		if (strncmp(envp[i], "PATH=", 5) == 0)
			return envp[i] + 5;
	return "/usr/local/bin:/usr/bin:/bin";
}

/* execve PATH; a file without a #! line runs under /bin/sh, as sh and
 * execvp do (ENOEXEC). Returns only on failure, with errno set. */
static void exec_file(const char *path, char *const *argv, char *const *envp)
{
	size_t n = 0;
	char **sh_argv;

	execve(path, argv, envp);
	if (errno != ENOEXEC)
		return;
	while (argv[n])
		n++;
	sh_argv = calloc(n + 2, sizeof(*sh_argv));
	if (sh_argv == NULL) {
		errno = ENOEXEC;
		return;
	}
	sh_argv[0] = "/bin/sh";
	sh_argv[1] = (char *)path;
	for (size_t i = 1; i < n; i++)
		sh_argv[i + 1] = argv[i];
	execve("/bin/sh", sh_argv, envp);
	free(sh_argv);
	errno = ENOEXEC;
}

/* execve with a PATH search in the command's own environment. */
static int exec_program(char *const *argv, char *const *envp,
			struct jail_error *err)
{
	const char *name = argv[0], *p;
	char full[PATH_MAX];
	int saw_eacces = 0;

	if (strchr(name, '/')) {
		exec_file(name, argv, envp);
		return jail_error_set(err, errno, name, NULL, "cannot execute");
	}
	for (p = env_path(envp); ; p++) {
		size_t n = strcspn(p, ":");

		if (snprintf(full, sizeof(full), "%.*s%s%s", (int)n, p,
			     n ? "/" : "", name) < (int)sizeof(full)) {
			exec_file(full, argv, envp);
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

/*
 * Best-effort found a gap only the child can see (the mount view failed
 * although the probe allowed it): the parent has printed its gaps already,
 * so say this one here rather than pass silently. The one place the
 * library writes to stderr; nothing of the command has run yet.
 */
static void best_effort_gap(struct jail_error *err)
{
	dprintf(2, "jailsh: best-effort: not enforced: the private mount view (%s%s%s)\n",
		err->what, err->path[0] ? " " : "", err->path);
	jail_error_clear(err);
}

int jail_child_apply(const struct jail_run *r, struct jail_error *err)
{
	struct jail_context ctx = r->ctx;   /* the mount step may add /tmp */
	struct jail_mountns_out view;
	int rc;

	/* Descriptors first: Landlock does not re-check already-open files. */
	rc = jail_fds_close_except(r->ctx.keep_fds);
	if (rc < 0)
		return jail_error_set(err, rc, NULL, NULL,
				      "cannot close inherited file descriptors");
	/* The private mount view (read-only tree, protected paths, private
	 * /tmp) needs mount rights that no_new_privs, Landlock and the
	 * dropped capabilities below take away: it comes first. */
	rc = jail_mountns_apply(&r->ctx, &view, err);
	if (rc < 0 && r->ctx.policy->mode != JAIL_MODE_BEST_EFFORT)
		return rc;
	if (rc < 0)
		best_effort_gap(err);
	ctx.private_tmp = view.private_tmp;
	ctx.hidden_masked = view.hidden_masked;
	/* no_new_privs: Landlock and seccomp need it, and no exec may ever
	 * gain privileges (setuid, file capabilities) inside the jail. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return jail_error_set(err, errno, NULL, NULL,
				      "cannot set no_new_privs");
	if (r->landlock) {
		rc = jail_landlock_apply(&ctx, err);
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
