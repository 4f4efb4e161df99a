/* SPDX-License-Identifier: MIT */
/*
 * mountns.c - the private mount view; see mountns.h for what it gives.
 *
 * Guarantees:
 *   - the view only ever gets narrower than the host's: writable trees are
 *     clones of the host's own mounts taken before anything was made
 *     read-only, so nothing read-only on the host becomes writable;
 *   - the namespace is private (MS_PRIVATE, recursively) before the first
 *     change, so nothing propagates back to the host;
 *   - paths are opened with RESOLVE_NO_SYMLINKS right before each bind, so
 *     a symlink planted in a writable tree cannot redirect a bind;
 *   - any failure is returned: in enforce mode nothing runs; in
 *     best-effort mode lib/child.c says what is not enforced and goes on
 *     (the view is then partial, never wider than the host's).
 * Raw syscalls for the new mount API are local here: glibc 2.36 has no
 * wrappers for every one of them on every architecture.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hide.h"
#include "mountns.h"
#include "protect.h"

#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
#ifndef OPEN_TREE_CLOEXEC
#define OPEN_TREE_CLOEXEC O_CLOEXEC
#endif
#ifndef MOVE_MOUNT_F_EMPTY_PATH
#define MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#define MOVE_MOUNT_T_EMPTY_PATH 0x00000040
#endif
#ifndef MOUNT_ATTR_RDONLY
#define MOUNT_ATTR_RDONLY 0x00000001
#define MOUNT_ATTR_NOSUID 0x00000002
#define MOUNT_ATTR_NODEV  0x00000004
#endif
#ifndef FSCONFIG_SET_FLAG
#define FSCONFIG_SET_FLAG   0
#define FSCONFIG_SET_STRING 1
#define FSCONFIG_CMD_CREATE 6
#endif
#ifndef OVERLAYFS_SUPER_MAGIC
#define OVERLAYFS_SUPER_MAGIC 0x794c7630
#endif

struct jail_mount_attr {
	uint64_t attr_set, attr_clr, propagation, userns_fd;
};

/* ---- raw syscalls ---- */

static int sys_open_tree(int dfd, const char *path, unsigned flags)
{
	return (int)syscall(SYS_open_tree, dfd, path, flags);
}

static int sys_move_mount(int from, const char *from_path, int to,
			  const char *to_path, unsigned flags)
{
	return (int)syscall(SYS_move_mount, from, from_path, to, to_path, flags);
}

static int sys_mount_setattr(int dfd, const char *path, unsigned flags,
			     uint64_t set)
{
	struct jail_mount_attr a = { .attr_set = set };

	return (int)syscall(SYS_mount_setattr, dfd, path, flags, &a, sizeof(a));
}

static int open_beneath_nolinks(const char *path)
{
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC | O_NOFOLLOW,
		.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};

	return (int)syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));
}

/* ---- probing ---- */

static int seccomp_mode(void)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "re");
	int mode = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Seccomp: %d", &mode) == 1)
			break;
	fclose(f);
	return mode;
}

static bool path_readonly(const char *path)
{
	struct statvfs st;

	return statvfs(path, &st) == 0 && (st.f_flag & ST_RDONLY);
}

/* First number in /proc/sys/NAME, or -1. */
static long sysctl_value(const char *name)
{
	char path[128];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sys/%s", name);
	f = fopen(path, "re");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

static bool have_sys_admin(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return false;
	return (d[CAP_SYS_ADMIN / 32].effective & (1u << (CAP_SYS_ADMIN % 32))) != 0;
}

/* Try FLAGS in a throwaway child: 0 or the errno it got. */
static int try_unshare(int flags)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(unshare(flags) == 0 ? 0 : (errno & 0x7f));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return EIO;
	return WEXITSTATUS(status);
}

/* Set by an outer jailsh for its command (tool/jailsh.c). */
static bool inside_jailsh(void)
{
	const char *d = getenv("JAIL_DEPTH");

	return d != NULL && atoi(d) >= 1;
}

enum jail_mountns_state jail_mountns_probe(char *why, size_t n)
{
	int filtered = seccomp_mode() != 0;
	bool root = have_sys_admin();
	int flags = root ? CLONE_NEWNS : CLONE_NEWUSER | CLONE_NEWNS, e;
	const char *knob = getenv("JAIL_MOUNTNS");

	/* For measuring the cost and testing the fail-closed path; enforce
	 * mode still refuses to run without the view. */
	if (knob && strcmp(knob, "off") == 0) {
		snprintf(why, n, "turned off by JAIL_MOUNTNS=off");
		return JAIL_MOUNTNS_NO;
	}

