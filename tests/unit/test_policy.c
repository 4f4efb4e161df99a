/* SPDX-License-Identifier: MIT */
/*
 * test_policy.c - lib/policy.c: validated adds, merge and defaults.
 * A value that fails must leave the policy exactly as it was.
 */
#include <dirent.h>
#include <sys/stat.h>

#include "unit.h"

#include "policy.h"

struct fixture {
	char *dir;                 /* resolved scratch directory */
	struct jail_policy p;
	struct jail_error err;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->dir = unit_tempdir();
	unit_mkdir(f->dir, "sub");
	unit_mkdir(f->dir, "a dir with spaces");
	unit_mkdir(f->dir, "real");
	unit_symlink("real", f->dir, "link");
	jail_policy_init(&f->p);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jail_policy_free(&f->p);
	unit_rmtree(f->dir);
	free(f);
	return 0;
}

/* Default hides that apply whatever HOME is: root-only files, as root. */
/* What finish hides whatever HOME is: the root-only files (as root) and
 * every block device this process can read (a raw disk bypasses hiding). */
static size_t root_hides(void)
{
	char path[PATH_MAX];
	struct dirent *d;
	struct stat st;
	size_t n = 0;
	DIR *dp = opendir("/dev");

	while (geteuid() == 0 && jail_default_hide_root[n] != NULL)
		n++;
	while (dp && (d = readdir(dp)) != NULL) {
		snprintf(path, sizeof(path), "/dev/%s", d->d_name);
		if (lstat(path, &st) == 0 && S_ISBLK(st.st_mode) && access(path, R_OK) == 0)
			n++;
	}
	if (dp)
		closedir(dp);
	return n;
}

/* ---- jail_policy_add_path ---- */

static void test_add_path_absolute(void **state)
{
	struct fixture *f = *state;
	char want[PATH_MAX];

	/* given an existing absolute directory */
	unit_join(want, f->dir, "sub");
	/* when it is added as writable */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, want, NULL,
					      NULL, &f->err), 0);
	/* then it is stored once, resolved, and reads stay open */
	assert_int_equal(f->p.write.n, 1);
	assert_string_equal(f->p.write.v[0], want);
	assert_null(f->p.write.v[1]);
	assert_false(f->p.strict_read);
}

static void test_add_path_relative_to_base(void **state)
{
	struct fixture *f = *state;
	char want[PATH_MAX];

	/* given a relative path and a base directory */
	/* when it is added */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, "sub",
					      f->dir, NULL, &f->err), 0);
	/* then it is stored joined to the base */
	assert_int_equal(f->p.write.n, 1);
	assert_string_equal(f->p.write.v[0], unit_join(want, f->dir, "sub"));
}

static void test_add_path_dotdot_normalised(void **state)
{
	struct fixture *f = *state;
	char want[PATH_MAX];

	/* given a relative path that climbs out and back in */
	/* when it is added */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE,
					      "sub/../real/.", f->dir, NULL,
					      &f->err), 0);
	/* then the stored path has no . or .. left */
	assert_string_equal(f->p.write.v[0], unit_join(want, f->dir, "real"));
}

static void test_add_path_with_spaces(void **state)
{
	struct fixture *f = *state;
	char want[PATH_MAX];

	/* given a directory whose name has spaces */
	/* when it is added as readable, relative to the base */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_READ,
					      "a dir with spaces", f->dir, NULL,
					      &f->err), 0);
	/* then it is stored intact and reads become strict */
	assert_int_equal(f->p.read.n, 1);
	assert_string_equal(f->p.read.v[0],
			    unit_join(want, f->dir, "a dir with spaces"));
	assert_true(f->p.strict_read);
}

static void test_add_path_symlink_resolved(void **state)
{
	struct fixture *f = *state;
	char want[PATH_MAX];

	/* given link -> real */
	/* when the link is added */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, "link",
					      f->dir, NULL, &f->err), 0);
	/* then the target is stored, never the link */
	assert_int_equal(f->p.write.n, 1);
	assert_string_equal(f->p.write.v[0], unit_join(want, f->dir, "real"));
}

