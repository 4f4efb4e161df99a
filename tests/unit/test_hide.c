/* SPDX-License-Identifier: MIT */
/*
 * test_hide.c - lib/hide.c: the read grants that cover a root except the
 * hidden paths, planned on a real tree in a scratch directory:
 *
 *   root/top.txt
 *   root/a/c/
 *   root/a/b/file.txt
 *   root/a/b/sib/x
 *   root/a/b/secret/key
 *   root/link -> a/b/secret
 */
#include "unit.h"

#include "hide.h"

struct fixture {
	char *root;
	struct jail_strlist hide;
	struct jail_strlist grants;    /* "TREE <path relative to root>" */
	int stop_after;                /* callback fails after this many; 0 never */
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->root = unit_tempdir();
	unit_write(f->root, "top.txt", "t");
	unit_mkdir(f->root, "a");
	unit_mkdir(f->root, "a/c");
	unit_mkdir(f->root, "a/b");
	unit_write(f->root, "a/b/file.txt", "f");
	unit_mkdir(f->root, "a/b/sib");
	unit_write(f->root, "a/b/sib/x", "x");
	unit_mkdir(f->root, "a/b/secret");
	unit_write(f->root, "a/b/secret/key", "k");
	unit_symlink("a/b/secret", f->root, "link");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jail_strlist_free(&f->hide);
	jail_strlist_free(&f->grants);
	unit_rmtree(f->root);
	free(f);
	return 0;
}

static void hide(struct fixture *f, const char *rel)
{
	char p[PATH_MAX];

	assert_int_equal(jail_strlist_add(&f->hide, rel[0] == '/' ? rel :
					  unit_join(p, f->root, rel)), 0);
}

static int record(const char *path, enum jail_grant_kind kind, void *ctx)
{
	static const char *const names[] = {
		[JAIL_GRANT_TREE] = "TREE", [JAIL_GRANT_LIST] = "LIST",
		[JAIL_GRANT_FILE] = "FILE",
	};
	struct fixture *f = ctx;
	size_t n = strlen(f->root);
	char line[PATH_MAX + 8];

	if (f->stop_after && (int)f->grants.n >= f->stop_after)
		return -EINTR;
	/* Paths under root are recorded relative to it ("." for root). */
	if (strncmp(path, f->root, n) == 0 && (path[n] == '/' || path[n] == '\0'))
		snprintf(line, sizeof(line), "%s %s", names[kind],
			 path[n] ? path + n + 1 : ".");
	else
		snprintf(line, sizeof(line), "%s %s", names[kind], path);
	assert_false(jail_strlist_contains(&f->grants, line));
	return jail_strlist_add(&f->grants, line);
}

/* The grants must be exactly WANT, in any order. */
static void assert_grants(const struct fixture *f, const char *const *want)
{
	size_t n = 0;

	for (; want[n]; n++)
		if (!jail_strlist_contains(&f->grants, want[n]))
			fail_msg("missing grant '%s'", want[n]);
	for (size_t i = 0; i < f->grants.n; i++) {
		bool found = false;

		for (size_t j = 0; j < n; j++)
			found = found || strcmp(f->grants.v[i], want[j]) == 0;
		if (!found)
			fail_msg("unexpected grant '%s'", f->grants.v[i]);
	}
	assert_int_equal(f->grants.n, n);
}

static void test_hide_plan_nothing_hidden_one_tree(void **state)
{
	struct fixture *f = *state;
	static const char *const want[] = { "TREE .", NULL };

	/* given hidden paths only outside the root */
	hide(f, "/nonexistent/elsewhere");
	/* when the plan is made */
	assert_int_equal(jail_hide_plan(f->root, &f->hide, record, f), 0);
	/* then the whole root is one grant */
	assert_grants(f, want);
}

static void test_hide_plan_empty_hide_list(void **state)
{
	struct fixture *f = *state;
	static const char *const want[] = { "TREE .", NULL };

	/* given no hidden paths at all */
	/* when the plan is made */
	assert_int_equal(jail_hide_plan(f->root, &f->hide, record, f), 0);
	/* then the whole root is one grant */
	assert_grants(f, want);
}

