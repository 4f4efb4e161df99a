/* SPDX-License-Identifier: MIT */
/*
 * test_guard.c - lib/guard_walk.c and the guard's protected-path check:
 * paths resolved the way the caller would, on a real tree:
 *
 *   root/dir/file
 *   root/link -> dir          root/abs -> ROOT/dir (absolute)
 *   root/loop1 -> loop2       root/loop2 -> loop1
 *   root/dangling -> newname  root/out -> /proc/self/fd/1
 */
#include "unit.h"

#include <signal.h>
#include <sys/wait.h>

#include "guard.h"

struct fixture {
	char *root;
	int rootfd;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char abs[PATH_MAX];

	assert_non_null(f);
	f->root = unit_tempdir();
	unit_mkdir(f->root, "dir");
	unit_write(f->root, "dir/file", "f");
	unit_symlink("dir", f->root, "link");
	snprintf(abs, sizeof(abs), "%s/dir", f->root);
	unit_symlink(abs, f->root, "abs");
	unit_symlink("loop2", f->root, "loop1");
	unit_symlink("loop1", f->root, "loop2");
	unit_symlink("newname", f->root, "dangling");
	unit_symlink("/proc/self/fd/1", f->root, "out");
	f->rootfd = open(f->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(f->rootfd >= 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	close(f->rootfd);
	unit_rmtree(f->root);
	free(f);
	return 0;
}

/* Walk PATH from the root as if we were TID; check where it lands. */
static void expect_walk(const struct fixture *f, const char *path, int tid,
			bool follow, const char *want_dir, const char *want_base)
{
	char link[64], where[PATH_MAX], base[PATH_MAX];
	int parent = -1, rc = jail_guard_walk(f->rootfd, path, tid, follow, &parent, base);
	ssize_t n;

	if (rc < 0)
		fail_msg("walk '%s': %s", path, strerror(-rc));
	snprintf(link, sizeof(link), "/proc/self/fd/%d", parent);
	n = readlink(link, where, sizeof(where) - 1);
	assert_true(n > 0);
	where[n] = '\0';
	close(parent);
	if (strcmp(where, want_dir) != 0 || strcmp(base, want_base) != 0)
		fail_msg("walk '%s': got '%s' + '%s', want '%s' + '%s'", path,
			 where, base, want_dir, want_base);
}

static void expect_walk_error(const struct fixture *f, const char *path, int err)
{
	char base[PATH_MAX];
	int parent = -1, rc = jail_guard_walk(f->rootfd, path, getpid(), true,
					      &parent, base);

	if (rc != -err)
		fail_msg("walk '%s': got %d, want -%d", path, rc, err);
	assert_int_equal(parent, -1);
}

static void test_walk_plain_path(void **state)
{
	struct fixture *f = *state;
	char dir[PATH_MAX];

	/* given dir/file: the parent is dir, the name file */
	expect_walk(f, "dir/file", getpid(), false, unit_join(dir, f->root, "dir"), "file");
	/* a new name in the root */
	expect_walk(f, "new", getpid(), false, f->root, "new");
	/* a trailing slash is kept on the name (mkdir "d/") */
	expect_walk(f, "dir/", getpid(), false, f->root, "dir/");
}

static void test_walk_follows_symlinked_directories(void **state)
{
	struct fixture *f = *state;
	char dir[PATH_MAX];

	unit_join(dir, f->root, "dir");
	/* relative and absolute symlinks in the middle of the path */
	expect_walk(f, "link/new", getpid(), false, dir, "new");
	expect_walk(f, "abs/new", getpid(), false, dir, "new");
	expect_walk(f, "link/../link/new", getpid(), false, dir, "new");
}

static void test_walk_last_symlink_only_when_asked(void **state)
{
	struct fixture *f = *state;

	/* open(O_CREAT) follows a dangling symlink to its target */
	expect_walk(f, "dangling", getpid(), true, f->root, "newname");
	/* mkdir, symlink, rename do not */
	expect_walk(f, "dangling", getpid(), false, f->root, "dangling");
}

static void test_walk_errors_as_the_kernel(void **state)
{
	struct fixture *f = *state;

	expect_walk_error(f, "", ENOENT);
	expect_walk_error(f, "missing/x", ENOENT);
	expect_walk_error(f, "dir/file/x", ENOTDIR);
	expect_walk_error(f, "loop1/x", ELOOP);
	expect_walk_error(f, "loop1", ELOOP);
}

static void test_walk_proc_self_is_the_callers(void **state)
{
	struct fixture *f = *state;
	char want[64];
	pid_t child = fork();
	int ws;

	assert_true(child >= 0);
	if (child == 0) {
		pause();
		_exit(0);
	}
	/* given another process: /proc/self is read as its /proc entry,
	 * directly and through a symlink (like /dev/stdout) */
	snprintf(want, sizeof(want), "/proc/%d/fd", (int)child);
	expect_walk(f, "/proc/self/fd/1", child, true, want, "1");
	expect_walk(f, "out", child, true, want, "1");
	expect_walk(f, "/proc/thread-self/fd/2", child, true, want, "2");
	kill(child, SIGKILL);
	waitpid(child, &ws, 0);
}

static void test_check_protected_paths(void **state)
{
	struct jail_strlist list = { 0 };

	(void)state;
	assert_int_equal(jail_strlist_add(&list, "/w/.envrc"), 0);
	assert_int_equal(jail_strlist_add(&list, "/w/gen/config.mk"), 0);
	/* the path itself and anything beneath it */
	assert_non_null(jail_guard_check(&list, "/w/.envrc", false));
	assert_non_null(jail_guard_check(&list, "/w/.envrc/x", false));
	/* component boundaries */
	assert_null(jail_guard_check(&list, "/w/.envrc2", false));
	assert_null(jail_guard_check(&list, "/w/gen", false));
	/* ancestors only when asked (symlink and rename targets) */
	assert_non_null(jail_guard_check(&list, "/w/gen", true));
	assert_null(jail_guard_check(&list, "/w/other", true));
	jail_strlist_free(&list);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_walk_plain_path),
		T(test_walk_follows_symlinked_directories),
		T(test_walk_last_symlink_only_when_asked),
		T(test_walk_errors_as_the_kernel),
		T(test_walk_proc_self_is_the_callers),
		cmocka_unit_test(test_check_protected_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