static void test_add_path_duplicate_stored_once(void **state)
{
	struct fixture *f = *state;

	/* given the same directory named twice, once through a link */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, "real",
					      f->dir, NULL, &f->err), 0);
	/* when it is added again */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, "link",
					      f->dir, NULL, &f->err), 0);
	/* then it is stored once */
	assert_int_equal(f->p.write.n, 1);
}

static void test_add_path_missing_write_enoent(void **state)
{
	struct fixture *f = *state;
	char missing[PATH_MAX];

	/* given a policy with one writable root */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, "sub",
					      f->dir, NULL, &f->err), 0);
	/* when a missing path is added */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, "nope",
					      f->dir, NULL, &f->err), -ENOENT);
	/* then the error says what, where and how, and the policy is as it was */
	assert_int_equal(f->err.code, ENOENT);
	assert_non_null(strstr(f->err.what, "--write"));
	assert_non_null(strstr(f->err.what, "does not exist"));
	assert_string_equal(f->err.path, unit_join(missing, f->dir, "nope"));
	assert_true(f->err.hint[0] != '\0');
	assert_int_equal(f->p.write.n, 1);
}

static void test_add_path_missing_read_enoent(void **state)
{
	struct fixture *f = *state;

	/* given an empty policy */
	/* when a missing read path is added under a named source */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_READ, "nope",
					      f->dir, "JAIL_READ", &f->err),
			 -ENOENT);
	/* then the error names the source and reads did not become strict */
	assert_int_equal(strncmp(f->err.what, "JAIL_READ ", 10), 0);
	assert_true(f->err.path[0] != '\0');
	assert_int_equal(f->p.read.n, 0);
	assert_false(f->p.strict_read);
}

static void test_add_path_missing_component_not_dir(void **state)
{
	struct fixture *f = *state;

	/* given a regular file used as a directory */
	unit_write(f->dir, "file", "x");
	/* when a path through it is added */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, "file/x",
					      f->dir, NULL, &f->err), -ENOTDIR);
	/* then the reason is the errno text and nothing is stored */
	assert_int_equal(f->err.code, ENOTDIR);
	assert_int_equal(f->p.write.n, 0);
}

static void test_add_path_empty_einval(void **state)
{
	struct fixture *f = *state;
	static const enum jail_path_kind kinds[] = {
		JAIL_PATH_WRITE, JAIL_PATH_READ, JAIL_PATH_HIDE,
	};

	for (size_t i = 0; i < 3; i++) {
		/* given any list */
		/* when an empty or absent value is added */
		assert_int_equal(jail_policy_add_path(&f->p, kinds[i], "", f->dir,
						      NULL, &f->err), -EINVAL);
		assert_int_equal(f->err.code, EINVAL);
		assert_int_equal(jail_policy_add_path(&f->p, kinds[i], NULL, f->dir,
						      "JAIL_HIDE", &f->err), -EINVAL);
		assert_non_null(strstr(f->err.what, "JAIL_HIDE"));
	}
	/* then nothing was stored */
	assert_int_equal(f->p.write.n + f->p.read.n + f->p.hide.n, 0);
	assert_false(f->p.strict_read);
}

static void test_add_path_too_long_enametoolong(void **state)
{
	struct fixture *f = *state;
	char *longp = malloc(PATH_MAX + 2);

	/* given a path longer than PATH_MAX */
	assert_non_null(longp);
	memset(longp, 'a', PATH_MAX + 1);
	longp[0] = '/';
	longp[PATH_MAX + 1] = '\0';
	/* when it is added to any list */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_HIDE, longp, NULL,
					      NULL, &f->err), -ENAMETOOLONG);
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, longp, NULL,
					      NULL, &f->err), -ENAMETOOLONG);
	/* then nothing was stored */
	assert_int_equal(f->p.hide.n + f->p.write.n, 0);
	free(longp);
}

static void test_add_path_hide_missing_accepted(void **state)
{
	struct fixture *f = *state;
	char want[PATH_MAX];

	/* given a hidden path that does not exist */
	/* when it is added */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_HIDE, ".aws",
					      f->dir, NULL, &f->err), 0);
	/* then the lexical path is stored */
	assert_int_equal(f->p.hide.n, 1);
	assert_string_equal(f->p.hide.v[0], unit_join(want, f->dir, ".aws"));
}

