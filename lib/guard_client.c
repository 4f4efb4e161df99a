/* SPDX-License-Identifier: MIT */
/*
 * guard_client.c - the supervisor's side of the creation guard (guard.h):
 * decode a notified creation, read its path once, open the caller's
 * starting directory, hand both to the guard, and answer the caller with
 * what the guard did. Also: registrations of inner jails, and the call an
 * inner jailsh makes to register.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "access.h"
#include "guard.h"
#include "notify.h"
#include "policy.h"
#include "sys.h"

#define MAX_SLOTS JAIL_GUARD_MAX_SLOTS
#define MAX_DEPTH 4096          /* ancestors looked at, at most */


struct slot {
	int pid;                        /* the inner jailsh that registered */
	unsigned long long start;       /* its start time: pids are reused */
};

struct jail_guard_client {
	int chan, listener;
	struct slot slots[MAX_SLOTS];
	char blob[16384];
};

/* asm-generic ABIs lack the old path calls. */
#ifndef __NR_open
#define __NR_open (-1)
#define __NR_creat (-2)
#define __NR_mkdir (-3)
#define __NR_mknod (-4)
#define __NR_link (-5)
#define __NR_symlink (-6)
#define __NR_rename (-7)
#endif
#ifndef __NR_renameat
#define __NR_renameat (-8)
#endif

/* Where each call keeps its arguments; -1: absent. */
struct shape {
	int nr, op;
	signed char dirfd, path, flags, mode, dev;   /* the name made */
	signed char dirfd2, path2;                    /* old name / link target */
};

static const struct shape shapes[] = {
	{ __NR_open, JAIL_GUARD_OPEN, -1, 0, 1, 2, -1, -1, -1 },
	{ __NR_openat, JAIL_GUARD_OPEN, 0, 1, 2, 3, -1, -1, -1 },
	{ __NR_creat, JAIL_GUARD_OPEN, -1, 0, -1, 1, -1, -1, -1 },
	{ __NR_mkdir, JAIL_GUARD_MKDIR, -1, 0, -1, 1, -1, -1, -1 },
	{ __NR_mkdirat, JAIL_GUARD_MKDIR, 0, 1, -1, 2, -1, -1, -1 },
	{ __NR_mknod, JAIL_GUARD_MKNOD, -1, 0, -1, 1, 2, -1, -1 },
	{ __NR_mknodat, JAIL_GUARD_MKNOD, 0, 1, -1, 2, 3, -1, -1 },
	{ __NR_symlink, JAIL_GUARD_SYMLINK, -1, 1, -1, -1, -1, -1, 0 },
	{ __NR_symlinkat, JAIL_GUARD_SYMLINK, 1, 2, -1, -1, -1, -1, 0 },
	{ __NR_link, JAIL_GUARD_LINK, -1, 1, -1, -1, -1, -1, 0 },
	{ __NR_linkat, JAIL_GUARD_LINK, 2, 3, 4, -1, -1, 0, 1 },
	{ __NR_rename, JAIL_GUARD_RENAME, -1, 1, -1, -1, -1, -1, 0 },
	{ __NR_renameat, JAIL_GUARD_RENAME, 2, 3, -1, -1, -1, 0, 1 },
	{ __NR_renameat2, JAIL_GUARD_RENAME, 2, 3, 4, -1, -1, 0, 1 },
};

/* Metadata calls: where the target and the values are. */
#ifndef __NR_chmod
#define __NR_chmod (-11)
#define __NR_chown (-12)
#define __NR_lchown (-13)
#endif
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif

struct meta_shape {
	int nr, op;
	signed char dirfd, path, flags;     /* dirfd: the fd itself when path < 0 */
	bool nofollow;                      /* l* calls */
	signed char a, b, c, d;             /* mode | uid gid | times | name value size xflags */
};

