/* SPDX-License-Identifier: MIT */
/*
 * jailsh.c - run one command jailed: as make's SHELL, as a launcher
 * (jailsh -- prog args), or around a whole build (jailsh -- ninja).
 *
 * main() is a checklist: parse, complete the policy, probe the kernel,
 * refuse what cannot be enforced, make the private TMPDIR, build the
 * environment, run and supervise, clean up, exit with the command's status.
 */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi.h"
#include "cmdline.h"
#include "env.h"
#include "fds.h"
#include "jailsh.h"
#include "landlock.h"
#include "options.h"
#include "spawn.h"
#include "tmpdir.h"
#include "watch.h"

extern char **environ;

static void usage(FILE *out)
{
	fprintf(out,
"usage: jailsh [OPTIONS] [-ec...] -c 'command line' [NAME [ARG...]]\n"
"       jailsh [OPTIONS] SCRIPT [ARG...]\n"
"       jailsh [OPTIONS]                  (commands on standard input)\n"
"       jailsh [OPTIONS] -- PROGRAM [ARG...]\n"
"       jailsh --print-policy | --check | --version | --help\n"
"options (each also read from the environment variable shown):\n"
"  --write PATH    writable root (JAIL_WRITE, colon-separated; default: .)\n"
"  --read PATH     limit reads to PATH + system dirs + writable roots (JAIL_READ)\n"
"  --hide PATH     make PATH unreadable (JAIL_HIDE; credential stores by default)\n"
"  --unhide PATH   make hidden paths at or under PATH readable (JAIL_UNHIDE)\n"
"  --strict        limit reads without naming a --read path (JAIL_STRICT=1)\n"
"  --protect PATH  keep PATH read-only inside the writable roots (JAIL_PROTECT;\n"
"                  .git, .envrc, .vscode ... by default)\n"
"  --net SPEC      none | unix | all | connect:PORT[,PORT] (JAIL_NET; default none)\n"
"  --env NAME      keep variable NAME that the scrubber would remove (JAIL_ENV)\n"
"  --mode MODE     enforce | best-effort | off | learn (JAIL_MODE; default enforce)\n"
"                  learn: refuse nothing a grant could allow, print the grants\n"
"                  the command needs; JAIL_REPORT=FILE appends one JSON line\n"
"                  per refused access\n"
"  --no-default-hide  do not hide the default credential stores\n"
"exit status: the command's; 128+N if killed by signal N; 2 usage error;\n"
"  125 the jail could not be set up (nothing ran); 126 cannot execute; 127 not found\n");
}

void jailsh_print_error(const struct jail_error *e)
{
	fprintf(stderr, "jailsh: %s", e->what[0] ? e->what : "error");
	if (e->path[0])
		fprintf(stderr, " '%s'", e->path);
	if (e->code && e->code != EINVAL)
		fprintf(stderr, ": %s", strerror(e->code));
	if (e->hint[0])
		fprintf(stderr, "; %s", e->hint);
	fputc('\n', stderr);
}

/* $HOME, else the home in /etc/passwd (read directly, not through NSS,
 * so a static jailsh needs no shared libraries). Returns NULL if none. */
static const char *home_dir(void)
{
	static char home[PATH_MAX];
	const char *h = getenv("HOME");
	FILE *f;
	struct passwd *pw;

	if (h && h[0] == '/')
		return h;
	f = fopen("/etc/passwd", "re");
	while (f && (pw = fgetpwent(f)) != NULL) {
		if (pw->pw_uid == getuid() && pw->pw_dir[0] == '/') {
			snprintf(home, sizeof(home), "%s", pw->pw_dir);
			fclose(f);
			return home;
		}
	}
	if (f)
		fclose(f);
	return NULL;
}

/* Policy from the environment (or jail.so's token), options, defaults. */
static int build_policy(int argc, char **argv, const char *cwd,
			struct jailsh_options *o, struct jail_policy *p,
			struct jail_error *err)
{
	struct jail_policy opts;
	int rc;

