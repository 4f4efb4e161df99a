/* SPDX-License-Identifier: MIT */
/*
 * access.c - what a notified syscall tries to do, read from the caller.
 *
 * The caller is stopped in the syscall while we look; its memory is read
 * with process_vm_readv, relative paths are resolved against
 * /proc/PID/cwd or /proc/PID/fd/N. The result only names an access for
 * a report: enforcement never depends on it (another thread may change
 * the memory after we read it; Landlock and the filter decide).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "access.h"

enum kind { K_OPEN, K_OPENAT2, K_PATH, K_RENAME, K_SOCKET, K_SOCKADDR };

struct call {
	int nr;                           /* native syscall number */
	enum kind kind;
	enum jail_access_op op;
	signed char dirfd, path, flags;   /* argument indexes; -1: none */
	signed char dirfd2, path2;        /* rename target */
};

/* asm-generic ABIs (arm64, riscv ...) lack the old path calls: -1 is
 * never notified. */
#ifndef __NR_open
#define __NR_open (-1)
#endif
#ifndef __NR_creat
#define __NR_creat (-1)
#endif
#ifndef __NR_mkdir
#define __NR_mkdir (-1)
#endif
#ifndef __NR_mknod
#define __NR_mknod (-1)
#endif
#ifndef __NR_unlink
#define __NR_unlink (-1)
#endif
#ifndef __NR_rmdir
#define __NR_rmdir (-1)
#endif
#ifndef __NR_rename
#define __NR_rename (-1)
#endif
#ifndef __NR_renameat
#define __NR_renameat (-1)
#endif
#ifndef __NR_link
#define __NR_link (-1)
#endif
#ifndef __NR_symlink
#define __NR_symlink (-1)
#endif
#ifndef __NR_openat2
#define __NR_openat2 (-1)
#endif

#define NONE (-1)
static const struct call calls[] = {
	{ __NR_open, K_OPEN, JAIL_ACCESS_READ, NONE, 0, 1, NONE, NONE },
	{ __NR_openat, K_OPEN, JAIL_ACCESS_READ, 0, 1, 2, NONE, NONE },
	{ __NR_openat2, K_OPENAT2, JAIL_ACCESS_READ, 0, 1, 2, NONE, NONE },
	{ __NR_creat, K_PATH, JAIL_ACCESS_CREATE, NONE, 0, NONE, NONE, NONE },
	{ __NR_truncate, K_PATH, JAIL_ACCESS_WRITE, NONE, 0, NONE, NONE, NONE },
	{ __NR_mkdir, K_PATH, JAIL_ACCESS_CREATE, NONE, 0, NONE, NONE, NONE },
	{ __NR_mkdirat, K_PATH, JAIL_ACCESS_CREATE, 0, 1, NONE, NONE, NONE },
	{ __NR_mknod, K_PATH, JAIL_ACCESS_CREATE, NONE, 0, NONE, NONE, NONE },
	{ __NR_mknodat, K_PATH, JAIL_ACCESS_CREATE, 0, 1, NONE, NONE, NONE },
	{ __NR_unlink, K_PATH, JAIL_ACCESS_REMOVE, NONE, 0, NONE, NONE, NONE },
	{ __NR_unlinkat, K_PATH, JAIL_ACCESS_REMOVE, 0, 1, NONE, NONE, NONE },
	{ __NR_rmdir, K_PATH, JAIL_ACCESS_REMOVE, NONE, 0, NONE, NONE, NONE },
	{ __NR_rename, K_RENAME, JAIL_ACCESS_REMOVE, NONE, 0, NONE, NONE, 1 },
	{ __NR_renameat, K_RENAME, JAIL_ACCESS_REMOVE, 0, 1, NONE, 2, 3 },
	{ __NR_renameat2, K_RENAME, JAIL_ACCESS_REMOVE, 0, 1, NONE, 2, 3 },
	{ __NR_link, K_PATH, JAIL_ACCESS_CREATE, NONE, 1, NONE, NONE, NONE },
	{ __NR_linkat, K_PATH, JAIL_ACCESS_CREATE, 2, 3, NONE, NONE, NONE },
	{ __NR_symlink, K_PATH, JAIL_ACCESS_CREATE, NONE, 1, NONE, NONE, NONE },
	{ __NR_symlinkat, K_PATH, JAIL_ACCESS_CREATE, 1, 2, NONE, NONE, NONE },
	{ __NR_execve, K_PATH, JAIL_ACCESS_EXEC, NONE, 0, NONE, NONE, NONE },
	{ __NR_execveat, K_PATH, JAIL_ACCESS_EXEC, 0, 1, NONE, NONE, NONE },
	{ __NR_socket, K_SOCKET, JAIL_ACCESS_SOCKET, NONE, NONE, NONE, NONE, NONE },
	{ __NR_socketpair, K_SOCKET, JAIL_ACCESS_SOCKET, NONE, NONE, NONE, NONE, NONE },
	{ __NR_connect, K_SOCKADDR, JAIL_ACCESS_CONNECT, NONE, NONE, NONE, NONE, NONE },
	{ __NR_bind, K_SOCKADDR, JAIL_ACCESS_BIND, NONE, NONE, NONE, NONE, NONE },
};
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

