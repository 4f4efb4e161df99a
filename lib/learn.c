/* SPDX-License-Identifier: MIT */
/*
 * learn.c - would the jail refuse this access, and what grant allows it.
 *
 * The judge mirrors landlock.c and filter.c (keep them in step): writable
 * roots, the private TMPDIR and a few devices take writes; reads are open
 * except hidden paths, or limited to system directories, JAIL_READ,
 * prerequisites and writable roots when strict; sockets by family; TCP
 * connect by port. The summary suggests the narrowest grant that works: a
 * file's directory for creations, the file itself for writes to an
 * existing file, the hidden root to unhide, the exact port.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include "hide.h"
#include "landlock.h"
#include "learn.h"
#include "mountns.h"

#define COLLAPSE_SIBLINGS 3     /* this many grants in one directory: grant it */

static const char *const devices[] = {
	"/dev/null", "/dev/zero", "/dev/full", "/dev/tty", NULL,
};

static bool within_list(const char *path, const struct jail_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (jail_path_within(path, l->v[i]))
			return true;
	return false;
}

static bool is_terminal(const char *path)
{
	char tty[PATH_MAX];

	for (int fd = 0; fd <= 2; fd++)
		if (isatty(fd) && ttyname_r(fd, tty, sizeof(tty)) == 0 &&
		    strcmp(tty, path) == 0)
			return true;
	return false;
}

static bool writable(const struct jail_context *c, const char *path, bool file)
{
	if (within_list(path, &c->policy->write) ||
	    (c->tmpdir && jail_path_within(path, c->tmpdir)))
		return true;
	/* The private mount view makes /tmp an overlay: writes there
	 * succeed and die with the command (mountns.h). */
	if (c->kernel && c->kernel->mountns != JAIL_MOUNTNS_NO &&
	    jail_mountns_private_tmp_wanted(c->policy) &&
	    jail_path_within(path, "/tmp"))
		return true;
	if (!file)
		return false;
	for (size_t i = 0; devices[i]; i++)
		if (strcmp(path, devices[i]) == 0)
			return true;
	return is_terminal(path) ||
	       (c->jobserver_fifo && strcmp(path, c->jobserver_fifo) == 0);
}

static bool readable_strict(const struct jail_context *c, const char *path)
{
	for (size_t i = 0; jail_system_dirs[i]; i++)
		if (jail_path_within(path, jail_system_dirs[i]))
			return true;
	return within_list(path, &c->policy->read) || writable(c, path, true) ||
	       (c->self_dir && jail_path_within(path, c->self_dir));
}

static const char *hidden_root(const struct jail_policy *p, const char *path)
{
	for (size_t i = 0; i < p->hide.n; i++)
		if (jail_path_within(path, p->hide.v[i]))
			return p->hide.v[i];
	return NULL;
}

static void set_need(struct jail_need *n, enum jail_need_kind kind,
		     const char *value, const char *why)
{
	n->kind = kind;
	snprintf(n->value, sizeof(n->value), "%s", value);
	n->why = why;
}

/* The directory holding PATH. */
static void parent_of(const char *path, char out[PATH_MAX])
{
	const char *slash = strrchr(path, '/');
	size_t n = slash && slash != path ? (size_t)(slash - path) : 1;

	snprintf(out, PATH_MAX, "%.*s", (int)n, path);
}

static bool judge_file(const struct jail_context *c, const struct jail_access *a,
		       struct jail_need *n)
{
	const struct jail_policy *p = c->policy;
	const char *hidden;
	char dir[PATH_MAX];

	if (a->op == JAIL_ACCESS_WRITE || a->op == JAIL_ACCESS_CREATE ||
	    a->op == JAIL_ACCESS_REMOVE) {
		if (writable(c, a->path, a->op == JAIL_ACCESS_WRITE))
			return false;
		if (a->op == JAIL_ACCESS_WRITE && !a->is_dir) {
			set_need(n, JAIL_NEED_WRITE, a->path, "outside the writable roots");
		} else {
			parent_of(a->path, dir);
			set_need(n, JAIL_NEED_WRITE, dir, "outside the writable roots");
		}
		return true;
	}
	hidden = hidden_root(p, a->path);
	/* Listing a hidden directory works (its parent was listable). */
	if (hidden && !(a->is_dir && a->op == JAIL_ACCESS_READ)) {
		set_need(n, JAIL_NEED_UNHIDE, hidden, "hidden");
		return true;
	}
	if (!p->strict_read || readable_strict(c, a->path))
		return false;
	if (p->target && !a->is_dir && a->op == JAIL_ACCESS_READ)
		set_need(n, JAIL_NEED_PREREQ, a->path, "not a declared input");
	else
		set_need(n, JAIL_NEED_READ, a->path, "not a declared input");
	return true;
}

