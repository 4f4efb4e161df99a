/* SPDX-License-Identifier: MIT */
/*
 * vars.c - the policy from JAIL_* make variables, read in the current
 * context: make expands .SHELLFLAGS per recipe line in the target's
 * context, so global, target-specific and pattern-specific values, +=,
 * override and private all behave as they do for any make variable.
 *
 * Lists are whitespace-separated ("\ " is a space inside a path); a value
 * make took from the environment is also split at ':' as jailsh does.
 * Relative paths are relative to the directory make runs in. A policy
 * with any bad element is never used: make stops naming the variable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jail.h"

enum item_kind { ITEM_WRITE, ITEM_READ, ITEM_HIDE, ITEM_NET, ITEM_ENV,
		 ITEM_UNHIDE, ITEM_PROTECT };

struct var_spec {
	const char *name;
	enum item_kind kind;
};

static const struct var_spec list_vars[] = {
	{ "JAIL_WRITE", ITEM_WRITE }, { "JAIL_READ", ITEM_READ },
	{ "JAIL_HIDE", ITEM_HIDE }, { "JAIL_NET", ITEM_NET },
	{ "JAIL_ENV", ITEM_ENV }, { "JAIL_UNHIDE", ITEM_UNHIDE },
	{ "JAIL_PROTECT", ITEM_PROTECT }, { NULL, ITEM_WRITE },
};

/* "target 'deploy': " inside a recipe, "" at the top level. */
static void target_label(char *out, size_t n)
{
	char *t = jail_mk_expand("$@");

	if (t[0])
		snprintf(out, n, "target '%s': ", t);
	else
		out[0] = '\0';
	free(t);
}

/* The library's message names the variable: we pass it as the source. */
static void fail(const struct jail_error *e)
{
	char line[sizeof(e->what) + sizeof(e->path) + 600], target[512];

	jail_mk_format_error(e, line, sizeof(line));
	target_label(target, sizeof(target));
	jail_mk_fatal("%s%s", target, line);
}

static int add_item(struct jail_policy *p, enum item_kind kind,
		    const char *item, const char *name, struct jail_error *err)
{
	const char *cwd = jail_plugin.cwd;

	switch (kind) {
	case ITEM_WRITE: return jail_policy_add_path(p, JAIL_PATH_WRITE, item, cwd, name, err);
	case ITEM_READ: return jail_policy_add_path(p, JAIL_PATH_READ, item, cwd, name, err);
	case ITEM_HIDE: return jail_policy_add_path(p, JAIL_PATH_HIDE, item, cwd, name, err);
	case ITEM_NET: return jail_policy_add_net(p, item, name, err);
	case ITEM_ENV: return jail_policy_add_env(p, item, name, err);
	case ITEM_UNHIDE: return jail_policy_add_path(p, JAIL_PATH_UNHIDE, item, cwd, name, err);
	case ITEM_PROTECT: return jail_policy_add_path(p, JAIL_PATH_PROTECT, item, cwd, name, err);
	}
	return -EINVAL;
}

static bool is_sep(char c, bool colon)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       (colon && c == ':');
}

/* Split VALUE in place into items; "\ " and "\\t" keep a blank. */
static void add_list(struct jail_policy *p, const struct var_spec *v,
		     char *value, bool colon)
{
	struct jail_error err = { 0 };
	char *r = value, *w;

	while (*r) {
		while (*r && is_sep(*r, colon))
			r++;
		if (*r == '\0')
			break;
		for (w = value; *r && !is_sep(*r, colon); r++) {
			if (r[0] == '\\' && (r[1] == ' ' || r[1] == '\t'))
				r++;
			*w++ = *r;
		}
		if (*r)
			r++;
		*w = '\0';
		if (add_item(p, v->kind, value, v->name, &err) < 0)
			fail(&err);
	}
}

static bool from_environment(const char *name)
{
	char ref[64];
	char *origin;
	bool env;

	snprintf(ref, sizeof(ref), "$(origin %s)", name);
	origin = jail_mk_expand(ref);
	env = strncmp(origin, "environment", 11) == 0;
	free(origin);
	return env;
}

static void read_mode(struct jail_policy *p)
{
	struct jail_error err = { 0 };
	char *v = jail_mk_var("JAIL_MODE"), *word, *save = NULL, *extra;

	word = strtok_r(v, " \t\n", &save);
	extra = word ? strtok_r(NULL, " \t\n", &save) : NULL;
	if (extra) {
		jail_error_set(&err, EINVAL, extra, "give one of enforce, best-effort, off, learn",
			       "JAIL_MODE takes one value, got a second");
		fail(&err);
	}
	if (word && jail_policy_set_mode(p, word, "JAIL_MODE", &err) < 0)
		fail(&err);
	free(v);
}

