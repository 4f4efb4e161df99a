/* SPDX-License-Identifier: MIT */
/* jailsh.h - what jailsh's files share. */
#ifndef JAILSH_H
#define JAILSH_H

#include <stdio.h>

#include "error.h"
#include "policy.h"

#define JAILSH_VERSION "0.1.0"
/* Bumped whenever jail.so and jailsh must agree on something new. */
#define JAILSH_PROTOCOL 1

void jailsh_print_error(const struct jail_error *e);
/* --print-policy: the policy and, per control, whether it is enforced. */
int jailsh_print_policy(const struct jail_policy *p, FILE *out);
/* --check: try each class of escape in a jailed child. */
int jailsh_check(const struct jail_policy *p, FILE *out);

#endif
