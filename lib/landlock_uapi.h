/* SPDX-License-Identifier: MIT */
/*
 * landlock_uapi.h - the Landlock kernel interface, defined here in full.
 *
 * Distribution headers lag the kernel (Debian 12's stops before ABI 3), so
 * every constant is defined locally; the ABI is always probed at run time,
 * never inferred from these definitions or from uname.
 */
#ifndef JAIL_LANDLOCK_UAPI_H
#define JAIL_LANDLOCK_UAPI_H

#include <stdint.h>

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif
#ifndef __NR_landlock_add_rule
#define __NR_landlock_add_rule 445
#endif
#ifndef __NR_landlock_restrict_self
#define __NR_landlock_restrict_self 446
#endif

#define JAIL_LL_CREATE_RULESET_VERSION (1u << 0)
#define JAIL_LL_CREATE_RULESET_ERRATA  (1u << 1)

#define JAIL_LL_RULE_PATH_BENEATH 1
#define JAIL_LL_RULE_NET_PORT     2

#define JAIL_LL_FS_EXECUTE     (1ull << 0)
#define JAIL_LL_FS_WRITE_FILE  (1ull << 1)
#define JAIL_LL_FS_READ_FILE   (1ull << 2)
#define JAIL_LL_FS_READ_DIR    (1ull << 3)
#define JAIL_LL_FS_REMOVE_DIR  (1ull << 4)
#define JAIL_LL_FS_REMOVE_FILE (1ull << 5)
#define JAIL_LL_FS_MAKE_CHAR   (1ull << 6)
#define JAIL_LL_FS_MAKE_DIR    (1ull << 7)
#define JAIL_LL_FS_MAKE_REG    (1ull << 8)
#define JAIL_LL_FS_MAKE_SOCK   (1ull << 9)
#define JAIL_LL_FS_MAKE_FIFO   (1ull << 10)
#define JAIL_LL_FS_MAKE_BLOCK  (1ull << 11)
#define JAIL_LL_FS_MAKE_SYM    (1ull << 12)
#define JAIL_LL_FS_REFER       (1ull << 13)
#define JAIL_LL_FS_TRUNCATE    (1ull << 14)
#define JAIL_LL_FS_IOCTL_DEV   (1ull << 15)

#define JAIL_LL_NET_BIND_TCP    (1ull << 0)
#define JAIL_LL_NET_CONNECT_TCP (1ull << 1)

#define JAIL_LL_SCOPE_ABSTRACT_UNIX_SOCKET (1ull << 0)
#define JAIL_LL_SCOPE_SIGNAL               (1ull << 1)

/* Always passed whole; the kernel accepts a larger struct whose unknown
 * tail is zero, and we zero what the probed ABI does not know. */
struct jail_ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

struct jail_ll_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

struct jail_ll_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

#endif