	/* A jail's own seccomp filter refuses unshare; its view protects.
	 * Only an outer jailsh counts (JAIL_DEPTH): a container with a
	 * read-only / under its runtime's filter is not a jail's view. */
	if (filtered && path_readonly("/") && inside_jailsh())
		return JAIL_MOUNTNS_NESTED;
	if (!root && sysctl_value("user/max_user_namespaces") == 0) {
		snprintf(why, n, "user namespaces are disabled (user.max_user_namespaces=0)");
		return JAIL_MOUNTNS_NO;
	}
	if (!root && sysctl_value("kernel/unprivileged_userns_clone") == 0) {
		snprintf(why, n, "unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0)");
		return JAIL_MOUNTNS_NO;
	}
	if (!root && sysctl_value("kernel/apparmor_restrict_unprivileged_userns") == 1) {
		snprintf(why, n, "AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1)");
		return JAIL_MOUNTNS_NO;
	}
	/* Under someone else's filter (a container) only trying tells. */
	if (filtered && (e = try_unshare(flags)) != 0) {
		snprintf(why, n, "a seccomp filter refuses new namespaces (unshare: %s)",
			 strerror(e));
		return JAIL_MOUNTNS_NO;
	}
	return root ? JAIL_MOUNTNS_ROOT : JAIL_MOUNTNS_USERNS;
}

/* ---- building the view ---- */

struct view {
	const struct jail_context *c;
	struct jail_strlist protect;    /* from jail_protect_plan */
	struct jail_strlist pinned;     /* directories bound onto themselves */
	int mask_fd;                    /* mask_source(), made on first use */
	struct jail_error *err;
};

static int fail(struct view *v, const char *path, const char *what)
{
	return jail_error_set(v->err, errno ? errno : EIO, path,
			      "--mode best-effort runs without the private mount view",
			      "%s", what);
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t len = (ssize_t)strlen(text), n;

	if (fd < 0)
		return -1;
	n = write(fd, text, (size_t)len);
	close(fd);
	return n == len ? 0 : -1;
}

/* A user namespace that maps only our own ids: nothing is gained. */
static int enter_userns(struct view *v)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
		return fail(v, NULL, "cannot enter a private user and mount namespace");
	snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)uid, (unsigned)uid);
	if (write_file("/proc/self/uid_map", map) < 0)
		return fail(v, "/proc/self/uid_map", "cannot map the user id in the new user namespace");
	if (write_file("/proc/self/setgroups", "deny") < 0 && errno != ENOENT)
		return fail(v, "/proc/self/setgroups", "cannot deny setgroups in the new user namespace");
	snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)gid, (unsigned)gid);
	if (write_file("/proc/self/gid_map", map) < 0)
		return fail(v, "/proc/self/gid_map", "cannot map the group id in the new user namespace");
	return 0;
}

/* Clone PATH (with the mounts beneath) from the view as it is now. */
static int clone_tree(struct view *v, const char *path, int *fd)
{
	int at = open_beneath_nolinks(path);

	if (at < 0)
		return fail(v, path, "cannot open a path for the private mount view");
	*fd = sys_open_tree(at, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC |
			    AT_RECURSIVE | AT_EMPTY_PATH);
	close(at);
	if (*fd < 0)
		return fail(v, path, "cannot clone a mount for the private mount view");
	return 0;
}

static int attach(struct view *v, int fd, const char *path)
{
	int at = open_beneath_nolinks(path), rc = 0;

	if (at < 0)
		return fail(v, path, "cannot open a path for the private mount view");
	if (sys_move_mount(fd, "", at, "", MOVE_MOUNT_F_EMPTY_PATH |
			   MOVE_MOUNT_T_EMPTY_PATH) < 0)
		rc = fail(v, path, "cannot attach a mount in the private mount view");
	close(at);
	return rc;
}

/* Bind PATH onto itself, read-only when RDONLY. */
static int bind_self(struct view *v, const char *path, bool rdonly)
{
	int fd = -1, rc = clone_tree(v, path, &fd);

	if (rc == 0 && rdonly &&
	    sys_mount_setattr(fd, "", AT_EMPTY_PATH | AT_RECURSIVE,
			      MOUNT_ATTR_RDONLY) < 0)
		rc = fail(v, path, "cannot make a protected path read-only");
	if (rc == 0)
		rc = attach(v, fd, path);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Pin every directory strictly between ROOT and Q, then bind Q read-only. */
static int protect_one(struct view *v, const char *q)
{
	const char *root = jail_writable_root_of(v->c->policy, q);
	char dir[PATH_MAX];
	int rc = 0;

	if (root == NULL)
		return 0;
	for (const char *s = strchr(q + strlen(root) + 1, '/'); s && rc == 0;
	     s = strchr(s + 1, '/')) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(s - q), q);
		if (jail_strlist_contains(&v->pinned, dir))
			continue;
		rc = bind_self(v, dir, false);
		if (rc == 0 && jail_strlist_add(&v->pinned, dir) < 0)
			rc = -ENOMEM;
	}
	return rc == 0 ? bind_self(v, q, true) : rc;
}

