/* SPDX-License-Identifier: MIT */
/*
 * caps.h - a jailed root is no stronger than a jailed user.
 */
#ifndef JAIL_CAPS_H
#define JAIL_CAPS_H

#include "error.h"

/*
 * Drop every capability of the calling thread for good: lock securebits
 * (no root fix-up on exec, no ambient raise), empty the bounding and
 * ambient sets, then clear the effective, permitted and inheritable sets.
 * Without CAP_SETPCAP (an ordinary user) only the last two steps apply;
 * no_new_privs already keeps exec from granting anything.
 * Returns 0 or a negative errno with ERR filled.
 */
int jail_caps_drop(struct jail_error *err);

#endif
