/* SPDX-License-Identifier: MIT */
/*
 * fds.c - descriptors a jailed command may inherit: 0-2 and the jobserver
 * named in MAKEFLAGS. Anything else (a socket the build tool had open, a
 * directory fd outside the writable roots) would outlive the jail's rules:
 * Landlock does not re-check descriptors opened before the jail.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fds.h"
#include "sys.h"

/* A jobserver descriptor is a pipe (FIFO); anything else is not kept. */
static int open_fd(long fd)
{
	struct stat st;

	return fd > 2 && fd < 65536 && fstat((int)fd, &st) == 0 &&
	       S_ISFIFO(st.st_mode) ? (int)fd : -1;
}

/* Scan one MAKEFLAGS word. The last jobserver word wins, as in make. */
static void parse_word(const char *w, size_t len, struct jail_jobserver *js)
{
	static const char *const keys[] = {
		"--jobserver-auth=", "--jobserver-fds=", NULL,
	};
	char value[PATH_MAX];

	for (size_t i = 0; keys[i]; i++) {
		size_t k = strlen(keys[i]);
		struct stat st;
		char *end;

		if (len <= k || strncmp(w, keys[i], k) != 0 ||
		    len - k >= sizeof(value))
			continue;
		memcpy(value, w + k, len - k);
		value[len - k] = '\0';
		/* This word replaces any earlier one, whichever its form. */
		js->read_fd = js->write_fd = -1;
		js->fifo[0] = '\0';
		if (strncmp(value, "fifo:", 5) == 0) {
			if (stat(value + 5, &st) == 0 && S_ISFIFO(st.st_mode))
				snprintf(js->fifo, sizeof(js->fifo), "%s", value + 5);
			continue;
		}
		js->read_fd = open_fd(strtol(value, &end, 10));
		js->write_fd = *end == ',' ? open_fd(strtol(end + 1, NULL, 10)) : -1;
	}
}

void jail_jobserver_parse(const char *makeflags, struct jail_jobserver *js)
{
	const char *p = makeflags;

	js->read_fd = js->write_fd = -1;
	js->fifo[0] = '\0';
	while (p && *p) {
		size_t len;

		while (*p == ' ')
			p++;
		len = strcspn(p, " ");
		parse_word(p, len, js);
		p += len;
	}
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int jail_fds_close_except(const int keep[3])
{
	int sorted[3];
	unsigned next = 3;

	memcpy(sorted, keep, sizeof(sorted));
	qsort(sorted, 3, sizeof(int), cmp_int);
	for (int i = 0; i < 3; i++) {
		if (sorted[i] < (int)next)
			continue;
		if (sorted[i] > (int)next &&
		    jail_sys_close_range(next, (unsigned)sorted[i] - 1, 0) < 0)
			return -errno;
		next = (unsigned)sorted[i] + 1;
	}
	if (jail_sys_close_range(next, ~0u, 0) < 0)
		return -errno;
	return 0;
}
