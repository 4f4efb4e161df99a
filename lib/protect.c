/* SPDX-License-Identifier: MIT */
/*
 * protect.c - which paths inside the writable roots stay read-only: the
 * default names, a worktree's git directories, and --protect paths.
 * Pure planning (stat, realpath, reading a `.git` file); mountns.c binds
 * what this returns read-only.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hide.h"
#include "protect.h"

const char *const jail_default_protect[] = {
	".git", ".hg", ".svn", ".jj", ".envrc", ".vscode", ".idea",
	".devcontainer", ".husky", ".githooks", ".pre-commit-config.yaml",
	NULL,
};

const char *jail_writable_root_of(const struct jail_policy *p, const char *path)
{
	const char *best = NULL;

	for (size_t i = 0; i < p->write.n; i++)
		if (jail_path_within(path, p->write.v[i]) &&
		    (best == NULL || strlen(p->write.v[i]) > strlen(best)))
			best = p->write.v[i];
	return best;
}

static int add_candidate(const struct jail_policy *p, const char *path,
			 struct jail_strlist *out, struct jail_strlist *absent)
{
	char real[PATH_MAX];
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (errno == ENOENT && absent && jail_writable_root_of(p, path))
			return jail_strlist_add_unique(absent, path);
		return 0;
	}
	if (realpath(path, real) == NULL || jail_writable_root_of(p, real) == NULL)
		return 0;   /* outside every writable root: read-only anyway */
	if (jail_strlist_contains(&p->write, real))
		return 0;   /* an explicit --write of it wins */
	return jail_strlist_add_unique(out, real);
}

/* Resolve TARGET (absolute, or relative to BASE) into OUT. */
static bool resolve_at(const char *base, const char *target, char out[PATH_MAX])
{
	char joined[PATH_MAX];
	int n = target[0] == '/' ? snprintf(joined, sizeof(joined), "%s", target)
				 : snprintf(joined, sizeof(joined), "%s/%s", base, target);

	return n > 0 && n < (int)sizeof(joined) && realpath(joined, out) != NULL;
}

/* First line of DIR/NAME (newline stripped) into BUF. */
static bool first_line(const char *dir, const char *name, char *buf, size_t n)
{
	char path[PATH_MAX];
	FILE *f;
	bool ok;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return false;
	f = fopen(path, "re");
	if (f == NULL)
		return false;
	ok = fgets(buf, (int)n, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\r\n")] = '\0';
	return ok && buf[0] != '\0';
}

/* A worktree or submodule: `.git` is a file naming the real git dir. */
static int add_git_file(const struct jail_policy *p, const char *root,
			struct jail_strlist *out)
{
	char line[PATH_MAX + 16], gitdir[PATH_MAX], common[PATH_MAX];
	char dotgit[PATH_MAX];
	struct stat st;
	int rc = 0;

	if (snprintf(dotgit, sizeof(dotgit), "%s/.git", root) >= (int)sizeof(dotgit) ||
	    lstat(dotgit, &st) < 0 || !S_ISREG(st.st_mode) ||
	    !first_line(root, ".git", line, sizeof(line)) ||
	    strncmp(line, "gitdir: ", 8) != 0 || !resolve_at(root, line + 8, gitdir))
		return 0;
	rc = add_candidate(p, gitdir, out, NULL);
	if (rc == 0 && first_line(gitdir, "commondir", line, sizeof(line)) &&
	    resolve_at(gitdir, line, common))
		rc = add_candidate(p, common, out, NULL);
	return rc;
}

int jail_path_by_length(const void *a, const void *b)
{
	size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);

	return la < lb ? -1 : la > lb;
}

int jail_protect_plan(const struct jail_policy *p, struct jail_strlist *out,
		      struct jail_strlist *absent)
{
	char path[PATH_MAX];
	int rc = 0;

	for (size_t i = 0; i < p->write.n && rc == 0; i++) {
		const char *w = p->write.v[i];

		for (size_t j = 0; jail_default_protect[j] && rc == 0; j++) {
			if (snprintf(path, sizeof(path), "%s%s%s", w,
				     strcmp(w, "/") ? "/" : "",
				     jail_default_protect[j]) < (int)sizeof(path))
				rc = add_candidate(p, path, out, absent);
		}
		if (rc == 0)
			rc = add_git_file(p, w, out);
	}
	for (size_t i = 0; i < p->protect.n && rc == 0; i++)
		rc = add_candidate(p, p->protect.v[i], out, absent);
	if (rc < 0)
		return -ENOMEM;
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(out->v[0]), jail_path_by_length);
	return (int)out->n;
}

