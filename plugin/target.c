/* SPDX-License-Identifier: MIT */
/*
 * target.c - what the recipe's target adds to its policy: its name ($@),
 * so that jailsh groups learn output by target and names a missing input
 * as "add X as a prerequisite of T"; with JAIL_STRICT = 1 (global or
 * target-specific) strict reads and its prerequisites ($^ and the
 * order-only $|) as the declared inputs. (JAIL_UNHIDE and JAIL_PROTECT
 * are lists like JAIL_WRITE: vars.c.)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jail.h"

static void fail(const char *what, const struct jail_error *e)
{
	char line[sizeof(e->what) + sizeof(e->path) + 600];

	jail_mk_format_error(e, line, sizeof(line));
	jail_mk_fatal("%s: %s", what, line);
}

/* Each whitespace-separated word of the expansion of TEXT. */
static void each_word(const char *text, void (*fn)(struct jail_policy *, const char *),
		      struct jail_policy *p)
{
	char *v = jail_mk_expand(text), *save = NULL;

	for (char *w = strtok_r(v, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save))
		fn(p, w);
	free(v);
}

static void add_prereq(struct jail_policy *p, const char *w)
{
	if (jail_policy_add_prereq(p, w, jail_plugin.cwd) < 0)
		jail_mk_fatal("out of memory reading the prerequisites");
}

void jail_vars_target(struct jail_policy *p)
{
	struct jail_error err = { 0 };
	char *target = jail_mk_expand("$@"), *strict = jail_mk_expand("$(strip $(JAIL_STRICT))");

	if (strict[0] != '\0' && strcmp(strict, "1") != 0 && strcmp(strict, "0") != 0) {
		jail_error_set(&err, EINVAL, strict, "write JAIL_STRICT = 1 or 0",
			       "JAIL_STRICT takes 1 or 0");
		fail("JAIL_STRICT", &err);
	}
	if (strcmp(strict, "1") == 0)
		p->strict_read = true;
	if (target[0] != '\0' && jail_policy_set_target(p, target, &err) < 0)
		fail("$@", &err);
	if (target[0] != '\0' && p->strict_read)
		each_word("$^ $|", add_prereq, p);
	free(target);
	free(strict);
}
