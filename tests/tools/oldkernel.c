/* SPDX-License-Identifier: MIT */
/*
 * oldkernel.c - run a command as if the kernel were older.
 *
 *   oldkernel --abi N -- CMD [ARG...]
 *       landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)
 *       answers N; every other call (Landlock included) is the real one.
 *       N = 0 means no Landlock at all (as --no-landlock --errno EOPNOTSUPP).
 *   oldkernel --no-landlock [--errno ENOSYS|EOPNOTSUPP] -- CMD [ARG...]
 *       every landlock_* call fails with that errno (default ENOSYS: a
 *       kernel built without Landlock; EOPNOTSUPP: built in, not enabled).
 *   oldkernel --listener -- CMD [ARG...]
 *       no change to the kernel, but a seccomp user-notification listener
 *       is held here (a "foreign supervisor"): the command cannot get one.
 *
 * How: a seccomp filter in the command's process. For --abi, the version
 * query returns SECCOMP_RET_TRACE and this program, the command's ptrace
 * tracer, skips the call and sets its result to N: no listener is taken,
 * so jailsh keeps its own. Only the command itself is traced (its
 * children are not, and get ENOSYS should they ask for the version).
 * For --listener the query is a user notification that continues as is.
 * The filter allows everything else, so the command can still install its
 * own Landlock rulesets and seccomp filters. Exit status: the command's,
 * 128+N for signal N, 2 usage, 125 setup failure, 127 command not found.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/elf.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif
#define LL_CREATE_RULESET_VERSION 1u

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#else
#error "oldkernel: add this architecture's AUDIT_ARCH"
#endif

#define EXIT_USAGE 2
#define EXIT_SETUP 125

static pid_t child_pid = -1;

static int usage(void)
{
	fprintf(stderr, "usage: oldkernel --abi N -- CMD [ARG...]\n"
			"       oldkernel --no-landlock [--errno ENOSYS|EOPNOTSUPP] -- CMD [ARG...]\n"
			"       oldkernel --listener -- CMD [ARG...]\n");
	return EXIT_USAGE;
}

static int die(const char *what)
{
	fprintf(stderr, "oldkernel: %s: %s\n", what, strerror(errno));
	return EXIT_SETUP;
}

/* Every landlock_* call of the native ABI fails with ERR. */
static int install_errno_filter(int err)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_landlock_create_ruleset, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_landlock_add_rule, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_landlock_restrict_self, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };

	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/* The version query stops the command for its tracer (us). */
static int install_trace_filter(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_landlock_create_ruleset, 0, 3),
		/* the low half of args[2] (little-endian): the flags */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[2])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, LL_CREATE_RULESET_VERSION, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };

	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/* At a seccomp stop: skip the call and make VAL its result. */
static int fake_result(pid_t pid, long val)
{
#if defined(__x86_64__)
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, pid, NULL, &r) < 0)
		return -1;
	r.orig_rax = (unsigned long long)-1;
	r.rax = (unsigned long long)val;
	return (int)ptrace(PTRACE_SETREGS, pid, NULL, &r);
#elif defined(__aarch64__)
	struct user_pt_regs r;
	struct iovec io = { &r, sizeof(r) };
	int nr = -1;
	struct iovec sys = { &nr, sizeof(nr) };

	if (ptrace(PTRACE_GETREGSET, pid, NT_PRSTATUS, &io) < 0 ||
	    ptrace(PTRACE_SETREGSET, pid, NT_ARM_SYSTEM_CALL, &sys) < 0)
		return -1;
	r.regs[0] = (unsigned long long)val;
	return (int)ptrace(PTRACE_SETREGSET, pid, NT_PRSTATUS, &io);
#endif
}

static void forward(int sig);

/* Trace the command: its version queries answer ABI. */
static int run_traced(char **cmd, int abi)
{
	int ws;

	child_pid = fork();
	if (child_pid < 0)
		return die("fork");
	if (child_pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0 || raise(SIGSTOP) != 0 ||
		    install_trace_filter() < 0)
			_exit(die("cannot set up the traced command"));
		execvp(cmd[0], cmd);
		fprintf(stderr, "oldkernel: %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	signal(SIGTERM, forward);
	signal(SIGINT, forward);
	signal(SIGHUP, forward);
	if (waitpid(child_pid, &ws, 0) != child_pid || !WIFSTOPPED(ws) ||
	    ptrace(PTRACE_SETOPTIONS, child_pid, NULL, PTRACE_O_TRACESECCOMP |
		   PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL) < 0)
		return die("cannot trace the command");
	for (long sig = 0;; sig = 0) {
		if (ptrace(PTRACE_CONT, child_pid, NULL, (void *)sig) < 0 && errno != ESRCH)
			return die("ptrace");
		while (waitpid(child_pid, &ws, 0) < 0)
			if (errno != EINTR)
				return EXIT_SETUP;
		if (WIFEXITED(ws))
			return WEXITSTATUS(ws);
		if (WIFSIGNALED(ws))
			return 128 + WTERMSIG(ws);
		if ((ws >> 16) == PTRACE_EVENT_SECCOMP)
			fake_result(child_pid, abi);
		else if ((ws >> 16) == 0)
			sig = WSTOPSIG(ws);     /* a signal for the command: deliver it */
	}
}

/* landlock_create_ruleset goes to our supervisor; returns the listener. */
static int install_notify_filter(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_landlock_create_ruleset, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };

	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}

