/* SPDX-License-Identifier: MIT */
/* strlist.c - see strlist.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "strlist.h"

int jail_strlist_add(struct jail_strlist *l, const char *s)
{
	char *copy;

	if (l->n + 2 > l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	copy = strdup(s);
	if (copy == NULL)
		return -ENOMEM;
	l->v[l->n++] = copy;
	l->v[l->n] = NULL;
	return 0;
}

bool jail_strlist_contains(const struct jail_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

int jail_strlist_add_unique(struct jail_strlist *l, const char *s)
{
	if (jail_strlist_contains(l, s))
		return 0;
	return jail_strlist_add(l, s);
}

void jail_strlist_free(struct jail_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->cap = 0;
}