	jail_policy_init(&opts);
	rc = jailsh_parse(argc, argv, cwd, o, &opts, err);
	if (rc == 0 && o->policy_token)
		rc = jail_policy_decode(p, o->policy_token, err);
	else if (rc == 0)
		rc = jail_policy_from_env(p, cwd, err);
	/* Options come after, so they add to what the environment gave. */
	if (rc == 0)
		rc = jail_policy_merge(p, &opts);
	jail_policy_free(&opts);
	if (rc == 0)
		rc = jail_policy_finish(p, cwd, home_dir(), err);
	return rc;
}

/* The argv that runs: the program, /bin/sh with the line, or a direct exec. */
static int build_argv(const struct jailsh_options *o, struct jail_strlist *av)
{
	int rc = 0;

	if (o->form == FORM_LAUNCH) {
		for (int i = 0; i < o->nrest && rc == 0; i++)
			rc = jail_strlist_add(av, o->rest[i]);
		return rc;
	}
	if (o->form == FORM_COMMAND && o->sh_flags_simple &&
	    jail_cmdline_simple(o->command, av))
		return 0;
	jail_strlist_free(av);
	rc = jail_strlist_add(av, "/bin/sh");
	for (size_t i = 0; i < o->sh_flags.n && rc == 0; i++)
		rc = jail_strlist_add(av, o->sh_flags.v[i]);
	if (rc == 0 && o->form == FORM_COMMAND) {
		rc = jail_strlist_add(av, "-c");
		if (rc == 0)
			rc = jail_strlist_add(av, o->command);
	}
	for (int i = 0; i < o->nrest && rc == 0; i++)
		rc = jail_strlist_add(av, o->rest[i]);
	return rc;
}

/* Decide what the kernel can enforce; 0 to go on, -1 to refuse. */
static int accept_gaps(const struct jail_policy *p, const struct jail_kernel *k,
		       struct jail_run *run)
{
	struct jail_strlist gaps = { 0 };
	int n = jail_abi_gaps(p, k, &gaps);

	if (n >= 0)
		n += jail_landlock_conflicts(p, &gaps);
	run->landlock = k->landlock_abi > 0;
	run->seccomp = k->seccomp;
	if (n > 0 && p->mode == JAIL_MODE_ENFORCE) {
		fprintf(stderr, "jailsh: cannot enforce %s; nothing was run "
			"(--mode best-effort or JAIL_MODE=best-effort accepts the gap)\n",
			gaps.v[0]);
		for (size_t i = 1; i < gaps.n; i++)
			fprintf(stderr, "jailsh: also cannot enforce %s\n", gaps.v[i]);
	} else {
		for (size_t i = 0; i < gaps.n; i++)
			fprintf(stderr, "jailsh: best-effort: not enforced: %s\n",
				gaps.v[i]);
	}
	jail_strlist_free(&gaps);
	return n > 0 && p->mode == JAIL_MODE_ENFORCE ? -1 : 0;
}

static void self_dir(char out[PATH_MAX])
{
	ssize_t n = readlink("/proc/self/exe", out, PATH_MAX - 1);
	char *slash;

	out[n > 0 ? n : 0] = '\0';
	slash = strrchr(out, '/');
	if (slash)
		*slash = '\0';
}

/*
 * JAIL_DEPTH counts the jailsh processes around a command. Returns ours
 * (0: not inside another jailsh) and sets the command's to ours + 1.
 */
static int mark_depth(struct jail_strlist *envp)
{
	const char *s = getenv("JAIL_DEPTH");
	int depth = s ? atoi(s) : 0;
	char entry[32];

	if (depth < 0 || depth > 1000)
		depth = 0;
	snprintf(entry, sizeof(entry), "JAIL_DEPTH=%d", depth + 1);
	for (size_t i = 0; i < envp->n; i++) {
		if (strncmp(envp->v[i], "JAIL_DEPTH=", 11) == 0) {
			char *copy = strdup(entry);

			if (copy == NULL)
				return depth;
			free(envp->v[i]);
			envp->v[i] = copy;
			return depth;
		}
	}
	jail_strlist_add(envp, entry);
	return depth;
}