static int send_fd(int sock, int fd)
{
	char data = 'L';
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	memset(u.buf, 0, sizeof(u.buf));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char data;
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;
	int fd = -1;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&msg);
	if (c == NULL || c->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

static void forward(int sig)
{
	if (child_pid > 0)
		kill(child_pid, sig);
}

static int wait_status(pid_t pid)
{
	int ws;

	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return EXIT_SETUP;
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

/* Answer one notification: the version query gets ABI, the rest go on. */
static void answer(int listener, int abi, struct seccomp_notif *req,
		   struct seccomp_notif_resp *resp, const struct seccomp_notif_sizes *sz)
{
	memset(req, 0, sz->seccomp_notif);
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req) < 0)
		return;  /* the caller died meanwhile, or EINTR */
	memset(resp, 0, sz->seccomp_notif_resp);
	resp->id = req->id;
	if (abi >= 0 && req->data.args[0] == 0 && req->data.args[1] == 0 &&
	    (uint32_t)req->data.args[2] == LL_CREATE_RULESET_VERSION)
		resp->val = abi;
	else
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, resp) < 0 && errno != ENOENT)
		perror("oldkernel: SECCOMP_IOCTL_NOTIF_SEND");
}

static int supervise(int listener, int abi)
{
	struct seccomp_notif_sizes sz;
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	int pidfd = (int)syscall(SYS_pidfd_open, child_pid, 0);

	if (pidfd < 0 || syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sz) < 0)
		return die("cannot supervise the command");
	req = calloc(1, sz.seccomp_notif);
	resp = calloc(1, sz.seccomp_notif_resp);
	if (req == NULL || resp == NULL)
		return die("out of memory");
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = listener, .events = POLLIN },
			{ .fd = pidfd, .events = POLLIN },
		};

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return die("poll");
		}
		if (p[0].revents & POLLIN)
			answer(listener, abi, req, resp, &sz);
		else if (p[0].revents & (POLLHUP | POLLERR))
			listener = -1;  /* nobody uses the filter any more */
		if (p[1].revents & POLLIN)
			break;
	}
	free(req);
	free(resp);
	return wait_status(child_pid);
}

static int run_notified(char **cmd, int abi)
{
	int sv[2], listener;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return die("socketpair");
	child_pid = fork();
	if (child_pid < 0)
		return die("fork");
	if (child_pid == 0) {
		close(sv[0]);
		listener = install_notify_filter();
		if (listener < 0 || send_fd(sv[1], listener) < 0)
			_exit(die("cannot install the notifying seccomp filter"));
		/* The command must not hold the listener: it would answer
		 * itself, and we would never see the filter's end. */
		close(listener);
		close(sv[1]);
		execvp(cmd[0], cmd);
		fprintf(stderr, "oldkernel: %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	close(sv[1]);
	signal(SIGTERM, forward);
	signal(SIGINT, forward);
	signal(SIGHUP, forward);
	listener = recv_fd(sv[0]);
	close(sv[0]);
	if (listener < 0)
		return wait_status(child_pid);
	return supervise(listener, abi);
}

int main(int argc, char **argv)
{
	long abi = -1;
	int err = 0, i;
	char *end;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--abi") == 0 && i + 1 < argc) {
			abi = strtol(argv[++i], &end, 10);
			if (*end != '\0' || abi < 0 || abi > 255)
				return usage();
		} else if (strcmp(argv[i], "--no-landlock") == 0) {
			abi = 0;
		} else if (strcmp(argv[i], "--listener") == 0) {
			abi = 1000;     /* no change: only the listener is held */
		} else if (strcmp(argv[i], "--errno") == 0 && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "ENOSYS") == 0)
				err = ENOSYS;
			else if (strcmp(argv[i], "EOPNOTSUPP") == 0)
				err = EOPNOTSUPP;
			else
				return usage();
		} else {
			return usage();
		}
	}
	if (abi < 0 || i + 1 >= argc)
		return usage();
	if (err == 0)  /* --abi 0: present but disabled; --no-landlock: absent */
		err = strcmp(argv[1], "--abi") == 0 ? EOPNOTSUPP : ENOSYS;
	/* Needed to install a filter without CAP_SYS_ADMIN; jailsh sets it
	 * anyway before its own jail. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return die("cannot set no_new_privs");
	if (abi == 1000)
		return run_notified(argv + i + 1, -1);
	if (abi > 0)
		return run_traced(argv + i + 1, (int)abi);
	if (install_errno_filter(err) < 0)
		return die("cannot install the seccomp filter");
	execvp(argv[i + 1], argv + i + 1);
	fprintf(stderr, "oldkernel: %s: %s\n", argv[i + 1], strerror(errno));
	return 127;
}
