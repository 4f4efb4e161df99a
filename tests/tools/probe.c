/* SPDX-License-Identifier: MIT */
/*
 * probe.c - try one operation and say whether it went through.
 *
 *   probe OP [ARG...]
 *
 * Run unjailed (the positive control) and under jailsh (the denial).
 * Exit 0 and "ok ..." when the operation succeeded or reached the kernel;
 * exit 1 and "denied: ERRNO" when it was refused (EPERM, EACCES, ENOSYS, EROFS,
 * or the process was killed by SIGSYS); exit 3 and "failed: ERRNO" for any
 * other error; exit 2 on usage errors.
 *
 * Calls that could change the host are made with bad pointers or invalid
 * arguments: EFAULT/EINVAL/EOPNOTSUPP mean the call reached the kernel
 * (allowed), a refusal errno means a filter or the kernel said no. Nothing
 * here mounts, reboots, renames the host or loads anything. Network
 * operations only ever use 127.0.0.1 / ::1.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXIT_OK      0
#define EXIT_DENIED  1
#define EXIT_USAGE   2
#define EXIT_FAILED  3

#define UPPER_GARBAGE 0xdead000000000000ull

/* The result of one attempt: rc >= 0 success, else err; or a signal. */
struct outcome {
	long rc;
	int err;
	int sig;        /* the attempt's process was killed by this signal */
};

static const char *errno_name(int e)
{
	static const struct { int e; const char *n; } names[] = {
		{ EPERM, "EPERM" }, { EACCES, "EACCES" }, { ENOSYS, "ENOSYS" },
		{ EFAULT, "EFAULT" }, { EINVAL, "EINVAL" }, { ENOENT, "ENOENT" },
		{ EAFNOSUPPORT, "EAFNOSUPPORT" }, { EPROTONOSUPPORT, "EPROTONOSUPPORT" },
		{ ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT" }, { EOPNOTSUPP, "EOPNOTSUPP" },
		{ ECONNREFUSED, "ECONNREFUSED" }, { ESRCH, "ESRCH" }, { EBADF, "EBADF" },
		{ EEXIST, "EEXIST" }, { EROFS, "EROFS" }, { EXDEV, "EXDEV" },
		{ ENOTTY, "ENOTTY" }, { EIO, "EIO" }, { EBUSY, "EBUSY" },
		{ EPROTOTYPE, "EPROTOTYPE" }, { ENOTDIR, "ENOTDIR" },
		{ EISDIR, "EISDIR" }, { EAGAIN, "EAGAIN" }, { ETIMEDOUT, "ETIMEDOUT" },
		{ ENXIO, "ENXIO" }, { ENODEV, "ENODEV" }, { ENOMEM, "ENOMEM" },
		{ EMFILE, "EMFILE" }, { ENOSPC, "ENOSPC" }, { EOVERFLOW, "EOVERFLOW" },
	};
	static char buf[32];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].n;
	snprintf(buf, sizeof(buf), "errno %d", e);
	return buf;
}

static bool is_refusal(int e)
{
	return e == EPERM || e == EACCES || e == ENOSYS || e == EROFS;
}

static struct outcome result(long rc)
{
	return (struct outcome){ .rc = rc, .err = rc < 0 ? errno : 0 };
}

/* An operation that must succeed: refusal errnos are "denied". */
static int report(const char *what, struct outcome o)
{
	if (o.sig) {
		printf("denied: killed by signal %d (%s)\n", o.sig,
		       o.sig == SIGSYS ? "SIGSYS" : strsignal(o.sig));
		return EXIT_DENIED;
	}
	if (o.rc >= 0) {
		printf("ok%s%s\n", what ? " " : "", what ? what : "");
		return EXIT_OK;
	}
	printf("%s: %s\n", is_refusal(o.err) ? "denied" : "failed",
	       errno_name(o.err));
	return is_refusal(o.err) ? EXIT_DENIED : EXIT_FAILED;
}

/*
 * A call made harmless by bad arguments: these errnos (0-terminated list)
 * prove it reached the kernel's own argument checks.
 */
static int report_reached(struct outcome o, const int *reached)
{
	if (!o.sig && o.rc < 0) {
		for (size_t i = 0; reached[i]; i++) {
			if (o.err == reached[i]) {
				printf("ok (reached the kernel: %s)\n",
				       errno_name(o.err));
				return EXIT_OK;
			}
		}
	}
	if (!o.sig && o.rc >= 0) {
		printf("ok (returned %ld)\n", o.rc);
		return EXIT_OK;
	}
	return report(NULL, o);
}

