/* SPDX-License-Identifier: MIT */
/*
 * setup.c - where jailsh's own setup time goes, phase by phase.
 *
 *   setup [-n RUNS]
 *
 * Each run forks a child that does what jailsh and its child do before
 * execve (policy from the environment + defaults, kernel probe, private
 * TMPDIR, environment, hide plan, private mount view, Landlock ruleset,
 * capabilities, seccomp filter) with clock_gettime around each phase, and
 * reports the times to the parent through a pipe. Children are needed:
 * Landlock and seccomp are irreversible. Medians over RUNS are printed as
 * "PHASE<TAB>MEDIAN_US", then a few counts.
 *
 * The filter measured is the one jailsh loads: jail_filter_load_notify with
 * the enforce kind (refused sockets are reported to the supervisor), the
 * program precompiled at build time (build/filter_bpf.c). For comparison,
 * a separate child times what building it with libseccomp
 * (lib/filter_rules.c, now run only at build time) cost per command.
 */
#include <errno.h>
#include <limits.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"
#include "caps.h"
#include "context.h"
#include "env.h"
#include "fds.h"
#include "filter.h"
#include "filter_rules.h"
#include "hide.h"
#include "landlock.h"
#include "mountns.h"
#include "policy.h"
#include "tmpdir.h"

extern char **environ;

/* What jailsh's child does (lib/spawn.c): the filter with a listener. */
static int filter_load(const struct jail_policy *p, struct jail_error *err)
{
	int listener = -1;
	int rc = jail_filter_load_notify(p, JAIL_FILTER_ENFORCE, &listener, err);

	if (listener >= 0)
		close(listener);
	return rc;
}

enum phase {
	P_POLICY, P_PROBE, P_TMPDIR, P_ENV, P_HIDE_PLAN, P_HIDE_ALL, P_FDS, P_MOUNTNS,
	P_NNP, P_LANDLOCK, P_CAPS, P_FILTER, P_TMPDIR_RM, P_TOTAL,
	P_FILTER_GEN, P_SYSCALL_PLAIN, P_SYSCALL_FILTERED,
	NPHASE
};

static const char *const phase_name[NPHASE] = {
	"policy (env + defaults)", "kernel probe", "tmpdir create",
	"env build", "hide plan walk only",
	"hide plan walk, every configured hidden path (as before)", "close fds",
	"private mount view (mountns)", "no_new_privs",
	"landlock ruleset + restrict (incl. hide plan)", "caps drop",
	"seccomp load with listener (precompiled, as jailsh)", "tmpdir remove",
	"total in-process setup",
	"seccomp generate with libseccomp (per command before; export, no load)",
	"1000 getppid() unfiltered",
	"1000 getppid() filtered",
};

static unsigned grants, grants_all, hidden_all, hidden_present;

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int count_grant(const char *path, enum jail_grant_kind kind, void *ctx)
{
	(void)path;
	(void)kind;
	(*(unsigned *)ctx)++;
	return 0;
}

static double syscalls_us(void)
{
	double t0 = now_us();

	for (int i = 0; i < 1000; i++)
		syscall(SYS_getppid);
	return now_us() - t0;
}

/* As lib/landlock.c: only hidden paths that exist shape the hide plan. */
static int existing(const struct jail_strlist *in, struct jail_strlist *out)
{
	struct stat st;

	for (size_t i = 0; i < in->n; i++)
		if (lstat(in->v[i], &st) == 0 && jail_strlist_add(out, in->v[i]) < 0)
			return -1;
	return 0;
}

/* The jailsh sequence with a clock around each phase; T gets the times. */
static int jail_phases(int keep_fd, double t[NPHASE])
{
	struct jail_policy p;
	struct jail_kernel k;
	struct jail_error err = { 0 };
	struct jail_strlist envp = { 0 }, hide = { 0 };
	struct jail_context c;
	struct jail_mountns_out view;
	char cwd[PATH_MAX], tmp[PATH_MAX];
	unsigned n = 0;
	double t0 = now_us(), start = t0, t1;

#define LAP(ph) (t1 = now_us(), t[ph] = t1 - t0, t0 = t1)
	if (!getcwd(cwd, sizeof(cwd)))
		return -1;
	jail_policy_init(&p);
	if (jail_policy_from_env(&p, cwd, &err) < 0 ||
	    jail_policy_finish(&p, cwd, getenv("HOME"), &err) < 0)
		return -1;
	LAP(P_POLICY);
	jail_kernel_probe(&k);
	LAP(P_PROBE);
	if (jail_tmpdir_create(NULL, tmp, &err) < 0)
		return -1;
	LAP(P_TMPDIR);
	if (jail_env_build(&p, environ, tmp, &envp) < 0)
		return -1;
	LAP(P_ENV);
	if (existing(&p.hide, &hide) < 0)
		return -1;
	jail_hide_plan("/", &hide, count_grant, &n);
	hidden_all = p.hide.n;
	hidden_present = hide.n;
	jail_strlist_free(&hide);
	grants = n;
	LAP(P_HIDE_PLAN);
	n = 0;
	jail_hide_plan("/", &p.hide, count_grant, &n);
	grants_all = n;
	LAP(P_HIDE_ALL);
	c = (struct jail_context){ .policy = &p, .kernel = &k, .tmpdir = tmp,
				   .keep_fds = { keep_fd, -1, -1 } };
	if (jail_fds_close_except(c.keep_fds) < 0)
		return -1;
	LAP(P_FDS);
	if (jail_mountns_apply(&c, &view, &err) < 0)
		return -1;
	c.private_tmp = view.private_tmp;
	c.hidden_masked = view.hidden_masked;
	LAP(P_MOUNTNS);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	LAP(P_NNP);
	if (jail_landlock_apply(&c, &err) < 0)
		return -1;
	LAP(P_LANDLOCK);
	if (jail_caps_drop(&err) < 0)
		return -1;
	LAP(P_CAPS);
	t[P_SYSCALL_PLAIN] = syscalls_us();
	t0 = now_us();
	if (filter_load(&p, &err) < 0)
		return -1;
	LAP(P_FILTER);
	t[P_SYSCALL_FILTERED] = syscalls_us();
	t0 = now_us();
	jail_tmpdir_remove(tmp);
	LAP(P_TMPDIR_RM);
	t[P_TOTAL] = t0 - start - t[P_HIDE_PLAN] - t[P_HIDE_ALL]
		     - t[P_SYSCALL_PLAIN] - t[P_SYSCALL_FILTERED];
#undef LAP
	jail_strlist_free(&envp);
	jail_policy_free(&p);
	return 0;
}

