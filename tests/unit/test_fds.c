/* SPDX-License-Identifier: MIT */
/*
 * test_fds.c - lib/fds.c: make's jobserver in MAKEFLAGS, and closing
 * inherited descriptors.
 */
#include "unit.h"

#include <sys/wait.h>

#include "fds.h"

struct fixture {
	char *dir;
	int pipe1[2], pipe2[2];
	char fifo[PATH_MAX];
	char file[PATH_MAX];
	struct jail_jobserver js;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->dir = unit_tempdir();
	assert_int_equal(pipe(f->pipe1), 0);
	assert_int_equal(pipe(f->pipe2), 0);
	unit_join(f->fifo, f->dir, "GMfifo1");
	assert_int_equal(mkfifo(f->fifo, 0600), 0);
	unit_write(f->dir, "regular", "");
	unit_join(f->file, f->dir, "regular");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	for (int i = 0; i < 2; i++) {
		close(f->pipe1[i]);
		close(f->pipe2[i]);
	}
	unit_rmtree(f->dir);
	free(f);
	return 0;
}

static void parse(struct fixture *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void parse(struct fixture *f, const char *fmt, ...)
{
	char flags[2 * PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(flags, sizeof(flags), fmt, ap);
	va_end(ap);
	/* garbage in, so that every field must be set by the parser */
	memset(&f->js, 0x55, sizeof(f->js));
	jail_jobserver_parse(flags, &f->js);
}

static void test_jobserver_parse_auth_open_fds(void **state)
{
	struct fixture *f = *state;

	/* given make 4.3's --jobserver-auth with two open pipe fds */
	parse(f, " -j4 --jobserver-auth=%d,%d -- A=1", f->pipe1[0], f->pipe1[1]);
	/* then both are kept and there is no FIFO */
	assert_int_equal(f->js.read_fd, f->pipe1[0]);
	assert_int_equal(f->js.write_fd, f->pipe1[1]);
	assert_string_equal(f->js.fifo, "");
}

static void test_jobserver_parse_auth_closed_fds(void **state)
{
	struct fixture *f = *state;
	int r = f->pipe2[0], w = f->pipe2[1];

	/* given fds that make named but that are not open here */
	close(r);
	close(w);
	f->pipe2[0] = f->pipe2[1] = -1;
	parse(f, "-j --jobserver-auth=%d,%d", r, w);
	/* then neither is kept */
	assert_int_equal(f->js.read_fd, -1);
	assert_int_equal(f->js.write_fd, -1);
}

static void test_jobserver_parse_old_fds_option(void **state)
{
	struct fixture *f = *state;

	/* given make 4.1's --jobserver-fds */
	parse(f, "--jobserver-fds=%d,%d -j", f->pipe1[0], f->pipe1[1]);
	/* then it is read the same way */
	assert_int_equal(f->js.read_fd, f->pipe1[0]);
	assert_int_equal(f->js.write_fd, f->pipe1[1]);
}

static void test_jobserver_parse_std_fds_refused(void **state)
{
	struct fixture *f = *state;

	/* given fds 0 and 1, or negative ones (make's "no jobserver") */
	parse(f, "--jobserver-auth=0,1");
	assert_int_equal(f->js.read_fd, -1);
	assert_int_equal(f->js.write_fd, -1);
	parse(f, "--jobserver-auth=-2,-2");
	/* then none is kept: 0-2 are never the jobserver's to keep */
	assert_int_equal(f->js.read_fd, -1);
	assert_int_equal(f->js.write_fd, -1);
}

static void test_jobserver_parse_malformed(void **state)
{
	struct fixture *f = *state;

	/* given values that are not fd pairs */
	parse(f, "--jobserver-auth=x,y");
	assert_int_equal(f->js.read_fd, -1);
	assert_int_equal(f->js.write_fd, -1);
	parse(f, "--jobserver-auth=");
	assert_int_equal(f->js.read_fd, -1);
	parse(f, "--jobserver-auth=%d", f->pipe1[0]);
	/* then only what is an open fd is kept */
	assert_int_equal(f->js.read_fd, f->pipe1[0]);
	assert_int_equal(f->js.write_fd, -1);
	parse(f, "--jobserver-authx=%d,%d", f->pipe1[0], f->pipe1[1]);
	assert_int_equal(f->js.read_fd, -1);
}

static void test_jobserver_parse_fifo(void **state)
{
	struct fixture *f = *state;

	/* given make 4.4's fifo: form naming a real FIFO */
	parse(f, "-j8 --jobserver-auth=fifo:%s", f->fifo);
	/* then the path is kept and there are no pipe fds */
	assert_string_equal(f->js.fifo, f->fifo);
	assert_int_equal(f->js.read_fd, -1);
	assert_int_equal(f->js.write_fd, -1);
}

static void test_jobserver_parse_fifo_not_fifo(void **state)
{
	struct fixture *f = *state;

	/* given fifo: naming a regular file, or nothing that exists */
	parse(f, "--jobserver-auth=fifo:%s", f->file);
	assert_string_equal(f->js.fifo, "");
	parse(f, "--jobserver-auth=fifo:%s/missing", f->dir);
	/* then nothing is kept */
	assert_string_equal(f->js.fifo, "");
	assert_int_equal(f->js.read_fd, -1);
}

static void test_jobserver_parse_last_wins(void **state)
{
	struct fixture *f = *state;

	/* given two pipe words */
	parse(f, "--jobserver-auth=%d,%d --jobserver-auth=%d,%d", f->pipe1[0],
	      f->pipe1[1], f->pipe2[0], f->pipe2[1]);
	/* then the last one is used */
	assert_int_equal(f->js.read_fd, f->pipe2[0]);
	assert_int_equal(f->js.write_fd, f->pipe2[1]);

	/* given a pipe word, then a FIFO word */
	parse(f, "--jobserver-auth=%d,%d --jobserver-auth=fifo:%s", f->pipe1[0],
	      f->pipe1[1], f->fifo);
	/* then only the FIFO is used */
	assert_string_equal(f->js.fifo, f->fifo);
	assert_int_equal(f->js.read_fd, -1);
	assert_int_equal(f->js.write_fd, -1);

	/* given a FIFO word, then a pipe word */
	parse(f, "--jobserver-auth=fifo:%s --jobserver-fds=%d,%d", f->fifo,
	      f->pipe1[0], f->pipe1[1]);
	/* then only the pipe is used */
	assert_string_equal(f->js.fifo, "");
	assert_int_equal(f->js.read_fd, f->pipe1[0]);
}

static void test_jobserver_parse_null_and_empty(void **state)
{
	struct fixture *f = *state;

	/* given no MAKEFLAGS */
	memset(&f->js, 0x55, sizeof(f->js));
	jail_jobserver_parse(NULL, &f->js);
	/* then there is no jobserver */
	assert_int_equal(f->js.read_fd, -1);
	assert_int_equal(f->js.write_fd, -1);
	assert_string_equal(f->js.fifo, "");
	/* nor with an empty or unrelated one */
	parse(f, "%s", "");
	assert_int_equal(f->js.read_fd, -1);
	parse(f, "%s", "   -k -s  ");
	assert_int_equal(f->js.read_fd, -1);
	assert_string_equal(f->js.fifo, "");
}

static void test_fds_close_except_keeps(void **state)
{
	struct fixture *f = *state;
	pid_t pid;
	int status;

	/* given, in a child, several fds above 2 */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int keep[3] = { f->pipe2[1], -1, f->pipe1[0] };
		int other = dup(f->pipe1[0]);

		/* when all but pipe1[0] and pipe2[1] are closed */
		if (other < 0 || jail_fds_close_except(keep) != 0)
			_exit(10);
		/* then exactly those (and 0-2) are open */
		if (fcntl(f->pipe1[0], F_GETFD) < 0 || fcntl(f->pipe2[1], F_GETFD) < 0)
			_exit(11);
		if (fcntl(f->pipe1[1], F_GETFD) >= 0 || fcntl(f->pipe2[0], F_GETFD) >= 0 ||
		    fcntl(other, F_GETFD) >= 0)
			_exit(12);
		if (fcntl(0, F_GETFD) < 0 && errno != EBADF)
			_exit(13);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_jobserver_parse_auth_open_fds),
		T(test_jobserver_parse_auth_closed_fds),
		T(test_jobserver_parse_old_fds_option),
		T(test_jobserver_parse_std_fds_refused),
		T(test_jobserver_parse_malformed),
		T(test_jobserver_parse_fifo),
		T(test_jobserver_parse_fifo_not_fifo),
		T(test_jobserver_parse_last_wins),
		T(test_jobserver_parse_null_and_empty),
		T(test_fds_close_except_keeps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
