/* SPDX-License-Identifier: MIT */
/*
 * guard.c - the guard process: makes the jailed callers' creations on
 * what it resolved itself, and refuses protected targets (see guard.h).
 *
 * It runs inside the jail (mount view, Landlock domain, no capabilities,
 * no_new_privs), forked before the filter so that its own calls are not
 * sent back to it. It is not dumpable, so no jailed process can trace it.
 * A caller inside inner jails is served by a helper instead, forked from
 * the guard with the inner policies' Landlock layers added (one per chain
 * of inner jails, kept while they live).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guard.h"
#include "hide.h"
#include "landlock.h"
#include "notify.h"
#include "protect.h"
#include "sys.h"

#define MAX_SLOTS JAIL_GUARD_MAX_SLOTS
#define WALK_RETRIES 8          /* a name swapped for a symlink meanwhile */
#define MAKE_IN_CHILD (-10000)  /* do_open: would block, make it in a child */

#define MAX_HELPERS 16          /* chains of inner jails served at once */

/* A process with inner jails' Landlock layers, and its channel. */
struct helper {
	int chan;               /* -1: free */
	unsigned nregs;
	uint32_t regs[JAIL_GUARD_MAX_REGS];
	unsigned long used;     /* for least-recently-used replacement */
};

struct guard {
	int chan;                       /* answers go here */
	const struct jail_context *c;
	struct jail_strlist protect;    /* canonical protected paths */
	char *reg[MAX_SLOTS];           /* inner jails' blobs, by slot */
	unsigned reg_len[MAX_SLOTS];
	struct helper helpers[MAX_HELPERS];
	unsigned long clock;
	bool layered;                   /* this is a helper */
	bool broken;                    /* a helper without its layers */
};

/* ---- the protected list ---- */

/* PATH with its deepest existing ancestor resolved (PATH need not exist). */
static int canonical(const char *path, char out[PATH_MAX])
{
	char head[PATH_MAX], real[PATH_MAX];
	char *slash;

	if (snprintf(head, sizeof(head), "%s", path) >= (int)sizeof(head))
		return -ENAMETOOLONG;
	while (realpath(head, real) == NULL) {
		slash = strrchr(head, '/');
		if (slash == NULL || slash == head)
			return -ENOENT;
		*slash = '\0';
	}
	if (snprintf(out, PATH_MAX, "%s%s", strcmp(real, "/") ? real : "",
		     path + strlen(head)) >= PATH_MAX)
		return -ENAMETOOLONG;
	if (out[0] == '\0')
		snprintf(out, PATH_MAX, "/");
	return 0;
}

/* PATH is a symlink: add its own name, and where it leads even when that
 * does not exist yet (the plan has an existing target already): a
 * dangling .envrc -> envrc.local must not lead to a file the build made. */
static int add_link_name(const char *path, struct jail_strlist *out)
{
	char dir[PATH_MAX], real[PATH_MAX], name[PATH_MAX], target[PATH_MAX];
	char joined[2 * PATH_MAX], canon[PATH_MAX];
	struct stat st;
	ssize_t n;
	char *slash;
	int rc;

	if (lstat(path, &st) < 0 || !S_ISLNK(st.st_mode) ||
	    snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir) ||
	    (slash = strrchr(dir, '/')) == NULL)
		return 0;
	*slash = '\0';
	if (realpath(dir[0] ? dir : "/", real) == NULL ||
	    snprintf(name, sizeof(name), "%s/%s", strcmp(real, "/") ? real : "",
		     slash + 1) >= (int)sizeof(name))
		return 0;
	rc = jail_strlist_add_unique(out, name);
	n = readlink(path, target, sizeof(target) - 1);
	if (rc < 0 || n <= 0)
		return rc;
	target[n] = '\0';
	snprintf(joined, sizeof(joined), "%s%s%s", target[0] == '/' ? "" : real,
		 target[0] == '/' ? "" : "/", target);
	if (strlen(joined) < PATH_MAX && canonical(joined, canon) == 0)
		rc = jail_strlist_add_unique(out, canon);
	return rc;
}