/* Is PATH at or beneath a protected path? */
static bool in_protected(const struct view *v, const char *path)
{
	for (size_t i = 0; i < v->protect.n; i++)
		if (jail_path_within(path, v->protect.v[i]))
			return true;
	return false;
}

/* /tmp as an overlay: host /tmp below, a throwaway tmpfs above. */
static const char *private_tmp(bool userns)
{
	char upper[64], work[64];
	int fs = -1, tmp = -1, ov = -1, mnt = -1;
	const char *ok = NULL;
	struct stat st;

	if (lstat("/tmp", &st) < 0 || !S_ISDIR(st.st_mode))
		return NULL;
	fs = (int)syscall(SYS_fsopen, "tmpfs", 1 /* FSOPEN_CLOEXEC */);
	if (fs < 0 || syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "mode", "0755", NULL, 0) < 0 ||
	    syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		goto out;
	tmp = (int)syscall(SYS_fsmount, fs, 1 /* FSMOUNT_CLOEXEC */,
			   MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV);
	if (tmp < 0 || mkdirat(tmp, "upper", 0700) < 0 || mkdirat(tmp, "work", 0700) < 0 ||
	    fchmodat(tmp, "upper", 01777, 0) < 0)
		goto out;
	snprintf(upper, sizeof(upper), "/proc/self/fd/%d/upper", tmp);
	snprintf(work, sizeof(work), "/proc/self/fd/%d/work", tmp);
	ov = (int)syscall(SYS_fsopen, "overlay", 1);
	if (ov < 0 ||
	    syscall(SYS_fsconfig, ov, FSCONFIG_SET_STRING, "lowerdir", "/tmp", NULL, 0) < 0 ||
	    syscall(SYS_fsconfig, ov, FSCONFIG_SET_STRING, "upperdir", upper, NULL, 0) < 0 ||
	    syscall(SYS_fsconfig, ov, FSCONFIG_SET_STRING, "workdir", work, NULL, 0) < 0 ||
	    (userns && syscall(SYS_fsconfig, ov, FSCONFIG_SET_FLAG, "userxattr", NULL, 0) < 0) ||
	    syscall(SYS_fsconfig, ov, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		goto out;
	mnt = (int)syscall(SYS_fsmount, ov, 1, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV);
	if (mnt >= 0 && sys_move_mount(mnt, "", AT_FDCWD, "/tmp", MOVE_MOUNT_F_EMPTY_PATH) == 0)
		ok = "/tmp";
out:
	for (int *fd = (int[]){ fs, tmp, ov, mnt, -2 }; *fd != -2; fd++)
		if (*fd >= 0)
			close(*fd);
	return ok;
}

/* A detached tmpfs holding "mask" (a directory) and "mask-file", both
 * mode 0: what hidden paths are covered with. Returns an fd or -1. */
static int mask_source(void)
{
	int fs = (int)syscall(SYS_fsopen, "tmpfs", 1 /* FSOPEN_CLOEXEC */);
	int mnt = -1;

	if (fs < 0)
		return -1;
	if (syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "mode", "0755", NULL, 0) == 0 &&
	    syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "size", "4k", NULL, 0) == 0 &&
	    syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0)
		mnt = (int)syscall(SYS_fsmount, fs, 1 /* FSMOUNT_CLOEXEC */,
				   MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
	close(fs);
	if (mnt >= 0 && (mkdirat(mnt, "mask", 0) < 0 ||
			 mknodat(mnt, "mask-file", S_IFREG, 0) < 0)) {
		close(mnt);
		mnt = -1;
	}
	return mnt;
}

/* Does a root of LIST lie at or beneath PATH? */
static bool holds_root(const struct jail_strlist *list, const char *path)
{
	for (size_t i = 0; i < list->n; i++)
		if (jail_path_within(list->v[i], path))
			return true;
	return false;
}

/*
 * Cover every existing hidden path with an empty, unreadable, read-only
 * directory or file. Landlock then grants reads without a hide plan
 * (which lists directories and adds a rule per entry on every command),
 * and a hidden directory shows no names at all. A mount point cannot be
 * renamed or removed (EBUSY), and neither unmounting nor mounting is
 * possible later (capabilities dropped, seccomp). Returns 0 when every
 * hidden path is covered, -1 otherwise (the hide plan must then run).
 */
static int mask_hidden(struct view *v)
{
	const struct jail_policy *p = v->c->policy;
	const struct jail_strlist *hide = &p->hide;
	char real[PATH_MAX];
	struct stat st;
	int rc = 0;

	/* A read or write root inside a hidden path (--read ~/.ssh/id.pub)
	 * is an explicit exception a mask would undo: leave all hiding to
	 * the hide plan then. */
	for (size_t i = 0; i < hide->n; i++)
		if (realpath(hide->v[i], real) != NULL &&
		    (holds_root(&p->read, real) || holds_root(&p->write, real)))
			return -1;
	for (size_t i = 0; i < hide->n && rc == 0; i++) {
		int fd;

		if (realpath(hide->v[i], real) == NULL || lstat(real, &st) < 0)
			continue;  /* absent: nothing to hide (see landlock.c) */
		if (v->mask_fd < 0 && (v->mask_fd = mask_source()) < 0)
			return -1;
		fd = sys_open_tree(v->mask_fd, S_ISDIR(st.st_mode) ? "mask" : "mask-file",
				   OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
		if (fd < 0 || sys_mount_setattr(fd, "", AT_EMPTY_PATH, MOUNT_ATTR_RDONLY) < 0 ||
		    attach(v, fd, real) < 0)
			rc = -1;
		if (fd >= 0)
			close(fd);
	}
	return rc;
}

/* make 4.4's output-sync mutex file, named in MAKEFLAGS. */
static void sync_mutex(char out[PATH_MAX])
{
	const char *mf = getenv("MAKEFLAGS"), *s;

	out[0] = '\0';
	struct stat st;

	s = mf ? strstr(mf, "--sync-mutex=fnm:") : NULL;
	if (s)
		snprintf(out, PATH_MAX, "%.*s", (int)strcspn(s + 17, " "), s + 17);
	/* Only a regular file can be make's mutex: never a directory. */
	if (out[0] && (lstat(out, &st) < 0 || !S_ISREG(st.st_mode)))
		out[0] = '\0';
}

/*
 * The private /tmp is granted whole to Landlock, and a unix socket seen
 * through an overlay is not the real one: no private /tmp when reads are
 * strict (it would open all of /tmp to reading), when unix sockets are
 * granted (daemons' sockets under /tmp must connect), or when /tmp is
 * writable anyway.
 */
bool jail_mountns_private_tmp_wanted(const struct jail_policy *p)
{
	return !p->strict_read && !(p->net & (JAIL_NET_UNIX | JAIL_NET_ALL)) &&
	       !jail_strlist_contains(&p->write, "/") && !jail_writable_root_of(p, "/tmp");
}

struct item {
	const char *path;
	int fd;
};

static int by_item_length(const void *a, const void *b)
{
	return jail_path_by_length(&((const struct item *)a)->path,
			 &((const struct item *)b)->path);
}

/* The trees that stay writable, cloned before anything is read-only. */
static int clone_writable(struct view *v, struct item *items, size_t *n,
			  const char *mutex)
{
	const struct jail_context *c = v->c;
	const char *extra[] = { c->tmpdir, c->jobserver_fifo, mutex };
	int rc = 0;

	*n = 0;
	for (size_t i = 0; i < c->policy->write.n; i++)
		items[(*n)++].path = c->policy->write.v[i];
	for (size_t i = 0; i < 3; i++)
		if (extra[i] && extra[i][0] == '/' && access(extra[i], F_OK) == 0)
			items[(*n)++].path = extra[i];
	qsort(items, *n, sizeof(items[0]), by_item_length);
	for (size_t i = 0; i < *n; i++)
		items[i].fd = -1;
	for (size_t i = 0; i < *n && rc == 0; i++)
		rc = clone_tree(v, items[i].path, &items[i].fd);
	return rc;
}

/* Attach the writable clones inside (or outside) protected paths. */
static int attach_writable(struct view *v, struct item *items, size_t n,
			   bool inside)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++)
		if (items[i].fd >= 0 && in_protected(v, items[i].path) == inside)
			rc = attach(v, items[i].fd, items[i].path);
	return rc;
}

