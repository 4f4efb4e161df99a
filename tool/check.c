/* SPDX-License-Identifier: MIT */
/*
 * check.c - jailsh --check: does this kernel enforce the jail?
 *
 * For each class of escape, three forked children:
 *   1. unjailed, the escape itself: if even that fails, the kernel lacks
 *      the feature and there is nothing to enforce ("not available");
 *   2. jailed with the default policy, the allowed twin (write inside
 *      the writable root, read a visible file, socketpair ...): it must
 *      work, or the check proves nothing;
 *   3. the same jailed child then tries the escape: it must fail.
 * The jail is the real one (jail_child_apply), with a fresh temporary
 * directory as writable root and a temporary file hidden. Every escape is
 * harmless by construction: files live in that directory, sockets are
 * only created, host-changing calls get bad pointers, the injected
 * terminal character goes to a pseudo-terminal made for the check.
 * Exit status: 0 all enforced (or not available), 1 something is not
 * enforced or inconclusive, 125 the check could not be set up.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/io_uring.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi.h"
#include "jailsh.h"
#include "spawn.h"
#include "tmpdir.h"

#include "check.h"

/* ---- running the attempts ---- */

enum { MSG_SETUP, MSG_TWIN, MSG_ESCAPE };

struct msg {
	int kind;
	int err;
	char what[200];
};

struct result {
	bool setup_failed, twin_seen, escape_seen;
	int setup_err, twin_err, escape_err;
	int sig;                   /* the child was killed by this signal */
	char what[200];
};

static void send_msg(int fd, int kind, int err, const char *what)
{
	struct msg m = { .kind = kind, .err = err };

	snprintf(m.what, sizeof(m.what), "%s", what ? what : "");
	if (write(fd, &m, sizeof(m)) != (ssize_t)sizeof(m))
		_exit(JAIL_EXIT_SETUP);
}

/* The pty slave becomes stdin and the controlling terminal. */
static int take_tty(const struct scene *s)
{
	if (setsid() < 0 || dup2(s->tty, 0) < 0)
		return errno;
	return ioctl(0, TIOCSCTTY, 0) < 0 ? errno : 0;
}

static void attempt_child(const struct check *c, const struct scene *s,
			  const struct jail_run *r, int fd)
{
	struct jail_error err = { 0 };
	int e;

	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (c->needs_tty && (e = take_tty(s)) != 0) {
		send_msg(fd, MSG_SETUP, e, "cannot take the pseudo-terminal");
		_exit(0);
	}
	if (r) {
		struct jail_run mine = *r;

		mine.ctx.keep_fds[0] = fd;
		if (chdir(s->root) < 0 || jail_child_apply(&mine, &err) < 0) {
			send_msg(fd, MSG_SETUP, err.code ? err.code : errno,
				 err.what[0] ? err.what : "cannot enter the writable root");
			_exit(0);
		}
		send_msg(fd, MSG_TWIN, c->twin(s), NULL);
	}
	/* Last: a refused foreign-ABI call kills this process. */
	send_msg(fd, MSG_ESCAPE, c->escape(s), NULL);
	_exit(0);
}

/* Run C's twin and escape in a child, jailed by R (NULL: unjailed). */
static void attempt(const struct check *c, const struct scene *s,
		    const struct jail_run *r, struct result *res)
{
	struct msg m;
	int pipefd[2], ws;
	pid_t pid;

	memset(res, 0, sizeof(*res));
	res->setup_failed = true;
	res->setup_err = EIO;
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		attempt_child(c, s, r, pipefd[1]);
	}
	close(pipefd[1]);
	if (pid < 0) {
		res->setup_err = errno;
		close(pipefd[0]);
		return;
	}
	res->setup_failed = false;
	while (read(pipefd[0], &m, sizeof(m)) == (ssize_t)sizeof(m)) {
		if (m.kind == MSG_SETUP) {
			res->setup_failed = true;
			res->setup_err = m.err;
			snprintf(res->what, sizeof(res->what), "%s", m.what);
		} else if (m.kind == MSG_TWIN) {
			res->twin_seen = true;
			res->twin_err = m.err;
		} else {
			res->escape_seen = true;
			res->escape_err = m.err;
		}
	}
	close(pipefd[0]);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(ws))
		res->sig = WTERMSIG(ws);
}