/* Protected names that are symlinks, by their own names. */
static int add_link_names(const struct jail_policy *p, struct jail_strlist *out)
{
	char path[PATH_MAX];
	int rc = 0;

	for (size_t i = 0; i < p->write.n && rc >= 0; i++)
		for (size_t j = 0; jail_default_protect[j] && rc >= 0; j++)
			if (snprintf(path, sizeof(path), "%s/%s", p->write.v[i],
				     jail_default_protect[j]) < (int)sizeof(path))
				rc = add_link_name(path, out);
	for (size_t i = 0; i < p->protect.n && rc >= 0; i++)
		rc = add_link_name(p->protect.v[i], out);
	return rc;
}

int jail_guard_protected(const struct jail_context *c, struct jail_strlist *out)
{
	const struct jail_policy *p = c->policy;
	struct jail_strlist existing = { 0 }, absent = { 0 };
	char real[PATH_MAX];
	int rc = jail_protect_plan(p, &existing, &absent);

	if (rc >= 0)
		rc = add_link_names(p, out);
	for (size_t i = 0; rc >= 0 && i < existing.n; i++)
		rc = jail_strlist_add_unique(out, existing.v[i]);
	for (size_t i = 0; rc >= 0 && i < absent.n; i++) {
		if (jail_strlist_contains(&p->write, absent.v[i]) ||
		    canonical(absent.v[i], real) < 0)
			continue;   /* an explicit --write of it wins */
		rc = jail_strlist_add_unique(out, real);
	}
	jail_strlist_free(&existing);
	jail_strlist_free(&absent);
	return rc < 0 ? -ENOMEM : 0;
}

const char *jail_guard_check(const struct jail_strlist *list,
			     const char *target, bool ancestor)
{
	for (size_t i = 0; i < list->n; i++)
		if (jail_path_within(target, list->v[i]) ||
		    (ancestor && jail_path_within(list->v[i], target)))
			return list->v[i];
	return NULL;
}

/* ---- one call ---- */

struct resolved {
	int dir;                /* O_PATH parent, or -1 */
	char base[PATH_MAX];
	char path[PATH_MAX];    /* canonical target, "" on procfs */
	struct jail_strlist seen;  /* symlinks followed on the way */
};

static void resolved_close(struct resolved *r)
{
	if (r->dir >= 0)
		close(r->dir);
	r->dir = -1;
	jail_strlist_free(&r->seen);
}

/* Walk PATH from DIR and name what it reaches. */
static int resolve(int dir, const char *path, int tid, bool follow,
		   struct resolved *r)
{
	char link[64], where[PATH_MAX], name[PATH_MAX];
	struct statfs s;
	ssize_t n;
	int rc = jail_guard_walk_seen(dir, path, tid, follow, &r->dir, r->base,
				      &r->seen);

	r->path[0] = '\0';
	if (rc < 0)
		return rc;
	if (fstatfs(r->dir, &s) == 0 && s.f_type == PROC_SUPER_MAGIC)
		return 0;   /* nothing can be made in /proc */
	snprintf(link, sizeof(link), "/proc/self/fd/%d", r->dir);
	n = readlink(link, where, sizeof(where) - 1);
	if (n <= 0) {
		resolved_close(r);
		return -ENOENT;
	}
	where[n] = '\0';
	snprintf(name, sizeof(name), "%s", r->base);
	name[strcspn(name, "/")] = '\0';
	if (strcmp(name, "..") == 0)
		name[0] = '\0';     /* makes nothing; judged as its directory */
	if (snprintf(r->path, sizeof(r->path), "%s%s%s",
		     strcmp(where, "/") ? where : "",
		     name[0] && strcmp(name, ".") ? "/" : "",
		     strcmp(name, ".") ? name : "") >= (int)sizeof(r->path)) {
		resolved_close(r);
		return -ENAMETOOLONG;
	}
	if (r->path[0] == '\0')
		snprintf(r->path, sizeof(r->path), "/");
	return 0;
}

/* Refuse R's target when LIST protects it; fills REFUSED (the target)
 * and PROTECTED (the protected path it hit, which a grant must name). */