static int build_view(struct view *v, bool userns, struct jail_mountns_out *out)
{
	const struct jail_policy *p = v->c->policy;
	size_t n = 0;
	char mutex[PATH_MAX], cwd[PATH_MAX];
	struct item *items = calloc(p->write.n + 3, sizeof(*items));
	bool all_writable = jail_strlist_contains(&p->write, "/");
	int rc;

	if (items == NULL)
		return -ENOMEM;
	sync_mutex(mutex);
	/* Private first: no change below may propagate to the host. */
	rc = mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ?
	     fail(v, "/", "cannot make the mount namespace private") : 0;
	if (rc == 0 && !all_writable)
		rc = clone_writable(v, items, &n, mutex[0] ? mutex : NULL);
	if (rc == 0 && !all_writable &&
	    sys_mount_setattr(AT_FDCWD, "/", AT_RECURSIVE, MOUNT_ATTR_RDONLY) < 0)
		rc = fail(v, "/", "cannot make the mount tree read-only");
	if (rc == 0 && jail_mountns_private_tmp_wanted(p))
		out->private_tmp = private_tmp(userns);
	if (rc == 0)
		rc = attach_writable(v, items, n, false);
	for (size_t i = 0; i < v->protect.n && rc == 0; i++)
		rc = protect_one(v, v->protect.v[i]);
	if (rc == 0)
		rc = attach_writable(v, items, n, true);
	/* Last, so that nothing attached above covers a mask. If a hidden
	 * path cannot be covered, Landlock's hide plan does the hiding, and
	 * the private /tmp (granted whole to Landlock) is given up. */
	if (rc == 0) {
		out->hidden_masked = mask_hidden(v) == 0;
		if (!out->hidden_masked)
			out->private_tmp = NULL;
	}
	/* The working directory still points into the mount below the new
	 * ones: walk to it again so relative paths see the view. */
	if (rc == 0 && getcwd(cwd, sizeof(cwd)) != NULL && chdir(cwd) < 0)
		rc = fail(v, cwd, "cannot re-enter the working directory in the private mount view");
	for (size_t i = 0; i < n; i++)
		if (items[i].fd >= 0)
			close(items[i].fd);
	free(items);
	return rc;
}

