/* SPDX-License-Identifier: MIT */
/*
 * filter.h - the seccomp filter: socket families, io_uring, terminal
 * injection, foreign syscall ABIs and host-changing syscalls.
 *
 * The BPF programs are built once, at build time: lib/gen/mkfilter.c runs
 * the libseccomp rules of lib/filter_rules.c for every kind and network
 * policy and writes build/filter_bpf.c. At run time the right program is
 * picked from that table and loaded with seccomp(2): no libseccomp.
 */
#ifndef JAIL_FILTER_H
#define JAIL_FILTER_H

#include <linux/filter.h>

#include "error.h"
#include "policy.h"

/* The errno a refused socket()/socketpair() call gets. */
#define JAIL_FILTER_SOCKET_ERRNO EACCES

/* The filters; they differ only in what goes to the listener. */
enum jail_filter_kind {
	JAIL_FILTER_PLAIN,      /* refused sockets fail at once, no listener */
	JAIL_FILTER_ENFORCE,    /* refused sockets, and connect() with TCP
				 * port grants, go to the listener */
	JAIL_FILTER_LEARN,      /* refused sockets and every file and socket
				 * call go to the listener */
	JAIL_FILTER_GUARD,      /* as ENFORCE, and every call that makes a
				 * name goes to the listener (lib/guard.h);
				 * openat2 fails with ENOSYS */
	JAIL_FILTER_KINDS
};

/* The policy's network bits the filter depends on (ports are Landlock's),
 * as an index 0 .. JAIL_FILTER_NETS - 1. */
#define JAIL_FILTER_NET_BITS (JAIL_NET_UNIX | JAIL_NET_CONNECT | JAIL_NET_ALL)
#define JAIL_FILTER_NETS (JAIL_FILTER_NET_BITS + 1)

/* One precompiled program. */
struct jail_filter_prog {
	const struct sock_filter *insns;
	unsigned short len;
};

/* Generated (build/filter_bpf.c): [kind][net & JAIL_FILTER_NET_BITS]. */
extern const struct jail_filter_prog
	jail_filter_table[JAIL_FILTER_KINDS][JAIL_FILTER_NETS];

/*
 * Load the plain filter for P into the calling thread; it is the last
 * step before execve. no_new_privs must be set. Returns 0 or a negative
 * errno (what seccomp(2) failed with) with ERR filled.
 */
int jail_filter_load(const struct jail_policy *p, struct jail_error *err);

/*
 * The same filter, but a refused socket()/socketpair() goes to a seccomp
 * user-notification listener, so the unjailed supervisor can name it
 * before it answers JAIL_FILTER_SOCKET_ERRNO (if the listener is gone the
 * kernel fails the call with ENOSYS: still refused). KIND is
 * JAIL_FILTER_ENFORCE, JAIL_FILTER_LEARN or JAIL_FILTER_GUARD (else
 * -EINVAL). *LISTENER gets
 * the listener fd; the caller must hand it to the supervisor and close it
 * before execve. Returns as above; -EBUSY when a filter already in force
 * has a listener (the kernel allows one per chain).
 */
int jail_filter_load_notify(const struct jail_policy *p,
			    enum jail_filter_kind kind, int *listener,
			    struct jail_error *err);

#endif