static int judge(const struct jail_strlist *list, const struct resolved *r,
		 bool ancestor, struct jail_guard_reply *rep)
{
	const char *hit = r->path[0] ? jail_guard_check(list, r->path, ancestor) : NULL;

	/* Reached through a protected name that is a symlink: refused too. */
	for (size_t i = 0; hit == NULL && i < r->seen.n; i++)
		hit = jail_guard_check(list, r->seen.v[i], false);
	if (hit == NULL)
		return 0;
	snprintf(rep->refused, sizeof(rep->refused), "%s", r->path[0] ? r->path : hit);
	snprintf(rep->protected, sizeof(rep->protected), "%s", hit);
	return -EACCES;
}

static int sys_result(long rc)
{
	return rc < 0 ? -errno : (int)rc;
}

/* open(O_CREAT): follow the last symlink here, then open without
 * following, so a name swapped for a symlink meanwhile is walked again. */
/* Would opening R block? An existing FIFO waits for its other end. */
static bool is_fifo(const struct resolved *r)
{
	struct stat st;

	/* In /proc (a magic link such as /proc/TID/fd/N): what it leads to. */
	return fstatat(r->dir, r->base, &st, r->path[0] ? AT_SYMLINK_NOFOLLOW : 0) == 0 &&
	       S_ISFIFO(st.st_mode);
}

static int do_open(const struct jail_guard_call *k, int dir,
		   const struct jail_strlist *list, bool in_child,
		   struct jail_guard_reply *rep)
{
	bool follow = !(k->flags & O_NOFOLLOW) && !(k->flags & O_EXCL);
	int rc = -ELOOP;

	for (int i = 0; i < WALK_RETRIES && rc == -ELOOP; i++) {
		struct resolved r = { .dir = -1 };

		rc = resolve(dir, k->path, k->tid, follow, &r);
		if (rc == 0)
			rc = judge(list, &r, false, rep);
		if (rc == 0 && !in_child && !(k->flags & O_EXCL) && is_fifo(&r))
			rc = MAKE_IN_CHILD;
		if (rc == 0)
			rc = sys_result(openat(r.dir, r.base, r.path[0] ?
					       k->flags | O_NOFOLLOW : k->flags,
					       k->mode));
		if (rc >= 0 && jail_guard_on_procfs(rc)) {
			close(rc);      /* /proc files are ours to open, not the caller's */
			rc = -EACCES;
		}
		resolved_close(&r);
		if (!follow)
			break;
	}
	if (rc >= 0) {
		rep->has_fd = true;
		rep->cloexec = (k->flags & O_CLOEXEC) != 0;
	}
	return rc;
}

static int do_make(const struct jail_guard_call *k, int dir,
		   const struct jail_strlist *list, struct jail_guard_reply *rep)
{
	struct resolved r = { .dir = -1 };
	int rc = resolve(dir, k->path, k->tid, false, &r);

	if (rc == 0)
		rc = judge(list, &r, k->op == JAIL_GUARD_SYMLINK, rep);
	if (rc == 0 && k->op == JAIL_GUARD_MKDIR)
		rc = sys_result(mkdirat(r.dir, r.base, k->mode));
	else if (rc == 0 && k->op == JAIL_GUARD_MKNOD)
		rc = sys_result(mknodat(r.dir, r.base, k->mode, k->dev));
	else if (rc == 0)
		rc = sys_result(symlinkat(k->path2, r.dir, r.base));
	resolved_close(&r);
	return rc;
}

