/* SPDX-License-Identifier: MIT */
/*
 * test_policy_codec.c - lib/policy_codec.c: the policy as a [0-9a-f] token
 * that survives make's .SHELLFLAGS whatever the paths hold.
 */
#include "unit.h"

#include "policy.h"

/* A directory name with everything a shell would act on. */
#define NASTY "a b$HOME'\"`x`;|&<>*?\\\n\ttail"

struct fixture {
	char *dir;
	struct jail_policy p, q;
	struct jail_error err;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->dir = unit_tempdir();
	unit_mkdir(f->dir, NASTY);
	unit_mkdir(f->dir, "plain");
	jail_policy_init(&f->p);
	jail_policy_init(&f->q);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jail_policy_free(&f->p);
	jail_policy_free(&f->q);
	unit_rmtree(f->dir);
	free(f);
	return 0;
}

static void assert_lists_equal(const struct jail_strlist *a,
			       const struct jail_strlist *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		assert_string_equal(a->v[i], b->v[i]);
}

/* Fill P with one of everything, paths with shell metacharacters. */
static void fill(struct fixture *f)
{
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, NASTY, f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, "plain", f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_READ, "plain", f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_HIDE, "no such $dir\n", f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_env(&f->p, "NPM_TOKEN", NULL, NULL), 0);
	assert_int_equal(jail_policy_add_net(&f->p, "unix", NULL, NULL), 0);
	assert_int_equal(jail_policy_add_net(&f->p, "connect:80,443,65535", NULL, NULL), 0);
	assert_int_equal(jail_policy_set_mode(&f->p, "best-effort", NULL, NULL), 0);
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_UNHIDE, ".config/x y", f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_set_target(&f->p, "out/$@ 'x'.o", NULL), 0);
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_PROTECT, NASTY "/.git", f->dir, NULL, NULL), 0);
	assert_int_equal(jail_policy_add_prereq(&f->p, NASTY, f->dir), 0);
	f->p.no_default_hide = true;
}

static void test_encode_only_lowercase_hex(void **state)
{
	struct fixture *f = *state;
	char *tok;

	/* given a policy whose paths hold shell metacharacters */
	fill(f);
	/* when it is encoded */
	tok = jail_policy_encode(&f->p);
	/* then the token is non-empty, even-length [0-9a-f] */
	assert_non_null(tok);
	assert_true(strlen(tok) > 0);
	assert_int_equal(strlen(tok) % 2, 0);
	assert_int_equal(strspn(tok, "0123456789abcdef"), strlen(tok));
	free(tok);
}

static void test_encode_decode_round_trip(void **state)
{
	struct fixture *f = *state;
	char *tok;

	/* given a full policy */
	fill(f);
	tok = jail_policy_encode(&f->p);
	assert_non_null(tok);
	/* when the token is decoded into an empty policy */
	assert_int_equal(jail_policy_decode(&f->q, tok, &f->err), 0);
	/* then every field is the same */
	assert_lists_equal(&f->q.write, &f->p.write);
	assert_int_equal(f->q.read.n, f->p.read.n);
	for (size_t i = 0; i < f->p.read.n; i++)
		assert_true(jail_strlist_contains(&f->q.read, f->p.read.v[i]));
	assert_lists_equal(&f->q.hide, &f->p.hide);
	assert_lists_equal(&f->q.env_keep, &f->p.env_keep);
	assert_lists_equal(&f->q.unhide, &f->p.unhide);
	assert_lists_equal(&f->q.protect, &f->p.protect);
	assert_lists_equal(&f->q.prereq, &f->p.prereq);
	assert_string_equal(f->q.target, f->p.target);
	assert_int_equal(f->q.net, f->p.net);
	assert_int_equal(f->q.nports, f->p.nports);
	assert_memory_equal(f->q.ports, f->p.ports, f->p.nports * sizeof(f->p.ports[0]));
	assert_int_equal(f->q.mode, JAIL_MODE_BEST_EFFORT);
	assert_true(f->q.strict_read);
	assert_true(f->q.no_default_hide);
	/* and the path with a newline came back whole */
	assert_non_null(strchr(f->q.write.v[0], '\n'));
	free(tok);
}

