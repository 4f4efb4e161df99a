/* SPDX-License-Identifier: MIT */
/* caps.c - dropping capabilities; see caps.h. */
#include <errno.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sys/prctl.h>

#include "caps.h"
#include "sys.h"

#define ALL_SECUREBITS (SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | \
	SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED | \
	SECBIT_KEEP_CAPS_LOCKED | SECBIT_NO_CAP_AMBIENT_RAISE | \
	SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED)

static int drop_bounding_set(struct jail_error *err)
{
	for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++) {
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0)
			return jail_error_set(err, errno, NULL, NULL,
					      "cannot drop capability %d from the bounding set", cap);
	}
	return 0;
}

int jail_caps_drop(struct jail_error *err)
{
	int rc;

	if (prctl(PR_CAPBSET_READ, CAP_SETPCAP, 0, 0, 0) == 1 &&
	    prctl(PR_SET_SECUREBITS, ALL_SECUREBITS, 0, 0, 0) == 0) {
		rc = drop_bounding_set(err);
		if (rc < 0)
			return rc;
	}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 &&
	    errno != EINVAL)
		return jail_error_set(err, errno, NULL, NULL,
				      "cannot clear the ambient capabilities");
	if (jail_sys_capset_zero() < 0)
		return jail_error_set(err, errno, NULL, NULL,
				      "cannot clear the capability sets");
	return 0;
}