/* link and rename: PATH2 (old, from DIR2) to PATH (new, from DIR). */
static int do_move(const struct jail_guard_call *k, int dir, int dir2,
		   const struct jail_strlist *list, struct jail_guard_reply *rep)
{
	struct resolved to = { .dir = -1 }, from = { .dir = -1 };
	bool link = k->op == JAIL_GUARD_LINK;
	bool empty = link && (k->flags & AT_EMPTY_PATH) && k->path2[0] == '\0';
	bool follow = link && (k->flags & AT_SYMLINK_FOLLOW);
	bool exchange = !link && (k->flags & RENAME_EXCHANGE);
	int rc = resolve(dir, k->path, k->tid, false, &to);

	/* A whiteout is a device node (0:0): the jail makes none. */
	if (rc == 0 && !link && (k->flags & RENAME_WHITEOUT))
		rc = -EPERM;
	if (rc == 0)
		rc = judge(list, &to, !link, rep);
	if (rc == 0 && !empty)
		rc = resolve(dir2, k->path2, k->tid, follow, &from);
	if (rc == 0 && !empty)
		rc = judge(list, &from, exchange, rep);
	if (rc == 0 && empty) {
		/* Since Linux 6.10 AT_EMPTY_PATH wants the opener's credentials;
		 * the magic link of our descriptor leads to the same file. */
		char self[64];

		snprintf(self, sizeof(self), "/proc/self/fd/%d", dir2);
		rc = sys_result(linkat(AT_FDCWD, self, to.dir, to.base, AT_SYMLINK_FOLLOW));
	}
	else if (rc == 0 && link)   /* a magic link in /proc is followed by the kernel */
		rc = sys_result(linkat(from.dir, from.base, to.dir, to.base,
				       follow && !from.path[0] ? AT_SYMLINK_FOLLOW : 0));
	else if (rc == 0)
		rc = sys_result(jail_sys_renameat2(from.dir, from.base, to.dir,
						   to.base, (unsigned)k->flags));
	resolved_close(&to);
	resolved_close(&from);
	return rc;
}

/* The seccomp listener, once the child has passed it: the guard answers
 * the callers itself, and the supervisor hears only of refusals. */
static int guard_listener = -1;

static void reply(int chan, const struct jail_guard_reply *rep, int fd)
{
	struct jail_guard_reply notice;
	int rc = 0;

	if (guard_listener >= 0) {
		/* The refusal first: once answered, the caller may exit, and
		 * jailsh with it, before a later notice is read. */
		if (rep->refused[0]) {
			notice = *rep;
			notice.answered = true;
			notice.has_fd = false;
			rc = (int)send(chan, &notice, sizeof(notice), MSG_NOSIGNAL);
		}
		if (fd >= 0)
			jail_notify_respond_fd(guard_listener, rep->id, fd, rep->cloexec);
		else
			jail_notify_respond(guard_listener, rep->id, rep->rc);
	} else if (fd >= 0) {
		rc = jail_notify_send_fd(chan, fd, rep, sizeof(*rep));
	} else {
		rc = (int)send(chan, rep, sizeof(*rep), MSG_NOSIGNAL);
	}
	(void)rc;   /* the supervisor is gone: the next recv ends us */
}

/* Make call K with LIST protected and answer the supervisor. Returns
 * false, without answering, when the call may block and IN_CHILD is not
 * set: the caller then makes it again in a child. */
static bool make_call(int chan, const struct jail_guard_call *k,
		      const int fds[2], const struct jail_strlist *list,
		      bool in_child)
{
	struct jail_guard_reply rep = { .id = k->id, .tid = k->tid };

	umask(k->umask & 0777);
	if (k->op == JAIL_GUARD_OPEN)
		rep.rc = do_open(k, fds[0], list, in_child, &rep);
	else if (k->op == JAIL_GUARD_LINK || k->op == JAIL_GUARD_RENAME)
		rep.rc = do_move(k, fds[0], fds[1], list, &rep);
	else if (k->op >= JAIL_GUARD_CHMOD)
		rep.rc = jail_guard_meta(k, fds[0], &rep);
	else
		rep.rc = do_make(k, fds[0], list, &rep);
	if (rep.rc == MAKE_IN_CHILD)
		return false;
	reply(chan, &rep, rep.has_fd ? rep.rc : -1);
	if (rep.has_fd)
		close(rep.rc);
	return true;
}

/* Add the Landlock layer of the inner jail registered as BLOB. */
static int add_layer(const struct guard *g, const char *blob, unsigned len,
		     struct jail_strlist *list)
{
	struct jail_policy p;
	struct jail_error err = { 0 };
	struct jail_context c = *g->c;
	const char *token = blob, *tmpdir, *self_dir;
	int rc;

