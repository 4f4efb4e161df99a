/* SPDX-License-Identifier: MIT */
/*
 * spawn.c - the unjailed parent: fork, learn whether the child reached
 * execve, forward signals, answer seccomp notifications, wait, and leave
 * no process behind.
 *
 * Guarantees: the command's exit status is reported as sh would; when the
 * jail fails in the child, the command never runs and the parent returns
 * the child's error; when jail_run returns, no descendant is alive.
 * The child talks to the parent over a SOCK_SEQPACKET pair: a failure
 * report, or (with a watch) the seccomp listener fd first; EOF means
 * execve succeeded.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "filter.h"
#include "guard.h"
#include "landlock.h"
#include "spawn.h"
#include "sys.h"

static const int forwarded[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH,
	SIGALRM, SIGCONT,
};
#define NFORWARDED (sizeof(forwarded) / sizeof(forwarded[0]))

/* Ignored by the supervisor, default again in the command. */
static const int survived[] = { SIGPIPE, SIGXFSZ, SIGXCPU };
#define NSURVIVED (sizeof(survived) / sizeof(survived[0]))

enum { REPORT_FAILURE, REPORT_LISTENER };

struct child_report {
	int kind;
	int stage;
	int rc;
	struct jail_error err;
};

/* Bytes of calls queued for the guard, at most, before the supervisor
 * stops taking notifications (about 12 calls): a send to the guard then
 * never blocks. */
#define GUARD_BACKLOG (100 * 1024)

/* What the parent's loop watches. */
struct loop {
	pid_t pid;
	int sigfd;              /* signalfd of the supervised set */
	int listener;           /* seccomp notifications, or -1 */
	struct jail_guard_client *guard;  /* the creation guard, or NULL */
	int report_fd;          /* the child's channel until EOF, or -1 */
	struct jail_watch *watch;
	struct child_report rep;
	bool got_report;
};

static void supervised_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (size_t i = 0; i < NFORWARDED; i++)
		sigaddset(set, forwarded[i]);
}

/*
 * No guard could be had: another supervisor holds the chain's one
 * listener, an outer jailsh's guard refused our registration, or
 * JAIL_GUARD=off. Protected names that do not exist yet could be made
 * and metadata changed through descriptors from outside the jail: enforce
 * mode refuses to run, best-effort says so.
 */
static int unguarded(const struct jail_run *r, struct jail_error *err)
{
	char why[160];

	if (r->no_guard)
		snprintf(why, sizeof(why), "JAIL_GUARD=off");
	else if (r->register_error)
		snprintf(why, sizeof(why), "the outer jailsh's guard did not take "
			 "this jail's registration: %s", strerror(r->register_error));
	else if (getenv("JAIL_DEPTH") && atoi(getenv("JAIL_DEPTH")) > 0)
		snprintf(why, sizeof(why), "the outer jailsh holds the listener and "
			 "runs without a creation guard (learn mode or JAIL_GUARD=off)");
	else
		snprintf(why, sizeof(why), "another seccomp supervisor (not a jailsh) "
			 "holds the listener");
	if (r->ctx.policy->mode != JAIL_MODE_BEST_EFFORT)
		return jail_error_set(err, EBUSY, NULL,
				      "protected names that do not exist yet and metadata "
				      "through descriptors from outside the jail would be "
				      "unguarded; run this jailsh outside that supervisor, or "
				      "use --mode best-effort",
				      "cannot start the creation guard (%s)", why);
	dprintf(2, "jailsh: best-effort: not enforced: guard (creating protected "
		"names that do not exist yet, metadata through descriptors from "
		"outside the jail): %s\n", why);
	return 0;
}

/* Load the filter of KIND with a listener; under another supervisor
 * (EBUSY) the plain one, and then the guard is not there. */
static int load_filter(const struct jail_run *mine, const struct jail_policy *fp,
		       enum jail_filter_kind kind, int *listener, int *guard,
		       struct jail_error *err)
{
	int rc = jail_filter_load_notify(fp, kind, listener, err);

	if (rc != -EBUSY)
		return rc;
	jail_error_clear(err);
	*listener = -1;
	if (*guard >= 0) {
		close(*guard);  /* the guard ends on EOF */
		*guard = -1;
	}
	rc = jail_filter_load(fp, err);
	if (rc == 0 && kind == JAIL_FILTER_GUARD)
		rc = unguarded(mine, err);
	return rc;
}

/*
 * With a watch: the jail without its filter, the creation guard (forked
 * now, so that the filter is not on it), then the filter with a
 * notification listener, which goes to the parent with the guard's
 * channel and is closed here before execve so that the command can never
 * answer its own calls.
 */