const char *const jail_access_file_calls[] = {
	"open", "openat", "openat2", "creat", "truncate", "mkdir", "mkdirat",
	"mknod", "mknodat", "unlink", "unlinkat", "rmdir", "rename",
	"renameat", "renameat2", "link", "linkat", "symlink", "symlinkat",
	"execve", "execveat", NULL,
};
const char *const jail_access_net_calls[] = {
	"socket", "socketpair", "connect", "bind", NULL,
};

/* The filter refuses every foreign ABI: NR is a native number. */
static const struct call *find_call(int nr)
{
	for (size_t i = 0; i < NCALLS; i++)
		if (calls[i].nr == nr && nr >= 0)
			return &calls[i];
	return NULL;
}

bool jail_access_is_socket(const struct seccomp_notif *n)
{
	const struct call *c = find_call(n->data.nr);

	return c && c->kind == K_SOCKET;
}

/* Read LEN bytes at ADDR in PID. Returns 0 or -1. */
int jail_access_read_mem(int pid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len }, remote = { (void *)(uintptr_t)addr, len };

	return process_vm_readv(pid, &local, 1, &remote, 1, 0) == (ssize_t)len ? 0 : -1;
}

/* A NUL-terminated string at ADDR, read page by page so that a string
 * ending just before an unmapped page is still read. */
int jail_access_read_string(int pid, uint64_t addr, char *buf, size_t size)
{
	const size_t page = 4096;
	size_t got = 0;

	while (got < size - 1) {
		size_t chunk = page - (size_t)((addr + got) % page);

		if (chunk > size - 1 - got)
			chunk = size - 1 - got;
		if (jail_access_read_mem(pid, addr + got, buf + got, chunk) < 0)
			return -1;
		if (memchr(buf + got, '\0', chunk))
			return 0;
		got += chunk;
	}
	return -1;  /* longer than PATH_MAX: the kernel refuses it anyway */
}

/* Where a relative path starts: the cwd or the directory of DIRFD. */
static int base_dir(int pid, int dirfd, char out[PATH_MAX])
{
	char link[64];
	ssize_t n;

	if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", pid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", pid, dirfd);
	n = readlink(link, out, PATH_MAX - 1);
	if (n <= 0 || out[0] != '/')
		return -1;
	out[n] = '\0';
	return 0;
}

/* /proc/self in the caller is /proc/PID for us. */
static void fix_proc_self(int pid, char *full)
{
	static const char *const selves[] = { "/proc/self", "/proc/thread-self" };
	char tmp[PATH_MAX];

	for (int i = 0; i < 2; i++) {
		size_t n = strlen(selves[i]);

		if (strncmp(full, selves[i], n) == 0 &&
		    (full[n] == '/' || full[n] == '\0')) {
			if (snprintf(tmp, sizeof(tmp), "/proc/%d%s", pid,
				     full + n) < (int)sizeof(tmp))
				memcpy(full, tmp, strlen(tmp) + 1);
			return;
		}
	}
}

/*
 * Resolve PATH as the caller sees it. FOLLOW: the last component is
 * followed (open, exec). Returns 0 or -1 when there is nothing to judge
 * (an fd that is not a directory, a magic link to a pipe or socket).
 */
static int resolve(int pid, int dirfd, const char *path, bool follow,
		   struct jail_access *a)
{
	char full[PATH_MAX], base[PATH_MAX], dir[PATH_MAX];
	struct stat st;
	char *slash;
	size_t n;

	if (path[0] == '\0')
		return -1;  /* AT_EMPTY_PATH: the fd itself, already open */
	if (path[0] == '/')
		snprintf(full, sizeof(full), "%s", path);
	else if (base_dir(pid, dirfd, base) < 0 ||
		 snprintf(full, sizeof(full), "%s/%s", base, path) >= (int)sizeof(full))
		return -1;
	fix_proc_self(pid, full);
	for (n = strlen(full); n > 1 && full[n - 1] == '/'; n--)
		full[n - 1] = '\0';
	a->exists = lstat(full, &st) == 0;
	if ((follow || !a->exists || S_ISDIR(st.st_mode)) && realpath(full, a->path)) {
		a->exists = true;
		a->is_dir = stat(a->path, &st) == 0 && S_ISDIR(st.st_mode);
		return 0;
	}
	if (a->exists && follow)
		return -1;  /* a link to something that is not a path */
	slash = strrchr(full, '/');
	*slash = '\0';
	if (realpath(full[0] ? full : "/", dir) == NULL)
		return -1;  /* no parent: the call fails with ENOENT */
	if (strcmp(slash + 1, ".") == 0 || strcmp(slash + 1, "..") == 0)
		return -1;
	if (snprintf(a->path, sizeof(a->path), "%s%s%s", dir,
		     strcmp(dir, "/") == 0 ? "" : "/", slash + 1) >= (int)sizeof(a->path))
		return -1;
	a->is_dir = a->exists && S_ISDIR(st.st_mode);
	return 0;
}

