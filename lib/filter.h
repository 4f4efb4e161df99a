/* SPDX-License-Identifier: MIT */
/*
 * filter.h - the seccomp filter: socket families, io_uring, terminal
 * injection, foreign syscall ABIs and host-changing syscalls.
 */
#ifndef JAIL_FILTER_H
#define JAIL_FILTER_H

#include "error.h"
#include "policy.h"

/* The errno a refused socket()/socketpair() call gets. */
#define JAIL_FILTER_SOCKET_ERRNO EACCES

/*
 * Build and load the filter for P into the calling thread; it is the last
 * step before execve. no_new_privs must be set. Returns 0 or a negative
 * errno (-ENOMEM, -EINVAL, or what seccomp_load returned) with ERR filled.
 */
int jail_filter_load(const struct jail_policy *p, struct jail_error *err);

#endif
