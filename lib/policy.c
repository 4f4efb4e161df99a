/* SPDX-License-Identifier: MIT */
/*
 * policy.c - building and validating a struct jail_policy.
 *
 * Guarantees: every value is checked before it is stored; a failing call
 * leaves the policy as it was; stored paths are absolute and resolved.
 */
#include <ctype.h>
#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Readable only by root: hidden too when the jail runs as root, whose
 * dropped capabilities still leave it the owner of these files. */
const char *const jail_default_hide_root[] = {
	"/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-",
	"/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_ecdsa_key",
	"/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_dsa_key",
	"/etc/ssl/private", "/root/.ssh", "/root/.gnupg", NULL,
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
	jail_strlist_free(&p->unhide);
	jail_strlist_free(&p->protect);
	jail_strlist_free(&p->prereq);
	free(p->target);
	p->target = NULL;
}

static const char *const kind_option[] = {
	[JAIL_PATH_WRITE] = "--write", [JAIL_PATH_READ] = "--read",
	[JAIL_PATH_HIDE] = "--hide", [JAIL_PATH_UNHIDE] = "--unhide",
	[JAIL_PATH_PROTECT] = "--protect",
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

/* Collapse "//", "/./" and "/../" in the absolute PATH, in place, so a
 * relative "../x" is compared as the directory it names. */
static void normalize_lexical(char *path)
{
	char *out = path, *in = path;

	while (*in) {
		size_t n;

		while (*in == '/')
			in++;
		n = strcspn(in, "/");
		if (n == 1 && in[0] == '.') {
			/* skip */
		} else if (n == 2 && in[0] == '.' && in[1] == '.') {
			while (out > path && *--out != '/')
				;
		} else if (n > 0) {
			*out++ = '/';
			memmove(out, in, n);
			out += n;
		}
		in += n;
	}
	if (out == path)
		*out++ = '/';
	*out = '\0';
}

/* Hidden paths need not exist: keep the lexical path, and the resolved
 * one too when it resolves elsewhere (a symlinked ~/.aws). */
static int add_lexical(struct jail_strlist *l, const char *path)
{
	char real[PATH_MAX], abs[PATH_MAX];
	int rc;

	snprintf(abs, sizeof(abs), "%s", path);
	normalize_lexical(abs);
	rc = jail_strlist_add_unique(l, abs);

	if (rc == 0 && realpath(abs, real) != NULL)
		rc = jail_strlist_add_unique(l, real);
	return rc;
}

static int add_hide(struct jail_policy *p, const char *abs)
{
	return add_lexical(&p->hide, abs);
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
	if (kind == JAIL_PATH_UNHIDE)
		return add_lexical(&p->unhide, abs) < 0 ? -ENOMEM : 0;
	if (kind == JAIL_PATH_PROTECT)
		return add_lexical(&p->protect, abs) < 0 ? -ENOMEM : 0;
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

static bool has_port(const struct jail_policy *p, uint16_t port)
{
	for (unsigned j = 0; j < p->nports; j++)
		if (p->ports[j] == port)
			return true;
	return false;
}

/* Add PORTS not yet present; all or nothing, so a failure leaves P as it was. */
static int add_ports(struct jail_policy *p, const uint16_t *ports, unsigned n)
{
	unsigned fresh = 0;

	for (unsigned i = 0; i < n; i++) {
		bool dup = has_port(p, ports[i]);

		for (unsigned j = 0; j < i && !dup; j++)
			dup = ports[j] == ports[i];
		fresh += !dup;
	}
	if (p->nports + fresh > JAIL_MAX_PORTS)
		return -EINVAL;
	for (unsigned i = 0; i < n; i++)
		if (!has_port(p, ports[i]))
			p->ports[p->nports++] = ports[i];
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

int jail_policy_set_target(struct jail_policy *p, const char *target,
			   struct jail_error *err)
{
	char *copy;

	if (target == NULL || target[0] == '\0')
		return jail_error_set(err, EINVAL, "", "give the make target name",
				      "the target name is empty");
	copy = strdup(target);
	if (copy == NULL)
		return -ENOMEM;
	free(p->target);
	p->target = copy;
	return 0;
}

int jail_policy_add_prereq(struct jail_policy *p, const char *path,
			   const char *base_dir)
{
	char abs[PATH_MAX], real[PATH_MAX];

	if (path == NULL || path[0] == '\0' ||
	    make_absolute(abs, path, base_dir) < 0 || realpath(abs, real) == NULL)
		return 0;  /* phony or not made yet: nothing to read */
	if (jail_strlist_add_unique(&p->prereq, real) < 0 ||
	    jail_strlist_add_unique(&p->read, real) < 0)
		return -ENOMEM;
	return 0;
}

const char *jail_mode_name(enum jail_mode mode)
{
	switch (mode) {
	case JAIL_MODE_ENFORCE: return "enforce";
	case JAIL_MODE_BEST_EFFORT: return "best-effort";
	case JAIL_MODE_OFF: return "off";
	case JAIL_MODE_LEARN: return "learn";
	}
	return "?";
}

int jail_policy_set_mode(struct jail_policy *p, const char *mode,
			 const char *source, struct jail_error *err)
{
	for (int m = JAIL_MODE_ENFORCE; m <= JAIL_MODE_LEARN; m++) {
		if (mode && strcmp(mode, jail_mode_name(m)) == 0) {
			p->mode = m;
			p->mode_set = true;
			return 0;
		}
	}
	return jail_error_set(err, EINVAL, mode ? mode : "",
			      "use enforce, best-effort, off or learn",
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
	    merge_list(&dst->env_keep, &src->env_keep) < 0 ||
	    merge_list(&dst->unhide, &src->unhide) < 0 ||
	    merge_list(&dst->protect, &src->protect) < 0 ||
	    merge_list(&dst->prereq, &src->prereq) < 0)
		return -ENOMEM;
	if (src->target && jail_policy_set_target(dst, src->target, NULL) < 0)
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

static bool within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Drop hidden paths at or beneath an unhide path, keeping the order. */
static void apply_unhide(struct jail_policy *p)
{
	size_t kept = 0;

	for (size_t i = 0; i < p->hide.n; i++) {
		bool drop = false;

		for (size_t j = 0; j < p->unhide.n && !drop; j++)
			drop = within(p->hide.v[i], p->unhide.v[j]);
		if (drop)
			free(p->hide.v[i]);
		else
			p->hide.v[kept++] = p->hide.v[i];
	}
	p->hide.n = kept;
	if (p->hide.v)
		p->hide.v[kept] = NULL;
}

/*
 * Block devices this process can read (/dev/vda for root, or for a member
 * of the disk group): reading the raw disk would bypass every hidden path.
 * Hidden by default, like the credential stores.
 */
static int add_block_devices(struct jail_policy *p)
{
	char path[PATH_MAX];
	struct dirent *d;
	struct stat st;
	DIR *dp = opendir("/dev");
	int rc = 0;

	if (dp == NULL)
		return 0;
	while (rc == 0 && (d = readdir(dp)) != NULL) {
		if (d->d_type != DT_BLK && d->d_type != DT_UNKNOWN)
			continue;
		if (snprintf(path, sizeof(path), "/dev/%s", d->d_name) >= (int)sizeof(path) ||
		    lstat(path, &st) < 0 || !S_ISBLK(st.st_mode) ||
		    access(path, R_OK) < 0)
			continue;
		rc = add_hide(p, path);
	}
	closedir(dp);
	return rc;
}

int jail_policy_finish(struct jail_policy *p, const char *cwd,
		       const char *home, struct jail_error *err)
{
	char path[PATH_MAX];
	int rc = 0;

	if (p->write.n == 0 && cwd != NULL)
		rc = jail_policy_add_path(p, JAIL_PATH_WRITE, cwd, NULL,
					  "working directory", err);
	for (size_t i = 0; jail_default_hide[i] != NULL && rc == 0 &&
	     !p->no_default_hide && home != NULL && home[0] == '/'; i++) {
		int n = snprintf(path, sizeof(path), "%s/%s", home,
				 jail_default_hide[i]);

		if (n > 0 && n < (int)sizeof(path))
			rc = add_hide(p, path);
	}
	for (size_t i = 0; jail_default_hide_root[i] != NULL && rc == 0 &&
	     !p->no_default_hide && geteuid() == 0; i++)
		rc = add_hide(p, jail_default_hide_root[i]);
	if (rc == 0 && !p->no_default_hide)
		rc = add_block_devices(p);
	if (rc == 0)
		apply_unhide(p);
	return rc;
}