static void test_add_path_hide_lexical_and_resolved(void **state)
{
	struct fixture *f = *state;
	char lexical[PATH_MAX], real[PATH_MAX];

	/* given a hidden name that is a link to another directory */
	/* when it is added */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_HIDE, "link",
					      f->dir, NULL, &f->err), 0);
	/* then both the link and its target are hidden */
	assert_int_equal(f->p.hide.n, 2);
	assert_true(jail_strlist_contains(&f->p.hide,
					  unit_join(lexical, f->dir, "link")));
	assert_true(jail_strlist_contains(&f->p.hide,
					  unit_join(real, f->dir, "real")));
	/* and strict reads are not switched on by hiding */
	assert_false(f->p.strict_read);
}

static void test_add_path_protect_need_not_exist(void **state)
{
	struct fixture *f = *state;
	char p[PATH_MAX];

	/* given a protected path that does not exist and one that is a link */
	/* when both are added */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_PROTECT, ".git/hooks",
					      f->dir, NULL, &f->err), 0);
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_PROTECT, "link",
					      f->dir, NULL, &f->err), 0);
	/* then the lexical paths and the link's target are protected */
	assert_int_equal(f->p.protect.n, 3);
	assert_true(jail_strlist_contains(&f->p.protect, unit_join(p, f->dir, ".git/hooks")));
	assert_true(jail_strlist_contains(&f->p.protect, unit_join(p, f->dir, "link")));
	assert_true(jail_strlist_contains(&f->p.protect, unit_join(p, f->dir, "real")));
	/* and nothing else changed */
	assert_int_equal(f->p.write.n + f->p.hide.n, 0);
	/* an empty one is refused under its option name */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_PROTECT, "", f->dir,
					      NULL, &f->err), -EINVAL);
	assert_non_null(strstr(f->err.what, "--protect"));
}

/* ---- jail_policy_add_net ---- */

struct net_case {
	const char *spec;
	int rc;
	unsigned net;              /* bits added to the starting policy */
	unsigned nports;           /* ports after the call (start has 22) */
	uint16_t ports[4];
};

static const struct net_case net_cases[] = {
	{ "none", 0, 0, 1, { 22 } },
	{ "unix", 0, JAIL_NET_UNIX, 1, { 22 } },
	{ "all", 0, JAIL_NET_ALL, 1, { 22 } },
	{ "connect:80", 0, JAIL_NET_CONNECT, 2, { 22, 80 } },
	{ "connect:80,443", 0, JAIL_NET_CONNECT, 3, { 22, 80, 443 } },
	{ "connect:80,80,22", 0, JAIL_NET_CONNECT, 2, { 22, 80 } },
	{ "connect:22", 0, JAIL_NET_CONNECT, 1, { 22 } },
	{ "connect:1,65535", 0, JAIL_NET_CONNECT, 3, { 22, 1, 65535 } },
	{ "connect:0080", 0, JAIL_NET_CONNECT, 2, { 22, 80 } },
	/* invalid: the policy keeps what it had */
	{ "", -EINVAL, 0, 1, { 22 } },
	{ "connect:", -EINVAL, 0, 1, { 22 } },
	{ "connect:0", -EINVAL, 0, 1, { 22 } },
	{ "connect:65536", -EINVAL, 0, 1, { 22 } },
	{ "connect:99999999", -EINVAL, 0, 1, { 22 } },
	{ "connect:80,", -EINVAL, 0, 1, { 22 } },
	{ "connect:,80", -EINVAL, 0, 1, { 22 } },
	{ "connect:x", -EINVAL, 0, 1, { 22 } },
	{ "connect:80x", -EINVAL, 0, 1, { 22 } },
	{ "connect:-1", -EINVAL, 0, 1, { 22 } },
	{ "connect:+80", -EINVAL, 0, 1, { 22 } },
	{ "connect: 80", -EINVAL, 0, 1, { 22 } },
	{ "connect:1,,2", -EINVAL, 0, 1, { 22 } },
	{ "connect:81,0", -EINVAL, 0, 1, { 22 } },
	{ "connect:81,65536", -EINVAL, 0, 1, { 22 } },
	{ "connect", -EINVAL, 0, 1, { 22 } },
	{ "connect=80", -EINVAL, 0, 1, { 22 } },
	{ "tcp", -EINVAL, 0, 1, { 22 } },
	{ "tcp:80", -EINVAL, 0, 1, { 22 } },
	{ "NONE", -EINVAL, 0, 1, { 22 } },
	{ "Unix", -EINVAL, 0, 1, { 22 } },
	{ " all", -EINVAL, 0, 1, { 22 } },
	{ "all ", -EINVAL, 0, 1, { 22 } },
	{ "unix,all", -EINVAL, 0, 1, { 22 } },
};

