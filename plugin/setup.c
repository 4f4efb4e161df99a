/* SPDX-License-Identifier: MIT */
/*
 * setup.c - `load jail.so`: find the jailsh beside this object (or the
 * one JAILSH names), check that it speaks our policy protocol, and point
 * make at it: `override SHELL`, `override .SHELLFLAGS = $(jail-shellflags)`.
 *
 * Guarantees:
 * - Setup either jails every later recipe line, $(shell) and != or stops
 *   make with file:line; it never returns failure (a failed `-load` would
 *   be ignored by make, and the build would run unjailed).
 * - The SHELL path holds no blank or shell metacharacter: make would
 *   otherwise hand the whole command line to an unjailed /bin/sh.
 * - Setup is idempotent (make 4.3 runs it again for a second `load`).
 *
 * Setup signatures: make 4.0 - 4.4.1 call `int jail_gmk_setup(const
 * gmk_floc *)`; the next make calls `int jail_gmk_setup(unsigned int abi,
 * const gmk_floc *)`. We declare two pointer-sized parameters and read
 * neither: every message takes its FILE:LINE from make's own reading
 * state (gmk_eval with a NULL location), which is right under both. On
 * the Linux ABIs arguments travel in registers and the caller cleans up,
 * so a caller passing one argument or two is equally harmless.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gnumake.h>

#include "jail.h"

#define EXPORT __attribute__((visibility("default")))

EXPORT int plugin_is_GPL_compatible;
EXPORT int jail_gmk_setup(uintptr_t first, const gmk_floc *second);

struct jail_plugin jail_plugin;

extern char **environ;

/* Characters make passes through its own word splitting untouched. */
static bool shell_safe_path(const char *s)
{
	return s[0] == '/' &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789/._+,@%-") == strlen(s);
}

/* dladdr gives the path as passed to dlopen: resolve it now, while
 * make's working directory is still the one it was loaded from. */
static void find_self(void)
{
	Dl_info info;

	if (dladdr((void *)&jail_gmk_setup, &info) == 0 || info.dli_fname == NULL)
		jail_mk_fatal("cannot find the path of jail.so; load it by absolute path");
	if (realpath(info.dli_fname, jail_plugin.self) == NULL)
		jail_mk_fatal("cannot resolve the path of jail.so '%s': %s; load it by "
			      "absolute path", info.dli_fname, strerror(errno));
}

/* JAILSH if set, else the `sh` link beside jail.so ($(LIBDIR)/jail/sh),
 * which .ONESHELL needs: make strips @-+ only for shells named sh. */
static void find_shell(void)
{
	char *want = jail_mk_var("JAILSH"), *sh = jail_plugin.shell;
	size_t cap = sizeof(jail_plugin.shell);
	struct stat st;
	int n;

	if (want[0] == '\0')
		n = snprintf(sh, cap, "%.*s/sh",
			     (int)(strrchr(jail_plugin.self, '/') - jail_plugin.self),
			     jail_plugin.self);
	else if (want[0] == '/')
		n = snprintf(sh, cap, "%s", want);
	else
		n = snprintf(sh, cap, "%s/%s", jail_plugin.cwd, want);
	if (n < 0 || (size_t)n >= cap)
		jail_mk_fatal("the jailsh path is too long; set JAILSH to a shorter path");
	if (stat(sh, &st) < 0 || !S_ISREG(st.st_mode) || access(sh, X_OK) < 0)
		jail_mk_fatal("jailsh not found at '%s'%s; install jailsh beside jail.so "
			      "(as 'sh' -> jailsh) or set JAILSH = /path/to/jailsh",
			      sh, want[0] ? " (from JAILSH)" : "");
	if (!shell_safe_path(sh))
		jail_mk_fatal("the jailsh path '%s' holds a blank or a shell character, so "
			      "make would run it through /bin/sh; install jail under a plain "
			      "path or set JAILSH to one", sh);
	free(want);
}

/* Run `jailsh --version` and return N from "jailsh X (policy protocol N)",
 * or -1 when it does not say. */
static int shell_protocol(char *line, size_t n)
{
	char *argv[] = { jail_plugin.shell, "--version", NULL };
	int fds[2], status, proto = -1;
	size_t got = 0;
	ssize_t r;
	pid_t pid;

	line[0] = '\0';
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	/* (lib/spawn.h shadows <spawn.h> here: a plain fork and exec.) */
	pid = fork();
	if (pid == 0) {
		if (dup2(fds[1], 1) == 1)
			execve(jail_plugin.shell, argv, environ);
		_exit(127);
	}
	close(fds[1]);
	while (pid > 0 && got + 1 < n && (r = read(fds[0], line + got, n - got - 1)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		got += (size_t)r;
	}
	close(fds[0]);
	line[got] = '\0';
	line[strcspn(line, "\n")] = '\0';
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	    sscanf(line, "jailsh %*s (policy protocol %d)", &proto) != 1)
		proto = -1;
	return proto;
}

static void check_shell(void)
{
	char line[256];
	int proto = shell_protocol(line, sizeof(line));

	if (proto < JAIL_PLUGIN_PROTOCOL)
		jail_mk_fatal("'%s --version' said '%s', not 'jailsh X (policy protocol "
			      "N)' with N >= %d; install jailsh from the same release as "
			      "jail.so or set JAILSH to it", jail_plugin.shell, line,
			      JAIL_PLUGIN_PROTOCOL);
}

/*
 * The user's sh flags survive as JAIL_SHELLFLAGS: taken from .SHELLFLAGS
 * as it is now (-c; -ec under .POSIX; or the makefile's own), since the
 * override below hides every later .SHELLFLAGS assignment.
 */
static void point_make_at_jailsh(void)
{
	char buf[PATH_MAX + 256];
	char *flags = jail_mk_expand("$(if $(filter undefined,$(origin JAIL_SHELLFLAGS)),"
				     "$(value .SHELLFLAGS))");

	if (flags[0]) {
		snprintf(buf, sizeof(buf), "define JAIL_SHELLFLAGS\n%s\nendef\n", flags);
		gmk_eval(buf, NULL);
	}
	free(flags);
	gmk_eval("JAIL_SHELLFLAGS ?= -c\nJAIL_WRITE ?= .\n", NULL);
	snprintf(buf, sizeof(buf), "override SHELL := %s\n", jail_plugin.shell);
	gmk_eval(buf, NULL);
	/* make calls a function only when a blank follows its name: these
	 * variables let people write $(jail-policy) as well. */
	gmk_eval("jail-policy = $(jail-policy )\n"
		 "jail-policy-token = $(jail-policy-token )\n", NULL);
	gmk_eval("override .SHELLFLAGS = $(jail-shellflags )\n", NULL);
}

EXPORT int jail_gmk_setup(uintptr_t first, const gmk_floc *second)
{
	static bool done;

	(void)first;   /* see the top of this file: neither is needed */
	(void)second;
	if (done)
		return 1;
	if (getcwd(jail_plugin.cwd, sizeof(jail_plugin.cwd)) == NULL)
		jail_mk_fatal("cannot read the working directory: %s", strerror(errno));
	find_self();
	find_shell();
	check_shell();
	jail_functions_register();
	point_make_at_jailsh();
	done = true;
	return 1;
}