void jail_vars_policy(struct jail_policy *p)
{
	struct jail_error err = { 0 };

	for (const struct var_spec *v = list_vars; v->name; v++) {
		char *value = jail_mk_var(v->name);

		add_list(p, v, value, v->kind != ITEM_NET && from_environment(v->name));
		free(value);
	}
	read_mode(p);
	jail_vars_target(p);    /* target.c: $@, JAIL_STRICT, $^, JAIL_UNHIDE */
	/* Defaults: the directory make runs in is writable when JAIL_WRITE
	 * is empty; jailsh adds the hidden credential stores itself. */
	if (jail_policy_finish(p, jail_plugin.cwd, NULL, &err) < 0)
		fail(&err);
}

/* A word of sh flags jailsh accepts without a shell: -e, -ec, +x, -c ... */
static bool sh_flag_word(const char *w)
{
	return (w[0] == '-' || w[0] == '+') && w[1] &&
	       strspn(w + 1, "abCefhmnuvxc") == strlen(w + 1);
}

char *jail_vars_shellflags(void)
{
	char *v = jail_mk_var("JAIL_SHELLFLAGS"), *copy = strdup(v);
	char *word, *save = NULL, *last = NULL;
	bool ok = copy != NULL;

	for (word = copy ? strtok_r(copy, " \t\n", &save) : NULL; word && ok;
	     word = strtok_r(NULL, " \t\n", &save)) {
		ok = sh_flag_word(word);
		last = word;
	}
	if (ok && (last == NULL || last[0] != '-' || strchr(last, 'c') == NULL))
		ok = false;
	free(copy);
	if (!ok) {
		/* Anything else could make make run /bin/sh, unjailed, to
		 * split .SHELLFLAGS: refuse it. */
		jail_mk_fatal("JAIL_SHELLFLAGS '%s' is not a list of sh flags ending "
			      "in -c; write e.g. JAIL_SHELLFLAGS = -ec", v);
	}
	return v;
}

static void put(char **s, size_t *len, size_t *cap, const char *text)
{
	size_t n = strlen(text);

	if (*s == NULL || *len + n + 1 > *cap) {
		char *grown;

		*cap = (*cap + n + 1) * 2;
		grown = realloc(*s, *cap);
		if (grown == NULL)
			jail_mk_fatal("out of memory");
		*s = grown;
	}
	memcpy(*s + *len, text, n + 1);
	*len += n;
}

static void put_list(char **s, size_t *len, size_t *cap, const char *label,
		     const struct jail_strlist *l, const char *none)
{
	put(s, len, cap, label);
	for (size_t i = 0; i < l->n; i++) {
		put(s, len, cap, i ? " " : "");
		put(s, len, cap, l->v[i]);
	}
	if (l->n == 0)
		put(s, len, cap, none);
}

char *jail_policy_summary(const struct jail_policy *p)
{
	char *s = NULL, port[16];
	size_t len = 0, cap = 0;

	put_list(&s, &len, &cap, "write: ", &p->write, "(none)");
	if (p->strict_read)
		put_list(&s, &len, &cap, "; read: system dirs + writable + ", &p->read, "");
	else
		put(&s, &len, &cap, "; read: everything not hidden");
	put_list(&s, &len, &cap, "; hide: ", &p->hide, "");
	put(&s, &len, &cap, p->no_default_hide ? "" :
	    p->hide.n ? " + credential stores under $HOME" :
	    "credential stores under $HOME");
	put(&s, &len, &cap, "; net:");
	if (p->net == 0)
		put(&s, &len, &cap, " none");
	if (p->net & JAIL_NET_ALL)
		put(&s, &len, &cap, " all");
	if (p->net & JAIL_NET_UNIX)
		put(&s, &len, &cap, " unix");
	for (unsigned i = 0; i < p->nports; i++) {
		snprintf(port, sizeof(port), "%s%u", i ? "," : " connect:", p->ports[i]);
		put(&s, &len, &cap, port);
	}
	put_list(&s, &len, &cap, "; env kept: ", &p->env_keep, "(scrubbed)");
	put(&s, &len, &cap, "; mode: ");
	put(&s, &len, &cap, jail_mode_name(p->mode));
	return s;
}
