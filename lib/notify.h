/* SPDX-License-Identifier: MIT */
/*
 * notify.h - seccomp user notification: the jailed side asks, the
 * unjailed supervisor names the access and answers.
 *
 * Enforce mode notifies only on calls the policy refuses anyway or that
 * are rare (socket() of a refused family, connect() when TCP ports are
 * granted): nothing on the hot path. Learn mode notifies on every file
 * and socket call the jail would judge, and always lets it continue.
 */
#ifndef JAIL_NOTIFY_H
#define JAIL_NOTIFY_H

#include <limits.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "context.h"

enum jail_access_op {
	JAIL_ACCESS_READ,       /* open for reading, list a directory */
	JAIL_ACCESS_EXEC,       /* execve */
	JAIL_ACCESS_WRITE,      /* open for writing, truncate */
	JAIL_ACCESS_CREATE,     /* make a file, directory, link, node; rename target */
	JAIL_ACCESS_REMOVE,     /* unlink, rmdir; rename source */
	JAIL_ACCESS_SOCKET,     /* socket(), socketpair() */
	JAIL_ACCESS_CONNECT,    /* connect() */
	JAIL_ACCESS_BIND,       /* bind() */
};

/* One access a jailed process attempted, as the supervisor decoded it. */
struct jail_access {
	enum jail_access_op op;
	int pid;                /* thread id, as seen by the supervisor */
	char prog[16];          /* its comm name */
	char path[PATH_MAX];    /* file ops: absolute, resolved; unix: socket path,
				 * "@name" for an abstract one */
	bool is_dir;            /* path is an existing directory */
	bool exists;            /* path exists (before the call) */
	int family, type, protocol;  /* socket ops */
	bool pair;              /* socketpair() rather than socket() */
	char addr[64];          /* inet: numeric address */
	unsigned port;          /* inet: port */
};

/* Called for each decoded access; return value ignored. */
typedef void (*jail_access_fn)(const struct jail_access *a, void *arg);

/* What the supervisor watches for; lives in the parent. */
struct jail_watch {
	bool learn;             /* learn mode: every call continues */
	jail_access_fn on_access;
	void *arg;
	bool attached;          /* set by jail_run: the listener arrived (false
				 * inside another supervisor: one per chain) */
	/* The creation guard refused to make PATH for PID because of the
	 * protected path PROTECTED, or ("" PROTECTED) to change the metadata
	 * of PATH, a file outside the jail's mount view (lib/guard.h). */
	void (*on_refused)(const char *path, const char *protected, int pid,
			   void *arg);
	/* The creation guard is gone while the command runs: every later
	 * watched call fails (ENOSYS). */
	void (*on_guard_gone)(void *arg);
};

/* Child side: the filter kinds JAIL_FILTER_ENFORCE and JAIL_FILTER_LEARN
 * (filter.h) send what is watched here; lib/filter_rules.c has the rules. */

/*
 * Parent side: receive one notification from LISTENER, decode it, call
 * W->on_access for each access in it (a rename gives two), and answer:
 * continue, or EACCES for a socket the filter refused (enforce mode).
 * Returns 0 (also when the caller died meanwhile) or -errno when the
 * listener cannot be read.
 */
int jail_notify_handle(const struct jail_watch *w, int listener);

/* The same in two steps: receive one notification (1, or 0 when there was
 * none after all, or -errno), then decode, report and answer it. */
int jail_notify_recv(int listener, struct seccomp_notif *req);
int jail_notify_answer(const struct jail_watch *w, int listener,
		       const struct seccomp_notif *req);

/* Answer notification ID with RC (>= 0: the call's value; < 0: -errno),
 * or with FD installed in the caller as the call's result (ADDFD; CLOEXEC
 * sets O_CLOEXEC on it). A caller gone meanwhile is ignored. */
void jail_notify_respond(int listener, uint64_t id, int rc);
void jail_notify_respond_fd(int listener, uint64_t id, int fd, bool cloexec);

/* Pass FD over the unix socket SOCK (SCM_RIGHTS) with DATA; receive it.
 * Return 0 / the bytes received, or -errno. *FD is -1 if none came. */
int jail_notify_send_fd(int sock, int fd, const void *data, size_t len);
int jail_notify_recv_fd(int sock, int *fd, void *data, size_t len);
/* The same with up to two descriptors; FDS[i] is -1 for each missing. */
int jail_notify_send_fds(int sock, const int *fds, int nfds, const void *data,
			 size_t len);
int jail_notify_recv_fds(int sock, int *fds, int max, void *data, size_t len);

#endif
