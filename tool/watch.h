/* SPDX-License-Identifier: MIT */
/*
 * watch.h - what jailsh does with the accesses the supervisor sees:
 * name a refused one on stderr when it happens (enforce), collect them and
 * print the grants at the end (learn), append JSON lines to JAIL_REPORT.
 */
#ifndef JAILSH_WATCH_H
#define JAILSH_WATCH_H

#include <stdbool.h>

#include "context.h"
#include "learn.h"
#include "notify.h"

struct jailsh_watch {
	struct jail_watch w;            /* handed to jail_run */
	const struct jail_context *ctx;
	struct jail_learn learn;
	bool make;                      /* policy came from jail.so: make syntax */
	int report_fd;                  /* JAIL_REPORT, or -1 */
	unsigned denied;
	bool nested;                    /* run by a jailed command: an outer
	                                 * jailsh gives the failure hint */
	struct jail_strlist refused;    /* protected paths named already */
};

/* Set up W for the policy in CTX; MAKE when run by jail.so. Opens
 * JAIL_REPORT if set (a failure is said on stderr and ignored). */
void jailsh_watch_init(struct jailsh_watch *w, const struct jail_context *ctx,
		       bool make);

/* After the run: learn mode prints the grants; a failed enforced command
 * gets one line on how to rerun it in learn mode. Frees W. */
void jailsh_watch_finish(struct jailsh_watch *w, const char *cwd, int status,
			 bool ran);

#endif
