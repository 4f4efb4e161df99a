/* SPDX-License-Identifier: MIT */
/*
 * test_tmpdir.c - lib/tmpdir.c: the private TMPDIR is created 0700 under
 * its base and removed whole, however the command left it, without ever
 * touching what a link inside it points to.
 */
#include "unit.h"

#include "tmpdir.h"

struct fixture {
	char *base;                /* where private dirs are made */
	char *outside;             /* must survive every removal */
	char made[PATH_MAX];
	struct jail_error err;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->base = unit_tempdir();
	f->outside = unit_tempdir();
	unit_write(f->outside, "precious", "keep me");
	unit_mkdir(f->outside, "dir");
	unit_write(f->outside, "dir/inner", "keep me too");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	unit_rmtree(f->base);
	unit_rmtree(f->outside);
	free(f);
	return 0;
}

static void test_tmpdir_create_under_base(void **state)
{
	struct fixture *f = *state;
	struct stat st;
	mode_t old = umask(022);
	size_t n = strlen(f->base);

	/* given a base directory */
	/* when a private directory is made */
	assert_int_equal(jail_tmpdir_create(f->base, f->made, &f->err), 0);
	umask(old);
	/* then it is a fresh jail.XXXXXX directory directly under the base,
	 * owned by us, mode 0700 */
	assert_int_equal(strncmp(f->made, f->base, n), 0);
	assert_int_equal(strncmp(f->made + n, "/jail.", 6), 0);
	assert_int_equal(strlen(f->made + n + 6), 6);
	assert_int_equal(lstat(f->made, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_int_equal(st.st_uid, geteuid());
}

static void test_tmpdir_create_unique(void **state)
{
	struct fixture *f = *state;
	char second[PATH_MAX];

	/* given one private directory */
	assert_int_equal(jail_tmpdir_create(f->base, f->made, &f->err), 0);
	/* when another is made under the same base */
	assert_int_equal(jail_tmpdir_create(f->base, second, &f->err), 0);
	/* then they differ */
	assert_string_not_equal(f->made, second);
}

static void test_tmpdir_create_default_base_tmpdir(void **state)
{
	struct fixture *f = *state;
	char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	size_t n = strlen(f->base);
	int rc;

	/* given no base, or a relative one, and TMPDIR set */
	setenv("TMPDIR", f->base, 1);
	/* when private directories are made */
	rc = jail_tmpdir_create(NULL, f->made, &f->err);
	assert_int_equal(rc, 0);
	assert_int_equal(strncmp(f->made, f->base, n), 0);
	rc = jail_tmpdir_create("relative", f->made, &f->err);
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
	/* then they are made under TMPDIR */
	assert_int_equal(rc, 0);
	assert_int_equal(strncmp(f->made, f->base, n), 0);
}

static void test_tmpdir_create_missing_base_error(void **state)
{
	struct fixture *f = *state;
	char base[PATH_MAX];

	/* given a base that does not exist */
	unit_join(base, f->base, "missing");
	/* when a private directory is made */
	assert_int_equal(jail_tmpdir_create(base, f->made, &f->err), -ENOENT);
	/* then the error names the base and suggests TMPDIR */
	assert_int_equal(f->err.code, ENOENT);
	assert_string_equal(f->err.path, base);
	assert_non_null(strstr(f->err.hint, "TMPDIR"));
}

static void test_tmpdir_remove_locked_tree_and_links(void **state)
{
	struct fixture *f = *state;
	char p[PATH_MAX], q[PATH_MAX];
	struct stat st;

	/* given a private directory the command filled and locked:
	 * nested read-only and inaccessible directories, a read-only file, a
	 * FIFO, and links to a file and a directory outside */
	assert_int_equal(jail_tmpdir_create(f->base, f->made, &f->err), 0);
	unit_mkdir(f->made, "ro");
	unit_mkdir(f->made, "ro/deeper");
	unit_mkdir(f->made, "ro/deeper/none");
	unit_write(f->made, "ro/deeper/none/file", "x");
	unit_write(f->made, "ro/deeper/file", "x");
	unit_write(f->made, "ro/file", "x");
	assert_int_equal(mkfifo(unit_join(p, f->made, "ro/fifo"), 0600), 0);
	unit_symlink(unit_join(q, f->outside, "precious"), f->made, "ro/link-file");
	unit_symlink(unit_join(q, f->outside, "dir"), f->made, "ro/deeper/link-dir");
	unit_symlink("/", f->made, "root-link");
	assert_int_equal(chmod(unit_join(p, f->made, "ro/file"), 0400), 0);
	assert_int_equal(chmod(unit_join(p, f->made, "ro/deeper/none"), 0), 0);
	assert_int_equal(chmod(unit_join(p, f->made, "ro/deeper"), 0500), 0);
	assert_int_equal(chmod(unit_join(p, f->made, "ro"), 0500), 0);
	assert_int_equal(chmod(f->made, 0500), 0);
	/* when it is removed */
	assert_int_equal(jail_tmpdir_remove(f->made), 0);
	/* then it is gone */
	assert_int_equal(lstat(f->made, &st), -1);
	assert_int_equal(errno, ENOENT);
	/* and what the links pointed to is untouched, modes included */
	assert_int_equal(lstat(unit_join(p, f->outside, "precious"), &st), 0);
	assert_int_equal(st.st_size, 7);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(lstat(unit_join(p, f->outside, "dir/inner"), &st), 0);
	assert_int_equal(lstat(unit_join(p, f->outside, "dir"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
}

static void test_tmpdir_remove_missing_ok(void **state)
{
	struct fixture *f = *state;
	char p[PATH_MAX];

	/* given a path that is already gone */
	/* when it is removed */
	/* then that is success */
	assert_int_equal(jail_tmpdir_remove(unit_join(p, f->base, "gone")), 0);
}

static void test_tmpdir_remove_link_not_followed(void **state)
{
	struct fixture *f = *state;
	char p[PATH_MAX], q[PATH_MAX];
	struct stat st;

	/* given a path that is a link to a directory outside (the command
	 * replaced its TMPDIR, e.g. when /tmp itself was writable) */
	unit_symlink(unit_join(q, f->outside, "dir"), f->base, "link");
	/* when it is "removed" */
	assert_true(jail_tmpdir_remove(unit_join(p, f->base, "link")) < 0);
	/* then nothing outside is emptied, nor its mode changed */
	assert_int_equal(lstat(unit_join(q, f->outside, "dir/inner"), &st), 0);
	assert_int_equal(lstat(unit_join(q, f->outside, "dir"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_tmpdir_create_under_base),
		T(test_tmpdir_create_unique),
		T(test_tmpdir_create_default_base_tmpdir),
		T(test_tmpdir_create_missing_base_error),
		T(test_tmpdir_remove_locked_tree_and_links),
		T(test_tmpdir_remove_missing_ok),
		T(test_tmpdir_remove_link_not_followed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
