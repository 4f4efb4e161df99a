/* SPDX-License-Identifier: MIT */
/*
 * prebpf.c - prototype: jailsh's seccomp filter from a precompiled BPF.
 *
 * Linked into a bench-only jailsh variant with
 * -Wl,--wrap=jail_filter_load_notify, it takes the place of the libseccomp
 * build in lib/filter.c. JAIL_BENCH_BPF_PATH (set at compile time) is the
 * default policy's filter (enforce rules, with a listener) as libseccomp
 * built it, exported once by `setup --export`. Only the default network
 * policy (none) and the enforce rules are supported: anything else fails
 * closed. Not for use outside the benchmark.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "filter.h"

#ifndef JAIL_BENCH_BPF_PATH
#error "define JAIL_BENCH_BPF_PATH"
#endif

int __wrap_jail_filter_load_notify(const struct jail_policy *p,
				   enum jail_filter_kind kind, int *listener,
				   struct jail_error *err);

int __wrap_jail_filter_load_notify(const struct jail_policy *p,
				   enum jail_filter_kind kind, int *listener,
				   struct jail_error *err)
{
	static struct sock_filter insns[4096];
	struct sock_fprog prog = { .filter = insns };
	int fd = -1;
	ssize_t n = -1;

	if (p->net != 0 || kind != JAIL_FILTER_ENFORCE)
		return jail_error_set(err, EINVAL, NULL, NULL,
				      "the precompiled filter prototype has only the default policy");
	fd = open(JAIL_BENCH_BPF_PATH, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		n = read(fd, insns, sizeof(insns));
	if (fd >= 0)
		close(fd);
	if (n <= 0 || n % sizeof(struct sock_filter) != 0)
		return jail_error_set(err, EIO, JAIL_BENCH_BPF_PATH, NULL,
				      "cannot read the precompiled filter");
	prog.len = n / sizeof(struct sock_filter);
	*listener = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (*listener < 0)
		return jail_error_set(err, errno, NULL, NULL,
				      "cannot load the precompiled filter");
	return 0;
}
