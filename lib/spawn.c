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
#include <sys/wait.h>
#include <unistd.h>

#include "filter.h"
#include "spawn.h"

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

/* What the parent's loop watches. */
struct loop {
	pid_t pid;
	int sigfd;              /* signalfd of the supervised set */
	int listener;           /* seccomp notifications, or -1 */
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
 * With a watch: the jail without its filter, then the filter with a
 * notification listener, which goes to the parent and is closed here
 * before execve so that the command can never answer its own calls.
 */
static int child_watched(struct jail_run *mine, int report_fd, int *stage,
			 struct jail_error *err)
{
	const struct child_report hello = { .kind = REPORT_LISTENER };
	struct jail_policy learn_policy;
	const struct jail_policy *fp = mine->ctx.policy;
	bool learn = mine->watch->learn, seccomp = mine->seccomp;
	int listener = -1, rc;

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
	if (rc == 0 && seccomp) {
		rc = jail_filter_load_notify(fp, learn ? JAIL_FILTER_LEARN :
					     JAIL_FILTER_ENFORCE, &listener, err);
		/* The kernel allows one listener per filter chain (EBUSY):
		 * inside an outer jail or under another supervisor, jail with
		 * the plain filter, unwatched. */
		if (rc == -EBUSY) {
			jail_error_clear(err);
			listener = -1;
			rc = jail_filter_load(fp, err);
		}
	}
	if (rc == 0 && listener >= 0) {
		rc = jail_notify_send_fd(report_fd, listener, &hello, sizeof(hello));
		if (rc < 0)
			jail_error_set(err, -rc, NULL, NULL,
				       "cannot pass the seccomp listener to the supervisor");
	}
	if (listener >= 0)
		close(listener);
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
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

		if (fd >= 0)
			close(fd);
		buf[n > 0 ? n : 0] = '\0';
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
	int fd, n = jail_notify_recv_fd(l->report_fd, &fd, &rep, sizeof(rep));

	if (n == (int)sizeof(rep) && rep.kind == REPORT_LISTENER && fd >= 0 &&
	    l->listener < 0) {
		l->listener = fd;
		if (l->watch)
			l->watch->attached = true;
		return;
	}
	if (fd >= 0)
		close(fd);
	if (n == (int)sizeof(rep) && rep.kind == REPORT_FAILURE) {
		l->rep = rep;
		l->got_report = true;
	}
	close(l->report_fd);    /* EOF, a failure, or garbage: done */
	l->report_fd = -1;
}

/* Wait for the command, forwarding signals and answering notifications;
 * returns its wait status. */
static int supervise(struct loop *l)
{
	for (;;) {
		struct pollfd pfd[3] = {
			{ .fd = l->sigfd, .events = POLLIN },
			{ .fd = l->listener, .events = POLLIN },
			{ .fd = l->report_fd, .events = POLLIN },
		};
		int wstatus;

		if (poll(pfd, 3, -1) < 0)
			continue;
		if (pfd[1].revents & POLLIN) {
			if (jail_notify_handle(l->watch, l->listener) < 0)
				pfd[1].revents |= POLLERR;
		}
		if (pfd[1].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			/* No process is left under the filter, or the channel
			 * broke: pending calls get ENOSYS (still refused). */
			close(l->listener);
			l->listener = -1;
		}
		if (pfd[2].revents)
			on_report(l);
		if ((pfd[0].revents & POLLIN) && on_signal(l, &wstatus))
			return wstatus;
	}
}

int jail_run(const struct jail_run *r, int *status, struct jail_error *err)
{
	sigset_t set, old;
	struct loop l = { .sigfd = -1, .listener = -1, .watch = r->watch };
	int sv[2], wstatus;
	pid_t parent = getpid();

	*status = JAIL_EXIT_SETUP;
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
	reap_leftovers();
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(l.sigfd);
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