static void test_hide_plan_hidden_dir_deep(void **state)
{
	struct fixture *f = *state;
	static const char *const want[] = {
		"LIST .", "FILE top.txt", "LIST a", "TREE a/c", "LIST a/b",
		"FILE a/b/file.txt", "TREE a/b/sib", NULL,
	};

	/* given a/b/secret hidden (and root/link pointing at it) */
	hide(f, "a/b/secret");
	/* when the plan is made */
	assert_int_equal(jail_hide_plan(f->root, &f->hide, record, f), 0);
	/* then ancestors are listed, siblings granted whole, and neither the
	 * hidden directory, anything in it, nor the link gets a grant */
	assert_grants(f, want);
}

static void test_hide_plan_hidden_file_deep(void **state)
{
	struct fixture *f = *state;
	static const char *const want[] = {
		"LIST .", "FILE top.txt", "LIST a", "TREE a/c", "LIST a/b",
		"FILE a/b/file.txt", "TREE a/b/secret", "LIST a/b/sib", NULL,
	};

	/* given the file a/b/sib/x hidden */
	hide(f, "a/b/sib/x");
	/* when the plan is made */
	assert_int_equal(jail_hide_plan(f->root, &f->hide, record, f), 0);
	/* then its directory is only listed and it gets nothing */
	assert_grants(f, want);
}

static void test_hide_plan_missing_hidden_inside(void **state)
{
	struct fixture *f = *state;
	static const char *const want[] = {
		"LIST .", "FILE top.txt", "LIST a", "TREE a/b", NULL,
	};

	/* given a hidden path that does not exist yet, under a/c */
	hide(f, "a/c/not-yet");
	/* when the plan is made */
	assert_int_equal(jail_hide_plan(f->root, &f->hide, record, f), 0);
	/* then a/c is listed only, so the name cannot appear readable later */
	assert_true(jail_strlist_contains(&f->grants, "LIST a/c"));
	assert_int_equal(f->grants.n, 5);
	for (size_t i = 0; want[i]; i++)
		assert_true(jail_strlist_contains(&f->grants, want[i]));
}

static void test_hide_plan_slash_root(void **state)
{
	struct fixture *f = *state;

	/* given the scratch tree hidden and "/" as the root */
	hide(f, f->root);
	/* when the plan is made */
	assert_int_equal(jail_hide_plan("/", &f->hide, record, f), 0);
	/* then "/" is listed, children are joined without "//", and nothing
	 * at or under the hidden tree is granted */
	assert_true(jail_strlist_contains(&f->grants, "LIST /"));
	for (size_t i = 0; i < f->grants.n; i++) {
		const char *path = strchr(f->grants.v[i], ' ') + 1;

		assert_null(strstr(path, "//"));
		assert_true(path[0] == '/');
	}
	assert_false(jail_strlist_contains(&f->grants, "TREE ."));
	assert_false(jail_strlist_contains(&f->grants, "LIST ."));
}

static void test_hide_plan_root_hidden_nothing(void **state)
{
	struct fixture *f = *state;
	static const char *const want[] = { NULL };

	/* given the root itself hidden */
	hide(f, f->root);
	/* when the plan is made */
	assert_int_equal(jail_hide_plan(f->root, &f->hide, record, f), 0);
	/* then nothing is granted */
	assert_grants(f, want);
}

static void test_hide_plan_root_inside_hidden(void **state)
{
	struct fixture *f = *state;
	char root[PATH_MAX];
	static const char *const want[] = { "TREE a/b", NULL };

	/* given a root that lies inside a hidden directory */
	hide(f, "a");
	/* when the plan is made for a/b */
	assert_int_equal(jail_hide_plan(unit_join(root, f->root, "a/b"), &f->hide,
					record, f), 0);
	/* then the root is granted whole: an explicit root wins over a hidden
	 * ancestor (what the code does; see the report) */
	assert_grants(f, want);
}

