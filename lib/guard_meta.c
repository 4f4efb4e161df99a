/* SPDX-License-Identifier: MIT */
/*
 * guard_meta.c - metadata calls (chmod, chown, utimensat, xattrs) made by
 * the guard for a jailed caller (see guard.h).
 *
 * The read-only mount view refuses metadata writes outside the writable
 * roots for every path the jail's own mounts resolve. Two ways around it
 * reach a host mount instead: a descriptor inherited from outside the jail
 * (stdout redirected to a log file: fchmod(1)), and a /proc magic link to
 * one (chmod /proc/self/fd/1). The guard resolves the target itself, to a
 * descriptor, and refuses it with EROFS unless its mount is one of the
 * jail's view; otherwise it makes the call on that descriptor, so a path
 * or descriptor number changed meanwhile changes nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "guard.h"
#include "sys.h"

/* The mount ids of this mount namespace (the jail's view, fixed once the
 * command runs: mount calls are refused), read on first use. */
static int *view_ids;
static size_t view_n;

static int read_view(void)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	size_t cap = 0;

	if (f == NULL)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (view_n == cap) {
			int *more = realloc(view_ids, (cap = cap ? 2 * cap : 64) * sizeof(int));

			if (more == NULL) {
				fclose(f);
				return -ENOMEM;
			}
			view_ids = more;
		}
		view_ids[view_n++] = atoi(line);
		if (strchr(line, '\n') == NULL)     /* a long line: skip its rest */
			while (fgets(line, sizeof(line), f) && strchr(line, '\n') == NULL)
				;
	}
	fclose(f);
	return 0;
}

/* The mount id of FD, from /proc/self/fdinfo. */
static int mount_id(int fd)
{
	char path[64], buf[512], *p;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	if (jail_sys_read_text(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, "mnt_id:");
	return p ? atoi(p + 7) : -1;
}

static bool in_view(int fd)
{
	int id = mount_id(fd);

	if (view_ids == NULL && read_view() < 0)
		return false;
	for (size_t i = 0; id >= 0 && i < view_n; i++)
		if (view_ids[i] == id)
			return true;
	return false;
}

/* The target of K, as an O_PATH descriptor. */
static int open_target(const struct jail_guard_call *k, int dir)
{
	char base[PATH_MAX];
	int parent, fd, rc;

	if (k->on_fd) {
		fd = fcntl(dir, F_DUPFD_CLOEXEC, 0);
		return fd < 0 ? -errno : fd;
	}
	rc = jail_guard_walk(dir, k->path, k->tid, !k->nofollow, &parent, base);
	if (rc < 0)
		return rc;
	/* The walk followed a last symlink already, unless nofollow; a
	 * magic link in /proc is followed by the kernel (no O_NOFOLLOW). */
	fd = openat(parent, base, O_PATH | O_CLOEXEC |
		    (k->nofollow || !jail_guard_on_procfs(parent) ? O_NOFOLLOW : 0));
	rc = fd < 0 ? -errno : fd;
	close(parent);
	return rc;
}

static int sys_result(long rc)
{
	return rc < 0 ? -errno : 0;
}

/* Make metadata call K on FD (an O_PATH descriptor of its target). */
static int on_target(const struct jail_guard_call *k, int fd)
{
	char self[64];
	struct stat st;

	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	switch (k->op) {
	case JAIL_GUARD_CHMOD:
		if (fstat(fd, &st) == 0 && S_ISLNK(st.st_mode))
			return -EOPNOTSUPP;     /* as fchmodat2 on a symlink */
		return sys_result(chmod(self, k->mode));
	case JAIL_GUARD_CHOWN:
		return sys_result(fchownat(fd, "", k->uid, k->gid, AT_EMPTY_PATH));
	case JAIL_GUARD_UTIMENS:
		return sys_result(utimensat(fd, "", k->has_times ? k->times : NULL,
					    AT_EMPTY_PATH));
	case JAIL_GUARD_SETXATTR:
		return sys_result(setxattr(self, k->path2, k->path2 + JAIL_GUARD_XATTR_NAME,
					   k->xsize, k->flags));
	case JAIL_GUARD_REMOVEXATTR:
		return sys_result(removexattr(self, k->path2));
	default:
		return -EINVAL;
	}
}

int jail_guard_meta(const struct jail_guard_call *k, int dir,
		    struct jail_guard_reply *rep)
{
	int fd = open_target(k, dir), rc;
	char link[64];
	ssize_t n;

	if (fd < 0)
		return fd;
	if (jail_guard_on_procfs(fd)) {
		close(fd);
		return -EACCES;     /* nothing in /proc is the caller's to change */
	}
	if (in_view(fd)) {
		rc = on_target(k, fd);
	} else {
		/* A host mount: a descriptor from outside, or a link to one. */
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		n = readlink(link, rep->refused, sizeof(rep->refused) - 1);
		rep->refused[n > 0 ? n : 0] = '\0';
		if (rep->refused[0] == '\0')
			snprintf(rep->refused, sizeof(rep->refused), "%s", k->path);
		rep->foreign = true;
		rc = -EROFS;
	}
	close(fd);
	return rc;
}
