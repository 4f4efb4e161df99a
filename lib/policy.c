/* SPDX-License-Identifier: MIT */
/*
 * policy.c - building and validating a struct jail_policy.
 *
 * Guarantees: every value is checked before it is stored; a failing call
 * leaves the policy as it was; stored paths are absolute and resolved.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

const char *const jail_default_hide[] = {
	".ssh", ".gnupg", ".aws", ".azure", ".config/gcloud", ".kube",
	".docker", ".netrc", ".npmrc", ".pypirc", ".git-credentials",
	".config/gh", ".config/git/credentials", ".cargo/credentials",
	".cargo/credentials.toml", ".gem/credentials", ".m2/settings.xml",
	".terraform.d/credentials.tfrc.json", ".vault-token",
	".password-store", ".local/share/keyrings", ".pgpass", ".my.cnf",
	".config/hub", ".config/op", NULL,
};

void jail_policy_init(struct jail_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->mode = JAIL_MODE_ENFORCE;
}

void jail_policy_free(struct jail_policy *p)
{
	jail_strlist_free(&p->write);
	jail_strlist_free(&p->read);
	jail_strlist_free(&p->hide);
	jail_strlist_free(&p->env_keep);
}

static const char *const kind_option[] = {
	[JAIL_PATH_WRITE] = "--write", [JAIL_PATH_READ] = "--read",
	[JAIL_PATH_HIDE] = "--hide",
};

/* Join BASE and PATH unless PATH is absolute. Returns 0 or -ENAMETOOLONG. */
static int make_absolute(char out[PATH_MAX], const char *path,
			 const char *base)
{
	int n;

	if (path[0] == '/' || base == NULL)
		n = snprintf(out, PATH_MAX, "%s", path);
	else
		n = snprintf(out, PATH_MAX, "%s/%s", base, path);
	return (n < 0 || n >= PATH_MAX) ? -ENAMETOOLONG : 0;
}

/* Hidden paths need not exist: keep the lexical path, and the resolved
 * one too when it resolves elsewhere (a symlinked ~/.aws). */
static int add_hide(struct jail_policy *p, const char *abs)
{
	char real[PATH_MAX];
	int rc = jail_strlist_add_unique(&p->hide, abs);

	if (rc == 0 && realpath(abs, real) != NULL)
		rc = jail_strlist_add_unique(&p->hide, real);
	return rc;
}

int jail_policy_add_path(struct jail_policy *p, enum jail_path_kind kind,
			 const char *path, const char *base_dir,
			 const char *source, struct jail_error *err)
{
	const char *opt = source ? source : kind_option[kind];
	char abs[PATH_MAX], real[PATH_MAX];
	struct jail_strlist *list;

	if (path == NULL || path[0] == '\0')
		return jail_error_set(err, EINVAL, "", "give a path, or drop the option",
				      "%s needs a path, got an empty value", opt);
	if (make_absolute(abs, path, base_dir) < 0)
		return jail_error_set(err, ENAMETOOLONG, path, NULL,
				      "%s path is too long", opt);
	if (kind == JAIL_PATH_HIDE)
		return add_hide(p, abs) < 0 ? -ENOMEM : 0;
	if (realpath(abs, real) == NULL) {
		int e = errno;

		return jail_error_set(err, e, abs,
				      e == ENOENT ? "create it first, or fix the path" : NULL,
				      "%s path %s", opt,
				      e == ENOENT ? "does not exist" : strerror(e));
	}
	list = kind == JAIL_PATH_WRITE ? &p->write : &p->read;
	if (jail_strlist_add_unique(list, real) < 0)
		return -ENOMEM;
	if (kind == JAIL_PATH_READ)
		p->strict_read = true;
	return 0;
}

/* Parse "P[,P...]" into PORTS. Returns count or -EINVAL. */
static int parse_ports(const char *s, uint16_t *ports, unsigned max)
{
	unsigned n = 0;

	while (*s) {
		unsigned long v = 0;
		const char *start = s;

		while (*s >= '0' && *s <= '9' && s - start < 6)
			v = v * 10 + (unsigned long)(*s++ - '0');
		if (s == start || v == 0 || v > 65535 || n == max)
			return -EINVAL;
		ports[n++] = (uint16_t)v;
		if (*s == ',' && s[1] != '\0')
			s++;
		else if (*s != '\0')
			return -EINVAL;
	}
	return n ? (int)n : -EINVAL;
}

static int add_ports(struct jail_policy *p, const uint16_t *ports, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		bool seen = false;

		for (unsigned j = 0; j < p->nports; j++)
			seen = seen || p->ports[j] == ports[i];
		if (seen)
			continue;
		if (p->nports == JAIL_MAX_PORTS)
			return -EINVAL;
		p->ports[p->nports++] = ports[i];
	}
	return 0;
}

