/* SPDX-License-Identifier: MIT */
/*
 * policy.h - the policy model: what a jailed command may write, read and
 * reach, and how strictly the jail is applied.
 *
 * A policy is built from options, environment variables (jailsh) or Make
 * variables (jail.so) through the jail_policy_add_* calls, which validate
 * every value: a value that fails leaves the policy unchanged and fills the
 * error. jail_policy_finish() adds the defaults. Paths are stored absolute
 * and resolved (realpath), so rules never follow a symlink later.
 */
#ifndef JAIL_POLICY_H
#define JAIL_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "strlist.h"

#define JAIL_MAX_PORTS 64

enum jail_mode {
	JAIL_MODE_ENFORCE = 0,  /* anything not enforceable: nothing runs */
	JAIL_MODE_BEST_EFFORT,  /* run, and say what is not enforced */
	JAIL_MODE_OFF,          /* no jail at all (debugging only) */
	JAIL_MODE_LEARN,        /* nothing blocked; every would-be denial reported */
};

/* Network grants: a bit set; 0 means none. */
#define JAIL_NET_UNIX    (1u << 0)  /* new AF_UNIX sockets */
#define JAIL_NET_CONNECT (1u << 1)  /* TCP connect to ports[] */
#define JAIL_NET_ALL     (1u << 2)  /* every family; the escape hatch */

enum jail_path_kind { JAIL_PATH_WRITE, JAIL_PATH_READ, JAIL_PATH_HIDE,
		      JAIL_PATH_UNHIDE, JAIL_PATH_PROTECT };

struct jail_policy {
	struct jail_strlist write;      /* writable roots (resolved) */
	struct jail_strlist read;       /* extra readable roots when strict */
	struct jail_strlist hide;       /* unreadable paths */
	struct jail_strlist env_keep;   /* variables the scrubber must keep */
	struct jail_strlist unhide;     /* hidden paths made readable again */
	struct jail_strlist protect;    /* read-only inside writable roots (need not exist) */
	struct jail_strlist prereq;     /* make target's prerequisites (also in read) */
	char *target;                   /* make target ($@) or NULL; names learn output */
	unsigned net;
	uint16_t ports[JAIL_MAX_PORTS];
	unsigned nports;
	enum jail_mode mode;
	bool mode_set;                  /* mode was given explicitly */
	bool strict_read;               /* reads limited (any --read, --strict) */
	bool no_default_hide;           /* set by tests and --hide-none */
};

/* Start an empty policy: enforce, no network, no paths. */
void jail_policy_init(struct jail_policy *p);
void jail_policy_free(struct jail_policy *p);

/*
 * Every add/set call takes SOURCE, the name the user wrote ("--write",
 * "JAIL_WRITE"), so that errors name it; NULL means the jailsh option.
 *
 * Add PATH (absolute, or relative to BASE_DIR) to the list KIND.
 * WRITE and READ paths must exist; HIDE paths need not.
 * Returns 0, -EINVAL (empty or too long), -ENOENT/-errno (cannot resolve)
 * or -ENOMEM. On error P is unchanged and ERR says why.
 */
int jail_policy_add_path(struct jail_policy *p, enum jail_path_kind kind,
			 const char *path, const char *base_dir,
			 const char *source, struct jail_error *err);

/* Add a network spec: none | unix | all | connect:PORT[,PORT...].
 * Returns 0 or -EINVAL. */
int jail_policy_add_net(struct jail_policy *p, const char *spec,
			const char *source, struct jail_error *err);

/* Keep variable NAME through the scrubber. Returns 0, -EINVAL, -ENOMEM. */
int jail_policy_add_env(struct jail_policy *p, const char *name,
			const char *source, struct jail_error *err);

/*
 * Add everything SRC grants to DST: lists are joined without duplicates,
 * network grants and ports are joined, SRC's mode wins when it was set.
 * Returns 0 or -ENOMEM (DST may then hold part of SRC).
 */
int jail_policy_merge(struct jail_policy *dst, const struct jail_policy *src);

/*
 * The make target this policy is for (jail.so passes $@): learn output is
 * grouped by it and an undeclared input is named as a missing prerequisite.
 * Returns 0, -EINVAL (empty) or -ENOMEM.
 */
int jail_policy_set_target(struct jail_policy *p, const char *target,
			   struct jail_error *err);

/*
 * Add a prerequisite of the target (jail.so passes each word of $^ $|):
 * readable when reads are strict. A path that does not exist (a phony
 * target) is skipped. Returns 0 or -ENOMEM.
 */
int jail_policy_add_prereq(struct jail_policy *p, const char *path,
			   const char *base_dir);

/* enforce | best-effort | off | learn. Returns 0 or -EINVAL. */
int jail_policy_set_mode(struct jail_policy *p, const char *mode,
			 const char *source, struct jail_error *err);

/*
 * Read JAIL_WRITE, JAIL_READ, JAIL_HIDE, JAIL_UNHIDE (colon-separated),
 * JAIL_NET, JAIL_ENV (whitespace- or colon-separated), JAIL_MODE and
 * JAIL_STRICT (1 or 0) from the environment. Unset or empty variables are
 * skipped.
 */
int jail_policy_from_env(struct jail_policy *p, const char *base_dir,
			 struct jail_error *err);

/*
 * Add the defaults: CWD as writable root when none was given, and the
 * credential stores under HOME as hidden (unless no_default_hide); then
 * drop every hidden path at or beneath an unhide path.
 * HOME may be NULL. Returns 0 or -ENOMEM.
 */
int jail_policy_finish(struct jail_policy *p, const char *cwd,
		       const char *home, struct jail_error *err);

/* The default hidden names, relative to $HOME; NULL-terminated. */
extern const char *const jail_default_hide[];
/* Absolute paths hidden by default when running as root. */
extern const char *const jail_default_hide_root[];

/*
 * Serialise P into a token made of [0-9a-f] only, safe to pass through
 * make's .SHELLFLAGS without a shell. Returns a malloc'd string or NULL.
 */
char *jail_policy_encode(const struct jail_policy *p);
/* Parse a token from jail_policy_encode into P (added to what P has). */
int jail_policy_decode(struct jail_policy *p, const char *token,
		       struct jail_error *err);

const char *jail_mode_name(enum jail_mode mode);

#endif
