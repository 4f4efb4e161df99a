/* SPDX-License-Identifier: MIT */
/*
 * spawn.c - the unjailed parent: fork, learn whether the child reached
 * execve, forward signals, wait, and leave no process behind.
 *
 * Guarantees: the command's exit status is reported as sh would; when the
 * jail fails in the child, the command never runs and the parent returns
 * the child's error; when jail_run returns, no descendant is alive.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spawn.h"

static const int forwarded[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH,
	SIGALRM, SIGCONT,
};
#define NFORWARDED (sizeof(forwarded) / sizeof(forwarded[0]))

struct child_report {
	int stage;
	int rc;
	struct jail_error err;
};

static void supervised_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (size_t i = 0; i < NFORWARDED; i++)
		sigaddset(set, forwarded[i]);
}

static void child_main(const struct jail_run *r, int report_fd,
		       const sigset_t *old_mask, pid_t parent)
{
	struct jail_run mine = *r;
	struct child_report rep = { 0 };

	/* Die with the supervisor rather than outlive it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != parent)
		_exit(JAIL_EXIT_SETUP);
	for (size_t i = 0; i < NFORWARDED; i++)
		signal(forwarded[i], SIG_DFL);
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	mine.ctx.keep_fds[2] = report_fd;
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

/* Wait for PID, forwarding signals; returns its wait status. */
static int supervise(pid_t pid, const sigset_t *set)
{
	for (;;) {
		siginfo_t si;
		int sig = sigwaitinfo(set, &si), wstatus;
		pid_t got;

		if (sig < 0)
			continue;
		if (sig != SIGCHLD) {
			/* The terminal already signalled our process group,
			 * which holds the child: do not deliver it twice. */
			if (!(si.si_code == SI_KERNEL && getpgid(pid) == getpgrp()))
				kill(pid, sig);
			continue;
		}
		while ((got = waitpid(-1, &wstatus, WNOHANG)) > 0)
			if (got == pid)
				return wstatus;
	}
}

static int read_report(int fd, struct child_report *rep)
{
	ssize_t n;

	do
		n = read(fd, rep, sizeof(*rep));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(*rep);
}

int jail_run(const struct jail_run *r, int *status, struct jail_error *err)
{
	sigset_t set, old;
	struct child_report rep;
	int pipefd[2], wstatus, got_report;
	pid_t pid, parent = getpid();

	*status = JAIL_EXIT_SETUP;
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return jail_error_set(err, errno, NULL, NULL, "cannot create a pipe");
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	supervised_set(&set);
	sigprocmask(SIG_BLOCK, &set, &old);
	pid = fork();
	if (pid < 0) {
		int e = errno;

		sigprocmask(SIG_SETMASK, &old, NULL);
		close(pipefd[0]);
		close(pipefd[1]);
		return jail_error_set(err, e, NULL, NULL, "cannot fork");
	}
	if (pid == 0) {
		close(pipefd[0]);
		child_main(r, pipefd[1], &old, parent);
	}
	close(pipefd[1]);
	got_report = read_report(pipefd[0], &rep);
	close(pipefd[0]);
	wstatus = supervise(pid, &set);
	reap_leftovers();
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (got_report) {
		if (err)
			*err = rep.err;
		*status = sh_status(wstatus);
		return rep.rc < 0 ? rep.rc : -EIO;
	}
	*status = sh_status(wstatus);
	return 0;
}