static const char *err_name(int e)
{
	const char *n = strerrorname_np(e);

	return n ? n : "an unknown errno";
}

/* What the kernel lacks for CONTROL, or NULL if it has it. */
static const char *kernel_gap(const char *control, const struct jail_kernel *k,
			      char *buf, size_t len)
{
	for (const struct jail_control *c = jail_controls; control && c->name; c++) {
		if (strcmp(c->name, control) != 0 || jail_control_enforced(c, k))
			continue;
		if (c->min_abi == 0)
			snprintf(buf, len, "kernel lacks seccomp filters");
		else
			snprintf(buf, len, "kernel lacks Landlock ABI %d, Linux %s",
				 c->min_abi, c->linux);
		return buf;
	}
	return NULL;
}

enum verdict { V_ENFORCED, V_UNAVAILABLE, V_NOT_ENFORCED, V_SETUP };

static enum verdict judge(FILE *out, const struct check *c,
			  const struct jail_kernel *k, const struct result *base,
			  const struct result *jail, bool landed)
{
	char gap[128];
	const char *why;

	fprintf(out, "  %-26s ", c->name);
	if (base->setup_failed || base->sig || !base->escape_seen ||
	    base->escape_err) {
		fprintf(out, "not available (%s%s%s)\n",
			base->setup_failed ? base->what : c->lacks,
			c->control || base->setup_failed ? ": " : "",
			base->setup_failed ? err_name(base->setup_err) :
			!c->control ? "" : base->sig ? strsignal(base->sig) :
			err_name(base->escape_err));
		return V_UNAVAILABLE;
	}
	if (jail->setup_failed) {
		fprintf(out, "cannot set up the jail (%s: %s)\n", jail->what,
			strerror(jail->setup_err));
		return V_SETUP;
	}
	if (!jail->twin_seen || jail->twin_err) {
		fprintf(out, "NOT ENFORCED? inconclusive: the allowed twin failed (%s)\n",
			jail->twin_seen ? err_name(jail->twin_err) :
			jail->sig ? strsignal(jail->sig) : "no answer");
		return V_NOT_ENFORCED;
	}
	if (jail->escape_seen && jail->escape_err == 0 && !landed) {
		fprintf(out, "enforced (absorbed: the host did not change)\n");
		return V_ENFORCED;
	}
	if (jail->escape_seen && jail->escape_err == 0) {
		why = kernel_gap(c->control, k, gap, sizeof(gap));
		fprintf(out, "NOT ENFORCED (%s)\n",
			why ? why : "a jail bug: please report it");
		return V_NOT_ENFORCED;
	}
	if (jail->escape_seen)
		fprintf(out, "enforced (%s)\n", err_name(jail->escape_err));
	else
		fprintf(out, "enforced (killed by %s)\n",
			jail->sig == SIGSYS ? "SIGSYS" : strsignal(jail->sig));
	return V_ENFORCED;
}

/* ---- the scene ---- */

static int write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "we");

	if (f == NULL)
		return -errno;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -errno;
}

/* Undo what a baseline or an escape did, so the next one starts clean. */
static void reset_scene(const struct scene *s)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%.*s/escape", PATH_MAX - 8, s->outside);
	unlink(path);
	write_text(s->victim, "victim\n");
}

static void open_tty(struct scene *s)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	char *name;

	s->tty = -1;
	s->tty_err = 0;
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    (name = ptsname(master)) == NULL ||
	    (s->tty = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		s->tty_err = errno;
	/* The master stays open (leaked to exit) so the slave keeps working. */
}

