/* SPDX-License-Identifier: MIT */
/*
 * landlock.c - turn a policy into a Landlock ruleset.
 *
 * Guarantees: every right the kernel knows is handled (so anything not
 * granted is denied); writable roots never get MAKE_CHAR or MAKE_BLOCK;
 * reads go through the hide plan; TCP connect is allowed only to the
 * granted ports; signals and abstract unix sockets are scoped to the jail.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hide.h"
#include "landlock.h"
#include "sys.h"

const char *const jail_system_dirs[] = {
	"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
	"/etc", "/opt", "/proc", "/sys", "/dev", NULL,
};

#define READ_RIGHTS (JAIL_LL_FS_EXECUTE | JAIL_LL_FS_READ_FILE | JAIL_LL_FS_READ_DIR)
#define FILE_RIGHTS (JAIL_LL_FS_EXECUTE | JAIL_LL_FS_WRITE_FILE | \
		     JAIL_LL_FS_READ_FILE | JAIL_LL_FS_TRUNCATE | JAIL_LL_FS_IOCTL_DEV)
#define DEVICE_RIGHTS (JAIL_LL_FS_READ_FILE | JAIL_LL_FS_WRITE_FILE | \
		       JAIL_LL_FS_TRUNCATE | JAIL_LL_FS_IOCTL_DEV)

struct ruleset {
	int fd;
	uint64_t fs;            /* rights this ruleset handles */
	struct jail_error *err;
};

/* Allow RIGHTS beneath PATH. A file gets only the file rights; with
 * JAIL_TYPE_KNOWN in OPEN_FLAGS the caller already chose rights that fit
 * the type (the hide plan knows it from readdir) and fstat is skipped. */
#define JAIL_TYPE_KNOWN (1 << 30)

static int allow_path(struct ruleset *rs, const char *path, uint64_t rights,
		      int open_flags)
{
	struct jail_ll_path_beneath_attr attr;
	struct stat st;
	int fd = open(path, O_PATH | O_CLOEXEC | (open_flags & ~JAIL_TYPE_KNOWN));
	int rc = 0;

	if (fd < 0)
		return errno == ENOENT ? 0 : jail_error_set(rs->err, errno, path,
				NULL, "cannot open path for a Landlock rule");
	if (!(open_flags & JAIL_TYPE_KNOWN) && fstat(fd, &st) == 0 &&
	    !S_ISDIR(st.st_mode))
		rights &= FILE_RIGHTS;
	attr.allowed_access = rights & rs->fs;
	attr.parent_fd = fd;
	if (attr.allowed_access != 0 &&
	    jail_sys_landlock_add_rule(rs->fd, JAIL_LL_RULE_PATH_BENEATH, &attr, 0) < 0)
		rc = jail_error_set(rs->err, errno, path, NULL,
				    "cannot add a Landlock rule");
	close(fd);
	return rc;
}

static int grant_read(const char *path, enum jail_grant_kind kind, void *ctx)
{
	uint64_t rights = kind == JAIL_GRANT_LIST ? JAIL_LL_FS_READ_DIR :
			  kind == JAIL_GRANT_FILE ? READ_RIGHTS & FILE_RIGHTS :
			  READ_RIGHTS;

	return allow_path(ctx, path, rights, O_NOFOLLOW | JAIL_TYPE_KNOWN);
}

/*
 * Only hidden paths that exist when the command starts shape the plan: a
 * missing ~/.aws would otherwise cost a listing of $HOME and a rule per
 * entry on every command. The jail cannot create one (it is outside the
 * writable roots); one that another process creates while the command
 * runs stays readable (docs/policy.md says so).
 */
static int existing(const struct jail_strlist *in, struct jail_strlist *out)
{
	struct stat st;

	for (size_t i = 0; i < in->n; i++)
		if (lstat(in->v[i], &st) == 0 && jail_strlist_add(out, in->v[i]) < 0)
			return -ENOMEM;
	return 0;
}

static int add_reads(struct ruleset *rs, const struct jail_context *c)
{
	const struct jail_policy *p = c->policy;
	struct jail_strlist hide = { 0 };
	/* Hidden paths covered by the mount view need no plan at all. */
	int rc = c->hidden_masked ? 0 : existing(&p->hide, &hide);

	if (rc == 0 && !p->strict_read)
		rc = jail_hide_plan("/", &hide, grant_read, rs);
	for (size_t i = 0; p->strict_read && jail_system_dirs[i] && rc == 0; i++)
		rc = jail_hide_plan(jail_system_dirs[i], &hide, grant_read, rs);
	for (size_t i = 0; i < p->read.n && rc == 0; i++)
		rc = jail_hide_plan(p->read.v[i], &hide, grant_read, rs);
	if (rc == 0 && p->strict_read && c->self_dir)
		rc = jail_hide_plan(c->self_dir, &hide, grant_read, rs);
	jail_strlist_free(&hide);
	/* The plan lists directories on the way to hidden paths; inside an
	 * outer jail that forbids listing one, say so instead of guessing. */
	if (rc < 0 && rs->err && rs->err->code == 0)
		rc = jail_error_set(rs->err, rc, NULL,
				    "inside a jail with --read, give this jail --read too",
				    "cannot list a directory on the way to a hidden path");
	return rc;
}

