/* SPDX-License-Identifier: MIT */
/* tmpdir.c - private temporary directories; see tmpdir.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tmpdir.h"

int jail_tmpdir_create(const char *base, char out[PATH_MAX],
		       struct jail_error *err)
{
	if (base == NULL || base[0] != '/')
		base = getenv("TMPDIR");
	if (base == NULL || base[0] != '/')
		base = "/tmp";
	if (snprintf(out, PATH_MAX, "%s/jail.XXXXXX", base) >= PATH_MAX)
		return jail_error_set(err, ENAMETOOLONG, base, NULL,
				      "temporary directory base is too long");
	if (mkdtemp(out) == NULL)
		return jail_error_set(err, errno, base,
				      "set TMPDIR to a writable directory",
				      "cannot create the private temporary directory in");
	return 0;
}

/* Empty the directory open at DFD; closes DFD. */
static int remove_contents(int dfd)
{
	DIR *dp = fdopendir(dfd);
	struct dirent *d;
	int rc = 0;

	if (dp == NULL) {
		close(dfd);
		return -errno;
	}
	while ((d = readdir(dp)) != NULL) {
		int cfd;

		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(dp), d->d_name, 0) == 0)
			continue;
		if (errno != EISDIR && errno != EPERM) {
			rc = rc ? rc : -errno;
			continue;
		}
		/* A directory: unlock it, empty it, remove it. */
		if (fchmodat(dirfd(dp), d->d_name, 0700, 0) < 0 && errno != ENOENT)
			rc = rc ? rc : -errno;
		cfd = openat(dirfd(dp), d->d_name,
			     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (cfd >= 0) {
			int r = remove_contents(cfd);

			rc = rc ? rc : r;
		}
		if (unlinkat(dirfd(dp), d->d_name, AT_REMOVEDIR) < 0)
			rc = rc ? rc : -errno;
	}
	closedir(dp);
	return rc;
}

int jail_tmpdir_remove(const char *path)
{
	struct stat st;
	int dfd, rc;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	/* Unlock only a directory: the command may have put a link to one of
	 * the user's files in its place, and chmod would follow it. */
	if (S_ISDIR(st.st_mode) && chmod(path, 0700) < 0 && errno == ENOENT)
		return 0;
	dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0)
		return errno == ENOENT ? 0 : -errno;
	rc = remove_contents(dfd);
	if (rmdir(path) < 0 && rc == 0)
		rc = -errno;
	return rc;
}
