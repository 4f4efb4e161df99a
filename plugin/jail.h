/* SPDX-License-Identifier: MIT */
/*
 * jail.h - what the files of jail.so share. Everything here is hidden
 * (-fvisibility=hidden); make sees only plugin_is_GPL_compatible and
 * jail_gmk_setup.
 */
#ifndef JAIL_PLUGIN_H
#define JAIL_PLUGIN_H

#include <limits.h>
#include <stdbool.h>

#include "error.h"
#include "policy.h"

/* The oldest jailsh policy protocol this jail.so can talk to. */
#define JAIL_PLUGIN_PROTOCOL 1

/* State fixed at setup. */
struct jail_plugin {
	char self[PATH_MAX];    /* resolved path of jail.so */
	char shell[PATH_MAX];   /* the jailsh make runs (SHELL) */
	char cwd[PATH_MAX];     /* where make runs: base of relative paths */
};

extern struct jail_plugin jail_plugin;

/* make.c: talking to make. */

/* Expand TEXT in the current context (a target's, inside a recipe);
 * returns a malloc'd string (never NULL: "" when out of memory). */
char *jail_mk_expand(const char *text);
/* The value of make variable NAME in the current context, expanded. */
char *jail_mk_var(const char *name);
/* Stop make with "FILE:LINE: *** jail.so: MESSAGE.  Stop." at the
 * makefile line being read or the recipe being run. Does not return. */
void jail_mk_fatal(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
/* Print "FILE:LINE: jail.so: MESSAGE" on stderr through make. */
void jail_mk_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Copy S into memory from gmk_alloc (what a make function returns). */
char *jail_mk_strdup(const char *s);
/* Format a struct jail_error as one line (what 'path': reason; hint). */
void jail_mk_format_error(const struct jail_error *e, char *out, size_t n);

/* vars.c: the policy from JAIL_* make variables in the current context. */

/* Build P from JAIL_WRITE, JAIL_READ, JAIL_HIDE, JAIL_NET, JAIL_ENV and
 * JAIL_MODE as they are in the current context, then the defaults (the
 * directory make runs in as writable root when JAIL_WRITE is empty).
 * Any bad value stops make naming the variable and the fix. */
void jail_vars_policy(struct jail_policy *p);
/* target.c: $@, JAIL_STRICT (with $^ $| as inputs) and JAIL_UNHIDE. */
void jail_vars_target(struct jail_policy *p);
/* The sh flags that follow the token: JAIL_SHELLFLAGS, validated. */
char *jail_vars_shellflags(void);
/* One line describing P for people ("write: ...; net: ...; mode: ..."). */
char *jail_policy_summary(const struct jail_policy *p);

/* functions.c: the make functions. */
void jail_functions_register(void);

#endif
