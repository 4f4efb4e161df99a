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

/* More rules for jail_filter_load_notify; CTX is a scmp_filter_ctx.
 * Returns 0 or a negative errno. */
typedef int (*jail_filter_extra_fn)(void *ctx, const struct jail_policy *p);

/*
 * The same filter, but a refused socket()/socketpair() goes to a seccomp
 * user-notification listener, so the unjailed supervisor can name it
 * before it answers JAIL_FILTER_SOCKET_ERRNO (if the listener is gone the
 * kernel fails the call with ENOSYS: still refused). EXTRA (may be NULL)
 * adds notify rules. *LISTENER gets the listener fd; the caller must hand
 * it to the supervisor and close it before execve. Returns as above.
 */
int jail_filter_load_notify(const struct jail_policy *p,
			    jail_filter_extra_fn extra, int *listener,
			    struct jail_error *err);

#endif
