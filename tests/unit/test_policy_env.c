/* SPDX-License-Identifier: MIT */
/*
 * test_policy_env.c - lib/policy_env.c: the policy from JAIL_* variables.
 * Every test starts with all of them unset.
 */
#include "unit.h"

#include "policy.h"

static const char *const jail_vars[] = {
	"JAIL_WRITE", "JAIL_READ", "JAIL_HIDE", "JAIL_UNHIDE", "JAIL_NET",
	"JAIL_ENV", "JAIL_MODE", "JAIL_STRICT", "JAIL_PROTECT", NULL,
};

struct fixture {
	char *dir;
	struct jail_policy p;
	struct jail_error err;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	for (size_t i = 0; jail_vars[i]; i++)
		unsetenv(jail_vars[i]);
	f->dir = unit_tempdir();
	unit_mkdir(f->dir, "a");
	unit_mkdir(f->dir, "b");
	unit_mkdir(f->dir, "with space");
	jail_policy_init(&f->p);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; jail_vars[i]; i++)
		unsetenv(jail_vars[i]);
	jail_policy_free(&f->p);
	unit_rmtree(f->dir);
	free(f);
	return 0;
}

static void test_from_env_unset_nothing(void **state)
{
	struct fixture *f = *state;

	/* given no JAIL_* variables, and one set to an empty value */
	setenv("JAIL_MODE", "", 1);
	setenv("JAIL_WRITE", "", 1);
	/* when the policy is read */
	assert_int_equal(jail_policy_from_env(&f->p, f->dir, &f->err), 0);
	/* then it is still the empty default */
	assert_int_equal(f->p.write.n + f->p.read.n + f->p.hide.n + f->p.env_keep.n, 0);
	assert_int_equal(f->p.net, 0);
	assert_int_equal(f->p.mode, JAIL_MODE_ENFORCE);
	assert_false(f->p.mode_set);
	assert_false(f->p.strict_read);
}

static void test_from_env_write_colon_list(void **state)
{
	struct fixture *f = *state;
	char p[PATH_MAX], want[PATH_MAX];

	/* given JAIL_WRITE with an absolute, relative, spaced and empty elements */
	snprintf(p, sizeof(p), ":%s/a::b:with space:", f->dir);
	setenv("JAIL_WRITE", p, 1);
	/* when the policy is read */
	assert_int_equal(jail_policy_from_env(&f->p, f->dir, &f->err), 0);
	/* then each non-empty element is a resolved writable root */
	assert_int_equal(f->p.write.n, 3);
	assert_string_equal(f->p.write.v[0], unit_join(want, f->dir, "a"));
	assert_string_equal(f->p.write.v[1], unit_join(want, f->dir, "b"));
	assert_string_equal(f->p.write.v[2], unit_join(want, f->dir, "with space"));
	assert_false(f->p.strict_read);
}

static void test_from_env_read_and_hide(void **state)
{
	struct fixture *f = *state;
	char want[PATH_MAX];

	/* given JAIL_READ and a JAIL_HIDE that does not exist */
	setenv("JAIL_READ", "a", 1);
	setenv("JAIL_HIDE", "secret:b", 1);
	/* when the policy is read */
	assert_int_equal(jail_policy_from_env(&f->p, f->dir, &f->err), 0);
	/* then reads are strict and both hidden paths are kept */
	assert_int_equal(f->p.read.n, 1);
	assert_true(f->p.strict_read);
	assert_int_equal(f->p.hide.n, 2);
	assert_string_equal(f->p.hide.v[0], unit_join(want, f->dir, "secret"));
	assert_string_equal(f->p.hide.v[1], unit_join(want, f->dir, "b"));
}

static void test_from_env_net_whitespace_list(void **state)
{
	struct fixture *f = *state;

	/* given JAIL_NET with spaces, a tab and a newline between specs */
	setenv("JAIL_NET", "  unix connect:80,443\tconnect:8080\n ", 1);
	/* when the policy is read */
	assert_int_equal(jail_policy_from_env(&f->p, f->dir, &f->err), 0);
	/* then every spec is granted */
	assert_int_equal(f->p.net, JAIL_NET_UNIX | JAIL_NET_CONNECT);
	assert_int_equal(f->p.nports, 3);
	assert_int_equal(f->p.ports[0], 80);
	assert_int_equal(f->p.ports[1], 443);
	assert_int_equal(f->p.ports[2], 8080);
}

static void test_from_env_env_and_mode(void **state)
{
	struct fixture *f = *state;

	/* given JAIL_ENV separated by colons and blanks, and JAIL_MODE */
	setenv("JAIL_ENV", "NPM_TOKEN GH_TOKEN:CI_JOB_TOKEN", 1);
	setenv("JAIL_MODE", "best-effort", 1);
	/* when the policy is read */
	assert_int_equal(jail_policy_from_env(&f->p, f->dir, &f->err), 0);
	/* then every name is kept and the mode is set explicitly */
	assert_int_equal(f->p.env_keep.n, 3);
	assert_true(jail_strlist_contains(&f->p.env_keep, "GH_TOKEN"));
	assert_int_equal(f->p.mode, JAIL_MODE_BEST_EFFORT);
	assert_true(f->p.mode_set);
}