static const int efault_einval[] = { EFAULT, EINVAL, 0 };

/*
 * Run FN in a forked child and bring its outcome back: the child may be
 * killed (SIGSYS) or change its own namespaces without touching us.
 */
static struct outcome in_child(long (*fn)(void *), void *arg)
{
	struct outcome o = { .rc = -1, .err = EIO };
	int pipefd[2], ws;
	pid_t pid;

	if (pipe(pipefd) < 0)
		return result(-1);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return result(-1);
	if (pid == 0) {
		struct outcome c;

		close(pipefd[0]);
		c.rc = fn(arg);
		c.err = c.rc < 0 ? errno : 0;
		c.sig = 0;
		if (write(pipefd[1], &c, sizeof(c)) < 0)
			_exit(99);
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &o, sizeof(o)) != (ssize_t)sizeof(o))
		o = (struct outcome){ .rc = -1, .err = EIO };
	close(pipefd[0]);
	if (waitpid(pid, &ws, 0) == pid && WIFSIGNALED(ws))
		o.sig = WTERMSIG(ws);
	return o;
}

/* ---- names ---- */

struct name_num { const char *name; long num; };

static const struct name_num families[] = {
	{ "unix", AF_UNIX }, { "local", AF_UNIX }, { "inet", AF_INET },
	{ "inet6", AF_INET6 }, { "netlink", AF_NETLINK }, { "packet", AF_PACKET },
	{ "vsock", 40 }, { "alg", 38 }, { "key", AF_KEY }, { "can", 29 },
	{ "bluetooth", 31 }, { "xdp", 44 }, { "rds", 21 }, { "tipc", 30 },
	{ "ax25", 3 }, { "appletalk", 5 }, { "x25", 9 }, { "smc", 43 },
	{ "qipcrtr", 42 }, { "mctp", 45 }, { "kcm", 41 }, { "llc", 26 },
	{ NULL, 0 },
};

static const struct name_num types[] = {
	{ "stream", SOCK_STREAM }, { "dgram", SOCK_DGRAM }, { "raw", SOCK_RAW },
	{ "seqpacket", SOCK_SEQPACKET }, { "rdm", SOCK_RDM }, { NULL, 0 },
};

static const struct name_num protocols[] = {
	{ "tcp", IPPROTO_TCP }, { "udp", IPPROTO_UDP }, { "sctp", 132 },
	{ "mptcp", 262 }, { "icmp", IPPROTO_ICMP }, { NULL, 0 },
};

static bool lookup(const struct name_num *t, const char *s, long *out)
{
	char *end;

	for (size_t i = 0; t[i].name; i++) {
		if (strcmp(t[i].name, s) == 0) {
			*out = t[i].num;
			return true;
		}
	}
	errno = 0;
	*out = strtol(s, &end, 0);
	return errno == 0 && end != s && *end == '\0';
}

static bool parse_long(const char *s, long *out)
{
	return lookup((const struct name_num[]){ { NULL, 0 } }, s, out);
}

static int usage_error(const char *msg)
{
	fprintf(stderr, "probe: %s; see the list of operations in tests/tools/probe.c\n", msg);
	return EXIT_USAGE;
}

/* ---- network ---- */

static int loopback_addr(const char *host, const char *port_s,
			 struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	long port;

	memset(ss, 0, sizeof(*ss));
	if (!parse_long(port_s, &port) || port <= 0 || port > 65535)
		return -1;
	/* Tests only ever talk to themselves. */
	if (strcmp(host, "127.0.0.1") == 0) {
		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)port);
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*len = sizeof(*in);
		return 0;
	}
	if (strcmp(host, "::1") == 0) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		in6->sin6_addr = in6addr_loopback;
		*len = sizeof(*in6);
		return 0;
	}
	return -1;
}

static int op_socket(int argc, char **argv, bool garbage)
{
	long fam, type = SOCK_STREAM, proto = 0;
	struct outcome o;

	if (argc < 1 || !lookup(families, argv[0], &fam) ||
	    (argc > 1 && !lookup(types, argv[1], &type)) ||
	    (argc > 2 && !lookup(protocols, argv[2], &proto)))
		return usage_error("socket FAMILY [TYPE [PROTOCOL]]");
	if (fam == AF_PACKET || fam == AF_INET || fam == AF_INET6)
		if (type == SOCK_RAW && argc < 3)
			proto = 0;
	if (garbage) /* the kernel reads an int: the upper half is ignored */
		o = result(syscall(SYS_socket, (unsigned long)fam | UPPER_GARBAGE,
				   (unsigned long)type, (unsigned long)proto));
	else
		o = result(socket((int)fam, (int)type, (int)proto));
	if (o.rc >= 0)
		close((int)o.rc);
	return report(NULL, o);
}