static int add_writes(struct ruleset *rs, const struct jail_context *c)
{
	static const char *const devices[] = {
		"/dev/null", "/dev/zero", "/dev/full", "/dev/tty", NULL,
	};
	uint64_t write = rs->fs & ~(JAIL_LL_FS_MAKE_CHAR | JAIL_LL_FS_MAKE_BLOCK);
	const struct jail_strlist *w = &c->policy->write;
	int rc = 0;

	for (size_t i = 0; i < w->n && rc == 0; i++)
		rc = allow_path(rs, w->v[i], write, 0);
	if (rc == 0 && c->tmpdir)
		rc = allow_path(rs, c->tmpdir, write, 0);
	if (rc == 0 && c->private_tmp)  /* the overlay's writes die with it */
		rc = allow_path(rs, c->private_tmp, write, 0);
	for (size_t i = 0; devices[i] && rc == 0; i++)
		rc = allow_path(rs, devices[i], DEVICE_RIGHTS, 0);
	for (int fd = 0; fd <= 2 && rc == 0; fd++) {
		char tty[PATH_MAX];

		if (isatty(fd) && ttyname_r(fd, tty, sizeof(tty)) == 0)
			rc = allow_path(rs, tty, DEVICE_RIGHTS, 0);
	}
	if (rc == 0 && c->jobserver_fifo)
		rc = allow_path(rs, c->jobserver_fifo,
				JAIL_LL_FS_READ_FILE | JAIL_LL_FS_WRITE_FILE, O_NOFOLLOW);
	return rc;
}

static int add_ports(struct ruleset *rs, const struct jail_policy *p)
{
	for (unsigned i = 0; i < p->nports; i++) {
		struct jail_ll_net_port_attr attr = {
			.allowed_access = JAIL_LL_NET_CONNECT_TCP,
			.port = p->ports[i],
		};
		char port[8];

		if (jail_sys_landlock_add_rule(rs->fd, JAIL_LL_RULE_NET_PORT,
					       &attr, 0) < 0) {
			snprintf(port, sizeof(port), "%u", p->ports[i]);
			return jail_error_set(rs->err, errno, port, NULL,
					      "cannot add a Landlock port rule");
		}
	}
	return 0;
}

int jail_landlock_apply(const struct jail_context *c, struct jail_error *err)
{
	const struct jail_policy *p = c->policy;
	int abi = c->kernel->landlock_abi;
	struct jail_ll_ruleset_attr attr = {
		.handled_access_fs = jail_abi_fs_rights(abi),
		.scoped = jail_abi_scopes(abi),
	};
	struct ruleset rs = { .fd = -1, .fs = attr.handled_access_fs, .err = err };
	int rc;

	if (abi < 1)
		return jail_error_set(err, EOPNOTSUPP, NULL, NULL,
				      "Landlock is not available");
	if (!(p->net & JAIL_NET_ALL))
		attr.handled_access_net = jail_abi_net_rights(abi);
	rs.fd = jail_sys_landlock_create_ruleset(&attr, sizeof(attr), 0);
	if (rs.fd < 0)
		return jail_error_set(err, errno, NULL, NULL,
				      "cannot create the Landlock ruleset");
	rc = add_reads(&rs, c);
	if (rc == 0)
		rc = add_writes(&rs, c);
	if (rc == 0 && attr.handled_access_net)
		rc = add_ports(&rs, p);
	if (rc == 0 && jail_sys_landlock_restrict_self(rs.fd, 0) < 0)
		rc = jail_error_set(err, errno, NULL, NULL,
				    "cannot apply the Landlock ruleset");
	close(rs.fd);
	return rc;
}

int jail_landlock_scope_signals(const struct jail_kernel *k, struct jail_error *err)
{
	struct jail_ll_ruleset_attr attr = {
		.scoped = jail_abi_scopes(k->landlock_abi) & JAIL_LL_SCOPE_SIGNAL,
	};
	int fd, rc = 0;

	if (attr.scoped == 0)
		return 0;   /* before ABI 6: the signal-scope gap is reported */
	fd = jail_sys_landlock_create_ruleset(&attr, sizeof(attr), 0);
	if (fd < 0)
		return jail_error_set(err, errno, NULL, NULL,
				      "cannot create the Landlock signal scope");
	if (jail_sys_landlock_restrict_self(fd, 0) < 0)
		rc = jail_error_set(err, errno, NULL, NULL,
				    "cannot apply the Landlock signal scope");
	close(fd);
	return rc;
}

int jail_landlock_conflicts(const struct jail_policy *p,
			    struct jail_strlist *gaps)
{
	char line[PATH_MAX * 2 + 128];
	struct stat st;
	int n = 0;

	for (size_t i = 0; i < p->hide.n; i++) {
		for (size_t j = 0; j < p->write.n; j++) {
			if (!jail_path_within(p->hide.v[i], p->write.v[j]) ||
			    lstat(p->hide.v[i], &st) < 0)
				continue;
			snprintf(line, sizeof(line),
				 "hidden path '%s' is inside writable root '%s' and stays readable (Landlock cannot deny beneath a grant); build from a directory that does not contain it",
				 p->hide.v[i], p->write.v[j]);
			if (jail_strlist_add(gaps, line) < 0)
				return -ENOMEM;
			n++;
		}
	}
	return n;
}
