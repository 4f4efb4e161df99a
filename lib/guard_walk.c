/* SPDX-License-Identifier: MIT */
/*
 * guard_walk.c - resolve a path the way a jailed caller would, inside the
 * guard process (see guard.h).
 *
 * The guard makes calls for other processes, so a path must not mean the
 * guard's own things: /proc/self, /dev/stdout and /dev/fd/N lead to the
 * caller's. Every component is opened with O_PATH|O_NOFOLLOW and every
 * symlink is read and followed here, so /proc/self can be read as
 * /proc/TID wherever a symlink leads to it. Magic links under /proc/TID
 * (cwd, root, fd/N) are followed by the kernel: they are not text.
 * The result is a directory descriptor and a last name, for *at() calls
 * that the kernel checks as usual (Landlock, the read-only mounts).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "guard.h"

#define MAX_LINKS 40            /* the kernel's MAXSYMLINKS */
#define PROC_ROOT_INO 1

struct walk {
	int cur;                /* O_PATH directory we are in */
	char rest[2 * PATH_MAX];  /* what is left of the path */
	int links;
	int tid;
	struct jail_strlist *seen;  /* symlinks followed, or NULL */
};

/* Note the symlink COMP in the current directory as followed. */
static int note_link(struct walk *w, const char *comp)
{
	char link[64], dir[PATH_MAX], full[PATH_MAX + NAME_MAX + 2];
	ssize_t n;

	if (w->seen == NULL)
		return 0;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", w->cur);
	n = readlink(link, dir, sizeof(dir) - 1);
	if (n <= 0)
		return -ENOENT;
	dir[n] = '\0';
	snprintf(full, sizeof(full), "%s/%s", strcmp(dir, "/") ? dir : "", comp);
	return jail_strlist_add(w->seen, full) < 0 ? -ENOMEM : 0;
}

bool jail_guard_on_procfs(int fd)
{
	struct statfs s;

	return fstatfs(fd, &s) == 0 && s.f_type == PROC_SUPER_MAGIC;
}

static bool is_proc_root(int fd)
{
	struct stat st;

	return jail_guard_on_procfs(fd) && fstat(fd, &st) == 0 && st.st_ino == PROC_ROOT_INO;
}

/* /proc/self and /proc/thread-self are the caller's, not ours; and the
 * only /proc/PID the caller may reach through us is its own (PID its
 * thread or its process): we could open our own, or others', for it.
 * Returns 0 or -EACCES. */
static int caller_self(const struct walk *w, char *comp, size_t size)
{
	char task[NAME_MAX + 32];

	if (!is_proc_root(w->cur))
		return 0;
	if (strcmp(comp, "self") == 0 || strcmp(comp, "thread-self") == 0)
		snprintf(comp, size, "%d", w->tid);
	if (comp[0] < '0' || comp[0] > '9' || atoi(comp) == w->tid)
		return 0;
	snprintf(task, sizeof(task), "%s/task/%d", comp, w->tid);
	return faccessat(w->cur, task, F_OK, 0) == 0 ? 0 : -EACCES;
}

static int move_to(struct walk *w, int fd)
{
	if (fd < 0)
		return -errno;
	close(w->cur);
	w->cur = fd;
	return 0;
}

static int open_root(void)
{
	return open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
}

/* Replace the component just read by the symlink's TARGET, AFTER being
 * what followed it ("" or "/..."). */
static int follow_link(struct walk *w, const char *target, const char *after)
{
	char joined[sizeof(w->rest)];

	if (++w->links > MAX_LINKS)
		return -ELOOP;
	if (snprintf(joined, sizeof(joined), "%s%s", target, after) >=
	    (int)sizeof(joined))
		return -ENAMETOOLONG;
	memcpy(w->rest, joined, strlen(joined) + 1);
	return target[0] == '/' ? move_to(w, open_root()) : 0;
}

/* COMP in the current directory is a plain symlink: its text, or
 * -EINVAL when it is not one (or a magic link the kernel must follow). */
static int link_text(const struct walk *w, const char *comp, char *buf)
{
	ssize_t n;

	if (jail_guard_on_procfs(w->cur) && !is_proc_root(w->cur))
		return -EINVAL;     /* /proc/TID/{cwd,root,fd/N}: magic */
	n = readlinkat(w->cur, comp, buf, PATH_MAX - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

/* Step into directory COMP (not the last component). */
static int step(struct walk *w, const char *comp, const char *after)
{
	char target[PATH_MAX];
	struct stat st;
	int fd = openat(w->cur, comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -errno;
	}
	if (S_ISLNK(st.st_mode)) {
		close(fd);
		if (link_text(w, comp, target) == 0) {
			int rc = note_link(w, comp);

			return rc < 0 ? rc : follow_link(w, target, after);
		}
		fd = openat(w->cur, comp, O_PATH | O_CLOEXEC);   /* magic */
		if (fd < 0 || fstat(fd, &st) < 0) {
			int e = errno;

			if (fd >= 0)
				close(fd);
			return -e;
		}
	}
	if (!S_ISDIR(st.st_mode)) {
		close(fd);
		return -ENOTDIR;
	}
	memmove(w->rest, after, strlen(after) + 1);
	return move_to(w, fd);
}

int jail_guard_walk(int dir, const char *path, int tid, bool follow,
		    int *parent, char *base)
{
	return jail_guard_walk_seen(dir, path, tid, follow, parent, base, NULL);
}

int jail_guard_walk_seen(int dir, const char *path, int tid, bool follow,
			 int *parent, char *base, struct jail_strlist *seen)
{
	struct walk w = { .cur = -1, .tid = tid, .seen = seen };
	int rc = 0;

	*parent = -1;
	if (path[0] == '\0')
		return -ENOENT;
	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(w.rest, path, strlen(path) + 1);
	w.cur = path[0] == '/' ? open_root() : fcntl(dir, F_DUPFD_CLOEXEC, 0);
	if (w.cur < 0)
		return -errno;
	while (rc == 0) {
		char comp[NAME_MAX + 2], target[PATH_MAX], *p = w.rest, *after, *q;
		size_t n;

		while (*p == '/')
			p++;
		if (*p == '\0') {           /* "/" or "dir/": the directory itself */
			snprintf(base, PATH_MAX, ".");
			break;
		}
		n = strcspn(p, "/");
		if (n > NAME_MAX) {
			rc = -ENAMETOOLONG;
			break;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		after = p + n;
		for (q = after; *q == '/'; q++)
			;
		rc = caller_self(&w, comp, sizeof(comp));
		if (rc < 0)
			break;
		if (*q != '\0') {
			rc = step(&w, comp, after);
			continue;
		}
		/* The last component: follow a symlink only when asked. */
		if (follow && link_text(&w, comp, target) == 0) {
			rc = note_link(&w, comp);
			if (rc == 0)
				rc = follow_link(&w, target, after);
			continue;
		}
		snprintf(base, PATH_MAX, "%s%s", comp, *after ? "/" : "");
		break;
	}
	if (rc < 0) {
		close(w.cur);
		return rc;
	}
	*parent = w.cur;
	return 0;
}
