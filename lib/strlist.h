/* SPDX-License-Identifier: MIT */
/*
 * strlist.h - a growable, NULL-terminated array of owned strings.
 * Used for path lists, environment arrays and argv vectors.
 */
#ifndef JAIL_STRLIST_H
#define JAIL_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

struct jail_strlist {
	char **v;       /* NULL-terminated once anything was added */
	size_t n;
	size_t cap;
};

/* Append a copy of S. Returns 0 or -ENOMEM. */
int jail_strlist_add(struct jail_strlist *l, const char *s);
/* Append a copy unless an equal string is present. Returns 0 or -ENOMEM. */
int jail_strlist_add_unique(struct jail_strlist *l, const char *s);
bool jail_strlist_contains(const struct jail_strlist *l, const char *s);
/* Free every string and the array; leaves L empty and reusable. */
void jail_strlist_free(struct jail_strlist *l);

#endif
