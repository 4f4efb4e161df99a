/* SPDX-License-Identifier: MIT */
/*
 * filter_rules.h - the seccomp filter's rules, with libseccomp. Used at
 * build time by lib/gen/mkfilter.c (which writes the precompiled programs
 * lib/filter.c loads) and by the tests that check those programs; the
 * jail itself never calls these, so jailsh does not link libseccomp.
 */
#ifndef JAIL_FILTER_RULES_H
#define JAIL_FILTER_RULES_H

#include <stddef.h>

#include "filter.h"

/* The libseccomp API level the programs are generated for: user
 * notification and SCMP_ACT_KILL_PROCESS, whatever the build kernel has. */
#define JAIL_FILTER_API_LEVEL 5

/*
 * Build with libseccomp the filter of KIND for the network bits NET (see
 * JAIL_FILTER_NET_BITS) and export its BPF program: *INSNS gets a malloc'd
 * array (the caller frees it), *LEN its instruction count. Nothing is
 * loaded. Returns 0 or a negative errno (-ENOMEM, -EINVAL, or what
 * libseccomp returned).
 */
int jail_filter_rules_export(enum jail_filter_kind kind, unsigned net,
			     struct sock_filter **insns, size_t *len);

#endif