static void test_add_net_table(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(net_cases) / sizeof(net_cases[0]); i++) {
		const struct net_case *c = &net_cases[i];
		struct jail_policy p;
		struct jail_error err = { 0 };
		int rc;

		/* given a policy that already allows connect:22 */
		jail_policy_init(&p);
		assert_int_equal(jail_policy_add_net(&p, "connect:22", NULL, &err), 0);
		/* when the spec is added under a named source */
		rc = jail_policy_add_net(&p, c->spec, "JAIL_NET", &err);
		if (rc != c->rc)
			fail_msg("spec '%s': returned %d, want %d", c->spec, rc, c->rc);
		/* then the grants are as expected, or unchanged on error */
		assert_int_equal(p.net, JAIL_NET_CONNECT | c->net);
		assert_int_equal(p.nports, c->nports);
		for (unsigned j = 0; j < c->nports; j++)
			assert_int_equal(p.ports[j], c->ports[j]);
		if (c->rc < 0) {
			assert_int_equal(err.code, EINVAL);
			assert_int_equal(strncmp(err.what, "JAIL_NET", 8), 0);
			assert_string_equal(err.path, c->spec);
			assert_non_null(strstr(err.hint, "connect:PORT"));
		}
		jail_policy_free(&p);
	}
	(void)f;
}

static void test_add_net_null_einval(void **state)
{
	struct fixture *f = *state;

	/* given an empty policy */
	/* when NULL is added with no source */
	assert_int_equal(jail_policy_add_net(&f->p, NULL, NULL, &f->err), -EINVAL);
	/* then the error names the option */
	assert_non_null(strstr(f->err.what, "--net"));
	assert_int_equal(f->p.net, 0);
}

static void test_add_net_default_source_named(void **state)
{
	struct fixture *f = *state;

	/* given no source */
	/* when a bad spec is added */
	assert_int_equal(jail_policy_add_net(&f->p, "tcp", NULL, &f->err), -EINVAL);
	/* then the error names --net */
	assert_int_equal(strncmp(f->err.what, "--net", 5), 0);
}

static void test_add_net_port_limit_leaves_policy(void **state)
{
	struct fixture *f = *state;
	char spec[32];

	/* given a policy holding JAIL_MAX_PORTS - 1 ports */
	for (unsigned i = 1; i < JAIL_MAX_PORTS; i++) {
		snprintf(spec, sizeof(spec), "connect:%u", 1000 + i);
		assert_int_equal(jail_policy_add_net(&f->p, spec, NULL, &f->err), 0);
	}
	assert_int_equal(f->p.nports, JAIL_MAX_PORTS - 1);
	/* when two more new ports are added in one spec */
	assert_int_equal(jail_policy_add_net(&f->p, "connect:2000,2001", NULL,
					     &f->err), -EINVAL);
	/* then neither is stored */
	assert_int_equal(f->p.nports, JAIL_MAX_PORTS - 1);
	/* and one more still fits, and a known one costs nothing */
	assert_int_equal(jail_policy_add_net(&f->p, "connect:2000,1001", NULL,
					     &f->err), 0);
	assert_int_equal(f->p.nports, JAIL_MAX_PORTS);
	assert_int_equal(jail_policy_add_net(&f->p, "connect:2001", NULL, &f->err),
			 -EINVAL);
	assert_int_equal(f->p.nports, JAIL_MAX_PORTS);
}

static void test_add_net_too_many_in_one_spec(void **state)
{
	struct fixture *f = *state;
	char spec[1024] = "connect:";

	/* given a spec of JAIL_MAX_PORTS + 1 ports */
	for (unsigned i = 0; i <= JAIL_MAX_PORTS; i++)
		snprintf(spec + strlen(spec), sizeof(spec) - strlen(spec), "%s%u",
			 i ? "," : "", 3000 + i);
	/* when it is added */
	assert_int_equal(jail_policy_add_net(&f->p, spec, NULL, &f->err), -EINVAL);
	/* then nothing is stored */
	assert_int_equal(f->p.nports, 0);
	assert_int_equal(f->p.net, 0);
}