static bool judge_socket(const struct jail_policy *p, const struct jail_access *a,
			 struct jail_need *n)
{
	bool inet = a->family == AF_INET || a->family == AF_INET6;
	bool tcp = (a->type & 0xf) == SOCK_STREAM &&
		   (a->protocol == 0 || a->protocol == IPPROTO_TCP);

	if ((p->net & JAIL_NET_ALL) || (a->pair && a->family == AF_UNIX))
		return false;
	if (a->family == AF_UNIX) {
		if (p->net & JAIL_NET_UNIX)
			return false;
		set_need(n, JAIL_NEED_NET, "unix", "unix sockets are not granted");
		return true;
	}
	if (inet && tcp && !a->pair) {
		if (p->net & JAIL_NET_CONNECT)
			return false;
		set_need(n, JAIL_NEED_TCP, "connect:PORT", "TCP is not granted");
		return true;
	}
	set_need(n, JAIL_NEED_NET, "all",
		 inet ? "only TCP connect can be granted by port" :
		 "this socket family is not granted");
	return true;
}

static bool judge_net(const struct jail_policy *p, const struct jail_access *a,
		      struct jail_need *n)
{
	char spec[32];

	if (a->op == JAIL_ACCESS_SOCKET)
		return judge_socket(p, a, n);
	if ((p->net & JAIL_NET_ALL) || (a->family != AF_INET && a->family != AF_INET6))
		return false;   /* unix: decided when the socket was made */
	if (a->op == JAIL_ACCESS_BIND) {
		set_need(n, JAIL_NEED_NET, "all", "binding a TCP port cannot be granted by port");
		return true;
	}
	for (unsigned i = 0; i < p->nports; i++)
		if (p->ports[i] == a->port)
			return false;
	snprintf(spec, sizeof(spec), "connect:%u", a->port);
	set_need(n, JAIL_NEED_NET, spec, "this port is not granted");
	return true;
}

bool jail_learn_judge(const struct jail_context *c, const struct jail_access *a,
		      struct jail_need *need)
{
	memset(need, 0, sizeof(*need));
	switch (a->op) {
	case JAIL_ACCESS_SOCKET:
	case JAIL_ACCESS_CONNECT:
	case JAIL_ACCESS_BIND:
		return judge_net(c->policy, a, need);
	default:
		return judge_file(c, a, need);
	}
}

int jail_learn_add(struct jail_learn *l, const struct jail_access *a,
		   const struct jail_need *need)
{
	l->total++;
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].need.kind == need->kind &&
		    strcmp(l->v[i].need.value, need->value) == 0) {
			l->v[i].count++;
			return 0;
		}
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct jail_learn_entry *v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct jail_learn_entry){ *need, *a, 1 };
	return 0;
}

