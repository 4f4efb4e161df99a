/* SPDX-License-Identifier: MIT */
/*
 * policy_env.c - the policy from JAIL_* environment variables, so that
 * `make SHELL=jailsh` needs no flags. Unset or empty variables are skipped;
 * empty list elements are skipped; any bad element fails the whole call.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

typedef int (*add_fn)(struct jail_policy *p, const char *item,
		      const char *name, const void *ctx, struct jail_error *err);

static int add_path_item(struct jail_policy *p, const char *item,
			 const char *name, const void *ctx,
			 struct jail_error *err)
{
	const char *base_dir = ctx;
	enum jail_path_kind kind = JAIL_PATH_HIDE;

	if (strcmp(name, "JAIL_WRITE") == 0)
		kind = JAIL_PATH_WRITE;
	else if (strcmp(name, "JAIL_READ") == 0)
		kind = JAIL_PATH_READ;
	else if (strcmp(name, "JAIL_UNHIDE") == 0)
		kind = JAIL_PATH_UNHIDE;
	else if (strcmp(name, "JAIL_PROTECT") == 0)
		kind = JAIL_PATH_PROTECT;
	return jail_policy_add_path(p, kind, item, base_dir, name, err);
}

static int add_net_item(struct jail_policy *p, const char *item,
			const char *name, const void *ctx,
			struct jail_error *err)
{
	(void)ctx;
	return jail_policy_add_net(p, item, name, err);
}

static int add_env_item(struct jail_policy *p, const char *item,
			const char *name, const void *ctx,
			struct jail_error *err)
{
	(void)ctx;
	return jail_policy_add_env(p, item, name, err);
}

/* Split the value of NAME at any of SEPS and add each element. */
static int add_list(struct jail_policy *p, const char *name, const char *seps,
		    add_fn add, const void *ctx, struct jail_error *err)
{
	const char *value = getenv(name);
	char *copy, *save = NULL;
	int rc = 0;

	if (value == NULL || value[0] == '\0')
		return 0;
	copy = strdup(value);
	if (copy == NULL)
		return -ENOMEM;
	for (char *t = strtok_r(copy, seps, &save); t && rc == 0;
	     t = strtok_r(NULL, seps, &save))
		rc = add(p, t, name, ctx, err);
	free(copy);
	return rc;
}

int jail_policy_from_env(struct jail_policy *p, const char *base_dir,
			 struct jail_error *err)
{
	const char *mode = getenv("JAIL_MODE"), *strict = getenv("JAIL_STRICT");
	int rc;

	rc = add_list(p, "JAIL_WRITE", ":", add_path_item, base_dir, err);
	if (rc == 0)
		rc = add_list(p, "JAIL_READ", ":", add_path_item, base_dir, err);
	if (rc == 0)
		rc = add_list(p, "JAIL_HIDE", ":", add_path_item, base_dir, err);
	if (rc == 0)
		rc = add_list(p, "JAIL_UNHIDE", ":", add_path_item, base_dir, err);
	if (rc == 0)
		rc = add_list(p, "JAIL_PROTECT", ":", add_path_item, base_dir, err);
	if (rc == 0)
		rc = add_list(p, "JAIL_NET", " \t\n", add_net_item, NULL, err);
	if (rc == 0)
		rc = add_list(p, "JAIL_ENV", ": \t\n", add_env_item, NULL, err);
	if (rc == 0 && mode != NULL && mode[0] != '\0')
		rc = jail_policy_set_mode(p, mode, "JAIL_MODE", err);
	if (rc == 0 && strict != NULL && strict[0] != '\0') {
		if (strcmp(strict, "1") != 0 && strcmp(strict, "0") != 0)
			return jail_error_set(err, EINVAL, strict, "use 1 or 0",
					      "JAIL_STRICT: unknown value");
		p->strict_read = p->strict_read || strict[0] == '1';
	}
	return rc;
}
