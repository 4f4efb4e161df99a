/* SPDX-License-Identifier: MIT */
/*
 * sys.h - raw system calls, all in one file so tests can wrap them.
 * Each returns what the kernel returns: >= 0, or -1 with errno set.
 */
#ifndef JAIL_SYS_H
#define JAIL_SYS_H

#include <stddef.h>
#include <stdint.h>

#include "landlock_uapi.h"

struct sock_fprog;

int jail_sys_landlock_create_ruleset(const struct jail_ll_ruleset_attr *attr,
				     size_t size, uint32_t flags);
int jail_sys_landlock_add_rule(int ruleset_fd, int rule_type,
			       const void *rule_attr, uint32_t flags);
int jail_sys_landlock_restrict_self(int ruleset_fd, uint32_t flags);
int jail_sys_close_range(unsigned first, unsigned last, unsigned flags);
int jail_sys_capset_zero(void);
int jail_sys_seccomp_filter(unsigned flags, const struct sock_fprog *prog);
int jail_sys_fork_sibling(void);
/* Read the small file PATH (a /proc entry) into BUF, NUL-terminated
 * ("" on failure). Returns the bytes read or -errno. */
int jail_sys_read_text(const char *path, char *buf, size_t size);
int jail_sys_renameat2(int olddir, const char *old, int newdir, const char *new,
		       unsigned flags);

#endif
