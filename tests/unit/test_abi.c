/* SPDX-License-Identifier: MIT */
/*
 * test_abi.c - lib/abi.c: the Landlock ABI downgrade table and the gaps a
 * policy has on a given (fake) kernel.
 */
#include "unit.h"

#include "abi.h"
#include "landlock_uapi.h"
#include "mountns.h"
#include "policy.h"

#define FS_V1 ((JAIL_LL_FS_MAKE_SYM << 1) - 1)

struct rights_case {
	int abi;
	uint64_t fs, net, scopes;
};

static const struct rights_case rights_cases[] = {
	{ -1, 0, 0, 0 },
	{ 0, 0, 0, 0 },
	{ 1, FS_V1, 0, 0 },
	{ 2, FS_V1 | JAIL_LL_FS_REFER, 0, 0 },
	{ 3, FS_V1 | JAIL_LL_FS_REFER | JAIL_LL_FS_TRUNCATE, 0, 0 },
	{ 4, FS_V1 | JAIL_LL_FS_REFER | JAIL_LL_FS_TRUNCATE,
	  JAIL_LL_NET_BIND_TCP | JAIL_LL_NET_CONNECT_TCP, 0 },
	{ 5, 0xffff, JAIL_LL_NET_BIND_TCP | JAIL_LL_NET_CONNECT_TCP, 0 },
	{ 6, 0xffff, 3, JAIL_LL_SCOPE_ABSTRACT_UNIX_SOCKET | JAIL_LL_SCOPE_SIGNAL },
	{ 7, 0xffff, 3, 3 },
	{ 8, 0xffff, 3, 3 },
	{ 9, 0xffff, 3, 3 },
};

static void test_abi_rights_table(void **state)
{
	(void)state;
	/* given each ABI from none to newer than we know */
	for (size_t i = 0; i < sizeof(rights_cases) / sizeof(rights_cases[0]); i++) {
		const struct rights_case *c = &rights_cases[i];

		/* when asked what it can handle */
		/* then rights only grow, and stop growing at the newest known */
		if (jail_abi_fs_rights(c->abi) != c->fs ||
		    jail_abi_net_rights(c->abi) != c->net ||
		    jail_abi_scopes(c->abi) != c->scopes)
			fail_msg("ABI %d: fs %#llx net %#llx scopes %#llx", c->abi,
				 (unsigned long long)jail_abi_fs_rights(c->abi),
				 (unsigned long long)jail_abi_net_rights(c->abi),
				 (unsigned long long)jail_abi_scopes(c->abi));
	}
	assert_int_equal(FS_V1, 0x1fff);
}

static void test_control_table_consistent(void **state)
{
	size_t n = 0;

	(void)state;
	/* given the control table */
	for (const struct jail_control *c = jail_controls; c->name; c++, n++) {
		/* then every entry is complete and names a Linux version */
		assert_non_null(c->what);
		assert_non_null(c->linux);
		assert_non_null(c->needed);
		assert_true(c->min_abi == JAIL_ABI_MOUNTNS ||
			    (c->min_abi >= 0 && c->min_abi <= 6));
	}
	assert_int_equal(n, 9);
}

static void test_control_enforced(void **state)
{
	struct jail_kernel k = { .landlock_abi = 3, .seccomp = false,
				 .mountns = JAIL_MOUNTNS_USERNS };

	(void)state;
	/* given a kernel with ABI 3, no seccomp, a user-namespace mount view */
	for (const struct jail_control *c = jail_controls; c->name; c++) {
		/* when each control is checked */
		/* then Landlock ones follow the ABI, seccomp follows seccomp,
		 * the mount namespace follows the probe */
		if (c->min_abi == JAIL_ABI_MOUNTNS)
			assert_true(jail_control_enforced(c, &k));
		else if (c->min_abi == 0)
			assert_false(jail_control_enforced(c, &k));
		else
			assert_int_equal(jail_control_enforced(c, &k), c->min_abi <= 3);
	}
}

struct fixture {
	struct jail_policy p;
	struct jail_strlist gaps;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	jail_policy_init(&f->p);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	jail_policy_free(&f->p);
	jail_strlist_free(&f->gaps);
	free(f);
	return 0;
}

/* The gap line for control NAME, or NULL. */
static const char *gap(const struct fixture *f, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < f->gaps.n; i++)
		if (strncmp(f->gaps.v[i], name, n) == 0 && f->gaps.v[i][n] == ' ')
			return f->gaps.v[i];
	return NULL;
}