	tmpdir = token + strnlen(token, len) + 1;
	if (tmpdir >= blob + len)
		return -EINVAL;
	self_dir = tmpdir + strnlen(tmpdir, len - (unsigned)(tmpdir - blob)) + 1;
	if (self_dir >= blob + len)
		return -EINVAL;
	jail_policy_init(&p);
	rc = jail_policy_decode(&p, token, &err);
	c.policy = &p;
	c.tmpdir = tmpdir[0] ? tmpdir : NULL;
	c.self_dir = self_dir[0] ? self_dir : NULL;
	c.jobserver_fifo = NULL;
	c.private_tmp = NULL;
	c.hidden_masked = false;
	if (rc == 0)
		rc = jail_landlock_apply(&c, &err);
	if (rc == 0)
		rc = jail_guard_protected(&c, list);
	jail_policy_free(&p);
	return rc;
}

static void refuse(int chan, const struct jail_guard_call *k, int rc)
{
	struct jail_guard_reply rep = { .id = k->id, .tid = k->tid, .rc = rc };

	reply(chan, &rep, -1);
}

/* In a child of the guard's: die with the guard (a FIFO open may block
 * for ever; nothing of ours may outlive jailsh). */
static void die_with(pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != parent)
		_exit(0);
}

/* Make K here, or in a child when it may block, so that this process
 * goes on with other callers meanwhile. */
static void make_here(struct guard *g, const struct jail_guard_call *k,
		      const int fds[2])
{
	pid_t pid;

	pid_t self = getpid();

	if (make_call(g->chan, k, fds, &g->protect, false))
		return;
	pid = fork();
	if (pid == 0) {
		die_with(self);
		make_call(g->chan, k, fds, &g->protect, true);
		_exit(0);
	}
	if (pid < 0)
		refuse(g->chan, k, -EAGAIN);
}

static void serve(struct guard *g, int in);


/* A helper for the inner jails CHAIN: the guard's copy with their
 * Landlock layers added, serving the calls of their processes. */
static int start_helper(struct guard *g, const struct jail_guard_call *k,
			struct helper *h)
{
	int sv[2];
	pid_t pid;

	pid_t self = getpid();

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	pid = fork();
	if (pid == 0) {
		die_with(self);
		close(sv[0]);
		for (int i = 0; i < MAX_HELPERS; i++)
			if (g->helpers[i].chan >= 0)
				close(g->helpers[i].chan);
		for (unsigned i = 0; i < k->nregs; i++) {
			uint32_t s = k->regs[i];

			if (s >= MAX_SLOTS || g->reg[s] == NULL ||
			    add_layer(g, g->reg[s], g->reg_len[s], &g->protect) < 0)
				g->broken = true;   /* refuse every call */
		}
		g->layered = true;
		serve(g, sv[1]);
		_exit(0);
	}
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		return -EAGAIN;
	}
	h->chan = sv[0];
	h->nregs = k->nregs;
	memcpy(h->regs, k->regs, sizeof(h->regs));
	h->used = ++g->clock;
	return 0;
}

static void drop_helper(struct helper *h)
{
	if (h->chan >= 0)
		close(h->chan);     /* it ends after the calls queued */
	h->chan = -1;
}

/* The helper for K's chain of inner jails: cached, or a new one in
 * place of the least recently used. */
static struct helper *helper_for(struct guard *g, const struct jail_guard_call *k)
{
	struct helper *lru = &g->helpers[0];

	for (int i = 0; i < MAX_HELPERS; i++) {
		struct helper *h = &g->helpers[i];

		if (h->chan >= 0 && h->nregs == k->nregs &&
		    memcmp(h->regs, k->regs, k->nregs * sizeof(k->regs[0])) == 0) {
			h->used = ++g->clock;
			return h;
		}
		if (h->chan < 0 || (lru->chan >= 0 && h->used < lru->used))
			lru = h;
	}
	drop_helper(lru);
	return start_helper(g, k, lru) == 0 ? lru : NULL;
}

/* A caller inside inner jails: its chain's helper makes the call. */
static void make_in_helper(struct guard *g, const struct jail_guard_call *k,
			   const int fds[2])
{
	struct helper *h = helper_for(g, k);
	int nfds = fds[1] >= 0 ? 2 : 1;

	if (h == NULL || jail_notify_send_fds(h->chan, fds, nfds, k, sizeof(*k)) < 0) {
		if (h)
			drop_helper(h);
		refuse(g->chan, k, -EACCES);
	}
}