/* ---- jail_policy_add_env ---- */

static void test_add_env_valid(void **state)
{
	struct fixture *f = *state;
	static const char *const names[] = { "NPM_TOKEN", "_X", "a1", "A_B_9", "_" };

	/* given valid names */
	for (size_t i = 0; i < 5; i++)
		/* when each is kept */
		assert_int_equal(jail_policy_add_env(&f->p, names[i], NULL, &f->err), 0);
	/* then all are stored, a repeat only once */
	assert_int_equal(jail_policy_add_env(&f->p, "NPM_TOKEN", NULL, &f->err), 0);
	assert_int_equal(f->p.env_keep.n, 5);
	assert_string_equal(f->p.env_keep.v[0], "NPM_TOKEN");
}

static void test_add_env_invalid_einval(void **state)
{
	struct fixture *f = *state;
	static const char *const names[] = {
		"", "1A", "A-B", "A=B", "A B", " A", "A ", "A.B", "Ä", "$A", NULL,
	};

	/* given a policy keeping one name */
	assert_int_equal(jail_policy_add_env(&f->p, "KEEP", NULL, &f->err), 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		/* when a bad name is kept under a source */
		assert_int_equal(jail_policy_add_env(&f->p, names[i], "JAIL_ENV",
						     &f->err), -EINVAL);
		/* then the error names the source and value */
		assert_int_equal(f->err.code, EINVAL);
		assert_non_null(strstr(f->err.what, "JAIL_ENV"));
		assert_string_equal(f->err.path, names[i] ? names[i] : "");
	}
	/* and the policy still keeps just the one */
	assert_int_equal(f->p.env_keep.n, 1);
}

/* ---- jail_policy_set_mode ---- */

static void test_set_mode_valid(void **state)
{
	struct fixture *f = *state;

	/* given a fresh policy: enforce, not set explicitly */
	assert_int_equal(f->p.mode, JAIL_MODE_ENFORCE);
	assert_false(f->p.mode_set);
	/* when each mode is set */
	assert_int_equal(jail_policy_set_mode(&f->p, "off", NULL, &f->err), 0);
	assert_int_equal(f->p.mode, JAIL_MODE_OFF);
	assert_true(f->p.mode_set);
	assert_int_equal(jail_policy_set_mode(&f->p, "best-effort", NULL, &f->err), 0);
	assert_int_equal(f->p.mode, JAIL_MODE_BEST_EFFORT);
	assert_int_equal(jail_policy_set_mode(&f->p, "learn", NULL, &f->err), 0);
	assert_int_equal(f->p.mode, JAIL_MODE_LEARN);
	assert_int_equal(jail_policy_set_mode(&f->p, "enforce", NULL, &f->err), 0);
	/* then the last one holds */
	assert_int_equal(f->p.mode, JAIL_MODE_ENFORCE);
	assert_string_equal(jail_mode_name(JAIL_MODE_BEST_EFFORT), "best-effort");
}

static void test_set_mode_invalid_unchanged(void **state)
{
	struct fixture *f = *state;
	static const char *const modes[] = {
		"", "Enforce", "best_effort", "besteffort", "on", "off ", NULL,
	};

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		/* given a policy with the default mode */
		/* when a bad mode is set */
		assert_int_equal(jail_policy_set_mode(&f->p, modes[i], "JAIL_MODE",
						      &f->err), -EINVAL);
		/* then the error names the source and the mode is untouched */
		assert_int_equal(strncmp(f->err.what, "JAIL_MODE:", 10), 0);
		assert_non_null(strstr(f->err.hint, "best-effort"));
		assert_int_equal(f->p.mode, JAIL_MODE_ENFORCE);
		assert_false(f->p.mode_set);
	}
}

/* ---- jail_policy_merge ---- */