static const struct meta_shape meta_shapes[] = {
	{ __NR_chmod, JAIL_GUARD_CHMOD, -1, 0, -1, false, 1, -1, -1, -1 },
	{ __NR_fchmod, JAIL_GUARD_CHMOD, 0, -1, -1, false, 1, -1, -1, -1 },
	{ __NR_fchmodat, JAIL_GUARD_CHMOD, 0, 1, -1, false, 2, -1, -1, -1 },
	{ __NR_fchmodat2, JAIL_GUARD_CHMOD, 0, 1, 3, false, 2, -1, -1, -1 },
	{ __NR_chown, JAIL_GUARD_CHOWN, -1, 0, -1, false, 1, 2, -1, -1 },
	{ __NR_lchown, JAIL_GUARD_CHOWN, -1, 0, -1, true, 1, 2, -1, -1 },
	{ __NR_fchown, JAIL_GUARD_CHOWN, 0, -1, -1, false, 1, 2, -1, -1 },
	{ __NR_fchownat, JAIL_GUARD_CHOWN, 0, 1, 4, false, 2, 3, -1, -1 },
	{ __NR_utimensat, JAIL_GUARD_UTIMENS, 0, 1, 3, false, 2, -1, -1, -1 },
	{ __NR_setxattr, JAIL_GUARD_SETXATTR, -1, 0, -1, false, 1, 2, 3, 4 },
	{ __NR_lsetxattr, JAIL_GUARD_SETXATTR, -1, 0, -1, true, 1, 2, 3, 4 },
	{ __NR_fsetxattr, JAIL_GUARD_SETXATTR, 0, -1, -1, false, 1, 2, 3, 4 },
	{ __NR_removexattr, JAIL_GUARD_REMOVEXATTR, -1, 0, -1, false, 1, -1, -1, -1 },
	{ __NR_lremovexattr, JAIL_GUARD_REMOVEXATTR, -1, 0, -1, true, 1, -1, -1, -1 },
	{ __NR_fremovexattr, JAIL_GUARD_REMOVEXATTR, 0, -1, -1, false, 1, -1, -1, -1 },
};

static const struct meta_shape *meta_shape_of(int nr)
{
	for (size_t i = 0; i < sizeof(meta_shapes) / sizeof(meta_shapes[0]); i++)
		if (meta_shapes[i].nr == nr && nr >= 0)
			return &meta_shapes[i];
	return NULL;
}

static const struct shape *shape_of(int nr)
{
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		if (shapes[i].nr == nr && nr >= 0)
			return &shapes[i];
	return NULL;
}

static int arg_int(const struct seccomp_notif *req, int i)
{
	return (int)(uint32_t)req->data.args[i];
}

int jail_guard_channel(const struct jail_guard_client *g)
{
	return g->chan;
}

int jail_guard_backlog(const struct jail_guard_client *g)
{
	int n = 0;

	return g->chan >= 0 && ioctl(g->chan, SIOCOUTQ, &n) == 0 ? n : 0;
}

bool jail_guard_wants(const struct seccomp_notif *req)
{
	return shape_of(req->data.nr) != NULL || meta_shape_of(req->data.nr) != NULL;
}

struct jail_guard_client *jail_guard_client_new(int channel, int listener)
{
	struct jail_guard_client *g = calloc(1, sizeof(*g));

	if (g) {
		/* Never block on the guard: a call that finds the channel full
		 * fails (EAGAIN) instead of stalling the supervisor. */
		fcntl(channel, F_SETFL, fcntl(channel, F_GETFL) | O_NONBLOCK);
		g->chan = channel;
		g->listener = listener;
	}
	return g;
}

void jail_guard_client_free(struct jail_guard_client *g)
{
	if (g == NULL)
		return;
	if (g->chan >= 0)
		close(g->chan);
	free(g);
}

/* ---- the caller, read from /proc ---- */

/* "Name:\tvalue" from /proc/TID/status, parsed with BASE. */
static long status_field(int tid, const char *name, int base)
{
	char path[64], buf[2048];
	size_t len = strlen(name);

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	if (jail_sys_read_text(path, buf, sizeof(buf)) < 0)
		return -1;
	for (char *p = buf; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, name, len) == 0 && p[len] == ':')
			return strtol(p + len + 1, NULL, base);
	return -1;
}

