/* SPDX-License-Identifier: MIT */
/*
 * fds.h - inherited file descriptors and make's jobserver.
 */
#ifndef JAIL_FDS_H
#define JAIL_FDS_H

#include <limits.h>

struct jail_jobserver {
	int read_fd, write_fd;       /* make 4.3 pipe, -1 when absent */
	char fifo[PATH_MAX];         /* make 4.4 named FIFO, "" when absent */
};

/*
 * Parse --jobserver-auth=R,W / --jobserver-fds=R,W / --jobserver-auth=fifo:P
 * from MAKEFLAGS (may be NULL). Pipe fds are kept only when open; a FIFO
 * only when the path is a FIFO. Never fails.
 */
void jail_jobserver_parse(const char *makeflags, struct jail_jobserver *js);

/*
 * Close every descriptor above 2 except the (up to 3) in KEEP (-1 = none).
 * Returns 0 or a negative errno.
 */
int jail_fds_close_except(const int keep[3]);

#endif