static void test_merge_union(void **state)
{
	struct fixture *f = *state;
	struct jail_policy src;

	/* given dst: write sub, connect:80, best-effort; src: write sub+real,
	 * read a dir, hide x, env A, unix, connect:80,443, mode not set */
	jail_policy_init(&src);
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, "sub", f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_net(&f->p, "connect:80", NULL, NULL), 0);
	assert_int_equal(jail_policy_set_mode(&f->p, "best-effort", NULL, NULL), 0);
	assert_int_equal(jail_policy_add_path(&src, JAIL_PATH_WRITE, "real", f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_path(&src, JAIL_PATH_WRITE, "sub", f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_path(&src, JAIL_PATH_READ, "a dir with spaces", f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_path(&src, JAIL_PATH_HIDE, "x", f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_path(&src, JAIL_PATH_PROTECT, "p", f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_env(&src, "A", NULL, NULL), 0);
	assert_int_equal(jail_policy_add_net(&src, "unix", NULL, NULL), 0);
	assert_int_equal(jail_policy_add_net(&src, "connect:443,80", NULL, NULL), 0);
	/* when src is merged into dst */
	assert_int_equal(jail_policy_merge(&f->p, &src), 0);
	/* then dst holds the union without duplicates, and keeps its mode */
	assert_int_equal(f->p.write.n, 2);
	assert_int_equal(f->p.read.n, 1);
	assert_true(f->p.strict_read);
	assert_int_equal(f->p.hide.n, 1);
	assert_int_equal(f->p.protect.n, 1);
	assert_int_equal(f->p.env_keep.n, 1);
	assert_int_equal(f->p.net, JAIL_NET_UNIX | JAIL_NET_CONNECT);
	assert_int_equal(f->p.nports, 2);
	assert_int_equal(f->p.ports[0], 80);
	assert_int_equal(f->p.ports[1], 443);
	assert_int_equal(f->p.mode, JAIL_MODE_BEST_EFFORT);
	assert_true(f->p.mode_set);
	/* and merging again changes nothing */
	assert_int_equal(jail_policy_merge(&f->p, &src), 0);
	assert_int_equal(f->p.write.n, 2);
	assert_int_equal(f->p.nports, 2);
	jail_policy_free(&src);
}

static void test_merge_mode_when_set(void **state)
{
	struct fixture *f = *state;
	struct jail_policy src;

	/* given src sets mode off explicitly and no_default_hide */
	jail_policy_init(&src);
	assert_int_equal(jail_policy_set_mode(&src, "off", NULL, NULL), 0);
	src.no_default_hide = true;
	/* when merged into a fresh dst */
	assert_int_equal(jail_policy_merge(&f->p, &src), 0);
	/* then dst takes the mode and the flag */
	assert_int_equal(f->p.mode, JAIL_MODE_OFF);
	assert_true(f->p.mode_set);
	assert_true(f->p.no_default_hide);
	assert_false(f->p.strict_read);
	jail_policy_free(&src);
}

/* ---- jail_policy_finish ---- */

static void test_finish_cwd_default_without_write(void **state)
{
	struct fixture *f = *state;
	char cwd[PATH_MAX];

	/* given no writable root */
	/* when finished with a working directory and no HOME */
	assert_int_equal(jail_policy_finish(&f->p, unit_join(cwd, f->dir, "sub"),
					    NULL, &f->err), 0);
	/* then the working directory is the writable root, nothing under a
	 * HOME hidden (only root-only files, when run as root) */
	assert_int_equal(f->p.write.n, 1);
	assert_string_equal(f->p.write.v[0], cwd);
	assert_int_equal(f->p.hide.n, root_hides());
}

static void test_finish_no_cwd_with_write(void **state)
{
	struct fixture *f = *state;
	char want[PATH_MAX];

	/* given a writable root */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, "real",
					      f->dir, NULL, NULL), 0);
	/* when finished with another working directory */
	assert_int_equal(jail_policy_finish(&f->p, f->dir, NULL, &f->err), 0);
	/* then the working directory is not added */
	assert_int_equal(f->p.write.n, 1);
	assert_string_equal(f->p.write.v[0], unit_join(want, f->dir, "real"));
}

static void test_finish_missing_cwd_error(void **state)
{
	struct fixture *f = *state;
	char cwd[PATH_MAX];

	/* given a working directory that was removed */
	/* when finished */
	assert_int_equal(jail_policy_finish(&f->p, unit_join(cwd, f->dir, "gone"),
					    NULL, &f->err), -ENOENT);
	/* then the error names the working directory */
	assert_non_null(strstr(f->err.what, "working directory"));
	assert_int_equal(f->p.write.n, 0);
}

static void test_finish_default_hides_under_home(void **state)
{
	struct fixture *f = *state;
	char home[PATH_MAX], p[PATH_MAX], q[PATH_MAX];
	size_t n = 0;

	/* given a HOME with .aws a link to elsewhere, .ssh a directory */
	unit_mkdir(f->dir, "home");
	unit_join(home, f->dir, "home");
	unit_mkdir(home, ".ssh");
	unit_symlink("../real", home, ".aws");
	while (jail_default_hide[n] != NULL)
		n++;
	/* when finished */
	assert_int_equal(jail_policy_finish(&f->p, f->dir, home, &f->err), 0);
	/* then every default name is hidden, plus the resolved .aws target
	 * (and, as root, the root-only files) */
	assert_int_equal(f->p.hide.n, n + 1 + root_hides());
	assert_true(jail_strlist_contains(&f->p.hide, unit_join(p, home, ".ssh")));
	assert_true(jail_strlist_contains(&f->p.hide, unit_join(p, home, ".gnupg")));
	assert_true(jail_strlist_contains(&f->p.hide, unit_join(p, home, ".aws")));
	assert_true(jail_strlist_contains(&f->p.hide, unit_join(q, f->dir, "real")));
	for (size_t i = 0; i < f->p.hide.n; i++)
		assert_true(f->p.hide.v[i][0] == '/');
}

static void test_finish_no_default_hide(void **state)
{
	struct fixture *f = *state;

	/* given no_default_hide */
	f->p.no_default_hide = true;
	/* when finished with a HOME */
	assert_int_equal(jail_policy_finish(&f->p, f->dir, f->dir, &f->err), 0);
	/* then nothing is hidden but the working directory is writable */
	assert_int_equal(f->p.hide.n, 0);
	assert_int_equal(f->p.write.n, 1);
}

static void test_finish_relative_home_ignored(void **state)
{
	struct fixture *f = *state;

	/* given HOME that is empty or relative */
	/* when finished */
	assert_int_equal(jail_policy_finish(&f->p, NULL, "", &f->err), 0);
	assert_int_equal(jail_policy_finish(&f->p, NULL, "home", &f->err), 0);
	/* then nothing under it is hidden (and no cwd means no default root) */
	assert_int_equal(f->p.hide.n, root_hides());
	assert_int_equal(f->p.write.n, 0);
}

static void test_finish_root_only_hides(void **state)
{
	struct fixture *f = *state;

	/* given no HOME */
	/* when finished */
	assert_int_equal(jail_policy_finish(&f->p, f->dir, NULL, &f->err), 0);
	/* then /etc/shadow is hidden exactly when running as root (an
	 * ordinary user cannot read it anyway) */
	assert_int_equal(jail_strlist_contains(&f->p.hide, "/etc/shadow"),
			 geteuid() == 0);
	assert_int_equal(jail_strlist_contains(&f->p.hide, "/root/.ssh"),
			 geteuid() == 0);
}

static void test_finish_unhide_drops_hidden(void **state)
{
	struct fixture *f = *state;
	char home[PATH_MAX], p[PATH_MAX];

	/* given HOME with the defaults, --hide HOME/x/y, and --unhide of
	 * HOME/.config (holding gcloud, gh ...) and HOME/x */
	unit_mkdir(f->dir, "home");
	unit_join(home, f->dir, "home");
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_HIDE, "x/y", home, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_UNHIDE, ".config", home, NULL, &f->err), 0);
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_UNHIDE, "x", home, NULL, &f->err), 0);
	/* when finished */
	assert_int_equal(jail_policy_finish(&f->p, f->dir, home, &f->err), 0);
	/* then nothing at or beneath an unhidden path stays hidden */
	for (size_t i = 0; i < f->p.hide.n; i++) {
		assert_null(strstr(f->p.hide.v[i], "/.config/"));
		assert_null(strstr(f->p.hide.v[i], "/x/"));
	}
	assert_false(jail_strlist_contains(&f->p.hide, unit_join(p, home, ".config/gh")));
	/* and the other defaults still are, list NULL-terminated */
	assert_true(jail_strlist_contains(&f->p.hide, unit_join(p, home, ".ssh")));
	assert_true(jail_strlist_contains(&f->p.hide, unit_join(p, home, ".cargo/credentials")));
	assert_null(f->p.hide.v[f->p.hide.n]);
}