/* Building the filter with libseccomp, what jailsh did per command before
 * the programs were precompiled (lib/gen/mkfilter.c does it at build time). */
static int filter_phases(double t[NPHASE])
{
	struct sock_filter *insns = NULL;
	size_t len = 0;
	double t0 = now_us();

	if (jail_filter_rules_export(JAIL_FILTER_ENFORCE, 0, &insns, &len) < 0)
		return -1;
	t[P_FILTER_GEN] = now_us() - t0;
	free(insns);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One child run of FN; its times arrive through a pipe. */
static int one_run(int which, double t[NPHASE])
{
	int fds[2], status;
	unsigned counts[4];
	pid_t pid;

	char base[] = "/tmp/jail-bench.XXXXXX";

	memset(t, 0, sizeof(double) * NPHASE);
	/* The jailed child cannot remove its TMPDIR from /tmp (as jailsh's
	 * unjailed parent does): make it inside a base we remove here. */
	if (mkdtemp(base) == NULL || setenv("TMPDIR", base, 1) < 0)
		return -1;
	if (pipe(fds) < 0) {
		jail_tmpdir_remove(base);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		int rc = which == 0 ? jail_phases(fds[1], t) : filter_phases(t);

		if (rc == 0 && write(fds[1], t, sizeof(double) * NPHASE) < 0)
			_exit(1);
		counts[0] = grants;
		counts[1] = hidden_all;
		counts[2] = hidden_present;
		counts[3] = grants_all;
		if (which == 0 && rc == 0 &&
		    write(fds[1], counts, sizeof(counts)) < 0)
			_exit(1);
		_exit(rc == 0 ? 0 : 1);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], t, sizeof(double) * NPHASE) !=
	    (ssize_t)(sizeof(double) * NPHASE))
		status = -1;
	else if (which == 0 && read(fds[0], counts, sizeof(counts)) !=
		 (ssize_t)sizeof(counts))
		status = -1;
	else
		status = 0;
	if (which == 0 && status == 0) {
		grants = counts[0];
		hidden_all = counts[1];
		hidden_present = counts[2];
		grants_all = counts[3];
	}
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	jail_tmpdir_remove(base);
	return status;
}

int main(int argc, char **argv)
{
	int runs = argc > 2 && strcmp(argv[1], "-n") == 0 ? atoi(argv[2]) : 200;
	double *s[NPHASE], t[NPHASE];
	struct jail_kernel k;

	if (runs < 1)
		return 2;
	jail_kernel_probe(&k);
	printf("landlock ABI\t%d\n", k.landlock_abi);
	for (int i = 0; i < NPHASE; i++)
		s[i] = calloc(runs, sizeof(double));
	for (int r = 0; r < runs; r++) {
		/* Alternate the two kinds of child run. */
		if (one_run(0, t) < 0) {
			fprintf(stderr, "setup: a jailed child failed (is Landlock available?)\n");
			return 1;
		}
		for (int i = 0; i < P_FILTER_GEN; i++)
			s[i][r] = t[i];
		s[P_SYSCALL_PLAIN][r] = t[P_SYSCALL_PLAIN];
		s[P_SYSCALL_FILTERED][r] = t[P_SYSCALL_FILTERED];
		if (one_run(1, t) < 0) {
			fprintf(stderr, "setup: the filter child failed\n");
			return 1;
		}
		s[P_FILTER_GEN][r] = t[P_FILTER_GEN];
	}
	for (int i = 0; i < NPHASE; i++) {
		qsort(s[i], runs, sizeof(double), cmp_double);
		printf("%s\t%.1f\n", phase_name[i], s[i][runs / 2]);
		free(s[i]);
	}
	printf("hidden paths present (of configured)\t%u of %u\n",
	       hidden_present, hidden_all);
	printf("hide plan grants\t%u\n", grants);
	printf("hide plan grants, every configured hidden path (as before)\t%u\n",
	       grants_all);
	printf("precompiled BPF instructions\t%u\n",
	       (unsigned)jail_filter_table[JAIL_FILTER_ENFORCE][0].len);
	return 0;
}
