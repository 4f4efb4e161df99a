/* SPDX-License-Identifier: MIT */
/*
 * learn.h - judging accesses against a policy, and the grants that would
 * allow the denied ones.
 *
 * jail_learn_judge() says whether the jail of a policy would refuse an
 * access, and the one grant that allows it. A struct jail_learn collects
 * the grants of a run, deduplicated; jail_learn_summary() collapses them
 * to sensible directories and writes them as jailsh options or as make
 * variable lines for the target. Nothing here prints.
 */
#ifndef JAIL_LEARN_H
#define JAIL_LEARN_H

#include <stddef.h>

#include "context.h"
#include "notify.h"

enum jail_need_kind {
	JAIL_NEED_WRITE,        /* value: a path to make writable */
	JAIL_NEED_READ,         /* value: a path to make readable (strict) */
	JAIL_NEED_PREREQ,       /* value: a file the target should depend on */
	JAIL_NEED_UNHIDE,       /* value: the hidden path to make readable */
	JAIL_NEED_NET,          /* value: unix | all | connect:PORT */
	JAIL_NEED_TCP,          /* a TCP socket: any connect:PORT grant allows it */
};

struct jail_need {
	enum jail_need_kind kind;
	char value[PATH_MAX];
	const char *why;        /* static text: "outside the writable roots" ... */
};

/*
 * Would the jail for C refuse A? Returns true and fills NEED if so.
 * Mirrors what Landlock and the filter check: writes beneath writable
 * roots, the private TMPDIR and the allowed devices; reads except hidden
 * paths (only declared ones when reads are strict); socket families and
 * TCP connect ports.
 */
bool jail_learn_judge(const struct jail_context *c, const struct jail_access *a,
		      struct jail_need *need);

struct jail_learn_entry {
	struct jail_need need;
	struct jail_access first;       /* the first access that needed it */
	unsigned count;
};

struct jail_learn {
	struct jail_learn_entry *v;
	size_t n, cap;
	unsigned total;                 /* accesses recorded, with repeats */
};

/* Record A, denied for NEED. Returns 0 or -ENOMEM. */
int jail_learn_add(struct jail_learn *l, const struct jail_access *a,
		   const struct jail_need *need);
void jail_learn_free(struct jail_learn *l);

/*
 * The grants of L, collapsed, as text: jailsh options (MAKE false) or
 * make lines ("T: JAIL_WRITE += DIR", "add X as a prerequisite of T")
 * for TARGET (may be NULL). Paths beneath CWD are shown relative in make
 * prerequisite advice. Returns a malloc'd string ("" when nothing was
 * denied) or NULL on ENOMEM. L is collapsed in place.
 */
char *jail_learn_summary(struct jail_learn *l, const char *target, bool make,
			 const char *cwd, const struct jail_policy *p);

/* "create /x/y", "connect inet 127.0.0.1:80": what A did, into BUF. */
void jail_learn_describe(const struct jail_access *a, char *buf, size_t size);

/* The grant as an option ("--write /x") or make line ("JAIL_WRITE += /x"). */
void jail_learn_grant(const struct jail_need *n, bool make, char *buf, size_t size);

/* One JSON object (no newline) for A denied for N. Returns its length,
 * or -1 if it did not fit in SIZE. */
int jail_learn_json(const struct jail_access *a, const struct jail_need *n,
		    const char *target, const char *mode, char *buf, size_t size);

#endif