static int decode_path(const struct seccomp_notif *n, int dirfd_arg, int path_arg,
		       bool follow, struct jail_access *a)
{
	char path[PATH_MAX];
	int dirfd = dirfd_arg == NONE ? AT_FDCWD : (int)n->data.args[dirfd_arg];

	if (jail_access_read_string((int)n->pid, n->data.args[path_arg], path, sizeof(path)) < 0)
		return -1;
	return resolve((int)n->pid, dirfd, path, follow, a);
}

/* open flags -> READ, WRITE or CREATE; -1 for O_PATH (no access). */
static int open_op(uint64_t flags, bool exists)
{
	if (flags & O_PATH)
		return -1;
	if ((flags & O_CREAT) && !exists)
		return JAIL_ACCESS_CREATE;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return JAIL_ACCESS_WRITE;
	return JAIL_ACCESS_READ;
}

static int decode_sockaddr(const struct seccomp_notif *n, struct jail_access *a)
{
	struct sockaddr_storage ss;
	size_t len = (size_t)(uint32_t)n->data.args[2];

	memset(&ss, 0, sizeof(ss));
	if (len < sizeof(sa_family_t))
		return -1;
	if (len > sizeof(ss))
		len = sizeof(ss);
	if (jail_access_read_mem((int)n->pid, n->data.args[1], &ss, len) < 0)
		return -1;
	a->family = ss.ss_family;
	if (ss.ss_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)&ss;

		inet_ntop(AF_INET, &in->sin_addr, a->addr, sizeof(a->addr));
		a->port = ntohs(in->sin_port);
	} else if (ss.ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)&ss;

		inet_ntop(AF_INET6, &in6->sin6_addr, a->addr, sizeof(a->addr));
		a->port = ntohs(in6->sin6_port);
	} else if (ss.ss_family == AF_UNIX) {
		const struct sockaddr_un *un = (const void *)&ss;
		size_t plen = len - offsetof(struct sockaddr_un, sun_path);

		if (plen == 0)
			return -1;  /* unnamed */
		if (un->sun_path[0] == '\0')
			snprintf(a->path, sizeof(a->path), "@%.*s", (int)(plen - 1),
				 un->sun_path + 1);
		else
			snprintf(a->path, sizeof(a->path), "%.*s", (int)plen, un->sun_path);
	} else if (ss.ss_family == AF_UNSPEC) {
		return -1;  /* connect(AF_UNSPEC) dissolves an association */
	}
	return 0;
}

static void read_comm(int pid, char prog[16])
{
	char path[64];
	ssize_t n = -1;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, prog, 15);
		close(fd);
	}
	prog[n > 0 ? n : 0] = '\0';
	prog[strcspn(prog, "\n")] = '\0';
}

static int decode_open(const struct seccomp_notif *n, const struct call *c,
		       struct jail_access *a)
{
	uint64_t flags = 0;
	int op;

	if (c->kind == K_OPENAT2) {
		if (jail_access_read_mem((int)n->pid, n->data.args[2], &flags, sizeof(flags)) < 0)
			return 0;
	} else {
		flags = (uint32_t)n->data.args[(int)c->flags];
	}
	if ((flags & O_PATH) ||
	    decode_path(n, c->dirfd, c->path, !(flags & O_NOFOLLOW), a) < 0)
		return 0;
	op = open_op(flags, a->exists);
	if (op < 0 || (op != JAIL_ACCESS_CREATE && !a->exists))
		return 0;
	a->op = op;
	return 1;
}

int jail_access_decode(const struct seccomp_notif *n, struct jail_access out[2])
{
	const struct call *c = find_call(n->data.nr);
	struct jail_access *a = &out[0];

	memset(out, 0, 2 * sizeof(*out));
	if (c == NULL)
		return 0;
	a->op = c->op;
	a->pid = (int)n->pid;
	read_comm(a->pid, a->prog);
	switch (c->kind) {
	case K_OPEN:
	case K_OPENAT2:
		return decode_open(n, c, a);
	case K_PATH:
		if (decode_path(n, c->dirfd, c->path, c->op == JAIL_ACCESS_EXEC, a) < 0)
			return 0;
		if (c->op == JAIL_ACCESS_CREATE && a->exists) {
			if (c->nr != __NR_creat)
				return 0;  /* EEXIST before any access check */
			a->op = JAIL_ACCESS_WRITE;
		}
		return a->exists || c->op == JAIL_ACCESS_CREATE;
	case K_RENAME:
		out[1] = *a;
		out[1].op = JAIL_ACCESS_CREATE;
		if (decode_path(n, c->dirfd, c->path, false, a) < 0 || !a->exists ||
		    decode_path(n, c->dirfd2, c->path2, false, &out[1]) < 0)
			return 0;
		return 2;
	case K_SOCKET:
		a->family = (int)(uint32_t)n->data.args[0];
		a->type = (int)(uint32_t)n->data.args[1];
		a->protocol = (int)(uint32_t)n->data.args[2];
		a->pair = c->nr == __NR_socketpair;
		return 1;
	case K_SOCKADDR:
		return decode_sockaddr(n, a) == 0;
	}
	return 0;
}
