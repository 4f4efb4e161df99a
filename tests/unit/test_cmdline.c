/* SPDX-License-Identifier: MIT */
/*
 * test_cmdline.c - lib/cmdline.c: which lines may be exec'd without
 * /bin/sh, and how they split into argv. A line wrongly judged simple would
 * run differently from sh, so the "not simple" table is the long one.
 */
#include "unit.h"

#include "cmdline.h"

struct simple_case {
	const char *line;
	const char *argv[8];       /* NULL-terminated; empty when not simple */
};

static const struct simple_case simple_cases[] = {
	{ "cc -c a.c -o a.o", { "cc", "-c", "a.c", "-o", "a.o", NULL } },
	{ "ar rcs lib.a x.o", { "ar", "rcs", "lib.a", "x.o", NULL } },
	{ "  gcc\t-O2  -Wall\t", { "gcc", "-O2", "-Wall", NULL } },
	{ "cc", { "cc", NULL } },
	{ "/usr/bin/cc -DX=1 -I./inc", { "/usr/bin/cc", "-DX=1", "-I./inc", NULL } },
	{ "./configure --prefix=/usr", { "./configure", "--prefix=/usr", NULL } },
	{ "make -C sub A=1", { "make", "-C", "sub", "A=1", NULL } },
	{ "env A=1 cc", { "env", "A=1", "cc", NULL } },
	{ "ld -o a.out a.o -L/x -lfoo,bar@x+y%z:q", { "ld", "-o", "a.out", "a.o", "-L/x", "-lfoo,bar@x+y%z:q", NULL } },
	{ "/bin/echo hi", { "/bin/echo", "hi", NULL } },
	{ "/bin/true", { "/bin/true", NULL } },
	{ "cdx dir", { "cdx", "dir", NULL } },
	{ "exit2", { "exit2", NULL } },
};

static const char *const not_simple[] = {
	/* empty */
	"", " ", "\t \t",
	/* quoting and escapes */
	"cc 'a b.c'", "cc \"a.c\"", "cc a\\ b.c", "cc \\", "cc a.c\\",
	/* expansion */
	"cc $CFLAGS a.c", "cc ${X}", "cc `pwd`", "cc $(pwd)", "echo $$",
	/* redirection */
	"cc a.c > out", "cc < in", "cc 2>&1", "cc >>log", "cat <<EOF",
	/* operators */
	"a | b", "a || b", "a && b", "a; b", "a &", "a & b", "(cc)", "{ cc; }",
	"! cc",
	/* globs and tilde */
	"cc *.c", "cc a?.c", "cc [ab].c", "cc ~/x.c", "ls ~",
	/* assignments before the command */
	"A=1 cc", "A=1", "CC=gcc make",
	/* builtins and keywords as the first word */
	"cd dir", "echo hi", "exit 1", "export X", "true", "false", ":", ". ./env",
	"exec cc", "set -e", "test -f x", "[ -f x ]", "if", "for x in a", "while",
	"command -v cc", "eval cc", "source x", "unset X", "umask 022", "wait",
	"printf x", "read x", "pwd", "kill 1", "time cc", "trap x EXIT",
	/* comments, newlines and control characters */
	"# comment", "cc a.c # comment", "cc a.c\nrm -rf x", "cc\n", "cc\r",
	"cc\va", "cc\x01", "cc a.c\xc3\xa9",
};

static void test_cmdline_simple_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(simple_cases) / sizeof(simple_cases[0]); i++) {
		const struct simple_case *c = &simple_cases[i];
		struct jail_strlist av = { 0 };
		size_t n = 0;

		/* given a line of plain words */
		/* when it is judged and split */
		if (!jail_cmdline_simple(c->line, &av))
			fail_msg("'%s' judged not simple", c->line);
		/* then argv is exactly its words */
		while (c->argv[n])
			n++;
		assert_int_equal(av.n, n);
		for (size_t j = 0; j < n; j++)
			assert_string_equal(av.v[j], c->argv[j]);
		assert_null(av.v[n]);
		jail_strlist_free(&av);
		/* and it is judged the same without an argv */
		assert_true(jail_cmdline_simple(c->line, NULL));
	}
}

static void test_cmdline_not_simple_table(void **state)
{
	int wrong = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(not_simple) / sizeof(not_simple[0]); i++) {
		struct jail_strlist av = { 0 };

		/* given a line with shell syntax */
		/* when it is judged */
		/* then it goes to /bin/sh and no argv is produced */
		if (jail_cmdline_simple(not_simple[i], &av)) {
			print_error("'%s' judged simple\n", not_simple[i]);
			wrong++;
		}
		assert_int_equal(av.n, 0);
		jail_strlist_free(&av);
	}
	assert_int_equal(wrong, 0);
}

static void test_cmdline_simple_appends(void **state)
{
	struct jail_strlist av = { 0 };

	(void)state;
	/* given an argv that already holds a word */
	assert_int_equal(jail_strlist_add(&av, "pre"), 0);
	/* when a simple line is split into it */
	assert_true(jail_cmdline_simple("cc x.c", &av));
	/* then the words are appended */
	assert_int_equal(av.n, 3);
	assert_string_equal(av.v[0], "pre");
	assert_string_equal(av.v[2], "x.c");
	jail_strlist_free(&av);
}

static void test_cmdline_simple_huge_word(void **state)
{
	struct jail_strlist av = { 0 };
	char *line = malloc(5010);

	(void)state;
	/* given a line whose second word is longer than the split buffer */
	assert_non_null(line);
	memcpy(line, "cc ", 3);
	memset(line + 3, 'a', 5000);
	line[5003] = '\0';
	/* when it is judged */
	/* then it is left to /bin/sh rather than cut */
	assert_false(jail_cmdline_simple(line, &av));
	/* but judged alone, without splitting, it is plain words */
	assert_true(jail_cmdline_simple(line, NULL));
	jail_strlist_free(&av);
	free(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmdline_simple_table),
		cmocka_unit_test(test_cmdline_not_simple_table),
		cmocka_unit_test(test_cmdline_simple_appends),
		cmocka_unit_test(test_cmdline_simple_huge_word),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