static int op_socketpair(int argc, char **argv)
{
	long fam = AF_UNIX;
	int sv[2];
	struct outcome o;

	if (argc > 0 && !lookup(families, argv[0], &fam))
		return usage_error("socketpair [FAMILY]");
	o = result(socketpair((int)fam, SOCK_STREAM, 0, sv));
	if (o.rc >= 0) {
		close(sv[0]);
		close(sv[1]);
	}
	return report(NULL, o);
}

static int op_connect(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct outcome o;
	char buf[64];
	int fd;

	if (argc < 2 || loopback_addr(argv[0], argv[1], &ss, &len) < 0)
		return usage_error("connect 127.0.0.1|::1 PORT");
	fd = socket(ss.ss_family, SOCK_STREAM, 0);
	if (fd < 0)
		return report(NULL, result(-1));
	o = result(connect(fd, (struct sockaddr *)&ss, len));
	if (o.rc == 0 && read(fd, buf, sizeof(buf)) <= 0)
		buf[0] = '\0';
	close(fd);
	return report(NULL, o);
}

static int unix_addr(const char *path, struct sockaddr_un *sun, socklen_t *len)
{
	size_t n = strlen(path);

	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if (n == 0 || n >= sizeof(sun->sun_path))
		return -1;
	memcpy(sun->sun_path, path, n);
	if (path[0] == '@')  /* abstract name */
		sun->sun_path[0] = '\0';
	*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
			   (path[0] == '@' ? 0 : 1));
	return 0;
}

static int op_unix_connect(int argc, char **argv)
{
	struct sockaddr_un sun;
	socklen_t len;
	struct outcome o;
	int fd;

	if (argc < 1 || unix_addr(argv[0], &sun, &len) < 0)
		return usage_error("unix-connect PATH|@ABSTRACT");
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return report(NULL, result(-1));
	o = result(connect(fd, (struct sockaddr *)&sun, len));
	close(fd);
	return report(NULL, o);
}

/* Accept and greet connections on FD until SECONDS have passed. */
static int serve(int fd, long seconds)
{
	time_t end = time(NULL) + seconds;

	if (listen(fd, 64) < 0)
		return report(NULL, result(-1));
	printf("ready\n");
	fflush(stdout);
	for (time_t now = time(NULL); now < end; now = time(NULL)) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int c;

		if (poll(&pfd, 1, (int)(end - now) * 1000) <= 0)
			continue;
		c = accept(fd, NULL, NULL);
		if (c < 0)
			continue;
		/* A client that left already must not kill us (SIGPIPE). */
		if (send(c, "hello\n", 6, MSG_NOSIGNAL) < 0 && errno != EPIPE &&
		    errno != ECONNRESET)
			perror("probe: send");
		close(c);
	}
	close(fd);
	return EXIT_OK;
}

static int op_listen(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len;
	long seconds;
	int fd, one = 1;

	if (argc < 2 || loopback_addr("127.0.0.1", argv[0], &ss, &len) < 0 ||
	    !parse_long(argv[1], &seconds) || seconds <= 0)
		return usage_error("listen PORT SECONDS");
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return report(NULL, result(-1));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, len) < 0) {
		close(fd);
		return report(NULL, result(-1));
	}
	return serve(fd, seconds);
}

static int op_unix_listen(int argc, char **argv)
{
	struct sockaddr_un sun;
	socklen_t len;
	long seconds;
	int fd;

	if (argc < 2 || unix_addr(argv[0], &sun, &len) < 0 ||
	    !parse_long(argv[1], &seconds) || seconds <= 0)
		return usage_error("unix-listen PATH|@ABSTRACT SECONDS");
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return report(NULL, result(-1));
	if (bind(fd, (struct sockaddr *)&sun, len) < 0) {
		close(fd);
		return report(NULL, result(-1));
	}
	return serve(fd, seconds);
}

/* ---- io_uring, terminal ---- */

static int op_io_uring(void)
{
	struct io_uring_params params;
	struct outcome o;

	memset(&params, 0, sizeof(params));
	o = result(syscall(SYS_io_uring_setup, 1, &params));
	if (o.rc >= 0)
		close((int)o.rc);
	return report(NULL, o);
}

