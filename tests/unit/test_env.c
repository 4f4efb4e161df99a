/* SPDX-License-Identifier: MIT */
/*
 * test_env.c - lib/env.c: which variables are scrubbed, and the
 * environment array handed to execve.
 */
#include "unit.h"

#include "env.h"
#include "policy.h"

struct scrub_case {
	const char *name;
	bool scrubbed;
};

static const struct scrub_case scrub_cases[] = {
	/* secrets by name */
	{ "GITHUB_TOKEN", true },
	{ "GH_TOKEN", true },
	{ "AWS_SECRET_ACCESS_KEY", true },
	{ "AWS_ACCESS_KEY_ID", true },
	{ "AWS_SESSION_TOKEN", true },
	{ "NPM_TOKEN", true },
	{ "CI_JOB_TOKEN", true },
	{ "MY_API_KEY", true },
	{ "OPENAI_APIKEY", true },
	{ "db_password", true },
	{ "MYSQL_PWD_PASSWD", true },
	{ "GPG_PASSPHRASE", true },
	{ "GOOGLE_APPLICATION_CREDENTIALS", true },
	{ "SIGNING_KEY", true },
	{ "SSH_PRIVATE_KEY", true },
	{ "STRIPE_KEY", true },
	{ "GITHUB_PAT", true },
	{ "session_cookie", true },
	/* agent and session handles */
	{ "SSH_AUTH_SOCK", true },
	{ "SSH_AGENT_PID", true },
	{ "GPG_AGENT_INFO", true },
	{ "DBUS_SESSION_BUS_ADDRESS", true },
	{ "DISPLAY", true },
	{ "WAYLAND_DISPLAY", true },
	{ "XAUTHORITY", true },
	{ "KRB5CCNAME", true },
	{ "DOCKER_HOST", true },
	{ "KUBECONFIG", true },
	/* what a build needs */
	{ "PATH", false },
	{ "HOME", false },
	{ "USER", false },
	{ "CC", false },
	{ "CXX", false },
	{ "CFLAGS", false },
	{ "LDFLAGS", false },
	{ "MAKEFLAGS", false },
	{ "MAKELEVEL", false },
	{ "LANG", false },
	{ "LC_ALL", false },
	{ "TERM", false },
	{ "GIT_AUTHOR_NAME", false },
	{ "SOURCE_DATE_EPOCH", false },
	{ "KEYBOARD", false },
	{ "KEYMAP", false },
	{ "MONKEY", false },
	{ "TOKENS", true },             /* a substring match: scrubbed */
	/* search paths a build uses: they contain "_PAT" but are no PAT */
	{ "PKG_CONFIG_PATH", false },
	{ "LD_LIBRARY_PATH", false },
	{ "LIBRARY_PATH", false },
	{ "C_INCLUDE_PATH", false },
	{ "CPLUS_INCLUDE_PATH", false },
	{ "CMAKE_PREFIX_PATH", false },
	{ "ACLOCAL_PATH", false },
	{ "MY_PATCH_LEVEL", false },
	{ "PYTHONPATH", false },
	/* case matters for the handle list only */
	{ "display", false },
};

