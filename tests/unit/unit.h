/* SPDX-License-Identifier: MIT */
/*
 * unit.h - small helpers shared by the cmocka unit tests: scratch
 * directories, files and links. Header-only (static) so that each
 * tests/unit/test_<module>.c still builds on its own.
 *
 * Scratch directories go under $TMPDIR (else /tmp), never into the source
 * tree; their paths are resolved so they compare equal to the resolved
 * paths the policy stores.
 */
#ifndef JAIL_UNIT_H
#define JAIL_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A fresh resolved scratch directory; malloc'd, free with unit_rmtree. */
static inline char *unit_tempdir(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[PATH_MAX];
	char *real;

	if (base == NULL || base[0] != '/')
		base = "/tmp";
	snprintf(tmpl, sizeof(tmpl), "%s/jail-unit.XXXXXX", base);
	assert_non_null(mkdtemp(tmpl));
	real = realpath(tmpl, NULL);
	assert_non_null(real);
	return real;
}

static int unit_rm_one(const char *path, const struct stat *st, int flag,
		       struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static int unit_unlock_one(const char *path, const struct stat *st, int flag,
			   struct FTW *ftw)
{
	(void)ftw;
	if ((flag == FTW_D || flag == FTW_DNR) && S_ISDIR(st->st_mode))
		chmod(path, 0700);
	return 0;
}

/* Remove DIR and all beneath it (links are not followed); frees DIR. */
static inline void unit_rmtree(char *dir)
{
	if (dir == NULL)
		return;
	chmod(dir, 0700);
	for (int i = 0; i < 4; i++)  /* each pass opens one more locked level */
		nftw(dir, unit_unlock_one, 16, FTW_PHYS);
	nftw(dir, unit_rm_one, 16, FTW_PHYS | FTW_DEPTH);
	free(dir);
}

/* "DIR/REL" in a static buffer of the caller (PATH_MAX). */
static inline const char *unit_join(char out[PATH_MAX], const char *dir,
				    const char *rel)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", dir, rel);

	assert_true(n > 0 && n < PATH_MAX);
	return out;
}

static inline void unit_mkdir(const char *dir, const char *rel)
{
	char p[PATH_MAX];

	assert_int_equal(mkdir(unit_join(p, dir, rel), 0755), 0);
}

static inline void unit_write(const char *dir, const char *rel,
			      const char *content)
{
	char p[PATH_MAX];
	int fd = open(unit_join(p, dir, rel), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t len = (ssize_t)strlen(content);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, (size_t)len), len);
	close(fd);
}

static inline void unit_symlink(const char *target, const char *dir,
				const char *rel)
{
	char p[PATH_MAX];

	assert_int_equal(symlink(target, unit_join(p, dir, rel)), 0);
}

#endif