int jail_policy_add_net(struct jail_policy *p, const char *spec,
			const char *source, struct jail_error *err)
{
	const char *opt = source ? source : "--net";
	static const char hint[] =
		"use none, unix, all or connect:PORT[,PORT...] (ports 1-65535)";
	uint16_t ports[JAIL_MAX_PORTS];
	int n;

	if (spec == NULL || spec[0] == '\0')
		return jail_error_set(err, EINVAL, "", hint,
				      "%s needs a value, got an empty one", opt);
	if (strcmp(spec, "none") == 0)
		return 0;
	if (strcmp(spec, "unix") == 0) {
		p->net |= JAIL_NET_UNIX;
		return 0;
	}
	if (strcmp(spec, "all") == 0) {
		p->net |= JAIL_NET_ALL;
		return 0;
	}
	if (strncmp(spec, "connect:", 8) == 0) {
		n = parse_ports(spec + 8, ports, JAIL_MAX_PORTS);
		if (n > 0 && add_ports(p, ports, (unsigned)n) == 0) {
			p->net |= JAIL_NET_CONNECT;
			return 0;
		}
	}
	return jail_error_set(err, EINVAL, spec, hint,
			      "%s: unknown network spec", opt);
}

int jail_policy_add_env(struct jail_policy *p, const char *name,
			const char *source, struct jail_error *err)
{
	const char *c = name;

	if (name == NULL || !(isalpha((unsigned char)*c) || *c == '_'))
		goto bad;
	while (*c && (isalnum((unsigned char)*c) || *c == '_'))
		c++;
	if (*c != '\0')
		goto bad;
	return jail_strlist_add_unique(&p->env_keep, name);
bad:
	return jail_error_set(err, EINVAL, name ? name : "",
			      "give a variable name such as NPM_TOKEN",
			      "%s needs a variable name", source ? source : "--env");
}

const char *jail_mode_name(enum jail_mode mode)
{
	switch (mode) {
	case JAIL_MODE_ENFORCE: return "enforce";
	case JAIL_MODE_BEST_EFFORT: return "best-effort";
	case JAIL_MODE_OFF: return "off";
	}
	return "?";
}

int jail_policy_set_mode(struct jail_policy *p, const char *mode,
			 const char *source, struct jail_error *err)
{
	for (int m = JAIL_MODE_ENFORCE; m <= JAIL_MODE_OFF; m++) {
		if (mode && strcmp(mode, jail_mode_name(m)) == 0) {
			p->mode = m;
			p->mode_set = true;
			return 0;
		}
	}
	return jail_error_set(err, EINVAL, mode ? mode : "",
			      "use enforce, best-effort or off",
			      "%s: unknown mode", source ? source : "--mode");
}

static int merge_list(struct jail_strlist *dst, const struct jail_strlist *src)
{
	for (size_t i = 0; i < src->n; i++)
		if (jail_strlist_add_unique(dst, src->v[i]) < 0)
			return -ENOMEM;
	return 0;
}

int jail_policy_merge(struct jail_policy *dst, const struct jail_policy *src)
{
	if (merge_list(&dst->write, &src->write) < 0 ||
	    merge_list(&dst->read, &src->read) < 0 ||
	    merge_list(&dst->hide, &src->hide) < 0 ||
	    merge_list(&dst->env_keep, &src->env_keep) < 0)
		return -ENOMEM;
	dst->net |= src->net;
	if (add_ports(dst, src->ports, src->nports) < 0)
		return -ENOMEM;
	if (src->mode_set) {
		dst->mode = src->mode;
		dst->mode_set = true;
	}
	dst->strict_read = dst->strict_read || src->strict_read;
	dst->no_default_hide = dst->no_default_hide || src->no_default_hide;
	return 0;
}

int jail_policy_finish(struct jail_policy *p, const char *cwd,
		       const char *home, struct jail_error *err)
{
	char path[PATH_MAX];
	int rc = 0;

	if (p->write.n == 0 && cwd != NULL)
		rc = jail_policy_add_path(p, JAIL_PATH_WRITE, cwd, NULL,
					  "working directory", err);
	if (rc < 0 || p->no_default_hide || home == NULL || home[0] != '/')
		return rc;
	for (size_t i = 0; jail_default_hide[i] != NULL && rc == 0; i++) {
		int n = snprintf(path, sizeof(path), "%s/%s", home,
				 jail_default_hide[i]);

		if (n > 0 && n < (int)sizeof(path))
			rc = add_hide(p, path);
	}
	return rc;
}
