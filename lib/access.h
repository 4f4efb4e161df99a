/* SPDX-License-Identifier: MIT */
/*
 * access.h - decode a notified syscall into the accesses it attempts:
 * which syscalls are watched, their arguments read from the caller's
 * memory, paths resolved against its working directory or dirfd.
 * Internal to notify.c; separate so the decoding can be tested alone.
 */
#ifndef JAIL_ACCESS_H
#define JAIL_ACCESS_H

#include <linux/seccomp.h>

#include "notify.h"

/* Watched syscalls, by libseccomp name; NULL-terminated. */
extern const char *const jail_access_file_calls[];
extern const char *const jail_access_net_calls[];

/*
 * Decode N into OUT (at most 2: a rename removes and creates).
 * Returns how many accesses were decoded (0: nothing to judge, such as a
 * failed memory read, an empty path or a file that does not exist).
 */
int jail_access_decode(const struct seccomp_notif *n, struct jail_access out[2]);

/* Read LEN bytes at ADDR in PID / a NUL-terminated string of at most
 * SIZE bytes. Return 0 or -1. */
int jail_access_read_mem(int pid, uint64_t addr, void *buf, size_t len);
int jail_access_read_string(int pid, uint64_t addr, char *buf, size_t size);

/* Is N a socket()/socketpair() call? */
bool jail_access_is_socket(const struct seccomp_notif *n);

#endif
