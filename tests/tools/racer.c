/* SPDX-License-Identifier: MIT */
/*
 * racer.c - try to win a race against a path check (the creation guard's
 * threat, lib/guard.h).
 *
 *   racer open|rename|mkdir NAME DECOY N
 *   racer openat2 NAME
 *   racer deep N PATH       fork a chain of N processes, the last one
 *                           opens PATH with O_CREAT (an inner jail's
 *                           registration must be found however far up)
 *   racer procscan NEEDLE   open every /proc/PID/environ with O_RDONLY|
 *                           O_CREAT (so through the guard); "found" if
 *                           one holds NEEDLE
 *   racer wedge             open a FIFO through /proc/self/fd/N with
 *                           O_CREAT in a child killed after 1 s, then
 *                           make 20 files: the guard must not be stuck
 *   racer tmpfile NAME      an O_TMPFILE file, published as NAME with
 *                           linkat(AT_EMPTY_PATH)
 *   racer whiteout OLD NEW  renameat2(RENAME_WHITEOUT)
 *
 * open|rename|mkdir: one thread flips a path buffer between NAME and DECOY
 * (same length) while the main thread makes the buffer's name N times.
 * A supervisor that checked the path and then let the kernel re-read it
 * would, sooner or later, make NAME. Prints how many calls succeeded and
 * exits 0; whether NAME exists is for the caller to look at.
 * openat2: one openat2(O_CREAT) of NAME; prints "ok" or "denied: ERRNO".
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
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

static char racy[256];
static const char *names[2];
static atomic_bool stop;

static void *flipper(void *arg)
{
	size_t len = strlen(names[0]);

	(void)arg;
	for (unsigned long i = 0; !atomic_load(&stop); i++)
		memcpy(racy, names[i & 1], len);
	return NULL;
}

static int make_one(const char *mode)
{
	if (strcmp(mode, "open") == 0) {
		int fd = open(racy, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

		if (fd >= 0)
			close(fd);
		return fd >= 0;
	}
	if (strcmp(mode, "mkdir") == 0)
		return mkdir(racy, 0755) == 0;
	/* rename: a fresh source each time */
	close(open("racer.src", O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
	return rename("racer.src", racy) == 0;
}

static int race(const char *mode, long n)
{
	pthread_t t;
	long made = 0;

	memcpy(racy, names[1], strlen(names[1]) + 1);
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

static int report(const char *what, int rc)
{
	if (rc < 0) {
		printf("denied: %s: %s\n", what, strerror(errno));
		return 1;
	}
	printf("ok: %s\n", what);
	return 0;
}

static int deep(long n, const char *path)
{
	int ws, fd;
	pid_t pid;

	if (n > 0) {
		pid = fork();
		if (pid < 0)
			return report("fork", -1);
		if (pid == 0)
			_exit(deep(n - 1, path));
		waitpid(pid, &ws, 0);
		return WIFEXITED(ws) ? WEXITSTATUS(ws) : 3;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
	return report(path, fd);
}

static int procscan(const char *needle)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	char path[300], buf[65536];
	int found = 0;

	while (d && (e = readdir(d)) != NULL) {
		ssize_t n;
		int fd;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/environ", e->d_name);
		fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] == '\0')
				buf[i] = '\n';
		buf[n > 0 ? n : 0] = '\0';
		if (strstr(buf, needle)) {
			printf("found in %s\n", path);
			found = 1;
		}
	}
	if (d)
		closedir(d);
	if (!found)
		printf("not found\n");
	return found ? 0 : 1;
}

static int wedge(void)
{
	char path[64];
	int made = 0, ws;
	pid_t pid;

	unlink("racer.fifo");
	if (mkfifo("racer.fifo", 0600) < 0)
		return report("mkfifo", -1);
	pid = fork();
	if (pid == 0) {
		int fd = open("racer.fifo", O_PATH | O_CLOEXEC);

		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		open(path, O_RDONLY | O_CREAT, 0600);   /* waits for a writer */
		_exit(0);
	}
	sleep(1);
	kill(pid, SIGKILL);
	waitpid(pid, &ws, 0);
	for (int i = 0; i < 20; i++) {
		snprintf(path, sizeof(path), "racer.w%d", i);
		int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

		if (fd >= 0) {
			close(fd);
			unlink(path);
			made++;
		}
	}
	unlink("racer.fifo");
	printf("%s: %d of 20 files made after the FIFO open\n", made == 20 ? "ok" : "denied", made);
	return made == 20 ? 0 : 1;
}

static int tmpfile_link(const char *name)
{
	int fd = open(".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644), rc;

	if (fd < 0)
		return report("O_TMPFILE", -1);
	rc = linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH);
	close(fd);
	return report(name, rc);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && strcmp(argv[1], "openat2") == 0)
		return try_openat2(argv[2]);
	if (argc == 4 && strcmp(argv[1], "deep") == 0)
		return deep(atol(argv[2]), argv[3]);
	if (argc == 3 && strcmp(argv[1], "procscan") == 0)
		return procscan(argv[2]);
	if (argc == 2 && strcmp(argv[1], "wedge") == 0)
		return wedge();
	if (argc == 3 && strcmp(argv[1], "tmpfile") == 0)
		return tmpfile_link(argv[2]);
	if (argc == 4 && strcmp(argv[1], "whiteout") == 0)
		return report(argv[3], renameat2(AT_FDCWD, argv[2], AT_FDCWD, argv[3],
						 RENAME_WHITEOUT));
	if (argc != 5 || strlen(argv[2]) != strlen(argv[3]) ||
	    strlen(argv[2]) >= sizeof(racy) || atol(argv[4]) <= 0) {
		fprintf(stderr, "usage: racer open|rename|mkdir NAME DECOY N "
			"(NAME and DECOY of the same length) | racer openat2 NAME\n");
		return 2;
	}
	names[0] = argv[2];
	names[1] = argv[3];
	return race(argv[1], atol(argv[4]));
}