static void assert_has(const char *line, const char *text)
{
	assert_non_null(line);
	if (strstr(line, text) == NULL)
		fail_msg("'%s' does not say '%s'", line, text);
}

static void test_abi_gaps_abi0_not_built(void **state)
{
	struct fixture *f = *state;
	struct jail_kernel k = { .landlock_abi = 0, .landlock_errno = ENOSYS,
				 .seccomp = true,
				 .mountns = JAIL_MOUNTNS_ROOT };

	/* given the default policy on a kernel without Landlock */
	/* when its gaps are listed */
	assert_int_equal(jail_abi_gaps(&f->p, &k, &f->gaps), 4);
	/* then each Landlock control it needs is named with ABI and Linux */
	assert_int_equal(f->gaps.n, 4);
	assert_has(gap(f, "filesystem"), "needs Landlock ABI 1 (Linux 5.13)");
	assert_has(gap(f, "truncate"), "needs Landlock ABI 3 (Linux 6.2)");
	assert_has(gap(f, "ioctl-dev"), "needs Landlock ABI 5 (Linux 6.10)");
	assert_has(gap(f, "signal-scope"), "needs Landlock ABI 6 (Linux 6.12)");
	assert_has(gap(f, "filesystem"), "not built into this kernel");
	/* and controls it does not need, or the kernel has, are absent */
	assert_null(gap(f, "refer"));
	assert_null(gap(f, "tcp-ports"));
	assert_null(gap(f, "abstract-unix-scope"));
	assert_null(gap(f, "seccomp"));
}

static void test_abi_gaps_abi0_disabled_at_boot(void **state)
{
	struct fixture *f = *state;
	struct jail_kernel k = { .landlock_abi = 0, .landlock_errno = EOPNOTSUPP,
				 .seccomp = true,
				 .mountns = JAIL_MOUNTNS_ROOT };

	/* given a kernel with Landlock built but not enabled */
	/* when the gaps are listed */
	assert_int_equal(jail_abi_gaps(&f->p, &k, &f->gaps), 4);
	/* then the line says how to enable it */
	assert_has(gap(f, "filesystem"), "disabled at boot");
	assert_has(gap(f, "filesystem"), "lsm=");
}

static void test_abi_gaps_abi2(void **state)
{
	struct fixture *f = *state;
	struct jail_kernel k = { .landlock_abi = 2, .seccomp = true,
				 .mountns = JAIL_MOUNTNS_ROOT };

	/* given the default policy on ABI 2 */
	/* when the gaps are listed */
	assert_int_equal(jail_abi_gaps(&f->p, &k, &f->gaps), 3);
	/* then truncate, ioctl-dev and signal-scope are missing, with the
	 * kernel's ABI named */
	assert_null(gap(f, "filesystem"));
	assert_has(gap(f, "truncate"), "Linux 6.2");
	assert_has(gap(f, "truncate"), "this kernel has ABI 2");
	assert_has(gap(f, "ioctl-dev"), "Linux 6.10");
	assert_has(gap(f, "signal-scope"), "Linux 6.12");
}

static void test_abi_gaps_abi3_tcp_ports(void **state)
{
	struct fixture *f = *state;
	struct jail_kernel k = { .landlock_abi = 3, .seccomp = true,
				 .mountns = JAIL_MOUNTNS_ROOT };

	/* given connect:80 on ABI 3 */
	assert_int_equal(jail_policy_add_net(&f->p, "connect:80", NULL, NULL), 0);
	/* when the gaps are listed */
	assert_int_equal(jail_abi_gaps(&f->p, &k, &f->gaps), 3);
	/* then TCP port control is a gap naming ABI 4 / Linux 6.7 */
	assert_has(gap(f, "tcp-ports"), "needs Landlock ABI 4 (Linux 6.7); this kernel has ABI 3");
	assert_null(gap(f, "truncate"));
	assert_non_null(gap(f, "ioctl-dev"));
	assert_non_null(gap(f, "signal-scope"));
}

static void test_abi_gaps_abi3_all_needs_no_ports(void **state)
{
	struct fixture *f = *state;
	struct jail_kernel k = { .landlock_abi = 3, .seccomp = true,
				 .mountns = JAIL_MOUNTNS_ROOT };

	/* given connect:80 and all on ABI 3 */
	assert_int_equal(jail_policy_add_net(&f->p, "connect:80", NULL, NULL), 0);
	assert_int_equal(jail_policy_add_net(&f->p, "all", NULL, NULL), 0);
	/* when the gaps are listed */
	assert_int_equal(jail_abi_gaps(&f->p, &k, &f->gaps), 3);
	/* then no port control is needed, but abstract unix scoping is */
	assert_null(gap(f, "tcp-ports"));
	assert_has(gap(f, "abstract-unix-scope"), "Linux 6.12");
}

