/* SPDX-License-Identifier: MIT */
/*
 * guard.h - protected names that do not exist yet: the creation guard.
 *
 * A mount can cover only an existing path, so `.envrc`, `.vscode` or a
 * `.git` that a writable root does not have yet could be created by a
 * jailed command. The guard closes that without a race:
 *   - the filter (JAIL_FILTER_GUARD) sends every call that makes a name
 *     (open with O_CREAT, creat, mkdir, mknod, link, symlink, rename) to
 *     the supervisor's listener; openat2 fails with ENOSYS (its flags are
 *     behind a pointer) and callers fall back to openat;
 *   - the supervisor (unjailed, an ancestor of every jailed process) reads
 *     the path once from the caller and opens the caller's starting
 *     directory (/proc/TID/cwd, /proc/TID/fd/N) as an O_PATH descriptor;
 *   - it hands both to the guard process, which lives inside the jail
 *     (same mount view, same Landlock domain, no capabilities): the guard
 *     resolves the path itself, refuses a protected target, and otherwise
 *     makes the call on what it resolved; it holds a copy of the listener
 *     and answers the caller itself (SECCOMP_IOCTL_NOTIF_ADDFD for a new
 *     descriptor); the supervisor hears only of refusals, to name them.
 *   - metadata calls (chmod, chown, utimensat, xattrs) go the same way
 *     (lib/guard_meta.c): a target on a mount outside the jail's view (a
 *     descriptor from outside, or a /proc link to one) is refused.
 * The caller's memory is read once; nothing it changes later matters. The
 * kernel still decides every call, with the jail's own Landlock domain.
 *
 * An inner jailsh (a jailed command running jailsh again) cannot have a
 * listener of its own (one per filter chain). It registers its policy
 * with the outer supervisor instead (jail_guard_register): the calls of
 * its processes are then made by a helper that adds the inner policy's
 * Landlock layer, so the inner jail stays as narrow as it asked.
 */
#ifndef JAIL_GUARD_H
#define JAIL_GUARD_H

#include <limits.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "context.h"
#include "error.h"
#include "strlist.h"

#define JAIL_GUARD_MAX_REGS 8   /* nested jails around one caller */
#define JAIL_GUARD_MAX_SLOTS 256  /* inner jails registered at once */

/* The registration call: mkdirat() on this invalid descriptor with this
 * mode; the kernel fails it with EBADF where no guard listens. */
#define JAIL_GUARD_REGISTER_FD  (-0x4a41)
#define JAIL_GUARD_REGISTER_MODE 0x4a41

enum jail_guard_op {
	JAIL_GUARD_OPEN, JAIL_GUARD_MKDIR, JAIL_GUARD_MKNOD,
	JAIL_GUARD_SYMLINK, JAIL_GUARD_LINK, JAIL_GUARD_RENAME,
	/* metadata: on a path, or on a descriptor (ON_FD) */
	JAIL_GUARD_CHMOD, JAIL_GUARD_CHOWN, JAIL_GUARD_UTIMENS,
	JAIL_GUARD_SETXATTR, JAIL_GUARD_REMOVEXATTR,
};

/* xattr values the guard carries (path2 holds name NUL value). */
#define JAIL_GUARD_XATTR_NAME 256
#define JAIL_GUARD_XATTR_VALUE (PATH_MAX - JAIL_GUARD_XATTR_NAME)

enum jail_guard_msg {
	JAIL_GUARD_MSG_CALL = 1, JAIL_GUARD_MSG_REGISTER,
	JAIL_GUARD_MSG_LISTENER,        /* the listener travels alongside */
};

/* Supervisor -> guard: one call to make. Descriptors travel alongside:
 * the starting directory of PATH, then (link, rename) of PATH2. */
struct jail_guard_call {
	int kind;               /* JAIL_GUARD_MSG_CALL */
	uint64_t id;            /* the notification */
	int op;                 /* enum jail_guard_op */
	int tid;                /* the caller: /proc/self is /proc/TID */
	int flags;              /* open, linkat or renameat2 flags */
	unsigned mode, umask;
	uint64_t dev;
	unsigned nregs;         /* inner jails around the caller, outermost first */
	uint32_t regs[JAIL_GUARD_MAX_REGS];
	/* metadata calls */
	bool on_fd;             /* the descriptor passed is the target itself */
	bool nofollow;          /* a last symlink is the target, not followed */
	bool has_times;         /* utimensat with TIMES (else: now) */
	uint32_t uid, gid;      /* chown; (uint32_t)-1 keeps one */
	struct timespec times[2];
	unsigned xsize;         /* setxattr: value size */
	char path[PATH_MAX];    /* the name made, or the metadata target */
	char path2[PATH_MAX];   /* link/rename: the old name; symlink: the
				 * target; xattrs: name NUL, value at
				 * JAIL_GUARD_XATTR_NAME */
};

/* Supervisor -> guard: an inner jail's policy (context fields the
 * Landlock layer needs). */
