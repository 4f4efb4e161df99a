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

/* What every attempt can see (paths prepared by the unjailed parent). */
struct scene {
	char base[PATH_MAX];       /* removed at the end */
	char root[PATH_MAX];       /* the writable root */
	char outside[PATH_MAX];    /* readable, not writable */
	char file[PATH_MAX];       /* inside the root, for truncate */
	char victim[PATH_MAX];     /* outside, for truncate */
	char visible[PATH_MAX];    /* outside, readable */
	char hidden[PATH_MAX];     /* outside, hidden */
	int tty;                   /* pty slave for TIOCSTI, or -1 */
	int tty_err;               /* why there is none */
};

/* Each returns 0 when the operation worked, else a positive errno. */
typedef int (*attempt_fn)(const struct scene *s);

struct check {
	const char *name;
	const char *control;       /* jail_controls entry enforcing it, or NULL */
	const char *lacks;         /* what the kernel lacks when the escape
				      fails even unjailed */
	attempt_fn twin, escape;
	bool needs_tty;
	/* Did an escape that "worked" in the jail change the host? NULL:
	 * yes by definition. A private view (overlay /tmp, read-only
	 * mounts) may absorb writes that never reach the host. */
	bool (*landed)(const struct scene *s);
};

static int ok_or_errno(long rc)
{
	return rc < 0 ? (errno ? errno : EIO) : 0;
}

static int create_in(const char *dir, const char *what)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s.%d", dir, what, (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	return ok_or_errno(fd);
}

static int read_file(const char *path)
{
	char buf[64];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return ok_or_errno(-1);
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return ok_or_errno(n);
}

static int socket_of(unsigned long nr, unsigned long family)
{
	long fd = syscall((long)nr, family, SOCK_STREAM, 0);

	if (fd >= 0)
		close((int)fd);
	return ok_or_errno(fd);
}

/* ---- twins and escapes ---- */

static int write_inside(const struct scene *s) { return create_in(s->root, "inside"); }

static int write_outside(const struct scene *s)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%.*s/escape", PATH_MAX - 8, s->outside);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	return ok_or_errno(fd);
}

static bool escape_exists(const struct scene *s)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%.*s/escape", PATH_MAX - 8, s->outside);
	return access(path, F_OK) == 0;
}

static bool victim_emptied(const struct scene *s)
{
	struct stat st;

	return stat(s->victim, &st) == 0 && st.st_size == 0;
}
static int read_visible(const struct scene *s) { return read_file(s->visible); }
static int read_hidden(const struct scene *s) { return read_file(s->hidden); }
static int truncate_inside(const struct scene *s) { return ok_or_errno(truncate(s->file, 0)); }
static int truncate_outside(const struct scene *s) { return ok_or_errno(truncate(s->victim, 0)); }

static int make_socketpair(const struct scene *s)
{
	int sv[2];

	(void)s;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return ok_or_errno(-1);
	close(sv[0]);
	close(sv[1]);
	return 0;
}

/* The kernel reads the family as an int: garbage above must not help. */
static int inet_socket(const struct scene *s)
{
	(void)s;
	if (socket_of(SYS_socket, AF_INET) == 0)
		return 0;
	return socket_of(SYS_socket, AF_INET | 0xdead000000000000ul);
}

static int unix_socket(const struct scene *s)
{
	(void)s;
	return socket_of(SYS_socket, AF_UNIX);
}

static int epoll_twin(const struct scene *s)
{
	int fd = epoll_create1(EPOLL_CLOEXEC);

	(void)s;
	if (fd >= 0)
		close(fd);
	return ok_or_errno(fd);
}

static int io_uring(const struct scene *s)
{
	struct io_uring_params params;
	long fd;

	(void)s;
	memset(&params, 0, sizeof(params));
	fd = syscall(SYS_io_uring_setup, 1, &params);
	if (fd >= 0)
		close((int)fd);
	return ok_or_errno(fd);
}

static int tty_winsize(const struct scene *s)
{
	struct winsize ws;

	(void)s;
	return ok_or_errno(ioctl(0, TIOCGWINSZ, &ws));
}

/* The request is an int to the kernel: try it with garbage above too. */
static int tiocsti(const struct scene *s)
{
	char c = ' ';

	(void)s;
	if (ioctl(0, TIOCSTI, &c) == 0)
		return 0;
	return ok_or_errno(syscall(SYS_ioctl, 0, (unsigned long)TIOCSTI |
				   0xdead000000000000ul, &c));
}

static int signal_self(const struct scene *s)
{
	(void)s;
	return ok_or_errno(kill(getpid(), 0));
}