static int child_watched(struct jail_run *mine, int report_fd, int *stage,
			 struct jail_error *err)
{
	const struct child_report hello = { .kind = REPORT_LISTENER };
	struct jail_policy learn_policy;
	const struct jail_policy *fp = mine->ctx.policy;
	bool learn = mine->watch->learn, seccomp = mine->seccomp;
	enum jail_filter_kind kind = learn ? JAIL_FILTER_LEARN : JAIL_FILTER_ENFORCE;
	int listener = -1, guard = -1, rc;

	*stage = 1;
	if (learn) {
		/* Learn mode blocks nothing a grant could allow: no Landlock,
		 * no socket rule; the filter keeps io_uring, TIOCSTI, host
		 * syscalls and foreign ABIs refused. */
		learn_policy = *fp;
		learn_policy.net = JAIL_NET_ALL;
		fp = &learn_policy;
		mine->landlock = false;
	}
	mine->seccomp = false;
	rc = jail_child_apply(mine, err);
	/* Under an outer jailsh's guard (registered by jail_run) the outer
	 * one guards our creations too. */
	if (rc == 0 && seccomp && !learn && !mine->guarded_above && mine->no_guard)
		rc = unguarded(mine, err);   /* JAIL_GUARD=off: measuring */
	if (rc == 0 && seccomp && !learn && !mine->guarded_above && !mine->no_guard) {
		rc = jail_guard_start(&mine->ctx, &guard);
		if (rc < 0)
			jail_error_set(err, -rc, NULL, NULL,
				       "cannot start the creation guard");
		kind = JAIL_FILTER_GUARD;
		/* The command must not stop or kill its guard. */
		if (rc == 0 && mine->landlock)
			rc = jail_landlock_scope_signals(mine->ctx.kernel, err);
	}
	/* The kernel allows one listener per filter chain (EBUSY): inside an
	 * outer jail or under another supervisor, jail with the plain
	 * filter, unwatched. */
	if (rc == 0 && seccomp)
		rc = load_filter(mine, fp, kind, &listener, &guard, err);
	/* The guard answers its callers itself: it gets the listener too. */
	if (rc == 0 && guard >= 0) {
		const int msg = JAIL_GUARD_MSG_LISTENER;

		rc = jail_notify_send_fd(guard, listener, &msg, sizeof(msg));
		if (rc < 0)
			jail_error_set(err, -rc, NULL, NULL,
				       "cannot pass the seccomp listener to the creation guard");
	}
	if (rc == 0 && listener >= 0) {
		int fds[2] = { listener, guard };

		rc = jail_notify_send_fds(report_fd, fds, guard >= 0 ? 2 : 1,
					  &hello, sizeof(hello));
		if (rc < 0)
			jail_error_set(err, -rc, NULL, NULL,
				       "cannot pass the seccomp listener to the supervisor");
	}
	if (listener >= 0)
		close(listener);
	if (guard >= 0)
		close(guard);
	if (rc < 0)
		return rc;
	mine->jail = false;     /* applied above: only exec is left */
	return jail_child_exec(mine, stage, err);
}