struct jail_guard_reg {
	int kind;               /* JAIL_GUARD_MSG_REGISTER */
	uint32_t reg;
	unsigned len;           /* of BLOB; only that much is sent */
	char blob[16384];       /* token NUL tmpdir NUL self_dir NUL */
};

/* Guard -> supervisor: the result, when the guard could not answer the
 * caller itself (ANSWERED false; a descriptor travels with a fd result),
 * or a refusal to name. */
struct jail_guard_reply {
	uint64_t id;
	bool answered;          /* the guard answered the caller already */
	int rc;                 /* >= 0, or -errno */
	int tid;                /* the caller, for the refusal line */
	bool has_fd, cloexec;
	bool foreign;           /* metadata refused: a file outside the view */
	char refused[PATH_MAX]; /* the target refused, or "" */
	char protected[PATH_MAX];  /* the protected path it hit */
};

/* ---- inside the jail: the guard process ---- */

/*
 * Fork the guard (as the supervisor's child: CLONE_PARENT) after the
 * jail is applied and before the filter. *CHANNEL gets the supervisor's end of its socket pair.
 * Returns 0 or -errno.
 */
int jail_guard_start(const struct jail_context *c, int *channel);

/*
 * Resolve PATH from directory DIR the way the caller TID would, with
 * every symlink followed in user space, /proc/self read as /proc/TID.
 * FOLLOW: follow a symlink in the last component too. On success *PARENT
 * gets an O_PATH descriptor of the directory that holds the last
 * component and BASE (size PATH_MAX) its name, trailing slash kept.
 * Returns 0 or -errno (what the kernel would have said).
 */
int jail_guard_walk(int dir, const char *path, int tid, bool follow,
		    int *parent, char *base);
/* The same; SEEN (if not NULL) gets the canonical path of every symlink
 * followed (a protected name may be a symlink: what it leads to is then
 * protected through it). */
int jail_guard_walk_seen(int dir, const char *path, int tid, bool follow,
			 int *parent, char *base, struct jail_strlist *seen);

/* Is FD on procfs? */
bool jail_guard_on_procfs(int fd);

/*
 * Make metadata call K (chmod, chown, utimensat, xattrs) on its target:
 * DIR is the target itself when K->on_fd, else where K->path starts. A
 * target on a mount that is not the jail's (a descriptor from outside, or
 * a /proc link to one) is refused: -EROFS, REP->refused and ->foreign
 * set. Returns 0 or -errno (the call's).
 */
int jail_guard_meta(const struct jail_guard_call *k, int dir,
		    struct jail_guard_reply *rep);

/*
 * The protected paths a call must not make, as canonical paths (the
 * existing ones are bound read-only already; these are the ones a mount
 * cannot cover). Filled from C's policy. Returns 0 or -ENOMEM.
 */
int jail_guard_protected(const struct jail_context *c, struct jail_strlist *out);

/* Is TARGET (canonical) protected by LIST: equal to or beneath an entry,
 * or (ANCESTOR) an ancestor of one? */
const char *jail_guard_check(const struct jail_strlist *list,
			     const char *target, bool ancestor);

/* ---- the supervisor ---- */

struct jail_guard_client;

/* Create / free the supervisor's side of a guard reached on CHANNEL. */
struct jail_guard_client *jail_guard_client_new(int channel, int listener);
void jail_guard_client_free(struct jail_guard_client *g);

/* The channel to poll for the guard's messages; the bytes of calls sent
 * to the guard and not read by it yet. */
int jail_guard_channel(const struct jail_guard_client *g);
int jail_guard_backlog(const struct jail_guard_client *g);

/* Is REQ a call for the guard (a creation, or a registration)? */
bool jail_guard_wants(const struct seccomp_notif *req);

/*
 * Handle REQ: forward a creation to the guard (returns 1: an answer will
 * come), record a registration, or answer at once when the caller cannot
 * be read (returns 0). Returns -errno when the guard is gone (the caller
 * is then answered with EACCES).
 */
int jail_guard_forward(struct jail_guard_client *g, const struct seccomp_notif *req);

/* What the guard refused, for the refusal line. */
struct jail_guard_refusal {
	int pid;                        /* the caller */
	bool foreign;                   /* metadata of a file outside the view */
	char target[PATH_MAX];          /* "" when nothing was refused */
	char protected[PATH_MAX];       /* the protected path it hit */
};

/* One reply from the guard: answer the caller; fill R. Returns 0, or
 * -errno when the channel is closed. */
int jail_guard_answer(struct jail_guard_client *g, struct jail_guard_refusal *r);

/* ---- an inner jailsh ---- */

/*
 * Register C's policy with the guard of an outer jail, if one listens:
 * the calls of this process's descendants then get C's Landlock layer
 * too. Returns 1 when registered, 0 when no guard listens, -errno on
 * failure.
 */
int jail_guard_register(const struct jail_context *c);

#endif
