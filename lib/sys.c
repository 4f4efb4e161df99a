/* SPDX-License-Identifier: MIT */
/* sys.c - raw system calls; see sys.h. */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sys.h"

#ifndef __NR_close_range
#define __NR_close_range 436
#endif

int jail_sys_landlock_create_ruleset(const struct jail_ll_ruleset_attr *attr,
				     size_t size, uint32_t flags)
{
	return (int)syscall(__NR_landlock_create_ruleset, attr, size, flags);
}

int jail_sys_landlock_add_rule(int ruleset_fd, int rule_type,
			       const void *rule_attr, uint32_t flags)
{
	return (int)syscall(__NR_landlock_add_rule, ruleset_fd, rule_type,
			    rule_attr, flags);
}

int jail_sys_landlock_restrict_self(int ruleset_fd, uint32_t flags)
{
	return (int)syscall(__NR_landlock_restrict_self, ruleset_fd, flags);
}

int jail_sys_close_range(unsigned first, unsigned last, unsigned flags)
{
	return (int)syscall(__NR_close_range, first, last, flags);
}

/* Clear the effective, permitted and inheritable sets. */
int jail_sys_capset_zero(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0,
	};
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	return (int)syscall(SYS_capset, &hdr, data);
}

int jail_sys_read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;
	ssize_t n;

	buf[0] = '\0';
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	e = errno;
	close(fd);
	if (n < 0)
		return -e;
	buf[n] = '\0';
	return (int)n;
}

/* clone(CLONE_PARENT): a fork whose child is our parent's. Only for a
 * single-threaded caller (no fork handlers run). */
int jail_sys_fork_sibling(void)
{
	return (int)syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
}

int jail_sys_renameat2(int olddir, const char *old, int newdir, const char *new,
		       unsigned flags)
{
	return (int)syscall(SYS_renameat2, olddir, old, newdir, new, flags);
}

/* seccomp(SECCOMP_SET_MODE_FILTER): 0, or the listener fd with
 * SECCOMP_FILTER_FLAG_NEW_LISTENER. */
int jail_sys_seccomp_filter(unsigned flags, const struct sock_fprog *prog)
{
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, prog);
}
