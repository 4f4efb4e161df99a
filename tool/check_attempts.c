/* SPDX-License-Identifier: MIT */
/*
 * check_attempts.c - the escapes jailsh --check tries and their allowed
 * twins. Every escape is harmless by construction: files live in the
 * check's own directory, sockets are only created, host-changing calls
 * get bad pointers, TIOCSTI goes to a pseudo-terminal made for the check.
 * Each attempt returns 0 when the operation worked, else a positive errno.
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
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

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

const struct check jailsh_checks[] = {
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