static void child_main(const struct jail_run *r, int report_fd,
		       const sigset_t *old_mask, pid_t parent)
{
	struct jail_run mine = *r;
	struct child_report rep = { .kind = REPORT_FAILURE };

	/* Die with the supervisor rather than outlive it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != parent)
		_exit(JAIL_EXIT_SETUP);
	for (size_t i = 0; i < NFORWARDED; i++)
		signal(forwarded[i], SIG_DFL);
	for (size_t i = 0; i < NSURVIVED; i++)
		signal(survived[i], SIG_DFL);
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	mine.ctx.keep_fds[2] = report_fd;
	if (r->watch && r->jail)
		rep.rc = child_watched(&mine, report_fd, &rep.stage, &rep.err);
	else
		rep.rc = jail_child_exec(&mine, &rep.stage, &rep.err);
	if (write(report_fd, &rep, sizeof(rep)) < 0)
		_exit(JAIL_EXIT_SETUP);
	_exit(rep.stage == 1 ? JAIL_EXIT_SETUP :
	      rep.err.code == ENOENT ? JAIL_EXIT_NOTFOUND : JAIL_EXIT_NOEXEC);
}

/* Kill and reap every remaining descendant (all are ours: subreaper). */
static void reap_leftovers(void)
{
	char path[64], buf[4096];

	snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	for (;;) {
		jail_sys_read_text(path, buf, sizeof(buf));
		for (char *p = buf, *end; *p; p = end) {
			long pid = strtol(p, &end, 10);

			if (end == p)
				break;
			if (pid > 0)
				kill((pid_t)pid, SIGKILL);
		}
		if (waitpid(-1, NULL, 0) < 0 && errno == ECHILD)
			return;
	}
}

static int sh_status(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return JAIL_EXIT_SETUP;
}

/* A signal for the supervisor: forward it, or reap on SIGCHLD.
 * Returns 1 with *WSTATUS when the command itself ended. */
static int on_signal(struct loop *l, int *wstatus)
{
	struct signalfd_siginfo si;
	pid_t got;

	if (read(l->sigfd, &si, sizeof(si)) != (ssize_t)sizeof(si))
		return 0;
	if (si.ssi_signo != SIGCHLD) {
		/* The terminal already signalled our process group, which
		 * holds the child: do not deliver it twice. */
		if (!(si.ssi_code == SI_KERNEL && getpgid(l->pid) == getpgrp()))
			kill(l->pid, (int)si.ssi_signo);
		return 0;
	}
	while ((got = waitpid(-1, wstatus, WNOHANG)) > 0)
		if (got == l->pid)
			return 1;
	return 0;
}

/* One message from the child: the listener, a failure report, or EOF. */
static void on_report(struct loop *l)
{
	struct child_report rep;
	int fds[2], n = jail_notify_recv_fds(l->report_fd, fds, 2, &rep, sizeof(rep));

	if (n == (int)sizeof(rep) && rep.kind == REPORT_LISTENER && fds[0] >= 0 &&
	    l->listener < 0) {
		l->listener = fds[0];
		if (fds[1] >= 0)
			l->guard = jail_guard_client_new(fds[1], fds[0]);
		if (fds[1] >= 0 && l->guard == NULL)
			close(fds[1]);  /* no memory: creations are refused */
		if (l->watch)
			l->watch->attached = true;
		return;
	}
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	if (n == (int)sizeof(rep) && rep.kind == REPORT_FAILURE) {
		l->rep = rep;
		l->got_report = true;
	}
	close(l->report_fd);    /* EOF, a failure, or garbage: done */
	l->report_fd = -1;
}

/* One notification: a creation for the guard, or one to name. */
static int on_notification(struct loop *l)
{
	struct seccomp_notif req;
	int rc = jail_notify_recv(l->listener, &req);

	if (rc <= 0)
		return rc;
	/* Creations and metadata calls reach us in enforce mode only from
	 * the guard's filter: without the guard they are refused, never let
	 * through (learn mode lets every call continue). */
	if (jail_guard_wants(&req) && !(l->watch && l->watch->learn)) {
		if (l->guard == NULL) {
			jail_notify_respond(l->listener, req.id, -EACCES);
			return 0;
		}
		rc = jail_guard_forward(l->guard, &req);
		return rc < 0 ? rc : 0;
	}
	return jail_notify_answer(l->watch, l->listener, &req);
}

/* A message from the guard: a refusal to name (the guard answers its
 * callers itself). If the guard is gone, so is the listener: every
 * pending and later watched call fails with ENOSYS (refused). */
static void name_refusal(const struct loop *l, const struct jail_guard_refusal *r)
{
	if (r->target[0] && l->watch && l->watch->on_refused)
		l->watch->on_refused(r->target, r->foreign ? "" : r->protected, r->pid,
				     l->watch->arg);
}

/* After the command: the refusals still queued (the guard sends each
 * before it answers the caller, who may have exited since). */
static void drain_guard(const struct loop *l)
{
	static struct jail_guard_refusal r;

	while (l->guard && jail_guard_answer(l->guard, &r) == 0)
		name_refusal(l, &r);
}

static void on_guard(struct loop *l)
{
	static struct jail_guard_refusal r;
	int rc = jail_guard_answer(l->guard, &r);

	if (rc == -EAGAIN)
		return;         /* nothing queued after all */
	if (rc < 0) {
		if (l->watch && l->watch->on_guard_gone)
			l->watch->on_guard_gone(l->watch->arg);
		jail_guard_client_free(l->guard);
		l->guard = NULL;
		close(l->listener);
		l->listener = -1;
		return;
	}
	name_refusal(l, &r);
}

/* Wait for the command, forwarding signals and answering notifications;
 * returns its wait status. */
static int supervise(struct loop *l)
{
	for (;;) {
		bool busy = l->guard && jail_guard_backlog(l->guard) > GUARD_BACKLOG;
		struct pollfd pfd[4] = {
			{ .fd = l->sigfd, .events = POLLIN },
			{ .fd = busy ? -1 : l->listener, .events = POLLIN },
			{ .fd = l->report_fd, .events = POLLIN },
			{ .fd = l->guard ? jail_guard_channel(l->guard) : -1,
			  .events = POLLIN },
		};
		int wstatus;

		if (poll(pfd, 4, busy ? 2 : -1) < 0)
			continue;
		if (pfd[3].revents)
			on_guard(l);
		if (l->listener < 0)
			pfd[1].revents = 0;
		if (pfd[1].revents & POLLIN) {
			if (on_notification(l) < 0)
				pfd[1].revents |= POLLERR;
		}
		if (pfd[1].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			/* No process is left under the filter, or the channel
			 * broke: pending calls get ENOSYS (still refused). */
			close(l->listener);
			l->listener = -1;
			jail_guard_client_free(l->guard);
			l->guard = NULL;
		}
		if (pfd[2].revents)
			on_report(l);
		if ((pfd[0].revents & POLLIN) && on_signal(l, &wstatus))
			return wstatus;
	}
}

/*
 * A directory on 0, 1 or 2 was opened outside the jail, on a host mount:
 * calls relative to it (openat(0, ".git/config")) would bypass the jail's
 * read-only view and masks. Refuse it.
 */
static int check_std_fds(struct jail_error *err)
{
	static const char *const names[] = { "input", "output", "error" };
	char link[64], path[PATH_MAX];
	struct stat st;

	for (int fd = 0; fd < 3; fd++) {
		ssize_t n;

		if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		n = readlink(link, path, sizeof(path) - 1);
		path[n > 0 ? n : 0] = '\0';
		return jail_error_set(err, EISDIR, path,
				      "redirect it from a file or /dev/null",
				      "standard %s is a directory opened outside the jail "
				      "(it would bypass the jail's view)", names[fd]);
	}
	return 0;
}

int jail_run(const struct jail_run *r_in, int *status, struct jail_error *err)
{
	sigset_t set, old;
	struct loop l = { .sigfd = -1, .listener = -1, .watch = r_in->watch };
	struct jail_run run = *r_in;
	const struct jail_run *r = &run;
	int sv[2], wstatus;
	pid_t parent = getpid();

	*status = JAIL_EXIT_SETUP;
	if (r->jail && check_std_fds(err) < 0)
		return -EISDIR;
	/* Inside an outer jailsh with a guard: it guards our processes'
	 * creations, with our policy's layer added. */
	if (r->jail && r->seccomp && r->watch && !r->watch->learn) {
		int reg = jail_guard_register(&r->ctx);

		run.guarded_above = reg == 1;
		run.register_error = reg < 0 ? -reg : 0;
	}
	/* JAIL_GUARD=off: as if no guard could run (enforce then refuses to
	 * run, best-effort says so); for measuring its cost. */
	run.no_guard = getenv("JAIL_GUARD") && strcmp(getenv("JAIL_GUARD"), "off") == 0;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return jail_error_set(err, errno, NULL, NULL,
				      "cannot create a socket pair");
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	/* The supervisor must outlive its command: a closed stderr pipe or
	 * a file-size or CPU limit must not kill it (and with it the
	 * clean-up). The child restores them before exec. */
	for (size_t i = 0; i < NSURVIVED; i++)
		signal(survived[i], SIG_IGN);
	supervised_set(&set);
	sigprocmask(SIG_BLOCK, &set, &old);
	l.sigfd = signalfd(-1, &set, SFD_CLOEXEC);
	l.pid = l.sigfd < 0 ? -1 : fork();
	if (l.pid < 0) {
		int e = errno;

		sigprocmask(SIG_SETMASK, &old, NULL);
		if (l.sigfd >= 0)
			close(l.sigfd);
		close(sv[0]);
		close(sv[1]);
		return jail_error_set(err, e, NULL, NULL, "cannot fork");
	}
	if (l.pid == 0) {
		close(sv[0]);
		child_main(r, sv[1], &old, parent);
	}
	close(sv[1]);
	l.report_fd = sv[0];
	/* The first message decides: a listener to watch, a failure, EOF. */
	on_report(&l);
	wstatus = supervise(&l);
	drain_guard(&l);
	reap_leftovers();
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(l.sigfd);
	jail_guard_client_free(l.guard);
	if (l.listener >= 0)
		close(l.listener);
	if (l.report_fd >= 0) {  /* the command ended before EOF reached us */
		on_report(&l);
		if (l.report_fd >= 0)
			close(l.report_fd);
	}
	*status = sh_status(wstatus);
	if (l.got_report) {
		if (err)
			*err = l.rep.err;
		return l.rep.rc < 0 ? l.rep.rc : -EIO;
	}
	return 0;
}