static void test_finish_unhide_sibling_prefix_kept(void **state)
{
	struct fixture *f = *state;
	char home[PATH_MAX], p[PATH_MAX];

	/* given --unhide HOME/.ss (a prefix of .ssh, not its parent) */
	unit_mkdir(f->dir, "home");
	unit_join(home, f->dir, "home");
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_UNHIDE, ".ss", home, NULL, NULL), 0);
	/* when finished */
	assert_int_equal(jail_policy_finish(&f->p, f->dir, home, &f->err), 0);
	/* then .ssh stays hidden */
	assert_true(jail_strlist_contains(&f->p.hide, unit_join(p, home, ".ssh")));
}

static void test_add_prereq_existing_and_missing(void **state)
{
	struct fixture *f = *state;
	char want[PATH_MAX];

	/* given one prerequisite that exists (through a link) and a phony one */
	/* when both are added */
	assert_int_equal(jail_policy_add_prereq(&f->p, "link", f->dir), 0);
	assert_int_equal(jail_policy_add_prereq(&f->p, "phony-target", f->dir), 0);
	assert_int_equal(jail_policy_add_prereq(&f->p, "", f->dir), 0);
	assert_int_equal(jail_policy_add_prereq(&f->p, NULL, f->dir), 0);
	/* then only the existing one is kept, resolved, and readable */
	assert_int_equal(f->p.prereq.n, 1);
	assert_string_equal(f->p.prereq.v[0], unit_join(want, f->dir, "real"));
	assert_true(jail_strlist_contains(&f->p.read, want));
	/* without making reads strict by itself */
	assert_false(f->p.strict_read);
}