static void test_hide_plan_root_file(void **state)
{
	struct fixture *f = *state;
	char root[PATH_MAX];
	static const char *const want[] = { "FILE top.txt", NULL };

	/* given a root that is a file */
	/* when the plan is made */
	assert_int_equal(jail_hide_plan(unit_join(root, f->root, "top.txt"),
					&f->hide, record, f), 0);
	/* then it is a single file grant */
	assert_grants(f, want);
}

static void test_hide_plan_root_missing_nothing(void **state)
{
	struct fixture *f = *state;
	char root[PATH_MAX];
	static const char *const want[] = { NULL };

	/* given a root that does not exist */
	/* when the plan is made */
	assert_int_equal(jail_hide_plan(unit_join(root, f->root, "nope"),
					&f->hide, record, f), 0);
	/* then nothing is granted and it is no error */
	assert_grants(f, want);
}

static void test_hide_plan_symlink_root_followed(void **state)
{
	struct fixture *f = *state;
	char root[PATH_MAX];
	static const char *const want[] = { "TREE a/b/secret", NULL };

	/* given a root named through a link to a (not hidden) directory */
	/* when the plan is made */
	assert_int_equal(jail_hide_plan(unit_join(root, f->root, "link"),
					&f->hide, record, f), 0);
	/* then the directory the link names is granted (a rule on the link
	 * itself would be on the link's inode: /bin on merged-/usr) */
	assert_grants(f, want);
}

static void test_hide_plan_callback_error_stops(void **state)
{
	struct fixture *f = *state;

	/* given a callback that fails on its third grant */
	hide(f, "a/b/secret");
	f->stop_after = 2;
	/* when the plan is made */
	/* then its error is returned and no further grant is asked for */
	assert_int_equal(jail_hide_plan(f->root, &f->hide, record, f), -EINTR);
	assert_int_equal(f->grants.n, 2);
}

static void test_hide_plan_unlistable_dir_error(void **state)
{
	struct fixture *f = *state;
	char dir[PATH_MAX];
	int rc;

	/* given a directory on the way to a hidden path that cannot be read */
	if (geteuid() == 0)
		skip();  /* root reads it anyway */
	hide(f, "a/b/secret");
	assert_int_equal(chmod(unit_join(dir, f->root, "a/b"), 0), 0);
	/* when the plan is made */
	rc = jail_hide_plan(f->root, &f->hide, record, f);
	chmod(dir, 0755);
	/* then it fails with the errno */
	assert_int_equal(rc, -EACCES);
}

struct within_case {
	const char *path, *dir;
	bool within;
};

static const struct within_case within_cases[] = {
	{ "/a/b", "/a/b", true },
	{ "/a/b/c", "/a/b", true },
	{ "/a/b/c/d", "/a/b", true },
	{ "/a/bc", "/a/b", false },
	{ "/a/b", "/a/bc", false },
	{ "/a", "/a/b", false },
	{ "/ab", "/a", false },
	{ "/", "/", true },
	{ "/x", "/", true },
	{ "/x/y", "/", true },
	{ "x", "/", false },
	{ "", "/", false },
	{ "/", "/a", false },
};

static void test_path_within_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(within_cases) / sizeof(within_cases[0]); i++) {
		const struct within_case *c = &within_cases[i];

		/* given a path and a directory */
		/* when asked whether one is within the other */
		/* then the answer respects component boundaries */
		if (jail_path_within(c->path, c->dir) != c->within)
			fail_msg("'%s' within '%s': got %d", c->path, c->dir,
				 !c->within);
	}
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_hide_plan_nothing_hidden_one_tree),
		T(test_hide_plan_empty_hide_list),
		T(test_hide_plan_hidden_dir_deep),
		T(test_hide_plan_hidden_file_deep),
		T(test_hide_plan_missing_hidden_inside),
		T(test_hide_plan_slash_root),
		T(test_hide_plan_root_hidden_nothing),
		T(test_hide_plan_root_inside_hidden),
		T(test_hide_plan_root_file),
		T(test_hide_plan_root_missing_nothing),
		T(test_hide_plan_symlink_root_followed),
		T(test_hide_plan_callback_error_stops),
		T(test_hide_plan_unlistable_dir_error),
		cmocka_unit_test(test_path_within_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