struct bad_case {
	const char *var, *value;
	int rc;
	const char *what_prefix;   /* the error must start with this */
};

static const struct bad_case bad_cases[] = {
	{ "JAIL_NET", "unix bogus", -EINVAL, "JAIL_NET:" },
	{ "JAIL_NET", "connect:0", -EINVAL, "JAIL_NET:" },
	{ "JAIL_NET", "connect:80,", -EINVAL, "JAIL_NET:" },
	{ "JAIL_NET", "unix,all", -EINVAL, "JAIL_NET:" },
	{ "JAIL_MODE", "strict", -EINVAL, "JAIL_MODE:" },
	{ "JAIL_MODE", " enforce", -EINVAL, "JAIL_MODE:" },
	{ "JAIL_ENV", "OK 1BAD", -EINVAL, "JAIL_ENV " },
	{ "JAIL_ENV", "A=B", -EINVAL, "JAIL_ENV " },
	{ "JAIL_WRITE", "a:missing", -ENOENT, "JAIL_WRITE " },
	{ "JAIL_READ", "missing", -ENOENT, "JAIL_READ " },
	{ "JAIL_STRICT", "yes", -EINVAL, "JAIL_STRICT:" },
	{ "JAIL_STRICT", "2", -EINVAL, "JAIL_STRICT:" },
};

static void test_from_env_errors_name_variable(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct jail_policy p;
		struct jail_error err = { 0 };
		int rc;

		/* given one bad variable */
		jail_policy_init(&p);
		setenv(c->var, c->value, 1);
		/* when the policy is read */
		rc = jail_policy_from_env(&p, f->dir, &err);
		/* then the call fails and the message names the variable */
		if (rc != c->rc)
			fail_msg("%s='%s': returned %d, want %d", c->var, c->value,
				 rc, c->rc);
		assert_int_equal(err.code, -c->rc);
		assert_int_equal(strncmp(err.what, c->what_prefix,
					 strlen(c->what_prefix)), 0);
		unsetenv(c->var);
		jail_policy_free(&p);
	}
}

static void test_from_env_bad_mode_after_good_lists(void **state)
{
	struct fixture *f = *state;

	/* given good lists and a bad mode */
	setenv("JAIL_WRITE", "a", 1);
	setenv("JAIL_MODE", "nope", 1);
	/* when the policy is read */
	/* then the whole call fails (the caller must not use the policy) */
	assert_int_equal(jail_policy_from_env(&f->p, f->dir, &f->err), -EINVAL);
	assert_string_equal(f->err.path, "nope");
	assert_false(f->p.mode_set);
}

static void test_from_env_unhide_and_strict(void **state)
{
	struct fixture *f = *state;
	char want[PATH_MAX];

	/* given JAIL_UNHIDE and JAIL_PROTECT (need not exist), JAIL_STRICT=1 */
	setenv("JAIL_UNHIDE", "not-there:a", 1);
	setenv("JAIL_PROTECT", "::.git/hooks:", 1);
	setenv("JAIL_STRICT", "1", 1);
	/* when the policy is read */
	assert_int_equal(jail_policy_from_env(&f->p, f->dir, &f->err), 0);
	/* then both unhide paths are kept and reads are strict */
	assert_int_equal(f->p.unhide.n, 2);
	assert_string_equal(f->p.unhide.v[0], unit_join(want, f->dir, "not-there"));
	assert_true(f->p.strict_read);
	assert_int_equal(f->p.hide.n, 0);
	assert_int_equal(f->p.protect.n, 1);
	assert_string_equal(f->p.protect.v[0], unit_join(want, f->dir, ".git/hooks"));
}

static void test_from_env_strict_zero_keeps_open(void **state)
{
	struct fixture *f = *state;

	/* given JAIL_STRICT=0 */
	setenv("JAIL_STRICT", "0", 1);
	/* when the policy is read */
	assert_int_equal(jail_policy_from_env(&f->p, f->dir, &f->err), 0);
	/* then reads stay open */
	assert_false(f->p.strict_read);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_from_env_unset_nothing),
		T(test_from_env_write_colon_list),
		T(test_from_env_read_and_hide),
		T(test_from_env_net_whitespace_list),
		T(test_from_env_env_and_mode),
		T(test_from_env_errors_name_variable),
		T(test_from_env_bad_mode_after_good_lists),
		T(test_from_env_unhide_and_strict),
		T(test_from_env_strict_zero_keeps_open),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