static long tiocsti_on(int fd, bool garbage)
{
	char c = ' ';

	if (garbage)
		return syscall(SYS_ioctl, fd, (unsigned long)TIOCSTI | UPPER_GARBAGE, &c);
	return ioctl(fd, TIOCSTI, &c);
}

/* No terminal on stdin: make a pty whose slave is our controlling tty
 * (TIOCSTI needs that without CAP_SYS_ADMIN). Runs in a child. */
static long tiocsti_pty(void *arg)
{
	bool garbage = *(bool *)arg;
	int master, slave;
	char *name;

	if (setsid() < 0)
		return -1;
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0)
		return -1;
	name = ptsname(master);
	slave = name ? open(name, O_RDWR) : -1;
	if (slave < 0)
		return -1;
	return tiocsti_on(slave, garbage);
}

static int op_tiocsti(int argc, char **argv)
{
	bool garbage = argc > 0 && strcmp(argv[0], "hi") == 0;

	if (argc > 0 && !garbage)
		return usage_error("tiocsti [hi]");
	if (isatty(0))
		return report("(stdin terminal)", result(tiocsti_on(0, garbage)));
	return report("(new pty)", in_child(tiocsti_pty, &garbage));
}

/* ---- foreign syscall ABIs ---- */

#if defined(__x86_64__)
static long int80(long nr, long a, long b, long c)
{
	long ret;

	/* The i386 entry: number in eax, arguments in ebx, ecx, edx. */
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory", "r8", "r9", "r10", "r11");
	return ret;
}

static long to_outcome(long kernel_ret)
{
	int r = (int)kernel_ret;   /* i386 results are 32 bits */

	if (r < 0 && r > -4096) {
		errno = -r;
		return -1;
	}
	return r;
}

static long int80_socket(void *arg)
{
	(void)arg;
	return to_outcome(int80(359 /* i386 socket */, AF_INET, SOCK_STREAM, 0));
}

static long int80_socketcall(void *arg)
{
	uint32_t *args = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	(void)arg;
	if (args == MAP_FAILED)
		return -1;
	args[0] = AF_INET;
	args[1] = SOCK_STREAM;
	args[2] = 0;
	return to_outcome(int80(102 /* socketcall */, 1 /* SYS_SOCKET */,
				(long)(uintptr_t)args, 0));
}

static long x32_socket(void *arg)
{
	(void)arg;
	return syscall(SYS_socket | 0x40000000, AF_INET, SOCK_STREAM, 0);
}
#endif

static int op_foreign(const char *op)
{
#if defined(__x86_64__)
	static const int any[] = { EFAULT, EINVAL, ENOSYS, EAFNOSUPPORT, 0 };

	if (strcmp(op, "int80-socket") == 0)
		return report(NULL, in_child(int80_socket, NULL));
	if (strcmp(op, "int80-socketcall") == 0)
		return report(NULL, in_child(int80_socketcall, NULL));
	/* Without CONFIG_X86_X32_ABI the kernel itself answers ENOSYS: that
	 * still proves no filter killed the call. */
	return report_reached(in_child(x32_socket, NULL), any);
#else
	printf("failed: %s needs x86_64\n", op);
	return EXIT_FAILED;
#endif
}

/* ---- namespaces and process creation ---- */

static long do_unshare(void *arg)
{
	return unshare(*(int *)arg);
}

static int op_unshare(int argc, char **argv)
{
	int flags;

	if (argc < 1)
		return usage_error("unshare user|mount|net|pid|uts|ipc|cgroup");
	flags = strcmp(argv[0], "user") == 0 ? CLONE_NEWUSER :
		strcmp(argv[0], "mount") == 0 ? CLONE_NEWNS :
		strcmp(argv[0], "net") == 0 ? CLONE_NEWNET :
		strcmp(argv[0], "pid") == 0 ? CLONE_NEWPID :
		strcmp(argv[0], "uts") == 0 ? CLONE_NEWUTS :
		strcmp(argv[0], "ipc") == 0 ? CLONE_NEWIPC :
		strcmp(argv[0], "cgroup") == 0 ? CLONE_NEWCGROUP : 0;
	if (flags == 0)
		return usage_error("unshare user|mount|net|pid|uts|ipc|cgroup");
	/* In a child: only that child moves to the new namespace. */
	return report(NULL, in_child(do_unshare, &flags));
}

static long reap(long pid)
{
	int ws;

	if (pid == 0)
		_exit(0);
	if (pid > 0 && waitpid((pid_t)pid, &ws, 0) < 0)
		return -1;
	return pid;
}

