/* SPDX-License-Identifier: MIT */
/*
 * timeit.c - wall-clock timing of several commands, alternating.
 *
 *   timeit [-n ROUNDS] [-w WARMUP] [-p PREP] [-e FILE] --
 *          LABEL [NAME=VALUE...] PROG ARG... [';;' LABEL ...]...
 *
 * Each round runs every command once, in order, so slow drift of the
 * machine (frequency, caches, other load) hits all of them alike. Before
 * each timed run PREP (if given) runs untimed through /bin/sh -c. A
 * command is exec'd directly (no shell, no env(1): leading NAME=VALUE
 * words are set in the child's environment), its stdout goes to
 * /dev/null and, with -e, its stderr is appended to FILE.
 * Output: one line per command, "LABEL MEDIAN_US P25_US P75_US FAILS",
 * times in microseconds. The benchmark reports; it never judges.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CMDS 32

struct cmd {
	const char *label;
	char **argv;
	double *samples;
	int fails;
};

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static const char *err_file;

/* Run ARGV, stdout to /dev/null; returns its wait status or -1. */
static int run(char **argv)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		int efd = err_file ? open(err_file, O_WRONLY | O_CREAT | O_APPEND, 0644) : -1;

		if (null >= 0)
			dup2(null, 1);
		if (efd >= 0)
			dup2(efd, 2);
		for (; *argv && strchr(*argv, '=') && **argv != '='; argv++)
			if (putenv(*argv) != 0)
				_exit(127);
		if (!*argv)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return status;
}

static void prep(const char *line)
{
	char *argv[] = { "/bin/sh", "-c", (char *)line, NULL };

	if (line && run(argv) != 0)
		fprintf(stderr, "timeit: prep '%s' failed\n", line);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double quantile(double *v, int n, double q)
{
	return v[(int)(q * (n - 1) + 0.5)];
}

int main(int argc, char **argv)
{
	struct cmd cmds[MAX_CMDS];
	const char *prep_line = NULL;
	int rounds = 100, warmup = 3, ncmd = 0, opt, i;

	while ((opt = getopt(argc, argv, "+n:w:p:e:")) != -1) {
		if (opt == 'n')
			rounds = atoi(optarg);
		else if (opt == 'w')
			warmup = atoi(optarg);
		else if (opt == 'p')
			prep_line = optarg;
		else if (opt == 'e')
			err_file = optarg;
		else
			return 2;
	}
	if (rounds < 1 || optind >= argc) {
		fprintf(stderr, "usage: timeit [-n ROUNDS] [-w WARMUP] [-p PREP] [-e FILE] --"
			" LABEL [NAME=VALUE...] PROG ARG... [';;' LABEL ...]\n");
		return 2;
	}
	for (i = optind; i < argc && ncmd < MAX_CMDS; ) {
		struct cmd *c = &cmds[ncmd++];

		c->label = argv[i++];
		c->argv = &argv[i];
		c->fails = 0;
		c->samples = calloc(rounds, sizeof(double));
		if (!c->samples)
			return 1;
		while (i < argc && strcmp(argv[i], ";;") != 0)
			i++;
		if (i < argc)
			argv[i++] = NULL;  /* terminates this command's argv */
		if (c->argv[0] == NULL) {
			fprintf(stderr, "timeit: '%s' has no command\n", c->label);
			return 2;
		}
	}
	for (int r = -warmup; r < rounds; r++) {
		for (int k = 0; k < ncmd; k++) {
			double t0;
			int st;

			prep(prep_line);
			t0 = now_us();
			st = run(cmds[k].argv);
			if (r < 0)
				continue;
			cmds[k].samples[r] = now_us() - t0;
			if (st != 0)
				cmds[k].fails++;
		}
	}
	for (int k = 0; k < ncmd; k++) {
		struct cmd *c = &cmds[k];

		qsort(c->samples, rounds, sizeof(double), cmp_double);
		printf("%s %.1f %.1f %.1f %d\n", c->label,
		       quantile(c->samples, rounds, 0.5),
		       quantile(c->samples, rounds, 0.25),
		       quantile(c->samples, rounds, 0.75), c->fails);
		free(c->samples);
	}
	return 0;
}
