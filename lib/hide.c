/* SPDX-License-Identifier: MIT */
/* hide.c - the hide plan; see hide.h for what it guarantees. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hide.h"

bool jail_path_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* 0: no hidden path at or under DIR; 1: one beneath; 2: DIR is hidden. */
static int hidden_state(const char *dir, const struct jail_strlist *hide)
{
	int state = 0;

	for (size_t i = 0; i < hide->n; i++) {
		if (strcmp(hide->v[i], dir) == 0)
			return 2;
		if (jail_path_within(hide->v[i], dir))
			state = 1;
	}
	return state;
}

static int plan_entry(const char *path, unsigned char d_type,
		      const struct jail_strlist *hide, jail_grant_fn fn, void *ctx);

static int plan_dir(const char *dir, const struct jail_strlist *hide,
		    jail_grant_fn fn, void *ctx)
{
	char child[PATH_MAX];
	struct dirent *d;
	DIR *dp;
	int rc = fn(dir, JAIL_GRANT_LIST, ctx);

	if (rc < 0)
		return rc;
	dp = opendir(dir);
	if (dp == NULL)
		return -errno;
	while (rc == 0 && (d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if (snprintf(child, sizeof(child), "%s%s%s", dir,
			     strcmp(dir, "/") == 0 ? "" : "/",
			     d->d_name) >= (int)sizeof(child))
			continue;  /* unreachable by any rule: stays unreadable */
		rc = plan_entry(child, d->d_type, hide, fn, ctx);
	}
	closedir(dp);
	return rc;
}

/* D_TYPE from readdir saves an lstat per entry; DT_UNKNOWN asks. */
static int plan_entry(const char *path, unsigned char d_type,
		      const struct jail_strlist *hide, jail_grant_fn fn, void *ctx)
{
	struct stat st;
	int state = hidden_state(path, hide);

	if (state == 2)
		return 0;
	if (d_type == DT_UNKNOWN) {
		if (lstat(path, &st) < 0)
			return 0;
		d_type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
	}
	if (d_type == DT_LNK)
		return 0;  /* never follow a link: its target has its own rule */
	if (d_type != DT_DIR)
		return fn(path, JAIL_GRANT_FILE, ctx);
	if (state == 0)
		return fn(path, JAIL_GRANT_TREE, ctx);
	return plan_dir(path, hide, fn, ctx);
}

int jail_hide_plan(const char *root, const struct jail_strlist *hide,
		   jail_grant_fn fn, void *ctx)
{
	char real[PATH_MAX];
	struct stat st;

	/* The root itself may be a symlink the user named on purpose (/lib
	 * on merged-/usr systems): plan the directory it names. */
	if (realpath(root, real) == NULL || stat(real, &st) < 0)
		return 0;
	if (hidden_state(root, hide) == 2 || hidden_state(real, hide) == 2)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return fn(real, JAIL_GRANT_FILE, ctx);
	if (hidden_state(real, hide) == 0)
		return fn(real, JAIL_GRANT_TREE, ctx);
	return plan_dir(real, hide, fn, ctx);
}