static void test_abi_gaps_abi5_unix(void **state)
{
	struct fixture *f = *state;
	struct jail_kernel k = { .landlock_abi = 5, .seccomp = true,
				 .mountns = JAIL_MOUNTNS_ROOT };

	/* given unix sockets allowed on ABI 5 */
	assert_int_equal(jail_policy_add_net(&f->p, "unix", NULL, NULL), 0);
	/* when the gaps are listed */
	assert_int_equal(jail_abi_gaps(&f->p, &k, &f->gaps), 2);
	/* then only the two ABI 6 scopes are missing */
	assert_has(gap(f, "signal-scope"), "needs Landlock ABI 6 (Linux 6.12); this kernel has ABI 5");
	assert_has(gap(f, "abstract-unix-scope"), "this kernel has ABI 5");
}

static void test_abi_gaps_abi6_none(void **state)
{
	struct fixture *f = *state;
	struct jail_kernel k = { .landlock_abi = 6, .seccomp = true,
				 .mountns = JAIL_MOUNTNS_ROOT };

	/* given every grant on ABI 6 with seccomp */
	assert_int_equal(jail_policy_add_net(&f->p, "unix", NULL, NULL), 0);
	assert_int_equal(jail_policy_add_net(&f->p, "connect:443", NULL, NULL), 0);
	/* when the gaps are listed */
	/* then there are none */
	assert_int_equal(jail_abi_gaps(&f->p, &k, &f->gaps), 0);
	assert_int_equal(f->gaps.n, 0);
}

static void test_abi_gaps_no_seccomp(void **state)
{
	struct fixture *f = *state;
	struct jail_kernel k = { .landlock_abi = 6, .seccomp = false,
				 .mountns = JAIL_MOUNTNS_ROOT };

	/* given a kernel with full Landlock but no seccomp filters */
	/* when the gaps are listed */
	assert_int_equal(jail_abi_gaps(&f->p, &k, &f->gaps), 1);
	/* then seccomp is the one gap, naming its Linux version */
	assert_has(gap(f, "seccomp"), "needs seccomp filters (Linux 3.5");
	assert_has(gap(f, "seccomp"), "socket families");
}

static void test_abi_gaps_no_mountns(void **state)
{
	struct fixture *f = *state;
	struct jail_kernel k = { .landlock_abi = 6, .seccomp = true,
				 .mountns = JAIL_MOUNTNS_NO };

	/* given a kernel with everything but a private mount view, and why */
	snprintf(k.mountns_why, sizeof(k.mountns_why), "%s",
		 "kernel.unprivileged_userns_clone is 0");
	/* when the gaps are listed */
	assert_int_equal(jail_abi_gaps(&f->p, &k, &f->gaps), 1);
	/* then the mount namespace is the one gap, with the reason */
	assert_has(gap(f, "mount-namespace"), "needs a private mount namespace");
	assert_has(gap(f, "mount-namespace"), "unprivileged_userns_clone is 0");
}

static void test_kernel_probe_sane(void **state)
{
	struct jail_kernel k;

	(void)state;
	/* given this machine */
	/* when it is probed */
	jail_kernel_probe(&k);
	/* then the answer is self-consistent */
	assert_true(k.landlock_abi >= 0);
	if (k.landlock_abi == 0)
		assert_true(k.landlock_errno != 0);
	else
		assert_int_equal(k.landlock_errno, 0);
	if (k.mountns == JAIL_MOUNTNS_NO)
		assert_true(k.mountns_why[0] != '\0');
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abi_rights_table),
		cmocka_unit_test(test_control_table_consistent),
		cmocka_unit_test(test_control_enforced),
		T(test_abi_gaps_abi0_not_built),
		T(test_abi_gaps_abi0_disabled_at_boot),
		T(test_abi_gaps_abi2),
		T(test_abi_gaps_abi3_tcp_ports),
		T(test_abi_gaps_abi3_all_needs_no_ports),
		T(test_abi_gaps_abi5_unix),
		T(test_abi_gaps_abi6_none),
		T(test_abi_gaps_no_seccomp),
		T(test_abi_gaps_no_mountns),
		cmocka_unit_test(test_kernel_probe_sane),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