static void test_set_target(void **state)
{
	struct fixture *f = *state;

	/* given a policy with no target */
	assert_null(f->p.target);
	/* when a target is set twice, then an empty one is refused */
	assert_int_equal(jail_policy_set_target(&f->p, "a.o", &f->err), 0);
	assert_int_equal(jail_policy_set_target(&f->p, "lib/b.o", &f->err), 0);
	assert_int_equal(jail_policy_set_target(&f->p, "", &f->err), -EINVAL);
	assert_int_equal(jail_policy_set_target(&f->p, NULL, &f->err), -EINVAL);
	/* then the last good one holds */
	assert_string_equal(f->p.target, "lib/b.o");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_add_path_absolute),
		T(test_add_path_relative_to_base),
		T(test_add_path_dotdot_normalised),
		T(test_add_path_with_spaces),
		T(test_add_path_symlink_resolved),
		T(test_add_path_duplicate_stored_once),
		T(test_add_path_missing_write_enoent),
		T(test_add_path_missing_read_enoent),
		T(test_add_path_missing_component_not_dir),
		T(test_add_path_empty_einval),
		T(test_add_path_too_long_enametoolong),
		T(test_add_path_hide_missing_accepted),
		T(test_add_path_hide_lexical_and_resolved),
		T(test_add_path_protect_need_not_exist),
		T(test_add_net_table),
		T(test_add_net_null_einval),
		T(test_add_net_default_source_named),
		T(test_add_net_port_limit_leaves_policy),
		T(test_add_net_too_many_in_one_spec),
		T(test_add_env_valid),
		T(test_add_env_invalid_einval),
		T(test_set_mode_valid),
		T(test_set_mode_invalid_unchanged),
		T(test_merge_union),
		T(test_merge_mode_when_set),
		T(test_finish_cwd_default_without_write),
		T(test_finish_no_cwd_with_write),
		T(test_finish_missing_cwd_error),
		T(test_finish_default_hides_under_home),
		T(test_finish_no_default_hide),
		T(test_finish_relative_home_ignored),
		T(test_finish_root_only_hides),
		T(test_finish_unhide_drops_hidden),
		T(test_finish_unhide_sibling_prefix_kept),
		T(test_add_prereq_existing_and_missing),
		T(test_set_target),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
