/* SPDX-License-Identifier: MIT */
/*
 * test_filter.c - lib/filter.c and its precompiled programs: every entry
 * of jail_filter_table is, byte for byte, what libseccomp builds now from
 * lib/filter_rules.c (a stale build/filter_bpf.c fails here), and the
 * loader's contract (errnos, listener, one listener per chain) holds in
 * forked children.
 */
#include "unit.h"

#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "filter.h"
#include "filter_rules.h"

static const char *const kind_name[JAIL_FILTER_KINDS] = {
	"plain", "enforce", "learn", "guard",
};

static void assert_same_program(enum jail_filter_kind kind, unsigned net)
{
	const struct jail_filter_prog *pre = &jail_filter_table[kind][net];
	struct sock_filter *built = NULL;
	size_t len = 0;

	/* when libseccomp builds the same kind and network bits now */
	assert_int_equal(jail_filter_rules_export(kind, net, &built, &len), 0);
	/* then the precompiled program is the same, instruction for instruction */
	if (pre->len != len || memcmp(pre->insns, built, len * sizeof(*built)) != 0)
		fail_msg("the precompiled %s filter for net bits %u differs from "
			 "libseccomp's (%u against %zu instructions): remove build/filter_bpf.c and run make",
			 kind_name[kind], net, pre->len, len);
	free(built);
}

static void test_filter_table_plain_matches_libseccomp(void **state)
{
	(void)state;
	/* given every combination of the network bits */
	for (unsigned net = 0; net < JAIL_FILTER_NETS; net++)
		assert_same_program(JAIL_FILTER_PLAIN, net);
}

static void test_filter_table_enforce_matches_libseccomp(void **state)
{
	(void)state;
	for (unsigned net = 0; net < JAIL_FILTER_NETS; net++)
		assert_same_program(JAIL_FILTER_ENFORCE, net);
}

static void test_filter_table_learn_matches_libseccomp(void **state)
{
	(void)state;
	for (unsigned net = 0; net < JAIL_FILTER_NETS; net++)
		assert_same_program(JAIL_FILTER_LEARN, net);
}

static void test_filter_table_guard_matches_libseccomp(void **state)
{
	(void)state;
	for (unsigned net = 0; net < JAIL_FILTER_NETS; net++)
		assert_same_program(JAIL_FILTER_GUARD, net);
}

static void test_filter_table_kinds_differ(void **state)
{
	const struct jail_filter_prog *plain = &jail_filter_table[JAIL_FILTER_PLAIN][0];
	const struct jail_filter_prog *enforce = &jail_filter_table[JAIL_FILTER_ENFORCE][0];
	const struct jail_filter_prog *none = plain;
	const struct jail_filter_prog *all = &jail_filter_table[JAIL_FILTER_PLAIN][JAIL_NET_ALL];

	(void)state;
	/* given the default network policy: the plain and enforce programs
	 * differ (refused sockets: errno against the listener) */
	assert_int_equal(plain->len, enforce->len);
	assert_memory_not_equal(plain->insns, enforce->insns,
				plain->len * sizeof(struct sock_filter));
	/* and no network differs from every network */
	assert_true(none->len != all->len ||
		    memcmp(none->insns, all->insns, none->len * sizeof(struct sock_filter)) != 0);
}

static void test_filter_rules_export_bad_input(void **state)
{
	struct sock_filter dummy, *insns = &dummy;
	size_t len = 1;

	(void)state;
	/* when the kind or the network bits are out of range */
	assert_int_equal(jail_filter_rules_export(JAIL_FILTER_KINDS, 0, &insns, &len), -EINVAL);
	assert_null(insns);
	assert_int_equal(len, 0);
	assert_int_equal(jail_filter_rules_export(JAIL_FILTER_PLAIN, 8, &insns, &len), -EINVAL);
	assert_null(insns);
}

/* Run FN in a forked child with no_new_privs; returns its exit status. */
static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			_exit(100);
		_exit(fn());
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* The plain filter, default network: inet refused with EACCES, a unix
 * socketpair allowed. */
static int plain_child(void)
{
	struct jail_policy p = { .net = 0 };
	int sv[2];

	if (socket(AF_INET, SOCK_STREAM, 0) < 0)
		return 1;   /* control: allowed before the filter */
	if (jail_filter_load(&p, NULL) < 0)
		return 2;
	if (socket(AF_INET, SOCK_STREAM, 0) >= 0 || errno != JAIL_FILTER_SOCKET_ERRNO)
		return 3;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return 4;
	return 0;
}

static void test_filter_load_plain_refuses_inet(void **state)
{
	(void)state;
	/* when the plain filter is loaded in a child, then it refuses inet */
	assert_int_equal(in_child(plain_child), 0);
}

/* Notify kinds: a listener fd; a second listener in the chain is EBUSY
 * (lib/spawn.c falls back to the plain filter on it); PLAIN is EINVAL. */
static int notify_child(void)
{
	struct jail_policy p = { .net = JAIL_NET_ALL };
	struct jail_error err = { 0 };
	int listener = 0, first = -1;

	if (jail_filter_load_notify(&p, JAIL_FILTER_PLAIN, &listener, &err) != -EINVAL ||
	    listener != -1)
		return 1;
	if (jail_filter_load_notify(&p, JAIL_FILTER_ENFORCE, &first, &err) < 0)
		return err.code == EBUSY ? 77 : 2;  /* already under a supervisor */
	if (first < 0 || fcntl(first, F_GETFD) < 0)
		return 3;
	/* the first listener is still open, as a supervisor holds it */
	if (jail_filter_load_notify(&p, JAIL_FILTER_LEARN, &listener, &err) != -EBUSY ||
	    err.code != EBUSY || listener != -1)
		return 4;
	if (jail_filter_load(&p, &err) < 0)
		return 5;
	return 0;
}

static void test_filter_load_notify_listener(void **state)
{
	int rc;

	(void)state;
	rc = in_child(notify_child);
	if (rc == 77)
		skip();
	assert_int_equal(rc, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filter_table_plain_matches_libseccomp),
		cmocka_unit_test(test_filter_table_enforce_matches_libseccomp),
		cmocka_unit_test(test_filter_table_learn_matches_libseccomp),
		cmocka_unit_test(test_filter_table_guard_matches_libseccomp),
		cmocka_unit_test(test_filter_table_kinds_differ),
		cmocka_unit_test(test_filter_rules_export_bad_input),
		cmocka_unit_test(test_filter_load_plain_refuses_inet),
		cmocka_unit_test(test_filter_load_notify_listener),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
