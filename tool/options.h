/* SPDX-License-Identifier: MIT */
/*
 * options.h - jailsh's command line: our options, the sh flag clusters
 * build tools pass (-c, -ec, -e -c, -eu, -x ...), and the four forms:
 * -c LINE [NAME [ARG...]], SCRIPT [ARG...], stdin, and -- PROGRAM [ARG...].
 */
#ifndef JAILSH_OPTIONS_H
#define JAILSH_OPTIONS_H

#include <stdbool.h>

#include "error.h"
#include "policy.h"
#include "strlist.h"

enum jailsh_form { FORM_STDIN, FORM_COMMAND, FORM_SCRIPT, FORM_LAUNCH };

enum jailsh_action { ACTION_RUN, ACTION_PRINT_POLICY, ACTION_CHECK,
		     ACTION_HELP, ACTION_VERSION };

struct jailsh_options {
	enum jailsh_form form;
	enum jailsh_action action;
	struct jail_strlist sh_flags;   /* flags for /bin/sh, without c */
	bool sh_flags_simple;           /* only -e: a direct exec is safe */
	const char *command;            /* FORM_COMMAND: the line */
	char **rest;                    /* NAME ARG... / SCRIPT ARG... / PROGRAM ARG... */
	int nrest;
	const char *policy_token;       /* --jail-policy from jail.so */
	bool quiet_best_effort;
};

/*
 * Parse ARGV into O and P (policy options are added to P as they come,
 * relative paths against CWD). Returns 0 or -EINVAL with ERR naming the
 * bad argument and the fix.
 */
int jailsh_parse(int argc, char **argv, const char *cwd,
		 struct jailsh_options *o, struct jail_policy *p,
		 struct jail_error *err);

void jailsh_options_free(struct jailsh_options *o);

#endif
