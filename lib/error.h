/* SPDX-License-Identifier: MIT */
/*
 * error.h - the error record every library call can fill.
 *
 * The library never prints: it returns 0 or a negative errno and, when the
 * caller passed a struct jail_error, says what failed, on which path, and
 * how to fix it. Front ends (jailsh, jail.so) decide how to show it.
 */
#ifndef JAIL_ERROR_H
#define JAIL_ERROR_H

#include <limits.h>

struct jail_error {
	int code;               /* positive errno value, 0 when unset */
	char what[256];         /* what failed, e.g. "--write path does not exist" */
	char path[PATH_MAX];    /* the path, value or name involved; may be empty */
	char hint[256];         /* how to fix it; may be empty */
};

/* Fill ERR (if not NULL) and return -CODE. PATH and HINT may be NULL. */
int jail_error_set(struct jail_error *err, int code, const char *path,
		   const char *hint, const char *what_fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Clear ERR (if not NULL). */
void jail_error_clear(struct jail_error *err);

#endif
