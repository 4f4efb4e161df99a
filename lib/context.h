/* SPDX-License-Identifier: MIT */
/*
 * context.h - everything the child needs to jail itself, prepared by the
 * unjailed parent before fork so the child does no parsing.
 */
#ifndef JAIL_CONTEXT_H
#define JAIL_CONTEXT_H

#include "abi.h"
#include "policy.h"

struct jail_context {
	const struct jail_policy *policy;
	const struct jail_kernel *kernel;
	const char *tmpdir;       /* private TMPDIR (writable), or NULL */
	const char *self_dir;     /* where jailsh lives (readable when strict) */
	const char *jobserver_fifo; /* make 4.4 jobserver FIFO, or NULL */
	const char *private_tmp;  /* set in the child: /tmp when it is the
				     private overlay (mountns.c), else NULL */
	bool hidden_masked;       /* set in the child: hidden paths are
				     covered by mounts, Landlock needs no
				     hide plan (mountns.c) */
	int keep_fds[3];          /* fds to keep open past 2, -1 if unused */
};

#endif