void jail_learn_free(struct jail_learn *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static bool path_kind(enum jail_need_kind k)
{
	return k == JAIL_NEED_WRITE || k == JAIL_NEED_READ;
}

static void drop(struct jail_learn *l, size_t i)
{
	l->v[i] = l->v[--l->n];
}

/* Is DIR a sensible grant: below the top level and holding no hidden path? */
static bool sensible_dir(const char *dir, const struct jail_policy *p)
{
	const char *second = strchr(dir + 1, '/');

	if (second == NULL)
		return false;   /* /, /tmp, /home: too broad */
	for (size_t i = 0; i < p->hide.n; i++)
		if (jail_path_within(p->hide.v[i], dir))
			return false;
	return true;
}

/* COLLAPSE_SIBLINGS or more grants of KIND in one directory: grant it. */
static void collapse_siblings(struct jail_learn *l, enum jail_need_kind kind,
			      const struct jail_policy *p)
{
	char dir[PATH_MAX], other[PATH_MAX];

	for (size_t i = 0; i < l->n; i++) {
		unsigned same = 0;

		if (l->v[i].need.kind != kind)
			continue;
		parent_of(l->v[i].need.value, dir);
		for (size_t j = 0; j < l->n; j++) {
			parent_of(l->v[j].need.value, other);
			same += l->v[j].need.kind == kind && strcmp(dir, other) == 0;
		}
		if (same >= COLLAPSE_SIBLINGS && sensible_dir(dir, p))
			snprintf(l->v[i].need.value, sizeof(l->v[i].need.value), "%s", dir);
	}
}

/* Drop duplicates and grants beneath another grant that covers them. */
static void drop_covered(struct jail_learn *l)
{
	for (size_t i = 0; i < l->n; i++) {
		for (size_t j = 0; j < l->n; j++) {
			const struct jail_need *a = &l->v[i].need, *b = &l->v[j].need;
			bool covers = i != j && path_kind(b->kind) &&
				      (a->kind == b->kind || b->kind == JAIL_NEED_WRITE) &&
				      (path_kind(a->kind) || a->kind == JAIL_NEED_PREREQ) &&
				      jail_path_within(a->value, b->value) &&
				      (strcmp(a->value, b->value) != 0 || a->kind != b->kind || j < i);

			if (covers) {
				l->v[j].count += l->v[i].count;
				drop(l, i--);
				break;
			}
		}
	}
}

/* A TCP socket is allowed by any connect grant; with none, only by all. */
static void settle_tcp(struct jail_learn *l)
{
	bool connect = false;

	for (size_t i = 0; i < l->n; i++)
		connect |= l->v[i].need.kind == JAIL_NEED_NET &&
			   strncmp(l->v[i].need.value, "connect:", 8) == 0;
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].need.kind != JAIL_NEED_TCP)
			continue;
		if (connect) {
			drop(l, i--);
			continue;
		}
		set_need(&l->v[i].need, JAIL_NEED_NET, "all",
			 "a TCP socket that connects nowhere (bind, listen)");
	}
}

static int by_grant(const void *x, const void *y)
{
	const struct jail_learn_entry *a = x, *b = y;

	if (a->need.kind != b->need.kind)
		return (int)a->need.kind - (int)b->need.kind;
	return strcmp(a->need.value, b->need.value);
}

static void collapse(struct jail_learn *l, const struct jail_policy *p)
{
	settle_tcp(l);
	collapse_siblings(l, JAIL_NEED_WRITE, p);
	collapse_siblings(l, JAIL_NEED_READ, p);
	drop_covered(l);
	qsort(l->v, l->n, sizeof(*l->v), by_grant);
}

static const char *relative_to(const char *path, const char *cwd)
{
	size_t n = cwd ? strlen(cwd) : 0;

	if (n > 1 && strncmp(path, cwd, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

static void summary_line(FILE *out, const struct jail_learn_entry *e,
			 const char *target, bool make, const char *cwd)
{
	char grant[PATH_MAX + 64], what[PATH_MAX + 64];

	jail_learn_describe(&e->first, what, sizeof(what));
	if (e->need.kind == JAIL_NEED_PREREQ && make) {
		fprintf(out, "jailsh: learn: add %s as a prerequisite of %s (%s read it)\n",
			relative_to(e->need.value, cwd), target, e->first.prog);
		return;
	}
	jail_learn_grant(&e->need, make, grant, sizeof(grant));
	if (make)
		fprintf(out, "%s%s%s\n", target ? target : "", target ? ": " : "", grant);
	else
		fprintf(out, "  %s\n", grant);
	fprintf(out, "    # %s: %s (%s, %u time%s)\n", e->first.prog, what,
		e->need.why, e->count, e->count == 1 ? "" : "s");
}

char *jail_learn_summary(struct jail_learn *l, const char *target, bool make,
			 const char *cwd, const struct jail_policy *p)
{
	char *text = NULL, grant[PATH_MAX + 64];
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (out == NULL)
		return NULL;
	collapse(l, p);
	if (l->n > 0) {
		fprintf(out, "jailsh: learn: %s%s%s%u access%s would be denied; %s:\n",
			target ? "target '" : "", target ? target : "",
			target ? "': " : "", l->total, l->total == 1 ? "" : "es",
			make ? "add to the makefile" : "these options allow them");
		for (size_t i = 0; i < l->n; i++)
			summary_line(out, &l->v[i], target, make, cwd);
	}
	if (l->n > 0 && !make) {
		fprintf(out, "jailsh: learn: rerun with:");
		for (size_t i = 0; i < l->n; i++) {
			jail_learn_grant(&l->v[i].need, false, grant, sizeof(grant));
			fprintf(out, " %s", grant);
		}
		fputc('\n', out);
	}
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}
