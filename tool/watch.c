/* SPDX-License-Identifier: MIT */
/*
 * watch.c - jailsh's side of the supervisor's notifications.
 *
 * Every message is written with one write() so that parallel jobs of a
 * make -j do not interleave inside a line (or inside the learn summary,
 * as long as it fits in a pipe buffer).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sys.h"
#include "watch.h"

static void say(const char *text, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDERR_FILENO, text, len);

		if (n <= 0 && errno != EINTR)
			return;
		if (n > 0) {
			text += n;
			len -= (size_t)n;
		}
	}
}

/* Enforce mode: one line when it happens. */
static void name_denial(const struct jailsh_watch *w, const struct jail_access *a,
			const struct jail_need *n)
{
	char what[PATH_MAX + 64], grant[PATH_MAX + 64], line[3 * PATH_MAX];
	int len;

	jail_learn_describe(a, what, sizeof(what));
	jail_learn_grant(n, w->make, grant, sizeof(grant));
	len = snprintf(line, sizeof(line),
		       "jailsh: refused: %s (pid %d): %s (%s); allow it with %s\n",
		       a->prog, a->pid, what, n->why, grant);
	if (len > 0)
		say(line, (size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1);
}

static void on_access(const struct jail_access *a, void *arg)
{
	struct jailsh_watch *w = arg;
	const struct jail_policy *p = w->ctx->policy;
	struct jail_need need;
	char json[3 * PATH_MAX];
	int len;

	if (!jail_learn_judge(w->ctx, a, &need))
		return;
	w->denied++;
	if (w->w.learn)
		jail_learn_add(&w->learn, a, &need);
	else if (a->family != AF_UNIX)
		/* Named as it happens: a network attempt. A refused unix
		 * socket is usually glibc asking nscd for a user name (ls -l,
		 * id): one line each would bury the real refusals. */
		name_denial(w, a, &need);
	if (w->report_fd < 0)
		return;
	len = jail_learn_json(a, &need, p->target, jail_mode_name(p->mode),
			      json, sizeof(json) - 1);
	if (len > 0) {
		json[len] = '\n';
		if (write(w->report_fd, json, (size_t)len + 1) < 0)
			return;  /* the report is best-effort; the run goes on */
	}
}

/* The name of process PID, or "?". */
static void prog_name(int pid, char *prog, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	if (jail_sys_read_text(path, prog, size) <= 0)
		snprintf(prog, size, "?");
	prog[strcspn(prog, "\n")] = '\0';
}

/* The guard refused: one line when it happens, once per path (a loop
 * retrying it must not bury the other lines). PROTECTED "" means the
 * metadata of PATH, a file outside the jail's view. */
static void on_refused(const char *path, const char *protected, int pid,
		       void *arg)
{
	struct jailsh_watch *w = arg;
	const char *key = protected[0] ? protected : path;
	bool same = strcmp(path, protected) == 0, exists = access(protected, F_OK) == 0;
	char prog[32], line[3 * PATH_MAX];
	int len;

	if (jail_strlist_contains(&w->refused, key) ||
	    (w->refused.n < 64 && jail_strlist_add(&w->refused, key) < 0))
		return;
	prog_name(pid, prog, sizeof(prog));
	if (protected[0] == '\0')
		len = snprintf(line, sizeof(line),
			       "jailsh: refused: %s (pid %d): changing the metadata of %s, "
			       "a file outside the jail's view (a descriptor opened outside "
			       "the jail, or a /proc link to one; docs/protect.md)\n",
			       prog, pid, path);
	else
		len = snprintf(line, sizeof(line),
			       "jailsh: refused: %s (pid %d): creating %s (%s%s, docs/protect.md); "
			       "if the build really must write there, %s%s%sgrant it with %s %s\n",
			       prog, pid, path, same ? "a protected path" : "inside the protected path ",
			       same ? "" : protected, exists ? "" : "create ", exists ? "" : protected,
			       exists ? "" : " before the build and ",
			       w->make ? "JAIL_WRITE +=" : "--write", protected);
	if (len > 0)
		say(line, (size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1);
}

static void on_guard_gone(void *arg)
{
	static const char line[] =
		"jailsh: the creation guard is gone (killed from outside the jail, or by "
		"the OOM killer): from now on every call that makes a name or changes "
		"metadata fails with ENOSYS; rerun the command\n";

	(void)arg;
	say(line, sizeof(line) - 1);
}

void jailsh_watch_init(struct jailsh_watch *w, const struct jail_context *ctx,
		       bool make)
{
	const char *report = getenv("JAIL_REPORT");

	memset(w, 0, sizeof(*w));
	w->ctx = ctx;
	w->make = make;
	w->report_fd = -1;
	w->w.learn = ctx->policy->mode == JAIL_MODE_LEARN;
	w->w.on_access = on_access;
	w->w.on_refused = on_refused;
	w->w.on_guard_gone = on_guard_gone;
	w->w.arg = w;
	if (report && report[0]) {
		w->report_fd = open(report, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		if (w->report_fd < 0)
			fprintf(stderr, "jailsh: cannot open JAIL_REPORT '%s': %s; "
				"the run goes on without it\n", report, strerror(errno));
	}
}

/* "write: /a (+2); reads: all but hidden; net: none" */
static void policy_short(const struct jail_policy *p, char *buf, size_t size)
{
	char net[64] = "none", more[32] = "";

	if (p->net & JAIL_NET_ALL)
		snprintf(net, sizeof(net), "all");
	else if (p->net)
		snprintf(net, sizeof(net), "%s%s%u port%s",
			 p->net & JAIL_NET_UNIX ? "unix, " : "",
			 p->net & JAIL_NET_CONNECT ? "tcp " : "", p->nports,
			 p->nports == 1 ? "" : "s");
	if (p->write.n > 1)
		snprintf(more, sizeof(more), " +%zu more", p->write.n - 1);
	snprintf(buf, size, "write %s%s; reads %s; net %s",
		 p->write.n ? p->write.v[0] : "-", more,
		 p->strict_read ? "strict" : "all but hidden", net);
}

void jailsh_watch_finish(struct jailsh_watch *w, const char *cwd, int status,
			 bool ran)
{
	const struct jail_policy *p = w->ctx->policy;
	char line[PATH_MAX + 512], pol[PATH_MAX + 128];
	char *text;
	int len;

	if (w->w.learn && ran && !w->w.attached) {
		text = strdup("jailsh: learn: not watched: another seccomp supervisor "
			      "(an outer jail) holds the listener; run the outermost "
			      "jailsh or make in learn mode\n");
		if (text)
			say(text, strlen(text));
		free(text);
	} else if (w->w.learn) {
		text = jail_learn_summary(&w->learn, p->target, w->make, cwd, p);
		if (text && text[0] == '\0' && ran) {
			free(text);
			text = strdup("jailsh: learn: nothing would be denied\n");
		}
		if (text)
			say(text, strlen(text));
		free(text);
	} else if (ran && status != 0 && !w->nested) {
		policy_short(p, pol, sizeof(pol));
		len = snprintf(line, sizeof(line),
			       "jailsh: the command failed (status %d) in a jail (%s); "
			       "JAIL_MODE=learn or --mode learn lists what the jail refused\n",
			       status, pol);
		if (len > 0)
			say(line, (size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1);
	}
	if (w->report_fd >= 0)
		close(w->report_fd);
	jail_strlist_free(&w->refused);
	jail_learn_free(&w->learn);
}