static int op_clone(int argc, char **argv)
{
	unsigned long flags = SIGCHLD;

	if (argc > 0 && strcmp(argv[0], "user") == 0)
		flags |= CLONE_NEWUSER;
	else if (argc > 0)
		return usage_error("clone [user]");
	fflush(NULL);
	return report(NULL, result(reap(syscall(SYS_clone, flags, NULL, NULL, NULL, 0))));
}

struct probe_clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

static int op_clone3(int argc, char **argv)
{
	struct probe_clone_args ca;

	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	if (argc > 0 && strcmp(argv[0], "user") == 0)
		ca.flags = CLONE_NEWUSER;
	else if (argc > 0)
		return usage_error("clone3 [user]");
	fflush(NULL);
	return report(NULL, result(reap(syscall(SYS_clone3, &ca, sizeof(ca)))));
}

/* ---- calls that would change the host: bad arguments only ---- */

static int op_host(const char *op)
{
	static const int keyctl_reached[] = { EFAULT, EINVAL, EOPNOTSUPP, 0 };
	void *bad = (void *)1;   /* never a valid user pointer */
	char name[300];

	if (strcmp(op, "mount") == 0)
		return report_reached(result(mount(bad, bad, bad, 0, NULL)), efault_einval);
	if (strcmp(op, "umount2") == 0)  /* invalid flags: EINVAL first */
		return report_reached(result(umount2("/nonexistent-jail-probe", ~0)), efault_einval);
	if (strcmp(op, "bpf") == 0)
		return report_reached(result(syscall(SYS_bpf, 0 /* MAP_CREATE */, bad, 64)),
				      efault_einval);
	if (strcmp(op, "perf_event_open") == 0)
		return report_reached(result(syscall(SYS_perf_event_open, bad, 0, -1, -1, 0)),
				      efault_einval);
	if (strcmp(op, "keyctl") == 0)  /* an operation number no kernel has */
		return report_reached(result(syscall(SYS_keyctl, 0x7fff, 0, 0, 0, 0)),
				      keyctl_reached);
	if (strcmp(op, "sethostname") == 0) {
		/* Longer than any hostname: EINVAL before anything changes. */
		memset(name, 'x', sizeof(name));
		return report_reached(result(sethostname(name, sizeof(name))), efault_einval);
	}
	if (strcmp(op, "reboot") == 0)  /* wrong magic: EINVAL, never reboots */
		return report_reached(result(syscall(SYS_reboot, 0, 0, 0, NULL)), efault_einval);
	if (strcmp(op, "chroot") == 0)
		return report_reached(result(chroot(bad)), efault_einval);
	if (strcmp(op, "setns") == 0)
		return report_reached(result(setns(-1, 0)), (const int[]){ EBADF, EINVAL, 0 });
	return -1;
}

/* ---- processes ---- */

static int op_kill(int argc, char **argv)
{
	long pid;

	if (argc < 1 || !parse_long(argv[0], &pid) || pid <= 0)
		return usage_error("kill PID");
	return report(NULL, result(kill((pid_t)pid, 0)));
}

static int op_ptrace(int argc, char **argv)
{
	long pid;

	if (argc < 1 || !parse_long(argv[0], &pid) || pid <= 0)
		return usage_error("ptrace PID");
	/* SEIZE does not stop the tracee; our exit detaches. */
	return report(NULL, result(ptrace(PTRACE_SEIZE, (pid_t)pid, NULL, NULL)));
}

static int op_read_environ(int argc, char **argv)
{
	char path[64], buf[4096];
	long pid;
	ssize_t n;
	int fd;

	if (argc < 1 || !parse_long(argv[0], &pid) || pid <= 0)
		return usage_error("read-environ PID");
	snprintf(path, sizeof(path), "/proc/%ld/environ", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return report(NULL, result(-1));
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return report(NULL, result(n));
}

/* Print FIELD lines of /proc/self/status (all capability lines if none). */
static int op_status(int argc, char **argv)
{
	static const char *const caps[] = {
		"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs",
		"Seccomp", NULL,
	};
	FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	int found = 0;

	if (f == NULL)
		return report(NULL, result(-1));
	while (fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, ":");

		for (int i = 0; argc == 0 ? caps[i] != NULL : i < argc; i++) {
			const char *want = argc == 0 ? caps[i] : argv[i];

			if (strlen(want) == n && strncmp(line, want, n) == 0) {
				fputs(argc == 1 ? line + n + 1 + strspn(line + n + 1, " \t") : line,
				      stdout);
				found++;
			}
		}
	}
	fclose(f);
	return found ? EXIT_OK : EXIT_FAILED;
}

