/* SPDX-License-Identifier: MIT */
/*
 * tmpdir.h - the private temporary directory made for each command.
 */
#ifndef JAIL_TMPDIR_H
#define JAIL_TMPDIR_H

#include <limits.h>

#include "error.h"

/*
 * Make a fresh 0700 directory "jail.XXXXXX" under BASE (NULL: $TMPDIR,
 * else /tmp) and store its path in OUT. Returns 0 or a negative errno.
 */
int jail_tmpdir_create(const char *base, char out[PATH_MAX],
		       struct jail_error *err);

/*
 * Remove PATH and everything in it without following symlinks, restoring
 * owner permissions on directories the command locked. Returns 0 or the
 * first negative errno; goes on past errors to remove what it can.
 */
int jail_tmpdir_remove(const char *path);

#endif
