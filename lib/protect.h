/* SPDX-License-Identifier: MIT */
/*
 * protect.h - the protected paths: read-only although inside a writable
 * root (.git, .envrc, editor task files, --protect).
 */
#ifndef JAIL_PROTECT_H
#define JAIL_PROTECT_H

#include "policy.h"
#include "strlist.h"

/* Names protected inside every writable root; NULL-terminated. */
extern const char *const jail_default_protect[];

/*
 * The protected paths for P: each existing default name inside each
 * writable root, the gitdir and common dir named by a `.git` file when
 * they lie inside a writable root, and every --protect path inside a
 * writable root; resolved, without duplicates, without paths equal to a
 * writable root (an explicit --write wins). ABSENT (may be NULL) gets the
 * --protect paths and default names that do not exist, which no mount can
 * cover. Returns the number of protected paths or -ENOMEM.
 */
int jail_protect_plan(const struct jail_policy *p, struct jail_strlist *out,
		      struct jail_strlist *absent);

/* The deepest writable root of P holding PATH, or NULL. */
const char *jail_writable_root_of(const struct jail_policy *p, const char *path);

/* qsort comparator: shorter strings (paths) first. */
int jail_path_by_length(const void *a, const void *b);

#endif
