/* SPDX-License-Identifier: MIT */
/*
 * racer.c - try to win a race against a path check (the creation guard's
 * threat, lib/guard.h).
 *
 *   racer open|rename|mkdir NAME DECOY N
 *   racer openat2 NAME
 *
 * open|rename|mkdir: one thread flips a path buffer between NAME and DECOY
 * (same length) while the main thread makes the buffer's name N times.
 * A supervisor that checked the path and then let the kernel re-read it
 * would, sooner or later, make NAME. Prints how many calls succeeded and
 * exits 0; whether NAME exists is for the caller to look at.
 * openat2: one openat2(O_CREAT) of NAME; prints "ok" or "denied: ERRNO".
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static char path[256];
static const char *names[2];
static atomic_bool stop;

static void *flipper(void *arg)
{
	size_t len = strlen(names[0]);

	(void)arg;
	for (unsigned long i = 0; !atomic_load(&stop); i++)
		memcpy(path, names[i & 1], len);
	return NULL;
}

static int make_one(const char *mode)
{
	if (strcmp(mode, "open") == 0) {
		int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

		if (fd >= 0)
			close(fd);
		return fd >= 0;
	}
	if (strcmp(mode, "mkdir") == 0)
		return mkdir(path, 0755) == 0;
	/* rename: a fresh source each time */
	close(open("racer.src", O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
	return rename("racer.src", path) == 0;
}

static int race(const char *mode, long n)
{
	pthread_t t;
	long made = 0;

	memcpy(path, names[1], strlen(names[1]) + 1);
	if (pthread_create(&t, NULL, flipper, NULL) != 0) {
		printf("failed: pthread_create\n");
		return 3;
	}
	for (long i = 0; i < n; i++)
		made += make_one(mode);
	atomic_store(&stop, true);
	pthread_join(t, NULL);
	unlink("racer.src");
	printf("ok: %ld of %ld calls made a name\n", made, n);
	return 0;
}

static int try_openat2(const char *name)
{
	struct open_how how = { .flags = O_WRONLY | O_CREAT | O_CLOEXEC, .mode = 0644 };
	long fd = syscall(SYS_openat2, AT_FDCWD, name, &how, sizeof(how));

	if (fd < 0) {
		printf("denied: %s\n", errno == ENOSYS ? "ENOSYS" : strerror(errno));
		return 1;
	}
	close((int)fd);
	printf("ok\n");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && strcmp(argv[1], "openat2") == 0)
		return try_openat2(argv[2]);
	if (argc != 5 || strlen(argv[2]) != strlen(argv[3]) ||
	    strlen(argv[2]) >= sizeof(path) || atol(argv[4]) <= 0) {
		fprintf(stderr, "usage: racer open|rename|mkdir NAME DECOY N "
			"(NAME and DECOY of the same length) | racer openat2 NAME\n");
		return 2;
	}
	names[0] = argv[2];
	names[1] = argv[3];
	return race(argv[1], atol(argv[4]));
}