static int signal_parent(const struct scene *s)
{
	(void)s;
	return ok_or_errno(kill(getppid(), 0));
}

static int environ_self(const struct scene *s)
{
	(void)s;
	return read_file("/proc/self/environ");
}

static int environ_parent(const struct scene *s)
{
	char path[64];

	(void)s;
	snprintf(path, sizeof(path), "/proc/%d/environ", (int)getppid());
	return read_file(path);
}

static int getuid_twin(const struct scene *s)
{
	(void)s;
	return getuid() == (uid_t)-1 ? EIO : 0;
}

/* "Works" when any effective, permitted or ambient capability is left. */
static int have_caps(const struct scene *s)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	(void)s;
	if (syscall(SYS_capget, &h, d) < 0)
		return ok_or_errno(-1);
	if (d[0].effective | d[1].effective | d[0].permitted | d[1].permitted)
		return 0;
	for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0) == 1)
			return 0;
	return EPERM;
}

static int statfs_twin(const struct scene *s)
{
	struct statfs st;

	(void)s;
	return ok_or_errno(statfs("/", &st));
}

/* Bad pointers: EFAULT/EINVAL prove the call reached the kernel. */
static int mount_reached(const struct scene *s)
{
	void *bad = (void *)1;
	int e;

	(void)s;
	e = ok_or_errno(mount(bad, bad, bad, 0, NULL));
	return e == EFAULT || e == EINVAL ? 0 : e;
}

static int fork_twin(const struct scene *s)
{
	pid_t pid;

	(void)s;
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return ok_or_errno(-1);
	return waitpid(pid, NULL, 0) == pid ? 0 : ok_or_errno(-1);
}

/* A throwaway child: only it moves to the new namespaces. */
static int new_namespace(const struct scene *s)
{
	(void)s;
	if (unshare(CLONE_NEWUSER) == 0)
		return 0;
	return ok_or_errno(unshare(CLONE_NEWNS));
}

static int native_socketpair(const struct scene *s)
{
	return make_socketpair(s);
}

#if defined(__x86_64__)
static int i386_socket(const struct scene *s)
{
	long ret;

	(void)s;
	/* i386 socket(AF_INET, SOCK_STREAM, 0) through int $0x80 */
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(359L), "b"((long)AF_INET), "c"((long)SOCK_STREAM), "d"(0L)
			 : "memory", "r8", "r9", "r10", "r11");
	if ((int)ret >= 0) {
		close((int)ret);
		return 0;
	}
	return -(int)ret;
}

static int x32_socket(const struct scene *s)
{
	(void)s;
	return socket_of(SYS_socket | 0x40000000ul, AF_INET);
}
#endif

static const struct check checks[] = {
	{ "write outside", "filesystem", "refused even without the jail",
	  write_inside, write_outside, false, escape_exists },
	{ "read hidden", "filesystem", "refused even without the jail",
	  read_visible, read_hidden, false, NULL },
	{ "truncate outside", "truncate", "refused even without the jail",
	  truncate_inside, truncate_outside, false, victim_emptied },
	{ "inet socket", "seccomp", "kernel lacks IPv4 sockets",
	  make_socketpair, inet_socket, false, NULL },
	{ "unix socket", "seccomp", "kernel lacks unix sockets",
	  make_socketpair, unix_socket, false, NULL },
	{ "io_uring", "seccomp", "kernel lacks io_uring or it is disabled",
	  epoll_twin, io_uring, false, NULL },
	{ "TIOCSTI", "seccomp", "kernel refuses TIOCSTI: dev.tty.legacy_tiocsti=0",
	  tty_winsize, tiocsti, true, NULL },
	{ "signal outside", "signal-scope", "refused even without the jail",
	  signal_self, signal_parent, false, NULL },
	{ "ptrace/environ of parent", "filesystem", "refused even without the jail",
	  environ_self, environ_parent, false, NULL },
	{ "capabilities", NULL, "not root: no capabilities to drop",
	  getuid_twin, have_caps, false, NULL },
	{ "mount", "seccomp", "refused even without the jail",
	  statfs_twin, mount_reached, false, NULL },
	{ "namespace creation", "seccomp", "no user namespaces for this user",
	  fork_twin, new_namespace, false, NULL },
#if defined(__x86_64__)
	{ "foreign ABI (i386)", "seccomp", "kernel lacks i386 emulation",
	  native_socketpair, i386_socket, false, NULL },
	{ "foreign ABI (x32)", "seccomp", "kernel lacks the x32 ABI",
	  native_socketpair, x32_socket, false, NULL },
#endif
	{ NULL, NULL, NULL, NULL, NULL, false, NULL },
};


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

	for (const struct check *c = checks; c->name; c++) {
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