static int op_parent_comm(void)
{
	char path[64], comm[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)getppid());
	f = fopen(path, "re");
	if (f == NULL || fgets(comm, sizeof(comm), f) == NULL) {
		if (f)
			fclose(f);
		return report(NULL, result(-1));
	}
	fclose(f);
	fputs(comm, stdout);
	return EXIT_OK;
}

/* ---- files ---- */

static int op_file(const char *op, int argc, char **argv)
{
	char buf[4096];
	struct outcome o;
	long n;

	if (argc < 1)
		return usage_error("write|read|truncate|mkdir|mknod|fd-open ARG");
	if (strcmp(op, "write") == 0) {
		int fd = open(argv[0], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);

		o = result(fd);
		if (fd >= 0) {
			o = result(write(fd, "probe\n", 6));
			close(fd);
		}
		return report(NULL, o);
	}
	if (strcmp(op, "read") == 0) {
		int fd = open(argv[0], O_RDONLY | O_CLOEXEC);

		o = result(fd);
		if (fd >= 0) {
			o = result(read(fd, buf, sizeof(buf)));
			close(fd);
		}
		return report(NULL, o);
	}
	if (strcmp(op, "truncate") == 0)
		return report(NULL, result(truncate(argv[0], 0)));
	if (strcmp(op, "mkdir") == 0)
		return report(NULL, result(mkdir(argv[0], 0755)));
	if (strcmp(op, "mknod") == 0) {
		bool chr = argc > 1 && strcmp(argv[1], "char") == 0;

		if (argc < 2 || (!chr && strcmp(argv[1], "fifo") != 0))
			return usage_error("mknod PATH fifo|char");
		/* char 1:3 is /dev/null's number: harmless if it is made. */
		return report(NULL, result(mknod(argv[0], chr ? S_IFCHR | 0600 : S_IFIFO | 0600,
						 chr ? makedev(1, 3) : 0)));
	}
	if (strcmp(op, "fd-open") == 0) {
		if (!parse_long(argv[0], &n) || n < 0)
			return usage_error("fd-open N");
		return report(NULL, result(fcntl((int)n, F_GETFD)));
	}
	return -1;
}

int main(int argc, char **argv)
{
	const char *op;
	int rc;

	if (argc < 2)
		return usage_error("usage: probe OP [ARG...]");
	op = argv[1];
	argc -= 2;
	argv += 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(op, "socket") == 0)
		return op_socket(argc, argv, false);
	if (strcmp(op, "socket-hi") == 0)
		return op_socket(argc, argv, true);
	if (strcmp(op, "socketpair") == 0)
		return op_socketpair(argc, argv);
	if (strcmp(op, "connect") == 0)
		return op_connect(argc, argv);
	if (strcmp(op, "unix-connect") == 0)
		return op_unix_connect(argc, argv);
	if (strcmp(op, "listen") == 0)
		return op_listen(argc, argv);
	if (strcmp(op, "unix-listen") == 0)
		return op_unix_listen(argc, argv);
	if (strcmp(op, "io_uring") == 0)
		return op_io_uring();
	if (strcmp(op, "tiocsti") == 0)
		return op_tiocsti(argc, argv);
	if (strcmp(op, "int80-socket") == 0 || strcmp(op, "int80-socketcall") == 0 ||
	    strcmp(op, "x32-socket") == 0)
		return op_foreign(op);
	if (strcmp(op, "unshare") == 0)
		return op_unshare(argc, argv);
	if (strcmp(op, "clone") == 0)
		return op_clone(argc, argv);
	if (strcmp(op, "clone3") == 0)
		return op_clone3(argc, argv);
	if (strcmp(op, "kill") == 0)
		return op_kill(argc, argv);
	if (strcmp(op, "ptrace") == 0)
		return op_ptrace(argc, argv);
	if (strcmp(op, "read-environ") == 0)
		return op_read_environ(argc, argv);
	if (strcmp(op, "caps") == 0 || strcmp(op, "status") == 0)
		return op_status(argc, argv);
	if (strcmp(op, "parent-comm") == 0)
		return op_parent_comm();
	rc = op_host(op);
	if (rc >= 0)
		return rc;
	rc = op_file(op, argc, argv);
	if (rc >= 0)
		return rc;
	return usage_error("unknown operation");
}
