/* SPDX-License-Identifier: MIT */
/* test_strlist.c - lib/strlist.c: growable NULL-terminated string arrays. */
#include "unit.h"

#include "strlist.h"

static void test_strlist_add_copies_and_terminates(void **state)
{
	struct jail_strlist l = { 0 };
	char buf[] = "first";

	(void)state;
	/* given an empty list and a caller's buffer */
	/* when the buffer is added and then changed */
	assert_int_equal(jail_strlist_add(&l, buf), 0);
	buf[0] = 'X';
	/* then the list holds its own copy, NULL-terminated */
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0], "first");
	assert_null(l.v[1]);
	jail_strlist_free(&l);
}

static void test_strlist_add_grows(void **state)
{
	struct jail_strlist l = { 0 };
	char s[16];

	(void)state;
	/* given an empty list */
	/* when many strings are added */
	for (int i = 0; i < 1000; i++) {
		snprintf(s, sizeof(s), "s%d", i);
		assert_int_equal(jail_strlist_add(&l, s), 0);
		/* then it is NULL-terminated after every add */
		assert_null(l.v[l.n]);
	}
	/* and every string is in place, in order */
	assert_int_equal(l.n, 1000);
	assert_string_equal(l.v[0], "s0");
	assert_string_equal(l.v[999], "s999");
	assert_true(l.cap > l.n);
	jail_strlist_free(&l);
}

static void test_strlist_add_keeps_duplicates(void **state)
{
	struct jail_strlist l = { 0 };

	(void)state;
	/* given a list holding "a" */
	assert_int_equal(jail_strlist_add(&l, "a"), 0);
	/* when "a" is added again with add */
	assert_int_equal(jail_strlist_add(&l, "a"), 0);
	/* then it is there twice; empty strings are strings too */
	assert_int_equal(jail_strlist_add(&l, ""), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2], "");
	jail_strlist_free(&l);
}

static void test_strlist_add_unique_skips(void **state)
{
	struct jail_strlist l = { 0 };

	(void)state;
	/* given a list holding "a" and "b" */
	assert_int_equal(jail_strlist_add_unique(&l, "a"), 0);
	assert_int_equal(jail_strlist_add_unique(&l, "b"), 0);
	/* when "a" is added again, and "A" */
	assert_int_equal(jail_strlist_add_unique(&l, "a"), 0);
	assert_int_equal(jail_strlist_add_unique(&l, "A"), 0);
	/* then "a" is there once and case matters */
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2], "A");
	jail_strlist_free(&l);
}

static void test_strlist_contains(void **state)
{
	struct jail_strlist l = { 0 };

	(void)state;
	/* given an empty list */
	/* then it contains nothing */
	assert_false(jail_strlist_contains(&l, ""));
	assert_false(jail_strlist_contains(&l, "a"));
	/* given "/a/b" */
	assert_int_equal(jail_strlist_add(&l, "/a/b"), 0);
	/* then only the exact string is contained */
	assert_true(jail_strlist_contains(&l, "/a/b"));
	assert_false(jail_strlist_contains(&l, "/a"));
	assert_false(jail_strlist_contains(&l, "/a/b/"));
	jail_strlist_free(&l);
}

static void test_strlist_free_reusable(void **state)
{
	struct jail_strlist l = { 0 };

	(void)state;
	/* given a list with entries */
	assert_int_equal(jail_strlist_add(&l, "x"), 0);
	/* when it is freed, twice */
	jail_strlist_free(&l);
	jail_strlist_free(&l);
	/* then it is empty and can be used again */
	assert_null(l.v);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.cap, 0);
	assert_int_equal(jail_strlist_add(&l, "y"), 0);
	assert_string_equal(l.v[0], "y");
	jail_strlist_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strlist_add_copies_and_terminates),
		cmocka_unit_test(test_strlist_add_grows),
		cmocka_unit_test(test_strlist_add_keeps_duplicates),
		cmocka_unit_test(test_strlist_add_unique_skips),
		cmocka_unit_test(test_strlist_contains),
		cmocka_unit_test(test_strlist_free_reusable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