static int run_jailed(const struct jailsh_options *o, struct jail_policy *p,
		      const char *cwd)
{
	struct jailsh_watch watch;
	struct jail_kernel k;
	struct jail_run run = { 0 };
	struct jail_strlist argv = { 0 }, envp = { 0 };
	struct jail_jobserver js;
	struct jail_error err = { 0 };
	char tmp[PATH_MAX] = "", exe_dir[PATH_MAX];
	int status = JAIL_EXIT_SETUP, rc;

	jail_kernel_probe(&k);
	run.jail = p->mode != JAIL_MODE_OFF;
	if (p->mode == JAIL_MODE_LEARN && !k.seccomp) {
		fprintf(stderr, "jailsh: learn mode needs seccomp user notification "
			"(Linux 5.0), which this kernel lacks; nothing was run\n");
		return JAIL_EXIT_SETUP;
	}
	if (p->mode == JAIL_MODE_LEARN)  /* nothing is enforced: no gaps */
		run.seccomp = true;
	else if (run.jail && accept_gaps(p, &k, &run) < 0)
		return JAIL_EXIT_SETUP;
	jail_jobserver_parse(getenv("MAKEFLAGS"), &js);
	self_dir(exe_dir);
	run.ctx = (struct jail_context){
		.policy = p, .kernel = &k, .self_dir = exe_dir,
		.jobserver_fifo = js.fifo[0] ? js.fifo : NULL,
		.keep_fds = { js.read_fd, js.write_fd, -1 },
	};
	jailsh_watch_init(&watch, &run.ctx, o->policy_token != NULL);
	if (run.jail && run.seccomp)
		run.watch = &watch.w;
	rc = build_argv(o, &argv);
	if (rc == 0 && run.jail)
		rc = jail_tmpdir_create(NULL, tmp, &err);
	if (rc == 0) {
		run.ctx.tmpdir = tmp[0] ? tmp : NULL;
		rc = run.jail ? jail_env_build(p, environ, run.ctx.tmpdir, &envp)
			      : jail_strlist_add(&envp, "JAIL_MODE=off");
	}
	if (rc == 0 && !run.jail) {
		jail_strlist_free(&envp);
		for (size_t i = 0; environ[i] && rc == 0; i++)
			rc = jail_strlist_add(&envp, environ[i]);
	}
	if (rc == 0 && run.jail)
		watch.nested = mark_depth(&envp) > 0;
	if (rc == 0) {
		run.argv = argv.v;
		run.envp = envp.v ? envp.v : (char *[]){ NULL };
		rc = jail_run(&run, &status, &err);
	}
	if (rc < 0)
		jailsh_print_error(&err);
	if (run.jail)
		jailsh_watch_finish(&watch, cwd, status, rc == 0);
	else
		jailsh_watch_finish(&watch, cwd, 0, false);
	if (tmp[0])
		jail_tmpdir_remove(tmp);
	jail_strlist_free(&argv);
	jail_strlist_free(&envp);
	return status;
}

int main(int argc, char **argv)
{
	struct jailsh_options o;
	struct jail_policy p;
	struct jail_error err = { 0 };
	char cwd[PATH_MAX];
	int status;

	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		fprintf(stderr, "jailsh: cannot read the working directory: %s\n",
			strerror(errno));
		return JAIL_EXIT_SETUP;
	}
	jail_policy_init(&p);
	if (build_policy(argc, argv, cwd, &o, &p, &err) < 0) {
		jailsh_print_error(&err);
		status = 2;
	} else if (o.action == ACTION_HELP) {
		usage(stdout);
		status = 0;
	} else if (o.action == ACTION_VERSION) {
		printf("jailsh %s (policy protocol %d)\n", JAILSH_VERSION,
		       JAILSH_PROTOCOL);
		status = 0;
	} else if (o.action == ACTION_PRINT_POLICY) {
		status = jailsh_print_policy(&p, stdout);
	} else if (o.action == ACTION_CHECK) {
		status = jailsh_check(&p, stdout);
	} else {
		status = run_jailed(&o, &p, cwd);
	}
	jailsh_options_free(&o);
	jail_policy_free(&p);
	return status;
}