static void test_encode_decode_empty_policy(void **state)
{
	struct fixture *f = *state;
	char *tok;

	/* given an empty policy */
	tok = jail_policy_encode(&f->p);
	assert_non_null(tok);
	/* when it goes through the token */
	assert_int_equal(jail_policy_decode(&f->q, tok, &f->err), 0);
	/* then it is still empty, enforce, reads open, default hides on */
	assert_int_equal(f->q.write.n + f->q.read.n + f->q.hide.n + f->q.env_keep.n, 0);
	assert_int_equal(f->q.net, 0);
	assert_int_equal(f->q.nports, 0);
	assert_int_equal(f->q.mode, JAIL_MODE_ENFORCE);
	assert_false(f->q.strict_read);
	assert_false(f->q.no_default_hide);
	free(tok);
}

static void test_decode_empty_token_nothing(void **state)
{
	struct fixture *f = *state;

	/* given an empty token */
	/* when decoded */
	assert_int_equal(jail_policy_decode(&f->q, "", &f->err), 0);
	/* then nothing is added */
	assert_int_equal(f->q.net, 0);
	assert_false(f->q.mode_set);
}

struct bad_token {
	const char *token;
	const char *why;
};

static const struct bad_token bad_tokens[] = {
	{ "4", "odd length" },
	{ "4e756e69780", "odd length after a record" },
	{ "zz", "not hex" },
	{ "4E756E697800", "upper-case hex" },
	{ "4e756e6978 0", "blank inside" },
	{ "4e756e6978", "record without its NUL" },
	{ "4e756e6978004d6f6666", "last record without its NUL" },
	{ "5100", "unknown key Q" },
	{ "00", "empty record" },
	{ "4e746370003a", "odd tail" },
	{ "4e6e6f70650000", "net value nope" },
	{ "4e636f6e6e6563743a3000", "connect:0" },
	{ "4d737472696374 00", "blank in mode" },
	{ "4d73747269637400", "mode strict" },
	{ "45312d4200", "env name 1-B" },
	{ "5700", "empty write path" },
};

static void test_decode_malformed_einval(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(bad_tokens) / sizeof(bad_tokens[0]); i++) {
		const struct bad_token *c = &bad_tokens[i];
		struct jail_policy p;
		struct jail_error err = { 0 };
		int rc;

		/* given a policy that allows unix sockets */
		jail_policy_init(&p);
		assert_int_equal(jail_policy_add_net(&p, "unix", NULL, NULL), 0);
		/* when a malformed token is decoded */
		rc = jail_policy_decode(&p, c->token, &err);
		/* then it fails with EINVAL and says so */
		if (rc != -EINVAL)
			fail_msg("%s ('%s'): returned %d, want -EINVAL", c->why,
				 c->token, rc);
		assert_int_equal(err.code, EINVAL);
		assert_true(err.what[0] != '\0');
		assert_int_equal(p.net, JAIL_NET_UNIX);
		assert_int_equal(p.write.n, 0);
		jail_policy_free(&p);
	}
	(void)f;
}

static void test_decode_missing_write_path_enoent(void **state)
{
	struct fixture *f = *state;
	char *tok;

	/* given a token for a writable root that was removed since */
	assert_int_equal(jail_policy_add_path(&f->p, JAIL_PATH_WRITE, "plain", f->dir, NULL, NULL), 0);
	tok = jail_policy_encode(&f->p);
	assert_non_null(tok);
	assert_int_equal(rmdir(f->p.write.v[0]), 0);
	/* when it is decoded */
	assert_int_equal(jail_policy_decode(&f->q, tok, &f->err), -ENOENT);
	/* then the error names the token as the source and the path */
	assert_non_null(strstr(f->err.what, "policy token"));
	assert_string_equal(f->err.path, f->p.write.v[0]);
	free(tok);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_encode_only_lowercase_hex),
		T(test_encode_decode_round_trip),
		T(test_encode_decode_empty_policy),
		T(test_decode_empty_token_nothing),
		T(test_decode_malformed_einval),
		T(test_decode_missing_write_path_enoent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