/* A jail inside a jail: the outer view must already protect our plan. */
static int check_nested(struct view *v)
{
	if (!path_readonly("/"))
		return jail_error_set(v->err, EPERM, "/",
				      "run jailsh outside the seccomp filter, or --mode best-effort",
				      "cannot make a private mount namespace here (a seccomp filter refuses it) and the current view is writable at");
	for (size_t i = 0; i < v->protect.n; i++)
		if (!path_readonly(v->protect.v[i]))
			return jail_error_set(v->err, EPERM, v->protect.v[i],
					      "protect it in the outer jail too, or --mode best-effort",
					      "nested jail: the outer jail left a protected path writable");
	/* The outer's private /tmp is not granted again: the outer's
	 * writable roots below /tmp are real host directories, and a grant
	 * of /tmp would cover them (an inner jail must only narrow); nor
	 * can hidden paths be masked: the hide plan does it. */
	return 0;
}

int jail_mountns_apply(const struct jail_context *c, struct jail_mountns_out *out,
		       struct jail_error *err)
{
	struct view v = { .c = c, .err = err, .mask_fd = -1 };
	enum jail_mountns_state state = c->kernel->mountns;
	int rc = 0;

	out->private_tmp = NULL;
	out->hidden_masked = false;
	if (state == JAIL_MOUNTNS_NO || c->policy->mode == JAIL_MODE_OFF ||
	    c->policy->mode == JAIL_MODE_LEARN)
		return 0;   /* the parent reported the gap */
	if (jail_protect_plan(c->policy, &v.protect, NULL) < 0)
		return -ENOMEM;
	if (state == JAIL_MOUNTNS_NESTED) {
		rc = check_nested(&v);
	} else if (state == JAIL_MOUNTNS_ROOT && unshare(CLONE_NEWNS) < 0) {
		rc = fail(&v, NULL, "cannot enter a private mount namespace");
	} else if (state == JAIL_MOUNTNS_USERNS && (rc = enter_userns(&v)) < 0) {
		/* ERR says which step failed */
	} else {
		/* A new user namespace can reset the parent-death signal. */
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		rc = build_view(&v, state == JAIL_MOUNTNS_USERNS, out);
	}
	jail_strlist_free(&v.protect);
	jail_strlist_free(&v.pinned);
	if (v.mask_fd >= 0)
		close(v.mask_fd);
	return rc;  /* lib/child.c decides what best-effort does with it */
}
