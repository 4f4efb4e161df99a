/* SPDX-License-Identifier: MIT */
/*
 * filter.c - load the seccomp filter: the program for the policy's
 * network bits and the kind asked for, precompiled at build time from
 * lib/filter_rules.c (build/filter_bpf.c, see lib/gen/mkfilter.c), goes to
 * the kernel with seccomp(2) as is. No libseccomp, no allocation, and the
 * same program, byte for byte, that libseccomp builds from those rules
 * (tests/unit/test_filter.c checks it).
 */
#include <errno.h>
#include <linux/seccomp.h>

#include "filter.h"
#include "sys.h"

#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif

/* Load the program of KIND for P; returns the seccomp(2) result. */
static int load(const struct jail_policy *p, enum jail_filter_kind kind,
		unsigned flags, struct jail_error *err)
{
	const struct jail_filter_prog *f =
		&jail_filter_table[kind][p->net & JAIL_FILTER_NET_BITS];
	const struct sock_fprog prog = {
		.len = f->len, .filter = (struct sock_filter *)f->insns,
	};
	int rc = jail_sys_seccomp_filter(flags, &prog);

	if (rc < 0)
		return jail_error_set(err, errno, NULL, NULL,
				      "cannot load the seccomp filter");
	return rc;
}

int jail_filter_load(const struct jail_policy *p, struct jail_error *err)
{
	int rc = load(p, JAIL_FILTER_PLAIN, 0, err);

	return rc < 0 ? rc : 0;
}

int jail_filter_load_notify(const struct jail_policy *p,
			    enum jail_filter_kind kind, int *listener,
			    struct jail_error *err)
{
	int rc;

	*listener = -1;
	if (kind == JAIL_FILTER_PLAIN || (unsigned)kind >= JAIL_FILTER_KINDS)
		return jail_error_set(err, EINVAL, NULL, NULL,
				      "no such seccomp notify filter");
	rc = load(p, kind, SECCOMP_FILTER_FLAG_NEW_LISTENER, err);
	if (rc < 0)
		return rc;
	*listener = rc;
	return 0;
}