static int make_scene(struct scene *s, struct jail_error *err)
{
	int rc = jail_tmpdir_create(NULL, s->base, err);

	if (rc < 0)
		return rc;
	snprintf(s->root, sizeof(s->root), "%.*s/root", PATH_MAX - 16, s->base);
	snprintf(s->outside, sizeof(s->outside), "%.*s/outside", PATH_MAX - 16, s->base);
	snprintf(s->file, sizeof(s->file), "%.*s/file", PATH_MAX - 16, s->root);
	snprintf(s->victim, sizeof(s->victim), "%.*s/victim", PATH_MAX - 16, s->outside);
	snprintf(s->visible, sizeof(s->visible), "%.*s/visible", PATH_MAX - 16, s->outside);
	snprintf(s->hidden, sizeof(s->hidden), "%.*s/hidden", PATH_MAX - 16, s->outside);
	if (mkdir(s->root, 0700) < 0 || mkdir(s->outside, 0700) < 0 ||
	    (rc = write_text(s->file, "inside\n")) < 0 ||
	    (rc = write_text(s->victim, "victim\n")) < 0 ||
	    (rc = write_text(s->visible, "visible\n")) < 0 ||
	    (rc = write_text(s->hidden, "secret\n")) < 0)
		return jail_error_set(err, rc < 0 ? -rc : errno, s->base, NULL,
				      "cannot prepare the check directory");
	open_tty(s);
	return 0;
}

static int default_policy(struct jail_policy *p, const struct scene *s,
			  struct jail_error *err)
{
	int rc = jail_policy_add_path(p, JAIL_PATH_WRITE, s->root, NULL, NULL, err);

	if (rc == 0)
		rc = jail_policy_add_path(p, JAIL_PATH_HIDE, s->hidden, NULL, NULL, err);
	if (rc == 0)
		rc = jail_policy_finish(p, s->root, getenv("HOME"), err);
	return rc;
}

static int run_checks(FILE *out, const struct scene *s, const struct jail_run *r)
{
	int n[V_SETUP + 1] = { 0 };

	for (const struct check *c = jailsh_checks; c->name; c++) {
		struct result base, jail;
		enum verdict v;

		if (c->needs_tty && s->tty < 0) {
			fprintf(out, "  %-26s not available (cannot open a pseudo-terminal: %s)\n",
				c->name, err_name(s->tty_err));
			n[V_UNAVAILABLE]++;
			continue;
		}
		attempt(c, s, NULL, &base);
		reset_scene(s);
		attempt(c, s, r, &jail);
		v = judge(out, c, r->ctx.kernel, &base, &jail,
			  c->landed == NULL || c->landed(s));
		n[v]++;
		reset_scene(s);
	}
	fprintf(out, "jailsh --check: %d enforced, %d not available, %d NOT ENFORCED%s\n",
		n[V_ENFORCED], n[V_UNAVAILABLE], n[V_NOT_ENFORCED],
		n[V_SETUP] ? ", the jail could not be set up" : "");
	if (n[V_SETUP])
		return JAIL_EXIT_SETUP;
	return n[V_NOT_ENFORCED] ? 1 : 0;
}

int jailsh_check(const struct jail_policy *user_policy, FILE *out)
{
	struct scene s = { .tty = -1 };
	struct jail_policy p;
	struct jail_kernel k;
	struct jail_error err = { 0 };
	struct jail_run run = { .jail = true };
	struct utsname u;
	int status = JAIL_EXIT_SETUP;

	/* The self-test always uses the default policy, not the caller's. */
	(void)user_policy;
	jail_policy_init(&p);
	jail_kernel_probe(&k);
	if (make_scene(&s, &err) < 0 || default_policy(&p, &s, &err) < 0) {
		jailsh_print_error(&err);
		goto out_remove;
	}
	run.ctx = (struct jail_context){
		.policy = &p, .kernel = &k, .keep_fds = { -1, -1, -1 },
	};
	run.landlock = k.landlock_abi > 0;
	run.seccomp = k.seccomp;
	uname(&u);
	fprintf(out, "jailsh --check: Linux %s, Landlock ABI %d, seccomp %s; "
		"default policy, writable root %s\n", u.release, k.landlock_abi,
		k.seccomp ? "yes" : "no", s.root);
	status = run_checks(out, &s, &run);
out_remove:
	if (s.tty >= 0)
		close(s.tty);
	if (s.base[0])
		jail_tmpdir_remove(s.base);
	jail_policy_free(&p);
	return status;
}