static void test_is_scrubbed_table(void **state)
{
	int wrong = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(scrub_cases) / sizeof(scrub_cases[0]); i++) {
		const struct scrub_case *c = &scrub_cases[i];

		/* given a variable name */
		/* when the scrubber judges it */
		/* then it is removed or kept as listed */
		if (jail_env_is_scrubbed(c->name) != c->scrubbed) {
			print_error("%s: scrubbed=%d, want %d\n", c->name,
				    !c->scrubbed, c->scrubbed);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

/* Index of ENTRY in OUT, or -1. */
static int find(const struct jail_strlist *out, const char *entry)
{
	for (size_t i = 0; i < out->n; i++)
		if (strcmp(out->v[i], entry) == 0)
			return (int)i;
	return -1;
}

static void test_env_build_keeps_and_drops(void **state)
{
	char *const envp[] = {
		"PATH=/usr/bin:/bin", "GITHUB_TOKEN=ghp_x", "CC=gcc",
		"SSH_AUTH_SOCK=/run/agent", "EMPTY=", "X==y", NULL,
	};
	struct jail_policy p;
	struct jail_strlist out = { 0 };

	(void)state;
	/* given a default policy */
	jail_policy_init(&p);
	/* when the environment is built without a private TMPDIR */
	assert_int_equal(jail_env_build(&p, envp, NULL, &out), 0);
	/* then the build variables stay, in order, and the secrets go */
	assert_int_equal(out.n, 4);
	assert_string_equal(out.v[0], "PATH=/usr/bin:/bin");
	assert_string_equal(out.v[1], "CC=gcc");
	assert_string_equal(out.v[2], "EMPTY=");
	assert_string_equal(out.v[3], "X==y");
	assert_null(out.v[4]);
	jail_strlist_free(&out);
	jail_policy_free(&p);
}

static void test_env_build_env_keep_wins(void **state)
{
	char *const envp[] = {
		"NPM_TOKEN=npm_x", "GITHUB_TOKEN=ghp_x", "SSH_AUTH_SOCK=/s", NULL,
	};
	struct jail_policy p;
	struct jail_strlist out = { 0 };

	(void)state;
	/* given --env NPM_TOKEN and --env SSH_AUTH_SOCK */
	jail_policy_init(&p);
	assert_int_equal(jail_policy_add_env(&p, "NPM_TOKEN", NULL, NULL), 0);
	assert_int_equal(jail_policy_add_env(&p, "SSH_AUTH_SOCK", NULL, NULL), 0);
	/* when the environment is built */
	assert_int_equal(jail_env_build(&p, envp, NULL, &out), 0);
	/* then the kept ones pass and the other secret does not */
	assert_int_equal(out.n, 2);
	assert_string_equal(out.v[0], "NPM_TOKEN=npm_x");
	assert_string_equal(out.v[1], "SSH_AUTH_SOCK=/s");
	jail_strlist_free(&out);
	jail_policy_free(&p);
}

static void test_env_build_tmpdir_replaced(void **state)
{
	char *const envp[] = {
		"TMPDIR=/old", "HOME=/h", "TMP=/old", "TEMP=/old", "TMPDIRX=/y", NULL,
	};
	struct jail_policy p;
	struct jail_strlist out = { 0 };

	(void)state;
	/* given a caller environment with its own temporary directories */
	jail_policy_init(&p);
	/* when built with a private TMPDIR */
	assert_int_equal(jail_env_build(&p, envp, "/tmp/jail.abc", &out), 0);
	/* then the old values are gone and the three names point at ours */
	assert_int_equal(out.n, 5);
	assert_int_equal(find(&out, "TMPDIR=/old"), -1);
	assert_int_equal(find(&out, "TMP=/old"), -1);
	assert_int_equal(find(&out, "TEMP=/old"), -1);
	assert_true(find(&out, "HOME=/h") >= 0);
	assert_true(find(&out, "TMPDIRX=/y") >= 0);
	assert_true(find(&out, "TMPDIR=/tmp/jail.abc") >= 0);
	assert_true(find(&out, "TMP=/tmp/jail.abc") >= 0);
	assert_true(find(&out, "TEMP=/tmp/jail.abc") >= 0);
	jail_strlist_free(&out);
	jail_policy_free(&p);
}

static void test_env_build_tmpdir_without_caller_tmp(void **state)
{
	struct jail_policy p;
	struct jail_strlist out = { 0 };

	(void)state;
	/* given no caller environment at all */
	jail_policy_init(&p);
	/* when built with a private TMPDIR */
	assert_int_equal(jail_env_build(&p, NULL, "/t", &out), 0);
	/* then exactly the three temporary names are set */
	assert_int_equal(out.n, 3);
	assert_string_equal(out.v[0], "TMPDIR=/t");
	assert_string_equal(out.v[1], "TMP=/t");
	assert_string_equal(out.v[2], "TEMP=/t");
	jail_strlist_free(&out);
	jail_policy_free(&p);
}

static void test_env_build_malformed_dropped(void **state)
{
	char longname[400];
	char *envp[] = { "NOEQUALS", "=value", "", "OK=1", longname, NULL };
	struct jail_policy p;
	struct jail_strlist out = { 0 };

	(void)state;
	/* given entries without a name, without '=', and with a huge name */
	memset(longname, 'A', 300);
	snprintf(longname + 300, sizeof(longname) - 300, "=v");
	jail_policy_init(&p);
	/* when the environment is built */
	assert_int_equal(jail_env_build(&p, envp, NULL, &out), 0);
	/* then only the well-formed entry passes */
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0], "OK=1");
	jail_strlist_free(&out);
	jail_policy_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_scrubbed_table),
		cmocka_unit_test(test_env_build_keeps_and_drops),
		cmocka_unit_test(test_env_build_env_keep_wins),
		cmocka_unit_test(test_env_build_tmpdir_replaced),
		cmocka_unit_test(test_env_build_tmpdir_without_caller_tmp),
		cmocka_unit_test(test_env_build_malformed_dropped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
