/* SPDX-License-Identifier: MIT */
/*
 * functions.c - the make functions jail.so adds.
 *
 *   $(jail-shellflags)   what .SHELLFLAGS expands to per recipe line:
 *                        --jail-policy=TOKEN $(JAIL_SHELLFLAGS)
 *   $(jail-policy-token) the token alone ([0-9a-f]), for jailsh by hand
 *   $(jail-policy)       the policy in the current context, for people
 *   $(jail COMMAND)      $(shell COMMAND), refusing to run unjailed
 *
 * The token holds only [0-9a-f], whatever the paths contain, so make
 * splits .SHELLFLAGS itself and never runs /bin/sh to do it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnumake.h>

#include "abi.h"
#include "jail.h"
#include "landlock.h"

/* Refuse here, with the makefile line, what jailsh would refuse later. */
static void check_enforceable(const struct jail_policy *p)
{
	static struct jail_kernel k;
	static bool probed;
	struct jail_policy full;
	struct jail_error err = { 0 };
	struct jail_strlist gaps = { 0 };
	int n;

	if (p->mode != JAIL_MODE_ENFORCE)
		return;
	if (!probed) {
		jail_kernel_probe(&k);
		probed = true;
	}
	/* With the credential stores jailsh adds, so a writable root that
	 * holds one is caught here too. */
	jail_policy_init(&full);
	if (jail_policy_merge(&full, p) < 0 ||
	    jail_policy_finish(&full, jail_plugin.cwd, getenv("HOME"), &err) < 0)
		jail_mk_fatal("cannot complete the policy: out of memory");
	n = jail_abi_gaps(&full, &k, &gaps);
	if (n >= 0)
		n += jail_landlock_conflicts(&full, &gaps);
	jail_policy_free(&full);
	if (n > 0)
		jail_mk_fatal("cannot enforce %s; nothing was run (JAIL_MODE = best-effort "
			      "accepts the gap)", gaps.v[0]);
	jail_strlist_free(&gaps);
}

static char *context_token(struct jail_policy *p)
{
	char *token;

	jail_policy_init(p);
	jail_vars_policy(p);
	check_enforceable(p);
	token = jail_policy_encode(p);
	if (token == NULL)
		jail_mk_fatal("out of memory encoding the policy");
	return token;
}

/* JAIL_PRINT: say once per target, on stderr with its recipe line, what
 * the jail of its recipe is. */
static void maybe_print(const struct jail_policy *p)
{
	static struct jail_strlist printed;
	char *want = jail_mk_var("JAIL_PRINT"), *target = jail_mk_expand("$@");

	if (want[0] && target[0] && !jail_strlist_contains(&printed, target)) {
		char *line = jail_policy_summary(p);

		jail_strlist_add(&printed, target);
		jail_mk_warning("policy for target '%s': %s", target, line);
		free(line);
	}
	free(want);
	free(target);
}

static char *fn_shellflags(const char *name, unsigned int argc, char **argv)
{
	struct jail_policy p;
	char *token, *flags, *out;
	size_t n;

	(void)name, (void)argc, (void)argv;
	token = context_token(&p);
	maybe_print(&p);
	flags = jail_vars_shellflags();
	n = strlen(token) + strlen(flags) + 32;
	out = gmk_alloc((unsigned int)n);
	snprintf(out, n, "--jail-policy=%s %s", token, flags);
	free(token);
	free(flags);
	jail_policy_free(&p);
	return out;
}

static char *fn_token(const char *name, unsigned int argc, char **argv)
{
	struct jail_policy p;
	char *token, *out;

	(void)name, (void)argc, (void)argv;
	token = context_token(&p);
	out = jail_mk_strdup(token);
	free(token);
	jail_policy_free(&p);
	return out;
}

static char *fn_policy(const char *name, unsigned int argc, char **argv)
{
	struct jail_policy p;
	char *line, *out;

	(void)name, (void)argc, (void)argv;
	jail_policy_init(&p);
	jail_vars_policy(&p);
	line = jail_policy_summary(&p);
	out = jail_mk_strdup(line);
	free(line);
	jail_policy_free(&p);
	return out;
}

/* Does S close every OPEN it opens, and never close one too many? */
static bool balanced(const char *s, char open, char close)
{
	int depth = 0;

	for (; *s && depth >= 0; s++)
		depth += (*s == open) - (*s == close);
	return depth == 0;
}

/* Is the current context's SHELL ours? A target-specific SHELL or
 * .SHELLFLAGS would make $(shell) run unjailed or with another policy. */
static void require_jailed_shell(void)
{
	char *shell = jail_mk_expand("$(value SHELL)");
	char *flags = jail_mk_expand("$(value .SHELLFLAGS)");
	bool ours = strcmp(shell, jail_plugin.shell) == 0 &&
		    strcmp(flags, "$(jail-shellflags )") == 0;

	if (!ours)
		jail_mk_fatal("$(jail) here would run with SHELL '%s' and .SHELLFLAGS '%s', "
			      "not the jail; drop the target-specific SHELL/.SHELLFLAGS or "
			      "use $(shell)", shell, flags);
	free(shell);
	free(flags);
}

/*
 * $(jail COMMAND): make's own $(shell) (same output rules, .SHELLSTATUS,
 * environment, stderr) with SHELL and .SHELLFLAGS checked to be the jail.
 * COMMAND arrives expanded: '$' is doubled so the second expansion gives
 * it back unchanged, and the delimiter is one COMMAND keeps balanced.
 */
static char *fn_jail(const char *name, unsigned int argc, char **argv)
{
	const char *cmd = argc > 0 ? argv[0] : "";
	char *call, *w, *result, *status, *out;
	bool paren = balanced(cmd, '(', ')');

	(void)name;
	if (!paren && !balanced(cmd, '{', '}'))
		jail_mk_fatal("$(jail) cannot pass a command with unbalanced '(' and '{'; "
			      "put the command in a variable and use $(jail $(VAR)) after "
			      "balancing it");
	require_jailed_shell();
	call = malloc(2 * strlen(cmd) + 16);
	if (call == NULL)
		jail_mk_fatal("out of memory");
	w = call + sprintf(call, "%sshell ", paren ? "$(" : "${");
	for (const char *c = cmd; *c; c++) {
		if (*c == '$')
			*w++ = '$';
		*w++ = *c;
	}
	strcpy(w, paren ? ")" : "}");
	result = gmk_expand(call);
	free(call);
	status = jail_mk_expand("$(.SHELLSTATUS)");
	if (strcmp(status, "125") == 0)
		jail_mk_fatal("$(jail %s): jailsh could not set up the jail (status 125; "
			      "its message is above); fix that or run the command with "
			      "$(shell)", cmd);
	free(status);
	out = jail_mk_strdup(result ? result : "");
	if (result)
		gmk_free(result);
	return out;
}

void jail_functions_register(void)
{
	gmk_add_function("jail-shellflags", fn_shellflags, 0, 0, GMK_FUNC_DEFAULT);
	gmk_add_function("jail-policy-token", fn_token, 0, 0, GMK_FUNC_DEFAULT);
	gmk_add_function("jail-policy", fn_policy, 0, 0, GMK_FUNC_DEFAULT);
	gmk_add_function("jail", fn_jail, 0, 1, GMK_FUNC_DEFAULT);
}