/* Parent pid and start time of PID, from /proc/PID/stat. */
static int stat_of(int pid, int *ppid, unsigned long long *start)
{
	char path[64], buf[1024], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (jail_sys_read_text(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strrchr(buf, ')');      /* the name may hold anything */
	if (p == NULL || sscanf(p + 2, "%*c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
				"%*u %*u %*d %*d %*d %*d %*d %*d %llu", ppid, start) != 2)
		return -1;
	return 0;
}

/* One walk up from TID to us (every jailed process descends from us: we
 * are their subreaper). Returns 0, or -1 when the chain did not reach us
 * (an ancestor exited meanwhile, or it is longer than MAX_DEPTH). */
static int walk_regs(const struct jail_guard_client *g, int tid,
		     uint32_t found[JAIL_GUARD_MAX_REGS + 1], unsigned *n)
{
	int pid = (int)status_field(tid, "Tgid", 10), ppid, self = (int)getpid();
	unsigned long long start;

	*n = 0;
	for (int depth = 0; pid > 0 && depth < MAX_DEPTH; depth++) {
		if (pid == self)
			return 0;
		if (stat_of(pid, &ppid, &start) < 0)
			return -1;
		for (uint32_t s = 0; depth > 0 && s < MAX_SLOTS; s++)
			if (g->slots[s].pid == pid && g->slots[s].start == start &&
			    *n <= JAIL_GUARD_MAX_REGS)
				found[(*n)++] = s;
		pid = ppid;
	}
	return -1;
}

/* The inner jails around TID, outermost first, into CALL. A chain that
 * cannot be read to the end is refused: a registration it may hold would
 * be missed, and the call made with a wider domain. */
static int find_regs(const struct jail_guard_client *g, int tid,
		     struct jail_guard_call *call)
{
	uint32_t found[JAIL_GUARD_MAX_REGS + 1];
	unsigned n = 0;
	int rc = -1;

	for (int attempt = 0; attempt < 3 && rc < 0; attempt++)
		rc = walk_regs(g, tid, found, &n);  /* reparenting is seen next time */
	if (rc < 0)
		return -EACCES;
	call->nregs = n;    /* > JAIL_GUARD_MAX_REGS: the guard refuses */
	for (unsigned i = 0; i < n && i < JAIL_GUARD_MAX_REGS; i++)
		call->regs[i] = found[n - 1 - i];
	return 0;
}

static bool any_slot(const struct jail_guard_client *g)
{
	for (int s = 0; s < MAX_SLOTS; s++)
		if (g->slots[s].pid)
			return true;
	return false;
}

/* The caller's starting point for PATH: O_PATH, in its own mount view. */
static int open_start(int tid, int dirfd, const char *path)
{
	char link[64];

	if (path[0] == '/')
		snprintf(link, sizeof(link), "/proc/%d/root", tid);
	else if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", tid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", tid, dirfd);
	return open(link, O_PATH | O_CLOEXEC);
}

/* ---- registrations ---- */

static int on_register(struct jail_guard_client *g, const struct seccomp_notif *req)
{
	struct jail_guard_reg *m;
	char head[9] = "";
	unsigned long len;
	int pid = (int)status_field((int)req->pid, "Tgid", 10), ppid, free_slot = -1;
	unsigned long long start;
	ssize_t sent;

	if (pid <= 0 || stat_of(pid, &ppid, &start) < 0 ||
	    jail_access_read_mem((int)req->pid, req->data.args[1], head, 8) < 0)
		return -EFAULT;
	len = strtoul(head, NULL, 16);
	m = calloc(1, sizeof(*m));
	if (m == NULL)
		return -ENOMEM;
	if (len == 0 || len > sizeof(m->blob) ||
	    jail_access_read_mem((int)req->pid, req->data.args[1] + 8, m->blob, len) < 0) {
		free(m);
		return -EINVAL;
	}
	for (int s = 0; s < MAX_SLOTS; s++) {   /* reuse slots of the dead */
		int pp;
		unsigned long long st;

		if (g->slots[s].pid && (stat_of(g->slots[s].pid, &pp, &st) < 0 ||
					st != g->slots[s].start))
			g->slots[s].pid = 0;
		if (g->slots[s].pid == pid)
			free_slot = s;  /* registering again replaces */
		if (g->slots[s].pid == 0 && free_slot < 0)
			free_slot = s;
	}
	if (free_slot < 0) {
		free(m);
		return -ENOSPC;
	}
	m->kind = JAIL_GUARD_MSG_REGISTER;
	m->reg = (uint32_t)free_slot;
	m->len = (unsigned)len;
	sent = send(g->chan, m, offsetof(struct jail_guard_reg, blob) + len, MSG_NOSIGNAL);
	free(m);
	if (sent < 0)
		return -errno;
	g->slots[free_slot] = (struct slot){ .pid = pid, .start = start };
	return 0;
}

/* ---- forwarding a creation ---- */

/* Fill CALL from REQ: the strings read once, the flags decoded. */
static int decode(const struct seccomp_notif *req, const struct shape *s,
		  struct jail_guard_call *k)
{
	int tid = (int)req->pid;

	k->kind = JAIL_GUARD_MSG_CALL;
	k->id = req->id;
	k->op = s->op;
	k->tid = tid;
	k->flags = s->flags >= 0 ? arg_int(req, s->flags) :
		   s->nr == __NR_creat ? O_CREAT | O_WRONLY | O_TRUNC : 0;
	k->mode = s->mode >= 0 ? (unsigned)req->data.args[s->mode] : 0;
	k->dev = s->dev >= 0 ? req->data.args[s->dev] : 0;
	k->umask = (unsigned)status_field(tid, "Umask", 8);
	if (jail_access_read_string(tid, req->data.args[s->path], k->path,
				    sizeof(k->path)) < 0)
		return -EFAULT;
	if (s->path2 >= 0 && jail_access_read_string(tid, req->data.args[s->path2],
						     k->path2, sizeof(k->path2)) < 0)
		return -EFAULT;
	return 0;
}

/* Fill K from a metadata call M; *DIRFD gets the starting directory (or
 * the target itself when K->on_fd). */
static int decode_meta(const struct seccomp_notif *req, const struct meta_shape *m,
		       struct jail_guard_call *k, int *dirfd)
{
	int tid = (int)req->pid, flags = m->flags >= 0 ? arg_int(req, m->flags) : 0;
	uint64_t path = m->path >= 0 ? req->data.args[m->path] : 0;

	k->kind = JAIL_GUARD_MSG_CALL;
	k->id = req->id;
	k->op = m->op;
	k->tid = tid;
	k->nofollow = m->nofollow || (flags & AT_SYMLINK_NOFOLLOW);
	*dirfd = m->dirfd >= 0 ? arg_int(req, m->dirfd) : AT_FDCWD;
	if (m->path >= 0 && path != 0 &&
	    jail_access_read_string(tid, path, k->path, sizeof(k->path)) < 0)
		return -EFAULT;
	/* no path (fchmod, utimensat(fd, NULL)), or "" with AT_EMPTY_PATH */
	if (m->path < 0 || path == 0 || (k->path[0] == '\0' && (flags & AT_EMPTY_PATH))) {
		if (*dirfd == AT_FDCWD && m->path >= 0 && path != 0)
			snprintf(k->path, sizeof(k->path), ".");
		else if (*dirfd == AT_FDCWD)
			return -EFAULT;
		else
			k->on_fd = true;
	}
	if (m->op == JAIL_GUARD_CHMOD)
		k->mode = (unsigned)req->data.args[m->a];
	if (m->op == JAIL_GUARD_CHOWN) {
		k->uid = (uint32_t)req->data.args[m->a];
		k->gid = (uint32_t)req->data.args[m->b];
	}
	if (m->op == JAIL_GUARD_UTIMENS && req->data.args[m->a]) {
		if (jail_access_read_mem(tid, req->data.args[m->a], k->times,
					 sizeof(k->times)) < 0)
			return -EFAULT;
		k->has_times = true;
	}
	if (m->op == JAIL_GUARD_SETXATTR || m->op == JAIL_GUARD_REMOVEXATTR) {
		if (jail_access_read_string(tid, req->data.args[m->a], k->path2,
					    JAIL_GUARD_XATTR_NAME) < 0)
			return -ERANGE;
	}
	if (m->op == JAIL_GUARD_SETXATTR) {
		k->xsize = (unsigned)req->data.args[m->c];
		k->flags = arg_int(req, m->d);
		if (k->xsize > JAIL_GUARD_XATTR_VALUE)
			return -E2BIG;  /* documented: the guard carries this much */
		if (k->xsize && jail_access_read_mem(tid, req->data.args[m->b],
						     k->path2 + JAIL_GUARD_XATTR_NAME,
						     k->xsize) < 0)
			return -EFAULT;
	}
	return 0;
}

/* Open what the guard needs for K: the target (on_fd) or the starting
 * directory of K->path (and of K->path2 for link and rename). */
static int open_starts(const struct jail_guard_call *k, int dirfd, int dirfd2,
		       bool two, int fds[2])
{
	char link[64];

	if (k->on_fd) {
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", k->tid, dirfd);
		fds[0] = open(link, O_PATH | O_CLOEXEC);
	} else {
		fds[0] = open_start(k->tid, dirfd, k->path);
	}
	if (two)
		fds[1] = open_start(k->tid, dirfd2, k->path2);
	if (fds[0] < 0 || (two && fds[1] < 0))
		return errno == ENOENT ? -EBADF : -errno;
	return 0;
}

int jail_guard_forward(struct jail_guard_client *g, const struct seccomp_notif *req)
{
	const struct shape *s = shape_of(req->data.nr);
	const struct meta_shape *m = s ? NULL : meta_shape_of(req->data.nr);
	static struct jail_guard_call k;
	int fds[2] = { -1, -1 }, nfds = 1, dirfd = AT_FDCWD, dirfd2 = AT_FDCWD, rc;
	bool two = false;

	if (s && s->op == JAIL_GUARD_MKDIR && s->dirfd >= 0 &&
	    arg_int(req, s->dirfd) == JAIL_GUARD_REGISTER_FD &&
	    (req->data.args[s->mode] & 0xffff) == JAIL_GUARD_REGISTER_MODE) {
		jail_notify_respond(g->listener, req->id, on_register(g, req));
		return 0;
	}
	memset(&k, 0, sizeof(k));
	if (s) {
		rc = decode(req, s, &k);
		dirfd = s->dirfd >= 0 ? arg_int(req, s->dirfd) : AT_FDCWD;
		dirfd2 = s->dirfd2 >= 0 ? arg_int(req, s->dirfd2) : AT_FDCWD;
		two = s->path2 >= 0 && s->op != JAIL_GUARD_SYMLINK;
	} else {
		rc = decode_meta(req, m, &k, &dirfd);
	}
	if (rc == 0 && g->chan < 0)
		rc = -EACCES;           /* the guard is gone: refuse */
	if (rc == 0)
		rc = open_starts(&k, dirfd, dirfd2, two, fds);
	nfds = two ? 2 : 1;
	/* The caller must still be waiting, or the fds may be someone else's. */
	if (rc == 0 && ioctl(g->listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &req->id) < 0)
		rc = 1;
	if (rc == 0 && any_slot(g))
		rc = find_regs(g, k.tid, &k);
	if (rc == 0) {
		rc = jail_notify_send_fds(g->chan, fds, nfds, &k, sizeof(k));
		if (rc == -EAGAIN)  /* the guard is not keeping up (or stopped) */
			jail_notify_respond(g->listener, req->id, -EAGAIN);
		else if (rc < 0)
			jail_notify_respond(g->listener, req->id, -EACCES);
		rc = rc == -EAGAIN ? 0 : rc < 0 ? rc : 1;
	} else if (rc < 0) {
		jail_notify_respond(g->listener, req->id, rc);
		rc = 0;
	} else {
		rc = 0;     /* the caller is gone */
	}
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return rc;
}

int jail_guard_answer(struct jail_guard_client *g, struct jail_guard_refusal *r)
{
	static struct jail_guard_reply rep;
	int fd, n = jail_notify_recv_fd(g->chan, &fd, &rep, sizeof(rep));

	r->target[0] = r->protected[0] = '\0';
	r->pid = 0;
	if (n <= 0) {
		if (fd >= 0)
			close(fd);
		return n < 0 ? n : -EPIPE;
	}
	if (n != (int)sizeof(rep)) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	if (rep.answered)
		;   /* a refusal to name; the guard answered the caller */
	else if (rep.has_fd && fd >= 0)
		jail_notify_respond_fd(g->listener, rep.id, fd, rep.cloexec);
	else
		jail_notify_respond(g->listener, rep.id, rep.has_fd ? -EIO : rep.rc);
	if (fd >= 0)
		close(fd);
	snprintf(r->target, sizeof(r->target), "%.*s", PATH_MAX - 1, rep.refused);
	snprintf(r->protected, sizeof(r->protected), "%.*s", PATH_MAX - 1, rep.protected);
	r->pid = rep.tid;
	r->foreign = rep.foreign;
	return 0;
}

/* ---- an inner jailsh registers ---- */

int jail_guard_register(const struct jail_context *c)
{
	char *token = jail_policy_encode(c->policy), *blob;
	const char *tmpdir = c->tmpdir ? c->tmpdir : "";
	const char *self_dir = c->self_dir ? c->self_dir : "";
	size_t len;
	int rc;

	if (token == NULL)
		return -ENOMEM;
	len = strlen(token) + strlen(tmpdir) + strlen(self_dir) + 3;
	blob = len <= sizeof(((struct jail_guard_reg *)0)->blob) ? malloc(8 + len + 1) : NULL;
	if (blob == NULL) {
		free(token);
		return -ENOMEM;
	}
	snprintf(blob, 9, "%08zx", len);
	memcpy(blob + 8, token, strlen(token) + 1);
	memcpy(blob + 8 + strlen(token) + 1, tmpdir, strlen(tmpdir) + 1);
	memcpy(blob + 8 + strlen(token) + 1 + strlen(tmpdir) + 1, self_dir,
	       strlen(self_dir) + 1);
	rc = mkdirat(JAIL_GUARD_REGISTER_FD, blob, JAIL_GUARD_REGISTER_MODE);
	rc = rc == 0 ? 1 : errno == EBADF ? 0 : -errno;
	free(token);
	free(blob);
	return rc;
}
