/* SPDX-License-Identifier: MIT */
/*
 * hide.h - the hide plan: read grants that cover ROOT except hidden paths.
 *
 * Landlock only allows; a rule on a directory covers all beneath it. To
 * keep ~/.ssh unreadable while the rest of / stays readable, the plan
 * grants the whole tree to every entry that holds no hidden path, and only
 * listing (READ_DIR) to the directories along the way to a hidden path.
 * Used when the mount view cannot cover hidden paths (mountns.c masks
 * them otherwise). Consequences (documented in docs/policy.md): names inside a hidden
 * directory can still be listed, never read; entries created later in an
 * expanded directory are unreadable; symlinks are never followed when
 * planning, so a link to a hidden path grants nothing.
 */
#ifndef JAIL_HIDE_H
#define JAIL_HIDE_H

#include <stdbool.h>

#include "strlist.h"

enum jail_grant_kind {
	JAIL_GRANT_TREE,        /* read everything beneath PATH */
	JAIL_GRANT_LIST,        /* list PATH (and, per Landlock, beneath it) */
	JAIL_GRANT_FILE,        /* read the single file PATH */
};

/* Called once per grant. Return 0 to go on, negative to stop the plan. */
typedef int (*jail_grant_fn)(const char *path, enum jail_grant_kind kind,
			     void *ctx);

/* Is PATH equal to or beneath DIR? Both absolute and normalised. */
bool jail_path_within(const char *path, const char *dir);

/*
 * Emit grants covering ROOT except the paths in HIDE. Returns 0, the first
 * negative value FN returned, or -errno if a directory on the way to a
 * hidden path cannot be listed.
 */
int jail_hide_plan(const char *root, const struct jail_strlist *hide,
		   jail_grant_fn fn, void *ctx);

#endif