/* A registration replaces slot REG: helpers built on the old one go. */
static void on_register(struct guard *g, const struct jail_guard_reg *m, size_t n)
{
	if (n < offsetof(struct jail_guard_reg, blob) || m->reg >= MAX_SLOTS ||
	    m->len > sizeof(m->blob) || n < offsetof(struct jail_guard_reg, blob) + m->len)
		return;
	for (int i = 0; i < MAX_HELPERS; i++)
		for (unsigned j = 0; g->helpers[i].chan >= 0 && j < g->helpers[i].nregs; j++)
			if (g->helpers[i].regs[j] == m->reg)
				drop_helper(&g->helpers[i]);
	free(g->reg[m->reg]);
	g->reg[m->reg] = malloc(m->len + 1);
	if (g->reg[m->reg] == NULL)
		return;
	memcpy(g->reg[m->reg], m->blob, m->len);
	g->reg[m->reg][m->len] = '\0';
	g->reg_len[m->reg] = m->len;
}

static void on_call(struct guard *g, const struct jail_guard_call *k,
		    const int fds[2])
{
	if (k->nregs > JAIL_GUARD_MAX_REGS || g->broken)
		refuse(g->chan, k, -EACCES);
	else if (k->nregs > 0 && !g->layered)
		make_in_helper(g, k, fds);
	else
		make_here(g, k, fds);
}

/* Calls and registrations from IN until it closes. */
static void serve(struct guard *g, int in)
{
	static union {
		struct jail_guard_call call;
		struct jail_guard_reg reg;
		int kind;
	} m;

	for (;;) {
		int fds[2];
		ssize_t n = jail_notify_recv_fds(in, fds, 2, &m, sizeof(m));

		if (n <= 0)
			return;     /* the supervisor is gone */
		if (m.kind == JAIL_GUARD_MSG_LISTENER && guard_listener < 0 &&
		    !g->layered && fds[0] >= 0) {
			guard_listener = fds[0];
			fds[0] = -1;
		} else if (m.kind == JAIL_GUARD_MSG_REGISTER && !g->layered)
			on_register(g, &m.reg, (size_t)n);
		else if (m.kind == JAIL_GUARD_MSG_CALL && n == sizeof(m.call))
			on_call(g, &m.call, fds);
		for (int i = 0; i < 2; i++)
			if (fds[i] >= 0)
				close(fds[i]);
	}
}

/* The guard's own process: quiet, untraceable, only its channel open. */
static void become_guard(const struct jail_context *c, int chan, pid_t supervisor)
{
	static const int ignored[] = { SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGPIPE,
				       SIGTSTP, SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2 };
	struct sigaction sa = { .sa_handler = SIG_IGN, .sa_flags = SA_NOCLDWAIT };
	struct guard g = { .chan = 3, .c = c };
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	/* Die with jailsh, even when blocked where no EOF can reach us. */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != supervisor)
		_exit(1);
	clearenv();         /* nothing of the caller's environment is ours */
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		signal(ignored[i], SIG_IGN);
	sigaction(SIGCHLD, &sa, NULL);   /* helpers are reaped by the kernel */
	for (int fd = 0; fd < 3; fd++)
		if (null >= 0 && null != fd)
			dup2(null, fd);
	if (dup2(chan, 3) < 0)
		_exit(1);
	jail_sys_close_range(4, ~0u, 0);
	for (int i = 0; i < MAX_HELPERS; i++)
		g.helpers[i].chan = -1;
	if (jail_guard_protected(c, &g.protect) < 0)
		_exit(1);
	serve(&g, g.chan);
	_exit(0);
}

int jail_guard_start(const struct jail_context *c, int *channel)
{
	int sv[2];
	pid_t pid, supervisor;

	*channel = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	/* CLONE_PARENT: the supervisor's child, not ours (we become the
	 * command). The caller is single-threaded: a raw clone is a fork. */
	supervisor = getppid();
	pid = jail_sys_fork_sibling();
	if (pid == 0) {
		close(sv[0]);
		become_guard(c, sv[1], supervisor);
	}
	close(sv[1]);
	if (pid < 0) {
		int e = errno;

		close(sv[0]);
		return -e;
	}
	*channel = sv[0];
	return 0;
}
